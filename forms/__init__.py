"""JSON Schema form files: one per user task (named by the task's ``formJsonSchemaFilename``) and the
public intake form ``permohonan.json``. Titles are Bahasa Indonesia, ``x-title-en`` English."""
