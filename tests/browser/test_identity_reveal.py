"""The reporter's identity as screens (issue 11, point 2): a whistleblower's sealed identity is asked for with a
reason on the case page, approved there by another WBS manager who logged in with the second factor, and then
read by the officer who asked; every step is an event of the case."""

import re
from datetime import UTC, datetime

import time_machine
from playwright.sync_api import expect
from sqlalchemy import select

from api.extensions import db
from engine import clock, totp
from engine.models import User
from tests.browser.journeys import ComplaintDesk
from tests.browser.steps import DESKTOP, assert_accessible, keep_screenshot, log_in
from tests.conftest import PASSWORD, REPORTER_NAME

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB


def _enrol(app, username) -> str:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        secret = totp.begin_enrolment(db.session, app.extensions["kawal_runtime"].vault, user)
        user.totp_enabled_at = clock.now()
        db.session.commit()
    return secret


def test_a_sealed_identity_is_asked_for_approved_with_the_second_factor_and_read_on_the_case_page(
    new_page, client, login, app
):
    with time_machine.travel(RECEIVED, tick=True):
        complaint = ComplaintDesk(client, login, mode="whistleblower")
        secret = _enrol(app, "wbs2")

        asker = new_page(**DESKTOP)
        log_in(asker, "wbs")
        asker.goto(f"/kasus/{complaint.ticket}")
        expect(asker.locator("main")).not_to_contain_text(REPORTER_NAME)
        expect(asker.get_by_role("button", name=re.compile("identitas pelapor", re.I))).to_have_count(0)  # sealed
        asker.get_by_label(re.compile("alasan", re.I)).fill("Pelapor perlu dipanggil sebagai saksi dalam pemeriksaan.")
        asker.get_by_role("button", name=re.compile("Ajukan permintaan", re.I)).click()
        expect(asker.locator(".flash-success")).to_be_visible()
        expect(asker.locator("ul.reveals")).to_contain_text("menunggu keputusan")
        expect(asker.locator("ul.reveals").get_by_role("button", name="Setujui")).to_have_count(0)  # not their own

        approver = new_page(**DESKTOP)
        approver.goto("/masuk")
        approver.locator("#username").fill("wbs2")
        approver.locator("#password").fill(PASSWORD)
        approver.locator("form:has(#username) button[type=submit]").click()
        approver.locator("#code").fill(totp.code_now(secret))
        approver.locator("form:has(#code) button[type=submit]").click()
        approver.goto(f"/kasus/{complaint.ticket}")
        keep_screenshot(approver, "case-reveal-pending")
        assert_accessible(approver, "the case page of a whistleblower complaint with a reveal request")
        approver.locator("ul.reveals").get_by_role("button", name="Setujui").click()  # no note: the browser stops it
        expect(approver.locator(".flash-success")).to_have_count(0)
        note = "Surat LPSK 12/LPSK/2026 meminta pelapor dilindungi sebagai saksi."
        approver.get_by_label("Catatan keputusan Anda").fill(note)
        approver.locator("ul.reveals").get_by_role("button", name="Setujui").click()
        expect(approver.locator(".flash-success")).to_be_visible()
        expect(approver.locator("ul.reveals")).to_contain_text("disetujui")
        expect(approver.locator("ul.reveals")).to_contain_text(note)
        expect(approver.locator("tr.event-reveal_approved")).to_contain_text(note)

        asker.goto(f"/kasus/{complaint.ticket}")
        asker.get_by_role("button", name=re.compile("identitas pelapor", re.I)).click()
        expect(asker.locator("main")).to_contain_text(REPORTER_NAME)
        keep_screenshot(asker, "case-reveal-read")
        events = client.get(f"/api/v1/cases/{complaint.ticket}/events", headers=login("wbs")).json["items"]
        kinds = [e["type"] for e in events]
        assert {"reveal_requested", "reveal_approved", "identity_read"} <= set(kinds)
