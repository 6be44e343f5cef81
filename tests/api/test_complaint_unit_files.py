"""The unit asked to clarify a complaint sends its supporting documents with its answer (legal-process.md §7.2 stage 5:
the clarification requests supporting documents; the Surat Permintaan Klarifikasi asks for them "melalui Kawal"). Its
form takes files as every officer's file field does (engine.task_files: type by content, sealed at rest, the workflow
holding only their ids); the complaint team reads them, the reporter never."""

import re

from engine.models import Attachment
from tests.api.test_complaint_disposition import classified
from tests.conftest import sqlite_only
from tests.delivery.conftest import multipart, pdf
from tests.web.pages import text

API = "/api/v1"
MINUTES = pdf("NOTULA KLARIFIKASI\nPanitia pendaftaran telah dipanggil dan ditegur.")
ANSWER = {"tanggapan": "Panitia telah dipanggil", "tindakan_yang_diambil": "Teguran tertulis"}


def _answer(client, login, task_id, **files):
    return client.post(
        f"{API}/tasks/{task_id}/complete-with-files",
        data=multipart(ANSWER, **files),
        content_type="multipart/form-data",
        headers=login("unitmad"),
    )


def test_the_unit_sends_supporting_documents_with_its_clarification_and_the_team_reads_them(
    app, client, login, browser
):
    complaint = classified(client, login)
    task = complaint.task("klarifikasi_unit")
    page = text(browser("unitmad").get(f"/tugas/{task['id']}"))
    assert re.search(r'<input [^>]*type="file"[^>]*name="berkas_pendukung"', page) or re.search(
        r'<input [^>]*name="berkas_pendukung"[^>]*type="file"', page
    ), "the unit's answer takes no file"
    assert 'enctype="multipart/form-data"' in page
    r = _answer(client, login, task["id"], berkas_pendukung=[("notula klarifikasi.pdf", MINUTES)])
    assert r.status_code == 200, r.json
    from api.extensions import db

    with app.app_context():
        (row,) = db.session.query(Attachment).filter(Attachment.field == "berkas_pendukung").all()
        file_id = row.id
    got = client.get(f"{API}/cases/{complaint.ticket}/files/{file_id}", headers=login("tim"))
    assert (got.status_code, got.data) == (200, MINUTES)
    assert client.get(f"{API}/cases/{complaint.ticket}/files/{file_id}", headers=login("unitmad")).status_code == 200


# A form check in Python; the test above keeps the file's record and its bytes on PostgreSQL.
@sqlite_only
def test_a_file_that_is_not_a_document_is_refused_beside_the_field_and_nothing_changes(client, login, unchanged):
    complaint = classified(client, login)
    task = complaint.task("klarifikasi_unit")
    with unchanged():
        r = _answer(client, login, task["id"], berkas_pendukung=[("notula.pdf", b"MZ\x90\x00 not a document")])
    assert r.status_code == 422, r.json
    assert r.json["errors"]["berkas_pendukung.0"] == ["hanya PDF, PNG atau JPEG"]
    assert complaint.task("klarifikasi_unit")["id"] == task["id"]  # still open
