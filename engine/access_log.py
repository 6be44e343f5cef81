"""What administrators changed in who may do what, for auditors: the officers' accounts (created, groups and unit
changed, deactivated, passwords set, second factors removed, sessions ended: ``AccountEvent``; there too the lanes a
superior grants a stand-in for a colleague's leave and their withdrawal, engine.absence), the office's
units (added, renamed, deactivated: ``UnitEvent``), the working-day calendar that every legal deadline is counted
on (a holiday override added or removed, a year's cuti bersama confirmed: ``CalendarEvent``) and the fee standard a
requester pays copies and postage by (an item priced from a date: ``FeeEvent``), one list newest first, over a
period.

An auditor looks here for what the case histories cannot show: an officer given the WBS managers' group the week a
whistleblower's identity was opened, then taken out of it. Never a password, a code or an address: the records
hold the names of what changed, not the values.

Each table is one hash chain, as a case's history is (engine.audit): ``hash = sha256(prev_hash + canonical JSON of
{at, actor, type, subject, data})``, from 64 zeros, in the order of the rows' ids. ``record`` appends under a lock
(PostgreSQL: a transaction-scoped advisory lock per chain; SQLite: the database's write lock, taken by an empty
write before the chain's head is read), so two administrators at once never fork it; ``verify`` walks each. A
record changed, or removed from the middle, breaks the chain there. Removing the newest records leaves a shorter
chain that verifies: an anchor (engine.anchors) holds each chain's last record, so a check against one made
before shows them gone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from engine import clock
from engine.models import AccountEvent, CalendarEvent, ExemptionEvent, FeeEvent, Unit, UnitEvent, User

OFFICER, UNIT, CALENDAR, FEE, EXEMPTION = "officer", "unit", "calendar", "fee", "exemption"
GENESIS = "0" * 64
# Each chain: its table, the column naming its subject, and its advisory lock's key on PostgreSQL. The last is not an
# access change: the determinations the PPID records in the exemption register without a request
# (engine.exemptions.record_direct), chained, verified and anchored as these are, listed in that register.
CHAINS = {
    OFFICER: (AccountEvent, "user_id", 0x4B41574C01),
    UNIT: (UnitEvent, "unit_id", 0x4B41574C02),
    CALENDAR: (CalendarEvent, "subject", 0x4B41574C03),
    FEE: (FeeEvent, "fee_rate_id", 0x4B41574C04),
    EXEMPTION: (ExemptionEvent, "exemption_id", 0x4B41574C10),
}
ACCESS_CHANGES = (OFFICER, UNIT, CALENDAR, FEE)  # what the auditor's list of access changes counts and shows


def record_hash(prev_hash: str, at: datetime, actor: str, type_: str, subject: int, data: dict) -> str:
    body = json.dumps(
        {
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": actor,
            "type": type_,
            "subject": subject,
            "data": data,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def record(
    session: Session, kind: str, subject: int, actor: str, type_: str, data: dict, at: datetime | None = None
) -> None:
    """Append a change of an officer's account (``kind`` OFFICER, ``subject`` the user's id), a unit (UNIT), the
    calendar (CALENDAR), the fee standard (FEE) or a directly recorded exemption (EXEMPTION) to its chain, in the
    caller's transaction; ``at``: the instant the changed row itself states, where it states one (now otherwise)."""
    model, column, key = CHAINS[kind]
    session.flush()  # the change it records, first
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(key)))
    else:  # SQLite: a write (of nothing) takes the database's write lock, so no one appends between read and insert
        session.execute(update(model).where(model.id.is_(None)).values(actor=model.actor))
    prev = session.scalar(select(model.hash).order_by(model.id.desc()).limit(1)) or GENESIS
    at = at or clock.now()
    row = model(at=at, actor=actor, type=type_, data=data, prev_hash=prev)
    setattr(row, column, subject)
    row.hash = record_hash(prev, at, actor, type_, subject, data)
    session.add(row)
    session.flush()


def _day_or_year(row: CalendarEvent) -> str:
    data = row.data or {}
    return str(data.get("day") or data.get("year") or row.subject)


@dataclass(frozen=True)
class ChainState:
    records: int
    broken_at: int | None  # the id of the first record that does not verify


def verify(session: Session) -> dict[str, ChainState]:
    """Walk each chain from their first record: each must name the hash before it and hash to what it holds."""
    states = {}
    for kind, (model, column, _key) in CHAINS.items():
        prev, count, broken = GENESIS, 0, None
        query = select(model).order_by(model.id).execution_options(yield_per=1000)
        for row in session.scalars(query):
            count += 1
            expected = record_hash(prev, row.at, row.actor, row.type, getattr(row, column), row.data or {})
            if broken is None and (row.prev_hash != prev or row.hash != expected):
                broken = row.id
            prev = row.hash
        states[kind] = ChainState(count, broken)
    return states


@dataclass(frozen=True)
class Change:
    at: datetime
    actor: str  # the administrator's username, or "cli"
    type: str  # account_created, account_changed, ..., unit_created, unit_renamed, ...
    subject_kind: str  # OFFICER, UNIT, CALENDAR or FEE
    subject: str  # the officer's username, the unit's code, the calendar's day or year, or the fee item's code
    data: dict


def _window(query, column, start: datetime | None, end: datetime | None):
    if start is not None:
        query = query.where(column >= start)
    if end is not None:
        query = query.where(column < end)
    return query


def count(session: Session, start: datetime | None, end: datetime | None) -> int:
    total = 0
    for model, _column, _key in (CHAINS[kind] for kind in ACCESS_CHANGES):
        total += int(session.scalar(_window(select(func.count()).select_from(model), model.at, start, end)))
    return total


def changes(session: Session, start: datetime | None, end: datetime | None, limit: int | None = None) -> list[Change]:
    """The changes of [start, end), newest first; ``limit``: the newest so many."""
    accounts = _window(
        select(AccountEvent, User.username).join(User, User.id == AccountEvent.user_id), AccountEvent.at, start, end
    ).order_by(AccountEvent.at.desc(), AccountEvent.id.desc())
    units = _window(
        select(UnitEvent, Unit.code).join(Unit, Unit.id == UnitEvent.unit_id), UnitEvent.at, start, end
    ).order_by(UnitEvent.at.desc(), UnitEvent.id.desc())
    calendar = _window(select(CalendarEvent), CalendarEvent.at, start, end).order_by(
        CalendarEvent.at.desc(), CalendarEvent.id.desc()
    )
    fees = _window(select(FeeEvent), FeeEvent.at, start, end).order_by(FeeEvent.at.desc(), FeeEvent.id.desc())
    if limit is not None:
        accounts, units, calendar, fees = (q.limit(limit) for q in (accounts, units, calendar, fees))
    found = [Change(e.at, e.actor, e.type, OFFICER, name, e.data or {}) for e, name in session.execute(accounts)]
    found += [Change(e.at, e.actor, e.type, UNIT, code, e.data or {}) for e, code in session.execute(units)]
    found += [Change(e.at, e.actor, e.type, CALENDAR, _day_or_year(e), e.data or {}) for e in session.scalars(calendar)]
    found += [
        Change(e.at, e.actor, e.type, FEE, str((e.data or {}).get("code", "")), e.data) for e in session.scalars(fees)
    ]
    found.sort(key=lambda change: change.at, reverse=True)
    return found[:limit] if limit is not None else found
