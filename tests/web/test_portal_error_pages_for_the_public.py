"""The public portal's refusals speak to the public (walk report 41, finding 5).

A letter's link (/publik/surat/<id>?kasus=...) opened without the case open on this device, or after its 15 minutes
ran out, showed the officers' 404: "... Check the address or go back to your inbox". The requester has no inbox: the
link now asks for the ticket and access code again, as the survey and the correction do, and any other page of the
portal that is not there says how to open the case again.
"""

import time_machine

from tests.api.test_letters_api import render_letters, to_notice
from tests.web.pages import text


def test_a_letter_link_without_the_case_open_asks_for_the_ticket_and_code_again(app, desk, browser):
    receipt = to_notice(desk)
    render_letters(app)
    visitor = browser()
    visitor.get("/bahasa/en")
    r = visitor.client.get(f"/publik/surat/1?kasus={receipt['ticket']}", follow_redirects=True)
    page = text(r)
    assert r.status_code == 200
    assert "For your security, enter your ticket and access code again." in page
    assert f'value="{receipt["ticket"]}"' in page  # the ticket is filled in; only the code is typed
    assert "inbox" not in page


def test_a_letter_link_after_the_fifteen_minutes_asks_again_and_then_opens_the_letter(app, desk, browser):
    receipt = to_notice(desk)
    render_letters(app)
    requester = browser()
    requester.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    link = f"/publik/surat/1?kasus={receipt['ticket']}"
    assert requester.client.get(link).data.startswith(b"%PDF-")
    with _later(16):
        r = requester.client.get(link)
    assert r.status_code == 303
    assert "/publik/status?kasus=" in r.headers["Location"]


def _later(minutes: int):
    from datetime import UTC, datetime, timedelta

    return time_machine.travel(datetime.now(UTC) + timedelta(minutes=minutes), tick=False)


def test_a_missing_portal_page_tells_the_public_how_to_open_their_case_not_their_inbox(browser):
    visitor = browser()
    page = text(visitor.get("/publik/tidak-ada"))
    assert "Halaman tidak ditemukan" in page
    assert "kotak masuk" not in page
    assert "buka kembali kasus Anda dengan nomor tiket dan kode aksesnya" in page
    assert 'href="/publik/status"' in page
    visitor.get("/bahasa/en")
    page = text(visitor.get("/publik/tidak-ada"))
    assert "inbox" not in page
    assert "open your case again with its ticket and access code" in page


def test_an_officer_s_missing_page_still_points_to_the_inbox(browser):
    page = text(browser("ppid").get("/kasus/PPID-2026-999999/tidak-ada"))
    assert "kotak masuk Anda" in page
