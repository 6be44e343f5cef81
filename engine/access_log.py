"""What administrators changed in who may do what, for auditors: the officers' accounts (created, groups and unit
changed, deactivated, passwords set, second factors removed, sessions ended: ``AccountEvent``) and the office's
units (added, renamed, deactivated: ``UnitEvent``), one list newest first, over a period.

An auditor looks here for what the case histories cannot show: an officer given the WBS managers' group the week a
whistleblower's identity was opened, then taken out of it. Never a password, a code or an address: the records
hold the names of what changed, not the values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.models import AccountEvent, Unit, UnitEvent, User

OFFICER, UNIT = "officer", "unit"


@dataclass(frozen=True)
class Change:
    at: datetime
    actor: str  # the administrator's username, or "cli"
    type: str  # account_created, account_changed, ..., unit_created, unit_renamed, ...
    subject_kind: str  # OFFICER or UNIT
    subject: str  # the officer's username or the unit's code
    data: dict


def _window(query, column, start: datetime | None, end: datetime | None):
    if start is not None:
        query = query.where(column >= start)
    if end is not None:
        query = query.where(column < end)
    return query


def count(session: Session, start: datetime | None, end: datetime | None) -> int:
    accounts = _window(select(func.count()).select_from(AccountEvent), AccountEvent.at, start, end)
    units = _window(select(func.count()).select_from(UnitEvent), UnitEvent.at, start, end)
    return int(session.scalar(accounts)) + int(session.scalar(units))


def changes(session: Session, start: datetime | None, end: datetime | None, limit: int | None = None) -> list[Change]:
    """The changes of [start, end), newest first; ``limit``: the newest so many."""
    accounts = _window(
        select(AccountEvent, User.username).join(User, User.id == AccountEvent.user_id), AccountEvent.at, start, end
    ).order_by(AccountEvent.at.desc(), AccountEvent.id.desc())
    units = _window(
        select(UnitEvent, Unit.code).join(Unit, Unit.id == UnitEvent.unit_id), UnitEvent.at, start, end
    ).order_by(UnitEvent.at.desc(), UnitEvent.id.desc())
    if limit is not None:
        accounts, units = accounts.limit(limit), units.limit(limit)
    found = [Change(e.at, e.actor, e.type, OFFICER, name, e.data or {}) for e, name in session.execute(accounts)]
    found += [Change(e.at, e.actor, e.type, UNIT, code, e.data or {}) for e, code in session.execute(units)]
    found.sort(key=lambda change: change.at, reverse=True)
    return found[:limit] if limit is not None else found
