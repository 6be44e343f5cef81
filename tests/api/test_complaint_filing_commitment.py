"""A complaint's history keeps no word the reporter typed (legal-process.md §7.3 rules 1 and 3; UU 27/2022: what
identifies a person must stay erasable). The filing event (``complaint_submitted``) records the reporter's free-text
fields (subject, description, place, date, LAPOR! number) as a keyed commitment, ``details_hmac`` (HMAC-SHA256 under
a key derived from the server's secret) with the names of the fields it covers (``detail_fields``); the words stay on
the case row, for those who may read them. So the audit export, a file passed on outside Kawal, carries none of a
NIK, a phone number or a name the reporter wrote there, and the chain check still catches the case's details changed
in the database without its history. The auditor reads the team's summary, written without names
(``uraian_ringkas``), never the reporter's own narrative; the complaint team reads everything as before. A history
filed before (the words in its first event) still verifies."""

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from api.cli import main
from api.extensions import db
from engine import complaints
from engine.audit import REPORTER_WORDS
from engine.complaints import DETAILS, FORM
from engine.models import Case
from tests.conftest import complaint_payload, sqlite_only
from tests.web.pages import text
from tests.workflows.test_pengaduan_paths import CATAT

API = "/api/v1"
NIK = "3171012301678901"  # the reporter's own, typed into the description
PHONE = "0812-3456-7890"
NAME = "Rina Kartikasari"
REPORTED = "Pak Darmawan"  # the reported person, by name
WORDS = {
    "pokok_masalah": f"Pungli oleh {REPORTED} di madrasah",
    "uraian": (
        f"Saya {NAME}, bendahara madrasah, NIK {NIK}, HP {PHONE}. {REPORTED} meminta uang Rp500.000 di luar"
        " ketentuan pada pendaftaran."
    ),
    "lokasi": f"Rumah {NAME}, Jl. Melati 3",
    "nomor_lapor": "LAPOR-8812345",
}
UNSAID = (NIK, PHONE, PHONE.replace("-", ""), NAME, REPORTED, "Darmawan", "Melati", "LAPOR-8812345")
FREE_TEXT = ["lokasi", "nomor_lapor", "pokok_masalah", "uraian", "waktu_kejadian"]


@pytest.fixture
def kawal(db_url, monkeypatch):
    monkeypatch.setenv("KAWAL_DATABASE_URL", db_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return run


def file_complaint(client, mode="whistleblower") -> str:
    r = client.post(f"{API}/complaints", json=complaint_payload(mode, kategori_pelapor="asn", **WORDS))
    assert r.status_code == 201, r.json
    return r.json["ticket"]


def export(client, login, ticket, fmt) -> str:
    r = client.get(f"{API}/audit/export", query_string={"ticket": ticket, "format": fmt}, headers=login("auditor"))
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_data(as_text=True)
    r.close()
    return body


def unsaid_in(body: str) -> list[str]:
    return [value for value in UNSAID if value.casefold() in body.casefold()]


def change_details(app, ticket, **changed) -> None:
    """The case row's details changed in the database directly, without an event (what the check must catch)."""
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        case.details = {**case.details, **changed}
        db.session.commit()


def api_check(client, login, ticket) -> dict:
    r = client.get(f"{API}/audit/verify", query_string={"ticket": ticket}, headers=login("auditor"))
    assert r.status_code == 200, r.json
    return r.json


# On PostgreSQL too: the filing event in the audit exports (JSON lines and CSV), and the chain check (`kawal audit
# verify` and the API) over the case's details stored as JSON, changed in the database. The others are @sqlite_only:
# the commitment's key, a second change caught, who reads what and the pages' words, Python's decision over the same
# rows (their PostgreSQL twin ran the same Python again).
# --- the history and its exports -------------------------------------------------------------------------------


def test_the_filing_event_in_the_audit_export_holds_a_commitment_never_the_reporter_s_words(client, login):
    ticket = file_complaint(client)
    lines = export(client, login, ticket, "jsonl")
    assert unsaid_in(lines) == []
    first = json.loads(lines.splitlines()[0])
    assert first["type"] == "complaint_submitted"
    data = first["data"]
    assert re.fullmatch(r"[0-9a-f]{64}", data["details_hmac"])
    assert data["detail_fields"] == FREE_TEXT
    # What carries no word of the reporter stays readable: the channel, the mode, the categories chosen from lists.
    assert (data["channel"], data["mode"], data["kategori_usulan"], data["kategori_pelapor"]) == (
        "web",
        "whistleblower",
        "pungli",
        "asn",
    )
    assert not set(FREE_TEXT) & set(data)
    # CSV (one column per field of the data): the same, read by a person.
    table = export(client, login, ticket, "csv")
    assert unsaid_in(table) == []
    rows = list(csv.DictReader(io.StringIO(table.lstrip("\ufeff"))))
    (hmac_column,) = [c for c in rows[0] if c.endswith("details_hmac")]
    assert rows[0][hmac_column] == data["details_hmac"]


@sqlite_only
def test_the_commitment_is_keyed_a_guess_of_the_words_cannot_be_tested_against_it(app, client, login):
    ticket = file_complaint(client, "anonim")
    data = json.loads(export(client, login, ticket, "jsonl").splitlines()[0])["data"]
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        words = {k: case.details[k] for k in FREE_TEXT if case.details.get(k)}
    plain = json.dumps(words, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert data["details_hmac"] != hashlib.sha256(plain).hexdigest()  # no unkeyed hash: short fields would be guessed
    assert words["uraian"] == WORDS["uraian"]  # the words themselves stay on the case row, erasable


def test_the_check_passes_and_catches_the_reporter_s_words_changed_on_the_case_row(app, client, login, kawal):
    ticket = file_complaint(client)
    assert kawal("audit", "verify").exit_code == 0
    assert api_check(client, login, ticket)["ok"] is True
    # A change of the case's details that is no word of the reporter (its reported persons' reference, its
    # language) is no break: the commitment covers the reporter's words only.
    change_details(app, ticket, terlapor_party_id=None)
    assert api_check(client, login, ticket)["ok"] is True
    change_details(app, ticket, uraian="Tidak ada apa-apa.")
    done = kawal("audit", "verify")
    assert done.exit_code == 1
    assert f"case {ticket}" in done.output
    assert "details" in done.output
    checked = api_check(client, login, ticket)
    assert checked["ok"] is False
    (told,) = checked["breaks"]
    assert told["ticket"] == ticket
    assert "details" in told["reason"]


@sqlite_only
@pytest.mark.parametrize("field", ["pokok_masalah", "nomor_lapor"])
def test_a_word_field_removed_or_added_on_the_case_row_is_caught_too(app, client, login, field):
    ticket = file_complaint(client, "rahasia")
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        case.details = {k: v for k, v in case.details.items() if k != field}
        db.session.commit()
    assert api_check(client, login, ticket)["ok"] is False


@sqlite_only
def test_the_console_s_check_names_the_changed_details_in_the_reader_s_language(app, client, browser):
    ticket = file_complaint(client, "anonim")
    change_details(app, ticket, lokasi="Tempat lain")
    page = text(browser("auditor").get("/audit", query_string={"ticket": ticket, "periksa": "1"}))
    assert ticket in page
    assert "rincian pengaduan pada kasus tidak sama dengan yang dikunci riwayatnya" in page


@sqlite_only
def test_a_complaint_filed_before_with_the_words_in_its_first_event_still_verifies(
    app, client, login, kawal, monkeypatch
):
    # The filing event as Kawal wrote it before (the reporter's words in it): the chain is immutable, so such
    # histories stay as they are and still verify; they have no commitment to check the case row against.
    with monkeypatch.context() as before:
        before.setattr(complaints, "filing_words", lambda _settings, details: dict(details))
        ticket = file_complaint(client)
    first = json.loads(export(client, login, ticket, "jsonl").splitlines()[0])["data"]
    assert first["uraian"] == WORDS["uraian"]
    assert "details_hmac" not in first
    file_complaint(client)  # and one filed today beside it
    assert kawal("audit", "verify").exit_code == 0
    assert api_check(client, login, ticket)["ok"] is True


# --- who reads what of the complaint ------------------------------------------------------------------------------


def complete(client, login, ticket, name, data, who="tim"):
    case = client.get(f"{API}/cases/{ticket}", headers=login(who)).json
    (task,) = [t for t in case["open_tasks"] if t["name"] == name]
    r = client.post(f"{API}/tasks/{task['id']}/complete", json={"data": data}, headers=login(who))
    assert r.status_code == 200, r.json


@sqlite_only
@pytest.mark.parametrize("mode", ["anonim", "rahasia", "whistleblower"])
def test_the_auditor_reads_the_team_s_summary_never_the_reporter_s_narrative(client, login, browser, mode):
    ticket = file_complaint(client, mode)
    auditor = browser("auditor")
    # Before the team has recorded it: no summary yet, said so; none of the reporter's words.
    details = client.get(f"{API}/cases/{ticket}", headers=login("auditor")).json["details"]
    assert details == {"kategori_pelapor": "asn", "kategori_usulan": "pungli", "uraian_ringkas": None}
    page = text(auditor.get(f"/kasus/{ticket}"))
    assert unsaid_in(page) == []
    assert "Belum diringkas oleh tim pengaduan" in page
    complete(client, login, ticket, "catat_pengaduan", CATAT)
    details = client.get(f"{API}/cases/{ticket}", headers=login("auditor")).json["details"]
    assert details["uraian_ringkas"] == CATAT["uraian_ringkas"]
    assert not set(FREE_TEXT) & set(details)
    page = text(auditor.get(f"/kasus/{ticket}"))
    assert CATAT["uraian_ringkas"] in page
    assert "Ringkasan tim pengaduan (tanpa nama orang)" in page
    assert unsaid_in(page) == []
    assert "Belum diringkas" not in page


@sqlite_only
def test_the_complaint_team_still_reads_the_reporter_s_own_words(client, login, browser):
    ticket = file_complaint(client)
    details = client.get(f"{API}/cases/{ticket}", headers=login("tim")).json["details"]
    assert {k: details[k] for k in WORDS} == WORDS
    page = text(browser("tim").get(f"/kasus/{ticket}"))
    assert NIK in page
    assert NAME in page
    assert "Ringkasan tim pengaduan" not in page


@sqlite_only
def test_a_commitment_made_under_another_key_is_not_compared_and_breaks_nothing(app, client, kawal, monkeypatch):
    # KAWAL_SECRET_KEY changed since the filing: the check cannot compare the words with a commitment it has no key
    # for, and says nothing of them rather than a break of every complaint; the chain itself is still checked.
    ticket = file_complaint(client, "anonim")
    change_details(app, ticket, uraian="Tidak ada apa-apa.")
    assert kawal("audit", "verify").exit_code == 1
    monkeypatch.setenv("KAWAL_SECRET_KEY", "another-secret-of-the-office-after-a-rotation-0123456789")
    assert kawal("audit", "verify").exit_code == 0


def test_every_field_of_the_filing_a_reporter_words_freely_is_kept_out_of_the_history():
    """The filing event carries a detail in the clear only when the reporter chose it from a list (an ``enum`` of
    the form): a free-text field added to the form and to ``DETAILS`` later must join ``REPORTER_WORDS``, or its
    words would land in the hash-chained history for good."""
    form = json.loads((Path(__file__).resolve().parents[2] / "forms" / FORM).read_text())["properties"]
    chosen = {name for name in DETAILS if "enum" in form[name]}
    assert set(REPORTER_WORDS) == set(DETAILS) - chosen
