"""What officers type on a complaint carries no one's NIK, phone number or e-mail (legal-process.md §7.3: the reporter's
identity kept in the vault; ARCHITECTURE.md: no personal data in task data). A complaint's task fields go into the
workflow's data the unit reads and into the case's history, which nothing takes back and the auditors export; its
notes are read by the whole team and the auditors. So a task form's text or a note on a complaint that holds a
16-digit number (unless a label names it as an account or the like), an 18-digit number (a NIP), a phone number
(mobile or landline) or a personal e-mail address, whoever's it is (the reporter's, a reported person's, anyone's),
is refused beside its field, naming the kind of data and never the value nor whose it is, and nothing is saved
(engine.officer_text). An information request is not a complaint: its desk writes down the requester's contact where
it needs to.

SQLite alone: every refusal here is decided in Python before anything is written, over rows either database returns
alike; the reporter read back from the vault is proven on PostgreSQL by tests/api/test_complaints_api.py, a note by
tests/api/test_workbench.py."""

import re

import pytest
from sqlalchemy import select

from api.extensions import db
from engine.models import Case, CaseEvent, CaseNote
from tests.api.test_complaint_disposition import TO_PENDMAD
from tests.conftest import REPORTER_NIK, complaint_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import STEP
from tests.workflows.test_pengaduan_paths import CATAT

API = "/api/v1"
PHONE = "+6281234567890"  # as the reporter gave it
EMAIL = "Pelapor.Rahasia@Example.org"  # as the reporter gave it
HENDRA = {"nama": "Hendra Gunawan", "nip_nrp": "198003152005011002", "jabatan": "Kepala tata usaha"}


def file_complaint(client, mode="rahasia"):
    payload = complaint_payload(mode)
    if mode != "anonim":
        payload["pelapor"] = {**payload["pelapor"], "phone": PHONE, "email": EMAIL}
    r = client.post(f"{API}/complaints", json=payload)
    assert r.status_code == 201, r.json
    return r.json["ticket"]


def open_task(client, login, ticket, name, who="tim"):
    case = client.get(f"{API}/cases/{ticket}", headers=login(who)).json
    (task,) = [t for t in case["open_tasks"] if t["name"] == name]
    return task["id"]


def complete(client, login, ticket, name, data, who="tim"):
    return send(client, login, open_task(client, login, ticket, name, who), data, who)


def send(client, login, task_id, data, who="tim"):
    """The task completed with ``data`` (its id read before: reading a confidential case is an event)."""
    return client.post(f"{API}/tasks/{task_id}/complete", json={"data": data}, headers=login(who))


def referred_to_unit(client, login, mode="rahasia"):
    """A complaint recorded, verified and referred to the PENDMAD unit: its officer ``unitmad`` answers."""
    ticket = file_complaint(client, mode)
    for name, data in (("catat_pengaduan", CATAT), ("verifikasi", {"hasil": "layak"}), ("klasifikasi", TO_PENDMAD)):
        r = complete(client, login, ticket, name, data)
        assert r.status_code == 200, r.json
    return ticket


def refused_beside(r, field, *unsaid):
    """422, the one field named, the kind of data said, and neither the value nor any of its digits runs."""
    assert r.status_code == 422, r.json
    assert list(r.json["errors"]) == [field], r.json
    said = r.get_data(as_text=True)
    for value in unsaid:
        assert value.casefold() not in said.casefold(), value
        for run in re.findall(r"\d{4,}", value):
            assert run not in said, run
    return " ".join(r.json["errors"][field])


def history(app, ticket) -> list[str]:
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        return list(db.session.scalars(select(CaseEvent.type).where(CaseEvent.case_id == case.id)))


def test_a_unit_s_answer_holding_the_reporter_s_phone_written_otherwise_is_refused_and_nothing_changes(
    app, client, login, unchanged
):
    ticket = referred_to_unit(client, login)
    answer = {"tanggapan": "Kami menghubungi pelapor di 0812-3456-7890 untuk konfirmasi.", "tindakan_yang_diambil": "-"}
    task_id, events = open_task(client, login, ticket, "klarifikasi_unit", "unitmad"), history(app, ticket)
    with unchanged():
        r = send(client, login, task_id, answer, "unitmad")
    said = refused_beside(r, "tanggapan", "0812-3456-7890", PHONE)
    assert "nomor telepon" in said
    assert "data pribadi" in said
    assert "Tanggapan unit" in r.json["message"]  # the field, by its title
    assert history(app, ticket) == events  # no event, the task still open
    assert open_task(client, login, ticket, "klarifikasi_unit", "unitmad")

    clean = {"tanggapan": "Kami menghubungi pelapor melalui tim pengaduan.", "tindakan_yang_diambil": "Teguran"}
    assert complete(client, login, ticket, "klarifikasi_unit", clean, who="unitmad").status_code == 200


@pytest.mark.parametrize("mode", ["rahasia", "whistleblower"])
@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("uraian_ringkas", "Menurut yang melapor (NIK {nik}), petugas meminta uang."),
        ("lokasi_kejadian", "Rumah pelapor, hubungi 62 812 3456 7890"),
        ("jabatan_terlapor", "Petugas pendaftaran; lapor balik ke PELAPOR.RAHASIA@EXAMPLE.ORG"),  # named, too
    ],
)
def test_the_reporter_s_own_nik_phone_or_e_mail_is_refused_in_any_field_whatever_the_mode(
    client, login, unchanged, mode, field, text
):
    ticket = file_complaint(client, mode)
    typed = text.format(nik=" ".join(re.findall(r"\d{4}", REPORTER_NIK)))  # its digits in groups of four
    task_id = open_task(client, login, ticket, "catat_pengaduan")
    with unchanged():
        r = send(client, login, task_id, {**CATAT, field: typed})
    assert "data pribadi" in refused_beside(r, field, REPORTER_NIK, PHONE, EMAIL)


def test_a_reported_person_s_nip_is_refused_even_in_a_field_only_the_team_reads(client, login, unchanged):
    ticket = referred_to_unit(client, login, "anonim")
    r = client.put(f"{API}/complaints/{ticket}/reported", json={"terlapor": [HENDRA]}, headers=login("tim"))
    assert r.status_code == 200, r.json
    answer = {"tanggapan": "Sudah ditegur", "tindakan_yang_diambil": "Teguran"}
    assert complete(client, login, ticket, "klarifikasi_unit", answer, "unitmad").status_code == 200
    summary = {"hasil": "cukup_ditindaklanjuti", "ringkasan": "Terlapor (NIP 19800315 200501 1 002) mengakui."}
    task_id = open_task(client, login, ticket, "klarifikasi")
    with unchanged():
        r = send(client, login, task_id, summary)
    # Refused as a NIP, in the words any 18-digit number gets: a refusal naming the reported person would tell
    # whoever typed it that it is theirs (engine.officer_text refuses by the typed text alone).
    said = refused_beside(r, "ringkasan", "19800315", "198003152005011002")
    assert "NIP" in said
    other = {**summary, "ringkasan": "Saksi (NIP 19751120 200003 2 004) melihatnya."}
    assert refused_beside(send(client, login, task_id, other), "ringkasan", "197511202000032004") == said
    summary["ringkasan"] = "Terlapor mengakui perbuatannya."
    assert complete(client, login, ticket, "klarifikasi", summary).status_code == 200


def test_any_mobile_number_or_personal_e_mail_is_refused_in_the_same_words_as_the_reporter_s(client, login, unchanged):
    """Nobody learns by a refusal that what they typed is the reporter's: a witness's number is refused alike."""
    ticket = file_complaint(client)
    task_id, words = open_task(client, login, ticket, "catat_pengaduan"), {}
    for typed in ("0812-3456-7890", "0813 9999 1234", "saksi.guru@gmail.com", EMAIL.lower()):
        with unchanged():
            r = send(client, login, task_id, {**CATAT, "lokasi_kejadian": f"Rumah saksi, hubungi {typed}."})
        words[typed] = refused_beside(r, "lokasi_kejadian", typed)
    assert words["0812-3456-7890"] == words["0813 9999 1234"]
    assert words["saksi.guru@gmail.com"] == words[EMAIL.lower()]
    # A landline is refused too, whoever's it is: the reporter may have given one, and a refusal for theirs alone
    # would say it is theirs (engine.officer_text). A role mailbox passes for everyone: an office's, not a person's.
    landline = {**CATAT, "lokasi_kejadian": "Kantor, telepon (0341) 551234"}
    with unchanged():
        r = send(client, login, task_id, landline)
    assert refused_beside(r, "lokasi_kejadian", "551234") == words["0812-3456-7890"]
    office = {**CATAT, "lokasi_kejadian": "Kantor (pengaduan@kemenag.go.id)"}
    assert complete(client, login, ticket, "catat_pengaduan", office).status_code == 200


def test_a_note_on_a_complaint_with_the_reporter_s_e_mail_is_refused_and_not_kept(app, client, login, unchanged):
    ticket = file_complaint(client)
    body = "Pelapor minta dihubungi lewat pelapor.rahasia@example.ORG saja."
    with unchanged():
        r = client.post(f"{API}/cases/{ticket}/notes", json={"body": body}, headers=login("tim"))
    assert "alamat e-mail" in refused_beside(r, "body", EMAIL)
    fine = {"body": "Pelapor minta dihubungi lewat e-mail."}
    fine = client.post(f"{API}/cases/{ticket}/notes", json=fine, headers=login("tim"))
    assert fine.status_code == 201, fine.json
    with app.app_context():
        assert [n.body for n in db.session.scalars(select(CaseNote))] == ["Pelapor minta dihubungi lewat e-mail."]


def test_an_information_request_s_desk_may_write_the_requester_s_contact(client, desk, login):
    receipt = desk.submit()
    ticket = receipt["ticket"]
    written = "Pemohon: ani@example.org, +62 812 1234 5678, NIK 3171234507890001"
    r = client.post(f"{API}/cases/{ticket}/notes", json={"body": written}, headers=login("petugas"))
    assert r.status_code == 201, r.json
    desk.complete(ticket, "periksa_kelengkapan", {**STEP["periksa_kelengkapan_kurang"], "kekurangan": written})
