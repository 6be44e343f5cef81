"""A clock that starts at a referral (UNIT: the unit's answer, armed when the case is referred to it) names the referral
as its day zero, never "the date of receipt": the walk of a unit officer read "hari ke-0: tanggal diterima, 7 Des
2026, 12:59", the minute the PPID referred the case, not the day the request came in."""

from engine.calendar import DAY_ZERO_CALENDAR_DATE, STRICT
from engine.explanation import explain


def _provenance(start: str | None) -> dict:
    found = {
        "calendar": STRICT,
        "reading": "earliest",
        "day_zero_rule": DAY_ZERO_CALENDAR_DATE,
        "received_at": "2026-12-07T12:59:00+07:00",
        "counted_from": "2026-12-07",
        "working_days": 5,
        "due_at": "2026-12-14T16:00:00+07:00",
        "due_hours": "08:00-16:00",
        "skipped": [],
    }
    return found | ({"start": start} if start else {})


def test_a_referrals_clock_counts_from_the_referral_in_both_languages():
    words = explain(_provenance("now"), "id", holder="agency", words=True)
    assert "hari ke-0: tanggal dirujuk ke unit, 7 Des 2026, 12:59 WIB" in words
    assert "hari ke-0 adalah tanggal dirujuk ke unit, pukul berapa pun" in words
    assert "diterima" not in words
    assert "UU ITE" not in words
    english = explain(_provenance("now"), "en", holder="agency", words=True)
    assert "day zero: the date it was referred to the unit, 7 Dec 2026, 12:59 WIB" in english
    assert "receipt" not in english


def test_a_clock_from_the_receipt_still_names_the_receipt():
    for start in (None, "received_at"):
        words = explain(_provenance(start), "id", holder="agency", words=True)
        assert "hari ke-0: tanggal diterima, 7 Des 2026, 12:59 WIB" in words
        assert "(UU ITE Pasal 8)" in words
