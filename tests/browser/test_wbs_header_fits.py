"""A WBS manager's header at 1366 px (a walk in English): the fourth counter ("Identity reveals: 1") made the
officer's line too long, and the officer's name with "Log out" wrapped alone to the left edge under the menu. They
keep to the right edge, under the languages, wherever the line breaks; on a phone the header stays as it was."""

from datetime import UTC, datetime

import time_machine
from playwright.sync_api import expect

from tests.browser.journeys import ComplaintDesk
from tests.browser.steps import PHONE, log_in

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
REASON = "Pelapor perlu dipanggil sebagai saksi dalam pemeriksaan lanjutan."


def _right(page, selector: str) -> float:
    box = page.locator(selector).bounding_box()
    return box["x"] + box["width"]


def test_a_wbs_manager_s_name_and_log_out_keep_to_the_right_of_the_header_in_english_at_1366_px(
    new_page, client, login
):
    with time_machine.travel(RECEIVED, tick=True):
        complaint = ComplaintDesk(client, login, mode="whistleblower")
        asked = client.post(
            f"/api/v1/complaints/{complaint.ticket}/reveal-requests", json={"reason": REASON}, headers=login("wbs")
        )
        assert asked.status_code == 201, asked.json
        for width, height in ((1366, 768), (PHONE["width"], PHONE["height"])):
            page = new_page(width, height)
            log_in(page, "wbs2")
            page.goto("/bahasa/en")
            page.goto("/kotak-masuk")
            expect(page.locator("p.counter")).to_contain_text("Identity reveals: 1")
            languages, user = _right(page, "nav.languages"), _right(page, ".bar-user .user")
            if width == 1366:
                assert abs(user - languages) < 2, (user, languages)  # the right edge, as the languages above
            else:  # a phone: one column at the left, as before
                assert page.locator(".bar-user .user").bounding_box()["x"] < 40
