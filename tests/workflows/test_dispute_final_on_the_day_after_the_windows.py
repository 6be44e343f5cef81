"""A dispute's decision becomes final the day after the windows that had to lapse did, not the day an officer
records it (walk of a dispute's court stage, finding 1; legal-process.md §2.2 and §5.2 row 10).

With no certificate and no cassation, an officer confirms that nobody went to court (tidak_ada_upaya_hukum): the
decision was final from the first day no party could still challenge it, whatever day the confirmation is typed in:
the later of the day after the applicant's window (P14P, K14P, on its latest reading) and the day the office accepted
the decision (its own window, P14 or K14, ended then, or on the day after its lenient end had it lapsed first). That
day is what the register's final_on, the requester's timeline and the office's compliance clock (LAKSANA, counted
from it) read.

Decisions of the tests/workflows/test_sengketa_paths.py dispute: the adjudication read Fri 26 Feb 2027; the
court's judgment of Mon 3 May 2027 (tests/workflows/test_legal_dispute_clocks.py). Python's decisions over the
existing events and deadlines: SQLite alone (nothing new is stored, only a day computed differently)."""

import dataclasses
import shutil
from datetime import date
from pathlib import Path

from sqlalchemy import select

from engine import queries, registers
from engine.kinds import DISPUTE
from engine.models import Case, User
from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a day computed from existing rows
from tests.workflows.conftest import Office
from tests.workflows.test_legal_dispute_clocks import judged  # noqa: F401 - the fixture
from tests.workflows.test_sengketa_paths import (  # noqa: F401 - the clock fixture
    BUKTI,
    KESIMPULAN,
    WIB,
    _heard,
    clock,
    wib,
)

FIXTURES = Path(__file__).parent / "fixtures"
ACCEPT = {"sikap": "menerima", "alasan_sikap": "Putusan sesuai telaah hukum"}


def _decided(office, clock, received_by_office, received_by_applicant=None):  # noqa: F811 - the clock fixture
    """The adjudication granting the request, read Fri 26 Feb 2027, received by the office on
    ``received_by_office`` (the clock on that day) and by the applicant on ``received_by_applicant`` (else
    unknown: from the reading)."""
    ticket = _heard(office, clock, mediasi=False)
    clock.move_to(wib("2027-02-17"))
    office.complete(ticket, "bukti_ajudikasi", BUKTI)
    office.complete(ticket, "kesimpulan", KESIMPULAN)
    clock.move_to(wib(received_by_office))
    decision = {
        "tanggal_dibacakan": "2027-02-26",
        "tanggal_diterima": received_by_office,
        "amar": "dikabulkan_seluruhnya",
    }
    if received_by_applicant:
        decision["tanggal_diterima_pemohon"] = received_by_applicant
    office.message(ticket, "putusan_ajudikasi", decision)
    return ticket


def _final_days(office, ticket):
    """The day the decision became final as the register, the requester's timeline and LAKSANA read it."""
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        reader = s.scalar(select(User).where(User.username == "ppid"))
        [row] = [r for r in registers.rows(s, office.rt, reader, registers.Filter(DISPUTE)) if r["ticket"] == ticket]
        milestones = queries.public_status(s, case, "id", office.rt)["milestones"]
        [timeline] = [m["on"] for m in milestones if m["name"] == "berkekuatan_hukum_tetap"]
    laksana = office.deadline(ticket, "LAKSANA").start_at.astimezone(WIB).date()
    return {"register": row["final_on"], "timeline": timeline, "laksana": laksana}


def test_a_decision_confirmed_final_days_late_is_final_the_day_after_the_applicants_window(office, clock):  # noqa: F811
    """The applicant received it Mon 1 Mar: P14P ends Thu 1 Apr 2027 on the lenient reading, after P14's lenient
    end (Wed 31 Mar): final on Fri 2 Apr, though the officer confirms it on Wed 7 Apr."""
    ticket = _decided(office, clock, "2027-03-01", "2027-03-01")
    office.complete(ticket, "sikap_atas_putusan", ACCEPT)
    clock.move_to(wib("2027-04-07"))
    office.run(ticket)
    office.message(ticket, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-04-06"})
    assert office.case(ticket).status == "pelaksanaan_putusan"
    final = date(2027, 4, 2)
    assert _final_days(office, ticket) == {"register": final, "timeline": final, "laksana": final}
    office.verify()


def test_the_office_s_acceptance_ends_its_own_window(office, clock):  # noqa: F811
    """The office received the decision Tue 2 Mar and accepted it that day; the applicant's copy is unknown (from
    the reading, Fri 26 Feb): P14P ends Wed 31 Mar on the lenient reading, P14 would Thu 1 Apr. Having accepted, the
    office could no longer challenge it: final on Thu 1 Apr, the day after P14P, the first day the confirmation may
    be recorded (reviewed: a later P14 dated it final the day after a confirmation made on its first day)."""
    ticket = _decided(office, clock, "2027-03-02")
    office.complete(ticket, "sikap_atas_putusan", ACCEPT)
    assert office.deadline(ticket, "P14P").due_at.astimezone(WIB).date() == date(2027, 3, 31)
    clock.move_to(wib("2027-04-01"))
    office.run(ticket)
    office.message(ticket, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-04-01"})
    final = date(2027, 4, 1)
    assert _final_days(office, ticket) == {"register": final, "timeline": final, "laksana": final}


def test_an_acceptance_after_the_applicant_s_window_makes_it_final_that_day(office, clock):  # noqa: F811
    """The applicant's window ended Wed 31 Mar; the office, whose own ran to Thu 1 Apr (lenient), accepted only on
    that Thursday: the decision was final from then, not from the day after P14P, when the office could still have
    gone to court."""
    ticket = _decided(office, clock, "2027-03-02")
    clock.move_to(wib("2027-04-01"))
    office.complete(ticket, "sikap_atas_putusan", ACCEPT)
    office.run(ticket)
    office.message(ticket, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-04-01"})
    final = date(2027, 4, 1)
    assert _final_days(office, ticket) == {"register": final, "timeline": final, "laksana": final}


def test_no_cassation_is_final_the_day_after_k14_and_k14p_even_on_a_saturday(office, clock, judged):  # noqa: F811
    """Judgment received by both Wed 5 May 2027: K14 and K14P end Fri 21 May on the lenient reading (18-19 May cuti
    bersama, 20 May Waisak): final on Sat 22 May, the calendar day after (the day the confirmation may first be
    recorded, engine.windows.confirm_from), though confirmed on Wed 26 May; the compliance clock counts from it."""
    ticket = judged(tanggal_diterima="2027-05-05", tanggal_diterima_pemohon="2027-05-05")
    office.complete(ticket, "sikap_kasasi", {"sikap": "menerima", "alasan_sikap": "Putusan menguatkan Termohon"})
    clock.move_to(wib("2027-05-26"))
    office.run(ticket)
    office.message(ticket, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-05-26"})
    final = date(2027, 5, 22)
    assert _final_days(office, ticket) == {"register": final, "timeline": final, "laksana": final}


def test_a_dispute_started_on_the_previous_version_keeps_the_day_it_was_confirmed(
    settings,
    session_factory_,
    office,
    clock,  # noqa: F811 - the clock fixture
    tmp_path,
):
    """A case keeps the process version it started on (tests/workflows/fixtures/sengketa_informasi.v3.bpmn, the
    version that took the day Kawal recorded the confirmation): it runs on as it did; one started after takes the
    day after the windows."""
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(FIXTURES / "sengketa_informasi.v3.bpmn", workflows / "sengketa_informasi.bpmn")
    before = Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))
    tickets = []
    for deployed in (before, office):
        clock.move_to(wib("2027-01-13"))
        ticket = _decided(deployed, clock, "2027-03-01", "2027-03-01")
        deployed.complete(ticket, "sikap_atas_putusan", ACCEPT)
        tickets.append(ticket)
    clock.move_to(wib("2027-04-07"))
    for ticket in tickets:
        office.run(ticket)
        office.message(ticket, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-04-06"})
    old, new = (office.deadline(t, "LAKSANA").start_at.astimezone(WIB).date() for t in tickets)
    assert (old, new) == (date(2027, 4, 7), date(2027, 4, 2))
    with office.sessions() as s:
        versions = {s.scalar(select(Case.process_version_id).where(Case.ticket == t)) for t in tickets}
    assert len(versions) == 2
    office.verify()


def test_without_the_applicant_s_receipt_it_is_final_no_earlier_than_confirmed(office, clock):  # noqa: F811
    """The applicant's copy not recorded, their window is counted from the reading (P14P ends Wed 31 Mar): their real
    window may have run later, so a decision confirmed on Wed 7 Apr is final that day, not on 1 Apr (reviewed:
    legal-process.md §2.2, another party's window on its latest reading)."""
    ticket = _decided(office, clock, "2027-03-02")
    office.complete(ticket, "sikap_atas_putusan", ACCEPT)
    clock.move_to(wib("2027-04-07"))
    office.run(ticket)
    office.message(ticket, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-04-07"})
    final = date(2027, 4, 7)
    assert _final_days(office, ticket) == {"register": final, "timeline": final, "laksana": final}
