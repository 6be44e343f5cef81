"""Reminders before and after a deadline, planned from the timer's ``reminders`` property.

The property reads ``-3:group; -1:assignee,group; 0:assignee,superior; +1:superior,requester``:
an offset in working days from the due date, then who is told. A reminder fires at office opening
on its day (the due date itself for ``0``), so "due in one working day" arrives the morning before.
Rows are unique per (deadline, kind, instant): planning twice creates nothing twice.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from engine import clock
from engine.calendar import WorkingCalendar
from engine.models import Deadline, Reminder

AUDIENCES = frozenset({"assignee", "group", "superior", "requester"})


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


def due(session: Session, limit: int = 500) -> list[Reminder]:
    return list(
        session.query(Reminder)
        .filter(Reminder.status == "pending", Reminder.fire_at <= clock.now())
        .order_by(Reminder.fire_at, Reminder.id)
        .limit(limit)
    )
