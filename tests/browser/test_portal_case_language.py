"""Who filed in English reads their case in English when they come back on another browser, before they touch the
language switch; the switch still wins (tests/web/test_portal_case_language.py checks the other pages and filings)."""

from playwright.sync_api import expect

from tests.browser.conftest import NARROW
from tests.browser.steps import assert_fits_narrow_screen, keep_screenshot, look_up, submit_request_on_portal


def test_a_request_filed_in_english_opens_in_english_elsewhere_and_the_switch_still_wins(new_page):
    filer = new_page()
    filer.goto("/bahasa/en?next=/publik/permohonan")
    ticket, code = submit_request_on_portal(filer, goto=False)

    page = new_page(**NARROW)  # another browser, which has chosen no language (Chromium asks for id-ID)
    page.goto("/publik/status")
    expect(page.locator("html")).to_have_attribute("lang", "id")  # the case is not known yet
    look_up(page, ticket, code)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#stage-title")).to_have_text("Where your case is")
    assert_fits_narrow_screen(page, "the English case page")
    keep_screenshot(page, "portal-case-in-its-language")

    page.locator("nav.languages").get_by_role("link", name="Bahasa Indonesia").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator("#stage-title")).to_have_text("Posisi kasus Anda")
    page.reload()  # the choice stays
    expect(page.locator("#stage-title")).to_have_text("Posisi kasus Anda")
