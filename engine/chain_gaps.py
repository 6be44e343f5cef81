"""What an older release wrote without its record in the chains of engine.access_log, recorded by `kawal db upgrade`
each time it runs (``record_unchained``): a release that keeps running beside the new schema (a web process not yet
stopped when the migrations ran) writes rows the new code would have chained.

The migrations that began each chain recorded what stood then, once (0038 the calendar's overrides and confirmed
years, 0042 the fee standard's prices, 0056 every entry of the exemption register); what an older web process wrote
after them was never recorded. For the register this breaks ``kawal audit verify`` for good (an entry without a
record, engine.access_log ENTRY_MISSING); for the calendar and the fee standard it leaves a change out of the
auditor's list. Each run records, in the chain's order and under its lock, what has no record yet, as those
migrations did:

- an entry of the exemption register with no record: an ``exemption_snapshot`` of it as it stands, by ``system``
  (the current record format, its end included, engine.access_log.exemption_record);
- a holiday override whose row has no ``override_added`` record as it stands: that record, as the row says it was
  made (its ``created_at`` and ``created_by``); an override recorded as added whose row is gone (removed by the older
  release): ``override_removed`` by ``system``, now (who removed it and when is not known);
- a confirmed year with no ``year_confirmed`` record, and a price of the fee standard with no ``fee_rate_added``
  record: that record, as the row says it was made.

Nothing is recorded twice: a second run finds nothing. The officers' accounts and the units are not here: migrations
0033 and 0035 recorded nothing of what stood then, so an account or a unit without records is every one made before
them, and their rows keep no trace of the change an older release made (groups, password, deactivation), nothing to
record; ``kawal audit verify`` compares neither with its chain.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session

from engine import access_log
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


@dataclass(frozen=True)
class Recorded:
    exemptions: int = 0  # register entries recorded as they stand
    overrides: int = 0  # holiday overrides recorded as added or removed
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


def record_unchained(session: Session) -> Recorded:
    """Record in its chain each row an older release wrote without one (the module's docstring), in the caller's
    transaction; returns how many of each."""
    return Recorded(_exemptions(session), *_calendar(session), _fees(session))


def _exemptions(session: Session) -> int:
    _lock(session, access_log.EXEMPTION)
    unchained = (
        select(Exemption, Case.ticket)
        .outerjoin(Case, Case.id == Exemption.case_id)
        .where(~exists().where(ExemptionEvent.exemption_id == Exemption.id))
        .order_by(Exemption.id)
    )
    done = 0
    for entry, ticket in session.execute(unchained).all():
        data = access_log.exemption_record(entry, ticket)
        access_log.record(session, access_log.EXEMPTION, entry.id, SYSTEM, "exemption_snapshot", data)
        done += 1
    return done


def _calendar(session: Session) -> tuple[int, int]:
    _lock(session, access_log.CALENDAR)
    overrides, years = {}, set()
    for event in session.scalars(select(CalendarEvent).order_by(CalendarEvent.id)):
        if event.type in ("override_added", "override_removed"):
            overrides[event.subject] = event  # its last record
        elif event.type == "year_confirmed":
            years.add(event.subject)
    rows = session.scalars(select(HolidayOverrideRow).order_by(HolidayOverrideRow.id)).all()
    added = [
        (row.created_at, row.created_by or "-", "override_added", row.id, override_record(row))
        for row in rows
        if (last := overrides.get(row.id)) is None or last.type != "override_added" or last.data != override_record(row)
    ]
    standing = {row.id for row in rows}
    removed = [
        (None, SYSTEM, "override_removed", subject, last.data)  # at: now
        for subject, last in sorted(overrides.items())
        if last.type == "override_added" and subject not in standing
    ]
    confirmed = [
        (row.confirmed_at, row.confirmed_by, "year_confirmed", row.year, {"year": row.year, "note": row.note})
        for row in session.scalars(select(HolidayYear).order_by(HolidayYear.year))
        if row.year not in years
    ]
    made = sorted(added + confirmed, key=lambda m: (m[0], m[3]))  # as migration 0038: in the order they were made
    for at, actor, type_, subject, data in made + removed:
        access_log.record(session, access_log.CALENDAR, subject, actor, type_, data, at=at)
    return len(added) + len(removed), len(confirmed)


def _fees(session: Session) -> int:
    _lock(session, access_log.FEE)
    unchained = (
        select(FeeRate)
        .where(~exists().where(FeeEvent.fee_rate_id == FeeRate.id, FeeEvent.type == "fee_rate_added"))
        .order_by(FeeRate.id)
    )
    done = 0
    for row in session.scalars(unchained).all():
        data = {
            "code": row.code,
            "amount": row.amount,
            "effective_from": row.effective_from.isoformat(),
            "legal_basis": row.legal_basis,
        }
        access_log.record(session, access_log.FEE, row.id, row.actor, "fee_rate_added", data, at=row.at)
        done += 1
    return done
