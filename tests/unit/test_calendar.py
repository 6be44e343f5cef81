"""Working-day rules of legal-process.md §2, including the §2.3 worked example."""

import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.calendar import (
    CALENDARS,
    LENIENT,
    STRICT,
    DueDate,
    HolidayOverride,
    SkippedDay,
    WorkingCalendar,
    parse_office_hours,
)

WIB = ZoneInfo("Asia/Jakarta")
UTC = ZoneInfo("UTC")
RECEIVED_26_MARCH_2025 = datetime(2025, 3, 26, 10, 0, tzinfo=WIB)  # a Wednesday, office hours


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=WIB)


def due(calendar: str, received_at: datetime, n: int, **kwargs) -> date:
    return WorkingCalendar(calendar, **kwargs).add_working_days(received_at, n).due_date


# --- §2.3 worked example ---------------------------------------------------------------------


def test_t10_for_receipt_on_26_march_2025_is_11_april_on_strict_calendar():
    assert due(STRICT, RECEIVED_26_MARCH_2025, 10) == date(2025, 4, 11)


def test_t17_for_receipt_on_26_march_2025_is_23_april_on_strict_calendar():
    assert due(STRICT, RECEIVED_26_MARCH_2025, 17) == date(2025, 4, 23)


def test_t10_for_receipt_on_26_march_2025_is_21_april_on_lenient_calendar():
    assert due(LENIENT, RECEIVED_26_MARCH_2025, 10) == date(2025, 4, 21)


def test_t17_for_receipt_on_26_march_2025_is_30_april_on_lenient_calendar():
    assert due(LENIENT, RECEIVED_26_MARCH_2025, 17) == date(2025, 4, 30)


@pytest.mark.parametrize(("calendar", "window_end"), [(STRICT, date(2025, 6, 10)), (LENIENT, date(2025, 6, 20))])
def test_30_day_objection_window_after_t17_lapse_ends_10_june_strict_20_june_lenient(calendar, window_end):
    # §2.3: the requester's 30-WD objection window runs from the day T17 lapses.
    t17 = due(calendar, RECEIVED_26_MARCH_2025, 17)
    lapse = datetime.combine(t17, time(10, 0), tzinfo=WIB)
    assert due(calendar, lapse, 30) == window_end


def test_due_at_is_closing_time_on_the_due_date_in_the_office_zone():
    result = WorkingCalendar(STRICT).add_working_days(RECEIVED_26_MARCH_2025, 10)
    assert result.due_at == datetime(2025, 4, 11, 16, 0, tzinfo=WIB)
    assert result.due_at.tzinfo.key == "Asia/Jakarta"


# --- day zero: office hours and non-working days ---------------------------------------------
# The lenient reading (someone else's window) moves a receipt after hours or on a day off to the next
# working day; the strict reading (the agency's own clock) starts from the calendar date of receipt.


def test_lenient_receipt_after_closing_on_friday_counts_from_monday():
    day_zero, moved, skipped = WorkingCalendar(LENIENT).day_zero(wib(2025, 1, 10, 16, 30))
    assert (day_zero, moved) == (date(2025, 1, 13), True)
    assert [(s.day, s.kind, s.reason) for s in skipped] == [
        (date(2025, 1, 11), "weekend", "Sabtu"),
        (date(2025, 1, 12), "weekend", "Minggu"),
    ]


def test_strict_receipt_after_closing_on_friday_counts_from_that_friday():
    """Fri 10 Jan 2025 16:30: day zero is Fri 10 Jan itself; the first working day counted is Mon 13 Jan."""
    cal = WorkingCalendar(STRICT)
    assert cal.day_zero(wib(2025, 1, 10, 16, 30)) == (date(2025, 1, 10), False, ())
    result = cal.add_working_days(wib(2025, 1, 10, 16, 30), 1)
    assert (result.due_date, result.day_zero_rule) == (date(2025, 1, 13), "calendar_date")


def test_lenient_receipt_exactly_at_closing_time_counts_from_next_working_day():
    assert WorkingCalendar(LENIENT).day_zero(wib(2025, 1, 8, 16, 0))[:2] == (date(2025, 1, 9), True)


def test_lenient_receipt_on_saturday_counts_from_monday_and_lists_saturday_as_skipped():
    result = WorkingCalendar(LENIENT).add_working_days(wib(2025, 1, 11, 10, 0), 1)
    assert result.counted_from == date(2025, 1, 13)
    assert result.after_hours is True
    assert result.due_date == date(2025, 1, 14)
    assert [s.day for s in result.skipped] == [date(2025, 1, 11), date(2025, 1, 12)]


def test_strict_receipt_on_saturday_has_saturday_as_day_zero():
    """Sat 11 Jan 2025: day zero Sat 11; Sun 12 is skipped; Mon 13 is the first working day counted."""
    result = WorkingCalendar(STRICT).add_working_days(wib(2025, 1, 11, 10, 0), 1)
    assert (result.counted_from, result.after_hours, result.due_date) == (date(2025, 1, 11), False, date(2025, 1, 13))
    assert [s.day for s in result.skipped] == [date(2025, 1, 12)]


def test_receipt_before_opening_on_a_working_day_counts_that_day():
    for name in CALENDARS:
        result = WorkingCalendar(name).add_working_days(wib(2025, 1, 8, 7, 0), 1)
        assert (result.counted_from, result.after_hours) == (date(2025, 1, 8), False)
        assert result.due_date == date(2025, 1, 9)


def test_zero_working_days_gives_day_zero_or_the_next_working_day_as_due_date():
    lenient = WorkingCalendar(LENIENT).add_working_days(wib(2025, 1, 10, 17, 0), 0)
    assert lenient.due_date == lenient.counted_from == date(2025, 1, 13)
    strict = WorkingCalendar(STRICT).add_working_days(wib(2025, 1, 10, 17, 0), 0)
    assert strict.due_date == strict.counted_from == date(2025, 1, 10)  # a working day: due that day
    weekend = WorkingCalendar(STRICT).add_working_days(wib(2025, 1, 11, 10, 0), 0)
    assert (weekend.counted_from, weekend.due_date) == (date(2025, 1, 11), date(2025, 1, 13))


def test_custom_office_hours_move_the_after_hours_boundary():
    cal = WorkingCalendar(LENIENT, office_open=time(7, 30), office_close=time(15, 30))
    assert cal.day_zero(wib(2025, 1, 8, 15, 45))[:2] == (date(2025, 1, 9), True)


def test_lenient_receipt_on_31_december_counts_into_the_next_year_holidays():
    # 31 Dec 2024 after hours: 1 Jan 2025 is Tahun Baru, so day zero is 2 Jan 2025.
    result = WorkingCalendar(LENIENT).add_working_days(wib(2024, 12, 31, 17, 0), 3)
    assert result.counted_from == date(2025, 1, 2)
    assert result.skipped[0] == SkippedDay(date(2025, 1, 1), "holiday", "Tahun Baru Masehi")
    assert result.due_date == date(2025, 1, 7)


# --- provenance ------------------------------------------------------------------------------


def test_strict_provenance_lists_weekends_and_named_public_holidays_but_no_cuti_bersama():
    result = WorkingCalendar(STRICT).add_working_days(RECEIVED_26_MARCH_2025, 10)
    kinds = {s.day: (s.kind, s.reason) for s in result.skipped}
    assert kinds[date(2025, 3, 29)] == ("weekend", "Sabtu")  # Nyepi falls on a Saturday
    assert kinds[date(2025, 3, 31)] == ("holiday", "Hari Raya Idul Fitri")
    assert kinds[date(2025, 4, 1)] == ("holiday", "Hari kedua dari Hari Raya Idul Fitri")
    assert "cuti_bersama" not in {kind for kind, _ in kinds.values()}
    assert date(2025, 3, 28) not in kinds  # Cuti Bersama Nyepi is a working day here
    assert len(result.skipped) == 6  # two weekends and the two Idul Fitri days


def test_lenient_provenance_lists_cuti_bersama_days_by_name():
    result = WorkingCalendar(LENIENT).add_working_days(RECEIVED_26_MARCH_2025, 10)
    cuti = [(s.day, s.reason) for s in result.skipped if s.kind == "cuti_bersama"]
    assert cuti == [
        (date(2025, 3, 28), "Cuti Bersama Hari Suci Nyepi"),
        (date(2025, 4, 2), "Cuti Bersama Hari Raya Idul Fitri"),
        (date(2025, 4, 3), "Cuti Bersama Hari Raya Idul Fitri"),
        (date(2025, 4, 4), "Cuti Bersama Hari Raya Idul Fitri"),
        (date(2025, 4, 7), "Cuti Bersama Hari Raya Idul Fitri"),
    ]


def test_provenance_covers_every_non_working_day_after_day_zero_up_to_the_due_date():
    cal = WorkingCalendar(LENIENT)
    result = cal.add_working_days(RECEIVED_26_MARCH_2025, 17)
    length = (result.due_date - result.counted_from).days
    span = [result.counted_from + timedelta(days=i) for i in range(1, length + 1)]
    assert [s.day for s in result.skipped] == [d for d in span if not cal.is_working_day(d)]


def test_due_date_to_dict_is_json_ready():
    data = WorkingCalendar(LENIENT).add_working_days(wib(2025, 1, 10, 16, 30), 1)
    assert json.loads(json.dumps(data.to_dict())) == {
        "calendar": "lenient",
        "reading": "latest",
        "day_zero_rule": "next_working_day",
        "receipt_hours": "08:00-16:00",
        "due_hours": "08:00-16:00",
        "received_at": "2025-01-10T16:30:00+07:00",
        "counted_from": "2025-01-13",
        "after_hours": True,
        "working_days": 1,
        "due_date": "2025-01-14",
        "due_at": "2025-01-14T16:00:00+07:00",
        "skipped": [
            {"date": "2025-01-11", "kind": "weekend", "reason": "Sabtu"},
            {"date": "2025-01-12", "kind": "weekend", "reason": "Minggu"},
        ],
    }


# --- overrides -------------------------------------------------------------------------------


def test_extra_day_off_override_moves_the_deadline_and_appears_in_provenance():
    closure = HolidayOverride(date(2025, 1, 14), is_working=False, reason="Pemilihan kepala daerah")
    result = WorkingCalendar(STRICT, overrides=[closure]).add_working_days(wib(2025, 1, 13, 10, 0), 1)
    assert result.due_date == date(2025, 1, 15)
    assert result.skipped == (SkippedDay(date(2025, 1, 14), "override", "Pemilihan kepala daerah"),)


def test_working_day_override_corrects_a_holiday_in_the_package_data():
    correction = HolidayOverride(date(2025, 3, 31), is_working=True, reason="SKB correction")
    cal = WorkingCalendar(STRICT, overrides=[correction])
    assert cal.is_working_day(date(2025, 3, 31))
    assert cal.add_working_days(wib(2025, 3, 28, 10, 0), 1).due_date == date(2025, 3, 31)


def test_working_day_override_makes_a_saturday_count():
    saturday = HolidayOverride(date(2025, 1, 11), is_working=True, reason="Hari kerja pengganti")
    cal = WorkingCalendar(STRICT, overrides=[saturday])
    assert cal.add_working_days(wib(2025, 1, 10, 10, 0), 1).due_date == date(2025, 1, 11)


def test_override_for_the_lenient_calendar_only_does_not_move_a_strict_date():
    only_lenient = HolidayOverride(date(2025, 4, 11), is_working=False, reason="Penutupan kantor", calendars=(LENIENT,))
    assert due(STRICT, RECEIVED_26_MARCH_2025, 10, overrides=[only_lenient]) == date(2025, 4, 11)
    assert WorkingCalendar(LENIENT, overrides=[only_lenient]).day_off(date(2025, 4, 11)).kind == "override"


def test_later_override_row_for_the_same_day_wins():
    rows = [
        HolidayOverride(date(2025, 1, 14), is_working=False, reason="closure"),
        HolidayOverride(date(2025, 1, 14), is_working=True, reason="closure cancelled"),
    ]
    assert WorkingCalendar(STRICT, overrides=rows).is_working_day(date(2025, 1, 14))


# --- time zones ------------------------------------------------------------------------------


def test_same_instant_is_office_hours_in_wib_but_after_hours_in_wita_and_wit():
    instant = datetime(2025, 1, 8, 8, 30, tzinfo=UTC)  # 15:30 WIB, 16:30 WITA, 17:30 WIT
    for zone, expected in [
        ("Asia/Jakarta", (date(2025, 1, 8), False)),
        ("Asia/Makassar", (date(2025, 1, 9), True)),
        ("Asia/Jayapura", (date(2025, 1, 9), True)),
    ]:
        assert WorkingCalendar(LENIENT, timezone=zone).day_zero(instant)[:2] == expected, zone


def test_late_evening_in_wib_is_already_the_next_morning_in_wit():
    instant = datetime(2025, 1, 8, 16, 30, tzinfo=UTC)  # Wed 23:30 WIB, Thu 01:30 WIT
    assert WorkingCalendar(LENIENT).day_zero(instant)[:2] == (date(2025, 1, 9), True)
    assert WorkingCalendar(STRICT).day_zero(instant)[:2] == (date(2025, 1, 8), False)  # the date in WIB
    wit = WorkingCalendar(STRICT, timezone="Asia/Jayapura")
    assert wit.day_zero(instant)[:2] == (date(2025, 1, 9), False)


def test_due_at_is_closing_time_in_the_office_zone_not_utc():
    result = WorkingCalendar(STRICT, timezone="Asia/Jayapura").add_working_days(
        datetime(2025, 1, 8, 0, 0, tzinfo=UTC), 1
    )
    assert result.due_at == datetime(2025, 1, 9, 16, 0, tzinfo=ZoneInfo("Asia/Jayapura"))
    assert result.due_at.astimezone(UTC) == datetime(2025, 1, 9, 7, 0, tzinfo=UTC)
    assert result.received_at == datetime(2025, 1, 8, 0, 0, tzinfo=UTC)  # raw instant kept


# --- the holiday data's years ------------------------------------------------------------------
# No test reads today's date. The product keeps the rule instead (engine.holiday_years, tested in
# tests/workflows/test_legal_holiday_years.py): a deadline reaching into a year whose cuti bersama
# nobody confirmed is flagged and raises one incident for the admin.


def test_holidays_package_lists_cuti_bersama_up_to_2027_and_none_for_2028():
    """holidays 0.109 (legal-process.md §2.3): cuti bersama listed 2002-2027; 2028 must come from the admin."""
    assert len(holidays.country_holidays("ID", categories=("government",), years=2027)) == 8
    assert len(holidays.country_holidays("ID", categories=("government",), years=2028)) == 0


# --- bad input -------------------------------------------------------------------------------


def test_naive_receipt_time_is_rejected():
    with pytest.raises(ValueError, match="timezone-aware"):
        WorkingCalendar(STRICT).add_working_days(datetime(2025, 1, 8, 10, 0), 10)


def test_negative_working_days_are_rejected():
    with pytest.raises(ValueError, match="non-negative"):
        WorkingCalendar(STRICT).add_working_days(RECEIVED_26_MARCH_2025, -1)


def test_unknown_calendar_is_rejected():
    with pytest.raises(ValueError, match="unknown calendar"):
        WorkingCalendar("relaxed")
    with pytest.raises(ValueError, match="unknown calendar"):
        HolidayOverride(date(2025, 1, 1), is_working=False, reason="x", calendars=("relaxed",))


def test_unknown_time_zone_and_inverted_office_hours_are_rejected():
    with pytest.raises(ValueError, match="time zone"):
        WorkingCalendar(STRICT, timezone="Asia/Atlantis")
    with pytest.raises(ValueError, match="earlier"):
        WorkingCalendar(STRICT, office_open=time(16, 0), office_close=time(8, 0))


def test_office_hours_parse_from_configuration_text():
    assert parse_office_hours("08:00-16:00") == (time(8, 0), time(16, 0))
    assert parse_office_hours(" 7:30 - 15:30 ") == (time(7, 30), time(15, 30))


@pytest.mark.parametrize("text", ["", "08:00", "8-16", "16:00-08:00", "08:00-25:00", "08:60-16:00"])
def test_malformed_office_hours_are_rejected(text):
    with pytest.raises(ValueError, match="office hours"):
        parse_office_hours(text)


def test_working_days_between_counts_half_open_interval_and_is_signed():
    cal = WorkingCalendar(STRICT)
    assert cal.working_days_between(date(2025, 1, 10), date(2025, 1, 13)) == 1  # Fri -> Mon
    assert cal.working_days_between(date(2025, 1, 13), date(2025, 1, 10)) == -1
    assert cal.working_days_between(date(2025, 1, 13), date(2025, 1, 13)) == 0


# --- properties ------------------------------------------------------------------------------

zones = st.sampled_from(["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"])
calendars = st.builds(WorkingCalendar, st.sampled_from(CALENDARS), timezone=zones)
receipts = st.builds(
    lambda d, t, zone: datetime.combine(d, t, tzinfo=ZoneInfo(zone)),
    st.dates(date(2020, 1, 1), date(2027, 12, 31)),
    st.times(),
    zones,
)
counts = st.integers(min_value=0, max_value=40)
FAST = settings(max_examples=100, deadline=None)


@FAST
@given(calendars, receipts, counts)
def test_due_date_is_never_a_non_working_day(cal, received_at, n):
    assert cal.is_working_day(cal.add_working_days(received_at, n).due_date)


@FAST
@given(calendars, receipts, counts, counts)
def test_due_date_is_monotonic_in_working_days(cal, received_at, a, b):
    low, high = sorted((a, b))
    assert cal.add_working_days(received_at, low).due_date <= cal.add_working_days(received_at, high).due_date


@FAST
@given(calendars, receipts, st.integers(min_value=1, max_value=40), counts)
def test_adding_a_then_b_working_days_equals_adding_a_plus_b(cal, received_at, a, b):
    # a >= 1: the due date of a count of 0 from a strict day zero that is a day off is the next working
    # day, from which a further count is not the same as counting from the day off.
    first = cal.add_working_days(received_at, a)
    restart = datetime.combine(first.due_date, time(10, 0), tzinfo=cal.tz)  # office hours on the due date
    assert cal.add_working_days(restart, b).due_date == cal.add_working_days(received_at, a + b).due_date


@FAST
@given(calendars, receipts, counts)
def test_working_days_between_day_zero_and_due_date_is_n(cal, received_at, n):
    result = cal.add_working_days(received_at, n)
    assert isinstance(result, DueDate)
    # A count of 0 from a strict day zero that is a day off ends on the next working day.
    expected = 1 if n == 0 and not cal.is_working_day(result.counted_from) else n
    assert cal.working_days_between(result.counted_from, result.due_date) == expected
    assert cal.working_days_between(result.due_date, result.counted_from) == -expected
