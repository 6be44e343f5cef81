"""The lenient reading's "why this date?" never says a moment before office hours was "in office hours".

An acceptance walk's team asked for evidence at 00:52 WIB; the reporter's window (BUKTI, lenient, 30 days) read
"hari ke-0: diterima 8 Des 2026, 00:52 WIB dalam jam kerja" though the office opens at 08:00. On the lenient reading a
moment before opening counts that same day (engine.calendar ``day_zero``): the explanation says so, and the evidence
window names what started it (the request for evidence was sent), not a receipt.
"""

from engine.calendar import DAY_ZERO_RECEIPT_DAY, LENIENT
from engine.explanation import explain


def _provenance(at: str, start: str | None = None) -> dict:
    found = {
        "calendar": LENIENT,
        "reading": "latest",
        "day_zero_rule": DAY_ZERO_RECEIPT_DAY,
        "received_at": at,
        "counted_from": "2026-12-08",
        "receipt_hours": "08:00-16:00",
        "due_hours": "08:00-16:00",
        "after_hours": False,
        "working_days": 30,
        "due_at": "2027-01-07T16:00:00+07:00",
        "unit": "calendar_days",
        "skipped": [],
    }
    return found | ({"start": start} if start else {})


def test_a_receipt_before_office_hours_on_the_lenient_reading_is_said_to_be_before_them_in_both_languages():
    early = _provenance("2026-12-08T00:52:23.040375+07:00")
    words = explain(early, "id", words=True)
    assert "dalam jam kerja" not in words
    said = "hari ke-0: diterima 8 Des 2026, 00:52 WIB, sebelum jam kerja (08:00-16:00): dihitung sejak hari itu"
    assert said in words
    english = explain(early, "en", words=True)
    assert "in office hours" not in english
    said = "day zero: received 8 Dec 2026, 00:52 WIB, before office hours (08:00-16:00): counted from that day"
    assert said in english
    assert "in office hours" in explain(_provenance("2026-12-08T10:15:00+07:00"), "en", words=True)


def test_the_evidence_window_counts_from_the_request_for_evidence_not_a_receipt():
    words = explain(_provenance("2026-12-08T00:52:23+07:00", "bukti_diminta_at"), "id", words=True)
    assert "hari ke-0: tanggal permintaan bukti dikirim, 8 Des 2026, 00:52 WIB" in words
    assert "diterima 8 Des" not in words
    assert "dalam jam kerja" not in words
    english = explain(_provenance("2026-12-08T00:52:23+07:00", "bukti_diminta_at"), "en", words=True)
    assert "day zero: the date the request for evidence was sent, 8 Dec 2026, 00:52 WIB" in english
