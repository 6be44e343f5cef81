"""Whose deadline it is (issue 11, point 3): a reporter asked for evidence reads that the date is their own and
that missing it withdraws the complaint, never that the office must act by then; the team reads the same on
the case page."""

import re
from datetime import UTC, datetime

import time_machine
from playwright.sync_api import expect

from tests.browser.conftest import NARROW
from tests.browser.journeys import ComplaintDesk
from tests.browser.steps import DESKTOP, assert_accessible, keep_screenshot, log_in, look_up

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB


def test_the_reporter_reads_the_evidence_deadline_as_their_own_with_what_missing_it_does(new_page, client, login):
    with time_machine.travel(RECEIVED, tick=True):
        complaint = ComplaintDesk(client, login).waiting_for_evidence()
        page = new_page(**NARROW)
        look_up(page, complaint.ticket, complaint.code)
        deadline = page.locator("section[aria-labelledby=due-title]")
        expect(deadline).to_contain_text("Batas waktu Anda")
        expect(deadline).to_contain_text("dianggap dicabut")
        expect(deadline).to_contain_text("Ini bukan batas waktu kantor")
        expect(deadline).not_to_contain_text(re.compile("kantor wajib bertindak", re.I))
        keep_screenshot(page, "portal-status-evidence-deadline-id")
        assert_accessible(page, "the status page of a complaint waiting for evidence")

        team = new_page(**DESKTOP)
        log_in(team, "tim")
        team.goto(f"/kasus/{complaint.ticket}")
        row = team.locator("table.deadlines tr").filter(has_text="BUKTI")
        expect(row).to_contain_text("bukan milik kantor")
        expect(row).to_contain_text("dianggap dicabut")
        keep_screenshot(team, "case-evidence-deadline-id")
