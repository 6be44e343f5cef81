"""The end of a leave (engine.absence): the tasks its stand-in still holds under it go back.

While an officer is away, his open tasks are handed to the stand-in (``task_handed_over``), and a task assigned to
him goes to her (``task_assigned`` naming him, ``for``): each event names the leave (``absence_id``). When the leave
ends, or is cancelled, such a task that she still holds (nobody moved it since: its claim is not later than the
event) goes back to him. A task of his lanes that she holds otherwise (the lane's new task that went to her because
everyone in it was away, one she took from the queue) goes back to the lane's queue once she may no longer work it:
it was never his. He gets his tasks only while he may work them (active, in their lane and unit); else they too go to
the queue. Each task returned records ``task_returned`` in its case with the actor (the superior who cancelled the
leave, or ``system`` when it ended), and the stand-in is told (``task_returned`` message).

A cancellation gives the tasks back in its own transaction (engine.absence.cancel_absence); a leave that ends by its
date is found by the reconcile sweep (``returns_due``, ``sweep``), which looks at the leaves over in the last
``RETURN_WINDOW``: safe to run twice, since a task given back is no longer the stand-in's. The sweep also records, in
the auditors' access log, the withdrawal of the lanes such a leave granted its stand-in (``leave_lanes_withdrawn``,
as a cancellation does), once: the leave's id in the log says it is done.

The facts a stand-in's messages state are written here too: the task's deadline (``task_deadline``: a task handed
over already late states the deadline it missed, not nothing) and whose work it is until when (``leave_context``).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from engine import access, access_log, clock, stand_ins
from engine.audit import EventLog
from engine.models import Absence, AccountEvent, CaseEvent, Deadline, Group, HumanTask, Membership
from engine.outbox import Outbox, deadline_context
from engine.run import touch
from engine.runtime import Runtime

# The events that give a task to a stand-in under a leave; their data names it (``absence_id``) and the task.
HANDED = ("task_handed_over", "task_assigned")
# How long after a leave is over the sweep still looks for its tasks: a reconcile runs every few minutes.
RETURN_WINDOW = timedelta(days=30)


def task_deadline(task: HumanTask) -> Deadline | None:
    """The deadline a message about ``task`` states: the one it is due by, else its case's pending one, else the
    last the case missed (a task handed over already late is late since then)."""
    rows = task.case.deadlines
    if task.due_at is not None:
        due_by = [d for d in rows if d.status in ("pending", "missed") and d.due_at == task.due_at]
        if due_by:
            return due_by[-1]
    pending = next((d for d in rows if d.status == "pending"), None)
    if pending is not None:
        return pending
    missed = [d for d in rows if d.status == "missed" and d.kind == "agency"]
    return max(missed, key=lambda d: d.due_at) if missed else None


def task_context(rt: Runtime, task: HumanTask) -> dict:
    """A staff message's facts about ``task``: its title and its deadline (``task_deadline``)."""
    return {**deadline_context(rt.calendars["strict"], task_deadline(task)), "task_title": task.title}


def leave_context(rt: Runtime, absence: Absence, task: HumanTask) -> dict:
    """``task_context`` with whose work it is and until when: the stand-in's messages (``task_handed_over``,
    ``task_returned``)."""
    return {
        **task_context(rt, task),
        "absent_name": absence.user.display_name,
        "leave_last_day": absence.last_day.isoformat(),
    }


def _lanes_of(user_id_column):
    return (
        select(Group.code).join(Membership, Membership.group_id == Group.id).where(Membership.user_id == user_id_column)
    )


def _returnable(now):
    """``(leave id, task id)`` of the open tasks a stand-in holds that a leave over (cancelled, or past its end, in
    the last ``RETURN_WINDOW``) gives back: handed to her under it and not moved since, or of the officer's lanes
    and none of hers."""
    since = now - RETURN_WINDOW
    over = or_(
        and_(Absence.cancelled_at.is_not(None), Absence.cancelled_at > since),
        and_(Absence.cancelled_at.is_(None), Absence.ends_at <= now, Absence.ends_at > since),
    )
    handed = and_(
        HumanTask.claimed_at >= Absence.starts_at,
        HumanTask.claimed_at <= func.coalesce(Absence.cancelled_at, Absence.ends_at),
        exists().where(
            CaseEvent.case_id == HumanTask.case_id,
            CaseEvent.type.in_(HANDED),
            CaseEvent.data["task_id"].as_integer() == HumanTask.id,
            CaseEvent.data["absence_id"].as_integer() == Absence.id,
            CaseEvent.at >= HumanTask.claimed_at,  # the claim it made, not one since
        ),
    )
    outside = and_(
        HumanTask.lane.in_(_lanes_of(Absence.user_id)), HumanTask.lane.not_in(_lanes_of(Absence.substitute_id))
    )
    return (
        select(Absence.id, HumanTask.id, handed.label("handed"))
        .join(HumanTask, and_(HumanTask.assignee_id == Absence.substitute_id, HumanTask.state == "open"))
        .where(over, or_(handed, outside))
    )


def log_lanes(session: Session, actor: str, absence: Absence, type_: str, lanes: list[str], at=None, **extra) -> None:
    """A leave's lanes granted to (or withdrawn from) its stand-in, in the access log with them as its subject;
    ``at``: when it took effect, if not now (the leave's end)."""
    data = {
        "lanes": lanes,
        "for": absence.user.username,
        "first_day": absence.first_day.isoformat(),
        "last_day": absence.last_day.isoformat(),
        "absence_id": absence.id,
        **extra,
    }
    access_log.record(session, access_log.OFFICER, absence.substitute_id, actor, type_, data, at=at)


def granted_lanes(session: Session, absence: Absence) -> list[str]:
    """The lanes the leave granted its stand-in, as the access log recorded them (none: they worked in all)."""
    rows = session.scalars(
        select(AccountEvent.data).where(
            AccountEvent.user_id == absence.substitute_id, AccountEvent.type == "leave_lanes_granted"
        )
    )
    return next((list(data["lanes"]) for data in rows if (data or {}).get("absence_id") == absence.id), [])


def _logged(type_: str):
    """The access log holds ``type_`` for the leave (engine.absence: its stand-in the subject, its id in the data)."""
    return exists().where(
        AccountEvent.user_id == Absence.substitute_id,
        AccountEvent.type == type_,
        AccountEvent.data["absence_id"].as_integer() == Absence.id,
    )


def _withdrawals(now):
    """The leaves ended by their date (in the last ``RETURN_WINDOW``) that granted their stand-in lanes, whose
    withdrawal the access log does not hold yet (a cancellation records its own)."""
    return select(Absence).where(
        Absence.cancelled_at.is_(None),
        Absence.ends_at <= now,
        Absence.ends_at > now - RETURN_WINDOW,
        _logged("leave_lanes_granted"),
        ~_logged("leave_lanes_withdrawn"),
    )


def returns_due(session: Session) -> bool:
    """Whether a leave that is over left a task with its stand-in that goes back, or its lanes' withdrawal to record
    (what ``sweep`` would do). Every reconcile asks: the leaves over lately are a handful, their stand-ins' open
    tasks few."""
    now = clock.now()
    if session.execute(_returnable(now).limit(1)).first() is not None:
        return True
    return session.execute(_withdrawals(now).with_only_columns(Absence.id).limit(1)).first() is not None


def sweep(session: Session, rt: Runtime) -> list:
    """Record the withdrawal of the lanes each leave ended granted, then give back the tasks of every leave over
    (``returns_due``); returns the tasks. Safe to run twice."""
    for ended in session.scalars(_withdrawals(clock.now()).order_by(Absence.id)).all():
        lanes = granted_lanes(session, ended)
        log_lanes(session, "system", ended, "leave_lanes_withdrawn", lanes, at=ended.ends_at, ended=True)
    leaves = sorted({leave_id for leave_id, _task, _handed in session.execute(_returnable(clock.now()))})
    returned = []
    for leave_id in leaves:
        returned += give_back(session, rt, session.get(Absence, leave_id), "system")
    return returned


def give_back(session: Session, rt: Runtime, absence: Absence, actor: str) -> list[HumanTask]:
    """The leave is over (ended, or cancelled by ``actor``): the tasks its stand-in holds under it go back, each with
    its event, and she is told of each. Returns them."""
    found = session.execute(_returnable(clock.now()).where(Absence.id == absence.id)).all()
    if not found:
        return []
    handed = {task_id: bool(was_handed) for _leave, task_id, was_handed in found}
    tasks = session.scalars(select(HumanTask).where(HumanTask.id.in_(handed)).order_by(HumanTask.id)).all()
    officer, stand_in = absence.user, absence.substitute
    stand_ins.forget_away(session)
    outbox, log, now = Outbox(session, rt.settings.notify_channels), EventLog(session), clock.now()
    returned = []
    for task in tasks:
        if not handed[task.id] and access.can_work_task(stand_in, task):
            continue  # she holds the lane still (another colleague's leave): hers to finish
        back_to = officer if handed[task.id] and officer.active and access.can_work_task(officer, task) else None
        task.assignee, task.claimed_at = back_to, (now if back_to is not None else None)
        touch(task.case)
        log.append(
            task.case,
            "task_returned",
            actor,
            {
                "task": task.bpmn_id,
                "task_id": task.id,
                "from": stand_in.username,
                "assignee": back_to.username if back_to is not None else None,
                "absence_id": absence.id,
            },
        )
        context = {
            **leave_context(rt, absence, task),
            "to_queue": back_to is None,
            "leave_cancelled": absence.cancelled_at is not None,
        }
        outbox.to_users(task.case, "task_returned", f"absence{absence.id}:return{task.id}", [stand_in.id], context)
        returned.append(task)
    outbox.write()
    return returned
