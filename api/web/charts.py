"""Charts drawn on the server as SVG: no JavaScript, as wide as the page, named for screen readers.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that says what it shows in
words; every page puts the same figures in a table beside it, so the numbers never live in the
picture alone. Colours are paired with text (a value at the end of each bar), never meaning alone.

The drawing has no ``viewBox``: it is not scaled to the page, it stretches. Lengths across are
percentages of the chart's width and the text keeps the stylesheet's size (13 px), so a chart reads
the same at 360 px as at 1366 px; a viewBox shrank it to 6.7 px text on a phone. A bar's label is
written whole above its bar, on as many lines as it needs (``_lines``): beside the bar it was cut short
and ran off the left edge.

A value not shown (a count withheld, engine.complaint_stats) is drawn as no bar or column at all: a bar's
text ("<5") stands where the bar would start, and a column is left out of its month.
"""

from __future__ import annotations

from itertools import count

from markupsafe import Markup, escape

LINE = 16  # px from one line of a label to the next (13 px text)
BAR = 16  # px, a bar's thickness
GAP = 10  # px between one bar and the next label
ROOM = 80  # % of the width the longest bar takes: the rest holds its value (5 digits at 288 px)
LINE_CHARS = 34  # characters a label's line holds at 13 px in a 288 px wide chart (a 320 px phone)
COLOURS = ("#1d5e8c", "#b45309")  # dark blue, dark amber: both at 4.5:1 or more on white
_ids = count(1)


def _frame(height: int, title: str, description: str, body: str) -> Markup:
    n = next(_ids)
    # Every text put in the markup is escaped above or here; numbers are formatted by us.
    return Markup(  # noqa: S704
        f'<svg class="chart" width="100%" height="{height}" role="img" '
        f'aria-labelledby="chart{n}-title chart{n}-desc">'
        f'<title id="chart{n}-title">{escape(title)}</title><desc id="chart{n}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def bars(items: list[tuple[str, int | str]], title: str, description: str) -> Markup:
    """Horizontal bars, one per (label, value): the label above its bar, the value at the bar's end; a value that
    is text (a withheld count's "<5") is written where the bar would start, with no bar."""
    top = max((v for _l, v in items if not isinstance(v, str)), default=0) or 1
    parts = []
    y = 0
    for label, value in items:
        lines = _lines(label)
        # Each line but the last keeps its trailing space, so the text element reads as the whole label.
        spans = "".join(f'<tspan x="1" y="{y + LINE * k + 12}">{escape(line)}</tspan>' for k, line in enumerate(lines))
        parts.append(f'<text class="chart-label">{spans}</text>')
        y += LINE * len(lines) + 3
        if isinstance(value, str):
            parts.append(f'<text x="0" y="{y + BAR - 3}" class="chart-value">{escape(value)}</text>')
        else:
            share = ROOM * value / top
            parts.append(
                f'<rect x="0" y="{y}" width="{share:.1f}%" height="{BAR}" fill="{COLOURS[0]}"></rect>'
                f'<text x="{share:.1f}%" dx="6" y="{y + BAR - 3}" class="chart-value">{value}</text>'
            )
        y += BAR + GAP
    return _frame(max(y, 1), title, description, "".join(parts))


def columns(months: list[str], series: list[tuple[str, list[int | None]]], title: str, description: str) -> Markup:
    """Grouped columns per month (up to two series), with a legend naming each series in words; a value None (a
    withheld count) has no column.

    The tallest column's value is written above the plot at the left, level with the column's top."""
    height, base, ceiling = 260, 210, 24
    top = max((v for _name, values in series for v in values if v is not None), default=0) or 1
    slot = 100 / max(1, len(months))  # % of the width per month
    width = slot * 0.8 / max(1, len(series))
    parts = [
        f'<line x1="0" y1="{base}" x2="100%" y2="{base}" class="chart-axis"></line>',
        f'<line x1="0" y1="{ceiling}" x2="100%" y2="{ceiling}" class="chart-grid"></line>',
        f'<text x="0" y="{ceiling - 6}" class="chart-value">{top}</text>',
    ]
    for m, month in enumerate(months):
        x0 = m * slot + slot * 0.1
        for s, (_name, values) in enumerate(series):
            if values[m] is None:
                continue
            h = round((base - ceiling) * values[m] / top)
            parts.append(
                f'<rect x="{x0 + s * width:.2f}%" y="{base - h}" width="{width * 0.9:.2f}%" height="{h}" '
                f'fill="{COLOURS[s % len(COLOURS)]}"></rect>'
            )
        parts.append(
            f'<text x="{(m + 0.5) * slot:.2f}%" y="{base + 16}" text-anchor="middle" class="chart-label">'
            f"{escape(month[5:])}</text>"
        )
    for s, (name, _values) in enumerate(series):
        x = 50 * s  # the second series' key starts at the middle: room for a long name on a phone
        parts.append(
            f'<rect x="{x}%" y="{height - 22}" width="14" height="14" fill="{COLOURS[s % len(COLOURS)]}"></rect>'
            f'<text x="{x}%" dx="20" y="{height - 10}" class="chart-label">{escape(name)}</text>'
        )
    return _frame(height, title, description, "".join(parts))


def _lines(label: str, limit: int = LINE_CHARS) -> list[str]:
    """``label`` broken between words into lines of at most ``limit`` characters (a longer word in pieces), a
    "process: stage" label after its colon; every line but the last ends with the space it was broken at, so
    that the lines put together are the label again."""
    head, colon, tail = label.partition(": ")
    if colon and tail and len(label) > limit:  # too long for a line: the stage starts the second
        first = _lines(head + ":", limit)
        first[-1] += " "
        return first + _lines(tail, limit)
    lines: list[str] = []
    for word in label.split():
        if lines and lines[-1].endswith(" ") and len(lines[-1]) + len(word) <= limit:
            lines[-1] += word + " "
            continue
        pieces = [word[i : i + limit] for i in range(0, len(word), limit)]
        lines.extend(pieces[:-1])  # a piece of a word ends without a space: the word goes on the next line
        lines.append(pieces[-1] + " ")
    if not lines:
        return [""]
    lines[-1] = lines[-1].rstrip()
    return lines
