"""The mail telling a requester that the desk answered their message (``desk_reply``) states the office's legal
deadline the requester still waits on, as the other mails to a requester state theirs (the deadline block:
its name, legal basis, due date and the working days left), in the requester's language: the nearest of the case's
public deadlines of the office's own still running (engine.requester_messages.waited_on), on its latest reading
once its earliest has passed (engine.lateness.letter_context), and none once the case is closed or it has lapsed on
every reading, nor a window the requester acts in.

SQLite alone: the mail's words over rows the other modules store and read back on both databases.
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from engine import requester_messages
from engine.models import Case, Deadline
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the mail's words over stored rows
from tests.notifications.staff import smtp_settings
from tests.web.pages import text
from tests.web.test_desk_replies import _answer
from tests.web.test_portal import open_case, receipt_of, request_form
from tests.web.test_portal_desk_messages import WORDS, delivered, write

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
# T10 on either reading (no collective leave day between): Thu 3 Dec (1) ... Wed 16 Dec 2026 (10), 16:00 WIB.


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


@pytest.fixture
def settings_overrides(mailbox):
    return smtp_settings(mailbox)


def _answered(browser, language="id", withdrawn=False):
    """A request filed on the portal in ``language``, written to and answered (withdrawn first when ``withdrawn``):
    its ticket."""
    b = browser()
    b.get(f"/bahasa/{language}")
    ticket, code = receipt_of(b, "/publik/permohonan", request_form())
    assert open_case(b, ticket, code).status_code == 200
    assert write(b, ticket, WORDS).status_code == 303
    message_id = int(re.search(r'id="desk-message-(\d+)"', text(b.get("/publik/status")))[1])
    if withdrawn:
        assert b.post("/publik/status/cabut", {"kasus": ticket, "confirm": "yes"}).status_code == 303
    assert _answer(browser("ppid"), ticket, message_id).status_code == 303
    return ticket


def test_the_mail_of_an_answer_states_the_office_s_running_deadline(app, settings, mailbox, browser):
    _answered(browser)
    [mail] = delivered(app, settings, mailbox, "desk_reply")
    assert (
        "Jawaban ini tidak mengubah jangka waktu yang berjalan atas permohonan Anda:\n\n"
        "  Batas waktu  : Pemberitahuan tertulis (10 hari kerja)\n"
        "  Dasar hukum  : UU 14/2008 Pasal 22(7)\n"
        "  Jatuh tempo  : 16 Desember 2026 pukul 16.00 WIB\n"
        "  Sisa waktu   : 10 hari kerja\n"
    ) in mail.text


def test_an_english_requester_reads_it_in_english(app, settings, mailbox, browser):
    ticket = _answered(browser, "en")
    [mail] = delivered(app, settings, mailbox, "desk_reply")
    assert mail.subject == f"The desk answered your message: request {ticket}"
    assert (
        "This answer does not change the time limit running on your request:\n\n"
        "  Deadline     : Written notice (10 working days)\n"
        "  Legal basis  : Law 14/2008 Article 22(7)\n"
        "  Due          : 16 December 2026, 16:00 WIB\n"
        "  Time left    : 10 working days\n"
    ) in mail.text


def test_no_deadline_once_the_case_is_closed(app, settings, mailbox, browser):
    _answered(browser, withdrawn=True)
    [mail] = delivered(app, settings, mailbox, "desk_reply")
    assert "Petugas PPID telah menjawab pesan" in mail.text
    assert "Batas waktu" not in mail.text
    assert "jangka waktu yang berjalan" not in mail.text


# Tue 17 Mar 2026, 10:00 WIB, the week of Nyepi and Idul Fitri (tests/workflows/test_legal_lateness.py): T10 ends
# on Wed 1 Apr 2026 on its earliest reading, on Wed 8 Apr on its latest (cuti bersama not working days).
MARCH = datetime(2026, 3, 17, 3, 0, tzinfo=UTC)
STRICT_T10 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)


def _t10(status="pending", kind="agency", calendar="strict", name="T10") -> Deadline:
    return Deadline(
        name=name,
        legal_basis="UU 14/2008 Pasal 22(7)",
        calendar=calendar,
        public=True,
        start_at=MARCH,
        working_days=10,
        due_at=STRICT_T10,
        provenance={"unit": "working_days"},
        status=status,
        kind=kind,
    )


@pytest.mark.parametrize(
    ("today", "status", "stated"),
    [
        (datetime(2026, 3, 30, 3, 0, tzinfo=UTC), "pending", ("2026-04-01T16:00+07:00", 2)),
        # past its earliest reading, in time on its latest: the requester still waits on it, to its latest day
        (datetime(2026, 4, 2, 3, 0, tzinfo=UTC), "missed", ("08-04-2026 16:00 WIB", 3)),
        # lapsed on every reading: no longer a time running (the requester was told it is late, overdue_apology)
        (datetime(2026, 4, 9, 3, 0, tzinfo=UTC), "missed", None),
    ],
)
def test_the_deadline_stated_is_the_one_still_running_on_some_reading(app, today, status, stated):
    rt = app.extensions["kawal_runtime"]
    with time_machine.travel(today, tick=False):
        told = requester_messages.waited_on(rt, Case(closed_at=None, deadlines=[_t10(status)]))
    if stated is None:
        assert told == {"deadline": None}
    else:
        assert (told["deadline"], told["due_at"], told["working_days_left"]) == ("T10", *stated)


def test_a_window_the_requester_acts_in_is_not_a_deadline_they_wait_on(app):
    rt = app.extensions["kawal_runtime"]
    window = _t10(kind="window", calendar="lenient", name="K_LENGKAP")
    with time_machine.travel(datetime(2026, 3, 30, 3, 0, tzinfo=UTC), tick=False):
        assert requester_messages.waited_on(rt, Case(closed_at=None, deadlines=[window])) == {"deadline": None}
        closed = Case(closed_at=datetime(2026, 3, 30, 3, 0, tzinfo=UTC), deadlines=[_t10()])
        assert requester_messages.waited_on(rt, closed) == {"deadline": None}
