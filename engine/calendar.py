"""Indonesian working-day arithmetic for legal deadlines (legal-process.md §2).

UU KIP and the Perki count every deadline in *hari kerja*: Monday to Friday, minus national
holidays and (depending on the policy) cuti bersama. The law is unclear on cuti bersama and on the
hour of receipt, so there are two readings, one per calendar:

* ``strict``  - the reading that ends earliest. Public holidays only (cuti bersama count as working
  days), and day zero is the calendar date the submission entered the office's system, whatever the
  hour (UU 11/2008 ITE Pasal 8: an electronic record is received when it enters the recipient's
  system). Used for the agency's own deadlines, so the office is never late on any reading.
* ``lenient`` - the reading that ends latest. Public holidays and cuti bersama, and a submission
  received after office hours or on a day that is not a working day counts from the next working
  day. Used for every window that belongs to someone else (the requester, the reporter, the
  Commission, a court), so nobody is turned away who is in time on any reading.

The guiding rule (issue 13): the agency's own deadline is counted on the reading that ends earliest;
a window that belongs to the requester, the reporter, the Commission or a court on the reading that
ends latest, and Kawal never closes a stage on such a window by itself.

Office hours are configuration: a default range, ranges per weekday (many offices close Friday at
another hour) and dated exceptions (Ramadan hours); the hours that applied are part of every
explanation. Holiday data comes from the ``holidays`` package; an admin-edited override table (extra
days off by Keppres, office closures, corrections) is passed in as plain data and wins over it.
Every computed date carries its provenance: the reading, the day zero and why, the days skipped and
why, and the office hours that ended it.
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


def iso_day(value) -> date | None:
    """A day written as ISO text (a form's date field, a date kept in a case's details), or None when it is not one."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


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
# Weekday keys of the office-hours configuration, in English or Indonesian; the Indonesian name is shown.
_WEEKDAYS = {
    **{k: i for i, k in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{k: i for i, k in enumerate(("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"))},
}
_WEEKDAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
# How day zero was found, per reading (legal-process.md §2.2), as stored in the provenance.
DAY_ZERO_CALENDAR_DATE = "calendar_date"  # strict: the date of receipt, whatever the hour
DAY_ZERO_RECEIPT_DAY = "receipt_day"  # lenient: received in office hours on a working day
DAY_ZERO_NEXT_WORKING_DAY = "next_working_day"  # lenient: after hours or on a day off
READING = {STRICT: "earliest", LENIENT: "latest"}


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
    day_zero_rule: str = DAY_ZERO_CALENDAR_DATE  # how day zero was found (DAY_ZERO_*)
    receipt_hours: str = ""  # the office hours of the receipt's day, as configured
    due_hours: str = ""  # the office hours of the due day: their close ends the deadline
    unit: str = "working_days"  # or "calendar_days": a period the law counts in "hari" (add_calendar_days)

    @property
    def reading(self) -> str:
        """``earliest`` (strict: the agency's own deadline) or ``latest`` (lenient: someone else's window)."""
        return READING[self.calendar]

    def to_dict(self) -> dict:
        return {
            "calendar": self.calendar,
            "reading": self.reading,
            "day_zero_rule": self.day_zero_rule,
            "receipt_hours": self.receipt_hours,
            "due_hours": self.due_hours,
            "received_at": self.received_at.astimezone(self.due_at.tzinfo).isoformat(),  # office time, as due_at
            "counted_from": self.counted_from.isoformat(),
            "after_hours": self.after_hours,
            "working_days": self.working_days,
            "due_date": self.due_date.isoformat(),
            "due_at": self.due_at.isoformat(),
            "skipped": [s.to_dict() for s in self.skipped],
            **({"unit": self.unit} if self.unit != "working_days" else {}),
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


def official_days_off(calendar: str, year: int) -> MappingProxyType[date, SkippedDay]:
    """The holidays (and, on the lenient calendar, cuti bersama) of one year by date, as the calendar skips them."""
    return _official_days_off(_check_calendar(calendar), year)


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


@dataclass(frozen=True)
class OfficeHours:
    """When the office is open on one day, and which rule of the configuration says so."""

    opens: time
    closes: time
    source: str = ""  # "" (the default hours), a weekday name ("Jumat") or a dated exception

    def __post_init__(self) -> None:
        if self.opens >= self.closes:
            raise ValueError(f"office hours must open before they close, got {self.text()}")

    def text(self) -> str:
        hours = f"{self.opens:%H:%M}-{self.closes:%H:%M}"
        return f"{hours} ({self.source})" if self.source else hours


@dataclass(frozen=True)
class OfficeSchedule:
    """Office hours: a default, per-weekday hours, and dated exceptions (the last one given wins)."""

    default: OfficeHours = OfficeHours(time(8, 0), time(16, 0))
    weekdays: tuple[tuple[int, OfficeHours], ...] = ()
    exceptions: tuple[tuple[date, date, OfficeHours], ...] = ()

    def hours(self, day: date) -> OfficeHours:
        for first, last, hours in reversed(self.exceptions):
            if first <= day <= last:
                return hours
        for weekday, hours in self.weekdays:
            if weekday == day.weekday():
                return hours
        return self.default

    def describe(self) -> str:
        """The whole configuration in one line, e.g. ``08:00-16:00; 07:30-16:30 (Jumat)``."""
        return "; ".join(
            [self.default.text()] + [h.text() for _, h in self.weekdays] + [h.text() for _, _, h in self.exceptions]
        )


def parse_office_schedule(text: str) -> OfficeSchedule:
    """Parse ``KAWAL_OFFICE_HOURS``: the default range, then ``;``-separated per-weekday and dated parts.

    ``"07:30-16:00; jumat=07:30-16:30; 2027-02-08..2027-03-09=08:00-15:00 Ramadan 1448 H"``: Fridays
    close at 16:30; from 8 Feb to 9 Mar 2027 the office closes at 15:00, named "Ramadan 1448 H" in
    explanations (without a name, the dates are shown).
    """
    parts = [p.strip() for p in (text or "").split(";") if p.strip()]
    if not parts:
        raise ValueError("office hours must look like '08:00-16:00', got ''")
    opens, closes = parse_office_hours(parts[0])
    weekdays: dict[int, OfficeHours] = {}
    exceptions = []
    for part in parts[1:]:
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(
                f"office hours: expected 'day=HH:MM-HH:MM' or 'YYYY-MM-DD..YYYY-MM-DD=HH:MM-HH:MM', got {part!r}"
            )
        hours_text, _, label = value.strip().partition(" ")
        day_opens, day_closes = parse_office_hours(hours_text)
        key = key.strip().lower()
        if key in _WEEKDAYS:
            index = _WEEKDAYS[key]
            weekdays[index] = OfficeHours(day_opens, day_closes, _WEEKDAY_NAMES[index])
            continue
        first_text, dots, last_text = key.partition("..")
        try:
            first = date.fromisoformat(first_text)
            last = date.fromisoformat(last_text) if dots else first
        except ValueError:
            raise ValueError(f"office hours: unknown day or date range {key!r}") from None
        if last < first:
            raise ValueError(f"office hours: the range {key!r} ends before it starts")
        name = label.strip() or (f"{first.isoformat()}..{last.isoformat()}" if dots else first.isoformat())
        exceptions.append((first, last, OfficeHours(day_opens, day_closes, name)))
    return OfficeSchedule(OfficeHours(opens, closes), tuple(sorted(weekdays.items())), tuple(exceptions))


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
        schedule: OfficeSchedule | None = None,
    ) -> None:
        self.name = _check_calendar(name)
        try:
            self.tz = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {timezone!r}") from None
        if schedule is None:
            if office_open >= office_close:
                raise ValueError("office_open must be earlier than office_close")
            schedule = OfficeSchedule(OfficeHours(office_open, office_close))
        self.schedule = schedule
        # The default hours; a given day's hours come from ``hours(day)``.
        self.office_open = schedule.default.opens
        self.office_close = schedule.default.closes
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

    def hours(self, day: date) -> OfficeHours:
        """The office hours of ``day`` (its weekday's, or a dated exception's such as Ramadan)."""
        return self.schedule.hours(day)

    def opening(self, day: date) -> datetime:
        return datetime.combine(day, self.hours(day).opens, tzinfo=self.tz)

    def closing(self, day: date) -> datetime:
        """The end of office hours of ``day``: the instant a deadline falling on that day ends."""
        return datetime.combine(day, self.hours(day).closes, tzinfo=self.tz)

    def _local(self, received_at: datetime) -> datetime:
        if not isinstance(received_at, datetime) or received_at.utcoffset() is None:
            raise ValueError(f"receipt time must be a timezone-aware datetime, got {received_at!r}")
        return received_at.astimezone(self.tz)

    def day_zero(self, received_at: datetime) -> tuple[date, bool, tuple[SkippedDay, ...]]:
        """The day counting starts from: (day zero, moved?, days skipped while moving).

        Strict (the earliest reading): the calendar date of receipt in the office's zone, whatever the
        hour and whether or not it is a working day (UU ITE Pasal 8). Lenient (the latest reading): a
        receipt after closing time or on a non-working day counts as received on the next working day;
        one before opening counts that same day (legal-process.md §2.2).
        """
        local = self._local(received_at)
        day = local.date()
        if self.name == STRICT:
            return day, False, ()
        first_off = self.day_off(day)
        if first_off is None and local.time() < self.hours(day).closes:
            return day, False, ()
        skipped = [first_off] if first_off else []
        day += timedelta(days=1)
        while (off := self.day_off(day)) is not None:
            skipped.append(off)
            day += timedelta(days=1)
        return day, True, tuple(skipped)

    def add_working_days(self, received_at: datetime, n: int) -> DueDate:
        """The deadline ``n`` working days after receipt: day zero excluded, due day included.

        It ends at the close of office hours of the due day. With ``n`` = 0 the due day is day zero,
        or the first working day after it when day zero is not one (possible on the strict reading).
        """
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
        while n == 0 and (off := self.day_off(day)) is not None:
            found.append(off)
            day += timedelta(days=1)
        if self.name == STRICT:
            rule = DAY_ZERO_CALENDAR_DATE
        else:
            rule = DAY_ZERO_NEXT_WORKING_DAY if moved else DAY_ZERO_RECEIPT_DAY
        return DueDate(
            calendar=self.name,
            received_at=received_at,
            counted_from=start,
            after_hours=moved,
            working_days=n,
            due_date=day,
            due_at=self.closing(day),
            skipped=tuple(found),
            day_zero_rule=rule,
            receipt_hours=self.hours(self._local(received_at).date()).text(),
            due_hours=self.hours(day).text(),
        )

    def add_calendar_days(self, received_at: datetime, n: int) -> DueDate:
        """A period the law counts in days, not working days (e.g. kasasi, UU 14/2008 Pasal 50; UU 25/2009).

        Day zero as for working days; the due day is day zero plus ``n`` days. When it is not a working
        day, the strict reading (the agency's own deadline) ends on the working day before it, the
        lenient reading (someone else's window) on the working day after it.
        """
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise ValueError(f"days must be a non-negative integer, got {n!r}")
        start, moved, skipped = self.day_zero(received_at)
        found = list(skipped)
        day = start + timedelta(days=n)
        step = timedelta(days=-1 if self.name == STRICT else 1)
        while (off := self.day_off(day)) is not None and (step.days > 0 or day > start):
            found.append(off)
            day += step
        if self.name == STRICT:
            rule = DAY_ZERO_CALENDAR_DATE
        else:
            rule = DAY_ZERO_NEXT_WORKING_DAY if moved else DAY_ZERO_RECEIPT_DAY
        return DueDate(
            calendar=self.name,
            received_at=received_at,
            counted_from=start,
            after_hours=moved,
            working_days=n,
            due_date=day,
            due_at=self.closing(day),
            skipped=tuple(sorted(found, key=lambda d: d.day)),
            day_zero_rule=rule,
            receipt_hours=self.hours(self._local(received_at).date()).text(),
            due_hours=self.hours(day).text(),
            unit="calendar_days",
        )

    def count(self, received_at: datetime, n: int, unit: str = "working_days") -> DueDate:
        """``n`` working days or calendar days (``unit``) from ``received_at``."""
        if unit == "calendar_days":
            return self.add_calendar_days(received_at, n)
        return self.add_working_days(received_at, n)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative (the count over (end, start]) when end < start."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(self.is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))
