"""A WBS manager's queue of identity reveals (engine.reveal_queue): a walk-through found wbs2's inbox saying "Tidak
ada tugas di sini." while a reveal waited for their decision, which only the case page showed. The inbox now lists
it at the top, with a counter in the header, and its link opens the case page where it is decided."""

import re
from datetime import UTC, datetime

import time_machine
from playwright.sync_api import expect

from tests.browser.journeys import ComplaintDesk
from tests.browser.steps import PHONE, at_both_widths, log_in
from tests.conftest import REPORTER_NAME

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
REASON = "Pelapor perlu dipanggil sebagai saksi dalam pemeriksaan lanjutan."


def test_the_second_wbs_manager_finds_the_reveal_waiting_in_the_inbox_and_decides_it_on_the_case_page(
    new_page, client, login
):
    with time_machine.travel(RECEIVED, tick=True):
        complaint = ComplaintDesk(client, login, mode="whistleblower")
        asked = client.post(
            f"/api/v1/complaints/{complaint.ticket}/reveal-requests", json={"reason": REASON}, headers=login("wbs")
        )
        assert asked.status_code == 201, asked.json

        page = new_page(**PHONE)
        log_in(page, "wbs2")
        page.goto("/kotak-masuk")
        queue = page.get_by_role("region", name=re.compile("menunggu keputusan Anda"))
        expect(queue).to_contain_text("1 permintaan pembukaan identitas menunggu keputusan Anda")
        expect(queue).to_contain_text("diajukan oleh Wbs pada 2 Des 2026")
        expect(page.locator("p.counter")).to_contain_text("Pembukaan identitas: 1")
        expect(page.locator("main")).not_to_contain_text(REASON)
        expect(page.locator("main")).not_to_contain_text(REPORTER_NAME)
        at_both_widths(page, "the inbox of a WBS manager with a reveal waiting", shot="inbox-reveal-waiting")

        queue.get_by_role("link", name=complaint.ticket).click()
        expect(page).to_have_url(re.compile(rf"/kasus/{complaint.ticket}#identity-title$"))
        page.get_by_label("Catatan keputusan Anda").fill("Belum perlu membuka identitas pada tahap ini.")
        page.locator("ul.reveals").get_by_role("button", name="Tolak").click()
        expect(page.locator(".flash-success")).to_be_visible()
        page.goto("/kotak-masuk")
        expect(page.locator("section.reveals")).to_have_count(0)
        expect(page.locator("p.counter")).to_contain_text("Pembukaan identitas: 0")
