"""JSON Schema form files: one per user task (named by the task's ``formJsonSchemaFilename``) and the
public intake form ``permohonan.json``. Titles are Bahasa Indonesia, ``x-title-en`` English.

The forms are not versioned with the processes: a case keeps the process version it started on. A field that
only a newer version acts on names the step that reads it (``"x-needs-step": "disposisi_ulang"``) and is left
out of the task's form on a case whose version lacks that step (``engine.forms.for_steps``). A field asked only on
some cases names the case record's values it needs (``"x-case-when": {"alasan": ["b", "c"]}``: the power of attorney's
authority to settle, asked only where mediation is possible) and is left out elsewhere (``engine.forms.for_case``);
the task's form lists what it left out under ``x-not-asked``, and an answer to it is dropped, not stored; or refused
beside the field when the field names its refusal (``"x-not-asked-error": "<code>"``: an authority to settle on a
dispute on ground a alone)."""
