"""The record of carrying out the Commission's final decision (legal-process.md §10b, Berita Acara Pelaksanaan
Putusan) names the decision by its own number when the officer recorded it with the decision (pesan_putusan_ajudikasi
``nomor_putusan``): the applicant and the Commission check the record against the decision it carried out. A decision
recorded without it is named by the day it was read, as before.

SQLite alone: a letter's words (numbering and an issued letter's round trip: tests/workflows/test_letters.py)."""

import pytest
import time_machine

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_letters import by_kind, letters, render_pending, text_of
from tests.workflows.test_sengketa_paths import PELAKSANAAN, SUMMONED, _decided, wib

RECORD = "berita_acara_pelaksanaan_putusan"
DECISION_NUMBER = "012/III/KIP-PS-A/2027"
KAWAL_NUMBERED = {k: v for k, v in PELAKSANAAN.items() if k != "nomor_berita_acara"}  # carried out Mon 5 Apr 2027


@pytest.fixture
def clock():
    with time_machine.travel(SUMMONED, tick=True) as traveller:
        yield traveller


def _carried_out(office, clock, **decision) -> str:
    """The Commission grants the request in full (read Fri 26 Feb 2027), the office accepts, nobody goes to court; the
    certificate that it is final, of Mon 5 Apr 2027, is recorded that day, and the office carries it out that day,
    with no record number of its own. The record's text, spaces folded."""
    ticket = _decided(office, clock, "dikabulkan_seluruhnya", **decision)
    office.complete(ticket, "sikap_atas_putusan", {"sikap": "menerima", "alasan_sikap": "Putusan sesuai telaah"})
    clock.move_to(wib("2027-04-05"))
    office.run(ticket)
    office.message(ticket, "berkekuatan_hukum_tetap", {"tanggal": "2027-04-05"})
    office.complete(ticket, "pelaksanaan_putusan", KAWAL_NUMBERED)
    render_pending(office)
    return " ".join(text_of(office, by_kind(letters(office, ticket))[RECORD]).split())


def test_the_compliance_record_names_the_commission_s_decision_by_its_number_when_recorded(office, clock):
    text = _carried_out(office, clock, nomor_putusan=DECISION_NUMBER)
    assert (
        f"telah melaksanakan putusan ajudikasi Komisi Informasi Pusat Nomor {DECISION_NUMBER} yang dibacakan pada"
        " tanggal 26 Februari 2027" in text
    )
    assert "sengketa informasi publik Nomor Register 001/REG-PSI/I/2027" in text


def test_the_compliance_record_of_a_decision_recorded_without_its_number_names_it_by_its_day(office, clock):
    text = _carried_out(office, clock)
    assert "telah melaksanakan putusan ajudikasi Komisi Informasi Pusat yang dibacakan pada tanggal 26 Februari" in text
