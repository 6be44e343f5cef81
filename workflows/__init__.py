"""BPMN process files, deployed by ``engine.runtime`` (one ``process_version`` row per file content)."""
