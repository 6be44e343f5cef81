"""The portal's links are 24 px targets and its filters show their words whole (walk report 41, finding 10).

At 360 px the breadcrumb "Public portal", "Ask to correct my data", "Answer the satisfaction survey" and the
correction's "Cancel" stood 19 px tall on lines of their own (WCAG 2.5.8 asks 24 px); at 1366 px the list's category
filter read "All categori".
"""

from __future__ import annotations

import pytest

from tests.api.test_letters_api import to_notice

LINKS = """() => [...document.querySelectorAll('main a')].filter(a => a.offsetParent).map(a => {
  const r = a.getBoundingClientRect(); return [a.innerText.trim(), r.height]; })"""


@pytest.mark.parametrize("width", [360, 1366])
def test_the_portal_s_links_are_24_px_targets(new_page, desk, width):
    receipt = to_notice(desk)
    desk.complete(receipt["ticket"], "pemberitahuan_tertulis")
    page = new_page(width, 800)
    page.goto("/bahasa/en")
    page.goto("/publik/status")
    page.fill("input[name=ticket]", receipt["ticket"])
    page.fill("input[name=access_code]", receipt["access_code"])
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.get_by_text("Ask to correct my data").wait_for()
    shown = dict(page.evaluate(LINKS))
    assert "Ask to correct my data" in shown
    page.goto(f"/publik/status/perbaikan-data?kasus={receipt['ticket']}")
    page.get_by_text("Cancel").wait_for()
    shown |= dict(page.evaluate(LINKS))
    assert "Cancel" in shown
    assert "Public portal" in shown
    small = {words: height for words, height in shown.items() if height < 24}
    assert small == {}


def test_the_category_filter_shows_all_categories_whole_at_1366_px(new_page):
    page = new_page(1366, 800)
    page.goto("/bahasa/en")
    page.goto("/publik/informasi")
    select = page.locator("#dip-kategori")
    option = page.evaluate("""() => { const s = document.querySelector('#dip-kategori');
      const probe = document.createElement('span'); probe.style.font = getComputedStyle(s).font;
      probe.textContent = 'Available at any time'; document.body.append(probe);
      const w = probe.getBoundingClientRect().width; probe.remove(); return w; }""")
    assert select.bounding_box()["width"] > option + 40  # the longest choice and the arrow
