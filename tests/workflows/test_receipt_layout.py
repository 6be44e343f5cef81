"""The registered receipt, the payment receipt (kuitansi) and the objection receipt read as one record each: no empty
gap after their facts.

A tester saw three empty lines between each receipt's facts and the sentence after them, as the handover receipt had
(fixed there first). fpdf2 leaves an empty line after each table, drawn before the next paragraph; the requester's
rows and the case's were two tables in a row, so two such lines piled up (engine.letters.render). They are one table
now, unless the paragraph naming the proxy who filed it stands between them: the sentence after a receipt's facts is
as far from them as the kuitansi's sentence after its table of items is from that table.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from pypdf import PdfReader

from engine.files import FileStore
from engine.letters import production
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a letter's layout
from tests.workflows import test_legal_fees_and_delivery as fees
from tests.workflows.test_legal_fees_and_delivery import PAPER_BY_POST, _notice, _to_notice, _without_typed_fee
from tests.workflows.test_letters import by_kind, letters, render_pending, walk

clock, standard = fees.clock, fees.standard  # its fixtures: the office's clock and fee standard


def _lines(office, letter) -> list[tuple[float, str]]:
    """The letter's first page as (height from the bottom, text) of each piece of text, top to bottom."""
    data = production.file_bytes(FileStore(office.rt.settings.files_dir, office.rt.vault), letter)
    found = []
    PdfReader(io.BytesIO(data)).pages[0].extract_text(
        visitor_text=lambda text, cm, tm, font, size: text.strip() and found.append((tm[5], text.strip()))
    )
    return sorted(found, key=lambda line: -line[0])


def _gap_after(lines, start: str) -> float:
    """From the line starting with ``start`` down to the next line below it."""
    y = next(height for height, text in lines if text.startswith(start))
    return y - max(height for height, _ in lines if height < y)


def _gap_before(lines, start: str) -> float:
    """From the line above the one starting with ``start`` down to it."""
    y = next(height for height, text in lines if text.startswith(start))
    return min(height for height, _ in lines if height > y) - y


def test_each_receipt_s_facts_are_followed_by_no_more_space_than_the_kuitansi_s_table_of_items(office, clock, standard):
    ticket = office.submit(**PAPER_BY_POST)
    _to_notice(office, ticket, clock)
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice(jumlah_halaman=30)))
    clock.move_to(datetime(2026, 12, 10, 3, 0, tzinfo=UTC))
    paid = {"jumlah_dibayar": 15_000, "nomor_tanda_bukti_pembayaran": "BRI-778812", "tanggal_pembayaran": "2026-12-10"}
    office.complete(ticket, "catat_pembayaran", paid)
    refused = walk(office, "ditolak_dikecualikan")
    objection = office.objection(refused, ["a"])
    registered = {"cara_kirim_tanda_terima": "email"}
    office.complete(objection, "registrasi_keberatan", registered)  # its receipt, the registered form's copy
    render_pending(office)

    made = by_kind(letters(office, ticket))
    kuitansi = _lines(office, made["kuitansi"])
    after_items = _gap_before(kuitansi, "Akses informasi")  # the sentence after the table of items
    assert _gap_after(kuitansi, "Tanggal pembayaran") <= after_items + 2, (after_items, kuitansi)

    receipt = _lines(office, made["tanda_bukti_penerimaan"])
    assert _gap_after(receipt, "Cara mendapatkan salinan") <= after_items + 2, (after_items, receipt)

    objection_receipt = _lines(office, by_kind(letters(office, objection))["tanda_terima_keberatan"])
    assert _gap_after(objection_receipt, "Kasus posisi") <= after_items + 2, (after_items, objection_receipt)
