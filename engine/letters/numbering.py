"""Letter numbers (Tata Naskah Dinas): the agency's pattern over a yearly counter per letter type.

``KAWAL_LETTER_NUMBER_PATTERN`` (engine.config) reads e.g. ``B-{seq}/Kw.13.1/{series}/{month_roman}/{year}``:
``{seq}`` is the letter type's counter in the year of the letter's date, ``{series}`` its code, ``{office}`` the
issuing desk's code: the PPID's (``KAWAL_OFFICE_CODE``), or for a complaint's letter (a letter type with an audience,
engine.letters.types) the complaint unit's once the office sets one (``KAWAL_COMPLAINT_OFFICE_CODE``: the complaint
team is not the PPID; unset, the office's own, so an upgrade renumbers no series unasked); ``{month}`` /
``{month_roman}`` the month of its date. The counter is a row of ``ticket_counter`` (series ``surat:<code>``)
incremented in the letter's own transaction: two letters never share a number, and a number is used only by a letter
that was committed. Every letter type has its own series, so a complaint's letters and the PPID's never share a
counter; a letter keeps the number it was issued with (``Letter.number``, sealed), whatever the codes are set to later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from engine import tickets
from engine.config import Settings
from engine.letters.types import TYPES

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
COUNTER_PREFIX = "surat:"
# The series of a complaint's letters (those addressed by audience: engine.letters.types), numbered under the
# complaint unit's code.
COMPLAINT_SERIES = frozenset(t.series for t in TYPES.values() if t.audience is not None)


@dataclass(frozen=True)
class Number:
    text: str
    series: str
    year: int
    seq: int


def format_number(settings: Settings, series: str, seq: int, on: date) -> str:
    return settings.letter_number_pattern.format(
        seq=seq,
        series=series,
        office=(settings.complaint_office_code or settings.office_code)
        if series in COMPLAINT_SERIES
        else settings.office_code,
        month=on.month,
        month_roman=ROMAN[on.month - 1],
        year=on.year,
    )


def allocate(session: Session, settings: Settings, series: str, on: date) -> Number:
    """The next number of ``series`` in the year of ``on`` (the letter's date), in the caller's transaction."""
    seq = tickets.next_in_series(session, COUNTER_PREFIX + series, on.year)
    return Number(format_number(settings, series, seq, on), series, on.year, seq)
