"""Reminders before and after a deadline, planned from the timer's ``reminders`` property.

The property reads ``-3:group; -1:assignee,group; 0:assignee,superior; +1:superior,requester``:
an offset in working days from the due date, then who is told. A reminder fires at office opening
on its day (the due date itself for ``0``), so "due in one working day" arrives the morning before.
Rows are unique per (deadline, kind, instant): planning twice creates nothing twice. When several points of a
deadline come due together (no sweep ran for a while), only the most pressing tells each reader
(``lapse_audiences``, ``later_due``; engine.notices.remind). A lapse is told once to each officer: a "+1" point leaves
out whoever read of it in the lapse's escalation (``told_in_escalation``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import clock
from engine.calendar import WorkingCalendar
from engine.models import Deadline, Notification, Reminder

AUDIENCES = frozenset({"assignee", "group", "superior", "requester"})
POINT = re.compile(r"T0|T[+-]\d+")  # kind(offset)
OFFICERS = frozenset({"assignee", "group", "superior"})
# Why a reminder was not sent (its ``last_error``, status ``cancelled``): a later point of the same deadline, or its
# lapse, was due when it was processed and tells its readers what is true then (``lapse_audiences``, ``later_due``).
SUPERSEDED = "superseded by a later reminder or the overdue notice of the same deadline, due at the same time"
# Why a point after the due instant ("+1") was not sent: whom it names read of the same lapse in its escalation
# (``told_in_escalation``; engine.notices.announce), which a lapse is told in once.
ESCALATED = "whom it names read of this lapse in its escalation"
# The escalation's context key naming the deadlines whose lapse it tells of (by id; engine.notices.announce).
LAPSES = "lapses"


def parse_policy(text: str | None) -> list[tuple[int, tuple[str, ...]]]:
    """``"-3:group; +1:superior,requester"`` -> ``[(-3, ("group",)), (1, ("superior", "requester"))]``."""
    policy = []
    for part in (text or "").split(";"):
        if not part.strip():
            continue
        offset, _, who = part.partition(":")
        audience = tuple(a.strip() for a in who.split(",") if a.strip())
        unknown = set(audience) - AUDIENCES
        if unknown or not audience:
            raise ValueError(f"reminder policy {part.strip()!r}: unknown audience {sorted(unknown) or 'none'}")
        policy.append((int(offset), audience))
    return policy


def kind(offset: int) -> str:
    return "T0" if offset == 0 else f"T{offset:+d}"


def shift_working_days(cal: WorkingCalendar, day: date, offset: int) -> date:
    step = 1 if offset > 0 else -1
    for _ in range(abs(offset)):
        day += timedelta(days=step)
        while not cal.is_working_day(day):
            day += timedelta(days=step)
    return day


def fire_at(cal: WorkingCalendar, due_at: datetime, offset: int) -> datetime:
    due_date = due_at.astimezone(cal.tz).date()
    day = shift_working_days(cal, due_date, offset)
    return cal.opening(day)


def plan(session: Session, cal: WorkingCalendar, deadline: Deadline, policy_text: str | None) -> list[Reminder]:
    """Create the deadline's reminder rows (in the caller's transaction)."""
    existing = {(r.kind, r.fire_at) for r in deadline.reminders}
    created = []
    for offset, audience in parse_policy(policy_text):
        at = fire_at(cal, deadline.due_at, offset)
        if (kind(offset), at) in existing:
            continue
        reminder = Reminder(
            case_id=deadline.case_id,
            deadline=deadline,
            kind=kind(offset),
            audience=",".join(audience),
            fire_at=at,
            status="pending",
            attempts=0,
        )
        session.add(reminder)
        created.append(reminder)
    return created


def close(session: Session, deadline: Deadline) -> int:
    """The deadline left ``pending``: cancel what no longer applies; returns how many were cancelled.

    A deadline that ran out keeps its reminders after the due instant: a missed one its "+1" to the
    superior, a lapsed window of another party its "+1" asking the officers to record what the
    Commission or the court decided (engine.windows); every other outcome cancels all that has not
    been sent.
    """
    cancelled = 0
    for reminder in deadline.reminders:
        if reminder.status != "pending":
            continue
        if deadline.status in ("missed", "lapsed") and reminder.fire_at > deadline.due_at:
            continue
        reminder.status = "cancelled"
        cancelled += 1
    return cancelled


def is_point(reminder: Reminder) -> bool:
    """A point of the deadline's reminder policy (``T-3``, ``T0``, ``T+1``; ``plan``), not a row of its own kind
    (the apology, engine.lateness): only points give way to one another."""
    return POINT.fullmatch(reminder.kind) is not None


def lapse_audiences(reminder: Reminder, now: datetime) -> set[str]:
    """Whom the lapse of the reminder's deadline tells, when that deadline has passed and is still pending (its timer
    has not fired yet: no sweep ran, or its job comes after this one) and the reminder is a point before or on its due
    instant; else nobody. Only those the lapse really reaches: an agency deadline's overdue notice goes to the group
    (and so the assignee); a point of the policy after the due instant ("+1"), pending or sent, to whom it names. A
    superior whom no "+1" names, or a requester of a window (its lapse sends nothing), is not covered: the reminder
    still goes to them, as of now."""
    deadline = reminder.deadline
    if not (
        is_point(reminder)
        and deadline.status == "pending"
        and deadline.due_at < now
        and reminder.fire_at <= deadline.due_at
    ):
        return set()
    covered = {"group", "assignee"} if deadline.kind == "agency" else set()
    for other in deadline.reminders:
        if is_point(other) and other.status in ("pending", "sent") and other.fire_at > deadline.due_at:
            covered.update(other.audience.split(","))
    return covered


def told_in_escalation(session: Session, reminder: Reminder) -> set[int]:
    """The officers (ids) who read of the lapse of the reminder's deadline in its escalation, when the reminder is a
    point after the due instant ("+1"): the escalation and the "+1" tell of the same event, and each officer reads
    of it once, in the escalation (its task is theirs to act on). Else nobody.

    The escalation names the deadlines whose lapse it tells of (``LAPSES``); one written before it did (an upgrade
    between a lapse and its "+1") is matched by the deadline's name and a time after its due instant."""
    deadline = reminder.deadline
    if not is_point(reminder) or reminder.fire_at <= deadline.due_at or deadline.status != "missed":
        return set()
    rows = session.execute(
        select(Notification.recipient_user_id, Notification.context).where(
            Notification.case_id == reminder.case_id,
            Notification.event == "escalation",
            Notification.created_at >= deadline.due_at,
            Notification.status.notin_(("skipped", "incident")),  # an escalation that never reached them told nothing
        )
    )
    told = set()
    for user_id, context in rows:
        lapses = (context or {}).get(LAPSES)
        if (deadline.id in lapses) if lapses is not None else (context or {}).get("deadline") == deadline.name:
            told.add(user_id)
    return told


def later_due(reminder: Reminder, now: datetime) -> list[Reminder]:
    """The reminders of the same deadline at a later point that are due too (sent already, or still to be sent):
    whoever they tell is told the most pressing word and needs not this one as well."""
    if not is_point(reminder):
        return []
    return [
        other
        for other in reminder.deadline.reminders
        if other.id != reminder.id
        and is_point(other)
        and other.status in ("pending", "sent")
        and reminder.fire_at < other.fire_at <= now
    ]


def due(session: Session, limit: int = 500) -> list[Reminder]:
    return list(
        session.query(Reminder)
        .filter(Reminder.status == "pending", Reminder.fire_at <= clock.now())
        .order_by(Reminder.fire_at, Reminder.id)
        .limit(limit)
    )
