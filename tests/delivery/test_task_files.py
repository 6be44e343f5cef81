"""Files on officers' tasks (issue 15, point 1): the delivery task, the unit's answer, over the API.

A file field (``x-kawal-file``) takes files the way a reporter's attachments are taken: the type by
content, size and count limits, sha256, sealed at rest outside the database under a random name; the
workflow data holds only the files' ids. A refusal changes nothing, on disk or in the database.
"""

from __future__ import annotations

import hashlib
import re

import pytest

from engine.models import Attachment, CaseEvent
from tests.conftest import sqlite_only
from tests.delivery.conftest import PNG, handover, multipart, pdf
from tests.helpers import STEP

LETTER = pdf("DAFTAR PENERIMA BEASISWA 2026\nMadrasah Aliyah Negeri 1\nJumlah penerima: 120 siswa")
PHOTO_FINDING = hashlib.sha256(PNG).hexdigest()[:12] + "-1"  # the photo's one finding: its text cannot be read


def _complete_with_files(client, login, desk, ticket, task_name, data, username="petugas", **files):
    task = desk.task(ticket, task_name)
    return client.post(
        f"/api/v1/tasks/{task['id']}/complete-with-files",
        data=multipart(data, **files),
        content_type="multipart/form-data",
        headers=login(username),
    )


def _stored(directory):
    return sorted(p for p in directory.iterdir()) if directory.exists() else []


def test_files_handed_over_are_kept_sealed_and_the_workflow_holds_only_their_ids(
    app, client, login, desk, at_delivery, settings
):
    ticket = at_delivery()["ticket"]
    r = _complete_with_files(
        client,
        login,
        desk,
        ticket,
        "penyerahan_informasi",
        handover(desk, ticket, konfirmasi_temuan=[{"temuan": PHOTO_FINDING, "alasan": "diperiksa_manual"}]),
        berkas_informasi=[("daftar penerima.pdf", LETTER), ("../../foto.png", PNG)],
    )
    assert r.status_code == 200, r.json
    assert r.json["case"]["status"] == "selesai"

    from api.extensions import db

    with app.app_context():
        rows = db.session.query(Attachment).order_by(Attachment.id).all()
        assert [(a.field, a.file_name, a.media_type) for a in rows] == [
            ("berkas_informasi", "daftar_penerima.pdf", "application/pdf"),
            ("berkas_informasi", "foto.png", "image/png"),
        ]
        assert [a.sha256 for a in rows] == [hashlib.sha256(LETTER).hexdigest(), hashlib.sha256(PNG).hexdigest()]
        assert all(a.task_id is not None and a.uploaded_by == "petugas" for a in rows)
        ids = [a.id for a in rows]
        events = {e.type: e.data for e in db.session.query(CaseEvent).order_by(CaseEvent.seq)}
    # The workflow data and the history name the files by id; the history adds hashes, never a name.
    assert events["task_completed"]["data"]["berkas_informasi"] == ids
    assert events["files_attached"]["files"] == [
        {
            "id": ids[0],
            "field": "berkas_informasi",
            "sha256": hashlib.sha256(LETTER).hexdigest(),
            "size": len(LETTER),
            "media_type": "application/pdf",
        },
        {
            "id": ids[1],
            "field": "berkas_informasi",
            "sha256": hashlib.sha256(PNG).hexdigest(),
            "size": len(PNG),
            "media_type": "image/png",
        },
    ]
    assert "daftar" not in str(events["files_attached"])
    # On disk: random names, sealed content (neither the PDF's text nor its signature shows).
    on_disk = _stored(settings.files_dir)
    assert len(on_disk) == 2
    assert all(re.fullmatch(r"[0-9a-f]{32}", p.name) for p in on_disk)
    assert not any(b"%PDF" in p.read_bytes() or b"BEASISWA" in p.read_bytes() for p in on_disk)
    # The case's team downloads the file as it came in.
    got = client.get(f"/api/v1/cases/{ticket}/files/{ids[0]}", headers=login("ppid"))
    assert got.status_code == 200
    assert got.data == LETTER
    assert got.headers["Content-Disposition"] == 'attachment; filename="daftar_penerima.pdf"'


# The others on SQLite alone: the files' records again, the checks of a form and its files made before anything is
# written (engine.inbox.complete_task), who may read a file. The first test keeps the files' records on PostgreSQL.
@sqlite_only
def test_the_unit_attaches_what_it_found_to_its_answer_and_the_ppid_reads_it(app, client, login, desk):
    ticket = desk.submit()["ticket"]
    for step in ("periksa_kelengkapan", "registrasi"):
        desk.complete(ticket, step)
    desk.complete(ticket, "proses_permohonan", STEP["proses_permohonan_unit"])
    r = _complete_with_files(
        client,
        login,
        desk,
        ticket,
        "tanggapan_unit",
        STEP["tanggapan_unit"],
        username="unit",
        berkas_temuan=[("temuan.pdf", LETTER)],
    )
    assert r.status_code == 200, r.json
    from api.extensions import db

    with app.app_context():
        file_id = db.session.query(Attachment.id).scalar()
    assert client.get(f"/api/v1/cases/{ticket}/files/{file_id}", headers=login("ppid")).data == LETTER


@sqlite_only
def test_a_file_whose_content_is_not_an_allowed_type_is_refused_and_nothing_changes(
    client, login, desk, at_delivery, unchanged, settings
):
    ticket = at_delivery()["ticket"]
    with unchanged():
        r = _complete_with_files(
            client,
            login,
            desk,
            ticket,
            "penyerahan_informasi",
            handover(desk, ticket),
            berkas_informasi=[("ok.pdf", LETTER), ("surat.pdf", b"MZ\x90\x00 an executable named .pdf")],
        )
    assert r.status_code == 422
    assert list(r.json["errors"]) == ["berkas_informasi.1"]
    assert r.json["errors"]["berkas_informasi.1"] == ["hanya PDF, PNG atau JPEG"]
    assert _stored(settings.files_dir) == []
    assert "penyerahan_informasi" in desk.open_tasks(ticket)


@sqlite_only
def test_a_refused_file_and_the_form_s_missing_fields_are_told_in_one_answer(client, login, desk, unchanged, settings):
    """The unit's answer with a non-PDF and nothing filled in: the file's error came first, then, once fixed,
    the missing fields, one round after the other."""
    ticket = desk.submit()["ticket"]
    for step in ("periksa_kelengkapan", "registrasi"):
        desk.complete(ticket, step)
    desk.complete(ticket, "proses_permohonan", STEP["proses_permohonan_unit"])
    with unchanged():
        r = _complete_with_files(
            client, login, desk, ticket, "tanggapan_unit", {}, username="unit", berkas_temuan=[("x.pdf", b"MZ exe")]
        )
    assert r.status_code == 422
    errors = r.json["errors"]
    assert errors["berkas_temuan.0"] == ["hanya PDF, PNG atau JPEG"]
    missing = {name for name, messages in errors.items() if "wajib diisi" in messages}
    assert {name for name in STEP["tanggapan_unit"] if name in missing}  # the form's own required fields too
    assert "berkas_temuan" not in missing  # a file was sent: refused for what it is, not said to be missing
    assert _stored(settings.files_dir) == []


@sqlite_only
def test_an_empty_file_is_refused(client, login, desk, at_delivery, unchanged):
    ticket = at_delivery()["ticket"]
    with unchanged():
        r = _complete_with_files(
            client,
            login,
            desk,
            ticket,
            "penyerahan_informasi",
            handover(desk, ticket),
            berkas_informasi=[("kosong.pdf", b"")],
        )
    assert r.status_code == 422
    assert "berkas_informasi.0" in r.json["errors"]


@sqlite_only
def test_more_files_than_the_field_takes_are_refused(client, login, desk, at_delivery, unchanged, settings):
    ticket = at_delivery()["ticket"]
    with unchanged():
        r = _complete_with_files(
            client,
            login,
            desk,
            ticket,
            "penyerahan_informasi",
            handover(desk, ticket),
            berkas_informasi=[(f"b{n}.pdf", LETTER) for n in range(6)],
        )
    assert r.status_code == 422
    assert r.json["errors"]["berkas_informasi"] == ["paling banyak 5 berkas"]
    assert _stored(settings.files_dir) == []


@pytest.fixture
def settings_overrides():
    return {"KAWAL_MAX_ATTACHMENT_BYTES": "3000"}


@sqlite_only
def test_a_file_over_the_size_limit_is_refused(client, login, desk, at_delivery, unchanged, settings):
    ticket = at_delivery()["ticket"]
    big = pdf("x" * 50, *[f"Halaman {n}: " + "data " * 30 for n in range(20)])
    assert len(big) > 3000
    with unchanged():
        r = _complete_with_files(
            client,
            login,
            desk,
            ticket,
            "penyerahan_informasi",
            handover(desk, ticket),
            berkas_informasi=[("besar.pdf", big)],
        )
    assert r.status_code == 422
    assert r.json["errors"]["berkas_informasi.0"] == ["lebih dari 2.9 KB"]
    assert _stored(settings.files_dir) == []


@sqlite_only
def test_a_file_field_takes_files_only_never_ids_in_the_data(client, login, desk, at_delivery, unchanged):
    """Ids in the data could point at another case's files: a file field's value comes only as files."""
    ticket = at_delivery()["ticket"]
    task = desk.task(ticket, "penyerahan_informasi")
    with unchanged():
        r = client.post(
            f"/api/v1/tasks/{task['id']}/complete",
            json={"data": handover(desk, ticket, berkas_informasi=[1])},
            headers=login("petugas"),
        )
    assert r.status_code == 422
    assert "berkas_informasi" in r.json["errors"]


@sqlite_only
def test_files_for_a_field_that_takes_none_are_refused(client, login, desk, at_delivery, unchanged, settings):
    ticket = at_delivery()["ticket"]
    with unchanged():
        r = _complete_with_files(
            client,
            login,
            desk,
            ticket,
            "penyerahan_informasi",
            handover(desk, ticket),
            nomor_berita_acara=[("x.pdf", LETTER)],
        )
    assert r.status_code == 422
    assert "nomor_berita_acara" in r.json["errors"]
    assert _stored(settings.files_dir) == []


@sqlite_only
def test_a_refusal_of_the_form_itself_stores_no_file(client, login, desk, at_delivery, unchanged, settings):
    ticket = at_delivery()["ticket"]
    with unchanged():
        r = _complete_with_files(
            client,
            login,
            desk,
            ticket,
            "penyerahan_informasi",
            {"biaya_dibayar": 0},
            berkas_informasi=[("ok.pdf", LETTER)],
        )
    assert r.status_code == 422
    assert set(r.json["errors"]) == {"tanggal_penyerahan", "cara_penyerahan"}
    assert _stored(settings.files_dir) == []


@sqlite_only
def test_form_data_that_is_not_json_is_refused(client, login, desk, at_delivery, unchanged):
    ticket = at_delivery()["ticket"]
    task = desk.task(ticket, "penyerahan_informasi")
    with unchanged():
        r = client.post(
            f"/api/v1/tasks/{task['id']}/complete-with-files",
            data={"data": "{not json"},
            content_type="multipart/form-data",
            headers=login("petugas"),
        )
    assert r.status_code == 422
    assert "data" in r.json["errors"]


@sqlite_only
def test_an_unknown_file_is_not_found_and_no_anonymous_caller_reads_one(app, client, login, desk, at_delivery):
    ticket = at_delivery()["ticket"]
    r = _complete_with_files(
        client,
        login,
        desk,
        ticket,
        "penyerahan_informasi",
        handover(desk, ticket),
        berkas_informasi=[("a.pdf", LETTER)],
    )
    assert r.status_code == 200
    from api.extensions import db

    with app.app_context():
        file_id = db.session.query(Attachment.id).scalar()
    assert client.get(f"/api/v1/cases/{ticket}/files/{file_id + 1000}", headers=login("ppid")).status_code == 404
    assert client.get(f"/api/v1/cases/{ticket}/files/{file_id}").status_code == 401
