"""The reporter's evidence window is the reporter's own, not the office's (legal-process.md §7.4; UU 25/2009 Pasal 45:
a complainant who does not complete the file in 30 days is deemed to have withdrawn it; engine.chain.holder: a window
the requester or reporter acts in is theirs, the models marking it clock "window" on the lenient calendar).

A walker read, in the team's mail the day after the window ended, "kewajiban hukum Tim Pengelola Pengaduan sudah
melewati batas waktunya ... Terlambat: 1 hari": the office blamed for the reporter's time. The mail now says that the
reporter's window has ended, how long ago in days, and that the team now confirms "Bukti tidak dikirim" (the
complaint is then deemed withdrawn, and reopens if evidence comes); no word of the office being late. A window of a
requester's (an applicant's time to appeal) is told the same way; the office's own clocks as before.

Python's decisions and a walk to the mail on SQLite alone: nothing new is stored."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from engine import chain, reminders
from engine.models import Reminder
from engine.notices import remind
from notifications import wording
from notifications.rendering import render
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: wording, and a mail nothing new stores
from tests.notifications.staff import officers_have_mail
from tests.notifications.test_complaint_mails import (  # the complaint mails' fixtures: one definition
    _asked_for_evidence,
    clock,  # noqa: F401 - the fixture
    filed,
    local,
    office,  # noqa: F401 - the fixture
    settings_overrides,  # noqa: F401 - the fixture
)
from tests.notifications.test_mail_words import send

LATE = re.compile(r"Terlambat|terlambat|keterlambatan|kewajiban hukum|Overdue|\blate\b|legal time limit|obligation")
WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows"


@pytest.mark.parametrize(
    ("locale", "says"),
    [
        (
            "id",
            [
                "Jangka waktu pelapor untuk melengkapi data/bukti sudah berakhir",
                "Berakhir     : {days} hari yang lalu\n",
                "konfirmasikan \u201cBukti tidak dikirim pelapor\u201d",
                "dianggap dicabut",
            ],
        ),
        (
            "en",
            [
                "The reporter's time to supply data or evidence has ended",
                "Ended        : {days} day",
                "confirm \u201cThe reporter sent no evidence\u201d",
                "deemed withdrawn",
            ],
        ),
    ],
)
def test_the_team_s_mail_after_the_evidence_window_says_the_reporter_s_time_ended_and_what_to_confirm(
    app,
    settings,
    mailbox,
    office,  # noqa: F811 - the imported fixture
    clock,  # noqa: F811 - the imported fixture
    locale,
    says,
):
    """BUKTI's "+1:group" reminder (pengaduan.bpmn), as the team reads it the day after the window ended."""
    officers_have_mail(office, english={"tim", "tim2"} if locale == "en" else ())
    ticket = filed(office, "id")
    _asked_for_evidence(office, ticket)
    bukti = office.deadline(ticket, "BUKTI")
    with office.sessions() as s:
        after = s.scalar(select(Reminder).where(Reminder.deadline_id == bukti.id, Reminder.audience == "group"))
    clock.move_to(after.fire_at + timedelta(seconds=1))
    office.run(ticket)
    with office.sessions.begin() as s:
        assert after.id in [r.id for r in reminders.due(s)]
        remind(s, office.rt, s.get(Reminder, after.id))
    mails = send(app, settings, mailbox, "deadline_reminder")
    assert {m.to for m in mails} >= {"tim@kanwil.example", "tim2@kanwil.example"}
    days = (local(datetime.now(UTC)).date() - local(bukti.due_at).date()).days
    for mail in mails:
        assert not LATE.search(mail.subject + mail.text), LATE.search(mail.subject + mail.text)
        for said in says:
            assert said.format(days=days) in mail.text, mail.text


def _context(deadline: str, left: int) -> dict:
    return {
        "ticket": "PPID/2027/000001" if deadline != "BUKTI" else "ADU-2027-000001",
        "deadline": deadline,
        "legal_basis": "UU 14/2008 Pasal 48(1) (jangka waktu pemohon)",
        "due_at": "2027-03-09T16:00+07:00",
        "working_days_left": left,
    }


@pytest.mark.parametrize("event", ["deadline_reminder", "deadline_overdue"])
@pytest.mark.parametrize("locale", ["id", "en"])
def test_a_requester_s_window_is_never_the_office_s_lateness(event, locale):
    """An applicant's time to go to court (P14P) ended: the PPID's mail says whose time it was, not that it is late."""
    with time_machine.travel(datetime(2027, 3, 10, 2, 0, tzinfo=UTC), tick=False):
        subject, body = render(event, locale, _context("P14P", -1))
    assert not LATE.search(subject + body), LATE.search(subject + body)
    assert ("milik pemohon" if locale == "id" else "the requester's own") in body, body


@pytest.mark.parametrize("event", ["deadline_reminder", "deadline_overdue"])
def test_the_office_s_own_clock_is_still_late_when_it_passed(event):
    with time_machine.travel(datetime(2027, 3, 10, 2, 0, tzinfo=UTC), tick=False):
        _subject, body = render(event, "id", {**_context("T10", -1), "legal_basis": "UU 14/2008 Pasal 22(7)"})
    assert "Terlambat    : 1 hari kerja\n" in body, body


def test_the_requester_s_windows_are_those_the_models_mark_as_theirs():
    """engine.chain.holder's rule, read from the models: clock "window" on the lenient calendar, or an applicant's
    window in a dispute."""
    marked = set(chain.APPLICANT_CLOCKS)
    for path in WORKFLOWS.glob("*.bpmn"):
        for props in re.findall(r"<spiffworkflow:properties>(.*?)</spiffworkflow:properties>", path.read_text(), re.S):
            said = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', props))
            if said.get("clock") == "window" and said.get("calendar") == "lenient" and "deadline" in said:
                marked.add(said["deadline"])
    assert "BUKTI" in marked
    assert marked == wording.REQUESTER_WINDOWS
