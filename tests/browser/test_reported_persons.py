"""The complaint team records the persons a complaint reports on a phone in a real browser (its pages checked at a
desk's width too): the form's rows fit 360 px and pass axe-core, and the case page lists the person recorded."""

from datetime import UTC, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from tests.browser.journeys import ComplaintDesk
from tests.browser.steps import (
    PHONE,
    assert_fits_narrow_screen,
    at_both_widths,
    keep_screenshot,
    log_in,
)

RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def test_the_team_records_the_reported_person_from_the_case_page(new_page, client, login):
    complaint = ComplaintDesk(client, login, "rahasia")
    page = new_page(**PHONE)
    log_in(page, "tim")
    page.goto(f"/kasus/{complaint.ticket}")
    page.get_by_role("link", name="Catat data terlapor").click()
    page.locator("#f-terlapor-0-nama").fill("Suharto Wibisono")
    page.locator("#f-terlapor-0-jabatan").fill("Petugas pendaftaran")
    page.locator("#f-terlapor-0-kategori_instansi").select_option("satuan_pendidikan")
    at_both_widths(page, "the reported persons' form", "reported-persons-form")
    page.get_by_role("button", name="Simpan", exact=True).click()  # the reported persons and witnesses alike
    expect(page.locator("p.reported")).to_contain_text("1 orang tercatat.")
    page.get_by_role("link", name="Lihat atau ubah data terlapor").click()
    expect(page.locator("#f-terlapor-0-nama")).to_have_value("Suharto Wibisono")
    assert_fits_narrow_screen(page, "the case page with the reported person")
    keep_screenshot(page, "case-reported-persons")
