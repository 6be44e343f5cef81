"""A lapse is told once to each officer: whoever it escalates to reads of it in the escalation alone, not again in
the deadline's "+1" reminder the next morning (a walk found the Atasan PPID mailed twice for one lapse of T10: the
escalation, then the T+1 reminder naming the superior).

The "+1" still goes to whom the escalation did not tell (the PPID over the front desk); a "+1" left with nobody to
tell is recorded as cancelled with its reason (``reminders.ESCALATED``), never dropped silently.

Office hours are 00:00-23:59 here, as in test_reminders.py; the sweeps run on the points' own days (embedded mode).
"""

from datetime import timedelta

import time_machine
from sqlalchemy import select

from engine import inbox
from engine.models import Deadline, HumanTask, Notification, User
from engine.reminders import ESCALATED, LAPSES
from notifications.reconcile import reconcile
from tests.conftest import sqlite_only
from tests.helpers import STEP
from tests.reminders.conftest import wait_for
from tests.reminders.test_catch_up import DEADLINE_NEWS, FILED, local_day, t10_reminders, told_by_officer
from tests.reminders.test_reminders import ALL_DAY, all_sent, assert_each_delivered_once, rows, submit
from tests.smtp import mailed_id


def _sweep_on(svc, day):
    with time_machine.travel(local_day(svc, day), tick=False):
        reconcile(svc)


def _sweep_each_point_then_the_lapse(svc, case_id):
    """A sweep on each reminder point's day before the due date, one just after the due instant (the timer: the
    lapse), and one on the "+1" point's day."""
    points = t10_reminders(svc, case_id)
    tz = svc.runtime.calendars["strict"].tz
    for kind in ("T-3", "T-1", "T0"):
        _sweep_on(svc, points[kind].fire_at.astimezone(tz).date())
    [t10] = rows(svc, Deadline, Deadline.case_id == case_id, Deadline.name == "T10")
    due_at = t10.due_at
    with time_machine.travel(due_at + timedelta(minutes=5), tick=False):
        reconcile(svc)
    _sweep_on(svc, points["T+1"].fire_at.astimezone(tz).date())
    wait_for(lambda: all_sent(svc, case_id), 30, what="messages delivered")


def _to_the_ppid(svc, case_id):
    """The desk's two steps done: the request waits on the PPID (lane ppid, whose superior is the Atasan PPID)."""
    for step in ("periksa_kelengkapan", "registrasi"):
        with time_machine.travel(FILED + timedelta(minutes=10), tick=False), svc.sessions.begin() as s:
            task = s.scalar(select(HumanTask).where(HumanTask.case_id == case_id, HumanTask.bpmn_id == step))
            officer = s.scalar(select(User).where(User.username == "petugas"))
            inbox.complete_task(s, svc.runtime, officer, task.id, STEP[step])


def test_a_lapse_escalated_to_the_atasan_ppid_reaches_them_once_and_the_t_plus_1_to_them_is_recorded_cancelled(
    services_for, mailbox
):
    """The request waits on the PPID when T10 lapses: the Atasan PPID reads the escalation; the T+1 reminder, whose
    superior is the Atasan PPID alone, is not sent a second time to them but kept, cancelled with its reason."""
    svc = services_for(**ALL_DAY)
    with time_machine.travel(FILED, tick=False):
        case_id = submit(svc)
    _to_the_ppid(svc, case_id)
    _sweep_each_point_then_the_lapse(svc, case_id)
    told = told_by_officer(svc, case_id)
    assert told["atasan"] == ["deadline_reminder T-1", "deadline_reminder T0", "escalation"]
    assert told["ppid"] == ["deadline_reminder T-3", "deadline_reminder T-1", "deadline_overdue"]
    points = t10_reminders(svc, case_id)
    assert {kind: r.status for kind, r in points.items()} == {
        "T-3": "sent",
        "T-1": "sent",
        "T0": "sent",
        "T+1": "cancelled",
    }
    assert points["T+1"].last_error == ESCALATED
    [t10] = rows(svc, Deadline, Deadline.case_id == case_id, Deadline.name == "T10")
    [escalation] = rows(svc, Notification, Notification.case_id == case_id, Notification.event == "escalation")
    assert escalation.context[LAPSES] == [t10.id]  # the lapse it tells of, by which the T+1 knows it
    news = rows(svc, Notification, Notification.case_id == case_id, Notification.event.in_(DEADLINE_NEWS))
    assert_each_delivered_once(mailbox, [mailed_id(n.idempotency_key) for n in news])
    to_atasan = [m for m in mailbox.messages if m["To"] == "atasan@kanwil.example"]
    assert [m["Subject"].split(":")[0] for m in to_atasan][-1] == "Eskalasi kepada Atasan PPID"
    assert len(to_atasan) == 3  # T-1, T0, the escalation: no fourth mail of the same lapse


# Who the "+1" still tells is Python's decision; the escalation's query it reads (its time against the due instant,
# its context's lapses) runs on PostgreSQL in the test above.
@sqlite_only
def test_the_t_plus_1_still_reaches_the_superior_the_escalation_did_not_tell(services_for, mailbox):
    """The request waits on the front desk when T10 lapses: the T+1's superiors are the PPID over the desk and the
    Atasan PPID over the escalation's task. The Atasan PPID read the escalation; the PPID, told of the lapse by
    nobody yet, reads the T+1, which is sent."""
    svc = services_for(**ALL_DAY)
    with time_machine.travel(FILED, tick=False):
        case_id = submit(svc)
    _sweep_each_point_then_the_lapse(svc, case_id)
    told = told_by_officer(svc, case_id)
    assert told["atasan"] == ["escalation"]
    assert told["ppid"] == ["deadline_reminder T-1", "deadline_reminder T0", "deadline_reminder T+1"]
    assert told["petugas"] == ["deadline_reminder T-3", "deadline_reminder T-1", "deadline_overdue"]
    points = t10_reminders(svc, case_id)
    assert points["T+1"].status == "sent"
    assert {r.last_error for r in points.values()} == {None}
    news = rows(svc, Notification, Notification.case_id == case_id, Notification.event.in_(DEADLINE_NEWS))
    assert_each_delivered_once(mailbox, [mailed_id(n.idempotency_key) for n in news])
