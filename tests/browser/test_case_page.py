"""The case page in the browser: opened from the inbox, its timeline, and the BPMN diagram drawn by the
bundled bpmn-js viewer with the steps done and the current task marked (the one part that needs JavaScript)."""

import re

from playwright.sync_api import expect

from tests.browser.steps import log_in
from tests.helpers import decision


def test_an_officer_opens_the_case_and_sees_its_timeline_and_the_marked_diagram(page, desk):
    receipt = desk.submit()
    ticket = receipt["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))

    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, "ppid")
    page.locator("table.tasks tbody tr").filter(has_text=ticket).get_by_role("link", name=ticket).click()
    expect(page).to_have_url(re.compile(rf"/kasus/{ticket}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(ticket)
    expect(page.locator("table.timeline tbody tr")).not_to_have_count(0)
    expect(page.locator("ul.case-tasks")).to_contain_text(re.compile("pemberitahuan tertulis", re.I))

    # The diagram: drawn, with completed steps and the current task marked.
    diagram = page.locator("#case-diagram")
    expect(diagram).to_be_visible()
    expect(diagram.locator("svg").first).to_be_visible()
    expect(diagram.locator(".djs-element.kawal-completed").first).to_be_attached()
    expect(diagram.locator(".djs-element.kawal-current")).not_to_have_count(0)
    expect(page.locator("#case-diagram-status")).to_have_text("")  # no "could not be shown"
    # Keyboard: the zoom buttons work and the canvas takes the focus.
    diagram.get_by_role("button", name=re.compile("^Perbesar|^Zoom in")).click()
    page.locator(".diagram-canvas").focus()
    expect(page.locator(".diagram-canvas")).to_be_focused()
    assert not errors, f"the case page's scripts failed: {errors}"
