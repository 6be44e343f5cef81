"""The head of the office reads the complaints in figures (legal-process.md §7.2 stage 7: results are reported to the
head of the agency; Perpres 76/2013: periodic reporting): the complaint statistics and the complaint counts of the
dashboard. Not the register, one row a complaint: the head reads the PPID's figures and not its registers either,
and the complaint files stay with the complaint team (KMA 765/2018: the reported's confidentiality). Never the
reporter (engine.access COMPLAINT_FIGURE_READERS)."""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.conftest import REPORTER_NAME
from tests.reports.test_complaint_statistics import breakdown, complaints, figure
from tests.web.pages import text

API = "/api/v1"
DECEMBER = datetime(2026, 12, 14, 3, 0, tzinfo=UTC)  # Mon 14 Dec 2026, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(DECEMBER, tick=True):
        yield


def test_the_head_reads_the_complaint_statistics_small_counts_withheld(client, login, browser):
    complaints(client, "rahasia", "whistleblower", "anonim")
    head = browser("kepala")
    response = head.get("/laporan/pengaduan?periode=2026")
    assert response.status_code == 200
    page = text(response)
    assert figure(page, "Pengaduan diterima") == "&lt;5"  # the head cannot open them: 1 to 4 is withheld
    assert breakdown(page, "Menurut perlindungan identitas pelapor")["Pelapor pelanggaran (whistleblower)"] == "&lt;5"
    assert REPORTER_NAME not in page
    answer = client.get(f"{API}/reports/complaints?period=2026", headers=login("kepala"))
    assert answer.status_code == 200, answer.json
    index = text(head.get("/laporan"))
    assert 'href="/laporan/pengaduan"' in index
    assert "/laporan/register/pengaduan" not in index
    assert 'href="/laporan"' in text(head.get("/kotak-masuk"))  # in the head's menu


def test_the_head_reads_the_complaint_counts_on_the_dashboard_and_no_complaint_s_row(client, login, browser):
    tickets = complaints(client, "rahasia", "anonim")
    head = browser("kepala")
    page = text(head.get("/dasbor"))
    assert 'value="pengaduan"' in page  # the process filter offers the complaints
    response = head.get("/dasbor?process=pengaduan")
    assert response.status_code == 200
    page = re.sub(r"\s+", " ", text(response))
    assert "Pengaduan Masyarakat: <strong>2</strong>" in page  # the open complaints, counted, not linked
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
    assert sum(figures.json["open_by_stage"]["pengaduan"].values()) == 2
    assert figures.json["oldest_open"] == []
    assert figures.json["due_this_week"] == []


def test_the_head_does_not_read_the_complaint_register(client, login, browser):
    complaints(client, "rahasia")
    assert browser("kepala").get("/laporan/register/pengaduan").status_code == 403
    assert client.get(f"{API}/registers/pengaduan", headers=login("kepala")).status_code == 403
