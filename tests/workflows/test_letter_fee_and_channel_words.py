"""Two wordings of the letters a review found uneven, as the printout reads them (engine/letters/templates).

- The written notice's item g (UU 14/2008 Pasal 22 ayat (7) huruf g, the fee and how to pay it) said "Tanpa biaya
  (Rp0)." when the request was granted free and "Tidak ada biaya (Rp0)." when it was refused: one phrase now, in
  every notice, "Tanpa biaya (Rp0)." (in English "No fee (IDR 0).").
- The disposition sheet wrote how a complaint came inside the brackets after the time it came: "pukul 10.00
  (Portal layanan (web))". The channel is now a row of its own, "Saluran", as the complaint receipt writes it.
"""

from __future__ import annotations

import io
import re

import time_machine
from pypdf import PdfReader

from engine.letters import render
from engine.letters.issue import unseal
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a letter's words
from tests.workflows.test_complaint_letters import RECEIVED, verified
from tests.workflows.test_letters import at_receipt, by_kind, letters, render_pending, text_of, walk  # noqa: F401
from tests.workflows.test_pengaduan_paths import KE_UNIT


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def _notice(office, outcome: str) -> dict:
    ticket = walk(office, outcome)
    render_pending(office)
    return unseal(office.rt, by_kind(letters(office, ticket))["pemberitahuan_tertulis"])


def _fee_item(text: str) -> str:
    return text.split("g. Biaya dan cara pembayaran", 1)[1].split("Demikian", 1)[0]


def test_a_refused_notice_states_its_fee_as_a_free_grant_does(office, at_receipt):  # noqa: F811
    refused = _notice(office, "ditolak_dikecualikan")
    text = _text(render.pdf(office.rt.settings, refused))
    assert "Tanpa biaya (Rp0)." in _fee_item(text)
    assert "Tidak ada biaya" not in text
    english = {**refused, "letter": {**refused["letter"], "locale": "en"}}
    assert "No fee (IDR 0)." in _text(render.pdf(office.rt.settings, english))


def test_a_free_granted_notice_says_the_same_words(office, at_receipt):  # noqa: F811
    granted = _notice(office, "dikabulkan_seluruhnya")  # tests/helpers.py NOTICE: no fee
    assert "Tanpa biaya (Rp0)." in _fee_item(_text(render.pdf(office.rt.settings, granted)))


def test_the_disposition_sheet_names_the_channel_in_a_row_of_its_own(office):
    with time_machine.travel(RECEIVED, tick=True):
        ticket, _ = verified(office)
        office.complete(ticket, "klasifikasi", {**KE_UNIT, "instruksi_disposisi": ["klarifikasi"]})
        render_pending(office)
    sheet = by_kind(letters(office, ticket))["lembar_disposisi"]
    text = text_of(office, sheet)
    assert "Diterima pada : 11 Januari 2027 pukul 10.00 WIB Saluran : Portal layanan (web)" in text, text
    assert "((" not in text
    assert "))" not in text
    content = unseal(office.rt, sheet)
    english = _text(render.pdf(office.rt.settings, {**content, "letter": {**content["letter"], "locale": "en"}}))
    assert "Channel : Service portal (web)" in english
    assert "))" not in english
