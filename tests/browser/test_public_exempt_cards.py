"""The portal's determinations of exempt information on a phone (walk report r3, finding c): at 360 px the table of
four columns scrolled sideways, the decree beyond the edge. Each determination is now a card, every line labelled
(what, which Pasal 17 letters, until when, which decree), as the officers' tables are on a phone; a table at 1366 px."""

from playwright.sync_api import expect

from tests.browser.steps import DESKTOP, PHONE, at_both_widths
from tests.web.test_exemption_register_page import refuse_as_exempt

URL = "/publik/informasi?kategori=dikecualikan"


def test_a_determination_reads_as_a_labelled_card_on_a_phone_without_sideways_scrolling(new_page, desk, app):
    refuse_as_exempt(desk)
    page = new_page(**PHONE)
    page.goto(URL)
    section = page.locator("section[aria-labelledby=determinations-title]")
    row = section.locator("tbody tr").first
    decree = row.locator("td").last
    expect(decree).to_contain_text("PPID")
    width, visible = section.locator("table").evaluate("t => [t.scrollWidth, t.parentElement.clientWidth]")
    assert width <= visible, f"the determinations scroll sideways at 360 px ({width} > {visible})"
    label = decree.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Keputusan penetapan: "', label  # the card names each line, the header row being hidden
    assert decree.bounding_box()["x"] + decree.bounding_box()["width"] <= PHONE["width"]
    at_both_widths(page, "the public determinations of exempt information", "public-exempt-determinations")
    page.set_viewport_size(DESKTOP)
    expect(section.locator("thead th").first).to_be_visible()  # a table on a desk
    assert row.bounding_box()["height"] < 120, "a desk's row stays one row, not a card"
