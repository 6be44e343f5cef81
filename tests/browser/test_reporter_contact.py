"""A whistleblower changes the e-mail address they are told at, on a phone in a real browser (its pages checked at a
desk's width too): from the complaint's status page to an empty contact form, a mistyped address refused beside its
field, then saved; the status page says so. The form passes axe-core and fits 360 px."""

import re

from playwright.sync_api import expect

from tests.api.test_complaints_api import file_complaint
from tests.browser.steps import (
    PHONE,
    at_both_widths,
    keep_screenshot,
    look_up,
)


def test_a_whistleblower_changes_their_e_mail_from_the_status_page(new_page, client):
    receipt = file_complaint(client, "whistleblower")
    page = new_page(**PHONE)
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
    at_both_widths(page, "the reporter's contact form with an error", "reporter-contact-error")
    email.fill("pelapor.baru@contoh.example")
    page.get_by_role("button", name="Simpan kontak saya").click()
    expect(page.locator(".flash-success")).to_contain_text("Kontak Anda telah diubah")
    expect(page.locator("main")).not_to_contain_text("pelapor.baru@contoh.example")
    at_both_widths(page, "the status page after the contact changed")
    keep_screenshot(page, "status-after-reporter-contact")
