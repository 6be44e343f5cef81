"""Who is told of a case is who may see it (README, "Who may see what"): a unit's officers of their own unit's
task only, a complaint team of its own unit's complaints, never the PPID desk of a complaint.

Before, a task's group was every officer of its lane in every unit: a complaint referred to one unit reached
the unit officers and complaint teams of every other unit by e-mail (ticket, deadline, that it exists), and
its reminders reached the PPID, the superior of the unit lane for requests, who may not see complaints.
"""

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine import notices, reminders
from engine.models import Case, HumanTask, Notification, User
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_pengaduan_paths import CATAT, LAYAK, RECEIVED

TO_MADRASAH = {
    "kode_masalah": "02",
    "kategori": "beasiswa_bantuan",
    "berkadar_pengawasan": False,
    "unit_tujuan": "PENDMAD",
}


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _told(office, ticket, event=None, task_title=None) -> set[str]:
    with office.sessions() as s:
        query = (
            select(User.username, Notification.context)
            .join(Notification, Notification.recipient_user_id == User.id)
            .join(Case, Case.id == Notification.case_id)
            .where(Case.ticket == ticket)
        )
        if event:
            query = query.where(Notification.event == event)
        return {name for name, context in s.execute(query) if task_title in (None, context.get("task_title"))}


def test_a_complaint_referred_to_a_unit_is_told_to_that_unit_and_its_own_team_only(office, clock):
    ticket, _ = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", TO_MADRASAH)
    assert office.open_tasks(ticket) == ["klarifikasi_unit"]
    referred = _told(office, ticket, "task_new_group", "Klarifikasi oleh unit")
    assert referred == {"unitmad"}  # not "unit", of the regional office
    with office.sessions() as s:  # the task's own deadline, the unit's time to answer, not the statutory 60 days
        said = s.scalar(
            select(Notification.context)
            .join(Case)
            .where(Case.ticket == ticket, Notification.event == "task_new_group")
            .order_by(Notification.id.desc())
        )
    assert said["deadline"] == "UNIT"
    sla = office.deadline(ticket, "SLA")
    clock.move_to(sla.due_at + timedelta(days=1, hours=1))  # T0 and T+1 reminders go to the superior too
    office.run(ticket)
    with office.sessions.begin() as s:
        for reminder in reminders.due(s):
            reminder.status = "sent"
            notices.remind(s, office.rt, reminder)
    told = _told(office, ticket)
    assert "ppid" not in told
    assert "atasan" not in told
    assert {"tim", "tim2"} <= told  # the team that referred it answers for the unit's lateness
    assert "unit" not in told


def test_an_officer_who_is_the_assignee_and_of_the_group_gets_one_reminder(office, clock):
    """T-1 goes to "assignee,group": the unit officer holding the task is both, and was told twice."""
    ticket, _ = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", TO_MADRASAH)
    with office.sessions.begin() as s:
        task = s.scalar(select(HumanTask).join(Case).where(Case.ticket == ticket, HumanTask.state == "open"))
        task.assignee = s.scalar(select(User).where(User.username == "unitmad"))
    clock.move_to(office.deadline(ticket, "SLA").due_at - timedelta(hours=1))  # after T-1, before T0
    with office.sessions.begin() as s:
        for reminder in reminders.due(s):
            reminder.status = "sent"
            notices.remind(s, office.rt, reminder)
    with office.sessions() as s:
        keys = s.scalars(
            select(Notification.idempotency_key)
            .join(User, User.id == Notification.recipient_user_id)
            .join(Case, Case.id == Notification.case_id)
            .where(Case.ticket == ticket, Notification.event == "deadline_reminder", User.username == "unitmad")
        ).all()
    # deadline_reminder:<case>:reminder<id>:<audience>:user<id>:<channel>: one per reminder and channel
    told = [(key.split(":")[2], key.rsplit(":", 1)[1]) for key in keys]
    assert told
    assert len(told) == len(set(told))


def test_a_unit_asked_for_a_requests_information_has_its_own_five_working_days_then_the_ppid_is_told(office, clock):
    """legal-process.md §7.5: a unit's time to answer is an internal limit, reminded and escalated, so a slow
    unit shows before T10, not at it. Its lapse makes nothing late that the law does not: T10 still counts."""
    from tests.helpers import STEP

    ticket = office.submit()
    for step in ("periksa_kelengkapan", "registrasi"):
        office.complete(ticket, step)
    office.complete(ticket, "proses_permohonan", STEP["proses_permohonan_unit"])
    unit = office.deadline(ticket, "UNIT")
    assert (unit.working_days, unit.public, unit.calendar) == (5, False, "strict")
    assert abs(unit.start_at - clock_now()) < timedelta(minutes=1)  # from the referral, not the receipt
    assert unit.due_at < office.deadline(ticket, "T10").due_at
    for moment in (unit.due_at - timedelta(hours=1), unit.due_at + timedelta(days=1, hours=1)):  # T-1, T0; T+1
        clock.move_to(moment)
        office.run(ticket)
        with office.sessions.begin() as s:
            for reminder in reminders.due(s):
                reminder.status = "sent"
                notices.remind(s, office.rt, reminder)
    assert office.deadlines(ticket)["UNIT"] == "missed"
    assert office.case(ticket).overdue is False  # an internal limit: the request is not late by it
    told = _told(office, ticket, "deadline_reminder")
    assert {"unit", "ppid"} <= told  # the unit, then the PPID who asked
    assert "unitmad" not in told


def clock_now():
    from engine import clock

    return clock.now()
