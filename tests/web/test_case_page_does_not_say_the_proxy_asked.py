"""The case page does not say the proxy asked to correct their contacts, anywhere on it (the waiting notice, the
history), in either language: the case's ticket and access code are the requester's and the proxy's both, so either
may have filed the request on the portal (the desk's own page says so: tests/web/
test_proxy_request_page_says_who_may_have_asked.py). The walk read "Kuasa meminta ..." on the case page of a waiting
request; it says the request came through the portal with the case's ticket and code.

SQLite alone: a page's wording."""

import html
import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_request_proxy import PROXY
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a page's wording
from tests.web.pages import text

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)  # Thu 3 Dec 2026, 10:00 WIB
PAGE = "/publik/status/perbaikan-data"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


def _words(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _asked(browser, desk) -> str:
    receipt = desk.submit(kuasa={**PROXY, "email": "rahmat@kantorhukum.example"})
    visitor = browser()
    visitor.get("/publik/status")
    visitor.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    asked = {"kuasa.email": "orang@lain.example", "kasus": receipt["ticket"], "data": "kuasa"}
    assert visitor.post(PAGE, asked).status_code == 303
    return receipt["ticket"]


def test_the_case_page_of_a_waiting_request_never_says_the_proxy_asked(browser, desk):
    ticket = _asked(browser, desk)
    officer = browser("petugas")
    said = _words(text(officer.get(f"/kasus/{ticket}")))
    assert "Permintaan perbaikan data kontak kuasa masuk melalui portal" in said  # the waiting notice and history
    assert "Kuasa meminta" not in said, re.findall(r".{120}Kuasa meminta.{80}", said)
    officer.get("/bahasa/en")
    said = _words(text(officer.get(f"/kasus/{ticket}")))
    assert "A request to correct the proxy's contact data came through the portal" in said
    assert "The proxy asked" not in said
    assert "proxy asked" not in said.lower()
