"""Windows that belong to someone else close nothing by themselves (issue 13, point 4; legal-process.md §2.2).

Mediation (M14, M21: Perki 1/2013 Pasal 41), the applicant's time to go to court against a Commission
decision (P14P: UU 14/2008 Pasal 48(1)) and to file for cassation (K14P: Pasal 50) belong to the
Commission, the court or the applicant. In the models they are information clocks on the lenient
calendar (the reading that ends latest): they remind and, when they lapse, show it; the stage moves
only when the Commission's or the court's message is recorded, or when an officer confirms that the
window has ended, which Kawal accepts only from the day after its last day on the lenient reading
(``confirm_from``: that last day is theirs until its end). A catch event that is such a confirmation
names the window it waits for in its ``allowed_after`` property.

A catch event that records the Commission's or the court's own date of finality (the decision became final
when the window ended, as that body counts it) says ``window_reading`` "strict": its date is checked against
the window's earliest last day, the strict reading's (cuti bersama are working days there), since a body that
counts so may certify finality on a day the lenient reading still counts as the window's (legal-process.md
§2.2: a difference of readings is flagged, never a refusal of what is right on one of them).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import clock
from engine.calendar import STRICT
from engine.catalogs import N_
from engine.errors import Conflict
from engine.messages import Term
from engine.models import Case, Deadline

# Each window a confirmation waits for, as a refusal names it (never its code): English message ids the catalogs
# translate (errors.po), read by api.language as a ``Term``.
WINDOW_WORDS = {
    "M14": N_("the mediation period"),
    "M21": N_("the extended mediation period"),
    "P14P": N_("the applicant's time to go to court"),
    "K14P": N_("the applicant's time to file for cassation"),
    "BUKTI": N_("the reporter's time to supply data or evidence"),
}


def window_words(name: str) -> Term | str:
    """The window ``name`` in words each reader's catalog translates; an unknown one by its name."""
    return Term(WINDOW_WORDS[name]) if name in WINDOW_WORDS else name


def office_zone(rt) -> tzinfo:
    """The office's time zone, in which a window's last day and the day after it are read (every reading's)."""
    return rt.calendars[STRICT].tz


def confirm_from(ended_at: datetime, zone: tzinfo) -> date:
    """The first day a confirmation that a window ended (at ``ended_at``, its due time) may be recorded and may be
    dated: the day after the window's last day in the office's ``zone`` (``office_zone``), since that last day is
    the window holder's until its end. The one place this day is reckoned: the 409 below, the date check
    (engine.casework.check_event_dates), the confirmation's page, the waiting list and the team's mail."""
    return ended_at.astimezone(zone).date() + timedelta(days=1)


def ends_at(rt, row: Deadline, reading: str | None = None) -> datetime:
    """When the window ``row`` ends: on its own (lenient) reading, or on the strict one when ``reading`` is
    "strict" (the earliest: counted from the same start on the strict calendar, in the window's own unit)."""
    if reading != STRICT or row.calendar == STRICT:
        return row.due_at
    cal = rt.calendars[STRICT]
    unit = (row.provenance or {}).get("unit", "working_days")
    return cal.count(row.start_at.astimezone(cal.tz), row.working_days, unit).due_at


def check_confirmation_allowed(session: Session, rt, case: Case, props: dict) -> None:
    """Refuse (409) an officer's confirmation that another party's window ended before the day after its last day
    on the lenient reading (``confirm_from``; its start in the office's time zone), naming that last day and the
    first day it may be confirmed on."""
    name = props.get("allowed_after")
    if not name:
        return
    row = session.scalar(
        select(Deadline).where(Deadline.case_id == case.id, Deadline.name == name).order_by(Deadline.id.desc()).limit(1)
    )
    if row is None:
        raise Conflict("window_not_open", name=window_words(name))
    if row.status not in ("pending", "lapsed"):
        return  # stopped or met some other way: nothing of the holder's is left to wait for
    # Its day has passed when the clock says so, even before the timer that marks it lapsed has fired.
    zone = office_zone(rt)
    first = confirm_from(row.due_at, zone)
    if clock.now() < datetime.combine(first, time(0), zone):
        raise Conflict("window_not_ended", name=window_words(name), due=first - timedelta(days=1), first=first)
