"""The head of the office reads the complaints in figures (legal-process.md §7.2 stage 7: results are reported to the
head of the agency; Perpres 76/2013: periodic reporting): the complaint statistics and the complaint counts of the
dashboard. Not the register, one row a complaint: the head reads the PPID's figures and not its registers either,
and the complaint files stay with the complaint team (KMA 765/2018: the reported's confidentiality). Never the
reporter (engine.access COMPLAINT_FIGURE_READERS).

On PostgreSQL too: the dashboard's complaint counts themselves (received by month, open by lateness against the
clock), read exact. Who reads what, and which count from 1 to 4 is withheld, is Python's decision over those counts:
SQLite alone."""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.conftest import REPORTER_NAME, sqlite_only
from tests.reports.test_complaint_statistics import breakdown, complaints, figure
from tests.web.pages import text

API = "/api/v1"
DECEMBER = datetime(2026, 12, 14, 3, 0, tzinfo=UTC)  # Mon 14 Dec 2026, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(DECEMBER, tick=True):
        yield


@sqlite_only
def test_the_head_reads_the_complaint_statistics_small_counts_withheld(client, login, browser):
    complaints(client, "rahasia", "whistleblower", "anonim")
    head = browser("kepala")
    response = head.get("/laporan/pengaduan?periode=2026")
    assert response.status_code == 200
    page = text(response)
    assert figure(page, "Pengaduan diterima") == "&lt;5"  # the head cannot open them: 1 to 4 is withheld
    mode = breakdown(page, "Menurut perlindungan identitas pelapor")
    assert mode["Pelapor pelanggaran (whistleblower)"] == "disembunyikan"
    assert REPORTER_NAME not in page
    answer = client.get(f"{API}/reports/complaints?period=2026", headers=login("kepala"))
    assert answer.status_code == 200, answer.json
    index = text(head.get("/laporan"))
    assert 'href="/laporan/pengaduan"' in index
    assert "/laporan/register/pengaduan" not in index
    assert 'href="/laporan"' in text(head.get("/kotak-masuk"))  # in the head's menu


def flat(response) -> str:
    return re.sub(r"\s+", " ", text(response))


def table(page: str, caption: str) -> dict[str, str]:
    """A dashboard table's rows: the row heading and the first number beside it."""
    body = page.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    return dict(re.findall(r'<th scope="row">([^<]*)</th>(?:<td>[^<]*</td>)?<td class="num">([^<]*)</td>', body))


@sqlite_only
def test_the_head_reads_the_dashboard_s_complaint_counts_from_1_to_4_withheld_as_on_the_statistics_page(
    client, login, browser
):
    """The head read "Pengaduan diterima: <5" on the statistics page and "Pengaduan Masyarakat: 2" on the dashboard, of
    the same two complaints it cannot open (walk report): both pages now ask one rule (engine.complaint_stats
    .disclosure), and a count from 1 to 4 is "<5" in every panel, its bar not drawn to its length."""
    tickets = complaints(client, "rahasia", "anonim")
    head = browser("kepala")
    response = head.get("/dasbor?process=pengaduan")
    assert response.status_code == 200
    page = flat(response)
    assert "Pengaduan Masyarakat: <strong>&lt;5</strong>" in page  # the open complaints, counted, not linked
    assert set(table(page, "Kasus terbuka menurut tahap").values()) == {"&lt;5"}
    assert table(page, "Kasus terbuka menurut ketepatan waktu")["Jatuh tempo minggu ini"] == "&lt;5"
    assert table(page, "Kasus diterima dan diselesaikan selama dua belas bulan")["2026-12"] == "&lt;5"
    assert 'class="chart-value">2<' not in page  # nor drawn: no bar or column carries the count
    assert "jumlah 1 sampai 4 ditampilkan sebagai &lt;5" in page  # and the page says why
    for ticket in tickets:
        assert ticket not in page  # no complaint listed by its ticket (due this week, oldest open)
    assert "Pengaduan Masyarakat: dihitung di atas tetapi tidak didaftar di sini" in page  # and the page says so
    assert "/laporan/register/" not in page
    assert REPORTER_NAME not in page
    figures = client.get(
        f"{API}/dashboard?from=2026-01-01T00:00:00%2B07:00&to=2027-01-01T00:00:00%2B07:00&process=pengaduan",
        headers=login("kepala"),
    )
    assert figures.status_code == 200, figures.json
    assert set(figures.json["open_by_stage"]["pengaduan"].values()) == {None}  # withheld, as the statistics' API
    assert figures.json["lateness"]["pengaduan"]["due_this_week"] is None
    assert figures.json["received_by_month"]["2026-12"] is None
    assert figures.json["oldest_open"] == []
    assert figures.json["due_this_week"] == []


@sqlite_only
def test_the_head_s_dashboard_of_every_process_does_not_give_a_small_complaint_count_away_by_subtraction(
    client, login, browser
):
    """The panels that add the processes together would show the head two more cases than the requests' own
    dashboard: they count the complaints apart, and the page says where to read them."""
    complaints(client, "rahasia", "anonim")
    page = flat(browser("kepala").get("/dasbor"))
    assert "Pengaduan Masyarakat: <strong>&lt;5</strong>" in page
    assert table(page, "Kasus terbuka menurut ketepatan waktu")["Jatuh tempo minggu ini"] == "0"
    assert table(page, "Kasus diterima dan diselesaikan selama dua belas bulan")["2026-12"] == "0"
    assert "tidak dijumlahkan ke dalam angka semua proses" in page
    figures = client.get(
        f"{API}/dashboard?from=2026-01-01T00:00:00%2B07:00&to=2027-01-01T00:00:00%2B07:00", headers=login("kepala")
    )
    assert figures.json["received_by_month"]["2026-12"] == 0
    assert figures.json["counted_apart"] == ["pengaduan"]


def test_the_head_reads_five_complaints_exact_on_the_dashboard(client, browser):
    """Only a count from 1 to 4 could point to a person: five complaints are five."""
    complaints(client, *["rahasia"] * 5)
    page = flat(browser("kepala").get("/dasbor?process=pengaduan"))
    assert "Pengaduan Masyarakat: <strong>5</strong>" in page
    assert table(page, "Kasus terbuka menurut ketepatan waktu") == {
        "Melewati batas": "0",
        "Jatuh tempo minggu ini": "5",
        "Sesuai jadwal": "0",
        "Tanpa batas waktu": "0",
    }
    assert table(page, "Kasus diterima dan diselesaikan selama dua belas bulan")["2026-12"] == "5"


@sqlite_only
def test_the_complaint_team_reads_the_dashboard_s_complaint_counts_exact_as_on_its_statistics_page(
    client, login, browser
):
    """Its register lists it every complaint counted: a "<5" would hide nothing from it. The dashboard's API carries
    the figures further, as the statistics' API does: it withholds them."""
    complaints(client, "rahasia", "whistleblower")
    page = flat(browser("tim").get("/dasbor?process=pengaduan"))
    assert table(page, "Kasus terbuka menurut ketepatan waktu")["Jatuh tempo minggu ini"] == "2"
    assert table(page, "Kasus diterima dan diselesaikan selama dua belas bulan")["2026-12"] == "2"
    assert "&lt;5" not in page.split("</form>", 1)[1]
    figures = client.get(
        f"{API}/dashboard?from=2026-01-01T00:00:00%2B07:00&to=2027-01-01T00:00:00%2B07:00", headers=login("tim")
    )
    assert figures.json["received_by_month"]["2026-12"] is None


@sqlite_only
def test_the_head_does_not_read_the_complaint_register(client, login, browser):
    complaints(client, "rahasia")
    assert browser("kepala").get("/laporan/register/pengaduan").status_code == 403
    assert client.get(f"{API}/registers/pengaduan", headers=login("kepala")).status_code == 403


@sqlite_only
def test_a_count_withheld_to_protect_a_small_one_is_not_written_as_fewer_than_five(client, browser):
    """One whistleblower report among six: its 1 is withheld, and the rahasia count beside it (5) with it, or the
    total minus 5 would give the 1 away. The page wrote both "<5", saying a false thing of the 5; a breakdown's
    withheld cell is now "disembunyikan", which is true of both and does not say which one is the small count."""
    complaints(client, "whistleblower", *["rahasia"] * 5)
    page = text(browser("kepala").get("/laporan/pengaduan?periode=2026"))
    assert figure(page, "Pengaduan diterima") == "6"
    mode = breakdown(page, "Menurut perlindungan identitas pelapor")
    assert mode["Pelapor pelanggaran (whistleblower)"] == "disembunyikan"
    assert mode["Rahasia"] == "disembunyikan"
    assert "&lt;5" not in str(mode)
    assert "jumlah yang disembunyikan dapat 5 atau lebih" in page
