"""A task's follow-up ("Tindak lanjut"), set by the officer who holds it: a day to come back to it, with a short note
("the unit promised the data by Thursday; ring them if it has not come").

The legal deadlines run on their own (engine.reminders); this is the officer's plan inside them, which peers keep as
a task's follow-up date beside its due date (Camunda Tasklist, ArkCase). The officer who holds the task sets it for
a working day of the office after today (not a weekend, holiday or cuti bersama), or clears it; the inbox shows it
on the task's row, marked once the day has come, and when the office opens that day the reconcile sweep (``sweep``)
sends the task's holder one message (their stand-in when on leave; the task's group when nobody holds it by then).
The follow-up is the task's, not the officer's: released or assigned, the task keeps it, and whoever works the task
reads its note (the task page's "Catatan tindak lanjut" says so; walk w4 found it worded "Catatan untuk diri sendiri"
though the group read it). The note stays in Kawal: on the task page and the inbox, never in the message or the case's
history (an officer may write a name or a number in it), which record the day only.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access, clock, officer_text
from engine.audit import EventLog
from engine.calendar import iso_day
from engine.errors import Conflict, Invalid
from engine.messages import msg
from engine.models import HumanTask, User
from engine.outbox import Outbox, deadline_context, lane_members
from engine.run import touch
from engine.runtime import Runtime
from engine.stand_ins import recipients

EVENT = "task_follow_up"  # the message on the day
NOTE_MAX = 200
FURTHEST = timedelta(days=366)  # a day beyond a year is a typo, not a plan


def _held(session: Session, user: User, task_id: int) -> HumanTask:
    """The open task ``user`` holds: the holder sets or clears the task's follow-up (claim it first)."""
    task = access.require_task(session, user, task_id)
    access.require_work(user, task)
    if task.state != "open":
        raise Conflict("task_not_open")
    if task.assignee_id != user.id:
        raise Conflict("follow_up_needs_claim")
    return task


def set_follow_up(session: Session, rt: Runtime, user: User, task_id: int, data: dict) -> HumanTask:
    """The day (``on``, ISO) the holder comes back to the task, a working day of the office after today and within a
    year, and their ``note`` (optional, at most ``NOTE_MAX`` characters). A new day replaces the one before, and is
    told again."""
    task = _held(session, user, task_id)
    office = rt.calendars["lenient"]  # the days the office is shut, cuti bersama included
    fields: dict[str, list] = {}
    day = iso_day(data.get("on"))
    today = rt.today()
    if day is None:
        fields["on"] = [msg("date_required")]
    elif day <= today:
        fields["on"] = [msg("follow_up_after_today")]
    elif day > today + FURTHEST:
        fields["on"] = [msg("follow_up_within_a_year")]
    elif not office.is_working_day(day):  # a weekend, a holiday or a cuti bersama: nobody would read it that day
        following = next(d for d in (day + timedelta(days=n) for n in range(1, 60)) if office.is_working_day(d))
        fields["on"] = [msg("follow_up_working_day", next=following)]
    note = data.get("note")
    note = note.strip() if isinstance(note, str) else ""
    if len(note) > NOTE_MAX:
        fields["note"] = [msg("max_length", max=NOTE_MAX)]
    if fields:
        raise Invalid("invalid_data", fields=fields)
    # On a complaint, read by whoever works the task (a unit among them): no one's NIK, phone or e-mail.
    officer_text.require_note(session, rt, task.case, note, officer_text.FOLLOW_UP, officer_text.FOLLOW_UP_TITLE)
    task.follow_up_at = office.opening(day)
    task.follow_up_note = note or None
    task.follow_up_sent_at = None
    touch(task.case)
    EventLog(session).append(
        task.case, "follow_up_set", user.username, {"task": task.bpmn_id, "task_id": task.id, "on": str(day)}
    )
    return task


def clear_follow_up(session: Session, user: User, task_id: int) -> HumanTask:
    task = _held(session, user, task_id)
    if task.follow_up_at is not None:
        task.follow_up_at = task.follow_up_note = task.follow_up_sent_at = None
        touch(task.case)
        EventLog(session).append(
            task.case, "follow_up_cleared", user.username, {"task": task.bpmn_id, "task_id": task.id}
        )
    return task


def _due(now: datetime):
    return select(HumanTask).where(HumanTask.follow_up_sent_at.is_(None), HumanTask.follow_up_at <= now)


def sweep_due(session: Session) -> bool:
    """Whether a follow-up's day has come unsent (every reconcile asks: one look through its partial index)."""
    return session.scalar(_due(clock.now()).with_only_columns(HumanTask.id).limit(1)) is not None


def sweep(session: Session, rt: Runtime) -> int:
    """Tell each follow-up whose day has come to its task's holder, once; a task done or cancelled meanwhile is
    passed over, silently. Returns how many were told."""
    now = clock.now()
    outbox, told, cal = Outbox(session, rt.settings.notify_channels), 0, rt.calendars["strict"]
    for task in session.scalars(_due(now)).all():
        task.follow_up_sent_at = now
        if task.state != "open":
            continue
        to = recipients(session, [task.assignee_id]) if task.assignee_id else []
        to = to or lane_members(session, task.case, task.lane, task.unit_id)
        day = task.follow_up_at.astimezone(cal.tz).date()
        due = next((d for d in task.case.deadlines if d.status == "pending"), None)  # as an assignment tells it
        context = {**deadline_context(cal, due), "task_title": task.title, "follow_up_on": day.isoformat()}
        outbox.to_users(task.case, EVENT, f"task{task.id}:{day}", to, context)
        told += 1
    outbox.write()
    session.flush()
    return told
