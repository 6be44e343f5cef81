"""The end of a leave (engine.absence): the tasks its stand-in still holds under it go back.

While an officer is away, his open tasks are handed to the stand-in (``task_handed_over``), and a task assigned to
him goes to her (``task_assigned`` naming him, ``for``), as does a new task that comes back to him after a unit's
answer (engine.stand_ins.route_back: its event names the task by its guid): each event names the leave
(``absence_id``). When the leave ends, or is cancelled, such a task that she still holds (nobody moved it since: its
claim is not later than the event) goes back to him. A task of his lanes that she holds otherwise (the lane's new
task that went to her because everyone in it was away, one she took from the queue) goes back to the lane's queue
once she may no longer work it: it was never his. He gets his tasks only while he may work them (active, in their
lane and unit); else they too go to the queue. Each task returned records ``task_returned`` in its case with the
actor (the superior who cancelled the leave, or ``system`` when it ended), and the stand-in is told (``task_returned``
message).

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
from engine.models import Absence, AccountEvent, CaseEvent, Deadline, Group, HumanTask, Membership, User
from engine.outbox import Outbox, own_deadline, stated
from engine.run import touch
from engine.runtime import Runtime

# The events that give a task to a stand-in under a leave; their data names it (``absence_id``) and the task.
HANDED = ("task_handed_over", "task_assigned")
# How long after a leave is over the sweep still looks for its tasks: a reconcile runs every few minutes.
RETURN_WINDOW = timedelta(days=30)


def task_deadline(task: HumanTask) -> Deadline | None:
    """The deadline a message about ``task`` states: the one it is due by (``own_deadline``, pending or missed),
    else its case's pending one, else the last the case missed (a task handed over already late is late since
    then)."""
    rows = task.case.deadlines
    due_by = own_deadline(task, rows, ("pending", "missed"))
    if due_by is not None:
        return due_by
    pending = next((d for d in rows if d.status == "pending"), None)
    if pending is not None:
        return pending
    missed = [d for d in rows if d.status == "missed" and d.kind == "agency"]
    return max(missed, key=lambda d: d.due_at) if missed else None


def task_context(rt: Runtime, task: HumanTask) -> dict:
    """A staff message's facts about ``task``: its title and its deadline (``task_deadline``), counted on that
    deadline's own calendar (engine.outbox.stated), as every staff mail counts it."""
    return {**stated(rt.calendars, task_deadline(task)), "task_title": task.title}


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


def _held_under(absence_until):
    """The rule a stand-in holds an open task under the leave (``Absence``, running until ``absence_until``) by:
    handed to her under it and not moved since (``handed``), or of the officer's lanes and none of hers
    (``outside``)."""
    handed = and_(
        HumanTask.claimed_at >= Absence.starts_at,
        HumanTask.claimed_at <= absence_until,
        exists().where(
            CaseEvent.case_id == HumanTask.case_id,
            CaseEvent.type.in_(HANDED),
            or_(
                CaseEvent.data["task_id"].as_integer() == HumanTask.id,
                # A new task its run gave the stand-in (engine.stand_ins.route_back) is named by its guid: its row
                # had no id yet when the event was written.
                CaseEvent.data["task_guid"].as_string() == HumanTask.task_guid,
            ),
            CaseEvent.data["absence_id"].as_integer() == Absence.id,
            CaseEvent.at >= HumanTask.claimed_at,  # the claim it made, not one since
        ),
    )
    outside = and_(
        HumanTask.lane.in_(_lanes_of(Absence.user_id)), HumanTask.lane.not_in(_lanes_of(Absence.substitute_id))
    )
    return handed, outside


def _returnable(now):
    """``(leave id, task id, handed)`` of the open tasks a stand-in holds under a leave over (cancelled, or past its
    end, in the last ``RETURN_WINDOW``): ``_held_under``'s rule."""
    since = now - RETURN_WINDOW
    over = or_(
        and_(Absence.cancelled_at.is_not(None), Absence.cancelled_at > since),
        and_(Absence.cancelled_at.is_(None), Absence.ends_at <= now, Absence.ends_at > since),
    )
    handed, outside = _held_under(func.coalesce(Absence.cancelled_at, Absence.ends_at))
    return (
        select(Absence.id, HumanTask.id, handed.label("handed"))
        .join(HumanTask, and_(HumanTask.assignee_id == Absence.substitute_id, HumanTask.state == "open"))
        .where(over, or_(handed, outside))
    )


def _due(session: Session, now, absence_id: int | None = None) -> list[tuple[int, HumanTask, bool]]:
    """``(leave id, task, handed)`` of what giving back would move: ``_returnable`` without the tasks of the
    officer's lanes that were never his and that the stand-in may still work (she holds the lane under another
    leave, or as her own again): hers to finish, and no reason for the sweep to run."""
    query = _returnable(now)
    if absence_id is not None:
        query = query.where(Absence.id == absence_id)
    found = session.execute(query).all()
    if not found:
        return []
    tasks = {t.id: t for t in session.scalars(select(HumanTask).where(HumanTask.id.in_({r[1] for r in found})))}
    stand_ins.forget_away(session)  # the leave just cancelled is no longer under way
    due = []
    for leave_id, task_id, was_handed in sorted(found, key=lambda r: (r[0], r[1])):
        task = tasks[task_id]
        if not was_handed and access.can_work_task(task.assignee, task):
            continue
        due.append((leave_id, task, bool(was_handed)))
    return due


def held_under(session: Session, task_ids) -> dict[int, User]:
    """``{task id: the officer away}`` of the tasks among ``task_ids`` their holder holds as a stand-in under a leave
    under way, by the rule its end gives them back by (``_held_under``): not every task of a lane she already
    worked. None on the usual day (one look, engine.stand_ins)."""
    ids = [i for i in task_ids if i is not None]
    if not ids or not stand_ins.anyone_away(session):
        return {}
    now = clock.now()
    handed, outside = _held_under(Absence.ends_at)
    rows = session.execute(
        select(HumanTask.id, Absence.user_id)
        .join(Absence, Absence.substitute_id == HumanTask.assignee_id)
        .where(
            HumanTask.id.in_(ids),
            HumanTask.state == "open",
            Absence.cancelled_at.is_(None),
            Absence.starts_at <= now,
            Absence.ends_at > now,
            or_(handed, outside),
        )
        .order_by(Absence.starts_at, Absence.id)
    ).all()
    if not rows:
        return {}
    officers = {u.id: u for u in session.scalars(select(User).where(User.id.in_({r[1] for r in rows})))}
    held: dict[int, User] = {}
    for task_id, officer_id in rows:
        held.setdefault(task_id, officers[officer_id])
    return held


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
    return granted_lanes_of(session, [absence]).get(absence.id, [])


def granted_lanes_of(session: Session, absences) -> dict[int, list[str]]:
    """``{leave id: lanes}`` the leaves granted their stand-ins (``granted_lanes``), in one read of the log: a page
    that lists leaves."""
    by_id = {a.id: a for a in absences}
    if not by_id:
        return {}
    rows = session.scalars(
        select(AccountEvent.data).where(
            AccountEvent.user_id.in_({a.substitute_id for a in by_id.values()}),
            AccountEvent.type == "leave_lanes_granted",
        )
    )
    granted: dict[int, list[str]] = {}
    for data in rows:
        leave_id = (data or {}).get("absence_id")
        if leave_id in by_id and leave_id not in granted:
            granted[leave_id] = list(data["lanes"])
    return granted


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
    if session.execute(_returnable(now).limit(1)).first() is not None and _due(session, now):
        return True
    return session.execute(_withdrawals(now).with_only_columns(Absence.id).limit(1)).first() is not None


def sweep(session: Session, rt: Runtime) -> list:
    """Record the withdrawal of the lanes each leave ended granted, then give back the tasks of every leave over
    (``returns_due``); returns the tasks. Safe to run twice."""
    for ended in session.scalars(_withdrawals(clock.now()).order_by(Absence.id)).all():
        lanes = granted_lanes(session, ended)
        log_lanes(session, "system", ended, "leave_lanes_withdrawn", lanes, at=ended.ends_at, ended=True)
    leaves = sorted({leave_id for leave_id, _task, _handed in _due(session, clock.now())})
    returned = []
    for leave_id in leaves:
        returned += give_back(session, rt, session.get(Absence, leave_id), "system")
    return returned


def hand(session: Session, outbox: Outbox, rt: Runtime, leave: Absence, task: HumanTask, actor: str = "system"):
    """Give ``task`` to the stand-in of ``leave`` (under way) to hold under it: its event (``task_handed_over``,
    naming the leave, which gives it back when it ends) and her notice. The caller writes the outbox."""
    task.assignee, task.claimed_at = leave.substitute, clock.now()
    touch(task.case)
    context = leave_context(rt, leave, task)
    outbox.to_users(task.case, "task_handed_over", f"absence{leave.id}:task{task.id}", [leave.substitute_id], context)
    EventLog(session).append(
        task.case,
        "task_handed_over",
        actor,
        {
            "task": task.bpmn_id,
            "task_id": task.id,
            "from": leave.user.username,
            "assignee": leave.substitute.username,
            "absence_id": leave.id,
        },
    )


def _away_again(session: Session, absence: Absence) -> Absence | None:
    """The officer's other leave under way now, if any (a leave that follows the one over)."""
    now = clock.now()
    return session.scalar(
        select(Absence)
        .where(
            Absence.user_id == absence.user_id,
            Absence.id != absence.id,
            Absence.cancelled_at.is_(None),
            Absence.starts_at <= now,
            Absence.ends_at > now,
        )
        .order_by(Absence.id)
        .limit(1)
    )


def give_back(session: Session, rt: Runtime, absence: Absence, actor: str) -> list[HumanTask]:
    """The leave is over (ended, or cancelled by ``actor``): the tasks its stand-in holds under it go back, each with
    its event, and she is told of each. A task that goes back to an officer on another leave now goes on to that
    leave's stand-in (``hand``), as his open tasks did when it began. Returns them."""
    found = _due(session, clock.now(), absence.id)
    if not found:
        return []
    officer, stand_in = absence.user, absence.substitute
    outbox, log, now = Outbox(session, rt.settings.notify_channels), EventLog(session), clock.now()
    again = _away_again(session, absence) if officer.active else None
    returned = []
    for _leave, task, handed in found:
        back_to = officer if handed and officer.active and access.can_work_task(officer, task) else None
        onward = again if back_to is not None and again is not None else None
        if onward is not None and not (onward.substitute.active and access.can_work_task(onward.substitute, task)):
            back_to = onward = None  # his stand-in now cannot work it: the lane's queue
        if onward is not None and onward.substitute_id == stand_in.id:  # she holds it on, under his next leave
            hand(session, outbox, rt, onward, task)  # one event naming that leave, one mail: no return that never was
            returned.append(task)
            continue
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
        if onward is not None:
            hand(session, outbox, rt, onward, task)
        returned.append(task)
    outbox.write()
    return returned
