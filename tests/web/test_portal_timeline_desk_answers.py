"""The requester's timeline on the portal ("Yang sudah terjadi") lists their messages to the desk and the desk's
answers to them among the stages (engine.requester_messages.milestones): each on the day it was written, in the
requester's language, linked to its words under "Pesan kepada petugas", the answer by "the desk", never by the
officer's name.

SQLite alone: the page words rows the other modules already store and read back on both databases
(tests/workflows/test_requester_messages.py).
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine.models import User
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the page's words over stored rows
from tests.web.pages import text
from tests.web.test_desk_replies import _answer, _written
from tests.web.test_portal import open_case

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
ANSWERED = datetime(2026, 12, 3, 7, 30, tzinfo=UTC)  # Thu 3 Dec 2026, 14:30 WIB
OFFICER = "Sri Wahyuningsih"  # the answering officer's name on file: the officers' page only
ANSWER = "Data beasiswa tahun 2025 dapat disertakan bersama jawaban resmi."


@pytest.fixture
def named_officer(app):
    with app.app_context():
        db.session.scalar(select(User).where(User.username == "ppid")).display_name = OFFICER
        db.session.commit()


def _history(page: str) -> str:
    return re.search(r'<ol class="milestones">(.*?)</ol>', page, re.S)[1]


def _answered_next_day(browser):
    """A request's message written on Wed 2 Dec, answered on Thu 3 Dec: (portal browser, ticket, message id, the
    answer's id, the status page the requester then reads)."""
    with time_machine.travel(RECEIVED, tick=True):
        b, ticket, code, message_id = _written(browser)
    with time_machine.travel(ANSWERED, tick=False):
        assert _answer(browser("ppid"), ticket, message_id, ANSWER).status_code == 303
        b.get("/publik/status")  # a day later: the form again, and the code
        page = text(open_case(b, ticket, code))
    answer_id = int(re.search(r'id="desk-reply-(\d+)"', page)[1])
    return b, ticket, message_id, answer_id, page


def test_the_desk_s_answer_is_in_the_requester_s_timeline_on_its_day_linked_to_its_words(browser, named_officer):
    _b, _ticket, message_id, answer_id, page = _answered_next_day(browser)
    history = _history(page)
    wrote = f'<li>2 Des 2026, 10:00 WIB: <a href="#desk-message-{message_id}">Anda mengirim pesan kepada petugas</a>'
    answered = f'<li>3 Des 2026, 14:30 WIB: <a href="#desk-reply-{answer_id}">Petugas menjawab pesan Anda</a>'
    assert wrote in history
    assert answered in history
    assert history.index(wrote) < history.index(answered)  # in date order, the stages' among them
    assert ANSWER not in history  # the words stay under "Pesan kepada petugas", which the link opens
    assert f'id="desk-reply-{answer_id}"' in page


def test_the_portal_never_names_the_officer_who_answered(browser, named_officer):
    _b, _ticket, _message_id, _answer_id, page = _answered_next_day(browser)
    assert ANSWER in page
    assert OFFICER not in page
    assert "Jawaban petugas" in page  # "the desk"


def test_the_timeline_speaks_the_requester_s_language(browser):
    b, ticket, message_id, answer_id, _page = _answered_next_day(browser)
    b.get("/bahasa/en")
    with time_machine.travel(ANSWERED + timedelta(minutes=5), tick=False):
        history = _history(text(b.get(f"/publik/status?kasus={ticket}")))
    assert f'<a href="#desk-message-{message_id}">You wrote to the desk</a>' in history
    assert f'3 Dec 2026, 14:30 WIB: <a href="#desk-reply-{answer_id}">The desk answered your message</a>' in history
