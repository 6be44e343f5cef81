"""The dashboard's charts in the browser: every label written whole, inside its chart, and large enough to read on a
phone. Bars labelled "Permohonan Informasi Publik: Dite…" ran off the chart's left edge at 1366 px, and the chart,
scaled down to a phone, wrote its text 6.7 px high."""

from tests.browser.steps import DESKTOP, PHONE, at_both_widths, log_in

# Every text of every chart: its words, its rendered box, the chart's box and the size its letters are drawn at.
CHART_TEXTS = """() => [...document.querySelectorAll('svg.chart')].map(svg => {
    const chart = svg.getBoundingClientRect();
    return {
        title: svg.querySelector('title').textContent,
        texts: [...svg.querySelectorAll('text')].map(t => {
            const box = t.getBoundingClientRect();
            return {
                text: t.textContent, label: t.classList.contains('chart-label'),
                left: box.left, right: box.right, top: box.top, bottom: box.bottom,
                px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
            };
        }),
        left: chart.left, right: chart.right, top: chart.top, bottom: chart.bottom,
    };
})"""
SMALLEST_TEXT_PX = 11


def _dashboard(new_page, desk):
    """The PPID's dashboard at 360 px, over two requests received and one registered."""
    for _ in range(2):
        desk.submit()  # "Permohonan Informasi Publik: Diterima": 37 characters, cut at 34 before
    registered = desk.submit()["ticket"]
    desk.complete(registered, "periksa_kelengkapan")
    desk.complete(registered, "registrasi")
    page = new_page(**PHONE)
    log_in(page, "ppid")
    page.goto("/dasbor")
    return page


def _rows(table) -> list[list[str]]:
    return [row.locator("th, td").all_inner_texts() for row in table.locator("tbody tr").all()]


def test_each_dashboard_chart_label_is_written_whole_inside_its_chart_and_readable_on_a_phone(new_page, desk):
    """At 360 and 1366 px: a bar's label is its whole "process: stage" (as the table beside it names the row), its
    letters at least 11 px high, and every text of every chart (labels, values, months, legend) lies within the
    chart and the window."""
    page = _dashboard(new_page, desk)
    at_both_widths(page, "the dashboard", "dashboard-charts")

    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        charts = page.evaluate(CHART_TEXTS)
        assert len(charts) == 4, [c["title"] for c in charts]
        by_title = {c["title"]: c for c in charts}
        stages = [f"{process}: {stage}" for process, stage, _n in _rows(page.locator("table.figures").nth(0))]
        assert sorted(stages) == ["Permohonan Informasi Publik: Diterima", "Permohonan Informasi Publik: Terdaftar"]
        lateness = [name for name, _n in _rows(page.locator("table.figures").nth(1))]
        for title, expected in (
            ("Kasus terbuka menurut tahap", stages),
            ("Kasus terbuka menurut ketepatan waktu", lateness),
        ):
            written = [t["text"] for t in by_title[title]["texts"] if t["label"]]
            assert written == expected, f"{title} at {size['width']} px labels its bars {written}, not {expected}"
        for chart in charts:
            for t in chart["texts"]:
                where = f"{t['text']!r} in {chart['title']!r} at {size['width']} px"
                assert t["px"] >= SMALLEST_TEXT_PX, f"{where} is drawn {t['px']:.1f} px high"
                assert chart["left"] - 1 <= t["left"] <= t["right"] <= chart["right"] + 1, f"{where} leaves the chart"
                assert chart["top"] <= t["top"] <= t["bottom"] <= chart["bottom"], f"{where} leaves the chart"
                assert 0 <= t["left"] <= t["right"] <= size["width"], f"{where} is off the screen"


# Every word of every figure table's cells that the page drew on more than one line (a word broken inside:
# "Diterim / a"). A word may break at its own hyphen or slash ("PPID-2026-" / "000003").
BROKEN_WORDS = """() => {
    const broken = [];
    for (const cell of document.querySelectorAll('table.figures th, table.figures td')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.textContent.matchAll(/[^\\s\\-\\/]+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (lines.size > 1) broken.push(match[0]);
            }
        }
    }
    return broken;
}"""


def test_the_dashboard_s_tables_break_lines_between_words_never_inside_one_on_a_phone(new_page, desk):
    """At 360 px the oldest open cases' stages read "Diterima", "Terdaftar", not "Diterim" / "a"."""
    page = _dashboard(new_page, desk)
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        assert page.locator("table.figures").count() >= 4
        assert page.evaluate(BROKEN_WORDS) == [], f"words broken inside at {size['width']} px"


# How far each of the dashboard's tables reaches past the content column, and the page past the window (px).
TABLES_PAST_EDGE = """() => {
    const column = document.querySelector('main').getBoundingClientRect();
    const right = column.right - parseFloat(getComputedStyle(document.querySelector('main')).paddingRight);
    return {
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        tables: [...document.querySelectorAll('table.figures')]
            .map(t => [t.querySelector('caption').textContent, t.getBoundingClientRect().right - right])
            .filter(([_caption, past]) => past > 0),
    };
}"""


def test_the_dashboard_is_not_one_pixel_wider_than_a_phone_in_either_language(new_page, desk):
    """At 360 px the oldest open cases (ticket, "Registered", date and time, working days) were 345 px wide in a
    column of 344, in English: the page scrolled sideways by a pixel. Every table now fits its column exactly."""
    page = _dashboard(new_page, desk)
    for language in ("en", "id"):
        page.goto(f"/bahasa/{language}?next=/dasbor")
        page.wait_for_load_state("load")
        found = page.evaluate(TABLES_PAST_EDGE)
        assert found == {"page": 0, "tables": []}, f"in {language} at 360 px"
