"""Kawal's own words to a complaint's reporter read in the reader's language (legal-process.md §7.2 stage 4, §7.5).

A walk found an English-speaking reporter reading Indonesian on their messages page: the texts Kawal writes itself
(the complaint forwarded to another agency, closed by its review, and where else the reporter may go: the
Ombudsman, SP4N-LAPOR!) were stored as finished Indonesian text. They are stored as a code and its parameters and
worded when read: the portal's page in the language the visitor chose, the JSON API in the caller's. The officer's
reason is their own words, shown as typed in either language; a message written before keeps its words; the
case's history records what it recorded before, no more.
"""

import html
import re

import pytest
import time_machine
from sqlalchemy import select

from engine.models import Case, CaseMessage
from tests.web.pages import text
from tests.workflows.conftest import Office
from tests.workflows.test_complaint_message_words import (
    CLOSED_EN,
    CLOSED_ID,
    FILED,
    FORWARDED_EN,
    FORWARDED_ID,
    INDONESIAN,
    NEXT_STEPS_EN,
    NEXT_STEPS_ID,
    REASON,
    _closed,
    _filed,
    _forwarded,
)


@pytest.fixture
def office(app, session_factory_):
    with time_machine.travel(FILED, tick=True):
        yield Office(session_factory_, app.extensions["kawal_runtime"])


def _outcomes(browser, ticket, code, lang) -> list[str]:
    """The team's messages on the reporter's status page in ``lang``, as the reporter reads them (paragraphs kept)."""
    b = browser()
    b.get(f"/bahasa/{lang}")
    page = text(b.post("/publik/status", {"ticket": ticket, "access_code": code}))
    bodies = re.findall(r'<article class="message message-in">.*?<p class="message-body">(.*?)</p>', page, re.S)
    return [html.unescape(body) for body in bodies]


def test_an_english_reporters_forwarded_complaint_reads_in_english_on_the_portal(browser, office):
    ticket, code = _forwarded(office, "en")
    [told] = _outcomes(browser, ticket, code, "en")
    assert told == f"{FORWARDED_EN}\n\n{NEXT_STEPS_EN}"
    assert not INDONESIAN.search(told.replace(REASON, "")), INDONESIAN.search(told)


def test_an_indonesian_reporters_forwarded_complaint_reads_in_indonesian_on_the_portal(browser, office):
    ticket, code = _forwarded(office, "id")
    assert _outcomes(browser, ticket, code, "id") == [f"{FORWARDED_ID}\n\n{NEXT_STEPS_ID}"]


def test_the_page_speaks_the_language_the_visitor_chose_whatever_the_complaint_was_filed_in(browser, office):
    """The portal's language choice words the page: an Indonesian reporter who switches to English reads English."""
    ticket, code = _forwarded(office, "id")
    assert _outcomes(browser, ticket, code, "en") == [f"{FORWARDED_EN}\n\n{NEXT_STEPS_EN}"]


@pytest.mark.parametrize("mode", ["rahasia", "anonim"])
def test_a_complaint_closed_by_its_review_reads_in_the_reporters_language(browser, office, mode):
    ticket, code = _closed(office, "en", mode)
    assert _outcomes(browser, ticket, code, "en") == [f"{CLOSED_EN}\n\n{NEXT_STEPS_EN}"]
    assert _outcomes(browser, ticket, code, "id") == [f"{CLOSED_ID}\n\n{NEXT_STEPS_ID}"]


def test_the_officers_reason_is_shown_as_typed_in_either_language(browser, office):
    """The reason is the officer's words: neither translated nor read as a template (its "%" and braces stay)."""
    ticket, code = _forwarded(office, "en")
    for lang in ("en", "id"):
        [told] = _outcomes(browser, ticket, code, lang)
        assert REASON in told


def test_a_message_written_before_the_codes_reads_as_it_was_written(browser, office):
    """A row of finished text (no code) is shown as it is, in either language."""
    ticket, code = _filed(office, "en")
    old = "Pengaduan Anda tidak dapat kami tindak lanjuti. Alasannya: laporan ini ganda.\n\nBila Anda tidak puas, ..."
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        s.add(
            CaseMessage(
                case_id=case.id, direction="to_reporter", kind="outcome", body=old, author="tim", created_at=FILED
            )
        )
    assert _outcomes(browser, ticket, code, "en") == [old]
    assert _outcomes(browser, ticket, code, "id") == [old]


def test_the_json_api_words_the_message_in_the_callers_language(client, office):
    ticket, code = _forwarded(office, "id")
    for language, words in (("en", FORWARDED_EN), ("id", FORWARDED_ID)):
        seen = client.get(
            f"/api/v1/complaints/{ticket}/messages", headers={"X-Access-Code": code, "Accept-Language": language}
        )
        assert seen.status_code == 200, seen.json
        [told] = seen.json["items"]
        assert told["body"].startswith(words)


def test_the_complaint_team_reads_kawals_words_in_the_language_of_its_own_page(browser, office):
    """The team's case page shows the conversation as the reporter reads it: an officer working in English read
    Kawal's forwarding notice in Indonesian beside the English page."""
    ticket, _code = _forwarded(office, "id")
    team = browser("tim")
    team.get("/bahasa/en")
    page = html.unescape(text(team.get(f"/kasus/{ticket}")))
    assert FORWARDED_EN in page
    assert NEXT_STEPS_EN in page
    assert FORWARDED_ID not in page
    team.get("/bahasa/id")
    assert FORWARDED_ID in html.unescape(text(team.get(f"/kasus/{ticket}")))
