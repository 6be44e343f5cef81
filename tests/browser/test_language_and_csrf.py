"""The language switch in the header, and the page a form with a broken CSRF token gets."""

import re

from playwright.sync_api import expect

from tests.browser.steps import log_in


def test_the_language_link_turns_the_page_english_and_back(page, desk):
    desk.submit()
    log_in(page, "petugas")
    page.goto("/kotak-masuk?scope=group")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kotak masuk")

    languages = page.get_by_role("navigation", name="Bahasa")
    languages.get_by_role("link", name="English").click()
    # The same page (its query kept), now in English: headings, buttons, the counter, the statuses.
    expect(page).to_have_url(re.compile(r"/kotak-masuk\?scope=group$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inbox")
    expect(page.get_by_role("button", name=re.compile(r"^Claim"))).to_have_count(1)
    expect(page.locator(".counter")).to_contain_text("Open: 1")
    expect(page.locator("table.tasks")).to_contain_text("Check the request is complete")
    expect(page.get_by_role("navigation", name="Language").locator("[aria-current]")).to_have_text("English")

    # The choice is remembered on the next page.
    page.get_by_role("link", name=re.compile(r"^Check the request is complete")).click()
    expect(page.get_by_role("button", name="Complete task")).to_be_visible()

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Bahasa Indonesia").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("button", name="Selesaikan tugas")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa kelengkapan permohonan")


def test_a_form_posted_with_a_broken_csrf_token_gets_a_clear_page_and_changes_nothing(page, desk):
    receipt = desk.submit()
    log_in(page, "petugas")
    page.goto("/kotak-masuk")
    row = page.locator("table.tasks tbody tr").filter(has_text=receipt["ticket"])
    claim = row.locator("form").filter(has=page.get_by_role("button", name=re.compile(r"^Ambil")))
    claim.locator("input[name=csrf_token]").evaluate("input => { input.value = input.value.slice(0, -4) + 'xxxx'; }")
    claim.get_by_role("button").click()

    expect(page).to_have_title(re.compile(r"Formulir ini sudah kedaluwarsa"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Formulir ini sudah kedaluwarsa")
    expect(page.locator(".error-code")).to_have_text("Galat 400")
    expect(page.locator("main")).to_contain_text("muat ulang halaman")
    page.get_by_role("link", name="Kembali ke formulir").click()
    expect(page).to_have_url(re.compile(r"/kotak-masuk$"))
    assert desk.task(receipt["ticket"], "periksa_kelengkapan")["assignee"] is None  # not claimed


def test_a_login_form_without_its_csrf_token_gets_the_same_page_in_english(page):
    page.goto("/bahasa/en?next=/masuk")
    page.locator("input[name=csrf_token]").evaluate("input => input.remove()")
    page.get_by_label("Username").fill("petugas")
    page.get_by_label("Password").fill("test-password-1")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("This form has expired")
    expect(page.locator("main")).to_contain_text("reload the page")
    page.goto("/kotak-masuk")
    expect(page).to_have_url(re.compile(r"/masuk\?next="))  # not logged in
