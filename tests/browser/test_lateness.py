"""When the office is late (issue 11, points 5 and 6): the requester is told the office is late, since
when, and that they may object (ground g) with the link; the page shows the real date of receipt, not the
day it was typed in. The superior, whose escalation is done while the case is still late, sees it in the
header's count and can hand the late task of a lane below to another officer."""

import re
from datetime import UTC, datetime

import time_machine
from playwright.sync_api import expect

from tests.browser.conftest import NARROW
from tests.browser.steps import DESKTOP, assert_accessible, assert_fits_narrow_screen, keep_screenshot, log_in, look_up
from tests.helpers import STEP

RECEIVED = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)  # Mon 2 Nov 2026, 10:00 WIB: a letter by post
OPENED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # typed in a month later, long after T10 lapsed


def _late_request(desk, login):
    receipt = desk.submit(headers=login("petugas"), channel="pos", received_at=RECEIVED.isoformat())
    assert desk.case(receipt["ticket"])["overdue"] is True
    return receipt


def test_an_overdue_request_tells_the_requester_the_office_is_late_and_how_to_object(new_page, desk, login):
    with time_machine.travel(OPENED, tick=True):
        receipt = _late_request(desk, login)
        page = new_page(**NARROW)
        look_up(page, receipt["ticket"], receipt["access_code"])
        main = page.locator("main")
        keep_screenshot(page, "portal-status-overdue-id")
        late = page.locator(".office-late")
        expect(late).to_contain_text("terlambat")
        expect(late).to_contain_text(re.compile(r"sejak \d{1,2} Nov 2026"))
        expect(late).to_contain_text("huruf g")
        link = late.get_by_role("link", name=re.compile("keberatan", re.I))
        expect(link).to_have_attribute("href", re.compile(r"/publik/keberatan\?"))
        expect(main).not_to_contain_text("tidak ada yang perlu Anda lakukan")
        expect(page.locator(".received-on")).to_contain_text("2 Nov 2026")  # not 2 Dec, the day it was typed
        expect(page.locator(".milestones li").first).to_contain_text("2 Nov 2026")
        assert_accessible(page, "the status page of an overdue request")
        page.goto("/bahasa/en?next=/publik/status")
        expect(page.locator(".office-late")).to_contain_text("late")
        expect(page.locator(".office-late")).to_contain_text("ground g")
        keep_screenshot(page, "portal-status-overdue-en")


def test_the_superior_sees_a_case_still_late_after_the_escalation_and_assigns_its_late_task(new_page, desk, login):
    with time_machine.travel(OPENED, tick=True):
        receipt = _late_request(desk, login)
        ticket = receipt["ticket"]
        # On a phone, the escalation says where the case is held up, and leads to that task.
        escalation = desk.task(ticket, "eskalasi_t10")
        phone = new_page(**NARROW)
        log_in(phone, "atasan")
        phone.goto(f"/tugas/{escalation['id']}")
        held_up = phone.locator("section", has=phone.get_by_role("heading", name="Di mana kasus ini tertahan"))
        expect(held_up).to_contain_text("menunggu di antrean Petugas layanan sejak")
        assert_fits_narrow_screen(phone, "the escalation's task page")
        assert_accessible(phone, "the escalation's task page")
        keep_screenshot(phone, "task-escalation-held-up")
        held_up.get_by_role("link", name="Periksa kelengkapan permohonan").click()
        expect(phone.get_by_role("heading", level=1)).to_contain_text("Periksa kelengkapan permohonan")
        # The superior has dealt with the escalation; the case stays late.
        desk.complete(ticket, "eskalasi_t10", STEP["eskalasi"], username="atasan")
        late_task = desk.task(ticket, "periksa_kelengkapan")  # the front desk's task is still open, still late

        page = new_page(**DESKTOP)
        log_in(page, "atasan")
        expect(page.locator(".counter")).to_contain_text(re.compile(r"Lewat batas: [1-9]"))
        page.goto(f"/tugas/{late_task['id']}")
        assign = page.locator("form.assign")
        expect(assign).to_be_visible()
        assign.locator("select").select_option("petugas2")
        keep_screenshot(page, "task-late-superior")
        assign.get_by_role("button").click()
        expect(page.locator(".flash-success")).to_be_visible()
        assert desk.task(ticket, "periksa_kelengkapan")["assignee"] == "petugas2"
