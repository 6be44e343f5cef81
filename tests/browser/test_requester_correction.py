"""The desk corrects a requester's e-mail address in a real browser on a phone and on a desk: from the case page to
the correction form, a mistyped address refused beside its field, then saved; the case page names the field that
changed. The form passes axe-core and fits 360 px."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from tests.browser.steps import DESKTOP, assert_accessible, assert_fits_narrow_screen, keep_screenshot, log_in
from tests.helpers import Desk

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


@pytest.mark.parametrize("width", [360, DESKTOP["width"]])
def test_the_desk_corrects_a_mistyped_e_mail_address_from_the_case_page(new_page, client, login, width):
    ticket = Desk(client, login).submit()["ticket"]
    page = new_page(width, 800)
    log_in(page, "petugas")
    page.goto(f"/kasus/{ticket}")
    page.get_by_role("link", name="Perbaiki data pemohon").click()
    expect(page.locator("h1")).to_have_text("Perbaiki data pemohon")
    email = page.get_by_label(re.compile(r"^E-mail"))
    expect(email).to_have_value("ani@example.org")  # the form starts from the data on file
    phone, name = (
        page.get_by_label(re.compile(r"^Telepon")).bounding_box(),
        page.get_by_label(re.compile(r"^Nama lengkap")).bounding_box(),
    )
    assert phone["height"] >= 44, phone  # a touch target like every field (a phone field was left unstyled)
    assert phone["width"] == name["width"], (phone, name)
    email.fill("ani.wijaya@@contoh")
    page.get_by_role("group", name=re.compile(r"^Alasan perbaikan")).get_by_label(
        re.compile(r"^Kesalahan pencatatan")
    ).check()
    page.get_by_role("button", name="Simpan perbaikan").click()
    expect(page.locator("main")).to_contain_text("Formulir masih berisi kesalahan")
    expect(email).to_have_value("ani.wijaya@@contoh")  # what was typed stays, beside its error
    assert_accessible(page, "the requester correction form with an error")
    if width == 360:
        assert_fits_narrow_screen(page, "the requester correction form")
    keep_screenshot(page, "requester-correction-error")
    email.fill("ani.wijaya@contoh.example")
    page.get_by_role("button", name="Simpan perbaikan").click()
    expect(page.locator(".flash-success")).to_contain_text("Data pemohon telah diperbaiki: E-mail")
    expect(page.locator("main")).to_contain_text("ani.wijaya@contoh.example")
    expect(page.locator("main")).to_contain_text("Data pemohon diperbaiki")
    keep_screenshot(page, "case-after-requester-correction")
