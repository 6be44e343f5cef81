"""The admin's holiday overrides, and what changing them does to open deadlines (legal-process.md §2.2).

An override (an extra day off by Keppres, an office closure, a correction) changes the working-day
calendars at once. Every pending deadline is then counted again from its own start; one that moves
takes its BPMN timer, its due date, its reminders and its explanation along, and its case gets a
``deadline_recomputed`` event. The override table belongs to no case: the change itself is recorded in the
calendar's hash chain (engine.access_log, which auditors read with the access changes) and the application log,
and each moved deadline's event names it.

Callers run ``add_override`` or ``remove_override`` and then ``recompute_open_deadlines`` in one
transaction, and commit. The runtime's calendars follow the table before the commit, so a caller
whose transaction fails must reload them (``rt.load_overrides``) after rolling back.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access_log, clock, holiday_years, reminders
from engine.calendar import CALENDARS, LENIENT, STRICT, DueDate, WorkingCalendar, day_off_name
from engine.errors import Invalid, NotFound
from engine.ids import in_range
from engine.messages import Message, Named, msg
from engine.models import Case, Deadline, HolidayOverrideRow, Reminder
from engine.run import CaseRun, touch
from engine.runtime import Runtime
from engine.sync import due_dates, properties

log = logging.getLogger("kawal.holidays")
REASON_MAX = 200  # the length of holiday.reason


def list_overrides(session: Session) -> list[HolidayOverrideRow]:
    return list(session.scalars(select(HolidayOverrideRow).order_by(HolidayOverrideRow.day, HolidayOverrideRow.id)))


def override_view(row: HolidayOverrideRow) -> dict:
    return {
        "id": row.id,
        "day": row.day,
        "is_working": row.is_working,
        "reason": row.reason,
        "calendars": row.calendars.split(","),
        "created_at": row.created_at,
    }


def change_reason(row: HolidayOverrideRow, change: str) -> str:
    """What the ``deadline_recomputed`` events of a change say caused them, e.g. ``override #3 added: ...``."""
    kind = "working day" if row.is_working else "day off"
    return f"override #{row.id} {change}: {row.day.isoformat()} {kind} ({row.calendars}): {row.reason}"


# What an override says the day is (the page's choice, `kawal calendar overrides add --kind`), and the readings it
# sets unless the admin names them: the strict calendar holds holidays only (legal-process.md §2.2), so a cuti bersama
# of the SKB is a day off on the lenient reading alone; a national holiday (a Keppres, an election day) and an office
# closure on both; a correction (the office works that day) on both.
HOLIDAY, CUTI_BERSAMA, WORKING = "holiday", "cuti_bersama", "working"
KIND_READINGS = {HOLIDAY: CALENDARS, CUTI_BERSAMA: (LENIENT,), WORKING: CALENDARS}


def add_override(
    session: Session,
    rt: Runtime,
    *,
    day: date,
    is_working: bool | None = None,
    reason: str,
    calendars=None,
    kind: str | None = None,
    actor: str,
) -> HolidayOverrideRow:
    """Add a row to the override table; a day has one row per calendar: a second that would also set the day on a
    calendar a row already sets (the same, or contradicting it: a day off and a working day) is refused.

    ``kind`` (``KIND_READINGS``) says what the day is and chooses ``is_working`` and, unless given, the readings; a
    cuti bersama named on the strict reading is refused. Without a kind (the API), ``is_working`` and ``calendars``
    are taken as given, both readings by default; an empty kind is refused (the page's choice not made)."""
    if kind is not None:
        if is_working is not None and is_working != (kind == WORKING):  # said twice, two ways: which is meant?
            raise Invalid("invalid_data", fields={"is_working": [msg("override_kind_contradicts", kind=kind)]})
        is_working = kind == WORKING
        calendars = calendars or KIND_READINGS.get(kind, CALENDARS)
    elif is_working is None:
        is_working = False
    names = _checked(day, is_working, reason, CALENDARS if calendars is None else calendars, kind)
    stored = ",".join(names)
    for same in session.scalars(select(HolidayOverrideRow).where(HolidayOverrideRow.day == day)):
        if set(same.calendars.split(",")) & set(names):
            raise Invalid(
                "override_exists",
                fields={"day": [msg("override_exists_for_day", id=same.id, day=day, calendars=same.calendars)]},
            )
    if unchanged := _changes_nothing(rt, day, is_working, names):
        raise Invalid("override_changes_nothing", fields={"day": [unchanged]})
    row = HolidayOverrideRow(
        day=day,
        is_working=is_working,
        reason=reason.strip(),
        calendars=stored,
        created_at=clock.now(),
        created_by=actor,
    )
    session.add(row)
    session.flush()
    access_log.record(session, access_log.CALENDAR, row.id, actor, "override_added", override_record(row))
    rt.load_overrides(session)
    log.info("%s by %s", change_reason(row, "added"), actor)
    return row


def remove_override(session: Session, rt: Runtime, override_id: int, actor: str) -> HolidayOverrideRow:
    """Delete a row of the override table; returns it (read it before the commit)."""
    row = None
    if in_range(override_id):  # beyond the column's range there is none
        row = session.get(HolidayOverrideRow, override_id)
    if row is None:
        raise NotFound("override_not_found")
    recorded = override_record(row)
    session.delete(row)
    session.flush()
    access_log.record(session, access_log.CALENDAR, override_id, actor, "override_removed", recorded)
    rt.load_overrides(session)
    log.info("%s by %s", change_reason(row, "removed"), actor)
    return row


def _changes_nothing(rt: Runtime, day: date, is_working: bool, names: tuple[str, ...]) -> Message | None:
    """Why an override would change none of the readings it names, or None: a day off on a day off already (a weekend,
    a public holiday, a cuti bersama on the latest reading), a working day on a working day.

    Refused rather than kept (legal-process.md §2.2: the table is for extra days off, closures and corrections): such a
    row moves no deadline, and an explanation would name it instead of the holiday. A cuti bersama of the SKB falling
    on a public holiday is one day off either way, and confirming the year needs only the days that change a count
    (engine.holiday_years). An override that changes one of its readings (a day off on both readings of a cuti
    bersama: the earliest reading changes) is kept as asked.
    """
    offs = [rt.calendars[name].day_off(day) for name in names]
    if is_working and all(off is None for off in offs):
        return msg("override_working_day_already", day=day)
    if not is_working and all(off is not None for off in offs):
        first = offs[0].to_dict()
        return msg("override_day_off_already", day=day, why=Named(day_off_name(first, "en"), day_off_name(first)))
    return None


def override_record(row: HolidayOverrideRow) -> dict:
    """An override as the calendar's chain keeps it (its reason is the Keppres or the closure, no one's data)."""
    return {"day": row.day.isoformat(), "is_working": row.is_working, "calendars": row.calendars, "reason": row.reason}


def _checked(day, is_working, reason, calendars, kind=None) -> tuple[str, ...]:
    fields = {}
    if not isinstance(day, date) or isinstance(day, datetime):
        fields["day"] = [msg("date_required")]
    elif not holiday_years.FIRST_YEAR <= day.year <= holiday_years.LAST_YEAR:
        fields["day"] = [msg("year_range", first=holiday_years.FIRST_YEAR, last=holiday_years.LAST_YEAR)]
    if kind is not None and kind not in KIND_READINGS:
        fields["kind"] = [msg("override_kind_required")]
    if not isinstance(is_working, bool):
        fields["is_working"] = [msg("true_or_false")]
    if not isinstance(reason, str) or not reason.strip():
        fields["reason"] = [msg("required")]
    elif len(reason.strip()) > REASON_MAX:
        fields["reason"] = [msg("max_length", max=REASON_MAX)]
    names = (calendars,) if isinstance(calendars, str) else tuple(calendars or ())
    unknown = [str(n) for n in names if n not in CALENDARS]
    if unknown:
        fields["calendars"] = [msg("calendars_unknown", names=", ".join(unknown), choices=", ".join(CALENDARS))]
    elif not names:
        fields["calendars"] = [msg("at_least_one_of", choices=", ".join(CALENDARS))]
    elif kind == CUTI_BERSAMA and STRICT in names:
        fields["calendars"] = [msg("cuti_bersama_latest_reading_only")]
    if fields:
        raise Invalid("invalid_data", fields=fields)
    return tuple(n for n in CALENDARS if n in names)


# -- recomputing -----------------------------------------------------------------------------------
def recompute_open_deadlines(session: Session, rt: Runtime, actor: str, reason: str) -> list[dict]:
    """Count every pending deadline again on the current calendars; returns one dict per deadline moved.

    A deadline that keeps its due instant keeps its timer; its explanation and its reminders after
    the due date (``T+1``) still follow the calendar.
    """
    pending = session.scalars(
        select(Deadline).where(Deadline.status == "pending").order_by(Deadline.case_id, Deadline.id)
    ).all()
    waiting: dict[int, list[Reminder]] = {}
    for reminder in session.scalars(
        select(Reminder).join(Deadline).where(Deadline.status == "pending", Reminder.status == "pending")
    ):
        waiting.setdefault(reminder.deadline_id, []).append(reminder)
    moved = []
    for case_id, deadlines in groupby(pending, key=lambda d: d.case_id):
        shifts = []
        for deadline in deadlines:
            cal = rt.calendars[deadline.calendar]
            due = cal.count(
                deadline.start_at.astimezone(cal.tz), deadline.working_days, deadline.provenance.get("unit", "")
            )
            if due.due_at != deadline.due_at:
                shifts.append((deadline, due))
                continue
            if _counted_differently(deadline.provenance, due):
                deadline.provenance = _recounted(deadline, due)  # e.g. a weekend now also an override: new reason
            _follow_calendar(session, cal, deadline, waiting.get(deadline.id, []))
        if shifts:
            moved += _move(session, rt, session.get(Case, case_id), shifts, actor, reason)
    return moved


def _move(session: Session, rt: Runtime, case: Case, shifts, actor: str, reason: str) -> list[dict]:
    """Move the case's waiting timers to their recounted instants; the case does not run (nothing fires)."""
    moved = []
    with CaseRun(session, rt, case, actor) as run:
        for deadline, due in shifts:
            task = run.retime(deadline.task_guid, due.due_at)
            if task is None:
                continue  # the timer is gone or has fired: the case's next run closes this row
            cal = rt.calendars[deadline.calendar]
            old = deadline.due_at.astimezone(cal.tz)
            deadline.due_at, deadline.provenance = due.due_at, _recounted(deadline, due)
            holiday_years.note_deadline(session, case, deadline, run.log)
            _replan_reminders(session, cal, deadline, properties(task.task_spec).get("reminders"))
            run.log.append(
                case,
                "deadline_recomputed",
                actor,
                {
                    "deadline": deadline.name,
                    "old_due_at": old.isoformat(),
                    "new_due_at": due.due_at.isoformat(),
                    "reason": reason,
                },
            )
            moved.append(
                {
                    "case_id": case.id,
                    "ticket": case.ticket,
                    "deadline": deadline.name,
                    "old_due_at": old,
                    "new_due_at": due.due_at,
                }
            )
        if moved:
            _refresh_due_dates(case)
            touch(case)  # a concurrent run of this case now conflicts
    return moved


def _refresh_due_dates(case: Case) -> None:
    """The rule of every sync (engine.sync.due_dates), after deadlines moved without a run."""
    case.due_at, task_due = due_dates(case.deadlines)
    for task in case.tasks:
        if task.state == "open":
            task.due_at = task_due


def _recounted(deadline: Deadline, due: DueDate) -> dict:
    """The new provenance, keeping what the count itself does not know (an estimated start, flagged years)."""
    kept = {k: deadline.provenance[k] for k in ("start_estimated", "unconfirmed_years") if k in deadline.provenance}
    return {**due.to_dict(), **kept}


def _counted_differently(provenance: dict, due: DueDate) -> bool:
    fresh = due.to_dict()
    return any(provenance.get(k) != fresh[k] for k in fresh if k != "received_at")  # same instant, any zone


def _offset(kind: str) -> int:
    return int(kind[1:])  # "T-3" -> -3, "T0" -> 0, "T+1" -> 1 (engine.reminders.kind)


def _follow_calendar(session: Session, cal: WorkingCalendar, deadline: Deadline, pending: list[Reminder]) -> None:
    """Move the pending reminders of an unmoved deadline whose day is no longer a working day."""
    if all(reminders.fire_at(cal, deadline.due_at, _offset(r.kind)) == r.fire_at for r in pending):
        return
    policy = {r.kind: f"{_offset(r.kind)}:{r.audience}" for r in pending}
    _replan_reminders(session, cal, deadline, "; ".join(policy.values()))


def _replan_reminders(session: Session, cal: WorkingCalendar, deadline: Deadline, policy: str | None) -> None:
    """Reminders at the instants of the new plan are pending, the others are cancelled.

    A row is unique per (deadline, kind, instant), so a cancelled row whose instant is wanted again
    (an override removed) becomes pending again instead of getting a twin; a sent one stays sent.
    """
    wanted = {
        (reminders.kind(offset), reminders.fire_at(cal, deadline.due_at, offset))
        for offset, _ in reminders.parse_policy(policy)
    }
    for reminder in list(deadline.reminders):
        planned = (reminder.kind, reminder.fire_at) in wanted
        if reminder.status == "pending" and not planned:
            reminder.status = "cancelled"
        elif reminder.status == "cancelled" and planned:
            reminder.status = "pending"
    reminders.plan(session, cal, deadline, policy)
