"""A complaint's letters of record (legal-process.md §7.2, §7.3, §10b): numbered, stored with their sha256,
verifiable, and never naming the reporter.

The letters that leave the complaint team (the clarification request to a unit, the memo to the Inspectorate
General, the forwarding letter to another agency) speak of "the report we received"; those to the reporter
(the evidence request, the outcome notice) greet "Pelapor" and are theirs to read on the status page. The
tests read the PDF's own text, as the unit or the reporter would read the printout.
"""

import json
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from engine.letters import issue, records
from engine.models import Case, CaseEvent, Letter
from tests.conftest import REPORTER_NAME, REPORTER_NIK
from tests.workflows.test_letters import by_kind, letters, render_pending, text_of
from tests.workflows.test_pengaduan_paths import CATAT, KE_ITJEN, KE_UNIT, LAYAK, NOTICE, QUESTION, TANGGAPAN_UNIT

RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB
IDENTITY = (REPORTER_NAME, REPORTER_NIK, "Jl. Rahasia", "pelapor.rahasia@example.org", "0000 7777")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def verified(office, mode="whistleblower"):
    ticket, code = office.complaint(mode)
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    return ticket, code


def no_identity(office, letter: Letter, text: str) -> None:
    for part in IDENTITY:
        assert part not in text
    with office.sessions() as s:
        content = issue.unseal(office.rt, s.get(Letter, letter.id))
    assert content["requester"] is None
    for part in IDENTITY:
        assert part not in json.dumps(content)


@pytest.mark.parametrize("mode", ["whistleblower", "rahasia", "anonim"])
def test_a_unit_gets_a_numbered_clarification_request_that_never_names_the_reporter(office, mode):
    ticket, _ = verified(office, mode)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    render_pending(office)
    letter = by_kind(letters(office, ticket))["surat_permintaan_klarifikasi"]
    assert letter.number == "B-1/PPID/KLR/I/2027"
    assert (letter.status, len(letter.sha256), letter.to_requester) == ("ready", 64, False)
    text = text_of(office, letter)
    assert "Surat Permintaan Klarifikasi" in text
    assert "laporan yang kami terima" in text
    assert CATAT["uraian_ringkas"] in text
    assert "/verifikasi/" + letter.code in text
    no_identity(office, letter, text)


def test_the_evidence_request_and_the_outcome_go_to_the_reporter_as_pelapor_on_the_status_page(office):
    ticket, _ = verified(office)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", {"hasil": "perlu_bukti_pelapor", "ringkasan": "Klarifikasi selesai."})
    office.complete(ticket, "minta_bukti", {"pertanyaan": QUESTION})
    render_pending(office)
    evidence = by_kind(letters(office, ticket))["surat_permintaan_bukti"]
    text = text_of(office, evidence)
    assert f"Pelapor pengaduan {ticket}" in text
    assert QUESTION in text
    no_identity(office, evidence, text)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        shown = [x.kind for x in records.for_requester(s, case)]
    assert shown == ["surat_permintaan_bukti"]  # the unit's clarification request is not the reporter's


def test_the_memo_to_the_inspectorate_is_numbered_by_kawal_unless_the_office_gave_its_number(office):
    ticket, _ = verified(office)
    office.complete(ticket, "klasifikasi", KE_ITJEN)
    office.complete(ticket, "rujukan_itjen", {"tanggal": "2027-01-11"})
    render_pending(office)
    memo = by_kind(letters(office, ticket))["nota_dinas_itjen"]
    assert (memo.number, memo.letter_date.isoformat()) == ("B-1/PPID/ND/I/2027", "2027-01-11")
    text = text_of(office, memo)
    assert "Inspektur Jenderal" in text
    assert "kode masalah 03" in text
    no_identity(office, memo, text)
    other, _ = verified(office)
    office.complete(other, "klasifikasi", KE_ITJEN)
    office.complete(other, "rujukan_itjen", {"nomor_nota_dinas": "ND-12/Kw.13/PS.00/01/2027", "tanggal": "2027-01-11"})
    assert "nota_dinas_itjen" not in by_kind(letters(office, other))


def test_a_complaint_outside_the_office_is_forwarded_by_a_letter_naming_the_agency_not_the_reporter(office):
    ticket, _ = office.complaint("whistleblower")
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(
        ticket,
        "verifikasi",
        {
            "hasil": "diteruskan_instansi_lain",
            "alasan": "Sengketa tanah antarwarga",
            "alasan_untuk_pelapor": "Sengketa tanah antarwarga menjadi kewenangan Kantor Pertanahan.",
            "instansi_tujuan": "Kantor Pertanahan Kota Contoh",
        },
    )
    office.complete(ticket, "surat_penerusan", {"tanggal": "2027-01-11", "instansi_tujuan": "Kantor Pertanahan"})
    render_pending(office)
    forwarding = by_kind(letters(office, ticket))["surat_penerusan"]
    text = text_of(office, forwarding)
    assert "Kantor Pertanahan" in text
    assert "Identitas pelapor tidak kami sertakan" in text
    no_identity(office, forwarding, text)


def test_the_outcome_notice_is_a_letter_of_record_with_its_hash_in_the_history(office):
    ticket, _ = verified(office)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", {"hasil": "tidak_cukup_bukti", "ringkasan": "Bukti tidak cukup."})
    office.complete(ticket, "pemberitahuan_hasil", NOTICE)
    render_pending(office)
    notice = by_kind(letters(office, ticket))["pemberitahuan_hasil"]
    assert notice.letter_date.isoformat() == NOTICE["tanggal"]
    text = text_of(office, notice)
    assert NOTICE["ringkasan_untuk_pelapor"] in text
    no_identity(office, notice, text)
    with office.sessions() as s:
        verification = records.verify(s, office.rt, notice.code, notice.sha256)
        issued = s.scalars(
            select(CaseEvent.data).join(Case).where(Case.ticket == ticket, CaseEvent.type == "letter_issued")
        ).all()
    assert verification.checked == "generated"
    assert notice.number in [e["number"] for e in issued]
