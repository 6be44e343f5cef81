"""A requester writes to the desk from their case's page on a phone ("Kirim pesan ke petugas"): an empty message is
refused beside the field, in view; a sent one shows in their messages and their case's history; the front desk reads
it on the case page. Checked at 360 px and 1366 px."""

from datetime import UTC, datetime

import time_machine
from playwright.sync_api import expect

from tests.browser.steps import DESKTOP, PHONE, at_both_widths, log_in, look_up, submit_request_on_portal

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
WORDS = "Apakah datanya bisa dikirim dalam format CSV?\nTerima kasih."


def test_a_requester_writes_to_the_desk_on_a_phone_and_the_desk_reads_it(new_page):
    with time_machine.travel(RECEIVED, tick=True):
        page = new_page(**PHONE)
        ticket, code = submit_request_on_portal(page)
        look_up(page, ticket, code)
        form = page.locator("form.desk-message")
        expect(form.get_by_role("heading", name="Kirim pesan ke petugas")).to_be_visible()
        at_both_widths(page, "the status page with the form to write to the desk", "portal-desk-message-form")

        form.get_by_role("button", name="Kirim ke petugas").click()  # nothing written: refused, said where
        expect(page.locator(".error-summary")).to_be_visible()
        expect(page.locator("#reply-body")).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#reply-body-error")).to_contain_text("tulis pesan Anda (paling banyak 2000 karakter)")
        assert page.title().startswith("Galat:")
        at_both_widths(page, "the status page with the refused message", "portal-desk-message-refused")

        page.get_by_role("textbox", name="Pesan Anda").fill(WORDS)
        page.locator("form.desk-message button[type=submit]").click()
        expect(page.locator(".flash-success")).to_contain_text("Pesan Anda telah dikirim kepada petugas.")
        messages = page.locator("section.desk-messages")
        expect(messages).to_contain_text("Apakah datanya bisa dikirim dalam format CSV?")
        history = page.locator("ol.milestones")
        expect(history.get_by_role("link", name="Anda mengirim pesan kepada petugas")).to_be_visible()
        at_both_widths(page, "the status page with a message sent to the desk", "portal-desk-message-sent")

        desk = new_page(**DESKTOP)
        log_in(desk, "petugas")
        desk.goto(f"/kasus/{ticket}")
        section = desk.locator("section[aria-labelledby=requester-messages-title]")
        expect(section).to_contain_text("Apakah datanya bisa dikirim dalam format CSV?")
        at_both_widths(desk, "the case page with the requester's message", "case-requester-message")
