"""A read of a complaint is named by the complaint read: "Pengaduan rahasia dibaca" named every read, of an anonymous
and a whistleblower's complaint too (api.reports.history: the case page's timeline and the auditor's exports)."""

import html
import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_complaint_documents import Team
from tests.api.test_reported_persons import HARTO, put
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.web.pages import text
from tests.workflows.test_pengaduan_paths import KE_ITJEN

RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB
READ_LINE = re.compile(r'<tr class="event-case_read">\s*<td[^>]*>[^<]*</td>\s*<th scope="row">(.*?)</th>', re.S)
WORDS = {
    "anonim": ("Pengaduan anonim dibaca", "Anonymous complaint read"),
    "rahasia": ("Pengaduan rahasia dibaca", "Confidential complaint read"),
    "whistleblower": ("Pengaduan whistleblower dibaca", "Whistleblower's complaint read"),
}


@pytest.mark.parametrize("mode", list(WORDS))
def test_a_read_of_a_complaint_is_named_by_its_reporter_s_mode(client, login, browser, mode):
    with time_machine.travel(RECEIVED, tick=True):
        team = Team(client, login, mode=mode).verified()
        assert put(client, login, team.ticket, [HARTO]).status_code == 200
        team.complete("klasifikasi", KE_ITJEN)
        team.complete("rujukan_itjen", {"tanggal": "2027-01-11"})
        items = client.get(f"/api/v1/cases/{team.ticket}/letters", headers=login("tim")).json["items"]
        annex = next(x for x in items if x["kind"] == "lampiran_terlapor")
        b = browser("tim")
        assert b.get(f"/kasus/{team.ticket}/surat/{annex['id']}/cetak").status_code == 200  # a read in every mode
        for words, locale in zip(WORDS[mode], ("id", "en"), strict=True):
            b.get(f"/bahasa/{locale}")
            labels = set(READ_LINE.findall(html.unescape(text(b.get(f"/kasus/{team.ticket}")))))
            assert labels == {words}, (locale, labels)
