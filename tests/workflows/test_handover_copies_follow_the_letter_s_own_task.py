"""Whether a handover record lists the written notice's copies is decided by the letter's own task, not by whatever
the case completed last (legal-process.md §3.10, §4.4; engine.letters.context ``_copies``).

The first handover (``penyerahan_informasi``) lists what the notice recorded was given on paper or a medium; a later
one (``penyerahan_lanjutan``, after an objection granted or settled) hands over what was ordered or agreed then and
keeps its sentence. A correction rebuilds the letter's context from the case as it is now
(engine.letters.issue.correct): the first handover's record corrected after the later handover was completed must
still list its copies, as the letter it corrects did.

On SQLite alone: a letter's words.
"""

from __future__ import annotations

from sqlalchemy import select

from engine import kinds
from engine.letters import issue
from engine.models import Case, Letter
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a letter's words
from tests.workflows import test_legal_fees_and_delivery as fees
from tests.workflows.test_handover_lists_paper_copies import PAID, _handed_over
from tests.workflows.test_letters import letters, render_pending, text_of

clock, standard = fees.clock, fees.standard  # its fixtures: the office's clock and fee standard
HANDOVER = "berita_acara_serah_terima"
LISTED = "Yang diserahkan, sebagaimana dicatat dalam pemberitahuan tertulis"
PAGES = "Salinan cetak: Daftar penerima beasiswa 2026 30 lembar halaman cetak"


def _handed_over_twice(office, clock) -> str:
    """A printed copy handed over at the desk, an objection settled by agreement to hand the information over, and
    it handed over at the desk again (``penyerahan_lanjutan``): the request's ticket."""
    first = _handed_over(
        office,
        clock,
        {"obtain_method": "salinan_hardcopy", "delivery_method": "langsung"},
        {"jumlah_halaman": 30, "materi_diberikan": "Daftar penerima beasiswa 2026", "media_format": "Salinan cetak"},
        PAID,
        {"cara_penyerahan": "langsung", "biaya_dibayar": 15_000},
    )["id"]
    assert PAGES in first
    with office.sessions() as s:
        request = s.scalar(select(Case.ticket).where(Case.kind == kinds.REQUEST))
    objection = office.objection(request, ["g"])
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "langsung"})
    settled = {"hasil": "sepakat", "kesepakatan": "Data lengkap diserahkan", "informasi_diserahkan": True}
    office.complete(objection, "tawarkan_musyawarah", {**settled, "tanggal": "2026-12-10"})
    office.complete(
        request,
        "penyerahan_lanjutan",
        {"tanggal_penyerahan": "2026-12-10", "cara_penyerahan": "langsung", "biaya_dibayar": 0},
    )
    render_pending(office)
    return request


def test_a_later_handover_keeps_its_sentence_and_lists_no_copies_of_the_notice(office, clock, standard):
    request = _handed_over_twice(office, clock)
    first, later = [x for x in letters(office, request) if x.kind == HANDOVER and x.locale == "id"]
    assert (first.task, later.task) == ("penyerahan_informasi", "penyerahan_lanjutan")
    said = text_of(office, later)
    assert "Salinan cetak informasi diserahkan langsung kepada penerima" in said
    assert LISTED not in said


def test_the_first_handover_corrected_after_a_later_one_still_lists_its_copies(office, clock, standard):
    request = _handed_over_twice(office, clock)
    first = next(x for x in letters(office, request) if x.kind == HANDOVER and x.locale == "id")
    with office.sessions.begin() as s:
        original = s.get(Letter, first.id)
        number = issue.correct(s, office.rt, office.user(s, "ppid"), original, "Tanggal penyerahan salah ketik").number
    render_pending(office)
    said = text_of(office, next(x for x in letters(office, request) if x.number == number))
    assert f"Surat ini mengoreksi surat Nomor {first.number}" in said
    assert LISTED in said
    assert PAGES in said
