"""Issue 13, point 3: day zero on each reading, and office hours per weekday and per dated exception.

On the strict reading (the agency's own clock) day zero is the calendar date a submission entered the
office's system, whatever the hour (UU 11/2008 ITE Pasal 8); on the lenient reading (everyone else's
windows) a receipt after office hours or on a day that is not a working day counts from the next
working day (legal-process.md §2.2). Office hours are configuration and part of every explanation.
"""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from engine import queries
from engine.calendar import LENIENT, STRICT, OfficeHours, WorkingCalendar, parse_office_schedule
from engine.config import ConfigError, load_settings
from engine.explanation import explain
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)

WIB = ZoneInfo("Asia/Jakarta")


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=WIB)


def test_strict_day_zero_is_the_calendar_date_of_a_receipt_at_23_59_on_31_december_2024():
    """Received Tue 31 Dec 2024, 23:59 WIB.

    Strict: day zero Tue 31 Dec; Wed 1 Jan 2025 is Tahun Baru; Thu 2 (1), Fri 3 (2), Mon 6 (3), Tue 7 (4),
    Wed 8 (5), Thu 9 (6), Fri 10 (7), Mon 13 (8), Tue 14 (9), Wed 15 Jan (10): T10 on 15 Jan, 16:00.
    Lenient: after hours, so day zero is the next working day, Thu 2 Jan; Fri 3 (1) ... Thu 16 Jan (10)
    (no cuti bersama before 28 Jan 2025).
    """
    received = wib(2024, 12, 31, 23, 59)
    strict = WorkingCalendar(STRICT).add_working_days(received, 10)
    assert (strict.counted_from, strict.due_date) == (date(2024, 12, 31), date(2025, 1, 15))
    assert strict.due_at == wib(2025, 1, 15, 16, 0)
    lenient = WorkingCalendar(LENIENT).add_working_days(received, 10)
    assert (lenient.counted_from, lenient.due_date) == (date(2025, 1, 2), date(2025, 1, 16))


def test_strict_day_zero_is_the_saturday_of_a_receipt_on_9_march_2024():
    """Received Sat 9 Mar 2024, 10:00 WIB.

    Strict: day zero Sat 9 Mar; Sun 10 and Mon 11 (Nyepi) do not count; Tue 12 is Cuti Bersama Nyepi,
    a working day on this reading: Tue 12 (1), Wed 13 (2), Thu 14 (3), Fri 15 (4), Mon 18 (5), Tue 19 (6),
    Wed 20 (7), Thu 21 (8), Fri 22 (9), Mon 25 Mar (10): T10 on 25 Mar (formerly 26 Mar).
    Lenient: day zero is the next working day, skipping Sun 10, Nyepi 11 and Cuti Bersama 12: Wed 13;
    Thu 14 (1), Fri 15 (2), Mon 18 (3) ... Fri 22 (7), Mon 25 (8), Tue 26 (9), Wed 27 Mar (10).
    """
    received = wib(2024, 3, 9, 10, 0)
    strict = WorkingCalendar(STRICT).add_working_days(received, 10)
    assert (strict.counted_from, strict.due_date) == (date(2024, 3, 9), date(2024, 3, 25))
    assert [s.day for s in strict.skipped] == [
        date(2024, 3, 10),
        date(2024, 3, 11),
        date(2024, 3, 16),
        date(2024, 3, 17),
        date(2024, 3, 23),
        date(2024, 3, 24),
    ]
    lenient = WorkingCalendar(LENIENT).add_working_days(received, 10)
    assert (lenient.counted_from, lenient.due_date) == (date(2024, 3, 13), date(2024, 3, 27))


def test_the_agency_deadline_of_a_request_received_on_a_saturday_counts_from_that_saturday(office):
    """A web request on Sat 9 Mar 2024, 10:00 WIB: T10 is Mon 25 Mar 2024, 16:00 WIB (hand count above)."""
    with time_machine.travel(datetime(2024, 3, 9, 3, 0, tzinfo=UTC), tick=False):
        ticket = office.submit()
    t10 = office.deadline(ticket, "T10")
    assert t10.due_at == datetime(2024, 3, 25, 9, 0, tzinfo=UTC)
    assert (t10.provenance["counted_from"], t10.provenance["day_zero_rule"]) == ("2024-03-09", "calendar_date")
    with office.sessions() as s:
        case = office.case(ticket)
        case = s.merge(case)
        [row] = queries.explained_deadlines(case)
    assert "pembacaan paling awal (kalender ketat)" in row["explanation_id"]
    assert "batas waktu badan publik sendiri" in row["explanation_id"]
    assert "the earliest reading (strict calendar), because this is the agency's own deadline" in row["explanation_en"]
    assert "hari ke-0: tanggal diterima, 2024-03-09 10:00" in row["explanation_id"]


def test_office_hours_per_weekday_end_a_friday_deadline_at_the_friday_closing_time():
    """Hours 07:30-16:00, Fridays 07:30-16:30. Received Mon 6 Jan 2025 10:00; 4 working days on the
    strict reading: Tue 7 (1), Wed 8 (2), Thu 9 (3), Fri 10 Jan (4), ending at the Friday close, 16:30."""
    schedule = parse_office_schedule("07:30-16:00; jumat=07:30-16:30")
    cal = WorkingCalendar(STRICT, schedule=schedule)
    result = cal.add_working_days(wib(2025, 1, 6, 10, 0), 4)
    assert result.due_at == wib(2025, 1, 10, 16, 30)
    assert result.due_hours == "07:30-16:30 (Jumat)"
    assert "akhir jam kerja (07:30-16:30 (Jumat))" in explain(result.to_dict())
    # On the lenient reading a Friday receipt at 16:15 is still in office hours; at 16:45 it is not.
    lenient = WorkingCalendar(LENIENT, schedule=schedule)
    assert lenient.day_zero(wib(2025, 1, 10, 16, 15))[:2] == (date(2025, 1, 10), False)
    assert lenient.day_zero(wib(2025, 1, 10, 16, 45))[:2] == (date(2025, 1, 13), True)
    # On a Thursday the default close, 16:00, applies.
    assert lenient.day_zero(wib(2025, 1, 9, 16, 15))[:2] == (date(2025, 1, 10), True)


def test_ramadan_hours_are_a_dated_exception_shown_in_the_explanation():
    """Ramadan hours 08:00-15:00 from Mon 8 Feb to Tue 9 Mar 2027.

    A requester's window (lenient) from a receipt on Mon 15 Feb 2027 at 15:30: after the Ramadan close,
    so day zero is Tue 16 Feb; 3 working days: Wed 17 (1), Thu 18 (2), Fri 19 Feb (3), ending at 15:00.
    """
    schedule = parse_office_schedule("08:00-16:00; 2027-02-08..2027-03-09=08:00-15:00 Ramadan 1448 H")
    assert schedule.hours(date(2027, 2, 15)) == OfficeHours(time(8), time(15), "Ramadan 1448 H")
    assert schedule.hours(date(2027, 3, 10)) == OfficeHours(time(8), time(16))
    result = WorkingCalendar(LENIENT, schedule=schedule).add_working_days(wib(2027, 2, 15, 15, 30), 3)
    assert (result.counted_from, result.due_at) == (date(2027, 2, 16), wib(2027, 2, 19, 15, 0))
    text = explain(result.to_dict())
    assert "pembacaan paling akhir (kalender longgar)" in text
    assert "digeser: diterima 2027-02-15 15:30, di luar jam kerja (08:00-15:00 (Ramadan 1448 H))" in text
    assert "akhir jam kerja (08:00-15:00 (Ramadan 1448 H))" in text


def test_office_hours_configuration_reaches_the_runtime_calendars(settings):
    from engine.runtime import Runtime

    rt = Runtime(
        load_settings(
            {"KAWAL_DATABASE_URL": settings.database_url, "KAWAL_OFFICE_HOURS": "07:30-16:00; fri=07:30-16:30"}
        )
    )
    for name in (STRICT, LENIENT):
        assert rt.calendars[name].hours(date(2025, 1, 10)).closes == time(16, 30)
        assert rt.calendars[name].hours(date(2025, 1, 9)).closes == time(16, 0)


@pytest.mark.parametrize(
    "text", ["08:00-16:00; friday=07:00-16:00", "08:00-16:00; jumat", "08:00-16:00; 2027-03-09..2027-02-08=08:00-15:00"]
)
def test_malformed_office_hours_configuration_is_refused_at_start(text):
    with pytest.raises(ConfigError, match="KAWAL_OFFICE_HOURS"):
        load_settings({"KAWAL_OFFICE_HOURS": text})
