"""The office's letters when a dispute goes to court (UU 14/2008 Pasal 47-50; legal-process.md §5.2 row 9, §5.3, §10b).

A party that does not accept the Commission's adjudication decision states so in writing within 14 working days of
receiving it (Pasal 48(1)): when the office challenges the decision, Kawal issues that statement to the Commission,
copied to the applicant, dated the day the challenge was lodged, unless the office gave the number of a statement of
its own. Before the PTUN, and again before the Supreme Court at cassation, the head appoints the office's
representatives by a special power of attorney naming the court, the case and the office's role there (Pemohon or
Termohon Keberatan, Pemohon or Termohon Kasasi, as the case recorded who filed).

The power of attorney is issued by the tasks kuasa_pengadilan and kuasa_kasasi: these tests run the letters' trigger as
completing such a task runs it (engine.letters.issue.after_task, after the task's form and checks), so they hold
whatever process version draws the tasks. SQLite alone: the letters' words are Python's over rows either database
returns alike (numbering and an issued letter's round trip: tests/workflows/test_letters.py).
"""

import io
import json
import zipfile
from datetime import date
from types import SimpleNamespace

import pytest
import time_machine
from sqlalchemy import select

from engine import access, bundle
from engine.letters import issue, records
from engine.models import Case, Letter
from tests.conftest import request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_letters import by_kind, letters, render_pending, text_of
from tests.workflows.test_sengketa_paths import CHALLENGE, SUMMONED, _court, _decided, wib

NAME, NIK = request_payload()["requester"]["name"], request_payload()["requester"]["nik"]
STATEMENT, POWER = "pernyataan_tidak_menerima_putusan", "surat_kuasa_khusus_pengadilan"
OFFICE_CHALLENGES = {**CHALLENGE, "pengadilan": "PTUN Jakarta"}  # lodged on Mon 15 Mar 2027
ATTORNEYS = ["Kepala Bagian Tata Usaha", "Kepala Subbagian Hukum dan KUB"]
DECISION_NUMBER = "012/III/KIP-PS-A/2027"  # the Commission's decision's own number, as its heading gives it
APPLICANT_CHALLENGES = {"tanggal": "2027-03-16", "pengadilan": "PTUN Jakarta", "nomor_perkara": "13/G/KI/2027/PTUN.JKT"}


@pytest.fixture
def clock():
    with time_machine.travel(SUMMONED, tick=True) as traveller:
        yield traveller


def _text(office, letter: Letter) -> str:
    return " ".join(text_of(office, letter).split())


def _issued(office, ticket, kind: str) -> Letter:
    render_pending(office)
    return by_kind(letters(office, ticket))[kind]


def _appointed(office, ticket, task: str, **given) -> list[Letter]:
    """The head appoints the office's representatives at ``task`` (kuasa_pengadilan or kuasa_kasasi, Atasan PPID's
    lane): the letters completing it issues, as engine.inbox.complete_task issues them once the form is accepted."""
    data = {"tanggal": given.pop("tanggal"), "penerima_kuasa": ATTORNEYS, **given}
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        task_done = SimpleNamespace(bpmn_id=task, case=case, lane="atasan_ppid")
        issued = issue.after_task(s, office.rt, office.user(s, "atasan"), task_done, data)
        s.flush()
        return [s.get(Letter, letter.id) for letter in issued]


def _office_challenged(office, clock) -> str:
    ticket = _decided(office, clock, "dikabulkan_seluruhnya")  # read on 26 Feb, received on 1 Mar 2027
    clock.move_to(wib("2027-03-15"))
    office.complete(ticket, "sikap_atas_putusan", OFFICE_CHALLENGES)
    return ticket


def _applicant_challenged(office, clock) -> str:
    ticket = _decided(office, clock, "ditolak")
    office.complete(ticket, "sikap_atas_putusan", {"sikap": "menerima", "alasan_sikap": "Putusan menguatkan PPID"})
    clock.move_to(wib("2027-03-16"))
    office.message(ticket, "gugatan_pemohon", APPLICANT_CHALLENGES)
    return ticket


# -- the statement of non-acceptance ------------------------------------------------------------------------------


def test_challenging_the_decision_states_in_writing_to_the_commission_that_the_office_does_not_accept_it(office, clock):
    ticket = _office_challenged(office, clock)
    statement = _issued(office, ticket, STATEMENT)
    assert statement.letter_date == date(2027, 3, 15)  # the day the challenge was lodged
    assert "/PTM/" in statement.number
    text = _text(office, statement)
    assert (
        "Pernyataan Tidak Menerima Putusan Ajudikasi Sengketa Informasi Publik Nomor Register 001/REG-PSI/I/2027"
        in (text)
    )
    assert "Yth. Ketua Komisi Informasi Pusat" in text
    assert f"yang diajukan oleh {NAME} selaku Pemohon, dengan ini menyatakan tidak menerima putusan ajudikasi" in text
    assert text.count("selaku Termohon") == 1  # the office's role, said once
    assert (
        "yang dibacakan pada tanggal 26 Februari 2027 dan salinannya diterima Termohon pada tanggal 1 Maret 2027."
        in text
    )
    assert "mengajukan keberatan ke PTUN Jakarta" in text
    assert (
        "Pasal 47 dan Pasal 48 ayat (1) Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik" in text
    )
    assert f"Tembusan: 1. {NAME}, Pemohon." in text
    assert NIK not in text  # the applicant by name alone


def test_the_applicant_reads_the_statement_copied_to_them_on_their_portal(office, clock):
    ticket = _office_challenged(office, clock)
    render_pending(office)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        assert STATEMENT in {letter.kind for letter in records.for_requester(s, case)}


@pytest.mark.parametrize(
    "position",
    [
        {**OFFICE_CHALLENGES, "nomor_pernyataan": "B-21/Kw.09/HM.00/03/2027"},  # the office's own, signed on paper
        {"sikap": "menerima", "alasan_sikap": "Putusan sesuai telaah"},
    ],
    ids=["own_number", "accepted"],
)
def test_no_statement_from_kawal_when_the_office_made_its_own_or_accepts_the_decision(office, clock, position):
    ticket = _decided(office, clock, "dikabulkan_seluruhnya")
    clock.move_to(wib("2027-03-15"))
    office.complete(ticket, "sikap_atas_putusan", position)
    render_pending(office)
    assert STATEMENT not in by_kind(letters(office, ticket))


def test_the_statement_and_the_power_name_the_commission_s_decision_by_its_number_when_recorded(office, clock):
    """The Commission's decision recorded with its own number: the court's papers cite the decision challenged by it,
    beside the dispute's register number."""
    ticket = _decided(office, clock, "dikabulkan_seluruhnya", nomor_putusan=DECISION_NUMBER)
    clock.move_to(wib("2027-03-15"))
    office.complete(ticket, "sikap_atas_putusan", OFFICE_CHALLENGES)
    _appointed(office, ticket, "kuasa_pengadilan", tanggal="2027-03-15")
    statement, power = (_text(office, _issued(office, ticket, kind)) for kind in (STATEMENT, POWER))
    assert (
        f"tidak menerima putusan ajudikasi Komisi Informasi Pusat Nomor {DECISION_NUMBER} dalam sengketa tersebut"
        in statement
    )
    assert "Sengketa Informasi Publik Nomor Register 001/REG-PSI/I/2027" in statement
    assert (
        f"atas putusan ajudikasi Komisi Informasi Pusat Nomor {DECISION_NUMBER} yang dibacakan pada tanggal 26" in power
    )


def test_a_decision_recorded_without_its_number_is_named_by_the_dispute_s_register_number_alone(office, clock):
    ticket = _office_challenged(office, clock)
    statement = _text(office, _issued(office, ticket, STATEMENT))
    assert "tidak menerima putusan ajudikasi Komisi Informasi Pusat dalam sengketa tersebut" in statement
    assert "Nomor Register 001/REG-PSI/I/2027" in statement


# -- the power of attorney before the court ------------------------------------------------------------------------


def test_the_power_before_the_ptun_appoints_the_representatives_of_the_office_that_challenged(office, clock):
    ticket = _office_challenged(office, clock)
    (power,) = _appointed(office, ticket, "kuasa_pengadilan", tanggal="2027-03-15")
    assert (power.kind, power.letter_date, power.to_requester) == (POWER, date(2027, 3, 15), False)
    assert "/SKKP/" in power.number
    text = _text(office, _issued(office, ticket, POWER))
    assert "SURAT KUASA KHUSUS UNTUK PENGADILAN" in text.upper()
    for attorney in ATTORNEYS:
        assert attorney in text
    assert "untuk mewakili Pemberi Kuasa selaku Pemohon Keberatan dalam perkara keberatan di PTUN Jakarta atas" in text
    assert "putusan ajudikasi Komisi Informasi Pusat yang dibacakan pada tanggal 26 Februari 2027" in text
    assert f"Nomor Register 001/REG-PSI/I/2027 antara {NAME} selaku Pemohon" in text
    # The task opens once the challenge was lodged: the attorneys take it on from there, and file nothing.
    assert "menerima dan menanggapi jawaban atas permohonan keberatan, menghadiri persidangan" in text
    assert "mengajukan dan menandatangani permohonan keberatan" not in text
    assert "berlaku untuk pemeriksaan perkara tersebut di PTUN Jakarta" in text
    assert NIK not in text


def test_the_power_before_the_ptun_names_the_office_termohon_keberatan_when_the_applicant_challenged(office, clock):
    ticket = _applicant_challenged(office, clock)
    _appointed(office, ticket, "kuasa_pengadilan", tanggal="2027-03-16")
    text = _text(office, _issued(office, ticket, POWER))
    assert "selaku Termohon Keberatan dalam perkara keberatan di PTUN Jakarta Nomor 13/G/KI/2027/PTUN.JKT" in text
    assert "menyampaikan jawaban atas permohonan keberatan" in text
    assert "mengajukan dan menandatangani permohonan keberatan" not in text


def test_at_cassation_the_power_appoints_before_the_supreme_court_against_the_ptun_s_judgment(office, clock):
    """The office challenged and lost at the PTUN; the applicant appealed in cassation: the office is the Termohon
    Kasasi, formerly the Pemohon Keberatan, and answers the appeal."""
    ticket = _office_challenged(office, clock)
    clock.move_to(wib("2027-05-03"))
    _court(office, ticket, "ditolak")
    clock.move_to(wib("2027-05-12"))
    filed = {"tanggal": "2027-05-12", "pihak": "pemohon", "nomor_perkara": "101 K/TUN/KI/2027"}
    office.message(ticket, "kasasi_diajukan", filed)
    (power,) = _appointed(office, ticket, "kuasa_kasasi", tanggal="2027-05-12")
    text = _text(office, _issued(office, ticket, POWER))
    assert "selaku Termohon Kasasi, dahulu Pemohon Keberatan, dalam perkara kasasi di Mahkamah Agung Republik" in text
    assert (
        "Indonesia Nomor 101 K/TUN/KI/2027 atas putusan PTUN Jakarta Nomor 12/G/KI/2027/PTUN.JKT tanggal 3 Mei" in text
    )
    assert "kontra memori kasasi" in text
    assert "berlaku untuk pemeriksaan perkara tersebut di tingkat kasasi" in text


def test_the_office_s_own_cassation_makes_it_the_pemohon_kasasi_lodging_it_at_the_court_s_registry(office, clock):
    ticket = _applicant_challenged(office, clock)
    clock.move_to(wib("2027-05-03"))
    _court(office, ticket, "dikabulkan_seluruhnya", nomor="13/G/KI/2027/PTUN.JKT")
    clock.move_to(wib("2027-05-10"))
    appeal = {"sikap": "mengajukan_kasasi", "alasan_sikap": "Dikecualikan", "tanggal_permohonan_kasasi": "2027-05-10"}
    office.complete(ticket, "sikap_kasasi", appeal)
    _appointed(office, ticket, "kuasa_kasasi", tanggal="2027-05-10")
    text = _text(office, _issued(office, ticket, POWER))
    assert "selaku Pemohon Kasasi, dahulu Termohon Keberatan, dalam perkara kasasi di Mahkamah Agung" in text
    assert "menyusun, menandatangani dan menyampaikan memori kasasi" in text
    assert "menyatakan permohonan kasasi" not in text  # lodged already: the task opens only after it


def test_a_power_the_office_numbered_itself_is_recorded_and_kawal_issues_none(office, clock):
    ticket = _office_challenged(office, clock)
    own = {"tanggal": "2027-03-15", "nomor_surat": "B-22/Kw.09/HM.00/03/2027"}
    assert _appointed(office, ticket, "kuasa_pengadilan", **own) == []
    assert _appointed(office, ticket, "kuasa_kasasi", **own) == []


def test_completing_the_court_stage_s_task_issues_the_power_through_the_inbox(office, clock):
    """The process's own task (sengketa_informasi.bpmn kuasa_pengadilan, after the challenge is lodged) issues the power
    of attorney when its form is accepted."""
    ticket = _applicant_challenged(office, clock)
    office.complete(ticket, "kuasa_pengadilan", {"tanggal": "2027-03-16", "penerima_kuasa": ATTORNEYS})
    power = _issued(office, ticket, POWER)
    assert power.letter_date == date(2027, 3, 16)
    assert "selaku Termohon Keberatan" in _text(office, power)


def test_a_corrected_cassation_power_still_speaks_of_the_cassation(office, clock):
    """A correction is built from the letter it corrects: its issuing task (kuasa_kasasi), not the case's latest."""
    ticket = _office_challenged(office, clock)
    clock.move_to(wib("2027-05-03"))
    _court(office, ticket, "ditolak")
    office.message(ticket, "kasasi_diajukan", {"tanggal": "2027-05-03", "pihak": "pemohon", "nomor_perkara": "7 K"})
    (power,) = _appointed(office, ticket, "kuasa_kasasi", tanggal="2027-05-03")
    with office.sessions.begin() as s:
        corrected = issue.correct(s, office.rt, office.user(s, "atasan"), s.get(Letter, power.id), "Nama salah ketik")
        number = corrected.number
    render_pending(office)
    text = _text(office, next(x for x in letters(office, ticket) if x.number == number))
    assert "Surat ini mengoreksi surat Nomor" in text
    assert "dalam perkara kasasi di Mahkamah Agung Republik Indonesia Nomor 7 K" in text


def test_both_leave_the_office_in_a_bundle_by_hash_alone_and_only_those_who_read_identities_open_them(office, clock):
    """They name the applicant as the Pemohon: the bundle lists them with their sha256 (the copy filed with the court
    can be checked against it), never their PDFs; a unit's officer does not open them, the PPID does."""
    ticket = _office_challenged(office, clock)
    _appointed(office, ticket, "kuasa_pengadilan", tanggal="2027-03-15")
    render_pending(office)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        court_letters = [x for x in records.for_case(s, case) if x.kind in (STATEMENT, POWER)]
        unit, ppid = office.user(s, "unit"), office.user(s, "ppid")
        assert [access.can_read_letter(unit, case, x) for x in court_letters] == [False, False]
        assert [access.can_read_letter(ppid, case, x) for x in court_letters] == [True, True]
        _name, packed = bundle.build_bundle(s, office.rt, case)
    archive = zipfile.ZipFile(io.BytesIO(packed))
    listed = {row["type"]: row for row in json.loads(archive.read("surat/daftar.json"))}
    assert {listed[x.kind]["sha256"] for x in court_letters} == {x.sha256 for x in court_letters}
    assert all(listed[kind]["file"] is None for kind in (STATEMENT, POWER))


# -- in English ------------------------------------------------------------------------------------------------------


def test_the_english_copies_name_the_roles_and_the_decision_in_english(office, clock):
    ticket = _office_challenged(office, clock)
    (power,) = _appointed(office, ticket, "kuasa_pengadilan", tanggal="2027-03-15")
    render_pending(office)
    with office.sessions.begin() as s:
        user = office.user(s, "atasan")
        statement = by_kind(letters(office, ticket))[STATEMENT]
        numbers = {issue.translate(s, office.rt, user, s.get(Letter, x.id), "en").number for x in (statement, power)}
    render_pending(office)
    english = {x.kind: _text(office, x) for x in letters(office, ticket) if x.locale == "en" and x.number in numbers}
    assert (
        "hereby states that it does not accept the adjudication decision of the Komisi Informasi Pusat"
        in (english[STATEMENT])
    )
    assert "read on 26 February 2027 and received in copy by the Respondent on 1 March 2027." in english[STATEMENT]
    assert "as the Respondent" not in english[STATEMENT]  # its role said once: "the Respondent in the ... dispute"
    assert "Articles 47 and 48(1) of Law 14/2008 on Public Information Disclosure" in english[STATEMENT]
    assert f"Copy to: 1. {NAME}, the Applicant." in english[STATEMENT]
    assert "as the Objector in the objection proceedings before the PTUN Jakarta" in english[POWER]
    assert ": to receive and respond to the answer to the objection, to attend the hearings" in english[POWER]
    assert "to file and sign the objection" not in english[POWER]
    for indonesian in ("Pemohon Keberatan", "Pimpinan Badan", "dalam perkara"):
        assert indonesian not in english[POWER] + english[STATEMENT]
