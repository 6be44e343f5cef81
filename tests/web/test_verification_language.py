"""The QR on a letter opens its verification in the letter's language (``/verifikasi/<code>``), as a case's own pages
at the portal speak the language it was filed in: an English requester's letter, scanned on a fresh phone (no
cookie), is verified in English; the Indonesian original in Bahasa Indonesia. A language the visitor chose (the
switch, its cookie) wins."""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_letters_api import render_letters
from tests.web.pages import text

API = "/api/v1"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=True):
        yield


def _receipts(desk, app) -> dict[str, str]:
    """The codes of an English request's registered receipt, by the copy's language."""
    ticket = desk.submit(locale="en")["ticket"]
    for step in ("periksa_kelengkapan", "registrasi"):
        desk.complete(ticket, step)
    render_letters(app)
    items = desk.client.get(f"{API}/cases/{ticket}/letters", headers=desk.login("ppid")).json["items"]
    return {x["locale"]: x["verify_url"].rsplit("/", 1)[1] for x in items if x["kind"] == "tanda_bukti_penerimaan"}


def test_an_english_letter_is_verified_in_english_on_a_fresh_browser(app, desk, browser):
    codes = _receipts(desk, app)
    assert set(codes) == {"id", "en"}
    page = text(browser().get(f"/verifikasi/{codes['en']}"))
    assert '<html lang="en">' in page
    assert "Verify a letter" in page
    assert "Issued by" in page
    assert "Check a file" in page
    assert "Receipt of a Public Information Request" in page or "Receipt" in page
    refused = text(browser().post(f"/verifikasi/{codes['en']}", {"sha256": "xyz"}))
    assert '<html lang="en">' in refused  # the refusal too speaks the letter's language
    original = text(browser().get(f"/verifikasi/{codes['id']}"))
    assert '<html lang="id">' in original
    assert "Verifikasi surat" in original


def test_the_visitor_s_chosen_language_wins_over_the_letter_s(app, desk, browser):
    codes = _receipts(desk, app)
    visitor = browser()
    visitor.get("/bahasa/id")
    assert '<html lang="id">' in text(visitor.get(f"/verifikasi/{codes['en']}"))
    other = browser()
    other.get("/bahasa/en")
    assert '<html lang="en">' in text(other.get(f"/verifikasi/{codes['id']}"))
