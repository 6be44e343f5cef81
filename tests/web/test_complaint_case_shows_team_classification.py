"""A complaint's case page told the reporter's suggested category as "Category", with nothing saying it was the
reporter's, and never showed the team's classification (problem code, category, oversight-relevant or not), which
the complaint register showed: the two disagreed (legal-process.md §7.6: the team classifies)."""

import html
import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.browser.journeys import ComplaintDesk
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the page's words over stored data
from tests.web.pages import text
from tests.workflows.test_pengaduan_paths import CATAT, KE_UNIT

RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _facts(page: str) -> dict[str, str]:
    block = re.search(r'<dl class="facts">(.*?)</dl>', page, re.S)
    assert block, "no facts"
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", block[1], re.S)
    return {html.unescape(re.sub(r"\s+", " ", k).strip()): re.sub(r"<[^>]+>|\s+", " ", v).strip() for k, v in pairs}


def test_the_case_page_names_the_reporter_s_suggestion_and_the_team_s_classification(client, login, browser):
    complaint = ComplaintDesk(client, login)  # the reporter suggested "pungli"
    team = browser("tim")
    before = _facts(text(team.get(f"/kasus/{complaint.ticket}")))
    assert before["Kategori usulan pelapor"] == "Pungutan liar (pungli)"
    assert "Kategori" not in before
    assert not [label for label in before if "klasifikasi tim pengaduan" in label]  # not made yet

    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    complaint.complete("klasifikasi", KE_UNIT)  # 02, beasiswa_bantuan, not oversight-relevant
    facts = _facts(text(team.get(f"/kasus/{complaint.ticket}")))
    assert facts["Kategori usulan pelapor"] == "Pungutan liar (pungli)"
    assert facts["Kode masalah (klasifikasi tim pengaduan)"] == "02 Pelayanan masyarakat"
    assert facts["Kategori (klasifikasi tim pengaduan)"] == "Beasiswa dan bantuan"
    assert facts["Kadar pengawasan (klasifikasi tim pengaduan)"].startswith("Tidak berkadar pengawasan")

    team.get(f"/bahasa/en?next=/kasus/{complaint.ticket}")
    english = _facts(text(team.get(f"/kasus/{complaint.ticket}")))
    assert english["Category suggested by the reporter"] == "Illegal levies (pungli)"
    assert english["Problem code (the complaint team's classification)"] == "02 Public service"
    assert english["Category (the complaint team's classification)"] == "Scholarships and aid"
    assert english["Oversight (the complaint team's classification)"].startswith("Not oversight-relevant")


def test_the_task_page_s_facts_show_the_classification_too(client, login, browser):
    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    complaint.complete("klasifikasi", KE_UNIT)
    (task,) = [t for t in client.get(f"/api/v1/cases/{complaint.ticket}", headers=login("tim")).json["open_tasks"]]
    page = re.sub(r"\s+", " ", text(browser("tim").get(f"/tugas/{task['id']}")))
    assert "Kategori usulan pelapor" in page
    assert "Beasiswa dan bantuan" in page
    assert "02 Pelayanan masyarakat" in page
