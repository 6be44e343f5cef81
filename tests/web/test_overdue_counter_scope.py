"""The header's overdue count says what it counts: a walker's PPID read "Terbuka 3, Lewat batas 4" while their queue
listed 2 late tasks, and the Atasan PPID "Lewat batas 9" beside 5 tasks. "Terbuka" counts the reader's own queue;
a superior's "Lewat batas" counts the late tasks of every lane they answer for (engine.inbox_list.overdue_tasks), the
whole unit's list its link opens. The header now says so ("Lewat batas: 1 (seluruh unit)"), and the list it links
to holds what it counts; an officer with no lane below reads their queue's count, unqualified.

SQLite alone: the counting statement is not new (tests/web/test_inbox.py keeps it on PostgreSQL); what changed is
what the header says of it."""

import re

import time_machine

from tests.api.test_inbox_pages import LETTER_RECEIVED, RECORDED
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the header's words, not a query
from tests.helpers import STEP
from tests.web.pages import text
from tests.web.test_inbox import _rows

COUNTER = re.compile(
    r'<a href="([^"]*due=overdue[^"]*)"[^>]*>Lewat batas: (\d+)(<span class="counter-scope">[^<]*</span>)?<'
)


def test_a_superior_s_overdue_count_says_it_is_the_whole_unit_s_and_links_to_what_it_counts(desk, login, browser):
    with time_machine.travel(RECORDED, tick=True):
        ticket = desk.submit(headers=login("petugas"), channel="pos", received_at=LETTER_RECEIVED.isoformat())["ticket"]
        desk.complete(ticket, "periksa_kelengkapan", STEP["periksa_kelengkapan_kurang"])
        for who, scope, whole_unit in (("petugas", "group", False), ("ppid", "all", True), ("atasan", "all", True)):
            b = browser(who)
            page = text(b.get("/kotak-masuk"))
            link, counted, said = COUNTER.search(page).groups()
            assert f"scope={scope}" in link, who
            assert bool(said and "(seluruh unit)" in said) == whole_unit, who
            assert len(_rows(text(b.get(link.replace("&amp;", "&"))))) == int(counted), who
        # The PPID's own queue holds none of the late tasks the header counts for the lanes below.
        ppid = browser("ppid")
        assert _rows(text(ppid.get("/kotak-masuk?scope=group&due=overdue"))) == []
