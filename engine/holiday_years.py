"""Holiday years: no deadline silently rests on a year whose cuti bersama nobody confirmed (issue 13, point 10).

The ``holidays`` package lists cuti bersama per year only up to the last SKB 3 Menteri it knows (2027
in 0.109, legal-process.md §2.3), and estimates Islamic, Chinese and Buddhist holidays beyond their
confirmed range ("perkiraan"). Instead of a test that turns red on 1 January, the product keeps the
rule: a year is *confirmed* when the package lists its cuti bersama or the admin confirmed it (after
entering the SKB's days in the override table: ``kawal calendar confirm 2028``, or the admin API).

* A deadline that reaches into an unconfirmed year is flagged: its provenance names the year, its
  case gets a ``calendar_year_unconfirmed`` event and shows the warning, and the admin gets one
  incident per year (``calendar:<year>``), resolved by the confirmation.
* Dates the package marks as estimated are shown as estimated (engine.explanation) until the admin
  has confirmed their year.
"""

from __future__ import annotations

import functools
from datetime import date

import holidays
from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from engine import access_log, clock
from engine.audit import EventLog
from engine.calendar import LENIENT, DueDate, official_days_off
from engine.errors import Conflict, Invalid
from engine.messages import msg
from engine.models import Case, Deadline, HolidayOverrideRow, HolidayYear, Incident

FIRST_YEAR, LAST_YEAR = 2000, 2100  # a typo guard for the admin's year
NOTE_MAX = 200


@functools.lru_cache(maxsize=256)
def package_lists_cuti_bersama(year: int) -> bool:
    """Does the ``holidays`` package list cuti bersama (category "government") for ``year``?"""
    return bool(holidays.country_holidays("ID", categories=("government",), years=year))


@functools.lru_cache(maxsize=256)
def package_estimates(year: int) -> tuple[tuple[date, str], ...]:
    """The dates of ``year`` the package only estimates ("perkiraan"), with their names."""
    found = holidays.country_holidays("ID", categories=("public", "government"), language="id", years=year)
    return tuple(sorted((d, n) for d, n in found.items() if "perkiraan" in n.lower()))


def package_days_off(year: int) -> list[dict]:
    """``year``'s public holidays and cuti bersama as the ``holidays`` package lists them, by date: what the admin
    checks against the SKB before confirming the year. The lenient calendar's table holds both (a cuti bersama counts
    there only, legal-process.md §2.3); a date the package only estimates says so."""
    days = official_days_off(LENIENT, year)
    return [
        {"date": d, "name": days[d].reason, "kind": days[d].kind, "estimated": "perkiraan" in days[d].reason.lower()}
        for d in sorted(days)
    ]


def confirmed_years(session: Session) -> frozenset[int]:
    """The years the admin confirmed (one small query)."""
    return frozenset(session.scalars(select(HolidayYear.year)))


def unconfirmed(session: Session, years) -> list[int]:
    """Those of ``years`` that neither the package nor the admin confirmed."""
    missing = sorted(y for y in set(years) if not package_lists_cuti_bersama(y))
    if not missing:
        return []
    known = confirmed_years(session)
    return [y for y in missing if y not in known]


def count_warnings(session: Session | None, due: DueDate) -> list[int]:
    """The unconfirmed years a count runs through, from its receipt's year to its due date's, as a deadline is flagged
    (``note_deadline``): what ``kawal calendar explain`` warns of. ``session`` None (no database yet): only the
    package confirms a year."""
    years = range(due.received_at.astimezone(due.due_at.tzinfo).year, due.due_date.year + 1)
    if session is None:
        return [y for y in years if not package_lists_cuti_bersama(y)]
    return unconfirmed(session, years)


def note_deadline(session: Session, case: Case, deadline: Deadline, log: EventLog) -> list[int]:
    """Flag a deadline (and its case) that reaches into an unconfirmed year; one incident per year."""
    zone = deadline.due_at.tzinfo  # the office's zone: the timer's instant carries it
    missing = unconfirmed(session, range(deadline.start_at.astimezone(zone).year, deadline.due_at.year + 1))
    if not missing:
        if "unconfirmed_years" in deadline.provenance:
            deadline.provenance = {k: v for k, v in deadline.provenance.items() if k != "unconfirmed_years"}
        return []
    deadline.provenance = {**deadline.provenance, "unconfirmed_years": missing}
    log.append(case, "calendar_year_unconfirmed", "system", {"deadline": deadline.name, "years": missing})
    for year in missing:
        _raise_incident(session, year)
    return missing


def _raise_incident(session: Session, year: int) -> None:
    subject = f"calendar:{year}"
    pending = [i for i in session.new if isinstance(i, Incident) and i.subject == subject]
    if pending or session.scalar(select(Incident.id).where(Incident.subject == subject).limit(1)) is not None:
        return
    session.add(
        Incident(
            subject=subject,
            message=(
                f"Cuti bersama {year} belum dikonfirmasi: batas waktu kasus mencapai tahun itu. Masukkan hari libur"
                f" dan cuti bersama SKB {year} ke tabel pengecualian, lalu jalankan `kawal calendar confirm {year}`."
                f" / The cuti bersama of {year} are not confirmed and a deadline reaches into that year: enter the"
                f" SKB's days in the override table, then run `kawal calendar confirm {year}`."
            ),
            attempts=0,
            created_at=clock.now(),
        )
    )


def case_warnings(session: Session, case: Case) -> list[int]:
    """The unconfirmed years the case's pending deadlines reach into (shown on the case)."""
    flagged = {y for d in case.deadlines if d.status == "pending" for y in d.provenance.get("unconfirmed_years", [])}
    return unconfirmed(session, flagged) if flagged else []


def _in_range(year) -> bool:
    return isinstance(year, int) and not isinstance(year, bool) and FIRST_YEAR <= year <= LAST_YEAR


def check_year(year) -> None:
    if not _in_range(year):
        raise Invalid("year_out_of_range", fields={"year": [msg("year_range", first=FIRST_YEAR, last=LAST_YEAR)]})


def year_view(session: Session, year: int) -> dict:
    """What is known of ``year``'s days off; a year outside 2000-2100 is refused (a typo, not a question)."""
    check_year(year)
    row = session.get(HolidayYear, year)
    overrides = session.scalar(
        select(HolidayOverrideRow.id).where(extract("year", HolidayOverrideRow.day) == year).limit(1)
    )
    return {
        "year": year,
        "package_lists_cuti_bersama": package_lists_cuti_bersama(year),
        "override_rows": overrides is not None,
        "confirmed": package_lists_cuti_bersama(year) or row is not None,
        "confirmed_by": row.confirmed_by if row else None,
        "confirmed_at": row.confirmed_at if row else None,
        "note": row.note if row else None,
        "estimated_dates": [{"date": d, "name": n} for d, n in package_estimates(year)],
    }


def confirm_year(session: Session, year: int, actor: str, note: str | None = None) -> HolidayYear:
    """The admin confirms ``year``'s holidays and cuti bersama against the SKB (after entering its days).

    Refused when the year is outside 2000-2100, already confirmed, or has neither cuti bersama in the
    package nor any row in the override table (the SKB's days come first). Resolves the year's
    incident and tells every case flagged for it.
    """
    fields = {}
    if not _in_range(year):
        fields["year"] = [msg("year_range", first=FIRST_YEAR, last=LAST_YEAR)]
    if note is not None and (not isinstance(note, str) or len(note.strip()) > NOTE_MAX):
        fields["note"] = [msg("max_length", max=NOTE_MAX)]
    if fields:
        raise Invalid("invalid_data", fields=fields)
    if session.get(HolidayYear, year) is not None:
        raise Conflict("year_confirmed", year=year)
    has_rows = session.scalar(
        select(HolidayOverrideRow.id).where(extract("year", HolidayOverrideRow.day) == year).limit(1)
    )
    if has_rows is None and not package_lists_cuti_bersama(year):
        raise Invalid("year_days_missing", fields={"year": [msg("enter_year_days_first", year=year)]})
    now = clock.now()
    row = HolidayYear(year=year, confirmed_at=now, confirmed_by=actor, note=(note or "").strip() or None)
    session.add(row)
    access_log.record(session, access_log.CALENDAR, year, actor, "year_confirmed", {"year": year, "note": row.note})
    for incident in session.scalars(
        select(Incident).where(Incident.subject == f"calendar:{year}", Incident.resolved_at.is_(None))
    ):
        incident.resolved_at, incident.resolved_by = now, actor
    log = EventLog(session)
    flagged = session.scalars(select(Deadline).where(Deadline.status == "pending").order_by(Deadline.case_id))
    told = set()
    for deadline in flagged:
        if year in deadline.provenance.get("unconfirmed_years", []) and deadline.case_id not in told:
            told.add(deadline.case_id)
            log.append(session.get(Case, deadline.case_id), "calendar_year_confirmed", actor, {"year": year})
    session.flush()
    return row
