"""The request for evidence as the reporter's status page shows it says by when (UU 25/2009 Pasal 45; legal-process.md
§7.4), as its PDF does.

An acceptance walk read the letter on the page: "Jika tidak diterima sampai batas waktu, pengaduan dianggap dicabut",
with no date, while the PDF said "paling lambat tanggal 7 Januari 2027 pukul 16.00 WIB". The page's text gives the
reporter's window (BUKTI, on its lenient reading) in the same words as the PDF, in both languages.
"""

import html
import re

import pytest
import time_machine

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a letter's words from stored clocks
from tests.web.pages import text
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import RECEIVED, _awaiting_evidence


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _letter(browser, ticket, code, lang) -> str:
    b = browser()
    b.get(f"/bahasa/{lang}")
    page = text(b.post("/publik/status", {"ticket": ticket, "access_code": code}))
    found = re.search(r'<pre class="letter-text">(.*?)</pre>', page, re.S)
    assert found, "no letter text on the page"
    return " ".join(html.unescape(found[1]).split())


def test_the_evidence_request_on_the_status_page_says_the_day_and_hour_it_must_arrive_by(browser, office):
    with time_machine.travel(RECEIVED, tick=True):  # Mon 11 Jan 2027: asked the same day
        ticket, code = _awaiting_evidence(office)
        indonesian, english = _letter(browser, ticket, code, "id"), _letter(browser, ticket, code, "en")
    assert "dalam waktu 30 hari, paling lambat tanggal 10 Februari 2027 pukul 16.00 WIB." in indonesian
    assert "Jika tidak diterima sampai batas waktu itu, pengaduan dianggap dicabut" in indonesian
    assert "within 30 days, by 10 February 2027 at 16:00 WIB." in english
    assert "If nothing arrives by then, the complaint is deemed withdrawn" in english
