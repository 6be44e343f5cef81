"""The front desk records a request that came on paper with its scanned pages (issue 15, point 1)."""

from __future__ import annotations

import hashlib
import io
import json

from engine.models import Attachment, CaseEvent
from tests.conftest import request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.delivery.conftest import PNG, pdf

SCAN = pdf("Formulir permohonan informasi publik (ditulis tangan, dipindai)")


def _paper(client, headers, payload=None, *scans):
    return client.post(
        "/api/v1/requests/paper",
        data={
            "data": json.dumps(payload or {**request_payload(), "channel": "langsung"}),
            "pindaian_permohonan": [(io.BytesIO(content), name) for name, content in scans],
        },
        content_type="multipart/form-data",
        headers=headers,
    )


def test_the_front_desk_attaches_the_scanned_paper_request(app, client, login):
    r = _paper(client, login("petugas"), None, ("formulir.pdf", SCAN), ("halaman2.png", PNG))
    assert r.status_code == 201, r.json
    ticket = r.json["ticket"]
    from api.extensions import db

    with app.app_context():
        rows = db.session.query(Attachment).order_by(Attachment.id).all()
        assert [(a.field, a.task_id, a.uploaded_by) for a in rows] == [("pindaian_permohonan", None, "petugas")] * 2
        attached = db.session.query(CaseEvent).filter_by(type="files_attached").one().data
    assert [f["sha256"] for f in attached["files"]] == [
        hashlib.sha256(SCAN).hexdigest(),
        hashlib.sha256(PNG).hexdigest(),
    ]
    got = client.get(f"/api/v1/cases/{ticket}/files/{rows[0].id}", headers=login("ppid"))
    assert got.data == SCAN


def test_a_scan_that_is_not_a_pdf_or_picture_refuses_the_whole_filing(client, login, unchanged, settings):
    with unchanged():
        r = _paper(client, login("petugas"), None, ("formulir.docx", b"PK\x03\x04 a word file"))
    assert r.status_code == 422
    assert list(r.json["errors"]) == ["pindaian_permohonan.0"]
    assert not settings.files_dir.exists() or not any(settings.files_dir.iterdir())


def test_only_the_front_desk_records_a_paper_request(client, login, unchanged):
    with unchanged():
        assert _paper(client, {}, None, ("formulir.pdf", SCAN)).status_code == 401
        assert _paper(client, login("unit"), None, ("formulir.pdf", SCAN)).status_code == 403


def test_a_paper_request_with_bad_data_is_refused_with_field_messages(client, login, unchanged):
    with unchanged():
        r = _paper(client, login("petugas"), {"requester": {}}, ("formulir.pdf", SCAN))
    assert r.status_code == 422
    assert "requester_type" in r.json["errors"]


def test_the_desk_gives_the_language_the_requester_is_written_to_bahasa_indonesia_unless_said(client, login, unchanged):
    """The desk could not say that a requester writes in English: their receipt came in Indonesian (a walk report).
    The officer's own language is not the requester's: left out, it is Bahasa Indonesia."""
    petugas = login("petugas")
    english = _paper(client, petugas, {**request_payload(), "channel": "pos", "locale": "en"}, ("f.pdf", SCAN))
    assert english.status_code == 201, english.json
    in_english = {**petugas, "Accept-Language": "en"}  # an officer whose client asks for English answers
    unsaid = client.post("/api/v1/requests", json={**request_payload(), "channel": "langsung"}, headers=in_english)
    assert unsaid.status_code == 201, unsaid.json
    said = {**request_payload(), "channel": "telepon", "locale": "en"}
    assert (told := client.post("/api/v1/requests", json=said, headers=petugas)).status_code == 201, told.json
    for receipt, locale in ((english, "en"), (unsaid, "id"), (told, "en")):
        case = client.get(f"/api/v1/cases/{receipt.json['ticket']}", headers=login("ppid")).json
        assert case["requester"]["locale"] == locale
    with unchanged():
        wrong = _paper(client, petugas, {**request_payload(), "channel": "pos", "locale": "fr"}, ("f.pdf", SCAN))
    assert wrong.status_code == 422, wrong.json
    assert "locale" in wrong.json["errors"]
