"""The complaint statistics and the complaint register as the complaint team reads them (legal-process.md §7.2,
§7.3, §9.3): the current year first, named; exact counts on the page for a reader who can open every complaint
counted, "<5" wherever a count from 1 to 4 leaves that circle (the XLSX, the API, an officer who cannot list
them); a complaint's unit is the unit it was referred to, none before.

On PostgreSQL too: the complaints counted by unit (a GROUP BY in which a complaint not yet referred has no unit) and
the register filtered by unit. Which period opens, which reader reads a count exact and which withheld, is Python's
decision over the counts: SQLite alone (tests/reports/test_year_figures.py counts a year's statistics on both).
"""

import html
import io
import re
from datetime import UTC, datetime

import pytest
import time_machine
from openpyxl import load_workbook
from sqlalchemy import select

from api.extensions import db
from engine.models import Unit, User
from tests.api.test_complaint_documents import TO_PENDMAD, Team
from tests.conftest import complaint_payload, sqlite_only
from tests.web.pages import text

API = "/api/v1"
DECEMBER = datetime(2026, 12, 14, 3, 0, tzinfo=UTC)  # Mon 14 Dec 2026, 10:00 WIB: the year is not over


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(DECEMBER, tick=True):
        yield


def complaints(client, *modes) -> list[str]:
    tickets = []
    for mode in modes:
        r = client.post(f"{API}/complaints", json=complaint_payload(mode))
        assert r.status_code == 201, r.json
        tickets.append(r.json["ticket"])
    return tickets


def figure(page: str, name: str) -> str:
    """The count beside a figure's (or a breakdown value's) name on the statistics page."""
    found = re.search(rf'<th scope="row">{re.escape(name)}</th><td class="num">([^<]*)</td>', page)
    assert found, name
    return found[1]


def breakdown(page: str, caption: str) -> dict[str, str]:
    table = page.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    return dict(re.findall(r'<th scope="row">([^<]*)</th><td class="num">([^<]*)</td>', table))


@sqlite_only
def test_the_statistics_open_on_the_current_year_and_say_which_period_they_count(client, browser):
    """In December 2026 the page opened on "Statistik pengaduan 2025", every figure 0, the year's complaints
    out of sight: the default was the last complete year, which the yearly report to the superior needs and the
    complaint team's working figures do not."""
    complaints(client, "rahasia")
    page = text(browser("tim").get("/laporan/pengaduan"))
    assert re.search(r"<h1>(.*?)</h1>", page)[1] == "Statistik pengaduan 2026"
    assert '<option value="2026" selected>' in page
    assert "1 Januari 2026 – 31 Desember 2026" in page  # the days counted, in words
    assert figure(page, "Pengaduan diterima") == "1"
    semester = text(browser("tim").get("/laporan/pengaduan?periode=2026-S2"))
    assert "<h1>Statistik pengaduan Semester II (Juli–Desember) 2026</h1>" in semester  # never its key, 2026-S2


@sqlite_only
def test_the_team_reads_exact_counts_and_every_file_or_answer_that_leaves_the_page_withholds_small_ones(
    client, login, browser
):
    """The team opens each complaint (its register lists them with their protection and unit), so a "<5" on its own
    page hid nothing from it and only made "Pengaduan diterima: <5" useless to the team. The download and the API
    carry the figures further (to the superior, a published summary, another system): they still withhold."""
    complaints(client, "rahasia", "whistleblower")
    for reader in ("tim", "wbs", "auditor"):  # each may list every complaint counted in the complaint register
        page = text(browser(reader).get("/laporan/pengaduan?periode=2026"))
        assert figure(page, "Pengaduan diterima") == "2", reader
        assert breakdown(page, "Menurut perlindungan identitas pelapor")["Pelapor pelanggaran (whistleblower)"] == "1"
        assert "&lt;5" not in page.split("<h1>", 1)[1].split("</form>", 1)[1], reader  # no figure withheld
        assert "Unduhan XLSX menampilkan jumlah 1 sampai 4 sebagai <5" in html.unescape(page)  # and says why
    workbook = browser("tim").client.get("/laporan/pengaduan?periode=2026&format=xlsx")
    sheet = load_workbook(io.BytesIO(workbook.get_data())).worksheets[0]
    cells = {(row[0], row[1]): row[2] for row in sheet.iter_rows(values_only=True)}
    assert cells[("Pengaduan diterima", None)] == "<5"
    assert cells[("Menurut perlindungan identitas pelapor", "Pelapor pelanggaran (whistleblower)")] == "disembunyikan"
    answer = client.get(f"{API}/reports/complaints?period=2026", headers=login("tim")).json
    assert answer["total"] is None
    assert answer["breakdowns"]["mode"]["whistleblower"] is None


@sqlite_only
def test_a_team_officer_who_cannot_list_the_complaints_counted_reads_small_counts_withheld(app, client, browser):
    """A complaint team account of another unit sees none of the office's complaints (engine.access): its page
    would single out the whistleblower report it cannot open, so it reads "<5"."""
    complaints(client, "rahasia", "whistleblower")
    with app.app_context():
        officer = db.session.scalar(select(User).where(User.username == "tim2"))
        officer.unit_id = db.session.scalar(select(Unit.id).where(Unit.code == "PENDMAD"))
        db.session.commit()
    page = text(browser("tim2").get("/laporan/pengaduan?periode=2026"))
    assert figure(page, "Pengaduan diterima") == "&lt;5"
    mode = breakdown(page, "Menurut perlindungan identitas pelapor")
    assert mode["Pelapor pelanggaran (whistleblower)"] == "disembunyikan"
    assert "jumlah 1 sampai 4 ditampilkan sebagai <5" in html.unescape(page)


def test_a_complaint_not_yet_referred_has_no_unit_in_the_register_its_files_or_the_statistics(client, login, browser):
    """The anonymous complaint nobody had classified was listed at "Kantor Wilayah (KANWIL)", the office that
    received it, on the page, in the CSV and in the XLSX; once referred it is the unit it was referred to."""
    (waiting,) = complaints(client, "anonim")
    referred = Team(client, login, "rahasia").verified()
    referred.complete("klasifikasi", TO_PENDMAD)
    team = browser("tim")

    def unit_of(ticket: str) -> dict[str, str]:
        page = text(team.get("/laporan/register/pengaduan"))
        header = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', page)
        row = page.split(f">{ticket}</a>", 1)[1].split("</tr>", 1)[0]
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        on_page = cells[header.index("Unit") - 1].strip()
        csv = team.get("/laporan/register/pengaduan?format=csv").get_data(as_text=True).splitlines()
        in_csv = next(line for line in csv if line.startswith(ticket))
        book = load_workbook(io.BytesIO(team.client.get("/laporan/register/pengaduan?format=xlsx").get_data()))
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        heading = next(r for r in rows if "Unit" in r)
        in_xlsx = next(r for r in rows if r[0] == ticket)[heading.index("Unit")]
        return {"page": on_page, "csv": in_csv, "xlsx": in_xlsx or ""}

    waiting_unit = unit_of(waiting)
    assert (waiting_unit["page"], waiting_unit["xlsx"]) == ("", "")
    assert "KANWIL" not in waiting_unit["csv"]
    assert unit_of(referred.ticket)["page"] == "PENDMAD"  # the unit it was referred to (the test office names it so)
    stats = text(team.get("/laporan/pengaduan?periode=2026"))
    assert breakdown(stats, "Menurut unit") == {
        "PENDMAD": "1",
        "Belum atau tidak didisposisikan ke unit": "1",
    }
    kanwil = text(team.get("/laporan/register/pengaduan?unit=KANWIL"))
    assert waiting not in kanwil  # the office's unit filter lists what was referred to it, not all it received
