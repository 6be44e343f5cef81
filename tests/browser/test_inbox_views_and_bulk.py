"""The inbox's saved views and its actions on the ticked tasks in a browser (walk w4, findings 1, 3 and 5): an
80-character view name without a space widened the 360 px inbox to 774 px; the PPID on the whole unit's list was
offered "Ambil" first, and "Budi Santoso (PPID)" to give the desk's tasks to, though neither could ever apply."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.steps import PHONE, assert_accessible, horizontal_overflow, keep_screenshot, log_in
from tests.web.test_inbox import _with_the_ppid

LONG = "x" * 80


def test_a_long_saved_view_name_wraps_within_a_phone_screen_and_a_name_in_use_asks_first(new_page):
    page = new_page(**PHONE)
    log_in(page, "petugas")
    page.goto("/kotak-masuk")
    page.locator("details.filter-fold > summary").click()
    page.get_by_label("Simpan tampilan ini sebagai").fill(LONG)
    page.get_by_role("button", name="Simpan tampilan").click()
    expect(page.locator(".flash-success")).to_contain_text("Tampilan disimpan")
    wide = horizontal_overflow(page)
    assert wide["scrollWidth"] <= wide["clientWidth"], wide
    assert not wide["wide"], wide
    page.locator("details.filter-fold > summary").click()
    page.get_by_label("Simpan tampilan ini sebagai").fill(LONG)
    page.get_by_role("button", name="Simpan tampilan").click()
    expect(page.locator(".flash-error")).to_contain_text(f"Sudah ada tampilan bernama “{LONG}”")
    replace = page.get_by_role("button", name=f"Ganti “{LONG}”")
    expect(replace).to_be_visible()  # the filters opened on it, the name kept
    wide = horizontal_overflow(page)
    assert wide["scrollWidth"] <= wide["clientWidth"], wide
    assert_accessible(page, "the inbox asking before it replaces a saved view")
    keep_screenshot(page, "inbox-view-name-in-use")
    replace.click()
    expect(page.locator(".flash-success")).to_contain_text(f"Tampilan diganti: {LONG}")


def test_the_ticked_tasks_are_offered_only_the_actions_and_colleagues_that_apply_to_all_of_them(new_page, desk):
    own = desk.task(_with_the_ppid(desk), "proses_permohonan")["id"]  # the PPID's: claimed, never assigned
    front = [desk.task(desk.submit()["ticket"], "periksa_kelengkapan")["id"] for _ in range(2)]  # the desk's
    page = new_page()
    log_in(page, "ppid")
    page.goto("/kotak-masuk?scope=all")
    action = page.locator("#bulk-action")
    person = page.locator("#bulk-username")
    expect(action).to_have_value("assign")  # what most of the tasks take
    page.locator(f"#pick-{front[0]}").check()
    page.locator(f"#pick-{front[1]}").check()
    expect(action.locator('option[value="claim"]')).to_be_disabled()
    expect(person.locator('option[value="ppid"]')).to_be_disabled()
    expect(person.locator('option[value="petugas"]')).to_be_enabled()
    page.locator(f"#pick-{own}").check()  # nothing applies to the desk's tasks and the PPID's own at once
    status = page.locator("#bulk-status")
    expect(status).to_have_text(
        "Tidak ada tindakan yang berlaku untuk semua tugas yang dicentang: centang tugas yang sejenis."
    )
    expect(page.locator("#bulk button[type=submit]")).to_be_disabled()
    page.locator(f"#pick-{own}").uncheck()
    expect(status).to_be_empty()
    person.select_option("petugas")
    page.locator("#bulk button[type=submit]").click()
    expect(page.locator(".flash-success")).to_contain_text("2 tugas diserahkan kepada Petugas")
    keep_screenshot(page, "inbox-bulk-offers")
