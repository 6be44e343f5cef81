"""The written notice's items a-g run on from one page to the next (UU 14/2008 Pasal 22(7); engine.letters.render).

A tester's written notice (pemberitahuan tertulis) had a half-empty first page: its items a-g were the rows of a
table, fpdf2 never splits a table row, and item c. (whether the request is granted, and why) with a reason of some
ten lines went to the next page whole, leaving the first page blank below item b.; a reason longer than a page
could not be drawn at all. Each item is a paragraph now: the first page is filled, and what is left over runs on.
Only the signature block, with the last lines it signs, still goes over whole when it does not fit (the page rule
tests/workflows/test_letter_page_layout.py proves).
"""

from __future__ import annotations

import io

from pypdf import PdfReader

from engine.letters import render
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a letter's layout
from tests.workflows.test_letter_page_layout import _content, _pages
from tests.workflows.test_letters import at_receipt  # noqa: F401 - its fixture

REASON = "Informasi ini memuat data pribadi penerima yang dilindungi dan pertimbangan lain yang panjang."
BOTTOM_MARGIN = 30 / 25.4 * 72  # the letter's bottom margin (render._draw), in points from the page's foot


def _lowest_text(pdf: bytes, page: int) -> float:
    """How high above the page's foot the page's body ends (its lowest line above the verification footer)."""
    heights = []
    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(
        visitor_text=lambda text, cm, tm, font, size: text.strip() and heights.append(tm[5])
    )
    return min(height for height in heights if height > BOTTOM_MARGIN - 5)


def test_a_long_reason_starts_on_the_first_page_and_runs_on_filling_it(office, at_receipt):  # noqa: F811
    for outcome in ("dikabulkan_seluruhnya", "dikabulkan_sebagian", "ditolak_dikecualikan"):
        content = _content(office, outcome, "pemberitahuan_tertulis")
        content["decision"]["alasan_keputusan"] = " ".join([REASON] * 17)  # some twenty lines
        pdf = render.pdf(office.rt.settings, content)
        pages = _pages(pdf)
        assert len(pages) == 2, (outcome, len(pages))
        assert "c. Permohonan diterima atau ditolak, dengan alasannya:" in pages[0], outcome
        # The first page's body ends within three lines of its bottom margin: not half empty (it ended 120 mm above).
        assert _lowest_text(pdf, 0) < BOTTOM_MARGIN + 45, (outcome, _lowest_text(pdf, 0))


def test_a_reason_longer_than_a_page_is_drawn_over_the_pages_it_needs(office, at_receipt):  # noqa: F811
    """A table row taller than a page made fpdf2 refuse the letter ("too high"): no PDF at all."""
    content = _content(office, "dikabulkan_seluruhnya", "pemberitahuan_tertulis")
    content["decision"]["alasan_keputusan"] = " ".join([REASON] * 80)
    pages = _pages(render.pdf(office.rt.settings, content))
    assert len(pages) >= 3
    assert "Waktu penyerahan informasi" in pages[-1]
