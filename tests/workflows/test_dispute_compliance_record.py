"""Carrying out a dispute's final decision is recorded on paper (legal-process.md §10b: the Berita Acara pelaksanaan
putusan goes from the PPID to the applicant and the Commission): Kawal numbers and issues the record when the office
gives no number of its own, naming the parties as the Commission does, the decision carried out, the day it became
final, the day it was carried out and what was done; an office that numbered its own record keeps it, and Kawal issues
none."""

from datetime import date

import pytest
import time_machine

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a letter's words (numbering: test_letters)
from tests.workflows.test_dispute_carried_out_not_before_final import agreed_on_c
from tests.workflows.test_exemption_overturned import RECEIVED, _dispute_decided, _final
from tests.workflows.test_letters import by_kind, letters, render_pending, text_of
from tests.workflows.test_sengketa_paths import PELAKSANAAN

KAWAL_NUMBERED = {k: v for k, v in PELAKSANAAN.items() if k != "nomor_berita_acara"}


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def test_kawal_issues_the_record_of_compliance_naming_the_final_decision_and_what_was_done(office, clock):
    _request, ticket = _dispute_decided(office, clock, "dikabulkan_seluruhnya")
    _final(office, clock, ticket, certified="2027-04-02")
    office.complete(ticket, "pelaksanaan_putusan", KAWAL_NUMBERED)
    render_pending(office)
    record = by_kind(letters(office, ticket))["berita_acara_pelaksanaan_putusan"]
    assert record.letter_date == date(2027, 4, 5)  # the day it was carried out
    assert "/BAPP/" in record.number
    assert record.to_requester
    text = " ".join(text_of(office, record).split())
    assert "Berita Acara Pelaksanaan Putusan Sengketa Informasi Publik" in text
    assert "Pada tanggal 5 April 2027" in text
    assert "selaku Termohon dalam sengketa informasi publik Nomor Register 001/REG-PSI/I/2027" in text
    assert "selaku Pemohon" in text
    assert "putusan ajudikasi" in text
    assert "yang dibacakan pada tanggal 26 Februari 2027" in text
    assert "yang telah berkekuatan hukum tetap sejak tanggal 2 April 2027" in text
    assert PELAKSANAAN["uraian"] in text
    assert "Tembusan:" in text


def test_an_office_that_numbered_its_own_record_gets_none_from_kawal(office, clock):
    _request, ticket = _dispute_decided(office, clock, "dikabulkan_seluruhnya")
    _final(office, clock, ticket, certified="2027-04-02")
    office.complete(ticket, "pelaksanaan_putusan", PELAKSANAAN)  # its own number: BA-03/PPID/IV/2027
    render_pending(office)
    assert "berita_acara_pelaksanaan_putusan" not in by_kind(letters(office, ticket))


def test_the_record_of_a_mediation_agreement_names_the_agreement(office, clock):
    """Grounds a and c: the agreement on c (Wed 27 Jan 2027) is carried out before ground a is adjudicated; its record
    names the agreement and its day, never a decision."""
    ticket = agreed_on_c(office, clock)
    carried = {"tanggal_pelaksanaan": "2027-01-28", "uraian": "Jawaban tertulis dikirim kepada pemohon"}
    office.complete(ticket, "laksanakan_kesepakatan_mediasi", carried)
    render_pending(office)
    text = " ".join(text_of(office, by_kind(letters(office, ticket))["berita_acara_pelaksanaan_putusan"]).split())
    assert "telah melaksanakan kesepakatan mediasi di hadapan" in text
    assert "tanggal 27 Januari 2027" in text
    assert "putusan" not in text.split("telah melaksanakan", 1)[1].split(".", 1)[0]
