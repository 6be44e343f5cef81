"""A register at a desk's 1366 px: its page shows the columns a row is read by, the decision and its dates among
them, without scrolling sideways (the objection register showed 11 of its 24 columns, the superior's decision and the
response's date beyond the edge); every column on asking, scrolling past the register number, which stays."""

from playwright.sync_api import expect

from tests.browser.steps import DESKTOP, PHONE, at_both_widths, log_in


def test_a_register_s_main_columns_fit_a_desk_s_screen_and_every_column_is_one_tick_away(new_page, desk):
    ticket = desk.submit()["ticket"]
    page = new_page(DESKTOP["width"], DESKTOP["height"])
    log_in(page, "ppid")
    page.goto("/laporan/register/permohonan")
    region = page.locator("div.table-scroll[role=region]")
    expect(region.locator("tbody th[scope=row]").filter(has_text=ticket)).to_be_visible()
    width, visible = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert width <= visible, "the register's own columns scroll sideways at 1366 px"
    expect(region.locator("thead")).to_contain_text("Tanggal surat dikirim")
    page.get_by_label("Tampilkan semua kolom").check()
    page.get_by_role("button", name="Tampilkan", exact=True).click()
    expect(region.locator("thead")).to_contain_text("Saluran")  # a column of the full set
    width, visible = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert width > visible
    page.set_viewport_size(PHONE)
    at_both_widths(page, "a register with every column", "register-every-column")
