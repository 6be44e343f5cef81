"""The complaint statistics count a complaint referred to the Inspectorate General (Itjen) in a row of its own in the
unit breakdown, "Inspektorat Jenderal" / "Inspectorate General", as the complaint register names it in its Unit
column: not among those "not referred to a unit (yet, or at all)".

Walk report: a complaint classified oversight-relevant went to the Itjen with a memo (pengaduan.bpmn ITJEN); the
register showed "Inspektorat Jenderal" as its unit, while the statistics counted it under "Belum atau tidak
didisposisikan ke unit" beside the complaints nobody had classified yet.

On PostgreSQL too, the first test: the breakdown's new GROUP BY (the unit, else the Itjen for an oversight-relevant
complaint). Its words in English and in the XLSX are Python's over the same counts: SQLite alone.
"""

import io
from datetime import UTC, datetime

import pytest
import time_machine
from openpyxl import load_workbook

from tests.api.test_complaint_documents import TO_PENDMAD, Team
from tests.conftest import sqlite_only
from tests.reports.test_complaint_statistics import breakdown, complaints
from tests.web.pages import text
from tests.workflows.test_pengaduan_paths import KE_ITJEN

DECEMBER = datetime(2026, 12, 14, 3, 0, tzinfo=UTC)  # Mon 14 Dec 2026, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(DECEMBER, tick=True):
        yield


@pytest.fixture
def three_complaints(client, login, kept_database):
    """One not yet classified, one referred to PENDMAD, one referred to the Inspectorate General."""

    def build():
        complaints(client, "anonim")
        Team(client, login, "rahasia").verified().complete("klasifikasi", TO_PENDMAD)
        Team(client, login, "rahasia").verified().complete("klasifikasi", KE_ITJEN)

    kept_database("complaint_statistics-itjen", build)


def test_a_complaint_referred_to_the_itjen_is_counted_in_its_own_row_of_the_unit_breakdown(three_complaints, browser):
    page = text(browser("tim").get("/laporan/pengaduan?periode=2026"))
    assert breakdown(page, "Menurut unit") == {
        "PENDMAD": "1",
        "Inspektorat Jenderal": "1",
        "Belum atau tidak didisposisikan ke unit": "1",
    }


@sqlite_only
def test_the_itjen_row_in_english_and_in_the_xlsx(three_complaints, browser, client, login):
    team = browser("tim")
    team.client.set_cookie("kawal_lang", "en")
    english = text(team.get("/laporan/pengaduan?periode=2026"))
    assert breakdown(english, "By unit") == {
        "PENDMAD": "1",
        "Inspectorate General": "1",
        "Not referred to a unit (yet, or at all)": "1",
    }
    team.client.set_cookie("kawal_lang", "id")
    book = load_workbook(io.BytesIO(team.client.get("/laporan/pengaduan?periode=2026&format=xlsx").get_data()))
    rows = [r[:2] for r in book.worksheets[0].iter_rows(values_only=True) if r[0] == "Menurut unit"]
    assert rows == [
        ("Menurut unit", "PENDMAD"),
        ("Menurut unit", "Inspektorat Jenderal"),
        ("Menurut unit", "Belum atau tidak didisposisikan ke unit"),
    ]
    answer = client.get("/api/v1/reports/complaints?period=2026", headers=login("tim")).json
    assert set(answer["breakdowns"]["unit"]) == {"PENDMAD", "inspektorat_jenderal", "-"}
