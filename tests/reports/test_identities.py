"""Who is named in the registers and reports (legal-process.md §3.3, §7.3): the requester for PPID staff only,
a complaint's reporter never.

A requester's name and a reporter's name and NIK are planted; the cases are worked over HTTP; then every
register, report, statistic, chart and announcement is fetched as each kind of reader would, in every
format (page, CSV, XLSX, DOCX, the HTML a PDF is printed from, JSON), and searched.

On SQLite alone: who reads a name and what a page or file prints of the rows is Python's decision over rows either
database returns alike. The registers' and reports' queries run on PostgreSQL in tests/reports/test_year_figures.py
(the request register's requester names among them), test_pages.py and test_complaint_statistics.py; the searches
for a leaked name across every table in tests/reminders/test_reporter_leaks.py.
"""

import io
import zipfile
from datetime import UTC, datetime

import pytest
import time_machine

from api.reports import files
from tests.conftest import REPORTER_NAME, REPORTER_NIK, complaint_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see the docstring)
from tests.helpers import WHO, decision
from tests.reported import OUTCOME, say_who_was_reported
from tests.workflows.test_pengaduan_paths import ARSIP, CATAT, KE_UNIT, NOTICE, TANGGAPAN_UNIT, TINDAK_LANJUT

API = "/api/v1"
RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB
PLANTED_REQUESTER = "Rahmat Tertanam Sutisna"
CLARIFIED = {"hasil": "cukup_ditindaklanjuti", "ringkasan": "Klarifikasi kepada unit telah dilakukan."}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


@pytest.fixture
def printed(monkeypatch):
    """The HTML each PDF is printed from (the PDF's text is that HTML's)."""
    pages = []
    real = files.pdf.render_pdf

    def spy(html):
        pages.append(html)
        return real(html)

    monkeypatch.setattr(files.pdf, "render_pdf", spy)
    return pages


def body_text(response) -> str:
    """A response's words: the page or CSV as text, an XLSX's or DOCX's XML unzipped."""
    data = response.get_data()
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return data.decode("utf-8-sig", "replace")  # a CSV's byte order mark, as a spreadsheet reads it


def _decided_request(desk):
    receipt = desk.submit(name=PLANTED_REQUESTER, nik="3171010111112222")
    ticket = receipt["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    desk.complete(ticket, "uji_konsekuensi")
    desk.complete(ticket, "tetapkan_pengecualian")  # the exemption determined (issue 14)
    desk.complete(ticket, "pemberitahuan_tertulis")
    return ticket


REGISTER_PAGES = ("/laporan/register/permohonan", "/laporan/register/permohonan?format=csv")
REGISTER_FILES = ("/laporan/register/permohonan?format=xlsx",)
REGISTER_API = (f"{API}/registers/permohonan_informasi", f"{API}/registers/permohonan_informasi?format=csv")


def test_a_requester_s_name_is_in_the_request_register_for_ppid_staff_and_no_one_else(browser, client, desk, login):
    ticket = _decided_request(desk)
    for staff in ("petugas", "ppid", "atasan"):
        reader = browser(staff)
        for path in REGISTER_PAGES + REGISTER_FILES:
            response = reader.client.get(path)
            assert response.status_code == 200, (staff, path)
            assert ticket in body_text(response), (staff, path)
            assert PLANTED_REQUESTER in body_text(response), (staff, path)
        for path in REGISTER_API:
            response = client.get(path, headers=login(staff))
            assert PLANTED_REQUESTER in body_text(response), (staff, path)
    # The auditor reads the register, without the identity.
    auditor = browser("auditor")
    for path in REGISTER_PAGES + REGISTER_FILES:
        response = auditor.client.get(path)
        assert response.status_code == 200
        assert ticket in body_text(response)
        assert PLANTED_REQUESTER not in body_text(response)
    assert PLANTED_REQUESTER not in body_text(client.get(REGISTER_API[0], headers=login("auditor")))
    # The complaint team, a unit, the admin: not their register.
    for other in ("tim", "unit", "admin"):
        assert browser(other).client.get(REGISTER_PAGES[0]).status_code == 403, other
        assert client.get(REGISTER_API[0], headers=login(other)).status_code == 403, other
    # Nobody without a login.
    assert browser().client.get(REGISTER_PAGES[0]).status_code == 302
    assert client.get(REGISTER_API[0]).status_code == 401


def test_the_requester_s_name_is_in_no_report_chart_or_announcement(browser, desk, printed):
    _decided_request(desk)
    ppid = browser("ppid")
    seen = []
    for path in (
        "/laporan/tahunan?periode=2027",
        "/laporan/tahunan?periode=2027&format=pdf",
        "/laporan/tahunan?periode=2027&format=docx",
        "/laporan/tahunan?periode=2027&format=xlsx",
        "/dasbor?from=2027-01-01&to=2027-12-31",
        "/publik/pengumuman?tahun=2027",
        "/publik/pengumuman?tahun=2027&format=csv",
        "/publik/pengumuman?tahun=2027&format=pdf",
    ):
        response = ppid.client.get(path)
        assert response.status_code == 200, path
        seen.append(body_text(response))
    seen += printed
    assert len(printed) == 2
    assert not [text for text in seen if PLANTED_REQUESTER in text]


def _handle_complaint(client, login, mode):
    """A complaint filed online, referred to the madrasah unit and handled to the archive over HTTP."""
    r = client.post(f"{API}/complaints", json=complaint_payload(mode))
    assert r.status_code == 201, r.json
    ticket = r.json["ticket"]

    def complete(name, data, username=None):
        if name == OUTCOME:
            say_who_was_reported(client, login, ticket)
        case = client.get(f"{API}/cases/{ticket}", headers=login("tim")).json
        (task,) = [t for t in case["open_tasks"] if t["name"] == name]
        done = client.post(
            f"{API}/tasks/{task['id']}/complete", json={"data": data}, headers=login(username or WHO[task["lane"]])
        )
        assert done.status_code == 200, done.json

    complete("catat_pengaduan", CATAT)
    complete("verifikasi", {"hasil": "layak"})
    complete("klasifikasi", {**KE_UNIT, "unit_tujuan": "PENDMAD"})
    complete("klarifikasi_unit", TANGGAPAN_UNIT, "unitmad")
    complete("klarifikasi", CLARIFIED)
    complete("tindak_lanjut", TINDAK_LANJUT)
    complete("pemberitahuan_hasil", NOTICE)
    complete("arsip", ARSIP)
    return ticket


def test_no_complaint_reporter_appears_in_any_register_report_statistic_or_chart(browser, client, login, printed):
    tickets = [_handle_complaint(client, login, mode) for mode in ("rahasia", "whistleblower", "anonim")]
    client.post(f"{API}/complaints", json=complaint_payload("rahasia"))  # one still open
    seen: list[tuple[str, str, str]] = []
    pages = (
        "/laporan/register/pengaduan",
        "/laporan/register/pengaduan?format=csv",
        "/laporan/register/pengaduan?format=xlsx",
        "/laporan/pengaduan?periode=2027",
        "/laporan/pengaduan?periode=2027&format=xlsx",
        "/dasbor?from=2027-01-01&to=2027-12-31",
        "/dasbor",
    )
    for reader in ("tim", "wbs", "auditor"):
        page = browser(reader)
        for path in pages:
            response = page.client.get(path)
            assert response.status_code == 200, (reader, path)
            seen.append((reader, path, body_text(response)))
        for path in (
            f"{API}/registers/pengaduan",
            f"{API}/registers/pengaduan?format=csv",
            f"{API}/registers/pengaduan?format=xlsx",
            f"{API}/reports/complaints?period=2027",
            f"{API}/dashboard?from=2027-01-01T00:00:00%2B07:00&to=2028-01-01T00:00:00%2B07:00",
        ):
            response = client.get(path, headers=login(reader))
            assert response.status_code == 200, (reader, path)
            seen.append((reader, path, body_text(response)))
    ppid = browser("ppid")
    for path in (
        "/laporan/tahunan?periode=2027&format=pdf",
        "/laporan/tahunan?periode=2027&format=docx",
        "/laporan/tahunan?periode=2027&format=xlsx",
        "/publik/pengumuman?tahun=2027&format=pdf",
    ):
        seen.append(("ppid", path, body_text(ppid.client.get(path))))
    seen += [("pdf", "html", html) for html in printed]
    register = next(text for reader, path, text in seen if reader == "tim" and path.endswith("pengaduan"))
    assert all(ticket in register for ticket in tickets)  # the complaints are listed...
    assert "Kantor Wilayah (KANWIL)" in register  # a unit by its name, beside its code
    assert "ikuti pengaduan dengan nomor tiket" not in register  # the mode's name, not its explanation per row
    hits = [(reader, path) for reader, path, text in seen if REPORTER_NAME in text or REPORTER_NIK in text]
    assert hits == []  # ...their reporters are not


def test_a_register_file_fetched_over_the_api_speaks_the_caller_s_accept_language_whatever_the_page_cookie(
    client, desk, login
):
    """The API's language is the caller's Accept-Language; a browser's page-language cookie does not change it."""
    desk.submit()
    path = f"{API}/registers/permohonan_informasi?format=csv"
    english = {**login("ppid"), "Accept-Language": "en"}
    client.set_cookie("kawal_lang", "id")  # the pages were last seen in Bahasa Indonesia
    header = body_text(client.get(path, headers=english)).splitlines()[0]
    assert header.startswith("Register number,Received,"), header
    client.set_cookie("kawal_lang", "en")
    header = body_text(client.get(path, headers={**login("ppid"), "Accept-Language": "id"})).splitlines()[0]
    assert header.startswith("Nomor register,"), header
    client.delete_cookie("kawal_lang")
    assert body_text(client.get(path, headers=english)).startswith("Register number,")


def test_complaint_statistics_withhold_small_headline_counts_and_a_breakdown_s_lone_small_count(browser, client, login):
    """Four complaints, one not actionable: the statistics showed "not actionable: 1 (25.0%)" plainly beside the
    reasons' "verification: <5" (every other reason 0), and the channels' "<5" could be recovered by subtraction."""
    tickets = []
    for _ in range(4):
        r = client.post(f"{API}/complaints", json=complaint_payload("rahasia"))
        assert r.status_code == 201, r.json
        tickets.append(r.json["ticket"])
    for name, data in (
        ("catat_pengaduan", CATAT),
        (
            "verifikasi",
            {
                "hasil": "tidak_dapat_ditindaklanjuti",
                "jenis_alasan": "di_luar_kewenangan",
                "alasan": "Bukan wewenang",
                "alasan_untuk_pelapor": "-",
            },
        ),
    ):
        (task,) = [t for t in client.get(f"{API}/cases/{tickets[0]}", headers=login("tim")).json["open_tasks"]]
        assert task["name"] == name
        done = client.post(f"{API}/tasks/{task['id']}/complete", json={"data": data}, headers=login(WHO[task["lane"]]))
        assert done.status_code == 200, done.json
    stats = client.get(f"{API}/reports/complaints?period=2027", headers=login("tim")).json
    assert (stats["total"], stats["closed"], stats["not_actionable"]) == (None, None, None)  # 4, 1, 1: withheld
    assert stats["median_days"] is None  # of one complaint: its own time
    assert stats["breakdowns"]["not_actionable"]["verifikasi"] is None
    # The XLSX goes further than the team that handled the four (its page shows them exact: test_complaint_statistics)
    workbook = browser("tim").client.get("/laporan/pengaduan?periode=2027&format=xlsx")
    assert workbook.status_code == 200
    shown = body_text(workbook)
    assert "Tidak dapat ditindaklanjuti" in shown
    assert "25.0%" not in shown
    assert "&lt;5" in shown  # as the sheet's XML writes "<5"
