"""The superior's response to an objection (Tanggapan Atasan PPID) as the requester reads its PDF: it names the
Komisi Informasi they may go to and the calendar day the 14 working days end (UU 14/2008 Pasal 37(2)) as the e-mail
and the status page count them; a granted objection's order says in how many working days the PPID hands the
information over, and that the law itself sets no such period (legal-process.md §3.5); the copy to the PPID names the
office as a sentence writes it, not in the letterhead's capitals.

On SQLite alone: the letter's words and the window's last day are Python's over rows either database returns alike;
an issued letter's numbering and round trip run on PostgreSQL in tests/workflows/test_letters.py.
"""

import dataclasses

from sqlalchemy import select

from engine import chain
from engine.letters import context
from engine.models import Case
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_keberatan_paths import _decided, _to_superior
from tests.workflows.test_letters import at_receipt, by_kind, letters, render_pending, text_of  # noqa: F401

DAY = "2026-11-30"  # Monday: decided and sent on the day the objection came in


def _responded(office, keputusan, **extra) -> str:
    request = _decided(office, "ditolak_dikecualikan")
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    data = {"keputusan": keputusan, "tanggal_keputusan": DAY, **extra}
    office.complete(objection, "putuskan_keberatan", data)
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": DAY, "dikirim_melalui": "email"})
    render_pending(office)
    return objection


def _response(office, objection) -> str:
    return " ".join(text_of(office, by_kind(letters(office, objection))["tanggapan_atasan"]).split())


def test_the_response_names_the_commission_and_the_day_the_dispute_window_ends(office, at_receipt):  # noqa: F811
    reasons = "Informasi dikecualikan berdasarkan Pasal 17 huruf h; uji konsekuensi terlampir."
    objection = _responded(
        office, "keberatan_ditolak", alasan_tertulis=reasons, komisi_informasi="Komisi Informasi Provinsi Jawa Timur"
    )
    with office.sessions() as s:
        window = chain.dispute_window(office.rt, s, s.scalar(select(Case).where(Case.ticket == objection)))
    last_day = window.due_at.astimezone(window.tz).date()
    # The window the e-mail and the status page give: Kawal's e-mail went at 09:00 WIB, in office hours, so 30 Nov is
    # day zero on every reading (legal-process.md §2.2); it was counted from the end of that day (21 Dec).
    assert last_day.isoformat() == "2026-12-18"
    text = _response(office, objection)
    assert "kepada Komisi Informasi Provinsi Jawa Timur paling lambat 14 (empat belas) hari kerja" in text
    # Received on the letter's date, its hour unknown to the letter: the earliest reading's end, safe to follow.
    assert "batas tersebut jatuh pada tanggal 18 Desember 2026 menurut perhitungan yang paling awal" in text
    assert "PPID menyerahkan informasi" not in text  # upheld: nothing to hand over


def test_a_granted_response_orders_the_delivery_in_the_office_s_working_days_and_says_the_law_sets_none(
    office,
    at_receipt,  # noqa: F811
):
    objection = _responded(office, "keberatan_dikabulkan_seluruhnya", perintah_kepada_ppid="Serahkan dokumen")
    text = _response(office, objection)
    days = office.rt.settings.delivery_days
    assert "Perintah kepada PPID: Serahkan dokumen. PPID menyerahkan informasi tersebut kepada Saudara paling" in text
    assert f"paling lambat {days} hari kerja setelah tanggapan ini dikirim" in text
    assert "UU 14/2008 tidak menetapkan jangka waktu penyerahan informasi setelah keberatan dikabulkan" in text
    # No Commission named: the office's own (KAWAL_COMMISSION_NAME), as the completion stores it (engine.inbox)
    assert f"kepada {office.rt.settings.commission_name} paling lambat" in text


def test_the_copy_to_the_ppid_names_the_office_as_a_sentence_writes_it(office, at_receipt):  # noqa: F811
    office.rt.settings = dataclasses.replace(
        office.rt.settings, office_name="KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI DKI JAKARTA"
    )
    objection = _responded(
        office, "keberatan_ditolak", alasan_tertulis="Informasi dikecualikan berdasarkan Pasal 17 huruf h."
    )
    text = _response(office, objection)
    assert (
        "Tembusan: Pejabat Pengelola Informasi dan Dokumentasi Kantor Wilayah Kementerian Agama Provinsi DKI Jakarta."
        in text
    )


def test_an_office_name_keeps_its_abbreviations_and_a_name_written_in_small_letters_is_kept():
    assert context.name_in_text("KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI JAWA TIMUR") == (
        "Kantor Wilayah Kementerian Agama Provinsi Jawa Timur"
    )
    assert context.name_in_text("KANTOR WILAYAH KEMENTERIAN AGAMA DAERAH ISTIMEWA YOGYAKARTA").endswith(
        "Daerah Istimewa Yogyakarta"
    )
    assert context.name_in_text("Kanwil Kemenag Prov. Jatim") == "Kanwil Kemenag Prov. Jatim"


def test_a_requester_writing_in_english_reads_the_same_in_the_english_copy(office, at_receipt):  # noqa: F811
    from engine import intake
    from tests.conftest import request_payload

    with office.sessions.begin() as s:
        request = intake.submit_request(s, office.rt, request_payload(), locale="en").case.ticket
    _decided(office, "ditolak_dikecualikan", ticket=request)
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    granted = {
        "keputusan": "keberatan_dikabulkan_seluruhnya",
        "tanggal_keputusan": DAY,
        "perintah_kepada_ppid": "Hand over the list",
        "komisi_informasi": "Komisi Informasi Pusat",
    }
    office.complete(objection, "putuskan_keberatan", granted)
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": DAY, "dikirim_melalui": "email"})
    render_pending(office)
    english = next(x for x in letters(office, objection) if x.kind == "tanggapan_atasan" and x.locale == "en")
    text = " ".join(text_of(office, english).split())
    days = office.rt.settings.delivery_days
    assert f"no later than {days} working days after this response is sent" in text
    assert "Law 14/2008 sets no period for handing information over after an objection is upheld" in text
    assert "apply to the Komisi Informasi Pusat to settle the dispute" in text
    assert "that period ends on 18 December 2026 on the earliest count" in text
    assert "Management Officer of Kantor Wilayah Kementerian Agama." in text
