"""Who receives an officer's messages today: the officer, or while they are on leave the colleague who
stands in for them (engine.absence). The outbox asks here, so reminders follow the work; so do the new tasks a
run creates (engine.sync): a lane whose every officer is away (``route_new_task``), and the task that brings a case
back to the officer who sent it to a unit (``route_back``)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from engine import clock
from engine.models import DELEGABLE_GROUPS, NOBODY_AWAY_UNTIL, Absence, Group, HumanTask, Membership, User
from engine.transaction_info import per_transaction

# When the next leave begins, as ``anyone_away`` found it in the current transaction.
_AWAY = per_transaction(NOBODY_AWAY_UNTIL)
_NEVER = datetime.max.replace(tzinfo=UTC)


_FIRST_LEAVE = select(func.min(Absence.starts_at)).where(  # built once: asked in every request
    Absence.cancelled_at.is_(None), Absence.ends_at > bindparam("now", type_=Absence.ends_at.type)
)
# The same look as a column of another query (bound ``now``): an API request reads it with its token's
# session (engine.sessions.find_with_user) and hands it over with ``note_first_leave``.
FIRST_LEAVE_COLUMN = _FIRST_LEAVE.scalar_subquery()


def anyone_away(session: Session) -> bool:
    """Whether any officer is on leave now: one indexed look per transaction, which on the usual day says no.

    The look also finds when the next recorded leave begins, so a "no" holds until then within the
    transaction; recording a leave in it (engine.absence) makes the next call look again.
    """
    now = clock.now()
    if now < session.info.get(_AWAY, now):
        return False
    with session.no_autoflush:
        first = session.scalar(_FIRST_LEAVE, {"now": now})
    return note_first_leave(session, first, now)


def note_first_leave(session: Session, first: datetime | None, now: datetime) -> bool:
    """What ``FIRST_LEAVE_COLUMN`` (bound to ``now``) read in this transaction; returns ``anyone_away``'s answer."""
    if first is not None and first <= now:
        session.info.pop(_AWAY, None)
        return True
    session.info[_AWAY] = first or _NEVER
    return False


def forget_away(session: Session) -> None:
    """A leave was recorded in this transaction: ``anyone_away`` looks again."""
    session.info.pop(_AWAY, None)


def current(session: Session, user_ids) -> dict[int, int]:
    """``{absent officer id: substitute id}`` for the officers among ``user_ids`` who are on leave now."""
    ids = [i for i in user_ids if i is not None]
    if not ids or not anyone_away(session):
        return {}
    now = clock.now()
    with session.no_autoflush:
        rows = session.execute(
            select(Absence.user_id, Absence.substitute_id)
            .where(
                Absence.user_id.in_(ids),
                Absence.cancelled_at.is_(None),
                Absence.starts_at <= now,
                Absence.ends_at > now,
            )
            .order_by(Absence.id)
        ).all()
    out: dict[int, int] = {}
    for absent, substitute in rows:
        out.setdefault(absent, substitute)
    return out


def recipients(session: Session, user_ids) -> list[int]:
    """``user_ids`` with each officer on leave replaced by their substitute (each id once, order kept)."""
    ids = [i for i in user_ids if i is not None]
    standing_in = current(session, ids)
    return list(dict.fromkeys(standing_in.get(i, i) for i in ids))


def route_new_task(session: Session, task: HumanTask) -> None:
    """A new task of a lane whose every officer (who may work it) is away goes to the first one's substitute."""
    if not task.lane or task.assignee_id is not None:
        return
    now = clock.now()
    with session.no_autoflush:
        _route(session, task, now)


def _route(session: Session, task: HumanTask, now) -> None:
    if not anyone_away(session):
        return  # the usual day: nobody is away
    members = session.scalars(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .join(Group, Group.id == Membership.group_id)
        .where(Group.code == task.lane, User.active.is_(True))
        .order_by(User.id)
    ).all()
    members = [u for u in members if task.unit_id is None or u.unit_id == task.unit_id]
    if not members:
        return
    away = {
        a.user_id: a
        for a in session.scalars(
            select(Absence)
            .where(
                Absence.user_id.in_([u.id for u in members]),
                Absence.cancelled_at.is_(None),
                Absence.starts_at <= now,
                Absence.ends_at > now,
            )
            .order_by(Absence.id.desc())
        )
    }
    if len(away) < len(members):
        return  # someone of the lane is in: the task waits in the lane's queue, which substitutes see too
    absence = away[members[0].id]
    task.assignee_id, task.claimed_at = absence.substitute_id, now


# Whether an officer may still take a task of a lane: active and a member of it (of one unit: ``_MAY_TAKE_OF_UNIT``).
# One look by the primary keys of the officer and of the membership; built once, as every run's reads are.
_MAY_TAKE = (
    select(User.username)
    .join(Membership, Membership.user_id == User.id)
    .join(Group, Group.id == Membership.group_id)
    .where(User.id == bindparam("user_id"), User.active.is_(True), Group.code == bindparam("lane"))
)
_MAY_TAKE_OF_UNIT = _MAY_TAKE.where(User.unit_id == bindparam("unit_id"))


def route_back(session: Session, task: HumanTask, officer_id: int, unit_id: int | None) -> dict | None:
    """A new task that brings the case back to the officer who sent it away (engine.sync: the task after a unit's
    answer, for whoever referred the case to the unit) goes to them, while they may still work its lane: active, a
    member of the lane (of ``unit_id`` when the task or its case is one unit's). Returns what its ``task_assigned``
    event records (``assignee``), or None when the task is left to its lane (``route_new_task``).

    An officer on leave now: the task goes to their stand-in, as one assigned to them would (engine.inbox.assign_task:
    the event names the officer, ``for``, and the leave, ``absence_id``), so that the leave's end gives it back to
    them (engine.leave_returns); a stand-in who may not work it (inactive, another unit, a lane a leave does not
    lend) leaves it to the lane. A referrer who worked the lane only as a stand-in, and still does (the lane's only
    officer away): hers under that leave (``_back_to_stand_in``), not the queue's. One read (``_MAY_TAKE``); one more
    for the leave, on a day someone is away."""
    now = clock.now()
    with session.no_autoflush:
        if unit_id is None:
            username = session.scalar(_MAY_TAKE, {"user_id": officer_id, "lane": task.lane})
        else:
            username = session.scalar(_MAY_TAKE_OF_UNIT, {"user_id": officer_id, "lane": task.lane, "unit_id": unit_id})
        if username is None:  # not of the lane: perhaps she holds it now as a stand-in, for its officer away
            return _back_to_stand_in(session, task, officer_id, unit_id, now)
        leave = _leave_of(session, officer_id, now) if anyone_away(session) else None
    if leave is None:
        task.assignee_id, task.claimed_at = officer_id, now
        return {"assignee": username}
    stand_in = leave.substitute
    lends = task.lane in DELEGABLE_GROUPS or task.lane in stand_in.own_group_codes
    if not stand_in.active or not lends or (unit_id is not None and stand_in.unit_id != unit_id):
        return None
    task.assignee_id, task.claimed_at = stand_in.id, now
    return {"assignee": stand_in.username, "for": username, "absence_id": leave.id}


# The leave under way of an officer of a lane that ``stand_in_id`` stands in for (``lane``), and its officer's name.
_STANDS_IN_FOR = (
    select(Absence.id, User.username)
    .join(User, User.id == Absence.user_id)
    .join(Membership, Membership.user_id == User.id)
    .join(Group, Group.id == Membership.group_id)
    .where(
        Absence.substitute_id == bindparam("stand_in_id"),
        Absence.cancelled_at.is_(None),
        Absence.starts_at <= bindparam("now", type_=Absence.starts_at.type),
        Absence.ends_at > bindparam("now", type_=Absence.ends_at.type),
        Group.code == bindparam("lane"),
    )
    .order_by(Absence.id)
    .limit(1)
)


def _back_to_stand_in(session: Session, task: HumanTask, referrer_id: int, unit_id: int | None, now) -> dict | None:
    """The case comes back to a referrer who is not of the task's lane but held it, and holds it still, as the stand-in
    of an officer of it on leave now (the lane's only PPID away, his stand-in referred the case to a unit): the task
    is hers under that leave, as one routed back to the officer away would be (``route_back``), so that its end gives
    it to him. None (the lane's queue) when she holds it under no leave under way, or may not work it (inactive,
    another unit, a lane a leave does not lend). On the usual day nobody is away: no read."""
    if task.lane not in DELEGABLE_GROUPS or not anyone_away(session):
        return None
    found = session.execute(_STANDS_IN_FOR, {"stand_in_id": referrer_id, "lane": task.lane, "now": now}).first()
    if found is None:
        return None
    stand_in = session.get(User, referrer_id)
    if not stand_in.active or (unit_id is not None and stand_in.unit_id != unit_id):
        return None
    task.assignee_id, task.claimed_at = stand_in.id, now
    return {"assignee": stand_in.username, "for": found.username, "absence_id": found.id}


def _leave_of(session: Session, user_id: int, now) -> Absence | None:
    """The officer's leave under way now, if any (engine.absence.leave_now, which reads this module)."""
    return session.scalar(
        select(Absence)
        .where(
            Absence.user_id == user_id,
            Absence.cancelled_at.is_(None),
            Absence.starts_at <= now,
            Absence.ends_at > now,
        )
        .order_by(Absence.id)
        .limit(1)
    )
