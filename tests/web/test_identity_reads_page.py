"""The auditor's list of identity reads (/audit/baca-identitas, GET /api/v1/audit/identity-reads,
engine.identity_reads): who read which reporter's, reported person's or requester's identity, when, on which case and
under what authority (a whistleblower's reveal: its request and who approved it), across cases, newest first, paged,
filtered by period, officer and case, with the whole selection as CSV. For auditors only, and never the identity
itself. On both databases: the list is a query of its own over the cases' histories (a JSON field picks a reported
person's reads), its times read back in office time, filtered by period, officer and case, paged and counted. Who may
read it, what it says of each kind of read, a refused filter and what it never shows are Python's over its rows: on
SQLite alone."""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.conftest import (
    REPORTER_NAME,
    REPORTER_NIK,
    complaint_payload,
    db_url,  # noqa: F401 - both databases again (tests/web/conftest.py takes SQLite alone): the list's query
    sqlite_only,
)
from tests.helpers import second_factor_login
from tests.web.pages import text

API = "/api/v1"
PAGE = "/audit/baca-identitas"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
REASON = "LPSK meminta identitas pelapor untuk perlindungan saksi (surat 12/LPSK/2026)"
# What must never be on the list: the reporter's, the requester's and a reported person's identity.
PERSONAL = (
    REPORTER_NAME,
    REPORTER_NIK,
    "pelapor.rahasia@example.org",
    "+62 811 0000 7777",
    "Jl. Rahasia",
    "Ani Wijaya",
    "3171234507890001",
    "ani@example.org",
    "+62 812 1234 5678",
    "Suharto Wibisono",
)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def complaint(client, mode) -> str:
    r = client.post(f"{API}/complaints", json=complaint_payload(mode))
    assert r.status_code == 201, r.json
    return r.json["ticket"]


def revealed(app, client, login) -> tuple[str, int]:
    """A whistleblower's identity asked for by the handler (tim), approved by another WBS manager, then read."""
    ticket = complaint(client, "whistleblower")
    asked = client.post(f"{API}/complaints/{ticket}/reveal-requests", json={"reason": REASON}, headers=login("tim"))
    assert asked.status_code == 201, asked.json
    request_id = asked.json["id"]
    approved = client.post(
        f"{API}/complaints/{ticket}/reveal-requests/{request_id}/approve",
        json={"note": "Disetujui untuk LPSK"},
        headers=second_factor_login(app, client, "wbs"),
    )
    assert approved.status_code == 200, approved.json
    read = client.get(f"{API}/complaints/{ticket}/reporter", headers=login("tim"))
    assert read.status_code == 200, read.json
    return ticket, request_id


def rows(page: str) -> list[dict]:
    """The list's rows as the auditor reads them: each cell by its column's label."""
    table = re.search(r'<table class="tasks identity-reads">.*?<tbody>(.*?)</tbody>', page, re.S)
    if table is None:
        return []
    found = []
    for row in re.findall(r"<tr>(.*?)</tr>", table[1], re.S):
        cells = re.findall(r'<td data-label="([^"]+)">(.*?)</td>', row, re.S)
        found.append({label: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip() for label, cell in cells})
    return found


def test_a_reveal_approved_and_read_by_the_handler_is_listed_with_its_request_and_approver(app, client, login, browser):
    ticket, request_id = revealed(app, client, login)
    auditor = browser("auditor")
    assert f'href="{PAGE}"' in text(auditor.get("/audit"))  # linked from the console
    page = text(auditor.get(PAGE))
    assert "<h1>Pembacaan identitas</h1>" in page
    assert "1 pembacaan" in page
    (row,) = rows(page)
    assert row["Petugas"] == "Tim (tim)"
    assert row["Kasus"] == f"{ticket} · Pengaduan Masyarakat"
    assert f'href="/kasus/{ticket}"' in page
    assert row["Identitas"] == "Pelapor (whistleblower)"
    assert row["Dasar"] == (
        f"Pembukaan identitas no. {request_id}: diminta oleh Tim (tim) 2 Des 2026, 10:00 WIB;"
        " disetujui oleh Wbs (wbs) 2 Des 2026, 10:00 WIB"
    )
    assert row["Waktu"] == "2 Des 2026, 10:00 WIB"
    assert REASON not in page  # the request's reason is on the case's history, not here


# Each kind of read in words: the paged test below reads a reported person's and a reporter's on PostgreSQL.
@sqlite_only
def test_the_complaint_team_s_reads_of_a_confidential_reporter_and_of_the_reported_persons_are_listed(
    client, login, browser
):
    ticket = complaint(client, "rahasia")
    assert client.get(f"{API}/complaints/{ticket}/reporter", headers=login("tim2")).status_code == 200
    assert client.get(f"{API}/complaints/{ticket}/reported", headers=login("tim")).status_code == 200
    listed = rows(text(browser("auditor").get(PAGE)))
    assert [(r["Petugas"], r["Identitas"], r["Dasar"]) for r in listed] == [
        ("Tim (tim)", "Terlapor dan saksi", "Tim pengaduan"),
        ("Tim2 (tim2)", "Pelapor (rahasia)", "Tim pengaduan: pelapor rahasia"),
    ]


@sqlite_only
def test_a_copy_of_the_requester_s_personal_data_is_listed_as_a_read_under_their_right_of_access(
    client, login, desk, browser
):
    receipt = desk.submit()
    r = client.get(f"{API}/cases/{receipt['ticket']}/requester/copy", headers=login("petugas"))
    assert r.status_code == 200
    (row,) = rows(text(browser("auditor").get(PAGE)))
    assert row["Identitas"] == "Pemohon (salinan datanya untuk pemohon)"
    assert row["Dasar"] == "Hak pemohon atas salinan data pribadinya (UU 27/2022)"
    assert row["Kasus"].startswith(receipt["ticket"])


# Who may read the list: Python.
@sqlite_only
@pytest.mark.parametrize("who", ["unit", "unitmad", "tim", "wbs", "ppid", "petugas", "admin", "kepala"])
def test_only_auditors_read_the_list_of_identity_reads(client, login, browser, who):
    officer = browser(who)
    assert officer.get(PAGE).status_code == 403
    assert officer.get(PAGE, query_string={"format": "csv"}).status_code == 403
    assert client.get(f"{API}/audit/identity-reads", headers=login(who)).status_code == 403


def test_the_list_is_paged_and_filtered_by_period_officer_and_case(client, login, browser):
    first = complaint(client, "rahasia")
    second = complaint(client, "rahasia")
    for _read in range(50):
        assert client.get(f"{API}/complaints/{first}/reporter", headers=login("tim")).status_code == 200
    assert client.get(f"{API}/complaints/{second}/reporter", headers=login("tim2")).status_code == 200
    assert client.get(f"{API}/complaints/{second}/reported", headers=login("tim")).status_code == 200
    auditor = browser("auditor")
    page = text(auditor.get(PAGE))
    assert "52 pembacaan" in page
    assert len(rows(page)) == 50
    assert "Halaman 1 dari 2" in page
    assert 'href="/audit/baca-identitas?page=2" rel="next"' in page
    newest = rows(page)[0]
    assert (newest["Petugas"], newest["Identitas"]) == ("Tim (tim)", "Terlapor dan saksi")
    second_page = text(auditor.get(PAGE, query_string={"page": "2"}))
    assert len(rows(second_page)) == 2
    assert "Halaman 2 dari 2" in second_page
    assert [r["Kasus"] for r in rows(second_page)] == [f"{first} · Pengaduan Masyarakat"] * 2
    # The officer is chosen among those who read an identity, named as the pages name them.
    assert '<option value="tim2">Tim2 (tim2)</option>' in page
    by_tim2 = rows(text(auditor.get(PAGE, query_string={"officer": "tim2"})))
    assert [(r["Petugas"], r["Kasus"]) for r in by_tim2] == [("Tim2 (tim2)", f"{second} · Pengaduan Masyarakat")]
    # A case, by its ticket as a person types it.
    of_second = text(auditor.get(PAGE, query_string={"ticket": second.lower()}))
    assert "2 pembacaan" in of_second
    assert {r["Kasus"] for r in rows(of_second)} == {f"{second} · Pengaduan Masyarakat"}
    both = rows(text(auditor.get(PAGE, query_string={"ticket": second, "officer": "tim"})))
    assert [r["Identitas"] for r in both] == ["Terlapor dan saksi"]
    # A period: the day of the reads, and a year before it.
    assert "52 pembacaan" in text(auditor.get(PAGE, query_string={"from": "2026-12-02", "to": "2026-12-02"}))
    before = text(auditor.get(PAGE, query_string={"from": "2025-01-01", "to": "2025-12-31"}))
    assert "Tidak ada pembacaan identitas yang cocok." in before
    # The CSV holds the whole selection, not a page of it.
    csv = auditor.get(PAGE, query_string={"format": "csv", "officer": "tim"})
    assert csv.headers["Content-Disposition"] == "attachment; filename=kawal-pembacaan-identitas.csv"
    lines = csv.get_data().decode("utf-8-sig").splitlines()  # opened by a byte order mark, as a spreadsheet reads it
    assert lines[0] == "Waktu,Petugas,Nama pengguna,Nomor tiket,Proses,Identitas,Dasar"
    assert len(lines) == 1 + 51


# A refused filter and its words: Python's checks (an unknown ticket or officer is a lookup by equality).
@sqlite_only
@pytest.mark.parametrize(
    ("query", "field", "said"),
    [
        ({"from": "2026-12-31", "to": "2026-12-01"}, "to", "Hari terakhir tidak boleh sebelum hari pertama."),
        ({"from": "31-12-2026"}, "from", "Masukkan tanggal seperti 2026-03-31."),
        ({"ticket": "bukan tiket"}, "ticket", "nomor tiket seperti"),
        ({"ticket": "ADU-2026-999999"}, "ticket", "kasus tidak ditemukan"),
        ({"officer": "siapa"}, "officer", "Pilih petugas dari daftar."),
        ({"page": "0"}, None, "Nomor halaman mulai dari 1."),
    ],
)
def test_a_filter_the_list_cannot_read_is_said_and_never_read_as_every_read(browser, query, field, said):
    refused = browser("auditor").get(PAGE, query_string=query)
    assert refused.status_code == 422
    page = text(refused)
    assert 'class="error-summary"' in page
    if field:
        assert f'href="#reads-{field}"' in page
        assert f'id="reads-{field}-error"' in page
    assert said in page
    assert 'id="reads-title"' not in page  # no list beside a filter it could not read


# What the page, the CSV and the API leave out: Python over the rows the tests above read on PostgreSQL.
@sqlite_only
def test_nothing_personal_is_on_the_page_in_the_csv_or_in_the_api(app, client, login, desk, browser):
    ticket, _request_id = revealed(app, client, login)
    confidential = complaint(client, "rahasia")
    persons = {"terlapor": [{"nama": "Suharto Wibisono", "jabatan": "Petugas pendaftaran"}]}
    client.put(f"{API}/complaints/{confidential}/reported", json=persons, headers=login("tim"))
    assert client.get(f"{API}/complaints/{confidential}/reporter", headers=login("tim")).status_code == 200
    assert client.get(f"{API}/complaints/{confidential}/reported", headers=login("tim")).status_code == 200
    receipt = desk.submit()
    assert client.get(f"{API}/cases/{receipt['ticket']}/requester/copy", headers=login("petugas")).status_code == 200
    auditor = browser("auditor")
    page = text(auditor.get(PAGE))
    assert "4 pembacaan" in page
    csv = auditor.get(PAGE, query_string={"format": "csv"}).get_data(as_text=True)
    assert len(csv.splitlines()) == 5
    api = client.get(f"{API}/audit/identity-reads", headers=login("auditor")).get_data(as_text=True)
    for shown in (page, csv, api):
        for personal in PERSONAL:
            assert personal not in shown
        assert REASON not in shown


def test_the_api_lists_the_reads_with_their_reveal_paged_and_filtered(app, client, login):
    ticket, request_id = revealed(app, client, login)
    other = complaint(client, "rahasia")
    assert client.get(f"{API}/complaints/{other}/reporter", headers=login("tim2")).status_code == 200
    auditor = login("auditor")
    r = client.get(f"{API}/audit/identity-reads", headers=auditor)
    assert r.status_code == 200, r.json
    assert r.json["total"] == 2
    assert r.json["next_page"] is None
    newest, revealed_read = r.json["items"]
    assert (newest["officer"], newest["ticket"], newest["identity"], newest["authority"]) == (
        "tim2",
        other,
        "reporter",
        "complaint_team",
    )
    assert newest["reveal"] is None
    assert newest["reporter_mode"] == "rahasia"
    assert (revealed_read["ticket"], revealed_read["process"], revealed_read["authority"]) == (
        ticket,
        "pengaduan",
        "reveal",
    )
    reveal = revealed_read["reveal"]
    assert (reveal["id"], reveal["requested_by"], reveal["decided_by"], reveal["status"]) == (
        request_id,
        "tim",
        "wbs",
        "approved",
    )
    one = client.get(f"{API}/audit/identity-reads", query_string={"officer": "tim", "per_page": 1}, headers=auditor)
    assert [i["ticket"] for i in one.json["items"]] == [ticket]
    assert one.json["total"] == 1
    paged = client.get(f"{API}/audit/identity-reads", query_string={"per_page": 1}, headers=auditor)
    assert paged.json["next_page"] == 2
    assert [i["ticket"] for i in paged.json["items"]] == [other]
    of_case = client.get(f"{API}/audit/identity-reads", query_string={"ticket": ticket}, headers=auditor)
    assert [i["ticket"] for i in of_case.json["items"]] == [ticket]
    empty = client.get(
        f"{API}/audit/identity-reads",
        query_string={"from": "2000-01-01T00:00:00+07:00", "to": "2000-02-01T00:00:00+07:00"},
        headers=auditor,
    )
    assert empty.json["items"] == []
    unknown = client.get(f"{API}/audit/identity-reads", query_string={"proses": "pengaduan"}, headers=auditor)
    assert unknown.status_code == 422  # refused, never ignored
