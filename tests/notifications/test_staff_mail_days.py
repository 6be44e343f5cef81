"""A period the law counts in days reads in days in the officers' mails too, as the reporter reads it (an acceptance
walk found the reporter's 30-day evidence window and the statutory 60 days written as "hari kerja" to the team): the
complaint's S60 (UU 25/2009 Pasal 50, 60 days) and the reporter's evidence window (Pasal 45, 30 days), or a dispute's
14 days to appeal, counted in days from the deadline's own due day, in the officer's language; a period counted in
working days is still written in working days (legal-process.md §2, §7.2, §7.4)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine import reminders
from engine.models import Reminder
from engine.notices import remind
from notifications.rendering import EVENTS, render
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.notifications.staff import officers_have_mail, smtp_settings
from tests.notifications.test_complaint_mails import _asked_for_evidence, _verified, filed, local
from tests.notifications.test_mail_words import send
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import KE_UNIT, TANGGAPAN_UNIT, wib

FILED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB
STAFF = sorted(event for event, audience in EVENTS.items() if audience == "staff")
WORKING = re.compile(r"hari kerja|working day")
# A stand-in's news of a colleague's task (task_handed_over, task_returned): whose, and until when.
LEAVE = {"absent_name": "Petugas Cuti", "leave_last_day": "2027-03-12", "to_queue": False, "leave_cancelled": False}


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


def deadline_lines(text: str) -> str:
    """The deadline block of a staff mail: from its legal basis to the blank line after it."""
    start = text.index("Dasar hukum" if "Dasar hukum" in text else "Legal basis")
    return text[start:].split("\n\n")[0]


@pytest.mark.parametrize("event", STAFF)
@pytest.mark.parametrize(
    ("locale", "days", "says"),
    [
        ("id", 5, r"Sisa waktu   : 5 hari$"),
        ("id", -4, r"Terlambat.*\b4 hari\b"),
        ("en", 1, r"Time left    : 1 day$"),
        ("en", -1, r"Overdue.*\b1 day\b"),
    ],
)
def test_every_staff_mail_writes_a_period_the_law_counts_in_days_in_days(event, locale, days, says):
    today = datetime(2027, 3, 10, 2, 0, tzinfo=UTC)  # Wed 10 Mar 2027, 09:00 WIB
    due = local(today + timedelta(days=days)).replace(hour=16, minute=0)
    context = {
        "ticket": "ADU-2027-000001",
        "deadline": "S60",
        "legal_basis": "UU 25/2009 Pasal 50; Perpres 76/2013 (60 hari sejak berkas lengkap)",
        "due_at": due.isoformat(timespec="minutes"),
        "working_days_left": 99 if days > 0 else -99,  # the working days the row counted: not what is said
        "day_unit": "calendar_days",
        "task_title": "Klarifikasi",
        "author": "Tim Pengaduan",
        "outcome_label": "disetujui",
        "follow_up_on": "2027-03-12",
        "mode": "whistleblower",
        "received_at": "2027-03-01T10:00+07:00",
        **LEAVE,
    }
    with time_machine.travel(today, tick=False):
        _subject, body = render(event, locale, context)
    assert re.search(says, deadline_lines(body), re.M), deadline_lines(body)
    assert "99" not in body
    assert not WORKING.search(deadline_lines(body)), deadline_lines(body)


@pytest.mark.parametrize("event", STAFF)
def test_a_period_counted_in_working_days_is_still_written_in_working_days_to_staff(event):
    context = {
        "ticket": "ADU-2027-000001",
        "deadline": "V3",
        "legal_basis": "SP4N-LAPOR!: verifikasi 3 hari kerja",
        "due_at": "2027-01-14T16:00+07:00",
        "working_days_left": 2,
        "task_title": "Telaah",
        "author": "Tim Pengaduan",
        "outcome_label": "disetujui",
        "follow_up_on": "2027-01-12",
        "mode": "whistleblower",
        "received_at": "2027-01-11T10:00+07:00",
        **LEAVE,
    }
    with time_machine.travel(FILED, tick=False):
        _subject, body = render(event, "id", context)
    assert "Sisa waktu   : 2 hari kerja\n" in body


@pytest.mark.parametrize(  # the reporter's window ended: never the office late (test_requester_window_staff_mail.py)
    ("locale", "late"), [("id", "Berakhir     : {days} hari yang lalu\n"), ("en", "Ended        : {days} day")]
)
def test_the_team_s_reminder_after_the_reporter_s_thirty_day_window_counts_it_in_days(
    app, settings, mailbox, office, clock, locale, late
):
    """BUKTI's "+1:group" reminder (pengaduan.bpmn): the day after the reporter's window, the team reads how long ago
    it ended in days, as the reporter's own reminder counts it (UU 25/2009 Pasal 45: 30 days)."""
    officers_have_mail(office, english={"tim", "tim2"} if locale == "en" else ())
    ticket = filed(office, "id")
    _asked_for_evidence(office, ticket)
    bukti = office.deadline(ticket, "BUKTI")
    with office.sessions() as s:
        after = s.scalar(select(Reminder).where(Reminder.deadline_id == bukti.id, Reminder.audience == "group"))
    clock.move_to(after.fire_at + timedelta(seconds=1))
    office.run(ticket)  # the window lapsed: the team is to confirm that no evidence came
    with office.sessions.begin() as s:
        assert after.id in [r.id for r in reminders.due(s)]
        remind(s, office.rt, s.get(Reminder, after.id))
    mails = send(app, settings, mailbox, "deadline_reminder")
    assert {m.to for m in mails} >= {"tim@kanwil.example", "tim2@kanwil.example"}
    days = (local(datetime.now(UTC)).date() - local(bukti.due_at).date()).days
    for mail in mails:
        assert late.format(days=days) in mail.text
        assert not WORKING.search(deadline_lines(mail.text)), deadline_lines(mail.text)


def test_the_escalation_and_overdue_mails_of_the_sixty_days_count_them_in_days(app, settings, mailbox, office, clock):
    """S60 (UU 25/2009 Pasal 50: 60 days from the complete file) lapses: the WBS managers' escalation and the team's
    overdue mail say how late in days."""
    officers_have_mail(office)
    ticket = filed(office, "id")
    _verified(office, ticket)
    clock.move_to(wib("2027-01-12"))
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    s60 = office.deadline(ticket, "S60")
    clock.move_to(s60.due_at + timedelta(days=2))
    office.run(ticket)
    told = [
        mail
        for event in ("escalation", "deadline_overdue")
        for mail in send(app, settings, mailbox, event)
        if "Dasar hukum  : UU 25/2009 Pasal 50;" in mail.text  # S60's, not the service standard's (working days)
    ]
    assert told
    days = (local(datetime.now(UTC)).date() - local(s60.due_at).date()).days
    for mail in told:
        assert f"Terlambat    : {days} hari\n" in mail.text, mail.text
        assert not WORKING.search(deadline_lines(mail.text)), deadline_lines(mail.text)
