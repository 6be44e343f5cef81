"""The office's units in a real browser: from the officers' page the admin opens the units, is told beside the
field that a code is taken, adds a Kankemenag, and corrects a unit's name; the pages are checked at both widths."""

from playwright.sync_api import expect

from tests.browser.steps import PHONE, at_both_widths, log_in


def test_the_admin_adds_a_unit_and_corrects_another_s_name(new_page):
    page = new_page(**PHONE)
    log_in(page, "admin")
    page.get_by_role("link", name="Akun petugas").click()
    page.get_by_role("link", name="Unit kantor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unit kantor")
    page.locator("#user-code").fill("pendmad")
    page.locator("#user-name").fill("Kantor Kementerian Agama Kabupaten Malang")
    page.get_by_role("button", name="Tambahkan unit").click()
    expect(page.locator(".error-summary")).to_contain_text("sudah dipakai unit")
    at_both_widths(page, "the units page with a taken code", "units-errors")
    page.locator("#user-code").fill("KANKEMENAG-MLG")
    page.get_by_role("button", name="Tambahkan unit").click()
    expect(page.locator(".flash")).to_contain_text("(KANKEMENAG-MLG) ditambahkan.")
    expect(page.locator("table.data")).to_contain_text("Kantor Kementerian Agama Kabupaten Malang")
    at_both_widths(page, "the units page", "units")
    page.get_by_role("link", name="Kantor Kementerian Agama Kabupaten Malang").click()
    page.locator("#user-name").fill("Kankemenag Kabupaten Malang")
    page.get_by_role("button", name="Simpan nama").click()
    expect(page.locator(".flash")).to_contain_text("Unit diganti namanya.")
    expect(page.locator("table.data")).to_contain_text(
        "Diganti nama: Kantor Kementerian Agama Kabupaten Malang → Kankemenag Kabupaten Malang"
    )
    at_both_widths(page, "a renamed unit's page", "unit-renamed")


def test_the_admin_deactivates_an_empty_unit_and_it_leaves_the_new_officer_form(new_page):
    page = new_page(**PHONE)
    log_in(page, "admin")
    page.goto("/unit")
    page.locator("#user-code").fill("BAGIAN-LAMA")
    page.locator("#user-name").fill("Bagian yang dibubarkan")
    page.get_by_role("button", name="Tambahkan unit").click()
    page.get_by_role("link", name="Bagian yang dibubarkan").click()
    page.get_by_role("button", name="Nonaktifkan unit").click()
    expect(page.locator(".flash")).to_contain_text("tidak dapat lagi dipilih untuk disposisi atau akun petugas")
    expect(page.get_by_role("button", name="Aktifkan kembali unit")).to_be_visible()
    at_both_widths(page, "a deactivated unit's page", "unit-deactivated")
    page.goto("/pengguna/baru")
    expect(page.locator("#user-unit option[value=BAGIAN-LAMA]")).to_have_count(0)
