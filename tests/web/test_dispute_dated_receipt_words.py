"""The applicant's copy of a decision is known by its date alone: the explanation of their window (P14P, K14P) says
so ("bertanggal ... tanpa jam"), and never states the hour Kawal reads such a date at (the close of office hours,
16:00) as if someone had recorded the receipt then (legal-process.md §2.2: the latest reading counts from the next
working day)."""

import html
import re

import pytest
import time_machine

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: how a stored clock is explained
from tests.web.pages import text
from tests.web.test_dispute_clock_words import SUMMONED, _at_cassation, _row
from tests.workflows.conftest import Office


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def test_the_applicant_s_window_from_a_dated_copy_names_the_date_without_an_hour(browser, office, client, login):
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute = _at_cassation(office, clock)
        case = client.get(f"/api/v1/cases/{dispute}", headers=login("ppid")).json
        page = html.unescape(text(browser("ppid").get(f"/kasus/{dispute}")))
    k14p = next(d for d in case["deadlines"] if d["name"] == "K14P")
    assert k14p["provenance"]["received_on"] == "2027-05-03"  # the judgment's date: the applicant's copy, undated
    row = _row(page, "K14P")
    assert "3 Mei 2027" in row  # the start: the judgment's date, no hour beside it
    assert row.count("16:00") == 1  # the window's own end, at the close of office hours
    counted = re.search(r'<span class="clock-code">K14P</span></dt>\s*<dd>(.*?)</dd>', page, re.S)[1]
    assert "(hari ke-0: digeser: bertanggal 3 Mei 2027 tanpa jam: dihitung sejak akhir hari itu)" in counted
    assert "3 Mei 2027, 16:00" not in counted  # never the closing hour as a receipt someone recorded
    assert "di luar jam kerja (" not in counted
