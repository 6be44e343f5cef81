"""How a letter's PDF falls on its pages (engine.letters.render), as the person holding the printout sees it.

A walk found a granted written notice running to two pages with the place, date and signature alone on the second
(the first ending a quarter blank after "Waktu penyerahan informasi"), three empty lines between the requester's
rows and the sentence after them, and the complaint receipt's and the disposition sheet's tables printed in bold.
The rule, for every letter: the signature block (place and date, position, name, NIP) is never split and never
stands alone on a page: when it does not fit, the last lines it signs go over with it (a paragraph; a table's last
row; a decree's last decision). A table is followed by the space of a paragraph, not three lines; its text is set
regular, bold only in a header cell.
"""

from __future__ import annotations

import io
import re

import time_machine
from pypdf import PdfReader

from engine.letters import render
from engine.letters.issue import unseal
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a letter's layout
from tests.workflows.test_complaint_letters import RECEIVED, verified
from tests.workflows.test_letters import at_receipt, by_kind, letters, render_pending, walk  # noqa: F401
from tests.workflows.test_pengaduan_paths import KE_UNIT

PPID = "Pejabat Pengelola Informasi dan Dokumentasi"
NIP = "198203152006041002"


def _pages(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _lines(pdf: bytes, page: int = 0) -> list[tuple[float, str, str]]:
    """A page's pieces of text, top to bottom: (height from the bottom, text, font)."""
    found = []

    def seen(text, cm, tm, font, size):
        if text.strip():
            found.append((tm[5], text.strip(), str((font or {}).get("/BaseFont", ""))))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=seen)
    return sorted(found, key=lambda line: -line[0])


def _height(lines, start: str) -> float:
    return next(height for height, text, _ in lines if text.startswith(start))


def _content(office, outcome: str, kind: str) -> dict:
    ticket = walk(office, outcome)
    render_pending(office)
    return unseal(office.rt, by_kind(letters(office, ticket))[kind])


def test_a_granted_notice_signed_with_a_nip_fits_on_one_page_and_its_facts_leave_no_gap(
    office,
    at_receipt,  # noqa: F811
):
    """The walk's notice: two pages, the signature alone on the second; one page now, NIP and all."""
    content = _content(office, "dikabulkan_seluruhnya", "pemberitahuan_tertulis")
    content["signatory"] = {**content["signatory"], "name": "Budi Santoso", "nip": NIP}
    pdf = render.pdf(office.rt.settings, content)
    (page,) = _pages(pdf)
    assert "Waktu penyerahan informasi" in page
    assert f"Budi Santoso NIP {NIP}" in page
    lines = _lines(pdf)
    # After the requester's rows, the sentence they lead into follows as one paragraph follows another.
    after_rows = _height(lines, "Nomor telepon / e-mail") - _height(lines, "pemberitahuan tertulis sebagaimana")
    between_paragraphs = _height(lines, "pemberitahuan tertulis sebagaimana") - _height(lines, "Informasi yang diminta")
    assert after_rows <= between_paragraphs + 6, (after_rows, between_paragraphs)  # it was three lines more


def _sweep(office, content: dict, last_lines: str, signed: str) -> set[int]:
    """The letter rendered again with the information asked for growing a line at a time: on the page the signature
    is on, its place and date, its name and the last lines it signs, every time. The page counts seen."""
    city, name = content["office"]["city"], content["signatory"]["name"] or "(...."
    asked = content["case"]["details"]["information"]
    counts = set()
    for lines in range(0, 70, 3):
        content["case"]["details"]["information"] = " ".join([asked] * (1 + lines * 2))
        pages = _pages(render.pdf(office.rt.settings, content))
        counts.add(len(pages))
        (page,) = [page for page in pages if signed in page]
        assert f"{city}, " in page or f"di {city}" in page, (lines, len(pages))
        assert name in page.split(signed, 1)[1], (lines, len(pages))
        assert last_lines in page, (lines, len(pages), page)
    return counts


def test_the_signature_never_stands_alone_it_takes_the_last_paragraph_or_table_row_or_decision_with_it(
    office,
    at_receipt,  # noqa: F811
):
    granted = _content(office, "dikabulkan_seluruhnya", "pemberitahuan_tertulis")
    assert _sweep(office, granted, "Waktu penyerahan informasi", f"{PPID},") >= {1, 2, 3}
    refused = _content(office, "ditolak_dikecualikan", "pemberitahuan_tertulis")  # its table ends the text
    assert _sweep(office, refused, "g. Biaya dan cara pembayaran", f"{PPID},") >= {2, 3}
    decree = _content(office, "ditolak_dikecualikan", "keputusan_penolakan")  # a list of decisions ends it
    assert _sweep(office, decree, "KEEMPAT Keputusan ini mulai berlaku", "Ditetapkan di") >= {2, 3}


def test_the_complaint_receipt_and_the_disposition_sheet_set_their_tables_in_regular_type(office):
    with time_machine.travel(RECEIVED, tick=True):
        ticket, _ = verified(office)
        office.complete(ticket, "klasifikasi", {**KE_UNIT, "instruksi_disposisi": ["klarifikasi"]})
        render_pending(office)
    issued = by_kind(letters(office, ticket))
    for kind, cells in (
        ("tanda_terima_pengaduan", ("Ditelaah dan diverifikasi", "Bila layak", "Pelapor pengaduan")),
        ("lembar_disposisi", ("Kode masalah", "Kategori", "Diteruskan kepada", "Untuk ditindaklanjuti")),
    ):
        lines = _lines(render.pdf(office.rt.settings, unseal(office.rt, issued[kind])))
        for cell in cells:
            font = next(font for _, text, font in lines if cell in text)
            assert "Bold" not in font, (kind, cell, font)
        signature = next(font for _, text, font in lines if text.startswith(office.rt.settings.office_city))
        assert "Bold" not in signature, (kind, signature)
        assert any("Bold" in font for _, text, font in lines if "Tahap selanjutnya" in text or "Klasifikasi" in text)
