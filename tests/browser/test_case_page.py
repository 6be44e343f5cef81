"""The case page in the browser: opened from the inbox, its timeline, and the BPMN diagram drawn by the
bundled bpmn-js viewer with the steps done and the current task marked (the one part that needs JavaScript)."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import NARROW
from tests.browser.steps import DESKTOP, at_both_widths, keep_screenshot, log_in
from tests.helpers import STEP, dated, decision


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
    # The next tab stop is past the drawing: no unnamed stop on the viewer's own picture (the lists say it all).
    expect(diagram).to_have_attribute("data-ready", "true")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.diagram-canvas svg') === null")
    expect(diagram.locator(".diagram-canvas svg").first).to_have_attribute("aria-hidden", "true")
    powered = diagram.locator(".bjs-powered-by")
    if powered.count():
        expect(powered).to_have_accessible_name("Digambar dengan bpmn.io (membuka jendela baru)")
    assert not errors, f"the case page's scripts failed: {errors}"


def _across(frame, box) -> bool:
    """Whether ``box`` lies within ``frame`` from left to right (half a pixel of rounding)."""
    return frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 0.5


def test_the_deadlines_fit_a_laptop_screen_and_a_phone_and_each_clock_s_counting_is_read_below_them(new_page, desk):
    """Seven columns fit 1366 px without sideways scrolling; at 360 px the table of one clock is turned on its side
    (each heading beside its value) and does not scroll either, every heading whole in view ("Milik siapa, dan
    bila lewat" was cut mid-word at the region's edge); how each clock was counted (the working days and the days
    not counted) is a paragraph under the table, whole at 1366 and at 360 px."""
    ticket = desk.submit()["ticket"]
    for width, height in ((DESKTOP["width"], DESKTOP["height"]), (NARROW["width"], NARROW["height"])):
        page = new_page(width, height)
        log_in(page, "ppid")
        page.goto(f"/kasus/{ticket}")
        region = page.locator("section[aria-labelledby=deadlines-title] .table-wrap")
        expect(region.locator("th[scope=row]").filter(has_text="T10")).to_be_visible()
        sizes = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
        assert sizes[0] <= sizes[1], f"the deadlines table scrolls sideways at {width} px: {sizes}"
        shown = region.bounding_box()
        for cell in region.locator("thead th, tbody th, tbody td").all():
            box = cell.bounding_box()
            assert _across(shown, box), f"{cell.inner_text()!r} is not all in view at {width} px"
        if width == NARROW["width"]:  # a heading and its value side by side, on the same line
            due = region.locator("thead th").nth(1)
            expect(due).to_have_text("Jatuh tempo")
            value = region.locator("tbody td").first.bounding_box()
            heading = due.bounding_box()
            assert abs(heading["y"] - value["y"]) < 1, f"'Jatuh tempo' {heading} is not level with its value {value}"
            assert heading["x"] + heading["width"] <= value["x"], f"'Jatuh tempo' {heading} is not left of {value}"
        counted = page.locator("dl.counted")
        expect(counted.locator("dt")).to_contain_text(["Pemberitahuan tertulis (10 hari kerja) T10"])  # its code a note
        expect(counted.locator("dd").first).to_contain_text("10 hari kerja dihitung sejak")
        box, viewport = counted.bounding_box(), page.viewport_size
        assert box["x"] + box["width"] <= viewport["width"], f"the counting runs off a {width} px screen: {box}"
        keep_screenshot(page, "case-deadlines")


def test_on_a_phone_a_second_clock_shows_at_the_edge_and_the_headings_stay_as_the_clocks_scroll(new_page, desk):
    """An extended request has two clocks: at 360 px the first reads whole beside the headings, the second starts
    in view at the right edge (a cue that the region scrolls), and scrolled to, it reads beside the same headings."""
    ticket = desk.submit()["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan"):
        desk.complete(ticket, step)
    desk.complete(
        ticket, "tentukan_langkah", dated(STEP["tentukan_langkah_perpanjang"], desk.case(ticket)["received_at"][:10])
    )
    page = new_page(**NARROW)
    log_in(page, "ppid")
    page.goto(f"/kasus/{ticket}")
    region = page.locator("section[aria-labelledby=deadlines-title] .table-wrap")
    rows = region.locator("tbody tr")
    expect(rows).to_have_count(2)
    shown = region.bounding_box()
    first, second = (rows.nth(n).locator("td").first.bounding_box() for n in (0, 1))
    assert first["x"] + first["width"] <= shown["x"] + shown["width"], "the first clock is not whole in view"
    assert second["x"] < shown["x"] + shown["width"] - 16, "nothing of the second clock shows: no cue that it scrolls"
    keep_screenshot(page, "case-two-clocks")
    region.evaluate("r => { r.scrollLeft = r.scrollWidth; }")
    heading, second = region.locator("thead th").nth(1).bounding_box(), rows.nth(1).locator("td").first.bounding_box()
    assert shown["x"] <= heading["x"] < second["x"], "the headings scrolled away with the clocks"
    assert _across(shown, second), "the second clock does not scroll into view"
    keep_screenshot(page, "case-two-clocks-scrolled")


def test_on_a_phone_every_column_of_the_timeline_shows_without_scrolling_sideways(new_page, desk):
    """At 360 px each event is an entry (what happened, when and by whom, its details) and every cell of it lies in
    view: the details and the actor ("Keterangan", "Oleh") were off to the side of a region that scrolled unseen."""
    ticket = desk.submit()["ticket"]
    desk.complete(ticket, "periksa_kelengkapan")
    page = new_page(**NARROW)
    log_in(page, "ppid")
    page.goto(f"/kasus/{ticket}")
    region = page.locator("section[aria-labelledby=timeline-title] .table-wrap")
    sizes = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert sizes[0] <= sizes[1], f"the timeline scrolls sideways at 360 px: {sizes}"
    shown = region.bounding_box()
    done = region.locator("tbody tr").filter(has_text="Tugas diselesaikan").first
    expect(done).to_contain_text("Periksa kelengkapan permohonan")  # the details
    expect(done.locator("td").last).to_have_text("Petugas")  # by whom
    for row in region.locator("tbody tr").all():
        for cell in row.locator("th, td").all():
            if not cell.inner_text().strip():
                continue
            box = cell.bounding_box()
            assert _across(shown, box), f"{cell.inner_text()!r} is not in view at 360 px"
    at_both_widths(page, "the case page with its timeline", "case-timeline")


def test_the_desk_opens_the_requesters_earlier_request_from_the_list_of_their_filings(page, desk):
    """The list of the requester's other filings (by NIK) reads at 360 and 1366 px, passes axe, and its link opens
    the earlier case."""
    earlier = desk.submit(information="Daftar penerima bantuan operasional madrasah 2025")["ticket"]
    ticket = desk.submit(name="Ani W.")["ticket"]
    log_in(page, "petugas")
    page.goto(f"/tugas/{desk.task(ticket, 'periksa_kelengkapan')['id']}")  # checking the request, the desk sees it
    at_both_widths(page, "the task page pointing to the requester's other filings", "task-other-filings")
    page.get_by_role("link", name=re.compile("^Pemohon ini mengajukan 1 permohonan atau keberatan lain")).click()
    expect(page).to_have_url(re.compile(rf"/kasus/{ticket}#other-filings-title$"))
    listed = page.locator("table.other-filings tbody tr")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("Daftar penerima bantuan operasional madrasah 2025")
    expect(listed).to_contain_text("Ani Wijaya")
    page.locator("#other-filings-title").scroll_into_view_if_needed()
    at_both_widths(page, "the case page with the requester's other filings", "case-other-filings")
    listed.get_by_role("link", name=earlier).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(earlier)
    expect(page.locator("table.other-filings tbody tr")).to_contain_text(ticket)


def test_the_diagram_s_wrapped_labels_read_with_their_spaces_and_an_english_page_draws_english_names(
    page, desk, client, login
):
    """Read as text, the drawing gave "14 hari kerja lewat(informasi)" and "Penyerahandibuka pada permohonan" (the
    viewer draws a wrapped label a line per tspan and drops the space it broke at), and on an English page it kept
    "Mediasi diperpanjang (21 hari kerja)": the words keep their spaces, and an English page draws the English
    names Kawal has (a label it has no English for, a flow's, stays as the process file writes it)."""
    from engine import clock
    from tests.api.test_chain_api import disputed
    from tests.workflows.test_sengketa_paths import BERKAS, SURAT_KUASA_GROUND_A, WIB

    _request, objection, dispute = disputed(desk, client, login)
    # Prepared (the power of attorney, then the file): the dispute waits on its own plane, with mediation's flows.
    today = clock.now().astimezone(WIB).date().isoformat()
    desk.complete(dispute["ticket"], "surat_kuasa", {**SURAT_KUASA_GROUND_A, "tanggal": today})  # ground a
    desk.complete(dispute["ticket"], "siapkan_berkas", BERKAS)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, "ppid")
    diagram = page.locator("#case-diagram")

    page.goto(f"/kasus/{objection['ticket']}")
    expect(diagram).to_have_attribute("data-ready", "true")
    expect(diagram).to_contain_text("Penyerahan dibuka pada permohonan")
    page.goto(f"/kasus/{dispute['ticket']}")
    expect(diagram).to_have_attribute("data-ready", "true")
    drawn = diagram.inner_text()
    assert "14 hari kerja lewat (informasi)" in drawn
    assert "Mediasi diperpanjang (21 hari kerja)" in drawn
    assert "lewat(informasi)" not in drawn
    assert "(alasan b-g)" in drawn

    page.goto(f"/bahasa/en?next=/kasus/{dispute['ticket']}")
    expect(diagram).to_have_attribute("data-ready", "true")
    drawn = diagram.inner_text()
    assert "Extended mediation (14 + 7 working days)" in drawn  # the stage its deadline M21 bounds
    assert "M21 · Extended mediation (14 + 7 working days)" in drawn
    assert "Public information dispute" in drawn  # the process, on the way back from the stage shown
    assert "Mediasi diperpanjang (21 hari kerja)" not in drawn
    assert "M21: 14 + 7 hari kerja" not in drawn
    assert "14 working days passed (for information)" in drawn  # a flow's label, in English too
    expect(page.locator(".steps")).to_contain_text("Dispute recorded")
    page.locator("#diagram-title").scroll_into_view_if_needed()
    at_both_widths(page, "an English dispute's diagram", "case-diagram-english")
    assert not errors, f"the case page's scripts failed: {errors}"
