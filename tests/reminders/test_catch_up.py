"""A catch-up sends the most pressing reminder of a deadline, once per recipient (an acceptance walk found the T-1
and the T0 reminders of one deadline, then its overdue mail, arriving together after a day without sweeps).

When several reminder points of the same deadline are all past by the time they are processed (the server was down,
Redis was flushed, a request was recorded late), each officer gets only the latest that concerns them: the overdue
mail when the deadline has passed, else the nearest reminder, worded as of the moment it is sent. The earlier points
are recorded as superseded, not sent. A reminder that is the only one due is sent as before, and escalations to the
superiors are kept.

Office hours are 00:00-23:59 here, as in test_reminders.py.

On SQLite alone: which point gives way to which is Python's decision over a deadline's reminders (engine.notices,
engine.reminders); their PostgreSQL twins ran it again over the same rows. The reminders and the outbox on
PostgreSQL are test_reminders.py's, the escalation's query the "+1" reads is test_escalated_lapse.py's.
"""

from collections import defaultdict
from datetime import UTC, datetime, time

import time_machine
from sqlalchemy import select

from engine.models import Deadline, Notification, Reminder, User
from engine.reminders import SUPERSEDED
from notifications.reconcile import reconcile
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.reminders.conftest import wait_for
from tests.reminders.test_reminders import (
    ALL_DAY,
    all_sent,
    assert_each_delivered_once,
    received_working_days_ago,
    rows,
    submit,
)
from tests.smtp import mailed_id

FILED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB
DEADLINE_NEWS = ("deadline_reminder", "deadline_overdue", "escalation")


def told_by_officer(svc, case_id: int) -> dict[str, list[str]]:
    """Each officer's messages about the case's deadline: event, and the reminder point for a reminder."""
    with svc.sessions() as s:
        kinds = {f"reminder{r.id}": r.kind for r in s.scalars(select(Reminder).where(Reminder.case_id == case_id))}
        told = defaultdict(list)
        query = select(Notification).where(Notification.case_id == case_id, Notification.event.in_(DEADLINE_NEWS))
        for n in s.scalars(query.order_by(Notification.id)):
            cause = n.idempotency_key.split(":")[2]
            point = f" {kinds[cause]}" if cause in kinds else ""
            told[s.get(User, n.recipient_user_id).username].append(n.event + point)
        return dict(told)


def t10_reminders(svc, case_id: int) -> dict[str, Reminder]:
    t10 = rows(svc, Deadline, Deadline.case_id == case_id, Deadline.name == "T10")[0]
    return {r.kind: r for r in rows(svc, Reminder, Reminder.deadline_id == t10.id)}


def local_day(svc, day) -> datetime:
    """Nine in the morning of ``day`` in the office's zone."""
    return datetime.combine(day, time(9, 0), tzinfo=svc.runtime.calendars["strict"].tz)


def test_a_request_eleven_working_days_without_a_sweep_gets_one_overdue_mail_to_its_group_and_its_escalation(
    services_for, redis_server, workers, mailbox, env
):
    """The server was down from the request's receipt to the day after its T10: the reminders Redis held for T-3,
    T-1 and T0 come out of its schedule before the timer does, and the deadline has passed. The front desk reads
    one overdue mail, not three reminders and an overdue mail; the Atasan PPID reads the escalation alone (the lapse
    is told once: test_escalated_lapse.py); the PPID, over the desk, its T+1 only."""
    svc = services_for(KAWAL_REDIS_URL=redis_server.url, **ALL_DAY)
    with time_machine.travel(received_working_days_ago(svc.runtime, 11), tick=True):
        case_id = submit(svc)  # its timer and reminders are scheduled on Redis; no worker runs while the days pass
    workers({**env, "KAWAL_REDIS_URL": redis_server.url, **ALL_DAY}, n=1)

    def caught_up():
        done = {r.status for r in t10_reminders(svc, case_id).values()} <= {"sent", "cancelled"}
        return done and all_sent(svc, case_id)

    wait_for(caught_up, 60, what="the T10 reminders and the timer run")
    assert told_by_officer(svc, case_id) == {
        "petugas": ["deadline_overdue"],
        "petugas2": ["deadline_overdue"],
        # The escalation is kept; T+1, which names the superior of the escalation's task too, does not tell the
        # Atasan PPID of the same lapse again (it is sent: it tells the PPID).
        "atasan": ["escalation"],
        "ppid": ["deadline_reminder T+1"],
    }
    points = t10_reminders(svc, case_id)
    assert {kind: r.status for kind, r in points.items()} == {
        "T-3": "cancelled",
        "T-1": "cancelled",
        "T0": "cancelled",
        "T+1": "sent",
    }
    assert {points[k].last_error for k in ("T-3", "T-1", "T0")} == {SUPERSEDED}
    told = rows(svc, Notification, Notification.case_id == case_id, Notification.event.in_(DEADLINE_NEWS))
    assert_each_delivered_once(mailbox, [mailed_id(n.idempotency_key) for n in told])


def test_on_the_due_day_after_days_without_a_sweep_each_officer_gets_the_nearest_reminder_once(services_for, mailbox):
    """T-3, T-1 and T0 all due at once on the due day: the desk reads T-1 (T0 is not addressed to it), the PPID over
    the desk T0 (T-1 named them too); T-3 is superseded. Each says what is true now: today is the last day."""
    svc = services_for(**ALL_DAY)  # the embedded mode: reconcile runs the jobs itself
    with time_machine.travel(FILED, tick=False):
        case_id = submit(svc)
    points = t10_reminders(svc, case_id)
    due_day = points["T0"].fire_at.astimezone(svc.runtime.calendars["strict"].tz).date()
    with time_machine.travel(local_day(svc, due_day), tick=False):
        reconcile(svc)
    wait_for(lambda: all_sent(svc, case_id), 30, what="messages delivered")
    assert told_by_officer(svc, case_id) == {
        "petugas": ["deadline_reminder T-1"],
        "petugas2": ["deadline_reminder T-1"],
        "ppid": ["deadline_reminder T0"],
    }
    points = t10_reminders(svc, case_id)
    assert {kind: r.status for kind, r in points.items()} == {
        "T-3": "cancelled",
        "T-1": "sent",
        "T0": "sent",
        "T+1": "pending",
    }
    assert points["T-3"].last_error == SUPERSEDED
    reminders = rows(svc, Notification, Notification.case_id == case_id, Notification.event == "deadline_reminder")
    assert {n.context["working_days_left"] for n in reminders} == {0}
    assert_each_delivered_once(mailbox, [mailed_id(n.idempotency_key) for n in reminders])


def test_a_request_with_only_its_t_minus_1_due_gets_its_t_minus_1(services_for, mailbox):
    """Sweeps ran on time: T-3 went on its day, and on T-1's day T-1 is the only one due; it goes to the desk and
    to the PPID over it, as before; nothing is superseded."""
    svc = services_for(**ALL_DAY)
    with time_machine.travel(FILED, tick=False):
        case_id = submit(svc)
    points = t10_reminders(svc, case_id)
    tz = svc.runtime.calendars["strict"].tz
    for kind in ("T-3", "T-1"):
        with time_machine.travel(local_day(svc, points[kind].fire_at.astimezone(tz).date()), tick=False):
            reconcile(svc)
    wait_for(lambda: all_sent(svc, case_id), 30, what="messages delivered")
    assert told_by_officer(svc, case_id) == {
        "petugas": ["deadline_reminder T-3", "deadline_reminder T-1"],
        "petugas2": ["deadline_reminder T-3", "deadline_reminder T-1"],
        "ppid": ["deadline_reminder T-1"],
    }
    points = t10_reminders(svc, case_id)
    assert {kind: r.status for kind, r in points.items()} == {
        "T-3": "sent",
        "T-1": "sent",
        "T0": "pending",
        "T+1": "pending",
    }
    assert {r.last_error for r in points.values()} == {None}
    t_minus_1 = [
        n
        for n in rows(svc, Notification, Notification.case_id == case_id)
        if f"reminder{points['T-1'].id}:" in n.idempotency_key
    ]
    assert {n.context["working_days_left"] for n in t_minus_1} == {1}
    assert_each_delivered_once(mailbox, [mailed_id(n.idempotency_key) for n in t_minus_1])
