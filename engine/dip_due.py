"""Keeping the list fresh: when a periodic (berkala) item's next edition is due, and who is told.

A published periodic item is due ``rhythm_months`` after its latest edition (``made_on``, else the day
it was published), at office closing on that day: ``DipItem.next_due_at``, a stored column, so a
sweep and the officers' list read it through an index and "overdue" is derived from it (STYLE.md rule 6).

Its reminders are rows (``DipReminder``), planned in the transaction of the change and swept by
reconcile like a case deadline's (notifications.reconcile, notifications.jobs.send_dip_reminder):

- ``T-5``: five working days before, at office opening, to the officers of the unit that holds it;
- ``T+1``: the next working day after, to the PPID (and the unit): the item is overdue.

A new edition (a later ``made_on``) moves the due date: the pending reminders of the old one are
cancelled and the new one's planned. Rows are unique per (item, kind, due instant): planning twice
creates nothing twice, and sending claims the row first, so nothing is told twice.
"""

from __future__ import annotations

import calendar as months
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from engine import clock
from engine.calendar import WorkingCalendar
from engine.models import DipItem, DipReminder, User
from engine.outbox import Outbox, members
from engine.reminders import fire_at

# (kind, working days from the due date, who is told)
POLICY = (("T-5", -5, "unit"), ("T+1", 1, "ppid"))
# Who in a unit keeps its part of the list: its processing officers.
UNIT_GROUP = "unit_pengolah"


def add_months(day: date, n: int) -> date:
    """``day`` plus ``n`` calendar months, on the last day of a shorter month (31 Aug + 6 = 28/29 Feb)."""
    month = day.month - 1 + n
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, months.monthrange(year, month)[1]))


def next_due(cal: WorkingCalendar, item: DipItem) -> datetime | None:
    """When the published periodic item's next edition is due, or None for any other item."""
    if item.category != "berkala" or not item.rhythm_months or item.status != "published":
        return None
    base = item.made_on or (item.published_at or clock.now()).astimezone(cal.tz).date()
    return datetime.combine(add_months(base, item.rhythm_months), cal.office_close, tzinfo=cal.tz)


def plan(session: Session, cal: WorkingCalendar, item: DipItem) -> list[DipReminder]:
    """Cancel the pending reminders of any other due instant; create the current one's (caller's transaction)."""
    existing = list(session.scalars(select(DipReminder).where(DipReminder.item_id == item.id)))
    for reminder in existing:
        if reminder.status == "pending" and reminder.due_at != item.next_due_at:
            reminder.status = "cancelled"
    if item.next_due_at is None:
        return []
    known = {(r.kind, r.due_at) for r in existing}
    now, created = clock.now(), []
    for kind, offset, _audience in POLICY:
        at = fire_at(cal, item.next_due_at, offset)
        if (kind, item.next_due_at) in known or (offset < 0 and item.next_due_at <= now):
            continue  # told already; or a "due soon" for a date already past (the overdue notice says it)
        reminder = DipReminder(item_id=item.id, kind=kind, due_at=item.next_due_at, fire_at=at, status="pending")
        session.add(reminder)
        created.append(reminder)
    return created


def due(session: Session, limit: int = 500) -> list[tuple[int, datetime]]:
    """(id, fire_at) of the pending reminders due now: what reconcile runs or schedules."""
    return list(
        session.execute(
            select(DipReminder.id, DipReminder.fire_at)
            .where(DipReminder.status == "pending", DipReminder.fire_at <= clock.now())
            .order_by(DipReminder.fire_at)
            .limit(limit)
        ).all()
    )


def send(
    session: Session, cal: WorkingCalendar, channels: tuple[str, ...], reminder_id: int, early=timedelta(0)
) -> list[int] | None:
    """Claim a due reminder and write its messages to the outbox (their ids); None when it is not (or no longer) due.

    A reminder whose item moved on (a new edition, withdrawn, no longer periodic) is cancelled instead.
    ``early``: how long before its instant a job may run it (the RQ scheduler keeps whole seconds).
    """
    reminder = session.get(DipReminder, reminder_id)
    if reminder is None or reminder.status != "pending" or reminder.fire_at > clock.now() + early:
        return None
    claimed = session.execute(
        update(DipReminder)
        .where(DipReminder.id == reminder_id, DipReminder.status == "pending")
        .values(status="sent", sent_at=clock.now())
    ).rowcount
    if claimed != 1:
        return None
    item = session.get(DipItem, reminder.item_id)
    if item.next_due_at != reminder.due_at:
        reminder.status = "cancelled"
        return []
    audience = next(who for kind, _offset, who in POLICY if kind == reminder.kind)
    in_unit, ppid = unit_officers(session, item), members(session, ["ppid"])
    if audience == "unit":  # a unit without officers of its own: the PPID keeps its items
        users, event = in_unit or ppid, "dip_due_reminder"
    else:
        users, event = [*ppid, *in_unit], "dip_overdue"
    outbox = Outbox(session, channels)
    outbox.to_staff(event, f"dip{item.id}:{reminder.kind}:{reminder.due_at:%Y%m%d}", users, context(cal, item))
    return outbox.write()


def context(cal: WorkingCalendar, item: DipItem) -> dict:
    """What the message says: the item, its unit and rhythm, the due date and the working days left."""
    due_local = item.next_due_at.astimezone(cal.tz)
    today = clock.now().astimezone(cal.tz).date()
    return {
        "dip_item": item.id,
        "dip_title": item.title,
        "dip_unit": item.unit.name,
        "rhythm_months": item.rhythm_months,
        "due_at": due_local.strftime("%d-%m-%Y %H:%M ") + (due_local.tzname() or ""),
        "working_days_left": cal.working_days_between(today, due_local.date()),
    }


def unit_officers(session: Session, item: DipItem) -> list[int]:
    unit_group = set(members(session, [UNIT_GROUP]))
    in_unit = session.scalars(select(User.id).where(User.unit_id == item.unit_id, User.active.is_(True)))
    return [user_id for user_id in in_unit if user_id in unit_group]


def is_overdue(item: DipItem) -> bool:
    """Whether a published periodic item's next edition is late (as ``overdue`` lists them): its page says so."""
    return item.status == "published" and item.next_due_at is not None and item.next_due_at < clock.now()


def overdue(session: Session, limit: int = 200) -> list[DipItem]:
    """Published periodic items whose next edition is late, the longest overdue first: the PPID's list."""
    return list(
        session.scalars(
            select(DipItem)
            .where(DipItem.status == "published", DipItem.next_due_at < clock.now())
            .order_by(DipItem.next_due_at)
            .limit(limit)
        )
    )
