"""A complaint from SP4N-LAPOR! deemed withdrawn names the rule whose working days ended, on the reporter's status page
and in the mail: "…tanpa jawaban (SP4N-LAPOR!)" named the channel where a rule was meant; it says "ketentuan
SP4N-LAPOR!" / "the SP4N-LAPOR! rule" (legal-process.md §7.4)."""

import pytest
import time_machine

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone, as the mails' tests
from tests.notifications.staff import smtp_settings
from tests.notifications.test_complaint_lapse_mails import _deemed_withdrawn, _filed
from tests.notifications.test_complaint_mails import FILED
from tests.notifications.test_mail_words import send
from tests.web.pages import text
from tests.web.test_portal import open_case
from tests.workflows.conftest import Office


@pytest.fixture
def settings_overrides(mailbox):
    return smtp_settings(mailbox, sender="pengaduan@kanwil.example")


@pytest.fixture
def clock():
    with time_machine.travel(FILED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _lapor_withdrawn(office, clock, locale="id"):
    with office.sessions.begin() as s:
        tim = office.user(s, "tim")
    ticket, code = _filed(office, locale, user=tim, channel="lapor")
    _deemed_withdrawn(office, clock, ticket)
    return ticket, code


def test_the_status_page_names_the_sp4n_lapor_rule_not_the_channel(office, clock, browser):
    ticket, code = _lapor_withdrawn(office, clock)
    history = text(open_case(browser(), ticket, code)).split('id="history-title"', 1)[1].split("</section>", 1)[0]
    assert "tanpa jawaban (ketentuan SP4N-LAPOR!)." in history
    b = browser()
    b.get("/bahasa/en")
    history = text(open_case(b, ticket, code)).split('id="history-title"', 1)[1].split("</section>", 1)[0]
    assert "without an answer (the SP4N-LAPOR! rule)." in history


@pytest.mark.parametrize(
    ("locale", "said"),
    [
        ("id", "dianggap dicabut menurut ketentuan SP4N-LAPOR! (10 hari kerja) dan"),
        ("en", "deemed withdrawn under the SP4N-LAPOR! rule (10 working days) and"),
    ],
)
def test_the_mail_names_the_sp4n_lapor_rule(app, settings, mailbox, office, clock, locale, said):
    _lapor_withdrawn(office, clock, locale)
    [mail] = send(app, settings, mailbox, "complaint_deemed_withdrawn")
    assert said in mail.text
