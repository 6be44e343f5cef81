"""'Why this date?' in English glosses the Indonesian terms it must use: a walk in English read "cuti bersama count
as working days" and "(UU ITE Article 8)" with no word of what they are."""

import pytest

from engine.calendar import DAY_ZERO_CALENDAR_DATE, LENIENT, STRICT
from engine.explanation import explain

SKIPPED = [{"date": "2027-02-05", "kind": "holiday", "reason": "Cuti Bersama Tahun Baru Imlek (perkiraan)"}]


def _provenance(calendar: str) -> dict:
    return {
        "calendar": calendar,
        "reading": calendar,
        "day_zero_rule": DAY_ZERO_CALENDAR_DATE,
        "received_at": "2027-01-25T20:00:00+07:00",
        "counted_from": "2027-01-25",
        "working_days": 10,
        "due_at": "2027-02-08T16:00:00+07:00",
        "due_hours": "08:00-16:00",
        "skipped": SKIPPED,
    }


@pytest.mark.parametrize(("calendar", "holder"), [(STRICT, "agency"), (LENIENT, "requester"), (LENIENT, "agency")])
def test_the_english_explanation_glosses_cuti_bersama_the_first_time(calendar, holder):
    text = explain(_provenance(calendar), "en", holder=holder, confirmed_years=set())
    assert "collective leave days (cuti bersama)" in text
    assert text.count("cuti bersama") == 1


def test_the_english_explanation_cites_the_electronic_transactions_law_as_the_english_letters_cite_laws():
    text = explain(_provenance(STRICT), "en", holder="agency")
    assert "UU ITE" not in text
    assert "(Law 11/2008 on Electronic Information and Transactions, Article 8)" in text


def test_an_estimated_day_off_names_the_joint_ministerial_decree_it_waits_for():
    text = explain(_provenance(STRICT), "en", holder="agency", confirmed_years=set())
    assert "not yet confirmed by the joint ministerial decree (SKB)" in text


def test_the_indonesian_explanation_keeps_its_own_words():
    text = explain(_provenance(STRICT), "id", holder="agency", confirmed_years=set())
    assert "cuti bersama dihitung sebagai hari kerja" in text
    assert "(UU ITE Pasal 8)" in text
    assert "belum dikonfirmasi SKB" in text
