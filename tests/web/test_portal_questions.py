"""The complaint team's questions to a reporter: the reporter's status page says a question waits for their answer,
and the team's case page says who wrote each one.

The status page said "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan." under "Yang dapat Anda lakukan
selanjutnya" while the team's question waited, unanswered, lower on the same page; the case page headed the team's
message "Kepada pelapor (Hana Pertiwi (Tim Pengaduan))".
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import update

from api.extensions import db
from engine.models import User
from tests.web.pages import text
from tests.web.test_portal import complaint_form, open_case, receipt_of

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
WAITING = "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan."
ASKED = "Tim pengaduan mengirim pesan kepada Anda dan menunggu jawaban Anda."  # a message, not always a question


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def next_step(page: str) -> str:
    """The section "Yang dapat Anda lakukan selanjutnya", as HTML."""
    return re.search(r'<section aria-labelledby="next-title">(.*?)</section>', page, re.S)[1]


def ask(team, ticket: str, question: str) -> None:
    team.get(f"/kasus/{ticket}")
    r = team.post(f"/kasus/{ticket}/pesan", {"body": question})
    assert r.status_code == 303, text(r)


@pytest.mark.parametrize("mode", ["anonim", "whistleblower"])
def test_a_question_of_the_team_left_unanswered_is_the_reporter_s_next_step_with_a_link_to_the_reply_form(
    browser, mode
):
    reporter = browser()
    ticket, code = receipt_of(reporter, "/publik/pengaduan", complaint_form(mode))
    assert WAITING in next_step(text(open_case(reporter, ticket, code)))  # nothing asked yet: nothing to do

    ask(browser("tim"), ticket, "Di madrasah mana pungutan itu terjadi?")
    page = text(reporter.get("/publik/status"))
    step = next_step(page)
    assert ASKED in step
    assert WAITING not in step
    assert '<a href="#reply-body">Balas pesan tim</a>' in step
    assert 'id="reply-body"' in page  # the anchor is the reply form's message field


def test_the_reporter_s_answer_ends_the_wait_and_a_new_question_asks_again(browser):
    reporter = browser()
    ticket, code = receipt_of(reporter, "/publik/pengaduan", complaint_form("rahasia"))
    open_case(reporter, ticket, code)
    team = browser("tim")
    ask(team, ticket, "Di madrasah mana pungutan itu terjadi?")
    answered = reporter.post("/publik/pengaduan/pesan", {"body": "Di MTs Negeri 1 Kota Contoh."})
    assert answered.status_code == 303, text(answered)
    step = next_step(text(reporter.get("/publik/status")))
    assert WAITING in step
    assert ASKED not in step
    assert "#reply-body" not in step

    ask(team, ticket, "Kapan tepatnya uang itu diminta?")  # the team's latest message, unanswered again
    step = next_step(text(reporter.get("/publik/status")))
    assert ASKED in step
    assert "#reply-body" in step


def test_the_waiting_question_is_said_in_english_when_chosen(browser):
    reporter = browser()
    ticket, code = receipt_of(reporter, "/publik/pengaduan", complaint_form("anonim"))
    ask(browser("tim"), ticket, "Di madrasah mana pungutan itu terjadi?")
    reporter.get("/bahasa/en")
    step = next_step(text(open_case(reporter, ticket, code)))
    assert "The complaint team has sent you a message and is waiting for your answer." in step
    assert '<a href="#reply-body">Answer the team\'s message</a>' in step
    assert "nothing to do for you" not in step


def test_the_case_page_heads_the_team_s_message_with_its_writer_without_brackets_in_brackets(app, browser):
    """A display name may carry the officer's role in brackets, as the demo's do."""
    with app.app_context():
        db.session.execute(
            update(User).where(User.username == "tim").values(display_name="Hana Pertiwi (Tim Pengaduan)")
        )
        db.session.commit()
    reporter = browser()
    ticket, _code = receipt_of(reporter, "/publik/pengaduan", complaint_form("rahasia"))
    team = browser("tim")
    ask(team, ticket, "Di madrasah mana pungutan itu terjadi?")
    page = text(team.get(f"/kasus/{ticket}"))
    assert "Kepada pelapor · dari Hana Pertiwi (Tim Pengaduan)" in page
    assert "(Hana Pertiwi (Tim Pengaduan))" not in page
