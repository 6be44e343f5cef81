"""Every ``x-kawal-file`` field in forms/ is one the engine can keep: ids in the data, known types, limits
no larger than the reporter's, a scan confirmation that is a list of (finding code, reason) of the same
form, and a redaction record whose originals are a file field never delivered nor shown to the requester."""

from __future__ import annotations

import json

import pytest

from engine import files
from engine.config import FORMS_DIR
from engine.task_files import FILE

FIELDS = [
    (path.name, name, node)
    for path in sorted(FORMS_DIR.glob("*.json"))
    for name, node in json.loads(path.read_text(encoding="utf-8")).get("properties", {}).items()
    if FILE in node
]
KNOWN_TYPES = {media_type for _signature, media_type, _extension in files.SIGNATURES}


def test_the_delivery_and_the_units_answers_take_files():
    assert {(form, name) for form, name, _node in FIELDS} == {
        ("penyerahan_informasi.json", "berkas_informasi"),
        ("penyerahan_informasi.json", "berkas_asli"),
        ("tanggapan_unit.json", "berkas_temuan"),
        ("pengaduan_klarifikasi_unit.json", "berkas_pendukung"),  # a complaint's clarification: its documents
    }


@pytest.mark.parametrize(("form", "name", "node"), FIELDS, ids=[f"{f}:{n}" for f, n, _ in FIELDS])
def test_a_file_field_holds_ids_of_known_types_within_the_limits(form, name, node):
    spec = node[FILE]
    assert node["type"] == "array"
    assert node["items"] == {"type": "integer"}
    assert set(spec["types"]) <= KNOWN_TYPES
    assert spec.get("maxFiles", files.MAX_FILES) <= files.MAX_FILES
    assert node.get("maxItems") == spec.get("maxFiles", files.MAX_FILES)
    if "scan" in spec:
        schema = json.loads((FORMS_DIR / form).read_text(encoding="utf-8"))
        confirm = schema["properties"][spec["scan"]["confirm"]]
        assert confirm["type"] == "array"
        assert confirm["items"]["required"] == ["temuan", "alasan"]
        assert spec["scan"]["confirm"] not in schema.get("required", [])
    if "redaction" in spec:
        schema = json.loads((FORMS_DIR / form).read_text(encoding="utf-8"))
        originals = schema["properties"][spec["redaction"]["originals"]]
        assert FILE in originals
        assert not originals[FILE].get("delivery")  # kept internal: never handed over
        assert "x-visible-to" not in originals
        record = schema["properties"][spec["redaction"]["record"]]["items"]
        assert record["properties"]["pasal"]["enum"] == list("abcdefghij")  # UU 14/2008 Pasal 17 huruf a-j
