"""Issue 11 point 11: exports an auditor can read. CSV and XLSX have Bahasa Indonesia headers (English on
request), instants in office time, one column per field instead of a JSON column, and the agency's name on
every row, on the workbook's title and on every printed page; every page of the app names the agency too."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.conftest import sqlite_only
from tests.web.pages import Browser, text

API = "/api/v1"
AGENCY = "Kantor Wilayah Kementerian Agama Provinsi Contoh"


@pytest.fixture
def settings_overrides():
    return {"KAWAL_AGENCY_NAME": AGENCY}


def _export(client, login, fmt, **query):
    r = client.get(f"{API}/audit/export", query_string={"format": fmt, **query}, headers=login("auditor"))
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_data()
    r.close()
    return body


@pytest.fixture
def checked(desk):
    receipt = desk.submit()
    desk.complete(receipt["ticket"], "periksa_kelengkapan")  # records {"lengkap": true}
    return receipt["ticket"]


# On PostgreSQL too: the CSV, the events' instants and their JSON data read back, one column per field. The others are
# @sqlite_only: headers, words, the workbook's layout and the pages, written in Python over the same rows; the JSON
# lines export verifies on PostgreSQL in tests/api/test_request_flow.py.
def test_the_csv_speaks_bahasa_indonesia_in_office_time_with_a_column_per_field(client, login, checked):
    rows = list(csv.DictReader(io.StringIO(_export(client, login, "csv").decode("utf-8-sig"))))
    header = list(rows[0])
    assert header[:6] == ["instansi", "tiket", "urutan", "waktu", "peristiwa", "pelaku"]
    assert header[-2:] == ["hash_sebelumnya", "hash"]
    assert "data" not in header
    assert "isian.data.lengkap" in header  # the task's form field, in its own column
    assert "isian.received_at" in header
    assert {r["instansi"] for r in rows} == {AGENCY}
    assert all(r["waktu"].endswith("+07:00") for r in rows)  # WIB, the office's zone
    submitted = next(r for r in rows if r["peristiwa"] == "request_submitted")
    assert submitted["isian.received_at"].endswith("+07:00")
    completed = next(r for r in rows if r["peristiwa"] == "task_completed")
    assert completed["isian.data.lengkap"] == "ya"
    assert not any(v.startswith("{") for r in rows for v in r.values())  # no JSON text in any cell


@sqlite_only
def test_english_headers_on_request(client, login, checked):
    rows = list(csv.DictReader(io.StringIO(_export(client, login, "csv", lang="en").decode("utf-8-sig"))))
    assert list(rows[0])[:6] == ["agency", "ticket", "seq", "at", "type", "actor"]
    assert "data.data.lengkap" in rows[0]
    assert next(r for r in rows if r["type"] == "task_completed")["data.data.lengkap"] == "yes"


@sqlite_only
def test_the_workbook_names_the_agency_on_its_title_and_every_printed_page(client, login, checked):
    workbook = load_workbook(io.BytesIO(_export(client, login, "xlsx")))
    sheet = workbook.active
    assert AGENCY in sheet["A1"].value
    assert sheet.oddHeader.center.text == AGENCY
    assert "&P" in sheet.oddFooter.center.text
    assert [c.value for c in sheet[2]][:6] == ["instansi", "tiket", "urutan", "waktu", "peristiwa", "pelaku"]
    assert sheet["A3"].value == AGENCY


@sqlite_only
def test_the_jsonl_export_stays_the_canonical_history(client, login, checked):
    body = _export(client, login, "jsonl").decode()
    assert '"data": {' in body  # machines and `kawal audit verify` read the events as recorded
    assert AGENCY not in body


@sqlite_only
def test_every_page_header_names_the_agency(app, checked):
    officer = Browser(app.test_client())
    officer.login("petugas")
    assert AGENCY in text(officer.get("/kotak-masuk"))
    assert AGENCY in text(Browser(app.test_client()).get("/publik"))


@sqlite_only
def test_the_readable_exports_say_each_event_in_words_beside_its_name_and_the_chains_still_verify(
    client, login, checked
):
    """The CSV wrote only the event's name ("task_completed"): an auditor read code. Beside it now, the event in
    words as the case page names it, in the export's language; the name stays for machines, and the hashes are
    the history's own: the JSON lines export still verifies, event for event the CSV's."""
    import json

    from engine.audit import verify_lines
    from tests.conftest import complaint_payload

    sealed = client.post(f"{API}/complaints", json=complaint_payload("whistleblower"))
    assert sealed.status_code == 201, sealed.json
    assert client.get(f"{API}/cases/{sealed.json['ticket']}", headers=login("tim")).status_code == 200  # a read
    rows = list(csv.DictReader(io.StringIO(_export(client, login, "csv").decode("utf-8-sig"))))
    assert list(rows[0])[5:7] == ["pelaku", "uraian_peristiwa"]
    words = {(r["peristiwa"], r["uraian_peristiwa"]) for r in rows}
    assert {("request_submitted", "Permohonan diterima"), ("task_completed", "Tugas diselesaikan")} <= words
    read = [
        r["uraian_peristiwa"] for r in rows if r["tiket"] == sealed.json["ticket"] and r["peristiwa"] == "case_read"
    ]
    assert read
    assert set(read) == {"Pengaduan whistleblower dibaca"}  # the complaint read, by its reporter's mode
    english = list(csv.DictReader(io.StringIO(_export(client, login, "csv", lang="en").decode("utf-8-sig"))))
    assert list(english[0])[5:7] == ["actor", "event_in_words"]
    assert {(r["type"], r["event_in_words"]) for r in english} >= {("task_completed", "Task completed")}
    sheet = load_workbook(io.BytesIO(_export(client, login, "xlsx"))).active
    assert [c.value for c in sheet[2]][5:7] == ["pelaku", "uraian_peristiwa"]
    lines = _export(client, login, "jsonl").splitlines(keepends=True)
    assert list(verify_lines(lines)) == []
    assert [r["hash"] for r in rows] == [json.loads(line)["hash"] for line in lines]
