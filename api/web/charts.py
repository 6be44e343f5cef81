"""Charts drawn on the server as SVG: no JavaScript, scaled to the page, named for screen readers.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that says what it shows in
words; every page puts the same figures in a table beside it, so the numbers never live in the
picture alone. Colours are paired with text (a value at the end of each bar), never meaning alone.
"""

from __future__ import annotations

from itertools import count

from markupsafe import Markup, escape

WIDTH = 640
BAR = 22
GAP = 8
LABEL_WIDTH = 250
COLOURS = ("#1d5e8c", "#b45309")  # dark blue, dark amber: both at 4.5:1 or more on white
_ids = count(1)


def _frame(height: int, title: str, description: str, body: str) -> Markup:
    n = next(_ids)
    # Every text put in the markup is escaped above or here; numbers are formatted by us.
    return Markup(  # noqa: S704
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="chart{n}-title chart{n}-desc" preserveAspectRatio="xMinYMin meet">'
        f'<title id="chart{n}-title">{escape(title)}</title><desc id="chart{n}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def bars(items: list[tuple[str, int]], title: str, description: str) -> Markup:
    """Horizontal bars, one per (label, value); the value is written at the end of its bar."""
    top = max((v for _l, v in items), default=0) or 1
    height = max(1, len(items)) * (BAR + GAP) + GAP
    room = WIDTH - LABEL_WIDTH - 60
    parts = []
    for i, (label, value) in enumerate(items):
        y = GAP + i * (BAR + GAP)
        width = round(room * value / top)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR * 0.7:.0f}" text-anchor="end" class="chart-label">'
            f"{escape(_short(label))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR}" fill="{COLOURS[0]}"></rect>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + BAR * 0.7:.0f}" class="chart-value">{value}</text>'
        )
    return _frame(height, title, description, "".join(parts))


def columns(months: list[str], series: list[tuple[str, list[int]]], title: str, description: str) -> Markup:
    """Grouped columns per month (up to two series), with a legend naming each series in words."""
    height, base, left = 260, 210, 36
    top = max((v for _name, values in series for v in values), default=0) or 1
    slot = (WIDTH - left - 8) / max(1, len(months))
    width = max(2.0, (slot - 6) / max(1, len(series)))
    parts = [f'<line x1="{left}" y1="{base}" x2="{WIDTH - 4}" y2="{base}" class="chart-axis"></line>']
    parts.append(f'<text x="{left - 4}" y="16" text-anchor="end" class="chart-value">{top}</text>')
    for m, month in enumerate(months):
        x0 = left + m * slot + 3
        for s, (_name, values) in enumerate(series):
            value = values[m]
            h = round((base - 24) * value / top)
            parts.append(
                f'<rect x="{x0 + s * width:.1f}" y="{base - h}" width="{width - 1:.1f}" height="{h}" '
                f'fill="{COLOURS[s % len(COLOURS)]}"></rect>'
            )
        parts.append(
            f'<text x="{x0 + slot / 2 - 3:.1f}" y="{base + 14}" text-anchor="middle" class="chart-label">'
            f"{escape(month[5:])}</text>"
        )
    for s, (name, _values) in enumerate(series):
        x = left + s * 200
        parts.append(
            f'<rect x="{x}" y="{height - 22}" width="14" height="14" fill="{COLOURS[s % len(COLOURS)]}"></rect>'
            f'<text x="{x + 20}" y="{height - 10}" class="chart-label">{escape(name)}</text>'
        )
    return _frame(height, title, description, "".join(parts))


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
