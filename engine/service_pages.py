"""The office's published service pages (Perki 1/2021 Pasal 47-48 and its service standard).

Four pages, each linked from every portal page: the service charter (``maklumat``: legal basis,
procedure, completion time, fee, service guarantee, performance evaluation), the standard operating
procedure (``sop``), the fee standard (``biaya``) and the service hours (``jam_layanan``). The PPID and
the admin write them in Bahasa Indonesia (required) and English (optional); each save is a new
version (``ServicePage`` is append-only), so what the public was shown on a day can always be read back.

Two pages show a table of the settings beside the office's words, so that the page and the rule cannot disagree:
the fee standard in force (engine.fees) and the office hours (``KAWAL_OFFICE_HOURS``, ``office_hours`` below),
the same hours whose close ends every deadline and after which a filing counts from the next working day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine import access, clock
from engine.calendar import OfficeSchedule
from engine.errors import Invalid, NotFound
from engine.messages import msg
from engine.models import ServicePage, User

SLUGS = ("maklumat", "sop", "biaya", "jam_layanan")
MAX_CHARS = 20_000


def require_slug(slug: str) -> str:
    if slug not in SLUGS:
        raise NotFound("page_not_found")
    return slug


def current(session: Session, slug: str) -> ServicePage | None:
    return session.scalar(
        select(ServicePage).where(ServicePage.slug == require_slug(slug)).order_by(ServicePage.version.desc()).limit(1)
    )


def all_current(session: Session) -> dict[str, ServicePage]:
    """The latest version of every page written so far, by slug."""
    latest = select(ServicePage.slug, func.max(ServicePage.version).label("v")).group_by(ServicePage.slug).subquery()
    rows = session.scalars(
        select(ServicePage).join(latest, (ServicePage.slug == latest.c.slug) & (ServicePage.version == latest.c.v))
    )
    return {page.slug: page for page in rows}


def save(session: Session, user: User, slug: str, body_id: str, body_en: str = "") -> ServicePage:
    """Publish a new version of the page (the old ones stay)."""
    access.require_dip_keeper(user)
    require_slug(slug)
    body_id, body_en = (body_id or "").strip(), (body_en or "").strip()
    fields = {}
    if not body_id:
        fields["body_id"] = [msg("required")]
    for name, body in (("body_id", body_id), ("body_en", body_en)):
        if len(body) > MAX_CHARS:
            fields[name] = [msg("too_long")]
    if fields:
        raise Invalid("invalid_data", fields=fields)
    previous = current(session, slug)
    page = ServicePage(
        slug=slug,
        version=(previous.version if previous else 0) + 1,
        body_id=body_id,
        body_en=body_en,
        actor=user.username,
        at=clock.now(),
    )
    session.add(page)
    return page


def history(session: Session, slug: str) -> list[ServicePage]:
    return list(
        session.scalars(
            select(ServicePage).where(ServicePage.slug == require_slug(slug)).order_by(ServicePage.version.desc())
        )
    )


WORKDAYS = range(5)  # Monday to Friday (Perpres 21/2023): the weekend is closed whatever the hours say


@dataclass(frozen=True)
class OpenHours:
    """Days with the same office hours: weekdays ``first``..``last`` (0 Monday), or the dates of an exception."""

    first: int | date
    last: int | date
    opens: time
    closes: time
    name: str = ""  # an exception's name, as the setting gives it ("Ramadan 1448 H")


def office_hours(schedule: OfficeSchedule, today: date) -> dict[str, list[OpenHours]]:
    """The office hours as the service-hours page shows them: the working weekdays, those in a row with equal hours
    together, and the dated exceptions not over by ``today`` (``KAWAL_OFFICE_HOURS``, engine.calendar)."""
    weekdays: list[OpenHours] = []
    by_weekday = dict(schedule.weekdays)
    for day in WORKDAYS:
        hours = by_weekday.get(day, schedule.default)
        last = weekdays[-1] if weekdays else None
        if last is not None and (last.opens, last.closes) == (hours.opens, hours.closes):
            weekdays[-1] = OpenHours(last.first, day, hours.opens, hours.closes)
        else:
            weekdays.append(OpenHours(day, day, hours.opens, hours.closes))
    exceptions = [
        OpenHours(first, last, hours.opens, hours.closes, _named(first, last, hours.source))
        for first, last, hours in schedule.exceptions
        if last >= today
    ]
    return {"weekdays": weekdays, "exceptions": exceptions}


def _named(first: date, last: date, source: str) -> str:
    """An exception's own name, or "" where the setting named it by its dates only (the page shows the dates)."""
    return "" if source in (first.isoformat(), f"{first.isoformat()}..{last.isoformat()}") else source
