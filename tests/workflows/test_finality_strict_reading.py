"""The Commission's or a court's own date of finality is checked against the window's strict (earliest) last day
(legal-process.md §2.2: a difference between the readings is flagged, never a refusal of what is right on one;
workflows/sengketa_informasi.bpmn tunggu_final_p14, tunggu_inkracht: ``window_reading`` strict; engine.windows).

A reviewer found that the finality certificate (Putusan berkekuatan hukum tetap), which states the day the decision
became final as the Commission counts it, was refused when dated between the strict end of the applicant's window
(cuti bersama as working days) and its lenient end (cuti bersama as days off): Kawal refused the real document. The
decision of tests/workflows/test_sengketa_paths.py (received Mon 1 Mar 2027): the applicant's 14 working days end on
a day in late March on the strict reading and Thu 1 Apr 2027 on the lenient one. A certificate dated after the strict
last day is accepted; one dated on it is refused. The officer's own confirmation that the window passed with no
court action (tidak_ada_upaya_hukum) still waits for the lenient reading.

Python's decisions (a form's date check) on SQLite alone: nothing new is stored."""

from datetime import timedelta

import pytest
import time_machine

from engine import windows
from engine.errors import Invalid
from engine.messages import Term, msg
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a form's date check
from tests.workflows.test_sengketa_paths import SUMMONED, WIB, _decided, wib


@pytest.fixture
def clock():
    with time_machine.travel(SUMMONED, tick=True) as traveller:
        yield traveller


WINDOW = Term("the applicant's time to go to court")


def _accepted_decision(office, clock):
    ticket = _decided(office, clock, "dikabulkan_sebagian", tanggal_diterima_pemohon="2027-03-01")
    office.complete(ticket, "sikap_atas_putusan", {"sikap": "menerima", "alasan_sikap": "Putusan sesuai telaah hukum"})
    row = office.deadline(ticket, "P14P")
    strict_last = windows.ends_at(office.rt, row, "strict").astimezone(WIB).date()
    lenient_last = row.due_at.astimezone(WIB).date()
    assert strict_last < lenient_last - timedelta(days=1), (strict_last, lenient_last)  # a day between the two
    return ticket, strict_last, lenient_last


def test_a_certificate_dated_between_the_strict_and_the_lenient_last_day_is_accepted(office, clock):
    ticket, strict_last, lenient_last = _accepted_decision(office, clock)
    clock.move_to(wib((lenient_last + timedelta(days=1)).isoformat()))
    office.run(ticket)
    between = strict_last + timedelta(days=1)
    office.message(ticket, "berkekuatan_hukum_tetap", {"tanggal": between.isoformat()})
    assert office.case(ticket).status == "pelaksanaan_putusan"


def test_a_certificate_dated_on_the_strict_last_day_is_refused_naming_it(office, clock):
    ticket, strict_last, lenient_last = _accepted_decision(office, clock)
    clock.move_to(wib((lenient_last + timedelta(days=1)).isoformat()))
    office.run(ticket)
    with pytest.raises(Invalid) as refused:
        office.message(ticket, "berkekuatan_hukum_tetap", {"tanggal": strict_last.isoformat()})
    first = strict_last + timedelta(days=1)
    assert refused.value.fields == {
        "tanggal": [msg("confirmed_within_window", name=WINDOW, due=strict_last, first=first)]
    }


def test_the_officer_s_own_confirmation_still_waits_for_the_lenient_last_day(office, clock):
    ticket, strict_last, lenient_last = _accepted_decision(office, clock)
    clock.move_to(wib((lenient_last + timedelta(days=1)).isoformat()))
    office.run(ticket)
    with pytest.raises(Invalid):
        office.message(
            ticket, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": (strict_last + timedelta(days=1)).isoformat()}
        )
