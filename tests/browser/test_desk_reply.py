"""The desk answers a requester's message on the case page (engine.requester_messages.reply), and the requester reads
the answer under their message on the portal: the form at a phone's 360 px and a desk's 1366 px, accessible and
without sideways scrolling, a refusal beside its field."""

from datetime import UTC, datetime

import time_machine
from playwright.sync_api import expect

from tests.browser.steps import PHONE, at_both_widths, keep_screenshot, log_in, look_up

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
ASKED = "Apakah salinan dapat dikirim dalam bentuk PDF melalui surel?"
ANSWER = "Bisa. Salinan kami kirim dalam bentuk PDF ke alamat surel Anda bersama pemberitahuan tertulis."


def test_the_desk_answers_under_the_message_and_the_requester_reads_it_on_the_portal(new_page, client, desk):
    with time_machine.travel(RECEIVED, tick=True):
        receipt = desk.submit()
        ticket, code = receipt["ticket"], receipt["access_code"]
        sent = client.post("/api/v1/status/messages", json={"ticket": ticket, "access_code": code, "body": ASKED})
        assert sent.status_code == 201, sent.json

        page = new_page(**PHONE)
        log_in(page, "petugas")
        page.goto(f"/kasus/{ticket}")
        section = page.locator("section[aria-labelledby=requester-messages-title]")
        expect(section).to_contain_text(ASKED)
        section.scroll_into_view_if_needed()
        at_both_widths(page, "the case page with the requester's message and its answer form", "case-desk-reply")

        section.get_by_label("Jawab pemohon").fill("Hubungi Pak Budi di 0812-9876-5432.")  # a phone: refused
        section.get_by_role("button", name="Kirim jawaban").click()
        expect(page.locator(".error-summary")).to_be_focused()
        field = page.locator("section[aria-labelledby=requester-messages-title] textarea")
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(page.locator(".field-error")).to_contain_text("nomor telepon")
        at_both_widths(page, "the case page with a refused answer", "case-desk-reply-refused")

        field.fill(ANSWER)
        page.get_by_role("button", name="Kirim jawaban").click()
        expect(page.locator(".flash-success")).to_be_visible()
        expect(page.locator("section[aria-labelledby=requester-messages-title]")).to_contain_text(ANSWER)

        portal = new_page(**PHONE)
        look_up(portal, ticket, code)
        desk_messages = portal.locator("section.desk-messages")
        expect(desk_messages).to_contain_text("Jawaban petugas")
        expect(desk_messages).to_contain_text(ANSWER)
        at_both_widths(portal, "the portal's status page with the desk's answer", "portal-desk-reply")
        keep_screenshot(portal, "portal-desk-reply-phone")
