"""A register in the browser: the legal register's twenty-odd columns scroll inside their region, and the
register number stays at the region's left edge while they do (which row is which is never lost)."""

from playwright.sync_api import expect

from tests.browser.steps import DESKTOP, keep_screenshot, log_in


def test_the_register_number_stays_in_view_while_the_register_s_columns_scroll_past(new_page, desk):
    ticket = desk.submit()["ticket"]
    page = new_page(DESKTOP["width"], DESKTOP["height"])
    log_in(page, "ppid")
    page.goto("/laporan/register/permohonan")
    region = page.locator("div.table-scroll[role=region]")
    number = region.locator("tbody th[scope=row]").filter(has_text=ticket)
    expect(number).to_be_visible()
    width, visible = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert width > visible, "the register no longer scrolls at 1366 px: nothing to keep in view"
    region.evaluate("r => { r.scrollLeft = r.scrollWidth; }")
    left = region.bounding_box()["x"]
    assert abs(number.bounding_box()["x"] - left) <= 1, "the register number scrolled away with the columns"
    last = region.locator("tbody tr").filter(has_text=ticket).locator("td").last
    assert last.bounding_box()["x"] > number.bounding_box()["x"] + number.bounding_box()["width"] - 1
    keep_screenshot(page, "register-scrolled")
