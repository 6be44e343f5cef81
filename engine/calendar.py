"""Indonesian working-day arithmetic for legal deadlines (legal-process.md §2).

UU KIP and the Perki count every deadline in *hari kerja*: Monday to Friday, minus national
holidays and (depending on the policy) cuti bersama. The law is unclear on cuti bersama, so
there are two calendars:

* ``strict``  - public holidays only. Used for the agency's own deadlines: it gives the
  earlier date, so the office never misses a deadline if cuti bersama is counted as work.
* ``lenient`` - public holidays and cuti bersama. Used to judge whether a requester filed in
  time, so nobody is turned away who is timely under either reading.

Holiday data comes from the ``holidays`` package; an admin-edited override table (extra days
off by Keppres, office closures, corrections) is passed in as plain data and wins over it.
Every computed date carries its provenance: the days skipped and why.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

STRICT = "strict"
LENIENT = "lenient"
CALENDARS = (STRICT, LENIENT)

# Holiday categories of the `holidays` package per calendar. "government" is cuti bersama.
_CATEGORIES = {STRICT: ("public",), LENIENT: ("public", "government")}
# What a day off found in each category is called in the provenance.
_KIND_BY_CATEGORY = {"public": "holiday", "government": "cuti_bersama"}
# Indonesian weekday names for the weekend (Perpres 21/2023: a 5-day week, Monday-Friday). They are
# the reason stored in a provenance; an explanation in English names the day in English instead.
_WEEKEND_NAMES = {5: "Sabtu", 6: "Minggu"}
_WEEKEND_NAMES_EN = {5: "Saturday", 6: "Sunday"}
_CATEGORY_BY_KIND = {kind: category for category, kind in _KIND_BY_CATEGORY.items()}
_OFFICE_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def _check_calendar(name: str) -> str:
    if name not in CALENDARS:
        raise ValueError(f"unknown calendar {name!r}; expected one of {CALENDARS}")
    return name


@dataclass(frozen=True)
class HolidayOverride:
    """A row of the admin override table; it wins over weekends and the holiday data."""

    day: date
    is_working: bool  # False: an extra day off; True: a correction, the day IS a working day
    reason: str
    calendars: tuple[str, ...] = CALENDARS

    def __post_init__(self) -> None:
        names = (self.calendars,) if isinstance(self.calendars, str) else tuple(self.calendars)
        for name in names:
            _check_calendar(name)
        object.__setattr__(self, "calendars", names)


@dataclass(frozen=True)
class SkippedDay:
    """A day that did not count, and why (``weekend``, ``holiday``, ``cuti_bersama``, ``override``)."""

    day: date
    kind: str
    reason: str

    def to_dict(self) -> dict:
        return {"date": self.day.isoformat(), "kind": self.kind, "reason": self.reason}


@dataclass(frozen=True)
class DueDate:
    """A computed deadline with everything needed to explain it to a human."""

    calendar: str
    received_at: datetime
    counted_from: date  # day zero
    after_hours: bool  # day zero was moved past the local receipt date
    working_days: int
    due_date: date
    due_at: datetime  # closing time on due_date, in the office time zone
    skipped: tuple[SkippedDay, ...]

    def to_dict(self) -> dict:
        return {
            "calendar": self.calendar,
            "received_at": self.received_at.astimezone(self.due_at.tzinfo).isoformat(),  # office time, as due_at
            "counted_from": self.counted_from.isoformat(),
            "after_hours": self.after_hours,
            "working_days": self.working_days,
            "due_date": self.due_date.isoformat(),
            "due_at": self.due_at.isoformat(),
            "skipped": [s.to_dict() for s in self.skipped],
        }


@functools.lru_cache(maxsize=128)
def _official_days_off(calendar: str, year: int) -> MappingProxyType[date, SkippedDay]:
    """Holidays (and cuti bersama on the lenient calendar) of one year, by date.

    Cached because building ``holidays`` objects is slow and this runs on every workflow
    step; read-only because the cached mapping is shared. Public holidays win when a date is both.
    """
    days: dict[date, SkippedDay] = {}
    for category in reversed(_CATEGORIES[calendar]):
        found = holidays.country_holidays("ID", categories=(category,), language="id", years=year)
        for day, name in found.items():
            days[day] = SkippedDay(day, _KIND_BY_CATEGORY[category], name)
    return MappingProxyType(days)


@functools.lru_cache(maxsize=64)
def _official_names(category: str, year: int, language: str) -> MappingProxyType[date, str]:
    """The names of one category's days off in one year, in ``language`` (``id`` or ``en_US``)."""
    found = holidays.country_holidays("ID", categories=(category,), language=language, years=year)
    return MappingProxyType(dict(found))


def day_off_name(skipped: dict, locale: str = "id") -> str:
    """What a day not counted (a provenance's ``skipped`` entry) is called in ``locale``.

    The stored reason is Bahasa Indonesia: the weekday, or the holiday's name from the holiday data.
    In English the weekend day and the holiday are named in English; an override keeps the words
    the admin wrote, and a holiday the data no longer knows keeps its stored name.
    """
    if locale != "en":
        return skipped["reason"]
    day = date.fromisoformat(skipped["date"])
    if skipped["kind"] == "weekend":
        return _WEEKEND_NAMES_EN.get(day.weekday(), skipped["reason"])
    category = _CATEGORY_BY_KIND.get(skipped["kind"])
    if category is None:
        return skipped["reason"]
    return _official_names(category, day.year, "en_US").get(day, skipped["reason"])


def parse_office_hours(text: str) -> tuple[time, time]:
    """Parse configuration such as ``"08:00-16:00"`` into (opening, closing) times."""
    match = _OFFICE_HOURS.match(text or "")
    if not match:
        raise ValueError(f"office hours must look like '08:00-16:00', got {text!r}")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    try:
        opening, closing = time(h1, m1), time(h2, m2)
    except ValueError as exc:
        raise ValueError(f"invalid time in office hours {text!r}: {exc}") from None
    if opening >= closing:
        raise ValueError(f"office hours must open before they close, got {text!r}")
    return opening, closing


class WorkingCalendar:
    """One office's working days under one cuti bersama policy (``strict`` or ``lenient``)."""

    def __init__(
        self,
        name: str = STRICT,
        *,
        timezone: str = "Asia/Jakarta",
        office_open: time = time(8, 0),
        office_close: time = time(16, 0),
        overrides: Iterable[HolidayOverride] = (),
    ) -> None:
        self.name = _check_calendar(name)
        try:
            self.tz = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {timezone!r}") from None
        if office_open >= office_close:
            raise ValueError("office_open must be earlier than office_close")
        self.office_open = office_open
        self.office_close = office_close
        # Later rows win, so an admin can append a correction without deleting the old row.
        self._overrides = {o.day: o for o in overrides if name in o.calendars}

    def __repr__(self) -> str:
        return f"WorkingCalendar({self.name!r}, timezone={self.tz.key!r})"

    def day_off(self, day: date) -> SkippedDay | None:
        """Why ``day`` is not a working day, or None when it is one.

        Order: override, weekend, holiday data. A holiday on a weekend is reported as the
        weekend, since the day is off whatever the holiday data says.
        """
        override = self._overrides.get(day)
        if override is not None:
            return None if override.is_working else SkippedDay(day, "override", override.reason)
        if day.weekday() in _WEEKEND_NAMES:
            return SkippedDay(day, "weekend", _WEEKEND_NAMES[day.weekday()])
        return _official_days_off(self.name, day.year).get(day)

    def is_working_day(self, day: date) -> bool:
        return self.day_off(day) is None

    def _local(self, received_at: datetime) -> datetime:
        if not isinstance(received_at, datetime) or received_at.utcoffset() is None:
            raise ValueError(f"receipt time must be a timezone-aware datetime, got {received_at!r}")
        return received_at.astimezone(self.tz)

    def day_zero(self, received_at: datetime) -> tuple[date, bool, tuple[SkippedDay, ...]]:
        """The day counting starts from: (day zero, moved?, days skipped while moving).

        A receipt after closing time or on a non-working day counts as received on the next
        working day (legal-process.md §2.2). A receipt before opening counts that same day.
        """
        local = self._local(received_at)
        day = local.date()
        first_off = self.day_off(day)
        if first_off is None and local.time() < self.office_close:
            return day, False, ()
        skipped = [first_off] if first_off else []
        day += timedelta(days=1)
        while (off := self.day_off(day)) is not None:
            skipped.append(off)
            day += timedelta(days=1)
        return day, True, tuple(skipped)

    def add_working_days(self, received_at: datetime, n: int) -> DueDate:
        """The deadline ``n`` working days after receipt: day zero excluded, due day included."""
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise ValueError(f"working days must be a non-negative integer, got {n!r}")
        start, moved, skipped = self.day_zero(received_at)
        found = list(skipped)
        day, left = start, n
        while left:
            day += timedelta(days=1)
            off = self.day_off(day)
            if off is None:
                left -= 1
            else:
                found.append(off)
        return DueDate(
            calendar=self.name,
            received_at=received_at,
            counted_from=start,
            after_hours=moved,
            working_days=n,
            due_date=day,
            due_at=datetime.combine(day, self.office_close, tzinfo=self.tz),
            skipped=tuple(found),
        )

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative (the count over (end, start]) when end < start."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(self.is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))
