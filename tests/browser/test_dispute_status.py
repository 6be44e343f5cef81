"""The requester's status page of a dispute and of the objection before it, on a phone and at a desk: the stepper
stands at the stage the case is really in, the office's date to carry out a mediation agreement is shown, the last
day to go to court is given, and the objection's page links the dispute instead of inviting one (an acceptance walk,
legal-process.md §4-§5)."""

from datetime import UTC, datetime

import time_machine
from playwright.sync_api import expect

from tests.browser.conftest import NARROW
from tests.browser.steps import at_both_widths, look_up
from tests.web.test_portal_dispute_status import _adjudicated, _agreed, _answered_objection
from tests.workflows.conftest import Office

SUMMONED = datetime(2027, 1, 13, 3, 0, tzinfo=UTC)  # Wed 13 Jan 2027, 10:00 WIB
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB


def test_a_dispute_after_its_mediation_agreement_stands_at_carrying_it_out_with_the_office_s_date(
    new_page, app, session_factory_
):
    office = Office(session_factory_, app.extensions["kawal_runtime"])
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _agreed(office, clock)
        page = new_page(**NARROW)
        look_up(page, dispute, code)
        current = page.locator(".legal-path [aria-current=step]")
        expect(current).to_contain_text("Pelaksanaan putusan")
        expect(page.locator(".legal-path .step").last).to_contain_text("akan datang")
        deadline = page.locator("section[aria-labelledby=due-title]")
        expect(deadline).to_contain_text("kantor wajib bertindak paling lambat 16 Feb 2027")
        expect(deadline).not_to_contain_text("tidak ada batas waktu")
        at_both_widths(page, "a dispute's status after a mediation agreement", shot="portal-dispute-compliance-id")
        page.goto("/bahasa/en?next=/publik/status")
        expect(current).to_contain_text("Carrying out the decision")
        expect(deadline).to_contain_text("the office must act by 16 Feb 2027")
        at_both_widths(page, "a dispute's status after a mediation agreement", shot="portal-dispute-compliance-en")


def test_a_dispute_at_the_commission_s_decision_gives_the_last_day_to_go_to_court(new_page, app, session_factory_):
    office = Office(session_factory_, app.extensions["kawal_runtime"])
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _adjudicated(office, clock)
        page = new_page(**NARROW)
        look_up(page, dispute, code)
        window = page.locator(".window")
        expect(window).to_contain_text("Waktu untuk mengajukan keberatan atas putusan ke pengadilan")
        # The earliest reading's end, the day to file by; the latest, 31 Mar, is the court's (legal-process.md §2.2).
        expect(window).to_contain_text("Anda dapat mengajukannya sampai 23 Mar 2027.")
        at_both_widths(page, "a dispute's status at the Commission's decision", shot="portal-dispute-decision-id")
        page.goto("/bahasa/en?next=/publik/status")
        expect(window).to_contain_text("You may file until 23 Mar 2027.")
        at_both_widths(page, "a dispute's status at the Commission's decision", shot="portal-dispute-decision-en")


def test_an_objection_with_a_dispute_links_it_and_its_letters_read_as_plain_statements(new_page, app, session_factory_):
    office = Office(session_factory_, app.extensions["kawal_runtime"])
    with time_machine.travel(RECEIVED, tick=True) as clock:
        objection, code = _answered_objection(office, clock)
        clock.move_to(datetime(2026, 12, 14, 3, 0, tzinfo=UTC))
        dispute = office.dispute(objection, diajukan_ke_ki="2026-12-10", sidang_pertama="2027-01-06T09:00:00+07:00")
        page = new_page(**NARROW)
        look_up(page, objection, code)
        next_step = page.locator("section[aria-labelledby=next-title]")
        expect(next_step).to_contain_text(f"sudah diajukan kepada Komisi Informasi: {dispute}")
        expect(next_step.locator(".window")).to_have_count(0)
        letters = page.locator("section[aria-labelledby=letters-title]")
        # Given by e-mail: Kawal's mail, which this office, with no e-mail channel, cannot send; the page never says
        # it went (engine.notices.receipt_mailed).
        expect(letters).to_contain_text("Tanda terima tidak dapat dikirim kepada Anda melalui e-mail")
        expect(letters).not_to_contain_text("wajib jika keberatan ditolak")
        at_both_widths(page, "an objection's status with its dispute", shot="portal-objection-disputed-id")
        next_step.get_by_role("link", name=f"Ikuti sengketa {dispute}").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(dispute)  # opened without the code again
        page.goto(f"/bahasa/en?next=/publik/status?kasus={objection}")
        expect(letters).to_contain_text("The receipt could not be sent to you by e-mail")
        expect(next_step).to_contain_text(f"Follow dispute {dispute}")
        at_both_widths(page, "an objection's status with its dispute", shot="portal-objection-disputed-en")
