"""The public announcement's notes on the refusal and redaction grounds count in the reader's language: one refusal
is "the 1 refusal", never "the 1 refusals" (flask_babel ngettext; Indonesian has one form)."""

from datetime import UTC, datetime

import pytest
from flask_babel import force_locale

from api.reports import files


def _announcement(refused: int, granted_part: int) -> dict:
    return {
        "figures": {"outcomes.refused": refused, "outcomes.granted_part": granted_part},
        "refusal_reasons": {},
        "redaction_reasons": {},
        "running_until": None,
        "records_from": None,
        "year": 2026,
        "generated_at": datetime(2027, 1, 5, 3, 0, tzinfo=UTC),
    }


@pytest.mark.parametrize(
    ("count", "refusals", "withheld"),
    [
        (1, "the 1 refusal may", "in 1 request granted in part"),
        (3, "the 3 refusals may", "in 3 requests granted in part"),
    ],
)
def test_the_notes_count_one_refusal_and_one_request_in_the_singular(app, count, refusals, withheld):
    with app.test_request_context(), force_locale("en"):
        notes = files.announcement_context(app.extensions["kawal_runtime"], _announcement(count, count))
    assert refusals in notes["reasons_note"].lower()
    assert withheld in notes["redactions_note"]


def test_the_indonesian_notes_keep_their_one_form(app):
    with app.test_request_context(), force_locale("id"):
        notes = files.announcement_context(app.extensions["kawal_runtime"], _announcement(1, 2))
    assert "jumlah alasan dari 1 penolakan dapat melebihi jumlah penolakan" in notes["reasons_note"]
    assert "dikecualikan pada 2 permohonan yang dikabulkan sebagian" in notes["redactions_note"]
