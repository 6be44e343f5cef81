"""A complaint's lapse escalated to the WBS managers is told to them once: the escalation that afternoon, not the
SLA's "+1:superior" reminder again the next morning (pengaduan.bpmn names the WBS managers, the complaint team's
superiors, for both). The reminder is kept, cancelled with its reason (engine.reminders.ESCALATED).
"""

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine.models import Case, Notification, Reminder, User
from engine.notices import remind
from engine.reminders import ESCALATED
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (as test_lapse_mails.py)
from tests.workflows.test_pengaduan_paths import RECEIVED, _clarifying


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _told(office, ticket) -> dict[str, list[str]]:
    with office.sessions() as s:
        rows = s.execute(
            select(User.username, Notification.event)
            .join(User, User.id == Notification.recipient_user_id)
            .join(Case, Case.id == Notification.case_id)
            .where(Case.ticket == ticket, Notification.event.in_(("escalation", "deadline_reminder")))
            .order_by(Notification.id)
        ).all()
    told = {}
    for username, event in rows:
        told.setdefault(username, []).append(event)
    return told


def test_the_wbs_managers_read_of_a_lapsed_resolution_period_in_its_escalation_alone(office, clock):
    ticket, _ = _clarifying(office)
    sla = office.deadline(ticket, "SLA")
    with office.sessions() as s:
        after = s.scalar(select(Reminder).where(Reminder.deadline_id == sla.id, Reminder.kind == "T+1"))
    clock.move_to(sla.due_at + timedelta(minutes=30))
    office.run(ticket)  # the lapse: the escalation to the WBS managers
    assert _told(office, ticket) == {"wbs": ["escalation"], "wbs2": ["escalation"]}
    clock.move_to(after.fire_at + timedelta(seconds=1))
    with office.sessions.begin() as s:
        remind(s, office.rt, s.get(Reminder, after.id))
    assert _told(office, ticket) == {"wbs": ["escalation"], "wbs2": ["escalation"]}
    with office.sessions() as s:
        kept = s.get(Reminder, after.id)
        assert (kept.status, kept.last_error) == ("cancelled", ESCALATED)
