"""A dispute's letters as a Commissioner reads them (Perki 1/2013; legal-process.md §1, §5.3, §10b): the PDF's text.

The power of attorney and the Respondent's written response name the parties as the Commission does (the requester
as the Pemohon, by name alone) and cite the Commission's register number; the office's own ticket appears only as its
own registration number. The response is signed by the attorneys the power of attorney names, and its "Lampiran"
line counts what it encloses, each named at its foot.

On SQLite alone: the letters' words and who may read them are Python's over rows either database returns alike; an
issued letter's numbering and round trip run on PostgreSQL in tests/workflows/test_letters.py.
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from engine import access
from engine.models import Case, User
from tests.conftest import request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_letters import by_kind, letters, render_pending, text_of, walk
from tests.workflows.test_sengketa_paths import BERKAS, SUMMONED, SURAT_KUASA, _dispute

REQUESTER = request_payload()["requester"]
REGISTER = "001/REG-PSI/I/2027"  # tests/workflows/conftest.py Office.dispute: the Commission's register number
KAWAL_NUMBERED = {k: v for k, v in SURAT_KUASA.items() if k != "nomor_surat"}  # the office leaves the number to Kawal


def _objection_ticket(office, dispute: str) -> str:
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == dispute))
        return s.get(Case, case.parent_id).ticket


@pytest.fixture
def summoned():
    with time_machine.travel(SUMMONED, tick=True):
        yield


def _issued(office, power=KAWAL_NUMBERED, file=BERKAS):
    ticket = _dispute(office)
    office.complete(ticket, "surat_kuasa", power)
    office.complete(ticket, "siapkan_berkas", file)
    render_pending(office)
    return ticket, by_kind(letters(office, ticket))


def test_the_response_is_signed_by_the_attorneys_of_the_power_of_attorney_not_by_the_ppid(office, summoned):
    ticket, issued = _issued(office)
    power = issued["surat_kuasa_khusus"]
    response = text_of(office, issued["tanggapan_termohon"])
    # Who speaks and under which mandate: the power of attorney Kawal numbered, by its number and date.
    assert f"berdasarkan Surat Kuasa Khusus Nomor {power.number} tanggal 13 Januari 2027" in response
    assert "bertindak untuk dan atas nama" in response
    signature = response[response.index("Demikian tanggapan ini") :]
    assert "Kuasa Termohon," in signature
    for attorney in SURAT_KUASA["penerima_kuasa"]:
        assert attorney in signature
    assert "Pejabat Pengelola Informasi dan Dokumentasi" not in response  # the PPID is no party to the dispute


def test_a_power_of_attorney_the_office_numbered_itself_is_cited_by_its_own_number(office, summoned):
    _ticket, issued = _issued(office, power=SURAT_KUASA)  # recorded, not issued by Kawal
    assert "surat_kuasa_khusus" not in issued
    response = text_of(office, issued["tanggapan_termohon"])
    assert f"Surat Kuasa Khusus Nomor {SURAT_KUASA['nomor_surat']} tanggal 13 Januari 2027" in response
    assert "Kuasa Termohon," in response


def test_the_response_s_lampiran_line_counts_what_it_encloses_and_its_foot_names_each(office, summoned):
    _ticket, issued = _issued(office)
    response = text_of(office, issued["tanggapan_termohon"])
    # The power of attorney and the three items of evidence (no consequence test: BERKAS attaches none).
    assert re.search(r"Lampiran\s*:\s*4 berkas", response)
    assert not re.search(r"Lampiran\s*:\s*-", response)  # it said "-" beside a text that attached them
    foot = response[response.rindex("Lampiran:") :]
    assert f"1. Salinan Surat Kuasa Khusus Nomor {issued['surat_kuasa_khusus'].number}" in foot
    for n, item in enumerate(BERKAS["daftar_bukti"], start=2):
        assert f"{n}. {item}" in foot


def test_an_attached_consequence_test_is_counted_with_the_determination_it_rests_on(office):
    with time_machine.travel(datetime(2026, 11, 30, 2, 0, tzinfo=UTC), tick=True):
        request = walk(office, "ditolak_dikecualikan")  # the head's determination is a letter of the request
        objection = office.objection(request, ["a"])
        dispute = office.dispute(objection, nomor_register="002/REG-PSI/XI/2026")
        on_ground_a = {k: v for k, v in KAWAL_NUMBERED.items() if k != "wewenang_berdamai"}  # not asked: not mediated
        office.complete(dispute, "surat_kuasa", on_ground_a | {"tanggal": "2026-11-30"})
        office.complete(dispute, "siapkan_berkas", BERKAS | {"uji_konsekuensi_dilampirkan": True})
        render_pending(office)
    determination = by_kind(letters(office, request))["penetapan_pengecualian"]
    response = text_of(office, by_kind(letters(office, dispute))["tanggapan_termohon"])
    assert "Lembar Uji Konsekuensi dan penetapan informasi yang dikecualikan dilampirkan" in response
    assert re.search(r"Lampiran\s*:\s*6 berkas", response)  # power of attorney, 3 items, test record, decree
    foot = response[response.rindex("Lampiran:") :]
    assert "5. Lembar Uji Konsekuensi" in foot
    assert f"6. Keputusan Nomor {determination.number}" in foot
    assert "tentang Penetapan Informasi yang Dikecualikan" in foot


def test_both_dispute_letters_name_the_pemohon_and_the_commission_s_register_number(office, summoned):
    ticket, issued = _issued(office)
    objection = _objection_ticket(office, ticket)
    for kind in ("surat_kuasa_khusus", "tanggapan_termohon"):
        text = text_of(office, issued[kind])
        assert f"Nomor Register {REGISTER} di Komisi Informasi Pusat" in text, kind
        assert f"antara {REQUESTER['name']} selaku Pemohon dan" in text, kind
        assert "selaku Termohon" in text, kind
        # The office's own ticket only as what it is: the objection's registration number at the Respondent.
        for mention in re.finditer(re.escape(objection), text):
            assert "Nomor Registrasi Keberatan" in text[max(0, mention.start() - 60) : mention.start()], kind
        assert ticket not in text, kind  # the dispute's internal ticket means nothing to the Commission
        # The name alone: the Termohon's papers need neither the NIK nor the address.
        assert REQUESTER["nik"] not in text, kind
        assert REQUESTER["address"] not in text, kind
    response = text_of(office, issued["tanggapan_termohon"])
    assert f"Hal : Tanggapan Tertulis Termohon dalam Sengketa Informasi Publik Nomor Register {REGISTER}" in response


def test_letters_naming_the_pemohon_are_read_only_by_those_who_may_read_the_requester_s_identity(office, summoned):
    ticket, issued = _issued(office)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        readers = {name: s.scalar(select(User).where(User.username == name)) for name in ("ppid", "auditor", "kepala")}
        for kind in ("surat_kuasa_khusus", "tanggapan_termohon"):
            letter = issued[kind]
            assert access.can_read_letter(readers["ppid"], case, letter)
            assert not access.can_read_letter(readers["auditor"], case, letter)
            assert not access.can_read_letter(readers["kepala"], case, letter)
