"""The task page on an officer's laptop (issue 11, point 1): the case's facts beside the form read as lines of
text, not one letter per line, and the page stays about a screen or two long."""

from playwright.sync_api import expect

from tests.browser.steps import DESKTOP, keep_screenshot, log_in

# A task page with its form, the deadline and the facts of a request: two to three screens at most.
MAX_TASK_PAGE_HEIGHT = 2600  # px at 1366 px wide; the broken grid made these pages 5,000-13,000 px


def test_the_case_facts_beside_the_form_are_readable_at_1366_px(new_page, desk):
    ticket = desk.submit()["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    task = desk.task(ticket, "putuskan")

    page = new_page(**DESKTOP)
    log_in(page, "ppid")
    page.goto(f"/tugas/{task['id']}")
    facts = page.locator(".task-facts")
    expect(facts).to_contain_text("Daftar penerima beasiswa")
    information = facts.locator("dd").filter(has_text="Daftar penerima beasiswa")
    box = information.first.bounding_box()
    line = page.evaluate("() => parseFloat(getComputedStyle(document.body).lineHeight) || 24")
    keep_screenshot(page, "task-decide")
    assert box["width"] >= 200, f"the request's text is squeezed into a column {box['width']:.0f} px wide"
    assert box["height"] <= 4 * line, f"the request's text takes {box['height']:.0f} px of height (one letter a line?)"
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height <= MAX_TASK_PAGE_HEIGHT, f"the task page is {height} px long at 1366 px"
