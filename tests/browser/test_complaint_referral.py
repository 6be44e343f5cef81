"""A complaint referred to the wrong unit, in a real browser on a phone and on a desk: the unit answers on its task
page that the report is not its matter; the complaint team's next task asks where it goes now, and the unit it names
finds the clarification in its own inbox. Both task pages pass axe-core and fit 360 px."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from tests.api.test_complaint_documents import TO_PENDMAD
from tests.browser.journeys import ComplaintDesk
from tests.browser.steps import DESKTOP, assert_accessible, assert_fits_narrow_screen, keep_screenshot, log_in
from tests.workflows.test_pengaduan_paths import CATAT

RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _checked(page, what: str, name: str) -> None:
    assert_accessible(page, what)
    if page.viewport_size["width"] == 360:
        assert_fits_narrow_screen(page, what)
    keep_screenshot(page, name)


@pytest.mark.parametrize("width", [360, DESKTOP["width"]])
def test_a_unit_says_the_report_is_not_its_matter_and_the_team_refers_it_to_the_competent_unit(
    new_page, client, login, width
):
    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    complaint.complete("klasifikasi", TO_PENDMAD)

    unit = new_page(width, 800)
    log_in(unit, "unitmad")
    unit.goto(f"/tugas/{complaint.task('klarifikasi_unit')['id']}")
    remit = unit.get_by_role("group", name=re.compile(r"^Laporan ini bukan kewenangan unit kami"))
    expect(remit).to_contain_text("Tim pengaduan akan mendisposisikannya ke unit lain")
    remit.get_by_label("Ya").check()
    unit.get_by_label(re.compile(r"^Tanggapan unit")).fill("Beasiswa diurus Bidang Pendidikan Madrasah Kanwil.")
    _checked(unit, "the unit's clarification task", "task-unit-not-our-matter")
    unit.get_by_role("button", name="Selesaikan tugas").click()
    expect(unit.locator(".flash-success")).to_be_visible()

    team = new_page(width, 800)
    log_in(team, "tim")
    team.goto(f"/tugas/{complaint.task('disposisi_ulang')['id']}")
    expect(team.locator("h1")).to_contain_text("Disposisi ulang")
    expect(team.locator("main")).to_contain_text("bukan kewenangannya")
    step = team.get_by_role("group", name=re.compile(r"^Langkah"))
    step.get_by_label(re.compile(r"^Disposisikan ke unit lain")).check()
    team.get_by_role("button", name="Selesaikan tugas").click()  # no unit named: refused, nothing changes
    expect(team.locator("main")).to_contain_text("Formulir masih berisi kesalahan")
    expect(team.locator("main")).to_contain_text("Unit tujuan disposisi wajib dipilih.")
    # Its condition met by the answer given, the unit is now marked required (forms/pengaduan_disposisi_ulang.json).
    expect(team.locator("label[for=f-unit_tujuan]")).to_have_text("Unit tujuan disposisi (wajib)")
    expect(step.get_by_label(re.compile(r"^Disposisikan ke unit lain"))).to_be_checked()
    team.get_by_label(re.compile(r"^Unit tujuan disposisi")).select_option("KANWIL")
    team.get_by_label(re.compile(r"^Catatan disposisi")).fill("Urusan layanan kantor wilayah.")
    _checked(team, "the team's re-referral task", "task-complaint-referred-again")
    team.get_by_role("button", name="Selesaikan tugas").click()
    expect(team.locator(".flash-success")).to_be_visible()

    kanwil = new_page(width, 800)
    log_in(kanwil, "unit")
    kanwil.goto("/kotak-masuk")
    expect(kanwil.locator("main")).to_contain_text(complaint.ticket)
    expect(kanwil.locator("main")).to_contain_text("Klarifikasi oleh unit")
    keep_screenshot(kanwil, "inbox-unit-after-re-referral")
    unit.goto("/kotak-masuk")  # the first unit reads the case it answered, but the new referral is not in its queue
    expect(unit.locator("main")).not_to_contain_text(complaint.ticket)

    if width == 360:  # the case page draws its diagram on wider screens only
        return
    team.goto(f"/kasus/{complaint.ticket}")
    diagram = team.locator("#case-diagram")
    expect(diagram.locator(".djs-element.kawal-completed").first).to_be_attached()
    expect(diagram.locator(".djs-element.kawal-current")).not_to_have_count(0)
    expect(team.locator("#case-diagram-status")).to_have_text("")  # the new steps are drawn: no "could not be shown"
    diagram.screenshot(path=str(keep_screenshot(team, "case-complaint-re-referral").with_suffix(".diagram.png")))
