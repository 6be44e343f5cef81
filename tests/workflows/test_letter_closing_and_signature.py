"""Where a letter's signature falls on the page (engine.letters.templates): the written notice keeps its closing
words (the right to object) with the place, date and signature, in the one table row fpdf2 never splits
(_base.html ``aside``). A notice one line too long put the place, date and signature alone on a second page.
"""

import io
import re

from pypdf import PdfReader

from engine.letters import render
from engine.letters.issue import unseal
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the layout is fpdf2's (tests/conftest.py)
from tests.workflows.test_letters import at_receipt, by_kind, letters, render_pending, walk  # noqa: F401

PPID = "Pejabat Pengelola Informasi dan Dokumentasi"
CLOSING = "Apabila Saudara tidak puas dengan pemberitahuan ini"


def _pages(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_written_notice_keeps_its_closing_words_with_the_place_date_and_signature_whatever_its_length(
    office,
    at_receipt,  # noqa: F811
):
    """The notice rendered again with the information asked for growing a line at a time, from one page to three:
    the page that carries the signature carries the closing words and the place and date, every time."""
    ticket = walk(office, "dikabulkan_seluruhnya")
    render_pending(office)
    notice = by_kind(letters(office, ticket))["pemberitahuan_tertulis"]
    content = unseal(office.rt, notice)
    city = content["office"]["city"]
    counts = set()
    asked = content["case"]["details"]["information"]
    for lines in range(0, 80, 2):
        content["case"]["details"]["information"] = " ".join([asked] * (1 + lines * 2))
        pages = _pages(render.pdf(office.rt.settings, content))
        counts.add(len(pages))
        signed = [page for page in pages if f"{PPID}," in page]
        assert len(signed) == 1, lines
        assert CLOSING in signed[0], (lines, len(pages))
        assert f"{city}, " in signed[0], lines
    assert counts >= {1, 2, 3}  # the sweep crossed the page ends it is about
