"""The agency's letters as a reader checks them: the PDF's own text, walking a request to each outcome.

Each letter is issued in the transaction of the task that issues it (numbered, content frozen) and made
into a PDF afterwards (engine.letters.production, here run as the job runs it); the tests read the PDF
with pypdf, as a court clerk would read the printout.

On PostgreSQL too: the letters' numbering within the year (a counter the processes share), a task completed while its
letter is rendered (the case's optimistic lock, the lost attempt rolled back) and one issued letter's round trip (its
sealed content, its events). The others (``sqlite_only``) check what Python writes and decides over rows either
database returns alike: the letters' wording and languages, the form's checks, what the verification page shows.
"""

import io
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from engine import exemptions, inbox
from engine.errors import Invalid
from engine.files import FileStore
from engine.letters import issue, production, records, render
from engine.models import Case, CaseEvent, Exemption, Letter
from tests.conftest import request_payload, sqlite_only
from tests.helpers import STEP, dated, decision

NIK = request_payload()["requester"]["nik"]
NAME = request_payload()["requester"]["name"]
# UU 14/2008 Pasal 22(7) a-g as the written notice names each item.
PASAL_22_7 = (
    "a. Penguasaan informasi",
    "b. Badan publik yang menguasai informasi",
    "c. Permohonan diterima atau ditolak",
    "d. Materi informasi yang diberikan",
    "e. Penghitaman atau pengaburan",
    "f. Media dan format informasi",
    "g. Biaya dan cara pembayaran",
)
REFUSED = ("ditolak_dikecualikan", "dikabulkan_sebagian")
NOTICE_REFUSED = {"informasi_dikuasai": True, "tanggal_pemberitahuan": "2026-11-30", "dikirim_melalui": "email"}


@pytest.fixture
def at_receipt():
    with time_machine.travel(datetime(2026, 11, 30, 2, 0, tzinfo=UTC), tick=True):  # Monday 09:00 WIB
        yield


def render_pending(office) -> int:
    """What the render job does for every pending letter: its PDF, stored, the letter ready."""
    store = FileStore(office.rt.settings.files_dir, office.rt.vault)
    with office.sessions() as s:
        pending = s.scalars(select(Letter.id).where(Letter.status == "pending").order_by(Letter.id)).all()
    for letter_id in pending:
        with office.sessions() as s:
            job = production.prepare(s, office.rt, letter_id)
        pdf = production.produce(office.rt, job)
        with office.sessions() as s:
            assert production.record(s, office.rt, store, letter_id, pdf) is not None
            s.commit()
    return len(pending)


def letters(office, ticket) -> list[Letter]:
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        return records.for_case(s, case)


def text_of(office, letter: Letter) -> str:
    store = FileStore(office.rt.settings.files_dir, office.rt.vault)
    data = production.file_bytes(store, letter)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def walk(office, outcome, **decided) -> str:
    ticket = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision(outcome, **decided))
    if outcome in REFUSED and not decided.get("pengecualian_terdaftar"):
        office.complete(ticket, "uji_konsekuensi")
        office.complete(ticket, "tetapkan_pengecualian")
    office.complete(ticket, "pemberitahuan_tertulis")
    return ticket


def by_kind(items) -> dict[str, Letter]:
    return {letter.kind: letter for letter in items if letter.locale == "id"}


@sqlite_only
@pytest.mark.parametrize(
    "outcome", ["dikabulkan_seluruhnya", "dikabulkan_sebagian", "ditolak_dikecualikan", "tidak_dikuasai"]
)
def test_every_outcome_sends_a_written_notice_naming_each_item_of_pasal_22_7(office, at_receipt, outcome):
    ticket = walk(office, outcome)
    assert render_pending(office) >= 2
    notice = by_kind(letters(office, ticket))["pemberitahuan_tertulis"]
    text = text_of(office, notice)
    for item in PASAL_22_7:
        assert item in text, item
    assert ticket in text
    assert "UU 14/2008 Pasal 22 ayat (7)" in text
    assert "30 November 2026" in text  # the day of receipt and the notice's own date, in words
    assert "Pejabat Pengelola Informasi dan Dokumentasi" in text  # who signs: the PPID's position
    assert notice.number in text
    assert f"/verifikasi/{notice.code}" in text
    assert NAME in text  # addressed to the requester by name
    assert NIK not in text  # never the NIK
    if outcome == "dikabulkan_seluruhnya":  # in words, never the form's code ("disampaikan dengan cara: email")
        # letter f: the digital copy the request asked for, then the medium and format the PPID typed
        assert "Salinan elektronik (softcopy): PDF; cara penyampaian: melalui e-mail." in text
    receipt = text_of(office, by_kind(letters(office, ticket))["tanda_bukti_penerimaan"])
    assert "Cara mendapatkan salinan : melalui e-mail" in receipt
    if outcome in ("dikabulkan_seluruhnya", "dikabulkan_sebagian"):
        assert "Waktu penyerahan informasi: 30 November 2026" in text
        assert "Rp0" in text
    if outcome == "tidak_dikuasai":
        assert "Kementerian Pendidikan Dasar dan Menengah" in text  # letter b: who holds it


@sqlite_only
def test_a_refusal_is_decided_by_decree_entered_in_the_register_and_quoted_by_the_refusal(office, at_receipt):
    ticket = walk(office, "ditolak_dikecualikan")
    render_pending(office)
    issued = by_kind(letters(office, ticket))
    assert set(issued) == {
        "tanda_bukti_penerimaan",
        "penetapan_pengecualian",
        "pemberitahuan_tertulis",
        "keputusan_penolakan",
    }
    decree = issued["penetapan_pengecualian"]
    with office.sessions() as s:
        (entry,) = s.scalars(select(Exemption)).all()
        assert entry.decree_number == decree.number
        assert entry.letters == ["h"]
        assert entry.valid_until.isoformat() == "2036-12-31"
        assert entry.decided_as == "atasan_ppid"
    decree_text = text_of(office, decree)
    assert "Penetapan Informasi yang Dikecualikan" in decree_text
    assert "31 Desember 2036" in decree_text  # the period (Pasal 20)
    assert "Atasan PPID" in decree_text  # the head who determined it signs
    refusal = text_of(office, issued["keputusan_penolakan"])
    assert f"Keputusan Nomor {decree.number}" in refusal  # the refusal quotes the determination
    assert "Pasal 17 huruf h" in refusal
    assert "mengungkap rahasia pribadi" in refusal
    assert "Membuka rahasia pribadi" in refusal  # the harm test, as the PPID wrote it
    assert NIK not in refusal


@sqlite_only
def test_the_head_determines_only_the_pasal_17_letters_the_ppid_decided_and_tested(office, at_receipt):
    """Perki 1/2021 Pasal 49: the decree on letter c over a decision and consequence test of letter h made a decree,
    a refusal and a register entry that contradicted each other."""
    ticket = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))  # letter h
    office.complete(ticket, "uji_konsekuensi")
    determination = dated(STEP["tetapkan_pengecualian"], "2026-11-30")
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "tetapkan_pengecualian", {**determination, "pasal_pengecualian": ["c", "h"]})
    assert list(refused.value.fields) == ["pasal_pengecualian"]
    (message,) = refused.value.fields["pasal_pengecualian"]
    assert str(message) == "letter c was not in the PPID's decision and consequence test (h): decide and test it first"
    with office.sessions() as s:
        assert s.scalars(select(Exemption)).all() == []
    office.complete(ticket, "tetapkan_pengecualian", {**determination, "pasal_pengecualian": ["h"]})
    with office.sessions() as s:
        assert [entry.letters for entry in s.scalars(select(Exemption))] == [["h"]]


@sqlite_only
def test_a_later_request_for_the_same_information_cites_the_register_instead_of_a_new_test(office, at_receipt):
    walk(office, "ditolak_dikecualikan")
    with office.sessions() as s:
        entry_id = s.scalar(select(Exemption.id))
    ticket = walk(office, "ditolak_dikecualikan", pengecualian_terdaftar=entry_id)
    render_pending(office)
    issued = by_kind(letters(office, ticket))
    assert "penetapan_pengecualian" not in issued  # no second determination
    with office.sessions() as s:
        decree_number = s.get(Exemption, entry_id).decree_number
    assert f"Keputusan Nomor {decree_number}" in text_of(office, issued["keputusan_penolakan"])


def test_letters_of_a_type_are_numbered_in_sequence_within_the_year(office, at_receipt):
    first, second = office.submit(), office.submit()
    for ticket in (first, second):
        office.complete(ticket, "periksa_kelengkapan")
        office.complete(ticket, "registrasi")
    numbers = [by_kind(letters(office, t))["tanda_bukti_penerimaan"].number for t in (first, second)]
    assert numbers == ["B-1/PPID/TBP/XI/2026", "B-2/PPID/TBP/XI/2026"]


@sqlite_only
def test_the_receipt_states_the_register_number_and_the_t10_deadline(office, at_receipt):
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    office.complete(ticket, "registrasi")
    render_pending(office)
    text = text_of(office, by_kind(letters(office, ticket))["tanda_bukti_penerimaan"])
    assert f"Nomor Pendaftaran : {ticket}" in text
    assert "Tanggal diterima : 30 November 2026" in text
    assert "14 Desember 2026" in text  # T10: ten working days after Monday 30 November
    assert "UU 14/2008 Pasal 22 ayat (7) dan (8)" in text
    assert NIK not in text


@sqlite_only
def test_a_name_and_a_subject_outside_latin_1_print_as_written(office, at_receipt):
    name, information = "Āisyah Nguyễn — “Ani” Wijaya", "Daftar ‘penerima’ beasiswa – Łódź Σ 2026…"
    ticket = office.submit(name=name, information=information)
    office.complete(ticket, "periksa_kelengkapan")
    office.complete(ticket, "registrasi")
    render_pending(office)
    text = text_of(office, by_kind(letters(office, ticket))["tanda_bukti_penerimaan"])
    assert name in text
    assert information in text


@pytest.fixture
def no_unicode_font(monkeypatch, tmp_path):
    monkeypatch.setattr(render, "SERIF_FONTS", ((tmp_path, {"": "absent.ttf"}),))
    render.serif_families.cache_clear()
    yield
    monkeypatch.undo()
    render.serif_families.cache_clear()


@sqlite_only
def test_without_a_unicode_font_the_letter_is_still_made_in_times_with_a_warning(
    office, at_receipt, no_unicode_font, caplog
):
    ticket = office.submit(name="Āisyah — “Ani” Wijaya")
    office.complete(ticket, "periksa_kelengkapan")
    office.complete(ticket, "registrasi")
    render_pending(office)
    text = text_of(office, by_kind(letters(office, ticket))["tanda_bukti_penerimaan"])
    assert '?isyah - "Ani" Wijaya' in text  # folded to Latin-1, as the core font can draw it
    assert "apt-get install fonts-liberation" in caplog.text


@sqlite_only
def test_a_requester_writing_in_english_gets_an_english_copy_under_the_same_number(office, at_receipt):
    from engine import intake

    with office.sessions.begin() as s:
        ticket = intake.submit_request(s, office.rt, request_payload(), locale="en").case.ticket
    office.complete(ticket, "periksa_kelengkapan")
    office.complete(ticket, "registrasi")
    render_pending(office)
    receipts = [x for x in letters(office, ticket) if x.kind == "tanda_bukti_penerimaan"]
    assert sorted(x.locale for x in receipts) == ["en", "id"]
    assert len({x.number for x in receipts}) == 1
    english = text_of(office, next(x for x in receipts if x.locale == "en"))
    assert "Receipt of Information Request" in english
    assert "30 November 2026" in english
    assert "Check that this letter is genuine at" in english
    # The request's choices in English words ("salinan softcopy" and "email" were printed as stored).
    assert "How to obtain it : a digital copy" in " ".join(english.split())
    assert "How to receive copies : by e-mail" in " ".join(english.split())


@sqlite_only
def test_a_correction_is_a_new_letter_naming_the_one_it_corrects(office, at_receipt):
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    office.complete(ticket, "registrasi")
    with office.sessions.begin() as s:
        receipt = s.scalar(select(Letter).where(Letter.kind == "tanda_bukti_penerimaan"))
        user = office.user(s, "ppid")
        correction = issue.correct(s, office.rt, user, receipt, "Alamat pemohon salah ketik")
        first_number, new_number = receipt.number, correction.number
    render_pending(office)
    assert new_number != first_number
    text = text_of(office, next(x for x in letters(office, ticket) if x.number == new_number))
    assert f"Surat ini mengoreksi surat Nomor {first_number}" in text
    assert "Alamat pemohon salah ketik" in text


@sqlite_only
def test_the_verification_shows_no_personal_data_and_refuses_a_forged_hash(office, at_receipt):
    ticket = walk(office, "dikabulkan_seluruhnya")
    render_pending(office)
    notice = by_kind(letters(office, ticket))["pemberitahuan_tertulis"]
    with office.sessions() as s:
        shown = records.verify(s, office.rt, notice.code, notice.sha256)
        forged = records.verify(s, office.rt, notice.code, "0" * 64)
    assert shown.checked == "generated"
    assert shown.number == notice.number
    assert forged.checked == "mismatch"
    public = json.dumps(shown.__dict__, default=str)
    assert NAME not in public
    assert NIK not in public
    assert ticket not in public


def test_a_letters_frozen_content_is_sealed_and_its_history_carries_only_the_hash(office, at_receipt):
    ticket = walk(office, "dikabulkan_seluruhnya")
    render_pending(office)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        issued = records.for_case(s, case)
        for letter in issued:
            assert NAME.encode() not in letter.context  # sealed by the vault, not plain JSON
        events = s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.type.like("letter_%"))).all()
    assert NAME not in json.dumps([e.data for e in events])
    assert {e.type for e in events} == {"letter_issued", "letter_rendered"}
    assert sorted(e.data["code"] for e in events if e.type == "letter_issued") == sorted(x.code for x in issued)
    # The audit export's hash of every letter: the PDF's sha256 in its letter_rendered event.
    assert sorted(e.data["sha256"] for e in events if e.type == "letter_rendered") == sorted(x.sha256 for x in issued)


def test_a_task_completed_while_a_letter_is_rendered_conflicts_keeps_nothing_and_goes_through_when_done_again(
    office, at_receipt
):
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    office.complete(ticket, "registrasi")  # issues the receipt, its PDF still to be made
    with office.sessions() as s:  # an officer opens the next task and the case ...
        task = office._open(s, ticket, "proses_permohonan")
        assert task.case.version  # the case as the officer's request loaded it
        assert render_pending(office) == 1  # ... while the render job stores the receipt's PDF and its event
        with pytest.raises(StaleDataError):  # the case's optimistic lock: the job came first
            inbox.complete_task(s, office.rt, office.user(s, "ppid"), task.id, STEP["proses_permohonan"])
        s.rollback()
    assert "proses_permohonan" in office.open_tasks(ticket)  # nothing of the lost attempt was kept
    with office.sessions() as s:  # what api.boundary.retried does: the same completion on the new state
        task = office._open(s, ticket, "proses_permohonan")
        inbox.complete_task(s, office.rt, office.user(s, "ppid"), task.id, STEP["proses_permohonan"])
        s.commit()
    assert "tentukan_langkah" in office.open_tasks(ticket)
    office.verify()  # every history still chains, the letter's event in it, each to the head on its case


# The stored letter's status and hash: test_a_letters_frozen_content_is_sealed... reads them on PostgreSQL.
@sqlite_only
def test_completing_a_task_only_numbers_its_letters_the_pdf_comes_after_the_commit(office, at_receipt):
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    office.complete(ticket, "registrasi")
    (receipt,) = letters(office, ticket)
    assert receipt.status == "pending"
    assert receipt.sha256 is None
    render_pending(office)
    (receipt,) = letters(office, ticket)
    assert receipt.status == "ready"
    assert len(receipt.sha256) == 64


# The export's words; tests/reports/test_register_traces.py runs the register's query on PostgreSQL.
@sqlite_only
def test_the_exemption_register_exports_for_the_commission(office, at_receipt):
    walk(office, "ditolak_dikecualikan")
    with office.sessions() as s:
        rows = exemptions.register(s, datetime(2026, 12, 1).date())
    csv_text = exemptions.export_csv(rows).decode("utf-8-sig")
    assert "Informasi yang Dikecualikan" in csv_text
    assert "Berlaku" in csv_text
    assert NAME not in csv_text
    assert NIK not in csv_text
    assert exemptions.export_xlsx(rows, "en").startswith(b"PK")


@sqlite_only
def test_the_extension_notice_states_the_reason_and_the_new_deadline(office, at_receipt):
    ticket = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan"):
        office.complete(ticket, step)
    office.complete(ticket, "tentukan_langkah", step="tentukan_langkah_perpanjang")
    render_pending(office)
    text = text_of(office, by_kind(letters(office, ticket))["pemberitahuan_perpanjangan"])
    assert ticket in text
    assert "Data masih dihimpun unit pengolah" in text  # the reason, in the PPID's words
    assert "UU 14/2008 Pasal 22 ayat (8)" in text
    assert "7 (tujuh) hari kerja" in text
    assert NIK not in text


@sqlite_only
def test_an_objection_gets_its_receipt_and_the_superiors_response_once_it_is_sent(office, at_receipt):
    request = walk(office, "ditolak_dikecualikan")
    objection = office.objection(request, ["a"])
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    office.complete(objection, "susun_kronologi", {"kronologi": "Ditolak", "pertimbangan_ppid": "Dikecualikan"})
    reasons = "Informasi dikecualikan berdasarkan Pasal 17 huruf h; uji konsekuensi terlampir."
    office.complete(
        objection,
        "putuskan_keberatan",
        {"keputusan": "keberatan_ditolak", "tanggal_keputusan": "2026-11-30", "alasan_tertulis": reasons},
    )
    render_pending(office)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == objection))
        assert [x.kind for x in records.for_requester(s, case)] == ["tanda_terima_keberatan"]  # not yet sent
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": "2026-11-30", "dikirim_melalui": "email"})
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == objection))
        sent = records.for_requester(s, case)
    assert [x.kind for x in sent] == ["tanda_terima_keberatan", "tanggapan_atasan"]
    receipt, response = (text_of(office, x) for x in sent)
    assert objection in receipt
    assert "(Perki 1/2021 Pasal 41)" in receipt
    assert "UU 14/2008 Pasal 36 ayat (2)" in receipt  # when the superior must answer
    assert reasons in response  # the written reasons the law requires when the superior upholds the PPID
    assert "UU 14/2008 Pasal 36 ayat (3)" in response
    assert "14 (empat belas) hari kerja" in response  # the dispute window
    assert "Atasan PPID" in response


@sqlite_only
def test_the_dispute_gets_a_numbered_power_of_attorney_unless_the_office_numbered_its_own(office):
    from tests.workflows.test_sengketa_paths import BERKAS, SUMMONED, SURAT_KUASA, _dispute

    with time_machine.travel(SUMMONED, tick=True):
        ticket = _dispute(office)
        kawal_numbers = {k: v for k, v in SURAT_KUASA.items() if k != "nomor_surat"} | {"tanggal": "2027-01-13"}
        office.complete(ticket, "surat_kuasa", kawal_numbers)
        office.complete(ticket, "siapkan_berkas", BERKAS)
        own = _dispute(office)
        office.complete(own, "surat_kuasa", SURAT_KUASA)  # numbered and signed on paper: recorded, not issued
        render_pending(office)
    issued = by_kind(letters(office, ticket))
    assert set(issued) == {"surat_kuasa_khusus", "tanggapan_termohon"}
    assert "surat_kuasa_khusus" not in by_kind(letters(office, own))
    power = text_of(office, issued["surat_kuasa_khusus"])
    assert "SURAT KUASA KHUSUS" in power.upper()
    assert "Kepala Subbagian Hukum dan KUB" in power  # the representatives, by position
    assert "001/REG-PSI/I/2027" in power  # the Commission's register number
    assert "berwenang untuk berdamai" in power
    assert "13 Januari 2027" in power
    assert NIK not in power
    assert f"antara {NAME} selaku Pemohon" in power  # a special mandate names the dispute's parties
    # The respondent's response tells the chronology the preliminary examination checks (§5.3): here the request
    # got no written notice, and the objection no response.
    response = " ".join(text_of(office, issued["tanggapan_termohon"]).split())
    assert "Atasan PPID belum menyampaikan tanggapan tertulis." in response
    assert "Pemberitahuan tertulis disampaikan pada tanggal" not in response


@sqlite_only
def test_a_request_not_completed_in_time_is_closed_by_a_written_notice_naming_what_was_missing(office):
    with time_machine.travel(datetime(2026, 11, 30, 2, 0, tzinfo=UTC), tick=True) as traveller:
        ticket = office.submit()
        office.complete(ticket, "periksa_kelengkapan", step="periksa_kelengkapan_kurang")
        traveller.move_to(office.deadline(ticket, "K_LENGKAP").due_at + timedelta(minutes=1))
        office.run(ticket)
        office.complete(ticket, "pemberitahuan_tidak_lengkap")
        render_pending(office)
    text = text_of(office, by_kind(letters(office, ticket))["pemberitahuan_tidak_lengkap"])
    assert ticket in text
    assert "Salinan KTP belum dilampirkan" in text  # what was missing
    assert "permohonan ditutup" in text
    assert "Pasal 35 dan Pasal 36" in text  # the right to object
    assert NIK not in text


@sqlite_only
def test_the_respondent_s_response_gives_the_dates_of_the_notice_and_the_superior_s_response(office, at_receipt):
    """§5.3: the chronology gives the dates the preliminary examination checks; it gave only the three receipts."""
    from tests.workflows.test_keberatan_paths import _decide, _to_superior
    from tests.workflows.test_sengketa_paths import BERKAS, SURAT_KUASA_GROUND_A

    ticket = walk(office, "ditolak_dikecualikan")
    objection = office.objection(ticket, ["a"])
    _to_superior(office, objection)
    _decide(office, objection, "keberatan_ditolak", alasan_tertulis="Dikecualikan: Pasal 17 huruf h, uji terlampir.")
    dispute = office.dispute(objection, nomor_register="002/REG-PSI/XI/2026")
    kawal_numbers = {k: v for k, v in SURAT_KUASA_GROUND_A.items() if k != "nomor_surat"} | {"tanggal": "2026-11-30"}
    office.complete(dispute, "surat_kuasa", kawal_numbers)
    office.complete(dispute, "siapkan_berkas", BERKAS)
    render_pending(office)
    response = " ".join(text_of(office, by_kind(letters(office, dispute))["tanggapan_termohon"]).split())
    assert "Pemberitahuan tertulis disampaikan pada tanggal 30 November 2026." in response
    assert "Tanggapan tertulis Atasan PPID disampaikan pada tanggal 30 November 2026." in response


@sqlite_only
def test_an_objection_through_a_representative_names_the_power_of_attorney_and_copies_the_response_to_them(
    office, at_receipt
):
    """Perki 1/2021 Pasal 39(4): the representative who filed is sent the response; the receipt named them but not
    the power of attorney, and the response went to the requester alone."""
    from tests.workflows.test_keberatan_paths import _decide, _to_superior

    ticket = walk(office, "ditolak_dikecualikan")
    proxy = {
        "name": "Rina Kusuma",
        "address": "LBH Pers, Jakarta",
        "nomor_surat_kuasa": "SK-07/LBH/XI/2026",
        "tanggal_surat_kuasa": "2026-11-30",
        "bermeterai": True,
    }
    objection = office.objection(ticket, ["a"], kuasa=proxy)
    _to_superior(office, objection)
    _decide(office, objection, "keberatan_ditolak", alasan_tertulis="Dikecualikan: Pasal 17 huruf h, uji terlampir.")
    render_pending(office)
    issued = by_kind(letters(office, objection))
    receipt = " ".join(text_of(office, issued["tanda_terima_keberatan"]).split())
    filed = "Diajukan melalui kuasa pemohon, Sdr. Rina Kusuma, beralamat di LBH Pers, Jakarta, berdasarkan Surat Kuasa"
    assert f"{filed} Khusus Nomor SK-07/LBH/XI/2026 tanggal 30 November 2026." in receipt
    response = " ".join(text_of(office, issued["tanggapan_atasan"]).split())
    assert "Tembusan: 1. Rina Kusuma, kuasa pemohon, LBH Pers, Jakarta; 2. Pejabat Pengelola Informasi" in response


@sqlite_only
def test_the_correction_of_a_letter_sent_in_english_is_sent_in_english_too(office, at_receipt):
    """A correction was issued in Indonesian only, to a requester who wrote in English and got the letter so."""
    from engine import intake

    with office.sessions.begin() as s:
        ticket = intake.submit_request(s, office.rt, request_payload(), locale="en").case.ticket
    office.complete(ticket, "periksa_kelengkapan")
    office.complete(ticket, "registrasi")
    with office.sessions.begin() as s:
        original = s.scalar(select(Letter).where(Letter.kind == "tanda_bukti_penerimaan", Letter.locale == "id"))
        correction = issue.correct(s, office.rt, office.user(s, "ppid"), original, "Alamat pemohon salah ketik")
        copies = s.scalars(select(Letter).where(Letter.translation_of_id == correction.id)).all()
        english_original = s.scalar(select(Letter).where(Letter.translation_of_id == original.id))
        assert [(c.locale, c.number, c.corrects_id) for c in copies] == [("en", correction.number, english_original.id)]
    render_pending(office)
    with office.sessions() as s:
        english = s.scalar(select(Letter).where(Letter.translation_of_id == correction.id))
    text = " ".join(text_of(office, english).split())
    assert original.number in text  # names the letter it corrects
    assert "Alamat pemohon salah ketik" in text


def _in_english(office, **request) -> str:
    """A request filed in English (``request``: its payload's overrides): its letters go out in both languages."""
    from engine import intake

    with office.sessions.begin() as s:
        return intake.submit_request(s, office.rt, request_payload(**request), locale="en").case.ticket


def _decided(office, ticket, outcome="dikabulkan_seluruhnya", **test) -> None:
    """From receipt to the decision (and, for a refusal, the consequence test with ``test`` and the decree)."""
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision(outcome))
    if outcome in REFUSED:
        office.complete(ticket, "uji_konsekuensi", {**STEP["uji_konsekuensi"], **test})
        office.complete(ticket, "tetapkan_pengecualian", dated(STEP["tetapkan_pengecualian"], "2026-11-30"))


def _texts(office, ticket, locale) -> dict[str, str]:
    render_pending(office)
    return {x.kind: text_of(office, x) for x in letters(office, ticket) if x.locale == locale}


@sqlite_only
def test_an_english_letter_writes_money_as_english_writes_numbers_and_counts_its_items_in_the_plural(
    office, at_receipt
):
    """The English notice read "Rp31.000 (12 printed page x Rp500 ...)": Indonesian digit grouping and a singular
    count. It reads "IDR 31,000 (12 printed pages x IDR 500 = IDR 6,000; ...)", as the English pages write money;
    the Indonesian letters keep "Rp31.000"."""
    from datetime import date

    from engine.models import FeeRate

    with office.sessions.begin() as s:
        for code, amount in (("halaman", 500), ("pos", 25_000)):
            s.add(
                FeeRate(
                    code=code,
                    amount=amount,
                    effective_from=date(2026, 1, 1),
                    legal_basis="SK",
                    actor="admin",
                    at=datetime(2026, 1, 1, tzinfo=UTC),
                )
            )
    ticket = _in_english(office, obtain_method="salinan_hardcopy", delivery_method="pos")  # a paper copy, by post
    _decided(office, ticket)
    notice = {k: v for k, v in dated(STEP["pemberitahuan_tertulis"], "2026-11-30").items() if k != "biaya"}
    notice |= {"media_format": "Kertas A4", "jumlah_halaman": 12, "dikirim_pos": True, "cara_pembayaran": "Tunai."}
    office.complete(ticket, "pemberitahuan_tertulis", notice)
    paid = {"jumlah_dibayar": 31_000, "nomor_tanda_bukti_pembayaran": "KW-7", "tanggal_pembayaran": "2026-11-30"}
    office.complete(ticket, "catat_pembayaran", paid)
    english, indonesian = _texts(office, ticket, "en"), _texts(office, ticket, "id")
    written = english["pemberitahuan_tertulis"]
    assert "Copying and/or delivery fee IDR 31,000" in written
    assert "12 printed pages x IDR 500 = IDR 6,000; 1 postal delivery x IDR 25,000 = IDR 25,000" in written
    assert "payment: Tunai." in written  # the officer's period, not "Tunai.."
    assert "f. Medium and format: Printed copy (hard copy): Kertas A4; delivered by post." in written
    assert "IDR 31,000" in english["kuitansi"]
    assert all("Rp" not in text for text in english.values())
    notified = indonesian["pemberitahuan_tertulis"]
    assert "Biaya penggandaan dan/atau pengiriman Rp31.000" in notified
    assert "12 lembar halaman cetak x Rp500 = Rp6.000; 1 kali pengiriman pos x Rp25.000 = Rp25.000" in notified
    assert "Salinan cetak (hardcopy): Kertas A4; cara penyampaian: melalui pos." in notified
    assert "Rp31.000" in indonesian["kuitansi"]
    assert all("IDR" not in text for text in indonesian.values())


@sqlite_only
def test_every_english_letter_names_its_signer_in_english_and_the_ppid_as_the_law_names_the_office(office, at_receipt):
    """The English handover record was signed "Handed over by, Petugas Pelayanan Informasi" (the Indonesian title);
    the English letters called the PPID "Information and Documentation Officer" where the e-mails say "Information and
    Documentation Management Officer", the name legal-process.md §8.1 gives."""
    granted = _in_english(office, obtain_method="salinan_hardcopy", delivery_method="langsung")  # a printed copy
    _decided(office, granted)
    office.complete(granted, "pemberitahuan_tertulis", dated(STEP["pemberitahuan_tertulis"], "2026-11-30"))
    handed = {"biaya_dibayar": 0, "tanggal_penyerahan": "2026-11-30", "cara_penyerahan": "langsung"}
    office.complete(granted, "penyerahan_informasi", handed)
    refused = _in_english(office)
    _decided(office, refused, "ditolak_dikecualikan")
    office.complete(refused, "pemberitahuan_tertulis", dated(NOTICE_REFUSED, "2026-11-30"))
    english = {**_texts(office, granted, "en"), **_texts(office, refused, "en")}
    assert {
        "tanda_bukti_penerimaan",
        "pemberitahuan_tertulis",
        "berita_acara_serah_terima",
        "keputusan_penolakan",
    } <= set(english)
    assert "Handed over by, Information Service Officer" in english["berita_acara_serah_terima"]
    # how it went, in its own words: a printed copy in person (engine.delivery)
    assert "A printed copy of the information was handed over in person" in english["berita_acara_serah_terima"]
    for kind, text in english.items():
        for indonesian in ("Petugas Pelayanan Informasi", "Pejabat Pengelola", "Atasan PPID", "Pimpinan Badan"):
            assert indonesian not in text, (kind, indonesian)
        assert "Information and Documentation Officer" not in text, kind
    assert "Information and Documentation Management Officer, " in english["pemberitahuan_tertulis"]  # who signs
    assert "Decision of the Information and Documentation Management Officer" in english["keputusan_penolakan"]


@sqlite_only
def test_typed_text_ending_in_a_period_is_not_followed_by_the_letter_s_own_punctuation(office, at_receipt):
    """ "all units., we inform" (the extension), "East Java.." and "advocacy.." (the refusal): the requester's and the
    officer's sentences end in a period, and the letter put its own after them. In both languages."""
    information = "Daftar penerima bantuan sosial di seluruh unit kerja Kanwil Jawa Timur."
    extended = _in_english(office, information=information, purpose="Bahan advokasi.")
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan"):
        office.complete(extended, step)
    office.complete(extended, "tentukan_langkah", step="tentukan_langkah_perpanjang")
    refused = _in_english(office, information=information, purpose="Bahan advokasi.")
    _decided(office, refused, "ditolak_dikecualikan", dasar_hukum="UU 14/2008 Pasal 17 huruf h.")
    office.complete(refused, "pemberitahuan_tertulis", dated(NOTICE_REFUSED, "2026-11-30"))
    for locale in ("en", "id"):
        texts = {**_texts(office, extended, locale), **_texts(office, refused, locale)}
        for kind, text in texts.items():
            assert not re.search(r"\.[.,;:]", text.replace("...", "")), (
                locale,
                kind,
                re.findall(r".{30}\.[.,;:]", text),
            )
        assert "Kanwil Jawa Timur, " in texts["pemberitahuan_perpanjangan"]
        assert "Kanwil Jawa Timur. " in texts["keputusan_penolakan"]
        assert "Bahan advokasi. " in texts["keputusan_penolakan"]
        assert "Pasal 17 huruf h. " in texts["keputusan_penolakan"]  # the legal basis the PPID typed
    assert "Pasal 17 huruf h. " in texts["penetapan_pengecualian"]  # the decree: in Indonesian only
