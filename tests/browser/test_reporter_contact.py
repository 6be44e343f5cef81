"""A whistleblower changes the e-mail address they are told at, in a real browser on a phone and on a desk: from the
complaint's status page to an empty contact form, a mistyped address refused beside its field, then saved; the
status page says so. The form passes axe-core and fits 360 px."""

import re

import pytest
from playwright.sync_api import expect

from tests.api.test_complaints_api import file_complaint
from tests.browser.steps import DESKTOP, assert_accessible, assert_fits_narrow_screen, keep_screenshot, look_up


@pytest.mark.parametrize("width", [360, DESKTOP["width"]])
def test_a_whistleblower_changes_their_e_mail_from_the_status_page(new_page, client, width):
    receipt = file_complaint(client, "whistleblower")
    page = new_page(width, 800)
    look_up(page, receipt["ticket"], receipt["access_code"])
    expect(page.locator("#your-contact-title")).to_have_text("Kontak Anda")
    page.get_by_role("link", name="Ubah kontak saya").click()
    expect(page.locator("h1")).to_have_text("Ubah kontak saya")
    email = page.get_by_label(re.compile(r"^E-mail"))
    expect(email).to_have_value("")  # the contact on file is never shown
    email.fill("pelapor.baru@@contoh")
    page.get_by_role("button", name="Simpan kontak saya").click()
    expect(page.locator("main")).to_contain_text("Formulir masih berisi kesalahan")
    expect(email).to_have_value("pelapor.baru@@contoh")  # what was typed stays, beside its error
    assert_accessible(page, "the reporter's contact form with an error")
    if width == 360:
        assert_fits_narrow_screen(page, "the reporter's contact form")
    keep_screenshot(page, "reporter-contact-error")
    email.fill("pelapor.baru@contoh.example")
    page.get_by_role("button", name="Simpan kontak saya").click()
    expect(page.locator(".flash-success")).to_contain_text("Kontak Anda telah diubah")
    expect(page.locator("main")).not_to_contain_text("pelapor.baru@contoh.example")
    assert_accessible(page, "the status page after the contact changed")
    keep_screenshot(page, "status-after-reporter-contact")
