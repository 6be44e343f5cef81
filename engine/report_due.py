"""The yearly Laporan Layanan Informasi Publik's due date (legal-process.md §9.2): recorded, shown and reminded.

The report of a budget year goes to the PPID's superior, with a copy to the Information Commission, within three
months of the year's end: by 31 March of the next year ([V2]: Ombudsman Reg. 46/2020 Pasal 31 copies the Perki
standard). Kawal computes the report (engine.reports); what it cannot know is when the office handed it over.

- The PPID (or the superior) records the day it went to the superior, the day its copy went to the Commission,
  and the covering letter's number (``record``). Recording it again corrects it.
- ``status`` says what the reports page shows: the due date, what is recorded, and whether it is late (nothing
  recorded by the due date, or recorded after it).
- Until a year's report is recorded, the PPID is reminded 30 and 7 days before its due date, and the PPID and the
  superior are told once when it has passed (``sweep``, from every reconcile; each reminder once, the last sent
  kept on the year's row). A year in which Kawal received no case is not reminded (the office kept that year's
  register elsewhere): its row records the reminder as passed, and nothing is sent.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from engine import access, clock
from engine.calendar import iso_day
from engine.config import Settings
from engine.errors import Invalid
from engine.messages import msg
from engine.models import Case, ReportSubmission, User
from engine.outbox import Outbox, members
from engine.runtime import Runtime

# (kind, how long before the due date, the message, who is told), in the order they fall due.
REMINDERS = (
    ("T-30", timedelta(days=30), "annual_report_due", ("ppid",)),
    ("T-7", timedelta(days=7), "annual_report_due", ("ppid",)),
    ("T+1", timedelta(days=-1), "annual_report_overdue", ("ppid", "atasan_ppid")),
)
ORDER = {kind: n for n, (kind, *_rest) in enumerate(REMINDERS)}
REFERENCE_MAX = 200


YEARS = (2000, 2999)  # as engine.reports.Period reads a year


def due_on(year: int) -> date:
    """The last day to hand over the report of budget year ``year``: 31 March of the next."""
    if not YEARS[0] <= year <= YEARS[1]:
        raise Invalid("invalid_data", fields={"year": [msg("year_range", first=YEARS[0], last=YEARS[1])]})
    return date(year + 1, 3, 31)


def status(session: Session, year: int, on: date) -> dict:
    """The year's report as the reports page states it, on the day ``on``."""
    due = due_on(year)
    row = session.get(ReportSubmission, year)
    handed = row.to_superior_on if row is not None else None
    return {
        "year": year,
        "due_on": due,
        "to_superior_on": handed,
        "to_commission_on": row.to_commission_on if row is not None else None,
        "reference": row.reference if row is not None else None,
        "late": (handed > due) if handed is not None else on > due,
        "days_left": (due - on).days,
    }


def record(session: Session, rt: Runtime, user: User, year: int, data: dict) -> ReportSubmission:
    """The PPID records when the year's report went to the superior (and its copy to the Commission)."""
    access.require_narrative_writer(user)
    due_on(year)  # a year the reports know
    on, first = rt.today(), date(year + 1, 1, 1)  # the report of a whole year: handed over once it ended
    fields: dict[str, list] = {}
    dates = {}
    for name, required in (("to_superior_on", True), ("to_commission_on", False)):
        raw = data.get(name)
        value = iso_day(raw)
        if value is None and (required or raw):
            fields[name] = [msg("date_required")]
        elif value is not None and not first <= value <= on:
            fields[name] = [msg("between_and_today", first=first)]
        dates[name] = value
    handed, copied = dates["to_superior_on"], dates["to_commission_on"]
    if handed and copied and copied < handed and not fields:  # the copy (tembusan) goes with or after the report
        fields["to_commission_on"] = [msg("not_before_date", day=handed)]
    reference = data.get("reference")
    reference = reference.strip() if isinstance(reference, str) else None
    if reference and len(reference) > REFERENCE_MAX:
        fields["reference"] = [msg("too_long")]
    if fields:
        raise Invalid("invalid_data", fields=fields)
    row = session.get(ReportSubmission, year) or ReportSubmission(year=year)
    row.to_superior_on, row.to_commission_on = dates["to_superior_on"], dates["to_commission_on"]
    row.reference = reference or None
    row.recorded_by, row.recorded_at = user.username, clock.now()
    session.add(row)
    session.flush()
    return row


def _due_reminder(on: date) -> tuple[int, tuple] | None:
    """The budget year whose report is near or past its due date on ``on``, and the latest reminder due."""
    year = on.year - 1
    due = due_on(year)
    reached = [r for r in REMINDERS if on >= due - r[1]]
    return (year, reached[-1]) if reached else None


def sweep_due(session: Session, settings: Settings) -> bool:
    """Whether a reminder of the last year's report is due and not sent (every reconcile asks: one look by key,
    and only from 30 days before the due date; no runtime is built for it)."""
    found = _due_reminder(clock.now().astimezone(ZoneInfo(settings.office_timezone)).date())
    if found is None:
        return False
    year, (kind, *_rest) = found
    row = session.get(ReportSubmission, year)
    if row is None:
        return True
    return row.to_superior_on is None and ORDER.get(row.reminded or "", -1) < ORDER[kind]


def sweep(session: Session, rt: Runtime) -> list[int]:
    """Send the last year's due reminder (once); the outbox rows' ids."""
    on = rt.today()
    found = _due_reminder(on)
    if found is None:
        return []
    year, (kind, _before, event, groups) = found
    row = session.get(ReportSubmission, year) or ReportSubmission(year=year)
    if row.to_superior_on is not None or ORDER.get(row.reminded or "", -1) >= ORDER[kind]:
        return []
    row.reminded = kind
    session.add(row)
    tz = rt.calendars["strict"].tz
    start, end = (datetime.combine(date(y, 1, 1), time.min, tzinfo=tz) for y in (year, year + 1))
    held = session.scalar(select(exists().where(Case.received_at >= start, Case.received_at < end)))
    if not held:  # no case of that year in Kawal: its report was kept elsewhere
        session.flush()
        return []
    due = due_on(year)
    context = {"report_year": year, "due_on": due.isoformat(), "days_left": (due - on).days}
    outbox = Outbox(session, rt.settings.notify_channels)
    outbox.to_staff(event, f"report{year}:{kind}", members(session, list(groups)), context)
    ids = outbox.write()
    session.flush()
    return ids
