"""What officers are told when a deadline lapses: once each, and nothing a lapse does not do.

A walk through a complaint found the WBS managers told three times of one lapse of the resolution period (the
overdue notice, the escalation, the next day's reminder), the overdue notice of a deadline missed at 16:00 saying
"0 working days left (today is the last day)", and a unit's internal limit (UNIT) announced as recorded on the
complaint and reported to the WBS managers, which it never is (engine.lateness.COORDINATION).
"""

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine.models import Case, Notification, User
from notifications.rendering import render
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_pengaduan_paths import KE_UNIT, RECEIVED, _clarifying, _verified


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _told(office, ticket, event) -> list[tuple[str, dict]]:
    with office.sessions() as s:
        rows = s.execute(
            select(User.username, Notification.context)
            .join(User, User.id == Notification.recipient_user_id)
            .join(Case, Case.id == Notification.case_id)
            .where(Case.ticket == ticket, Notification.event == event)
        ).all()
    return [(username, context) for username, context in rows]


def test_a_lapse_escalated_to_the_wbs_managers_reaches_them_as_the_escalation_alone(office, clock):
    ticket, _ = _clarifying(office)
    sla = office.deadline(ticket, "SLA")
    clock.move_to(sla.due_at + timedelta(minutes=30))  # the same afternoon
    office.run(ticket)
    assert {username for username, _c in _told(office, ticket, "escalation")} == {"wbs", "wbs2"}
    overdue = _told(office, ticket, "deadline_overdue")
    assert {username for username, _c in overdue} == {"tim", "tim2"}  # the team holding the task, not the WBS again
    _subject, body = render("deadline_overdue", "id", overdue[0][1])
    assert "Terlambat    : sejak jatuh tempo hari ini" in body
    assert "Sisa waktu" not in body
    assert "Keterlambatan tercatat pada pengaduan." in body
    _subject, body = render("deadline_overdue", "en", overdue[0][1])
    assert "Overdue      : since today's due time" in body
    _subject, escalation = render("escalation", "id", _told(office, ticket, "escalation")[0][1])
    assert "Sisa waktu" not in escalation


def test_a_units_missed_internal_limit_is_not_announced_as_the_complaint_made_late(office, clock):
    ticket, _ = _verified(office)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    unit = office.deadline(ticket, "UNIT")
    clock.move_to(unit.due_at + timedelta(minutes=30))
    office.run(ticket)
    overdue = _told(office, ticket, "deadline_overdue")
    assert overdue
    for locale, says, never in (
        ("id", "Batas ini batas internal kantor", ("tercatat pada pengaduan", "Pengelola WBS", "keberatan")),
        ("en", "This is the office's internal limit", ("recorded on the complaint", "WBS managers", "objection")),
    ):
        _subject, body = render("deadline_overdue", locale, overdue[0][1])
        assert says in body
        for words in never:
            assert words not in body
