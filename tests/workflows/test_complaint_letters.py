"""A complaint's letters of record (legal-process.md §7.2, §7.3, §10b): numbered, stored with their sha256,
verifiable, and never naming the reporter.

The letters that leave the complaint team (the clarification request to a unit, the memo to the Inspectorate
General, the forwarding letter to another agency) speak of "the report we received"; those to the reporter
(the receipt, the evidence request, the outcome notice) greet "Pelapor" and are theirs to read on the status
page. The disposition sheet is the team's own paper. The tests read the PDF's own text, as the unit, the team
or the reporter would read the printout.
"""

import json
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
import time_machine
from sqlalchemy import select

from engine.letters import issue, records
from engine.letters.render import long_date
from engine.models import Case, CaseEvent, Deadline, Letter, Unit, User
from tests.conftest import REPORTER_NAME, REPORTER_NIK
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
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


def no_identity(office, letter: Letter, text: str, code: str | None = None) -> None:
    """Neither the PDF's text nor the letter's stored content holds the reporter's identity (nor, given the
    reporter's access ``code``, the code)."""
    secrets = (*IDENTITY, code) if code else IDENTITY
    for part in secrets:
        assert part not in text
    with office.sessions() as s:
        content = issue.unseal(office.rt, s.get(Letter, letter.id))
    assert content["requester"] is None
    for part in secrets:
        assert part not in json.dumps(content)


def due_on(office, ticket, name) -> str:
    """The office's day a deadline row of the case falls due, as a letter writes it."""
    with office.sessions() as s:
        due = s.scalar(select(Deadline.due_at).join(Case).where(Case.ticket == ticket, Deadline.name == name))
    return long_date(due.astimezone(office.rt.calendars["strict"].tz).date())


def requester_kinds(office, ticket) -> list[str]:
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        return [x.kind for x in records.for_requester(s, case)]


@pytest.mark.parametrize("mode", ["whistleblower", "rahasia", "anonim"])
def test_the_reporter_gets_a_numbered_receipt_with_what_happens_next_and_never_a_name_or_the_access_code(office, mode):
    ticket, code = office.complaint(mode)
    office.complete(ticket, "catat_pengaduan", CATAT)
    render_pending(office)
    receipt = by_kind(letters(office, ticket))["tanda_terima_pengaduan"]
    assert receipt.number == "B-1/PPID/TTP/I/2027"
    assert (receipt.status, len(receipt.sha256), receipt.to_requester) == ("ready", 64, True)
    text = text_of(office, receipt)
    assert "Tanda Terima Pengaduan" in text
    assert f"Pelapor pengaduan {ticket}" in text
    assert (
        "11 Januari 2027 pukul 10.00 WIB" in text
    )  # date and time of receipt, in the office's zone, as Indonesian writes it
    assert "Portal layanan (web)" in text  # the channel
    assert CATAT["pokok_masalah"] in text
    # what happens next, with the dates that apply: verification (V3) and the statutory 60 days
    assert f"paling lambat 3 hari kerja sejak diterima, yaitu tanggal {due_on(office, ticket, 'V3')}" in text
    statutory = office.rt.calendars["strict"].add_calendar_days(RECEIVED, 60).due_at
    assert long_date(statutory.astimezone(office.rt.calendars["strict"].tz).date()) in text
    # the service standard's two tiers, counted from the receipt as the process counts them (pengaduan.bpmn
    # hitung_sla), and apart from them the statutory limit in calendar days
    assert (
        "paling lambat 14 hari kerja, atau 60 hari kerja bila berkadar pengawasan (perlu pemeriksaan oleh Inspektorat"
        " Jenderal), dihitung sejak pengaduan diterima" in text
    )
    assert "Terpisah dari standar layanan itu, batas waktu menurut undang-undang" in text
    assert "paling lambat 60 hari kalender sejak berkas lengkap (UU 25/2009 Pasal 50; Perpres 76/2013)" in text
    assert "sejak klasifikasi" not in text
    assert "tidak melebihi 60 hari" not in text
    assert "30 hari untuk menjawab" in text  # the evidence window outside SP4N-LAPOR!
    # how to follow the case: where, with the ticket and the code, never the code itself
    assert f"{office.rt.settings.public_url}/publik/status" in text
    assert "/verifikasi/" + receipt.code in text
    no_identity(office, receipt, text, code)
    assert requester_kinds(office, ticket) == ["tanda_terima_pengaduan"]  # on the reporter's status page


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_COMPLAINT_SLA_FROM": "klasifikasi"}])
def test_the_receipt_says_the_resolution_period_counts_from_the_classification_where_the_office_counts_it_so(office):
    """The receipt says where the office's clock starts (KAWAL_COMPLAINT_SLA_FROM); the statutory limit still runs
    from the complete file, the receipt."""
    ticket, _ = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    render_pending(office)
    text = text_of(office, by_kind(letters(office, ticket))["tanda_terima_pengaduan"])
    assert "bila berkadar pengawasan (perlu pemeriksaan oleh Inspektorat Jenderal), dihitung sejak pengaduan" in text
    assert "dihitung sejak pengaduan diklasifikasikan" in text
    assert "dihitung sejak pengaduan diterima" not in text
    assert "60 hari kalender sejak berkas lengkap" in text


@pytest.mark.parametrize("mode", ["whistleblower", "rahasia", "anonim"])
def test_the_disposition_sheet_is_numbered_signed_by_the_head_with_the_classification_unit_instructions_deadline(
    office, mode
):
    ticket, code = verified(office, mode)
    instructions = {"instruksi_disposisi": ["klarifikasi", "laporkan_hasil"], "catatan_disposisi": "Segera ditangani."}
    office.complete(ticket, "klasifikasi", {**KE_UNIT, **instructions})
    render_pending(office)
    sheet = by_kind(letters(office, ticket))["lembar_disposisi"]
    assert sheet.number == "B-1/PPID/LDP/I/2027"
    assert (sheet.status, len(sheet.sha256), sheet.to_requester) == ("ready", 64, False)
    text = text_of(office, sheet)
    assert "Lembar Disposisi Pengaduan" in text
    assert "02 (Pelayanan masyarakat)" in text  # the problem code in words
    assert "Beasiswa dan bantuan" in text
    with office.sessions() as s:
        unit = s.scalar(select(Unit.name).where(Unit.code == "KANWIL"))
    assert f"Diteruskan kepada : {unit}" in text
    assert "(KANWIL)" not in text  # the unit by its name, never its code
    assert f"14 hari kerja, yaitu tanggal {due_on(office, ticket, 'SLA')}" in text  # the resolution deadline
    assert due_on(office, ticket, "S60") in text  # and the statutory limit
    assert "[X] Mintakan klarifikasi kepada pihak terkait" in text
    assert "[X] Laporkan hasilnya kepada pimpinan" in text
    assert "[ ] Untuk diketahui" in text
    assert "Segera ditangani." in text
    assert CATAT["uraian_ringkas"] in text  # the team's summary of the report we received
    # The head disposes (legal-process.md §10b: Head -> unit), and the team officer who classified it signs on the
    # head's behalf (a.n.): never the head's name, who never saw it.
    assert "a.n. Pimpinan Badan Publik, Tim Pengelola Pengaduan," in " ".join(text.split())
    assert "Ketua Tim Pengelola Pengaduan" not in text
    no_identity(office, sheet, text, code)
    assert requester_kinds(office, ticket) == ["tanda_terima_pengaduan"]  # internal: never the reporter's


def test_an_oversight_relevant_complaint_is_disposed_to_the_inspectorate_general_with_its_own_deadline(office):
    ticket, _ = verified(office)
    office.complete(ticket, "klasifikasi", KE_ITJEN)
    render_pending(office)
    text = text_of(office, by_kind(letters(office, ticket))["lembar_disposisi"])
    assert "Berkadar pengawasan : Ya" in text
    assert "Diteruskan kepada : Inspektorat Jenderal" in text
    assert f"yaitu tanggal {due_on(office, ticket, 'SLA')}" in text
    assert "[ ] Untuk ditindaklanjuti" in text  # nothing ticked: the head ticks by hand on the printout
    assert "Catatan: ......" in text  # no note: lines to write on


def test_the_receipt_and_the_disposition_sheet_read_in_english_under_the_same_numbers(office):
    ticket, code = verified(office, "anonim")
    office.complete(ticket, "klasifikasi", KE_UNIT)
    with office.sessions() as s:
        tim = s.scalar(select(User).where(User.username == "tim"))
        originals = by_kind(records.for_case(s, s.scalar(select(Case).where(Case.ticket == ticket))))
        for kind in ("tanda_terima_pengaduan", "lembar_disposisi"):
            issue.translate(s, office.rt, tim, originals[kind], "en")
        s.commit()
    render_pending(office)
    english = {x.kind: x for x in letters(office, ticket) if x.locale == "en"}
    receipt = text_of(office, english["tanda_terima_pengaduan"])
    assert english["tanda_terima_pengaduan"].number == originals["tanda_terima_pengaduan"].number
    assert "Complaint Receipt" in receipt
    assert f"The reporter of complaint {ticket}" in receipt
    assert "11 January 2027 at 10:00 WIB" in receipt
    sheet = text_of(office, english["lembar_disposisi"])
    assert "Complaint Disposition Sheet" in sheet
    assert "02 (Public service)" in sheet
    for letter, text in ((english["tanda_terima_pengaduan"], receipt), (english["lembar_disposisi"], sheet)):
        no_identity(office, letter, text, code)


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
    # A complaint travels as a confidential letter, the same whatever the reporter's mode (the unit learns nothing).
    assert re.search(r"Sifat\s*:\s*(\w+)", text)[1] == "Rahasia"
    no_identity(office, letter, text)


def test_a_complaint_referred_again_gets_a_new_sheet_and_a_clarification_request_to_the_new_unit(office):
    from tests.workflows.test_pengaduan_paths import NOT_OURS

    ticket, code = verified(office)
    office.complete(ticket, "klasifikasi", {**KE_UNIT, "catatan_disposisi": "Segera ditangani."})
    office.complete(ticket, "klarifikasi_unit", NOT_OURS)
    again = {
        "langkah_disposisi": "unit_lain",
        "unit_tujuan": "PENDMAD",
        "catatan_disposisi": "Urusan beasiswa madrasah.",
    }
    office.complete(ticket, "disposisi_ulang", again)
    render_pending(office)
    issued = letters(office, ticket)
    requests = [x for x in issued if x.kind == "surat_permintaan_klarifikasi"]
    sheets = [x for x in issued if x.kind == "lembar_disposisi"]
    assert [x.number for x in requests] == ["B-1/PPID/KLR/I/2027", "B-2/PPID/KLR/I/2027"]
    assert len(sheets) == 2
    with office.sessions() as s:
        names = dict(s.execute(select(Unit.code, Unit.name)).all())
    first, second = (text_of(office, x) for x in sorted(requests, key=lambda x: x.id))
    assert f"Kepala {names['KANWIL']}" in first
    assert f"Kepala {names['PENDMAD']}" in second
    sheet = text_of(office, max(sheets, key=lambda x: x.id))
    assert "Diteruskan kepada : PENDMAD" in sheet  # the unit named PENDMAD here (its code and name alike)
    assert (
        "Disposisi ulang : unit yang diminta klarifikasi sebelumnya menyatakan laporan ini bukan kewenangannya" in sheet
    )
    assert "Urusan beasiswa madrasah." in sheet
    assert "Segera ditangani." not in sheet  # the note of this disposition, not the first one's
    assert "Disposisi ulang" not in text_of(office, min(sheets, key=lambda x: x.id))
    for letter in (*requests, *sheets):
        no_identity(office, letter, text_of(office, letter), code)
    with office.sessions() as s:  # the sealed request to the unit holds nothing of the team's note
        assert (
            "catatan_disposisi"
            not in issue.unseal(office.rt, s.get(Letter, max(requests, key=lambda x: x.id).id))["data"]
        )
    with office.sessions() as s:  # in English, under the same number, the sheet says the same
        tim = s.scalar(select(User).where(User.username == "tim"))
        issue.translate(s, office.rt, tim, s.get(Letter, max(sheets, key=lambda x: x.id).id), "en")
        s.commit()
    render_pending(office)
    [english] = [x for x in letters(office, ticket) if x.kind == "lembar_disposisi" and x.locale == "en"]
    text = text_of(office, english)
    assert "Referred again : the unit asked to clarify before answered that the report is not its matter" in text
    assert "Urusan beasiswa madrasah." in text
    with office.sessions() as s:  # the first letters, copied after the re-referral, still name the first unit
        tim = s.scalar(select(User).where(User.username == "tim"))
        for letter in (min(sheets, key=lambda x: x.id), min(requests, key=lambda x: x.id)):
            issue.translate(s, office.rt, tim, s.get(Letter, letter.id), "en")
        s.commit()
    render_pending(office)
    first_en = {x.kind: x for x in letters(office, ticket) if x.locale == "en" and x.number.startswith("B-1/")}
    first_sheet = text_of(office, first_en["lembar_disposisi"])
    assert f"Referred to : {names['KANWIL']}" in first_sheet
    assert "(KANWIL)" not in first_sheet
    assert "02 (Public service)" in first_sheet  # the classification's codes, worded in English
    assert "Segera ditangani." in first_sheet  # the first sheet's note, not the re-referral's
    assert "Urusan beasiswa madrasah." not in first_sheet
    assert "Referred again" not in first_sheet
    assert names["KANWIL"] in text_of(office, first_en["surat_permintaan_klarifikasi"])
    assert "PENDMAD" not in text_of(office, first_en["surat_permintaan_klarifikasi"])


def test_the_team_assessing_a_clarification_itself_issues_no_letter(office):
    from tests.workflows.test_pengaduan_paths import NOT_OURS

    ticket, _ = verified(office)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", NOT_OURS)
    before = len(letters(office, ticket))
    office.complete(ticket, "disposisi_ulang", {"langkah_disposisi": "tim_menilai"})
    assert len(letters(office, ticket)) == before


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
    # The deadline whose lapse deems the complaint withdrawn (UU 25/2009 Pasal 45): its length and its date.
    due = office.deadline(ticket, "BUKTI").due_at.astimezone(timezone(timedelta(hours=7)))
    flat = " ".join(text.split())
    assert "dalam waktu 30 hari" in flat
    assert f"paling lambat tanggal {long_date(due.date())} pukul {due:%H.%M} WIB" in flat  # with the office's zone
    no_identity(office, evidence, text)
    # the receipt and the evidence request; the unit's clarification request and the team's disposition sheet
    # are not the reporter's
    assert requester_kinds(office, ticket) == ["tanda_terima_pengaduan", "surat_permintaan_bukti"]


def test_the_memo_to_the_inspectorate_is_numbered_by_kawal_unless_the_office_gave_its_number(office):
    ticket, _ = verified(office)
    office.complete(ticket, "klasifikasi", KE_ITJEN)
    office.complete(ticket, "rujukan_itjen", {"tanggal": "2027-01-11"})
    render_pending(office)
    memo = by_kind(letters(office, ticket))["nota_dinas_itjen"]
    assert re.search(r"Lampiran\s*:\s*-", text_of(office, memo))  # nobody on file: no annex
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
    # Where the reporter may go when not satisfied (UU 25/2009 Pasal 40, 46; Perpres 76/2013).
    assert "Ombudsman Republik Indonesia" in " ".join(text.split())
    assert "SP4N-LAPOR!" in text
    no_identity(office, notice, text)
    with office.sessions() as s:
        verification = records.verify(s, office.rt, notice.code, notice.sha256)
        issued = s.scalars(
            select(CaseEvent.data).join(Case).where(Case.ticket == ticket, CaseEvent.type == "letter_issued")
        ).all()
    assert verification.checked == "generated"
    assert notice.number in [e["number"] for e in issued]


def test_a_complaint_sent_by_whatsapp_is_recorded_under_its_channel_and_its_receipt_says_so(office):
    """Complaints come by WhatsApp too (peers.md: KPK, Kominfo): the team records one under its own channel, and the
    numbered receipt says how it came, as for every other channel."""
    ticket, _code = office.complaint("anonim", channel="medsos")
    office.complete(ticket, "catat_pengaduan", CATAT)
    render_pending(office)
    receipt = by_kind(letters(office, ticket))["tanda_terima_pengaduan"]
    assert "WhatsApp atau media sosial" in text_of(office, receipt)


def test_the_inspectorate_gets_the_reported_persons_on_an_annex_only_the_team_reads(office):
    """The memo says who is reported by position only (units and auditors read it); the names the Inspectorate
    needs to examine them go on an annex of their own (KMA 765/2018: the reported's confidentiality), numbered
    with the memo, naming it, and read by the complaint team alone."""
    from engine import access, reported_party
    from tests.api.test_reported_persons import HARTO, RINA

    def with_persons(ticket):
        with office.sessions() as s:
            case = s.scalar(select(Case).where(Case.ticket == ticket))
            tim = s.scalar(select(User).where(User.username == "tim"))
            reported_party.record(s, office.rt, tim, case, {"terlapor": [HARTO, RINA]})
            s.commit()

    ticket, code = verified(office)
    with_persons(ticket)
    office.complete(ticket, "klasifikasi", KE_ITJEN)
    office.complete(ticket, "rujukan_itjen", {"tanggal": "2027-01-11"})
    render_pending(office)
    issued = by_kind(letters(office, ticket))
    memo, annex = issued["nota_dinas_itjen"], issued["lampiran_terlapor"]
    assert (annex.number, annex.letter_date.isoformat()) == ("B-1/PPID/LDT/I/2027", "2027-01-11")
    text = text_of(office, annex)
    assert f"Lampiran Nota Dinas Nomor {memo.number}" in text
    for part in (
        "Suharto Wibisono",
        "19750312 200003 1 004",
        "Petugas pendaftaran",
        "MAN 3 Kota Contoh",
        "Rina Marlina",
    ):
        assert part in text
    assert "Satuan pendidikan" in text  # the agency's category in words
    no_identity(office, annex, text, code)  # never the reporter
    memo_text = text_of(office, memo)
    assert "Suharto" not in memo_text
    assert re.search(r"Lampiran\s*:\s*1 berkas", memo_text)  # the memo says it has the annex
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        row = s.get(Letter, annex.id)
        readers = {u.username: access.can_read_letter(u, case, row) for u in s.scalars(select(User))}
    assert {name for name, reads in readers.items() if reads} == {"tim", "tim2", "wbs", "wbs2"}  # not "auditor"
    # The office numbered its own memo: the annex names that number.
    other, _ = verified(office)
    with_persons(other)
    office.complete(other, "klasifikasi", KE_ITJEN)
    office.complete(other, "rujukan_itjen", {"nomor_nota_dinas": "ND-12/Kw.13/PS.00/01/2027", "tanggal": "2027-01-11"})
    render_pending(office)
    assert "Lampiran Nota Dinas Nomor ND-12/Kw.13/PS.00/01/2027" in text_of(
        office, by_kind(letters(office, other))["lampiran_terlapor"]
    )
    # Nobody on file: no annex.
    bare, _ = verified(office)
    office.complete(bare, "klasifikasi", KE_ITJEN)
    office.complete(bare, "rujukan_itjen", {"tanggal": "2027-01-11"})
    assert "lampiran_terlapor" not in by_kind(letters(office, bare))


def test_persons_recorded_after_the_referral_get_the_inspectorates_annex_once(office):
    """The referral issues the annex only for the persons on file then; the team often learns the names later. The
    first recording after the referral issues it (dated that day, naming the memo); a later change does not issue
    another (the team corrects the annex, which prints the persons as they are then)."""
    from engine.letters.issue import record_reported
    from tests.api.test_reported_persons import HARTO, RINA

    def record(ticket, persons):
        with office.sessions() as s:
            case = s.scalar(select(Case).where(Case.ticket == ticket))
            tim = s.scalar(select(User).where(User.username == "tim"))
            _, annex = record_reported(s, office.rt, tim, case, {"terlapor": persons})
            s.commit()
            return annex.number if annex is not None else None

    early, _ = verified(office)
    assert record(early, [HARTO]) is None  # not referred yet: the referral issues it
    ticket, code = verified(office)
    office.complete(ticket, "klasifikasi", KE_ITJEN)
    office.complete(ticket, "rujukan_itjen", {"tanggal": "2027-01-11"})
    assert "lampiran_terlapor" not in by_kind(letters(office, ticket))
    number = record(ticket, [HARTO])
    assert number is not None
    assert record(ticket, [HARTO, RINA]) is None  # a change later: no second annex
    render_pending(office)
    issued = [row for row in letters(office, ticket) if row.kind == "lampiran_terlapor"]
    assert [row.number for row in issued] == [number]
    text = text_of(office, issued[0])
    assert f"Lampiran Nota Dinas Nomor {by_kind(letters(office, ticket))['nota_dinas_itjen'].number}" in text
    assert "Suharto Wibisono" in text
    no_identity(office, issued[0], text, code)
