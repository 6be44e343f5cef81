"""The officers' accounts in a real browser: on a phone the admin adds an officer (the form first says what is
wrong), then takes the officer's claim away by deactivating them; the pages are checked at both widths."""

from playwright.sync_api import expect

from tests.browser.steps import PHONE, at_both_widths, log_in


def test_the_admin_adds_an_officer_then_deactivates_one_who_left(new_page):
    page = new_page(**PHONE)
    log_in(page, "admin")
    page.get_by_role("link", name="Akun petugas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Akun petugas")
    at_both_widths(page, "the officers page", "users")
    page.get_by_role("link", name="Tambah petugas").click()
    page.locator("#user-username").fill("sari.w")
    page.locator("#user-display_name").fill("Sari Wulandari, S.Kom.")
    page.locator("#user-password").fill("sari")
    page.get_by_role("button", name="Tambahkan petugas").click()
    expect(page.locator(".error-summary")).to_contain_text("minimal satu kelompok")
    at_both_widths(page, "the new officer form with its errors", "user-new-errors")
    page.get_by_label("Petugas layanan", exact=True).check()
    page.locator("#user-password").fill("lembar-kerja-2026")
    page.get_by_role("button", name="Tambahkan petugas").click()
    expect(page.locator(".flash")).to_contain_text("Sari Wulandari, S.Kom. sekarang dapat masuk.")
    expect(page.locator("table.data")).to_contain_text("Akun dibuat")
    page.goto("/pengguna/petugas2")
    page.get_by_role("button", name="Nonaktifkan").click()
    expect(page.locator(".flash")).to_contain_text("tidak dapat masuk lagi")
    expect(page.get_by_role("button", name="Aktifkan")).to_be_visible()
    at_both_widths(page, "a deactivated officer's page", "user-deactivated")
