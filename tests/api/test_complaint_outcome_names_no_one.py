"""The outcome a complaint's reporter is told names neither the reported person nor witnesses (legal-process.md §7.2
stage 9: the result is told "within the limits of confidentiality and exemption"; §7.1, §7.3: KMA 765/2018, the
confidentiality of the reported; engine.reported_party, engine.complaint_rules).

- The outcome notice waits until the team has said who the complaint reports, on the reported-persons page: a person
  recorded, or that no person is identified; so the names check has the names it refuses.
- Witnesses are recorded nowhere: a text that tells the reporter the outcome (the notice, which is the signed letter,
  the mail's attachment and the portal's message alike; the review's reason for closing) is refused when it names
  anyone by a form of address and a capitalised name, in both languages; a role ("Bapak/Ibu Pelapor", "Tim
  Pengaduan") is no name. The refusal stands beside the field, never repeats the name, and changes nothing.

The checks are Python's decisions, on SQLite alone (``sqlite_only``); one test stores and reads back the new "no
person identified" on both databases."""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from engine.reported_party import addresses_someone
from tests.api.test_complaint_documents import TO_PENDMAD
from tests.browser.journeys import ComplaintDesk
from tests.conftest import sqlite_only
from tests.workflows.test_pengaduan_paths import CATAT

API = "/api/v1"
NOW = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB: the notice is dated that day
MODE = "anonim"  # the test reporter's own name holds "Pelapor": a confidential one would be refused for it
OUTCOME, TEXT = "pemberitahuan_hasil", "ringkasan_untuk_pelapor"
NONE_IDENTIFIED = {"terlapor": [], "tidak_teridentifikasi": True}
UNPROVEN = {"hasil": "tidak_cukup_bukti", "ringkasan": "Klarifikasi kepada unit telah dilakukan."}
PLAIN = (
    "Terima kasih, Bapak/Ibu Pelapor, atas laporan Anda. Tim Pengaduan telah menindaklanjuti pengaduan ini; petugas "
    "yang bersangkutan telah diberi teguran tertulis."
)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def at_outcome(client, login, kept_database):
    """``at_outcome()``: a complaint whose clarification found too little evidence: its outcome notice is open, no
    reported person said."""

    def build():
        complaint = ComplaintDesk(client, login, MODE)
        complaint.complete("catat_pengaduan", CATAT)
        complaint.complete("verifikasi", {"hasil": "layak"})
        complaint.complete("klasifikasi", TO_PENDMAD)
        complaint.complete(
            "klarifikasi_unit", {"tanggapan": "Sudah ditegur", "tindakan_yang_diambil": "Teguran"}, "unitmad"
        )
        complaint.complete("klarifikasi", UNPROVEN)
        return complaint.ticket

    def kept() -> ComplaintDesk:
        ticket = kept_database("complaint-at-outcome", build)
        complaint = ComplaintDesk.__new__(ComplaintDesk)
        complaint.client, complaint.login, complaint.ticket = client, login, ticket
        return complaint

    return kept


def reported(client, login, ticket, body):
    return client.put(f"{API}/complaints/{ticket}/reported", json=body, headers=login("tim"))


def notify(client, login, task_id, text):
    data = {TEXT: text, "tanggal": "2027-01-11"}
    return client.post(f"{API}/tasks/{task_id}/complete", json={"data": data}, headers=login("tim"))


def refused_beside(r, field, *unsaid) -> str:
    assert r.status_code == 422, r.json
    assert list(r.json["errors"]) == [field], r.json
    for word in unsaid:  # the refusal names the problem, never the person
        assert not re.search(rf"\b{word}\b", r.get_data(as_text=True), re.IGNORECASE), word
    return r.json["errors"][field][0]


@sqlite_only
def test_the_outcome_waits_until_the_team_says_who_was_reported(client, login, unchanged, at_outcome):
    complaint = at_outcome()
    task_id = complaint.task(OUTCOME)["id"]  # read before: reading the case is an event
    with unchanged():
        said = refused_beside(notify(client, login, task_id, PLAIN), TEXT)
    assert "Terlapor" in said, said
    assert "tidak ada orang yang teridentifikasi" in said, said
    assert reported(client, login, complaint.ticket, NONE_IDENTIFIED).status_code == 200
    assert notify(client, login, task_id, PLAIN).status_code == 200


@sqlite_only
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Petugas telah diberi teguran tertulis. Thank you, Bu Ani and you, for reporting.", "Ani"),
        ("Terima kasih kepada Pak Joko, saksi dari bagian keuangan, atas keterangannya.", "Joko"),
        ("Keterangan saksi, Sdr.Rahmat, menguatkan laporan; petugas telah diberi teguran.", "Rahmat"),
        ("The witness, Mrs Smith, confirmed the report; the officer was given a written reprimand.", "Smith"),
        ("Petugas telah diberi teguran atas keterangan ibu Wulan dan bapak Hasan.", "Wulan"),
    ],
)
def test_the_outcome_names_no_one_by_a_form_of_address(client, login, unchanged, at_outcome, text, name):
    complaint = at_outcome()
    task_id = complaint.task(OUTCOME)["id"]  # read before: reading the case is an event
    assert reported(client, login, complaint.ticket, NONE_IDENTIFIED).status_code == 200
    with unchanged():
        said = refused_beside(notify(client, login, task_id, text), TEXT, name)
    assert "tidak boleh memuat identitas terlapor atau saksi" in said, said


LETTERS = (  # an outcome letter's usual wording: a form of address that ends a sentence, or title case
    "Terima kasih atas laporan Saudara. Hasil pemeriksaan menunjukkan petugas yang bersangkutan telah diberi teguran.",
    "Terima kasih, Bu. Kami telah menindaklanjuti pengaduan ini; petugas yang bersangkutan telah diberi teguran.",
    "Pengaduan Saudara Telah Kami Tindak Lanjuti. Petugas yang bersangkutan telah diberi teguran tertulis.",
)


@pytest.mark.parametrize("text", LETTERS)
def test_a_sentence_ending_after_a_form_of_address_or_title_case_names_no_one(text):
    assert not addresses_someone(text)


@pytest.mark.parametrize("text", ["Pak Joko", "Bu Ani", "Sdr. Rahmat", "Sdr.Rahmat", "Mrs Smith", "Bpk. Hasan"])
def test_a_form_of_address_and_a_name_still_names_someone(text):
    assert addresses_someone(f"Terima kasih kepada {text} atas keterangannya.")


@sqlite_only
def test_the_outcome_letter_s_usual_wording_goes_to_the_reporter(client, login, at_outcome):
    complaint = at_outcome()
    task_id = complaint.task(OUTCOME)["id"]  # read before: reading the case is an event
    assert reported(client, login, complaint.ticket, NONE_IDENTIFIED).status_code == 200
    r = notify(client, login, task_id, " ".join(LETTERS))
    assert r.status_code == 200, r.json


@sqlite_only
def test_a_reported_person_on_file_is_refused_by_name_without_a_form_of_address(client, login, unchanged, at_outcome):
    """The walker's notice: the reported officer by full name, and the first name alone (a field without names)."""
    complaint = at_outcome()
    task_id = complaint.task(OUTCOME)["id"]  # read before: reading the case is an event
    body = {"terlapor": [{"nama": "Budi Santoso", "jabatan": "Petugas pendaftaran"}]}
    assert reported(client, login, complaint.ticket, body).status_code == 200
    for text in ("The officer Budi Santoso was given a written reprimand.", "Petugas Budi telah diberi teguran."):
        with unchanged():
            said = refused_beside(notify(client, login, task_id, text), TEXT, "Budi", "Santoso")
        assert "terlapor" in said, said
    assert notify(client, login, task_id, PLAIN).status_code == 200  # roles and forms of address to the reporter


@sqlite_only
def test_the_review_s_reason_for_the_reporter_names_no_one_by_a_form_of_address(client, login, unchanged):
    complaint = ComplaintDesk(client, login, MODE)
    complaint.complete("catat_pengaduan", CATAT)
    closed = {"hasil": "tidak_dapat_ditindaklanjuti", "jenis_alasan": "lainnya", "alasan": "Tidak cukup data."}
    task_id = complaint.task("verifikasi")["id"]
    named = {**closed, "alasan_untuk_pelapor": "Menurut keterangan Pak Joko, kejadian itu di luar kantor ini."}
    with unchanged():
        r = client.post(f"{API}/tasks/{task_id}/complete", json={"data": named}, headers=login("tim"))
    refused_beside(r, "alasan_untuk_pelapor", "Joko")
    plain = {**closed, "alasan_untuk_pelapor": "Kejadian yang Bapak/Ibu Pelapor laporkan di luar kewenangan kami."}
    r = client.post(f"{API}/tasks/{task_id}/complete", json={"data": plain}, headers=login("tim"))
    assert r.status_code == 200, r.json


@sqlite_only
def test_no_person_identified_and_a_person_recorded_together_are_refused(client, login, unchanged, at_outcome):
    complaint = at_outcome()
    body = {"terlapor": [{"nama": "Ahmad Fauzi"}], "tidak_teridentifikasi": True}
    with unchanged():
        said = refused_beside(reported(client, login, complaint.ticket, body), "tidak_teridentifikasi", "Ahmad")
    assert "hapus barisnya" in said, said


@sqlite_only
def test_the_page_offers_no_person_identified_and_keeps_it(browser, client, login, at_outcome):
    complaint = at_outcome()
    task_id = complaint.task(OUTCOME)["id"]  # read before: reading the case is an event
    officer = browser("tim")
    form = officer.get(f"/kasus/{complaint.ticket}/terlapor").get_data(as_text=True)
    assert "Tidak ada orang yang teridentifikasi sebagai terlapor" in form
    sent = {"terlapor.0.nama": "", "tidak_teridentifikasi": "true"}
    response = officer.post(f"/kasus/{complaint.ticket}/terlapor", sent)
    assert response.status_code == 303, response.get_data(as_text=True)
    again = officer.get(f"/kasus/{complaint.ticket}/terlapor").get_data(as_text=True)
    assert re.search(r'name="tidak_teridentifikasi"[^>]*value="true"[^>]*checked', again), again
    assert notify(client, login, task_id, PLAIN).status_code == 200


def test_no_person_identified_is_stored_read_back_and_lets_the_outcome_go(client, login, at_outcome):
    """The new data: the case keeps that no person is identified (no vault party); reading it back, recording a
    person later withdraws it, and the outcome goes to the reporter either way."""
    complaint = at_outcome()
    task_id = complaint.task(OUTCOME)["id"]  # read before: reading the case is an event
    r = reported(client, login, complaint.ticket, NONE_IDENTIFIED)
    assert (r.status_code, r.json["changed"], r.json["tidak_teridentifikasi"]) == (200, True, True), r.json
    assert reported(client, login, complaint.ticket, NONE_IDENTIFIED).json["changed"] is False
    read = client.get(f"{API}/complaints/{complaint.ticket}/reported", headers=login("tim")).json
    assert (read["terlapor"], read["tidak_teridentifikasi"]) == ([], True)
    found = reported(client, login, complaint.ticket, {"terlapor": [{"nama": "Ahmad Fauzi"}]}).json
    assert (found["terlapor"], found["tidak_teridentifikasi"]) == ([{"nama": "Ahmad Fauzi"}], False)
    read = client.get(f"{API}/complaints/{complaint.ticket}/reported", headers=login("tim")).json
    assert read["tidak_teridentifikasi"] is False
    refused_beside(notify(client, login, task_id, "Sdr. Ahmad Fauzi telah diberi teguran."), TEXT, "Ahmad")
    assert notify(client, login, task_id, PLAIN).status_code == 200
