"""Leave: an officer away for some days, and the colleague who stands in (a Plh., pelaksana harian).

For the period (the office's midnight before the first day to the one after the last):
- the substitute holds the officer's lanes (``User.acting_groups``: work groups only, never admin, auditor or
  the WBS managers' sealed identities), so the officer's queue is in theirs;
- the officer's open tasks are handed to the substitute (``hand_over``: at marking when the leave has
  begun, else by the sweep ``kawal reconcile`` runs), each with its event on the case;
- a new task of a lane whose every officer is away goes straight to a substitute (engine.stand_ins);
- reminders and notices for the officer go to the substitute (engine.stand_ins, read by the outbox).

When the leave ends (or is cancelled) the tasks the stand-in still holds under it go back to the officer, each with
its event, and the stand-in is told (engine.leave_returns); a task of the officer's lanes that she took herself and
may no longer work goes back to the lane's queue.

An officer marks their own leave with a colleague who already works in all their lanes. A superior of their lanes (or
an admin) records it too, and may name another colleague of the same unit only by granting them, explicitly, the lanes
they lack for the period (``grant_lanes``): the designation of a pelaksana harian is the superior's, so each lane is
granted by its own superior only, never by an admin as such, never to oneself, and only to an officer who works in a
lane of their own (engine.access.grant_refusal). The Atasan PPID's lane, its own superior's, is granted by the head
(``pimpinan``) too: the lane's only officer away, nobody else could name their stand-in. A lane nobody else in the
office may grant (``ungranted_lanes``: no head's account) is granted by an administrator, who records a designation
made outside Kawal. The grant, and its withdrawal when the leave is cancelled or ends (the reconcile sweep,
engine.leave_returns), are access changes and go into the auditors' access log (engine.access_log) with the stand-in
as their subject.

An officer who stands in for a colleague in the period is refused leave of their own (``officer_stands_in``): the
lanes they hold for the colleague would be left with nobody (a stand-in's leave lends its own lanes, not those).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from engine import access, clock, leave_returns, stand_ins
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.messages import msg
from engine.models import DELEGABLE_GROUPS, Absence, Group, HumanTask, Membership, User
from engine.outbox import Outbox
from engine.runtime import Runtime
from engine.users import GROUPS

DELEGABLE = DELEGABLE_GROUPS  # the lanes a stand-in holds (engine.models, read by User.group_codes)
MAX_DAYS = 366


def is_active(absence: Absence, now: datetime) -> bool:
    return absence.cancelled_at is None and absence.starts_at <= now < absence.ends_at


def can_stand_in_for_self(officer: User, stand_in: User) -> bool:
    """Whether ``stand_in`` already works in every lane of ``officer``: who an officer may name for their own
    leave (a superior who records it may grant another colleague the lanes they lack)."""
    return not lanes_to_grant(officer, stand_in)


def lanes_to_grant(officer: User, stand_in: User) -> list[str]:
    """The lanes of ``officer`` that ``stand_in`` does not work in: what standing in would grant them."""
    return sorted((officer.own_group_codes & DELEGABLE) - stand_in.own_group_codes)


def can_mark(actor: User, officer: User) -> bool:
    """The officer themselves, an admin, or whoever designates a stand-in for one of the officer's lanes (its
    superior; the head for the Atasan PPID: engine.access.GRANTED_BY)."""
    if actor.id == officer.id or "admin" in actor.own_group_codes:
        return True
    own = actor.own_group_codes
    return any(access.GRANTED_BY.get(lane, frozenset()) & own for lane in officer.own_group_codes)


def ungranted_lanes(session: Session, officer: User, lanes) -> frozenset[str]:
    """The lanes among ``lanes`` nobody but ``officer`` may grant a stand-in (engine.access.GRANTED_BY): no other
    active officer holds a group that grants them. An administrator records such a lane's grant when it is the Atasan
    PPID's (engine.access.ADMIN_RECORDS: the lane's only officer, with no head's account in the office), never a
    complaint-team lane."""
    granting = {group for lane in lanes for group in access.GRANTED_BY.get(lane, ())}
    held = set(
        session.scalars(
            select(Group.code)
            .join(Membership, Membership.group_id == Group.id)
            .join(User, User.id == Membership.user_id)
            .where(Group.code.in_(granting), User.active.is_(True), User.id != officer.id)
            .distinct()
        )
    )
    return frozenset(lane for lane in lanes if not access.GRANTED_BY.get(lane, frozenset()) & held)


def _ungranted(session: Session, actor: User, officer: User, lanes: list[str]) -> frozenset[str]:
    """``ungranted_lanes``, read only for an administrator's grant (what it changes)."""
    return ungranted_lanes(session, officer, lanes) if "admin" in actor.own_group_codes else frozenset()


def _active_user(session: Session, username: str, field: str) -> User:
    user = session.scalar(select(User).where(User.username == (username or "").strip(), User.active.is_(True)))
    if user is None:
        raise Invalid("user_unknown", fields={field: [msg("unknown")]})
    return user


def mark_absence(
    session: Session,
    rt: Runtime,
    actor: User,
    username: str,
    substitute: str,
    first_day: date,
    last_day: date,
    grant_lanes: bool = False,
) -> tuple[Absence, list[HumanTask]]:
    """Record ``username``'s leave from ``first_day`` to ``last_day`` with ``substitute`` standing in.

    A stand-in who does not work in every lane of the officer is refused unless ``grant_lanes``, which only a
    superior (or an admin) recording another's leave may give: the lanes are then theirs for the period, and the
    grant is in the access log. Returns the leave and the tasks handed over now (when it has begun), whose cases
    the caller commits.
    """
    officer = _active_user(session, username, "username")
    if not can_mark(actor, officer):
        raise Forbidden("absence_for_self_or_superior")
    stand_in = _active_user(session, substitute, "substitute")
    cal = rt.calendars["strict"]
    today = clock.now().astimezone(cal.tz).date()
    fields: dict[str, list] = {}
    missing = lanes_to_grant(officer, stand_in)
    named = ", ".join(GROUPS.get(g, g) for g in missing)
    if stand_in.id == officer.id:
        fields["substitute"] = [msg("substitute_not_self")]
    elif stand_in.unit_id != officer.unit_id:
        fields["substitute"] = [msg("substitute_same_unit")]
    elif missing and actor.id == officer.id:
        fields["substitute"] = [msg("substitute_needs_groups", groups=named)]
    elif missing and not grant_lanes:
        fields["substitute"] = [msg("substitute_needs_grant", name=stand_in.display_name, groups=named)]
    elif refused := access.grant_refusal(
        actor, officer, stand_in, missing, _ungranted(session, actor, officer, missing)
    ):
        code, lanes = refused
        superiors = sorted({group for lane in lanes for group in access.GRANTED_BY.get(lane, ())})
        fields["substitute"] = [
            msg(
                code,
                name=stand_in.display_name,
                groups=", ".join(GROUPS.get(g, g) for g in lanes),
                superiors=", ".join(GROUPS.get(g, g) for g in superiors),
            )
        ]
    if last_day < first_day:
        fields["last_day"] = [msg("not_before_first_day")]
    elif last_day < today:
        fields["last_day"] = [msg("not_in_past")]
    elif (last_day - first_day).days >= MAX_DAYS:
        fields["last_day"] = [msg("at_most_days", max=MAX_DAYS)]
    if fields:
        raise Invalid("invalid_data", fields=fields)
    starts_at = datetime.combine(first_day, time(0), tzinfo=cal.tz)
    ends_at = datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=cal.tz)
    overlapping = select(func.count(Absence.id)).where(
        Absence.cancelled_at.is_(None), Absence.starts_at < ends_at, Absence.ends_at > starts_at
    )
    if session.scalar(overlapping.where(Absence.user_id == officer.id)):
        raise Conflict("absence_overlaps")
    if session.scalar(overlapping.where(Absence.user_id == stand_in.id)):
        raise Invalid("invalid_data", fields={"substitute": [msg("substitute_away")]})
    held_for = session.scalar(
        select(User.display_name)
        .join(Absence, Absence.user_id == User.id)
        .where(
            Absence.substitute_id == officer.id,
            Absence.cancelled_at.is_(None),
            Absence.starts_at < ends_at,
            Absence.ends_at > starts_at,
        )
        .order_by(Absence.starts_at)
        .limit(1)
    )
    if held_for is not None:  # the lanes they hold for a colleague away would have nobody
        refused = msg("officer_stands_in", name=officer.display_name, absent=held_for)
        raise Invalid("invalid_data", fields={"first_day": [refused]})
    absence = Absence(
        user=officer,
        substitute=stand_in,
        first_day=first_day,
        last_day=last_day,
        starts_at=starts_at,
        ends_at=ends_at,
        created_by=actor.username,
        created_at=clock.now(),
    )
    session.add(absence)
    session.flush()
    if missing:
        leave_returns.log_lanes(session, actor.username, absence, "leave_lanes_granted", missing)
    stand_ins.forget_away(session)
    handed = hand_over(session, rt, absence) if is_active(absence, clock.now()) else []
    return absence, handed


granted_lanes = leave_returns.granted_lanes  # the lanes the leave granted its stand-in, as the access log says
granted_lanes_of = leave_returns.granted_lanes_of  # the same of several leaves, in one read


def visible_to(session: Session, user: User) -> list[Absence]:
    """Leave ``user`` may see: their own, where they stand in, and (a superior, an admin) every officer's."""
    query = select(Absence).where(Absence.ends_at > clock.now() - timedelta(days=90)).order_by(Absence.starts_at)
    rows = session.scalars(query)
    if "auditor" in user.own_group_codes:  # every leave: who held whose lanes, and when
        return list(rows)
    return [a for a in rows if user.id in (a.user_id, a.substitute_id) or can_mark(user, a.user)]


def leave_now(session: Session, user_id: int) -> Absence | None:
    """The officer's leave under way now, if any."""
    if not stand_ins.current(session, [user_id]):
        return None
    now = clock.now()
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


def under_way(session: Session) -> list[Absence]:
    """The leaves under way now (none on the usual day: one look per transaction, engine.stand_ins)."""
    if not stand_ins.anyone_away(session):
        return []
    now = clock.now()
    query = select(Absence).where(Absence.cancelled_at.is_(None), Absence.starts_at <= now, Absence.ends_at > now)
    return list(session.scalars(query.order_by(Absence.starts_at, Absence.id)))


def under_way_for(session: Session, user: User) -> list[Absence]:
    """The leaves under way now in which ``user`` is the officer away or the stand-in (what their inbox says)."""
    return [a for a in under_way(session) if user.id in (a.user_id, a.substitute_id)]


def cancellable(session: Session, actor: User, absence_id: int) -> Absence:
    """The leave ``actor`` may cancel (whoever may record it), or NotFound."""
    absence = session.get(Absence, absence_id) if 0 < absence_id < 2**31 else None
    if absence is None or not can_mark(actor, absence.user):
        raise NotFound("absence_not_found")
    return absence


def cancel_absence(session: Session, rt: Runtime, actor: User, absence_id: int) -> tuple[Absence, list[HumanTask]]:
    """Cancel the leave from now: new tasks and reminders go to the officer again, the lanes it granted the stand-in
    are withdrawn (access log), and the tasks she still holds under it go back (engine.leave_returns), in this
    transaction. Returns the leave and the tasks given back, whose cases the caller commits."""
    absence = cancellable(session, actor, absence_id)
    if absence.cancelled_at is not None:
        return absence, []
    absence.cancelled_at = clock.now()
    session.flush()
    stand_ins.forget_away(session)
    if granted := granted_lanes(session, absence):
        leave_returns.log_lanes(session, actor.username, absence, "leave_lanes_withdrawn", granted)
    return absence, leave_returns.give_back(session, rt, absence, actor.username)


def hand_over(session: Session, rt: Runtime, absence: Absence) -> list[HumanTask]:
    """The absent officer's open tasks to the substitute, each with its event and a notice to them."""
    tasks = list(
        session.scalars(
            select(HumanTask)
            .where(HumanTask.assignee_id == absence.user_id, HumanTask.state == "open")
            .order_by(HumanTask.id)
        )
    )
    outbox = Outbox(session, rt.settings.notify_channels)
    for task in tasks:
        leave_returns.hand(session, outbox, rt, absence, task)
    outbox.write()
    return tasks


def hand_over_due(session: Session) -> bool:
    """Whether an officer on leave now still holds an open task (what ``sweep`` would hand over).

    Every reconcile asks. Written as a join, SQLite walked every open task (a province's 100,000: 4.5 ms a run);
    the officers on leave, a handful, now lead into the (assignee, state) index: 0.24 ms (bench/README.md)."""
    now = clock.now()
    on_leave = select(Absence.user_id).where(
        Absence.cancelled_at.is_(None), Absence.starts_at <= now, Absence.ends_at > now
    )
    found = select(HumanTask.id).where(HumanTask.assignee_id.in_(on_leave), HumanTask.state == "open").limit(1)
    return session.scalar(found) is not None


def sweep(session: Session, rt: Runtime) -> int:
    """Hand over the tasks of every officer whose leave has begun (safe to run twice); returns how many."""
    now = clock.now()
    absences = session.scalars(
        select(Absence).where(Absence.cancelled_at.is_(None), Absence.starts_at <= now, Absence.ends_at > now)
    )
    return sum(len(hand_over(session, rt, a)) for a in absences)


def workload(session: Session, rt: Runtime, user: User) -> list[dict]:
    """Per officer of the lanes ``user`` supervises: open tasks held, how many overdue, and any leave now."""
    if not access.is_superior(user):
        raise Forbidden("superiors_only")
    lanes = access.supervised_lanes(user)
    now = clock.now()
    officers = session.execute(
        select(User.id, User.username, User.display_name)
        .join(Membership, Membership.user_id == User.id)
        .join(Group, Group.id == Membership.group_id)
        .where(Group.code.in_(lanes), User.active.is_(True))
        .distinct()
        .order_by(User.username)
    ).all()
    held = {
        row.assignee_id: (row.open, row.overdue)
        for row in session.execute(
            select(
                HumanTask.assignee_id,
                func.count(HumanTask.id).label("open"),
                func.coalesce(func.sum(case((HumanTask.due_at < now, 1), else_=0)), 0).label("overdue"),
            )
            .where(HumanTask.state == "open", HumanTask.lane.in_(lanes), HumanTask.assignee_id.is_not(None))
            .group_by(HumanTask.assignee_id)
        )
    }
    away = {
        a.user_id: a
        for a in session.scalars(
            select(Absence)
            .where(Absence.cancelled_at.is_(None), Absence.ends_at > now)
            .order_by(Absence.starts_at.desc())
        )
    }
    return [
        {
            "username": o.username,
            "display_name": o.display_name,
            "open": held.get(o.id, (0, 0))[0],
            "overdue": int(held.get(o.id, (0, 0))[1]),
            "absence": (
                {
                    "first_day": away[o.id].first_day,
                    "last_day": away[o.id].last_day,
                    "substitute": away[o.id].substitute.username,
                    "now": is_active(away[o.id], now),
                }
                if o.id in away
                else None
            ),
        }
        for o in officers
    ]
