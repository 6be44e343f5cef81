"""The complaint team records where a complaint happened, in a real browser on a phone and on a desk (Permenpan
5/2009's recording, legal-process.md §7.2): the province is required and chosen from the Kemendagri list, the
kab/kota typed; events abroad need their country. The statistics then count the complaint by province and kab/kota.
The task page passes axe-core and fits 360 px."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from tests.browser.journeys import ComplaintDesk
from tests.browser.steps import DESKTOP, assert_accessible, assert_fits_narrow_screen, keep_screenshot, log_in

RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


@pytest.mark.parametrize("width", [360, DESKTOP["width"]])
def test_the_team_records_the_province_and_kab_kota_where_a_complaint_happened(new_page, client, login, width):
    complaint = ComplaintDesk(client, login)
    team = new_page(width, 800)
    log_in(team, "tim")
    team.goto(f"/tugas/{complaint.task('catat_pengaduan')['id']}")
    team.get_by_label(re.compile(r"^Pokok masalah")).fill("Pungutan pada pendaftaran madrasah")
    team.get_by_label(re.compile(r"^Uraian ringkas")).fill("Calon siswa diminta membayar di luar ketentuan.")
    province = team.get_by_label(re.compile(r"^Provinsi kejadian"))
    province.select_option(label="Luar negeri")
    team.get_by_role("button", name="Selesaikan tugas").click()  # abroad without its country: refused
    expect(team.locator(".error-summary")).to_be_visible()
    expect(team.locator("#f-negara_kejadian-error")).to_contain_text("wajib diisi")
    province = team.get_by_label(re.compile(r"^Provinsi kejadian"))
    province.select_option(label="Jawa Timur")
    team.get_by_label(re.compile(r"^Kabupaten/kota kejadian")).fill("kab. malang")
    assert_accessible(team, "the complaint's recording task")
    if width == 360:
        assert_fits_narrow_screen(team, "the complaint's recording task at 360 px")
    keep_screenshot(team, "task-complaint-recording")
    team.get_by_role("button", name="Selesaikan tugas").click()
    expect(team.locator(".flash-success")).to_be_visible()

    team.goto("/laporan/pengaduan?periode=2027")
    by_place = team.locator("table.figures", has_text="Menurut kabupaten/kota lokasi kejadian")
    expect(by_place).to_contain_text("Kabupaten Malang")
    expect(team.locator("table.figures", has_text="Menurut provinsi lokasi kejadian")).to_contain_text("Jawa Timur")
    if width == 360:
        keep_screenshot(team, "complaint-statistics-by-place")
