"""A requester's message to the desk and the desk's answer in the case's history (engine.requester_messages): the
officers' timeline gives each its length and, to a reader of the messages, where its words are; to another reader of
the history (an auditor), that they are not in it. The audit export names both events in words and carries their
ids and lengths only, never the words.

SQLite alone: the page's and the export's words over the events tests/workflows/test_requester_messages.py stores
and reads back on both databases.
"""

import csv
import io
import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: words over stored events
from tests.web.pages import text
from tests.web.test_desk_replies import _answer, _written
from tests.web.test_portal_desk_messages import WORDS

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
ANSWER = "Data beasiswa tahun 2025 dapat disertakan bersama jawaban resmi."
BOM = "\ufeff"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _answered(browser) -> str:
    _b, ticket, _code, message_id = _written(browser)
    assert _answer(browser("ppid"), ticket, message_id, ANSWER).status_code == 303
    return ticket


def _lines(page: str) -> dict[str, str]:
    """The timeline's rows of the two events: {its name in words: the row's text}."""
    table = re.search(r'<table class="data timeline">(.*?)</table>', page, re.S)[1]
    rows = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)) for row in re.findall(r"<tr.*?</tr>", table, re.S)]
    out = {}
    for name in ("Pesan pemohon kepada petugas", "Jawaban petugas kepada pemohon"):
        [out[name]] = [row for row in rows if name in row]
    return out


def test_the_officer_reads_each_event_s_length_and_where_its_words_are(browser):
    ticket = _answered(browser)
    lines = _lines(text(browser("petugas").get(f"/kasus/{ticket}")))
    assert f"{len(WORDS)} karakter. Pesannya ada di bagian Pesan dari pemohon." in lines["Pesan pemohon kepada petugas"]
    answered = lines["Jawaban petugas kepada pemohon"]
    assert (
        f"{len(ANSWER)} karakter. Jawabannya ada di bagian Pesan dari pemohon, di bawah pesan yang dijawabnya."
        in answered
    )
    assert "tahun 2025" not in " ".join(lines.values())


def test_the_officer_reads_them_in_english_too(browser):
    ticket = _answered(browser)
    officer = browser("petugas")
    officer.get("/bahasa/en")
    page = text(officer.get(f"/kasus/{ticket}"))
    assert f"{len(ANSWER)} characters. The answer is under Messages from the requester, below the message it" in page


def test_an_auditor_reads_that_the_words_are_not_in_the_history_not_where_to_find_them(browser):
    ticket = _answered(browser)
    lines = _lines(text(browser("auditor").get(f"/kasus/{ticket}")))
    for line in lines.values():
        assert "Isinya hanya dibaca oleh staf PPID di halaman kasus, tidak dimuat dalam riwayat." in line
        assert "ada di bagian Pesan dari pemohon" not in line  # a section the auditor's page does not have


def test_the_audit_export_names_both_events_and_carries_their_ids_and_lengths_never_the_words(browser):
    ticket = _answered(browser)
    r = browser("auditor").client.get("/audit/unduh", query_string={"ticket": ticket, "format": "csv"})
    assert r.status_code == 200
    exported = r.get_data(as_text=True).removeprefix(BOM)
    r.close()
    assert "tahun 2025" not in exported  # the message's words and the answer's: never in the export
    assert "jawaban resmi" not in exported
    rows = list(csv.DictReader(io.StringIO(exported)))
    said = {row["peristiwa"]: row for row in rows if row["peristiwa"].startswith("requester_message")}
    received, answered = said["requester_message_received"], said["requester_message_answered"]
    assert received["uraian_peristiwa"] == "Pesan pemohon kepada petugas"
    assert answered["uraian_peristiwa"] == "Jawaban petugas kepada pemohon"
    assert (received["isian.chars"], answered["isian.chars"]) == (str(len(WORDS)), str(len(ANSWER)))
    assert received["isian.message_id"].isdigit()
    assert answered["isian.message_id"].isdigit()
    assert answered["pelaku"] == "ppid"  # who answered: the history's readers read it
    for row in (received, answered):  # nothing else of theirs
        filled = {k for k, v in row.items() if k.startswith("isian.") and v}
        assert filled == {"isian.chars", "isian.message_id"}
