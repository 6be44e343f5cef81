"""Requests left at their end join before commit 789bf38 are found and repaired (engine.repair, ``kawal repair
stuck-requests``).

Before the fix, a written notice dated within T10 but recorded after the T10 timer fired withdrew the superior's
escalation without letting the handling subprocess's end join look again: the request never went on to wait for an
objection (UU 14/2008 Pasal 35-36: a granted objection must still reopen its delivery). Such requests are built
here by running that old withdrawal (``_withdrawn_as_before_the_fix``), then listed, repaired once, and checked: the
request waits for an objection as one answered after the fix does, an order granted while it was stuck is carried
out, the history records the repair, and its chain verifies.

On PostgreSQL too: a stuck request listed and repaired, its workflow state read and written back (what ``kawal repair
stuck-requests`` does to a database). The other scenarios (``sqlite_only``) run the same queries again.
"""

from datetime import timedelta
from uuid import UUID

import pytest
import time_machine
from SpiffWorkflow.exceptions import TaskNotFoundException
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select

from engine import lateness, objection_orders, repair
from engine.models import Case, CaseEvent
from tests.conftest import sqlite_only
from tests.helpers import decision
from tests.workflows.test_keberatan_paths import RECEIVED, _decide, _decided, _to_superior


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _withdrawn_as_before_the_fix(wf, deadline):
    """``lateness._withdraw_escalation`` as it was before 789bf38: the escalation cancelled, no join looked at."""
    try:
        timer = wf.get_task_from_id(UUID(deadline.task_guid))
    except (TaskNotFoundException, ValueError):
        return False
    branch = list(timer.children)
    while branch:
        task = branch.pop()
        if task.task_spec.manual and not task.has_state(TaskState.FINISHED_MASK):
            task.cancel()
        else:
            branch += task.children
    return False


def _refused_in_time_after_t10_fired(office, clock) -> str:
    """A refusal whose notice is dated the day of receipt (in time) but recorded after the T10 timer fired."""
    request = office.submit()
    clock.move_to(office.deadline(request, "T10").due_at + timedelta(hours=1))
    office.run(request)
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(request, step)
    office.complete(request, "putuskan", decision("ditolak_dikecualikan"))
    office.complete(request, "uji_konsekuensi")
    office.complete(request, "tetapkan_pengecualian")
    office.complete(request, "pemberitahuan_tertulis")
    return request


@pytest.fixture
def stuck(office, clock, monkeypatch):
    """A request stuck as the code before the fix left it."""
    with monkeypatch.context() as before_the_fix:
        before_the_fix.setattr(lateness, "_withdraw_escalation", _withdrawn_as_before_the_fix)
        request = _refused_in_time_after_t10_fired(office, clock)
    assert not _waits_for_an_objection(office, request)
    return request


def _waits_for_an_objection(office, ticket) -> bool:
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        return office.rt.waiting_for(office.rt.load(s, case), objection_orders.MESSAGE) is not None


def _listed(office) -> list[repair.Stuck]:
    with office.sessions() as s:
        return repair.stuck_cases(s, office.rt)


def _repair(office, ticket):
    with office.sessions.begin() as s:
        return repair.repair_stuck_case(s, office.rt, s.scalar(select(Case).where(Case.ticket == ticket)), "cli")


def _events(office, ticket, type_) -> list[CaseEvent]:
    with office.sessions() as s:
        return list(
            s.scalars(
                select(CaseEvent)
                .join(Case)
                .where(Case.ticket == ticket, CaseEvent.type == type_)
                .order_by(CaseEvent.seq)
            )
        )


def test_a_request_stuck_before_the_fix_is_listed_with_what_withdrew_its_escalation(office, stuck):
    [found] = _listed(office)
    assert (found.ticket, found.kind, found.status) == (stuck, "permohonan_informasi", "selesai")
    assert found.processes == ("penanganan",)  # the handling subprocess waits at its end join
    assert found.deadlines == (("T10", "2026-12-02"),)  # met by the notice dated the day of receipt
    assert found.orders == ()


def test_the_repair_makes_the_request_wait_for_an_objection_once_and_records_it(office, stuck):
    result = _repair(office, stuck)
    assert result is not None
    assert [c.ticket for c in result.touched] == [stuck]
    assert _waits_for_an_objection(office, stuck)
    assert _listed(office) == []  # a second pass finds nothing
    assert _repair(office, stuck) is None  # and repairs nothing
    [event] = _events(office, stuck, "case_repaired")
    assert (event.actor, event.data["repair"], event.data["processes"], event.data["deadlines"]) == (
        "cli",
        "stuck_end_join",
        ["penanganan"],
        ["T10"],
    )
    assert office.case(stuck).status == "selesai"  # no stage reached: the request only waits, as after the fix
    objection = office.objection(stuck, ["a"])
    _to_superior(office, objection)
    _decide(office, objection, "keberatan_dikabulkan_seluruhnya")
    assert office.open_tasks(stuck) == ["penyerahan_lanjutan"]  # the granted objection reopens the delivery
    office.verify()


@sqlite_only
def test_an_objection_granted_while_the_request_was_stuck_is_carried_out_by_the_repair(office, stuck):
    objection = office.objection(stuck, ["a"])
    _to_superior(office, objection)
    _decide(office, objection, "keberatan_dikabulkan_seluruhnya")
    assert office.open_tasks(stuck) == []  # stuck: the grant only logged its news
    [found] = _listed(office)
    assert found.orders == (objection,)
    _repair(office, stuck)
    assert office.open_tasks(stuck) == ["penyerahan_lanjutan"]
    [news, taken_up] = [e.data for e in _events(office, stuck, "linked_case_outcome")]
    assert (news["applied"], taken_up["applied"], taken_up.get("deferred")) == (False, True, True)
    office.verify()


@sqlite_only
def test_a_request_answered_in_time_after_the_fix_is_not_listed(office, clock):
    request = _refused_in_time_after_t10_fired(office, clock)
    assert _waits_for_an_objection(office, request)
    assert _listed(office) == []


@sqlite_only
def test_an_objection_answered_in_time_after_a30_fired_is_repaired_to_end_as_after_the_fix(office, clock, monkeypatch):
    """The superior's response answers A30 the same way (UU 14/2008 Pasal 36(2)): its process waited at its end join
    too, never ending, and ends on repair."""
    request = _decided(office, "ditolak_dikecualikan")
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    clock.move_to(office.deadline(objection, "A30").due_at + timedelta(hours=1))
    office.run(objection)
    with monkeypatch.context() as before_the_fix:
        before_the_fix.setattr(lateness, "_withdraw_escalation", _withdrawn_as_before_the_fix)
        _decide(office, objection, "keberatan_ditolak")  # sent the day the objection came in: in time
    [found] = _listed(office)
    assert (found.ticket, found.processes, found.deadlines) == (objection, ("keberatan",), (("A30", "2026-12-02"),))
    _repair(office, objection)
    assert _listed(office) == []
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == objection))
        assert office.rt.load(s, case).is_completed()
    assert office.case(objection).status == "keberatan_selesai"
    office.verify()
