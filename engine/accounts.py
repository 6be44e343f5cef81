"""Officers' accounts as an administrator keeps them: on the users page (``/pengguna``), through
``/api/v1/users`` and with ``kawal users`` on the server.

- Create an officer: username, name, e-mail (where their new tasks and reminders go), NIP (printed under their name
  on the letters they sign; none for an officer who is not a civil servant), unit, groups and a first password,
  checked as ``engine.users.create_user`` checks them. A unit is chosen among the office's units: a
  mistyped code is refused, never made a new unit (the CLI alone creates one, and says so).
- Change an officer's name, e-mail, NIP, unit and groups. Nothing that did not change is recorded. The tasks they had
  claimed and can no longer work (a group they left, a unit's task when they moved to another unit) go back to
  their queues, as on a deactivation (below).
- Deactivate an officer who left or moved: they can no longer log in, every session and API token they hold
  ends, and the tasks they had claimed go back to their queues (each case records ``task_unclaimed``, by the
  administrator, because the officer was deactivated), so no case waits on someone who is gone. One who stands
  in for a colleague's leave, now or to come, is refused until that leave is cancelled or recorded with another
  substitute (its tasks would go to someone who cannot log in). Activate them again later.
- Set a new password (a forgotten one), remove the second factor (a lost phone: they set it up again at their
  next login), end their sessions (a lost laptop). Each of the three ends every session the officer holds.

A password an administrator sets (on creating the account, on a reset) is one they know: the officer must change
it at their next login before anything else (``User.must_change_password``; the pages and the API hold them to it).
One set at the server (``kawal users create``, ``reset-password``) is not: whoever types it at the server's prompt
is taken to be the one who uses it (the first administrator, README's Production step 5). An officer changes their
own password with ``change_own_password``: the current one, the new one twice; a wrong current one counts as a
failed login (engine.throttle), every other session and token of theirs ends, and the one they changed it in goes on
under a new id.

Every change is one transaction (the caller's) with its record, ``AccountEvent``: who did what to whom, the
names of the fields that changed and the groups added or removed; never a password, a code, an address or a NIP.
An administrator does not deactivate their own account nor take away their own admin group, and the office
always keeps one active administrator: a refusal, not a lock-out.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine import access, access_log, clock, nip, sessions, throttle, totp, users
from engine.audit import EventLog
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.messages import msg
from engine.models import Absence, AccountEvent, AuthSession, Group, HumanTask, Membership, Unit, User
from engine.run import touch

ADMIN = "admin"
CLI = "cli"  # the actor of `kawal users`: whoever runs commands on the server
NAME_MAX = 200
FIELDS = ("display_name", "email", "nip", "unit", "groups")  # what ``change`` changes, in the form's order
# Why a task went back to its queue (its case's ``task_unclaimed``): its officer was deactivated, or left its group
# or unit.
DEACTIVATED, MOVED = "officer_deactivated", "officer_moved"


@dataclass(frozen=True)
class Deactivated:
    sessions: int  # page sessions and API tokens ended
    released: int  # claimed tasks sent back to their queues


def officers(session: Session) -> list[User]:
    """Every officer, the active ones first, by username (the users page's table)."""
    return list(session.scalars(select(User).order_by(User.active.desc(), User.username)))


def summary(session: Session, user: User) -> dict:
    """An officer as the users page and the API show them, to administrators (never a password hash or a
    second-factor secret)."""
    unit = session.get(Unit, user.unit_id) if user.unit_id else None
    return {
        "username": user.username,
        "display_name": user.display_name,
        "email": user.email,
        "nip": user.nip,
        "unit": unit.code if unit else None,
        "unit_name": unit.name if unit else None,
        "groups": sorted(user.own_group_codes),
        "active": user.active,
        "second_factor": totp.enrolled(user),
        "created_at": user.created_at,
    }


def require(session: Session, username: str) -> User:
    """The officer of ``username`` (the pages and the API: 404 for an unknown one)."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound("user_unknown")
    return user


def history(session: Session, user: User, limit: int = 100) -> list[AccountEvent]:
    """What was done to the officer's account, newest first."""
    rows = select(AccountEvent).where(AccountEvent.user_id == user.id).order_by(AccountEvent.id.desc()).limit(limit)
    return list(session.scalars(rows))


def claimed(session: Session, user: User) -> int:
    """How many open tasks the officer has claimed (what a deactivation sends back to the queues)."""
    return session.scalar(select(func.count()).where(HumanTask.assignee_id == user.id, HumanTask.state == "open"))


def create(session: Session, actor: str, payload: dict) -> User:
    """A new officer from ``payload`` (username, display_name, email, nip, unit, groups, password)."""
    username, password = (payload.get("username") or "").strip(), payload.get("password") or ""
    name = (payload.get("display_name") or "").strip()
    email = (payload.get("email") or "").strip() or None
    number = nip.normalized(payload.get("nip"))
    groups = list(payload.get("groups") or [])
    fields = users.creation_problems(session, username, password, groups, email, number)
    unit = _unit(session, payload.get("unit"), fields)
    if len(name) > NAME_MAX:
        fields["display_name"] = [msg("max_length", max=NAME_MAX)]
    if fields:
        raise Invalid("user_not_created", fields=fields)
    user = users.create_user(session, username, password, groups, name or None, None, email, number)
    user.must_change_password = True  # the administrator typed it: the officer chooses their own at the first login
    if unit is not None:
        user.unit_id = unit.id
    created(session, actor, user)
    return user


def created(session: Session, actor: str, user: User) -> None:
    """Record an officer created by ``engine.users.create_user`` directly (``kawal users create``)."""
    unit = session.get(Unit, user.unit_id) if user.unit_id else None
    _record(session, actor, user, "account_created", {"groups": sorted(user.own_group_codes), "unit": _code(unit)})
    session.flush()


def change(session: Session, actor: str, user: User, payload: dict) -> tuple[str, ...]:
    """Set the officer's name, e-mail, NIP, unit and groups to ``payload``'s (a field left out stays as it is);
    returns the fields that changed."""
    fields: dict[str, list] = {}
    name = (payload.get("display_name") or "").strip() if "display_name" in payload else user.display_name
    if not name:
        fields["display_name"] = [msg("required")]
    elif len(name) > NAME_MAX:
        fields["display_name"] = [msg("max_length", max=NAME_MAX)]
    email = ((payload.get("email") or "").strip() or None) if "email" in payload else user.email
    if email is not None and not users.EMAIL.fullmatch(email):
        fields["email"] = [msg("email_invalid")]
    number = nip.normalized(payload.get("nip")) if "nip" in payload else user.nip
    if problem := nip.problem(number):
        fields["nip"] = [problem]
    unit = _unit(session, payload.get("unit"), fields, user.unit_id) if "unit" in payload else None
    if "unit" in payload and unit is None and "unit" not in fields:
        fields["unit"] = [msg("required")]
    groups = set(payload.get("groups") or []) if "groups" in payload else set(user.own_group_codes)
    if unknown := sorted(groups - set(users.GROUPS)):
        fields["groups"] = [msg("groups_unknown", names=", ".join(unknown))]
    elif not groups:
        fields["groups"] = [msg("group_required")]
    if fields:
        raise Invalid("user_not_changed", fields=fields)
    before = user.own_group_codes
    added, removed = sorted(groups - before), sorted(before - groups)
    if ADMIN in removed and user.username == actor:
        raise Invalid("user_not_changed", fields={"groups": [msg("own_admin_group")]})
    if ADMIN in removed and user.active:
        _require_another_admin(session, user, "groups")
    changed = []
    if name != user.display_name:
        user.display_name = name
        changed.append("display_name")
    if email != user.email:
        user.email = email
        changed.append("email")
    if number != user.nip:
        user.nip = number
        changed.append("nip")
    if unit is not None and unit.id != user.unit_id:
        user.unit_id = unit.id
        changed.append("unit")
    if added or removed:
        known = users.ensure_groups(session)
        user.groups = [known[code] for code in sorted(groups)]
        changed.append("groups")
    released = _release(session, actor, user, MOVED, every=False) if {"unit", "groups"} & set(changed) else 0
    if changed:
        data = {"fields": changed} | ({"added": added, "removed": removed} if added or removed else {})
        data |= {"unit": unit.code} if "unit" in changed else {}
        data |= {"released": released} if released else {}
        _record(session, actor, user, "account_changed", data)
        session.flush()
    return tuple(changed)


def deactivate(session: Session, actor: str, user: User) -> Deactivated:
    if not user.active:
        raise Conflict("account_inactive")
    if user.username == actor:
        raise Conflict("own_account")
    if ADMIN in user.own_group_codes:
        _require_another_admin(session, user, None)
    # A colleague's leave would hand its tasks to someone who cannot log in (engine.absence.hand_over).
    leaves = select(Absence).where(
        Absence.substitute_id == user.id, Absence.cancelled_at.is_(None), Absence.ends_at > clock.now()
    )
    if standing_in := session.scalars(leaves.order_by(Absence.starts_at)).all():
        raise Conflict("substitute_on_leave", names=", ".join(leave.user.display_name for leave in standing_in))
    user.active = False
    released = _release(session, actor, user, DEACTIVATED)
    ended = sessions.end_all(session, user)
    _record(session, actor, user, "account_deactivated", {"sessions": ended, "released": released})
    session.flush()
    return Deactivated(ended, released)


def activate(session: Session, actor: str, user: User) -> None:
    if user.active:
        raise Conflict("account_active")
    user.active = True
    _record(session, actor, user, "account_activated", {})
    session.flush()


def set_password(session: Session, actor: str, user: User, password: str) -> int:
    """A new password chosen by the administrator, which the officer changes at their next login (not one set at the
    server: see above); every session opened with the old one ends (how many)."""
    users.set_password(session, user, password or "")
    user.must_change_password = actor != CLI
    ended = sessions.end_all(session, user)
    _record(session, actor, user, "password_set", {"sessions": ended})
    session.flush()
    return ended


class PasswordChangeRequired(Forbidden):
    """The officer's password was set by an administrator: they change it before anything else."""

    code = "password_change_required"


class WrongPassword(Invalid):
    """The current password typed for a change was wrong. The failure is counted as a failed login's (the throttle
    shared with the login): the caller commits it, then refuses."""


@dataclass(frozen=True)
class OwnPassword:
    """What an officer types to change their own password (the account page's form, ``PUT /api/v1/me/password``)."""

    current: str | None
    new: str | None
    repeated: str | None  # the new one again


@dataclass(frozen=True)
class PasswordChanged:
    session_id: str  # the new id of the session the change was made in: its old id opens nothing any more
    ended: int  # the officer's other page sessions and API tokens ended


def change_own_password(
    session: Session, caller: AuthSession, typed: OwnPassword, *, address: str | None, limits: throttle.Limits
) -> PasswordChanged:
    """The new password of the officer whose session ``caller`` is (the page session or API token the change is made
    in), under the rules an administrator's meets. Every other session and API token of theirs ends; ``caller`` goes
    on under a new id (engine.sessions.rotate), so that a copy of it taken before does not outlive the change.

    The current password is throttled as a login is, by the same count (engine.throttle), for every officer alike:
    the login lets a second factor's holder past the username-wide limit because the code is still asked of a
    guesser, but a change of password asks for none, and the one guessing here is signed in already (a session
    taken over, a desk left open).

    Raises:
        TooMany: the officer's failed logins and wrong current passwords are too many lately, from the address or
            from everywhere; asked first, so a refused attempt never reaches the password hash.
        WrongPassword: the current password is wrong (with what else is wrong, by field); the failure is counted.
        Invalid: the new password breaks a rule, or is not typed the same twice, or is the current one.
    """
    user = session.get(User, caller.user_id)
    if wait := throttle.check(session, user.username, address, limits):
        raise throttle.too_many(wait)  # a distributed run of guesses: no second factor lets anyone past it here
    current, new, repeated = typed.current, typed.new or "", typed.repeated or ""
    right = users.password_matches(user, current)
    fields = {} if right else {"current_password": [msg("wrong")]}
    if problem := users.password_problem(new, user.username):
        fields["new_password"] = [problem]
    elif right and new == current:
        fields["new_password"] = [msg("password_unchanged")]
    if repeated != new:
        fields["new_password_repeat"] = [msg("password_repeat_differs")]
    if not right:
        throttle.record_failure(session, user.username, address, limits)
        raise WrongPassword("password_not_changed", fields=fields)
    if fields:
        raise Invalid("password_not_changed", fields=fields)
    users.set_password(session, user, new)
    user.must_change_password = False
    throttle.clear_failures(session, user.username, address)
    ended = sessions.end_others(session, user, caller.id_hash)
    renewed = sessions.rotate(session, caller)
    _record(session, user.username, user, "password_changed", {"sessions": ended})
    session.flush()
    return PasswordChanged(renewed, ended)


def remove_second_factor(session: Session, actor: str, user: User) -> int:
    """The officer sets up a new second factor at their next login; their sessions end (how many)."""
    totp.reset(session, user)
    ended = sessions.end_all(session, user)
    _record(session, actor, user, "second_factor_removed", {"sessions": ended})
    session.flush()
    return ended


def end_sessions(session: Session, actor: str, user: User) -> int:
    ended = sessions.end_all(session, user)
    _record(session, actor, user, "sessions_ended", {"sessions": ended})
    session.flush()
    return ended


def _release(session: Session, actor: str, user: User, reason: str, every: bool = True) -> int:
    """Send the open tasks the officer claimed (every one, or those they can no longer work: a group left, another
    unit) back to their queues, each case recording ``task_unclaimed`` by ``actor`` with ``reason``; how many."""
    tasks = select(HumanTask).where(HumanTask.assignee_id == user.id, HumanTask.state == "open")
    held = session.scalars(tasks.order_by(HumanTask.id)).all()
    released = [task for task in held if every or not access.can_work_task(user, task)]
    log = EventLog(session)
    for task in released:
        task.assignee, task.claimed_at = None, None
        touch(task.case)
        log.append(task.case, "task_unclaimed", actor, {"task": task.bpmn_id, "task_id": task.id, "reason": reason})
    return len(released)


def _unit(session: Session, code, fields: dict, current: int | None = None) -> Unit | None:
    """The office's unit of ``code`` (None when none is given: the office's own for a new officer); a deactivated
    unit is refused, but the one the officer is in already (``current``)."""
    code = (code or "").strip() if isinstance(code, str) else code
    if not code:
        return None
    unit = users.unit_of_code(session, code) if isinstance(code, str) else None
    if unit is None:
        fields["unit"] = [msg("unit_unknown")]
    elif not unit.active and (current is None or unit.id != current):
        fields["unit"] = [msg("unit_inactive", name=unit.name)]
    return unit


def _code(unit: Unit | None) -> str:
    return unit.code if unit is not None else users.DEFAULT_UNIT[0]


def _require_another_admin(session: Session, user: User, field: str | None) -> None:
    """Refuse a change that would leave the office with no active administrator (or take away one's own)."""
    others = session.scalar(
        select(func.count())
        .select_from(User)
        .join(Membership, Membership.user_id == User.id)
        .join(Group, Group.id == Membership.group_id)
        .where(Group.code == ADMIN, User.active.is_(True), User.id != user.id)
    )
    if not others:
        if field:
            raise Invalid("user_not_changed", fields={field: [msg("last_admin")]})
        raise Conflict("last_admin")


def _record(session: Session, actor: str, user: User, type_: str, data: dict) -> None:
    access_log.record(session, access_log.OFFICER, user.id, actor, type_, data)
