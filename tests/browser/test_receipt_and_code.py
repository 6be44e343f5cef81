"""The receipt is hard to lose (issue 11, point 7): the receipt says the ticket went to the e-mail given (never
the code); a requester who lost the code asks for a new one, sent to the contact on file, with the same answer
whether or not the ticket exists; and a requester withdraws the request on the portal."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from api.extensions import db
from engine import lost_codes
from engine.models import Notification
from tests.browser.conftest import NARROW
from tests.browser.steps import assert_accessible, keep_screenshot, look_up, submit_request_on_portal


@pytest.fixture
def settings_overrides():
    """Mail is configured: a new code goes only where a channel reaches (engine.lost_codes); nothing is sent here."""
    return {"KAWAL_NOTIFY_CHANNELS": "smtp", "KAWAL_SMTP_HOST": "localhost"}


def _sent_codes(app, ticket):
    """The new codes the outbox holds for the requester of ``ticket`` (opened as delivery would)."""
    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        rows = db.session.scalars(select(Notification).where(Notification.event == lost_codes.EVENT)).all()
        return [lost_codes.open_code(rt, r.context)["access_code"] for r in rows if r.context["ticket"] == ticket]


def test_a_requester_who_lost_the_code_gets_a_new_one_by_mail_and_a_stranger_learns_nothing(new_page, app):
    page = new_page(**NARROW)
    ticket, old_code = submit_request_on_portal(page)
    expect(page.locator(".receipt-sent")).to_contain_text("e-mail")  # the ticket went to the address given
    page.reload()  # the receipt is gone: the page says what to do
    page.get_by_role("link", name=re.compile("kode akses baru|Kehilangan kode", re.I)).click()
    expect(page).to_have_url(re.compile(r"/publik/kode-hilang$"))
    assert_accessible(page, "the lost-code page")
    page.locator("input[name=ticket]").fill(ticket)
    page.get_by_role("button", name=re.compile("kode baru", re.I)).click()
    answer = page.locator(".code-sent").inner_text()
    keep_screenshot(page, "portal-lost-code-sent")
    assert old_code not in page.content()
    (new_code,) = _sent_codes(app, ticket)
    assert new_code != old_code

    stranger = new_page(**NARROW)
    stranger.goto("/publik/kode-hilang")
    stranger.locator("input[name=ticket]").fill("PPID-2026-999999")
    stranger.get_by_role("button", name=re.compile("kode baru", re.I)).click()
    assert stranger.locator(".code-sent").inner_text() == answer  # the same answer for a ticket that is not there

    thief = new_page(**NARROW)  # someone else who holds the old code
    look_up(thief, ticket, old_code)
    expect(thief.locator(".stage-now")).to_be_visible()  # asking ended nothing: the old code works until ...
    look_up(page, ticket, new_code)
    expect(page.locator(".stage-now")).to_be_visible()
    thief = new_page(**NARROW)
    look_up(thief, ticket, old_code)
    expect(thief.locator(".error-summary")).to_be_visible()  # ... the new one is first used


def test_a_requester_withdraws_the_request_on_the_portal(new_page, desk):
    page = new_page(**NARROW)
    ticket, code = submit_request_on_portal(page)
    look_up(page, ticket, code)
    withdraw = page.locator("form.withdraw")
    withdraw.get_by_label(re.compile("Alasan", re.I)).fill("Informasi sudah saya peroleh dari sumber lain.")
    withdraw.get_by_label(re.compile("Saya mencabut", re.I)).check()
    keep_screenshot(page, "portal-status-withdraw")
    withdraw.get_by_role("button").click()
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator(".stage-now")).to_have_text("Dicabut")
    assert desk.case(ticket)["status"] == "dicabut"
    expect(page.locator("form.withdraw")).to_have_count(0)
