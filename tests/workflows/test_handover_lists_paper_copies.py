"""The handover record lists the paper copies and storage media it hands over (legal-process.md §3.10
INFORMASI_DISERAHKAN, §10b: Tanda Bukti Penyerahan / Berita Acara Serah Terima).

A tester saw a printed copy handed over at the desk whose record said only "Salinan cetak informasi diserahkan
langsung kepada penerima; tidak ada berkas elektronik": not what was handed over, nor how much. The delivery form
records no paper (its fields: the date, the way, the receiver, the files); the officer recorded what is given, on what
and how much, in the written notice (letter d ``materi_diberikan``, letter f ``media_format``, letter g's quantities
``jumlah_halaman``, ``media_salinan`` and ``jumlah_media``, the fee the requester paid for). The first handover's
record lists them so; a later handover (after an objection) hands over what the superior's response ordered, not the
notice's material, and keeps its sentence.

On SQLite alone: a letter's words.
"""

from __future__ import annotations

from datetime import UTC, datetime

from engine import intake
from tests.conftest import request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a letter's words
from tests.helpers import DELIVERED
from tests.workflows import test_legal_fees_and_delivery as fees
from tests.workflows.test_legal_fees_and_delivery import _notice, _to_notice, _without_typed_fee
from tests.workflows.test_letters import letters, render_pending, text_of

clock, standard = fees.clock, fees.standard  # its fixtures: the office's clock and fee standard
PAID = {"jumlah_dibayar": 15_000, "cara_bayar": "tunai", "tanggal_pembayaran": "2026-12-10"}


def _handed_over(
    office, clock, request: dict, notice: dict, paid: dict | None, delivery: dict, files=None, locale="id"
) -> dict[str, str]:
    """The handover record's text in each language it was made in (English too for an English requester)."""
    with office.sessions.begin() as s:  # the requester's language: English gets an English copy too
        ticket = intake.submit_request(s, office.rt, request_payload(**request), locale=locale).case.ticket
    _to_notice(office, ticket, clock)
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice(**notice)))
    clock.move_to(datetime(2026, 12, 10, 3, 0, tzinfo=UTC))
    if paid:
        office.complete(ticket, "catat_pembayaran", paid)
    office.complete(ticket, "penyerahan_informasi", {"tanggal_penyerahan": "2026-12-10", **delivery}, files=files)
    render_pending(office)
    return {x.locale: text_of(office, x) for x in letters(office, ticket) if x.kind == "berita_acara_serah_terima"}


def test_a_printed_copy_handed_over_in_person_is_listed_with_its_material_and_pages(office, clock, standard):
    said = _handed_over(
        office,
        clock,
        {"obtain_method": "salinan_hardcopy", "delivery_method": "langsung"},
        {"jumlah_halaman": 30, "materi_diberikan": "Daftar penerima beasiswa 2026", "media_format": "Salinan cetak"},
        PAID,
        {"cara_penyerahan": "langsung", "biaya_dibayar": 15_000},
    )["id"]
    assert "Salinan cetak informasi diserahkan langsung kepada penerima" in said
    assert "Daftar penerima beasiswa 2026" in said
    assert "Yang diserahkan, sebagaimana dicatat dalam pemberitahuan tertulis (media dan format: Salinan cetak)" in said
    assert "Salinan cetak: Daftar penerima beasiswa 2026 30 lembar halaman cetak" in said


def test_both_copies_by_post_list_the_pages_and_the_cd_beside_the_files_in_english_too(office, clock, standard):
    request = {"obtain_method": "salinan_hardcopy", "delivery_method": "pos"}
    notice = {
        "jumlah_halaman": 40,
        "media_salinan": "cd",
        "jumlah_media": 2,
        "dikirim_pos": True,
        "bentuk_salinan": "softcopy_hardcopy",
        "materi_diberikan": "Laporan keuangan 2025",
    }
    paid = {**PAID, "jumlah_dibayar": 60_000}
    delivery = {"cara_penyerahan": "pos", "biaya_dibayar": 60_000}
    files = {"berkas_informasi": [("laporan.pdf", DELIVERED)]}
    made = _handed_over(office, clock, request, notice, paid, delivery, files, locale="en")
    said, english = made["id"], made["en"]
    assert "laporan.pdf" in said  # the files on the CD, by name and digest, as before
    assert "Salinan cetak: Laporan keuangan 2025 40 lembar halaman cetak" in said
    assert "Media penyimpanan berisi salinan elektronik: Laporan keuangan 2025 2 keping CD" in said
    assert "What was handed over, as recorded in the written notice" in english
    assert "Printed copy: Laporan keuangan 2025 40 printed pages" in english
    assert "Storage medium holding the digital copy: Laporan keuangan 2025 2 CDs" in english


def test_an_email_delivery_lists_no_paper_and_no_medium(office, clock, standard):
    """By e-mail nothing goes on paper or a medium: the files alone, as before."""
    said = _handed_over(
        office,
        clock,
        {"obtain_method": "salinan_softcopy", "delivery_method": "email"},
        {"materi_diberikan": "Daftar penerima beasiswa 2026"},
        None,
        {"cara_penyerahan": "email"},
        {"berkas_informasi": [("informasi.pdf", DELIVERED)]},
    )["id"]
    assert "informasi.pdf" in said
    assert "Yang diserahkan, sebagaimana" not in said


def printed_copy_handed_over(office, clock) -> None:
    """A printed copy of 30 pages, paid, handed over at the desk: the record the hand-over record's tests read."""
    _handed_over(
        office,
        clock,
        {"obtain_method": "salinan_hardcopy", "delivery_method": "langsung"},
        {"jumlah_halaman": 30, "materi_diberikan": "Daftar penerima beasiswa 2026", "media_format": "Salinan cetak"},
        PAID,
        {"cara_penyerahan": "langsung", "biaya_dibayar": 15_000},
    )
