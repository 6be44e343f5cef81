"""A request filed through a proxy (walk report s41, finding 4): its receipt asks for the special power of attorney and
a copy of the requester's ID card when they were not handed in with it (legal-process.md §3.2), so its status page
names them until the desk has checked the request is complete, instead of "nothing to do for you"."""

import html
from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_request_proxy import PROXY
from tests.web.pages import text

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)  # Thu 3 Dec 2026, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


def _status(browser, receipt, language="id") -> str:
    visitor = browser()
    visitor.get(f"/bahasa/{language}")
    visitor.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    page = html.unescape(text(visitor.get(f"/publik/status?kasus={receipt['ticket']}")))
    return " ".join(page.split("What you can do next" if language == "en" else "Yang dapat Anda lakukan", 1)[1].split())


def test_a_request_filed_through_a_proxy_names_the_papers_still_awaited(browser, desk):
    receipt = desk.submit(kuasa=PROXY)
    page = _status(browser, receipt, "en")
    assert "special power of attorney" in page
    assert "copy of the requester's ID card" in page
    assert "nothing to do for you" not in page
    assert "surat kuasa khusus" in _status(browser, receipt)


def test_a_request_filed_in_person_still_says_it_waits_for_the_officers(browser, desk):
    page = _status(browser, desk.submit(), "en")
    assert "nothing to do for you" in page
    assert "power of attorney" not in page
