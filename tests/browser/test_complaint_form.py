"""The complaint form (issue 11, point 7): choosing "anonymous" hides the name and contact fields, and a wrong
NIK is told in its own words ("16 digits"), not as "wrong format"."""

from playwright.sync_api import expect

from tests.browser.conftest import NARROW
from tests.browser.steps import keep_screenshot


def test_choosing_anonymous_hides_the_reporters_name(new_page):
    page = new_page(**NARROW)
    page.goto("/publik/pengaduan")
    name = page.locator(".identity input[name$='name']").first
    # Each way of protecting one's identity is named by its title alone and described by its explanation: the
    # explanation is not read twice (as part of the name and again as the description).
    secret = page.locator("input[name=mode][value=rahasia]")
    title = page.locator(f"#{secret.get_attribute('aria-labelledby')}").inner_text()
    expect(secret).to_have_accessible_name(title)
    more = page.locator(f"#{secret.get_attribute('aria-describedby')}").inner_text()
    expect(secret).to_have_accessible_description(more)
    assert more not in title
    page.locator("input[name=mode][value=rahasia]").check()
    expect(name).to_be_visible()
    # Permenpan 5/2009's recording of the reporter: their kab/kota and province (by name) beside the address.
    expect(page.get_by_label("Provinsi", exact=True)).to_be_visible()
    page.get_by_label("Provinsi", exact=True).select_option(label="Jawa Timur")
    keep_screenshot(page, "portal-complaint-confidential")
    page.locator("input[name=mode][value=anonim]").check()
    expect(page.get_by_label("Provinsi", exact=True)).to_be_hidden()
    expect(name).to_be_hidden()
    keep_screenshot(page, "portal-complaint-anonymous")


def test_a_wrong_nik_is_told_it_has_16_digits(new_page):
    page = new_page(**NARROW)
    page.goto("/publik/permohonan")
    page.locator("#f-requester-nik").fill("12#4")
    page.locator("form.portal-form button[type=submit]").click()
    error = page.locator(".field.has-error").filter(has=page.locator("#f-requester-nik")).locator(".field-error")
    expect(error).to_contain_text("16 angka")
    expect(error).not_to_contain_text("format salah")
