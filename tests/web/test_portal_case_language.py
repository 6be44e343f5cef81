"""A case's own pages at the portal speak the language it was filed in, until the visitor chooses one.

Someone who filed in English and comes back on another device (or follows the link of their mail or letter) with the
ticket and access code reads their case in English, not in Bahasa Indonesia until they find the switch; an
Indonesian filing stays Indonesian. A language the visitor chose (the switch, its cookie) wins over the case's. The
pages before a case is known (the front page, the look-up form) keep the office's default.
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.web.pages import text
from tests.web.test_portal import complaint_form, open_case, receipt_of

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
LANG = re.compile(r'<html lang="(\w+)">')


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def language(response) -> str:
    return LANG.search(text(response))[1]


def test_a_request_the_desk_filed_in_english_opens_in_english_on_a_new_device(browser, desk):
    receipt = desk.submit(locale="en")
    visitor = browser()
    assert language(visitor.get("/publik/status")) == "id"  # the case is not known yet: the office's default
    page = open_case(visitor, receipt["ticket"], receipt["access_code"])
    assert language(page) == "en"
    assert "Where your case is" in text(page)
    again = visitor.get(f"/publik/status?kasus={receipt['ticket']}")  # reloaded: still the case's language
    assert language(again) == "en"
    assert language(visitor.get("/publik")) == "id"  # the front page keeps the office's default


def test_a_request_filed_in_indonesian_opens_in_indonesian(browser, desk):
    receipt = desk.submit(locale="id")
    page = open_case(browser(), receipt["ticket"], receipt["access_code"])
    assert language(page) == "id"
    assert "Where your case is" not in text(page)


def test_the_language_the_visitor_chose_wins_over_the_case_s(browser, desk):
    english = desk.submit(locale="en")
    visitor = browser()
    visitor.get("/bahasa/id")
    assert language(open_case(visitor, english["ticket"], english["access_code"])) == "id"
    indonesian = desk.submit(locale="id")
    other = browser()
    other.get("/bahasa/en")
    assert language(open_case(other, indonesian["ticket"], indonesian["access_code"])) == "en"


def test_the_switch_on_a_case_page_changes_its_language(browser, desk):
    receipt = desk.submit(locale="en")
    visitor = browser()
    assert language(open_case(visitor, receipt["ticket"], receipt["access_code"])) == "en"
    visitor.get(f"/bahasa/id?next=/publik/status?kasus={receipt['ticket']}")
    assert language(visitor.get(f"/publik/status?kasus={receipt['ticket']}")) == "id"


def test_an_anonymous_complaint_filed_on_the_english_portal_opens_in_english(browser):
    filer = browser()
    filer.get("/bahasa/en")
    filer.get("/publik/pengaduan")
    ticket, code = receipt_of(filer, "/publik/pengaduan", complaint_form("anonim"))
    visitor = browser()  # another device: no cookie
    page = open_case(visitor, ticket, code)
    assert language(page) == "en"
    assert "Where your case is" in text(page)


def test_a_confidential_complaint_filed_in_english_keeps_english_on_its_other_pages(browser):
    filer = browser()
    filer.get("/bahasa/en")
    filer.get("/publik/pengaduan")
    ticket, code = receipt_of(filer, "/publik/pengaduan", complaint_form("rahasia"))
    visitor = browser()
    assert language(open_case(visitor, ticket, code)) == "en"
    assert language(visitor.get("/publik/status/kontak")) == "en"
