"""The mail closing a complaint whose evidence never came says what the closing is: a named reporter's complaint is
deemed withdrawn (UU 25/2009 Pasal 45), an anonymous one is not actionable and kept as information (legal-process.md
§7.3 rule 4; workflows/pengaduan.bpmn version 4); both reopen when the evidence comes (§7.4). An anonymous reporter
rarely leaves an address; one who did is told as a named one is (engine.notices.NOT_ACTIONABLE_ANONYMOUS)."""

import pytest

from engine import notices, status
from notifications import rendering

CONTEXT = {"ticket": "ADU-2026-000007", "deadline": None, "portal_hint": "Halaman pengaduan Anda."}


@pytest.mark.parametrize(
    ("locale", "subject", "says", "never"),
    [
        ("id", "Tidak Dapat Ditindaklanjuti", "disimpan sebagai bahan informasi", "dianggap dicabut"),
        ("en", "Cannot Be Acted Upon", "kept as information", "deemed withdrawn"),
    ],
)
def test_an_anonymous_complaint_closed_without_evidence_is_told_not_actionable_and_how_it_reopens(
    locale, subject, says, never
):
    title, body = rendering.render("complaint_deemed_withdrawn", locale, {**CONTEXT, "not_actionable": True})
    assert title.endswith(subject)
    assert says in body
    assert never not in body.lower()
    assert ("dibuka kembali" if locale == "id" else "reopens") in body


@pytest.mark.parametrize(("locale", "subject"), [("id", "Dianggap Dicabut"), ("en", "Deemed Withdrawn")])
def test_a_named_complaint_closed_without_evidence_is_still_deemed_withdrawn(locale, subject):
    title, body = rendering.render("complaint_deemed_withdrawn", locale, {**CONTEXT, "not_actionable": False})
    assert title.endswith(subject)
    assert ("bahan informasi" if locale == "id" else "kept as information") not in body


def test_the_anonymous_closing_is_the_status_version_4_reaches():
    assert notices.NOT_ACTIONABLE_ANONYMOUS in status.CLOSED
