"""An officer's own password in a real browser, on a phone: the administrator gave Rina her first password, so her
first login leads to her account page before any other (the welcome's full stop not doubled after her "S.Kom."); a
wrong current password and a new one typed differently are said beside their fields; then her own password takes her
on to her inbox, and her name in the header leads back to the page. Checked at both widths."""

import re

from playwright.sync_api import expect

from api.extensions import db
from engine import accounts
from tests.browser.steps import PHONE, at_both_widths, log_in

RINA = {
    "username": "rina.w",
    "display_name": "Rina Wulandari, S.Kom.",
    "unit": "KANWIL",
    "groups": ["petugas_layanan"],
    "password": "lembar-kerja-2026",
}


def test_an_officer_changes_the_password_an_administrator_gave_her_at_her_first_login(app, new_page):
    with app.app_context():
        accounts.create(db.session, "admin", RINA)
        db.session.commit()
    page = new_page(**PHONE)
    log_in(page, "rina.w", RINA["password"])
    expect(page).to_have_url(re.compile(r"/akun\?next=/kotak-masuk$"))
    expect(page.locator(".flash")).to_have_text("Selamat datang, Rina Wulandari, S.Kom.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Akun saya")
    expect(page.locator("#password-first")).to_contain_text("Administrator memberi Anda kata sandi ini.")
    expect(page.locator("#password-first")).to_be_in_viewport()  # why the page came first, on the first screen
    at_both_widths(page, "the account page an officer is sent to first", "account-first")
    page.get_by_role("link", name="Kotak masuk").first.click()
    expect(page).to_have_url(re.compile(r"/akun\?next="))  # no way round it
    page.locator("#user-current_password").fill("bukan-sandinya-1")
    page.locator("#user-new_password").fill("rina-sendiri-2026")
    page.locator("#user-new_password_repeat").fill("rina-sendiri-2027")
    page.get_by_role("button", name="Ganti kata sandi").click()
    expect(page.locator(".error-summary")).to_contain_text("salah")
    expect(page.locator("#user-new_password_repeat-error")).to_have_text("Tidak sama dengan kata sandi baru.")
    at_both_widths(page, "the account page with its errors", "account-errors")
    page.locator("#user-current_password").fill(RINA["password"])
    page.locator("#user-new_password").fill("rina-sendiri-2026")
    page.locator("#user-new_password_repeat").fill("rina-sendiri-2026")
    page.get_by_role("button", name="Ganti kata sandi").click()
    expect(page).to_have_url(re.compile(r"/kotak-masuk$"))
    expect(page.locator(".flash")).to_have_text("Kata sandi Anda sudah diganti. Sesi lain yang terbuka diakhiri: 0.")
    page.locator(".site-header .user").get_by_role("link", name="Rina Wulandari, S.Kom.").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Akun saya")
    expect(page.locator("#password-first")).to_have_count(0)
    at_both_widths(page, "the officer's own account page", "account")
