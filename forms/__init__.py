"""JSON Schema form files: one per user task (named by the task's ``formJsonSchemaFilename``) and the
public intake form ``permohonan.json``. Titles are Bahasa Indonesia, ``x-title-en`` English.

The forms are not versioned with the processes: a case keeps the process version it started on. A field that
only a newer version acts on names the step that reads it (``"x-needs-step": "disposisi_ulang"``) and is left
out of the task's form on a case whose version lacks that step (``engine.forms.for_steps``)."""
