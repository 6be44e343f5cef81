"""The complaint team reads and answers the reporter on the case page (issue 11, point 2): the reporter's
message with its text and attachment, a reply that reaches the reporter's portal page; no API needed."""

import io
import re
from datetime import UTC, datetime

import time_machine
from playwright.sync_api import expect

from tests.browser.journeys import ComplaintDesk
from tests.browser.steps import DESKTOP, assert_accessible, keep_screenshot, log_in
from tests.helpers import SAMPLE_PNG

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
PNG = SAMPLE_PNG


def test_the_team_reads_the_reporters_message_and_attachment_and_replies_on_the_case_page(new_page, client, login):
    with time_machine.travel(RECEIVED, tick=True):
        complaint = ComplaintDesk(client, login).waiting_for_evidence()
        complaint.reporter_writes("Foto kuitansi pembayaran terlampir.", {"kuitansi.png": io.BytesIO(PNG)})

        page = new_page(**DESKTOP)
        log_in(page, "tim")
        page.goto(f"/kasus/{complaint.ticket}")
        messages = page.locator("section[aria-labelledby=messages-title]")
        expect(messages).to_contain_text("Foto kuitansi pembayaran terlampir.")
        with page.expect_download() as download:  # a confidential reporter's file keeps no name of its own
            messages.get_by_role("link", name="lampiran-1.png").click()
        assert download.value.suggested_filename == "lampiran-1.png"
        keep_screenshot(page, "case-complaint-conversation-id")
        assert_accessible(page, "the case page of a complaint with its conversation")

        page.get_by_label("Tulis kepada pelapor").fill("   ")  # nothing to send: refused beside the field, in view
        page.get_by_role("button", name="Kirim kepada pelapor").click()
        expect(page.locator(".error-summary")).to_be_focused()
        expect(page.locator("#reply-body")).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#reply-body-error")).to_be_visible()
        assert page.title().startswith("Galat:")
        keep_screenshot(page, "case-reply-refused")
        page.get_by_label("Tulis kepada pelapor").fill("Terima kasih. Mohon sebutkan juga nama petugas yang meminta.")
        page.get_by_role("button", name="Kirim kepada pelapor").click()
        expect(page.locator(".flash-success")).to_be_visible()
        expect(messages).to_contain_text("Mohon sebutkan juga nama petugas")
        seen = client.get(
            f"/api/v1/complaints/{complaint.ticket}/messages", headers={"X-Access-Code": complaint.code}
        ).json["items"]
        assert any("nama petugas yang meminta" in m["body"] for m in seen)  # the reporter reads it
        expect(page.locator("table.timeline")).not_to_contain_text(re.compile(r"\battachment:\d"))
