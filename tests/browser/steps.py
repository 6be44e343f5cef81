"""What the browser tests do again and again: log in, check a page with axe-core, measure a page."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

AXE = Path(__file__).resolve().parents[2] / "api" / "web" / "static" / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The diagram's files (bpmn-js viewer, its styles, the process XML): outside the page-weight budget.
DIAGRAM_FILES = re.compile(r"/vendor/(bpmn|diagram-js)|\.bpmn(\?|$)|/diagram(\.xml|\?|$)")
WEIGHT_BUDGET = 300 * 1024
SCROLL_TOLERANCE = 2  # px: rounding of sub-pixel borders
TICKET = re.compile(r"PPID-\d{4}-\d+")


def submit_request_on_portal(page, goto: bool = True) -> tuple[str, str]:
    """File the information request of tests.conftest.request_payload through the portal's form (``goto``: from the
    portal's home; else on the form the page shows)."""
    if goto:
        page.goto("/publik")
        page.locator("main a[href='/publik/permohonan']").first.click()
    expect(page).to_have_url(re.compile(r"/publik/permohonan$"))
    page.locator("#f-requester-name").fill("Ani Wijaya")
    page.locator("#f-requester-nik").fill("3171234507890001")
    page.locator("#f-requester-address").fill("Jl. Merdeka 1, Jakarta Pusat")
    page.locator("#f-requester-email").fill("ani@example.org")
    page.locator("#f-requester-phone").fill("+62 812 1234 5678")
    page.locator("#f-requester-occupation").fill("Peneliti")
    page.locator("input[name=requester_type][value=perorangan]").check()
    page.locator("#f-information").fill("Daftar penerima beasiswa tahun 2026 beserta kriteria seleksinya")
    page.locator("#f-purpose").fill("Penelitian kebijakan pendidikan")
    page.locator("#f-obtain_method").select_option("salinan_softcopy")
    page.locator("input[name=delivery_method][value=email]").check()
    page.locator("form.portal-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/publik/tanda-terima$"))
    secrets = page.locator(".receipt dd.secret")
    expect(secrets).to_have_count(2)
    ticket, code = secrets.nth(0).inner_text().strip(), secrets.nth(1).inner_text().strip()
    assert TICKET.fullmatch(ticket), ticket
    assert len(code.replace("-", "")) >= 16, code
    return ticket, code


def look_up(page, ticket: str, code: str) -> None:
    page.goto("/publik/status")
    page.locator("form.portal-form input[name=ticket]").fill(ticket)
    page.locator("form.portal-form input[name=access_code]").fill(code)
    page.locator("form.portal-form button[type=submit]").click()


def log_in(page, username: str, password: str = PASSWORD) -> None:
    """Log in through the login page, as an officer does, and land on the page that follows."""
    page.goto("/masuk")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("form:has(#username) button[type=submit]").click()
    page.wait_for_load_state()
    assert "/masuk" not in page.url, f"{username} could not log in: {page.locator('main').inner_text()}"


def signed_in(page, username: str, password: str = PASSWORD) -> None:
    """Log in with the login form's own request (its CSRF token included), without drawing the login page and
    the page after it: for a test about another page (tests/browser/test_quality.py). ``log_in`` is the way a
    person logs in."""
    form = page.request.get("/masuk")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text())
    assert token, "the login page has no CSRF token"
    answer = page.request.post(
        "/masuk", form={"csrf_token": token[1], "username": username, "password": password}, max_redirects=0
    )
    assert answer.status == 302, f"{username} could not log in: {answer.status}"
    assert "/masuk" not in answer.headers.get("location", ""), f"{username} could not log in"


def axe(page) -> list[dict]:
    """The WCAG 2.x A/AA violations axe-core finds on the page as it is now."""
    if not AXE.is_file():
        pytest.fail(
            f"axe-core is missing ({AXE}): run scripts/assets.sh (needs npm; Debian: apt-get install nodejs npm), "
            "which `make test` runs",
            pytrace=False,
        )
    # A check right after a click may find the next page's DOM before its stylesheet applied (a busy machine: the
    # header's links then measured 17 px apart, unstyled, and target-size failed): the page's load comes first.
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Not add_script_tag: an inline <script> is refused by the pages' Content-Security-Policy (default-src
        # 'self'), which the tests keep on. Code run through the DevTools protocol is not subject to it.
        page.evaluate("source => { (0, eval)(source); }", _axe_source())
    return page.evaluate("tags => axe.run(document, {runOnly: tags}).then(r => r.violations)", AXE_TAGS)


@lru_cache(maxsize=1)
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:8]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more elements")
    return "\n".join(lines)


def assert_accessible(page, what: str) -> None:
    violations = axe(page)
    assert not violations, f"axe-core found WCAG violations on {what} ({page.url}):\n{describe(violations)}"


def horizontal_overflow(page) -> dict:
    """How wide the page is compared with the window, and which elements stick out (for the message)."""
    page.wait_for_load_state("load")  # measured once the stylesheet applies (see ``axe``)
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const wide = [];
            for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.right > width + 1 && !el.closest('[data-scroll], .table-wrap, .scroll')) {
                    let scrolls = false;
                    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                        const o = getComputedStyle(p).overflowX;
                        if (o === 'auto' || o === 'scroll' || o === 'hidden') { scrolls = true; break; }
                    }
                    if (!scrolls) {
                        const id = el.id ? '#' + el.id : '';
                        const cls = el.className && typeof el.className === 'string'
                            ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
                        wide.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(r.right)} px)`);
                    }
                }
            }
            return {scrollWidth: document.documentElement.scrollWidth, clientWidth: width, wide: wide.slice(0, 10)};
        }"""
    )


def assert_fits_narrow_screen(page, what: str) -> None:
    found = horizontal_overflow(page)
    assert found["scrollWidth"] <= found["clientWidth"] + SCROLL_TOLERANCE, (
        f"{what} ({page.url}) scrolls sideways at {found['clientWidth']} px: the page is {found['scrollWidth']} px "
        f"wide; elements past the edge: {json.dumps(found['wide'], ensure_ascii=False)}"
    )


def weigh(page, open_page) -> tuple[int, list[tuple[str, int]]]:
    """Bytes transferred (headers and bodies) for the page ``open_page(page)`` ends on, the diagram's files
    excepted; the browser cache is off, so every file counts as on a first visit."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    requests = []

    def on_response(response):
        if response.request.is_navigation_request() and response.frame == page.main_frame:
            requests.clear()  # a new page: only the last one counts
        requests.append(response.request)

    page.on("response", on_response)
    try:
        open_page(page)
        page.wait_for_load_state("networkidle")
    finally:
        page.remove_listener("response", on_response)
    sizes: dict[str, int] = {}
    for request in requests:
        if DIAGRAM_FILES.search(request.url):
            continue
        measured = request.sizes()
        size = measured["responseBodySize"] + measured["responseHeadersSize"]
        sizes[request.url] = sizes.get(request.url, 0) + size
    return sum(sizes.values()), sorted(sizes.items(), key=lambda item: -item[1])


def assert_light(page, open_page, what: str) -> None:
    total, parts = weigh(page, open_page)
    listing = ", ".join(f"{url} {size / 1024:.1f} KB" for url, size in parts)
    assert total < WEIGHT_BUDGET, f"{what} weighs {total / 1024:.1f} KB without the diagram (budget 300 KB): {listing}"
    return total, parts


def focus_style(page) -> dict:
    """The focused element and the computed styles that make its focus visible."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const s = getComputedStyle(el);
            return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
                    outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
                    boxShadow: s.boxShadow, visible: el.matches(':focus-visible')};
        }"""
    )


def tab_to(page, selector: str, limit: int = 80) -> dict:
    """Press Tab from the top of a freshly loaded page until ``selector`` has the focus; its focus style."""
    target = page.locator(selector).first
    expect(target).to_be_visible()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return focus_style(page)
    pytest.fail(f"{limit} presses of Tab never reached {selector} on {page.url}", pytrace=False)


def assert_field_reached_with_visible_focus(page, selector: str, what: str) -> None:
    style = tab_to(page, selector)
    shown = (style["outlineStyle"] != "none" and style["outlineWidth"] >= 2) or style["boxShadow"] not in ("", "none")
    assert style["visible"], f"{selector} on {what} was focused by the keyboard but does not match :focus-visible"
    assert shown, f"the focus on {selector} of {what} is not visible (no outline, no box-shadow): {style}"


SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "pages"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 360, "height": 800}


def keep_screenshot(page, name: str) -> Path:
    """Save the whole page as ``test-artifacts/pages/<name>-<width>.png``: every run's pictures of the journeys
    (git-ignored; CI keeps them as the run's artifacts), whether the test passes or not."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{page.viewport_size['width']}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def at_both_widths(page, what: str, shot: str | None = None) -> None:
    """A checkpoint of a journey walked on a phone (``PHONE``, 360 px): the page as it stands is checked by
    axe-core and for sideways scrolling at 360 px and again at a desk's 1366 px, and photographed at both
    (``shot``: ``keep_screenshot``'s name); the page is left at 360 px for the journey to go on.

    One walk at 360 px, where a control a phone cannot reach fails it, with both widths checked where it stops,
    replaced a walk at each width: the same pages, each walk ~5 s of the suite twice."""
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        assert_accessible(page, f"{what} at {size['width']} px")
        assert_fits_narrow_screen(page, f"{what} at {size['width']} px")
        if shot:
            keep_screenshot(page, shot)
    page.set_viewport_size(PHONE)
