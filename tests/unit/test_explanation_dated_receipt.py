"""A receipt recorded as a day without an hour is explained as such (legal-process.md §2.2): on the reading that ends
latest it counts from the end of that day, and the instant kept for the count (the close of office hours) is never
stated as an hour someone recorded (a walk read "received 7 Dec 2026, 16:00 WIB, outside office hours" of a notice
e-mailed at 13:43)."""

from engine.calendar import DAY_ZERO_CALENDAR_DATE, DAY_ZERO_NEXT_WORKING_DAY, LENIENT, STRICT
from engine.explanation import explain


def _provenance(calendar: str) -> dict:
    """Mon 7 Dec 2026 as ``engine.chain`` keeps it: read at the close of its office hours (``Runtime.received``)."""
    return {
        "calendar": calendar,
        "reading": calendar,
        "day_zero_rule": DAY_ZERO_NEXT_WORKING_DAY if calendar == LENIENT else DAY_ZERO_CALENDAR_DATE,
        "receipt_hours": "08:00-16:00",
        "received_at": "2026-12-07T16:00:00+07:00",
        "received_on": "2026-12-07",
        "counted_from": "2026-12-08" if calendar == LENIENT else "2026-12-07",
        "after_hours": calendar == LENIENT,
        "working_days": 30,
        "due_at": "2027-01-25T16:00:00+07:00",
        "due_hours": "08:00-16:00",
        "skipped": [],
    }


def test_a_day_without_an_hour_is_counted_from_the_end_of_that_day_and_no_hour_is_stated():
    english = explain(_provenance(LENIENT), "en", "requester", words=True)
    assert "(day zero: moved: dated 7 Dec 2026 without an hour: counted from the end of that day)" in english
    assert "16:00 WIB, outside office hours" not in english
    indonesian = explain(_provenance(LENIENT), "id", "requester", words=True)
    assert "(hari ke-0: digeser: bertanggal 7 Des 2026 tanpa jam: dihitung sejak akhir hari itu)" in indonesian


def test_on_the_earliest_reading_the_day_is_its_date_without_an_hour():
    english = explain(_provenance(STRICT), "en", "agency", words=True)
    assert "(day zero: the date of receipt, 7 Dec 2026)" in english
    assert "(day zero: the date of receipt, 2026-12-07)" in explain(_provenance(STRICT), "en", "agency")  # ISO 8601
