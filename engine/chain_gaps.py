"""Rows of the chained tables that have no record in their chain of engine.access_log: counted by `kawal db upgrade`
each time it runs (``gaps``), listed by `kawal repair chain-gaps` and recorded by it with --apply
(``record_unchained``), once the administrator has checked them.

A release that keeps running beside the new schema (a web process not yet stopped when the migrations ran) writes
rows the new code would have chained; so does SQL written by hand, and a deleted record leaves the same gap. The
last two are what ``kawal audit verify`` exists to raise, so nothing is recorded without an administrator asking:
recording a gap makes the chain whole again, and the gap is no longer seen. The migrations that began each chain
recorded what stood then, once (0038 the calendar's overrides and confirmed years, 0042 the fee standard's prices,
0056 every entry of the exemption register). A gap is:

- an entry of the exemption register with no record (``kawal audit verify`` fails on it, engine.access_log
  ENTRY_MISSING): recorded as an ``exemption_snapshot`` of it as it stands (the current record format, its end
  included, engine.access_log.exemption_record);
- a holiday override whose row has no ``override_added`` record as it stands: that record; an override recorded as
  added whose row is gone: ``override_removed``;
- a confirmed year with no ``year_confirmed`` record, and a price of the fee standard with no ``fee_rate_added``
  record: that record.

Each is recorded by ``system``, at the time it is recorded, its data marked ``found_unchained: true`` with the
office's date ``found_on``: never as made by the row's ``created_by`` at its ``created_at`` (a row written past the
chain may say anything), and the auditor's list words it "found without a record; recorded by the system on <date>;
who made it and when is unknown". Nothing is recorded twice: a second run finds nothing. The officers' accounts and
the units are not here: migrations 0033 and 0035 recorded nothing of what stood then, so an account or a unit
without records is every one made before them, and their rows keep no trace of the change an older release made
(groups, password, deactivation), nothing to record; ``kawal audit verify`` compares neither with its chain.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session

from engine import access_log, exemption_words
from engine.holidays import override_record  # an override as the calendar's chain keeps it
from engine.models import (
    CalendarEvent,
    Case,
    Exemption,
    ExemptionEvent,
    FeeEvent,
    FeeRate,
    HolidayOverrideRow,
    HolidayYear,
)

SYSTEM = "system"  # the actor of what Kawal records itself (migration 0056's snapshot)
FOUND = "found_unchained"  # the data marker of a record written for a row found without one
MARKERS = (FOUND, "found_on")  # not part of what the record says of the row (compared without them)


@dataclass(frozen=True)
class Gap:
    kind: str  # engine.access_log's chain
    subject: int
    type: str  # the record it lacks
    data: dict  # what the row says (the marker is added when it is recorded)
    text: str  # the line `kawal repair chain-gaps` lists, in English


@dataclass(frozen=True)
class Recorded:
    exemptions: int = 0  # register entries without a record
    overrides: int = 0  # holiday overrides without their added or removed record
    years: int = 0  # confirmed years
    fees: int = 0  # prices of the fee standard

    @property
    def total(self) -> int:
        return self.exemptions + self.overrides + self.years + self.fees


def _lock(session: Session, kind: str) -> None:
    """The chain's own lock (as engine.access_log.record takes it), before its gaps are read: a record another
    process appends meanwhile is seen, never doubled."""
    model, _column, key = access_log.CHAINS[kind]
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(key)))
    else:
        session.execute(update(model).where(model.id.is_(None)).values(actor=model.actor))


def gaps(session: Session) -> list[Gap]:
    """Each row without its record in its chain (the module's docstring), read only: what `kawal db upgrade` counts
    and `kawal repair chain-gaps` lists."""
    return _exemptions(session) + _calendar(session) + _fees(session)


def count(found: list[Gap]) -> Recorded:
    overrides = sum(g.kind == access_log.CALENDAR and g.type != "year_confirmed" for g in found)
    years = sum(g.type == "year_confirmed" for g in found)
    exemptions = sum(g.kind == access_log.EXEMPTION for g in found)
    return Recorded(exemptions, overrides, years, sum(g.kind == access_log.FEE for g in found))


def record_unchained(session: Session, found_on: str) -> list[Gap]:
    """Record in its chain each row found without one, in the caller's transaction, under each chain's lock: by
    ``system``, now, marked ``found_unchained`` with the office's date ``found_on`` (YYYY-MM-DD). The record never
    says who made the change or when: a row written past the chain (an older release, or SQL by hand) says it
    itself, and that is what an auditor must not take on trust. Returns what it recorded."""
    for kind in (access_log.EXEMPTION, access_log.CALENDAR, access_log.FEE):
        _lock(session, kind)
    found = gaps(session)
    for gap in found:
        data = {**gap.data, FOUND: True, "found_on": found_on}
        access_log.record(session, gap.kind, gap.subject, SYSTEM, gap.type, data)
    return found


def _unmarked(data: dict | None) -> dict:
    return {k: v for k, v in (data or {}).items() if k not in MARKERS}


def _exemptions(session: Session) -> list[Gap]:
    unchained = (
        select(Exemption, Case.ticket)
        .outerjoin(Case, Case.id == Exemption.case_id)
        .where(~exists().where(ExemptionEvent.exemption_id == Exemption.id))
        .order_by(Exemption.id)
    )
    return [
        Gap(
            access_log.EXEMPTION,
            entry.id,
            "exemption_snapshot",
            access_log.exemption_record(entry, ticket),
            f"exemption register, entry {entry.id}: decree {entry.decree_number}, no record in its hash chain"
            + _ended(entry, ticket),
        )
        for entry, ticket in session.execute(unchained).all()
    ]


def _ended(entry: Exemption, ticket: str | None) -> str:
    """How an entry ended by Kawal says its end (an overturning case, engine.exemption_ends, which adds no record to
    an unchained entry): where the administrator checks it. An end written otherwise, its day alone."""
    if entry.ended_on is None:
        return ""
    found = exemption_words.parsed(entry.ended_reason)
    by = (found[1].get("objection") or found[1].get("dispute")) if found else None
    if not by:
        return f"; ended on {entry.ended_on.isoformat()}"
    return f"; ended on {entry.ended_on.isoformat()} by {by} (request {ticket}'s history)"


def _calendar(session: Session) -> list[Gap]:
    overrides, years = {}, set()
    for event in session.scalars(select(CalendarEvent).order_by(CalendarEvent.id)):
        if event.type in ("override_added", "override_removed"):
            overrides[event.subject] = event  # its last record
        elif event.type == "year_confirmed":
            years.add(event.subject)
    rows = session.scalars(select(HolidayOverrideRow).order_by(HolidayOverrideRow.id)).all()
    found = [
        Gap(
            access_log.CALENDAR,
            row.id,
            "override_added",
            override_record(row),
            f"calendar, day {row.day.isoformat()}: set (is_working={row.is_working}, {row.reason}) without its record",
        )
        for row in rows
        if (last := overrides.get(row.id)) is None
        or last.type != "override_added"
        or _unmarked(last.data) != override_record(row)
    ]
    standing = {row.id for row in rows}
    found += [
        Gap(
            access_log.CALENDAR,
            subject,
            "override_removed",
            _unmarked(last.data),
            f"calendar, day {(last.data or {}).get('day')}: its setting is gone without a record of its removal",
        )
        for subject, last in sorted(overrides.items())
        if last.type == "override_added" and subject not in standing
    ]
    found += [
        Gap(
            access_log.CALENDAR,
            row.year,
            "year_confirmed",
            {"year": row.year, "note": row.note},
            f"calendar, year {row.year}: confirmed without its record",
        )
        for row in session.scalars(select(HolidayYear).order_by(HolidayYear.year))
        if row.year not in years
    ]
    return found


def _fees(session: Session) -> list[Gap]:
    unchained = (
        select(FeeRate)
        .where(~exists().where(FeeEvent.fee_rate_id == FeeRate.id, FeeEvent.type == "fee_rate_added"))
        .order_by(FeeRate.id)
    )
    return [
        Gap(
            access_log.FEE,
            row.id,
            "fee_rate_added",
            {
                "code": row.code,
                "amount": row.amount,
                "effective_from": row.effective_from.isoformat(),
                "legal_basis": row.legal_basis,
            },
            f"fee standard: {row.code} at {row.amount} from {row.effective_from.isoformat()} without its record",
        )
        for row in session.scalars(unchained).all()
    ]
