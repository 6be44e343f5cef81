"""A Komisi Informasi hearing is never recorded on a weekend or a national holiday (legal-process.md §2, §5.2).

The walk recorded the preliminary hearing on a Sunday and the first mediation meeting on a national holiday, and
Kawal took both without a word, then counted the mediation's 14 working days from the holiday. The Commission is a
state body on the five-day week (Perpres 21/2023) that counts every step in working days; such a date is a typo.
The hearing dates of the dispute's forms (the preliminary examination, the first mediation meeting, the public
session that reads the decision) are refused on those days, naming the day in the reader's language; the process
stays where it was. A day the office's override table closes (its own closure) does not close the Commission.

On SQLite alone: a hearing's day is checked in Python before anything is written; the office's overrides stored and read
back are proved on PostgreSQL by tests/test_cli_overrides.py.
"""

from datetime import date

import pytest
import time_machine
from sqlalchemy import select

from api.language import say
from engine import holidays as overrides
from engine.errors import Invalid
from engine.models import Case
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_sengketa_paths import BUKTI, KESIMPULAN, SUMMONED, _prepared, wib

SUNDAY = "2027-01-17"
GOOD_FRIDAY = "2027-03-26"  # Wafat Yesus Kristus, a national holiday on a Friday
SATURDAY = "2027-02-27"


@pytest.fixture
def clock():
    with time_machine.travel(SUMMONED, tick=True) as traveller:  # the summons arrives on Wed 13 Jan 2027
        yield traveller


def _refused(office, ticket, name, payload) -> dict:
    with pytest.raises(Invalid) as refused:
        office.message(ticket, name, payload)
    return refused.value.fields


def _status(office, ticket) -> str:
    with office.sessions() as s:
        return s.scalar(select(Case.status).where(Case.ticket == ticket))


def test_a_preliminary_hearing_on_a_sunday_is_refused_naming_the_day(office, clock):
    ticket = _prepared(office)
    clock.move_to(wib("2027-01-20"))
    before = _status(office, ticket)
    fields = _refused(office, ticket, "pemeriksaan_awal", {"tanggal": SUNDAY, "hasil": "dilanjutkan", "mediasi": False})
    assert set(fields) == {"tanggal"}
    (said,) = fields["tanggal"]
    assert said.code == "hearing_not_working_day"
    assert say(said, "id").startswith("Komisi Informasi tidak bersidang pada 17 Jan 2027, Minggu (bukan hari kerja)")
    assert "Sunday (not a working day)" in say(said, "en")
    assert _status(office, ticket) == before  # the case still waits for the hearing
    office.message(ticket, "pemeriksaan_awal", {"tanggal": "2027-01-18", "hasil": "dilanjutkan", "mediasi": False})
    assert _status(office, ticket) != before


def test_a_first_mediation_meeting_on_a_national_holiday_is_refused_and_a_working_day_taken(office, clock):
    ticket = _prepared(office)
    clock.move_to(wib("2027-01-20"))
    hearing = {"tanggal": "2027-01-20", "hasil": "dilanjutkan", "mediasi": True, "tanggal_mediasi": GOOD_FRIDAY}
    fields = _refused(office, ticket, "pemeriksaan_awal", hearing)
    assert set(fields) == {"tanggal_mediasi"}
    assert "Wafat Yesus Kristus" in say(fields["tanggal_mediasi"][0], "id")
    assert "Good Friday" in say(fields["tanggal_mediasi"][0], "en")
    office.message(ticket, "pemeriksaan_awal", {**hearing, "tanggal_mediasi": "2027-01-21"})


def test_a_decision_read_on_a_saturday_is_refused(office, clock):
    ticket = _prepared(office)
    clock.move_to(wib("2027-01-20"))
    office.message(ticket, "pemeriksaan_awal", {"tanggal": "2027-01-20", "hasil": "dilanjutkan", "mediasi": False})
    clock.move_to(wib("2027-02-17"))
    office.complete(ticket, "bukti_ajudikasi", BUKTI)
    office.complete(ticket, "kesimpulan", KESIMPULAN)
    clock.move_to(wib("2027-03-01"))
    decision = {"tanggal_dibacakan": SATURDAY, "tanggal_diterima": "2027-03-01", "amar": "ditolak"}
    fields = _refused(office, ticket, "putusan_ajudikasi", decision)
    assert [m.code for m in fields["tanggal_dibacakan"]] == ["hearing_not_working_day"]
    office.message(ticket, "putusan_ajudikasi", {**decision, "tanggal_dibacakan": "2027-02-26"})


def test_the_office_s_own_closure_does_not_close_the_commission_and_a_working_saturday_is_one(office, clock):
    """The override table's day off may be the office's closure alone (a flood, a local event): the Commission sits.
    A Saturday the table makes a working day is one, on the strict reading the office counts by."""
    ticket = _prepared(office)
    clock.move_to(wib("2027-01-20"))
    with office.sessions.begin() as s:
        overrides.add_override(
            s, office.rt, day=date(2027, 1, 18), kind="holiday", reason="Kantor tutup: banjir", actor="admin"
        )
        overrides.add_override(
            s, office.rt, day=date(2027, 1, 16), kind="working", reason="Hari kerja pengganti", actor="admin"
        )
    hearing = {"tanggal": "2027-01-16", "hasil": "dilanjutkan", "mediasi": True, "tanggal_mediasi": "2027-01-18"}
    before = _status(office, ticket)
    office.message(ticket, "pemeriksaan_awal", hearing)
    assert _status(office, ticket) != before  # recorded: the case moved on
