"""The case comes back to the officer who referred it to a unit (walk F16: on a busy day, the PPID's next task after
the unit's answer, "Putuskan sekarang atau perpanjang", waited unclaimed in the PPID desk's queue, though the officer
who asked the unit expects the case back in their own hands).

The task that follows a unit's answer (a request's ``tentukan_langkah`` after ``tanggapan_unit``, a complaint's
``klarifikasi`` after ``klarifikasi_unit``) goes to whoever completed the case's last task in its lane (the referral),
recorded in the case's history as an assignment by the system (``task_assigned``), while that officer is active and
still works the lane; else it waits in the lane's queue. An officer on leave: their stand-in holds it under the
leave, which gives it back when it ends. Every other new task still waits in its lane's queue, and the check costs
a completion one indexed read, only when a unit's answer came back (engine.sync._back_to_referrer).
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import delete, select

from engine import absence, inbox, inbox_list, leave_returns
from engine.models import Case, CaseEvent, Group, HumanTask, Membership, Notification, User
from engine.users import create_user
from tests.conftest import PASSWORD, sqlite_only
from tests.helpers import STEP, dated
from tests.workflows.test_letter_reads import statements
from tests.workflows.test_pengaduan_paths import CATAT, KE_UNIT, LAYAK, TANGGAPAN_UNIT

# A working Monday, 09:00 WIB: the leave's days and the case's clocks fall on working days.
MONDAY = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
# Statements of the unit's answer (tests/workflows/test_letter_reads.py counts the same way: the office's
# completion, finding the task and its officer included): 22 before the answer went back to its referrer, and 22
# since: the referrer's one indexed read (active, still in the lane) and no read of the lane's members, whom the
# queue's news no longer goes to (engine.notices). The PPID's other completions read nothing more.
UNIT_ANSWER_BUDGET = 22


@pytest.fixture(autouse=True)
def _monday():
    with time_machine.travel(MONDAY, tick=True):
        yield


def _complete_as(office, ticket, name, username, data):
    """``name`` completed by ``username`` (the office's own walk completes it as its lane's usual officer)."""
    with office.sessions.begin() as s:
        task = office._open(s, ticket, name)
        received_on = task.case.received_at.astimezone(office.rt.calendars["strict"].tz).date().isoformat()
        inbox.complete_task(s, office.rt, office.user(s, username), task.id, dated(data, received_on), {})


def _referred(office, ppid="ppid"):
    """A request the PPID officer ``ppid`` referred to the unit (``proses_permohonan`` asking KANWIL)."""
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    office.complete(ticket, "registrasi")
    _complete_as(office, ticket, "proses_permohonan", ppid, STEP["proses_permohonan_unit"])
    return ticket


def _open_task(office, ticket, name) -> HumanTask:
    with office.sessions() as s:
        return s.scalar(
            select(HumanTask)
            .join(Case)
            .where(Case.ticket == ticket, HumanTask.bpmn_id == name, HumanTask.state == "open")
        )


def _holder(office, ticket, name) -> str | None:
    task = _open_task(office, ticket, name)
    with office.sessions() as s:
        return s.get(User, task.assignee_id).username if task.assignee_id else None


def _assignments(office, ticket) -> list[tuple[str, dict]]:
    with office.sessions() as s:
        rows = s.execute(
            select(CaseEvent.actor, CaseEvent.data)
            .join(Case)
            .where(Case.ticket == ticket, CaseEvent.type == "task_assigned")
            .order_by(CaseEvent.seq)
        ).all()
        return [(actor, data) for actor, data in rows]


def _told(office, ticket, task_title) -> set[tuple[str, str]]:
    """(message, officer) of the staff mails about the task ``task_title`` of the case."""
    with office.sessions() as s:
        rows = s.execute(
            select(Notification.event, User.username, Notification.context)
            .join(Case, Case.id == Notification.case_id)
            .join(User, User.id == Notification.recipient_user_id)
            .where(Case.ticket == ticket)
        )
        return {(event, name) for event, name, context in rows if context.get("task_title") == task_title}


def _second_ppid(office):
    with office.sessions.begin() as s:
        create_user(s, "ppid2", PASSWORD, ["ppid"], display_name="PPID Kedua")


def test_after_the_units_answer_the_next_task_is_the_referring_ppid_officers_and_the_history_says_so(office):
    _second_ppid(office)
    ticket = _referred(office, ppid="ppid2")  # not the lane's first officer: the one who referred it
    office.complete(ticket, "tanggapan_unit")
    assert _holder(office, ticket, "tentukan_langkah") == "ppid2"
    [(actor, data)] = _assignments(office, ticket)
    assert actor == "system"
    assert (data["assignee"], data["task"], data["after"]) == ("ppid2", "tentukan_langkah", "tanggapan_unit")
    with office.sessions() as s:  # the header counts it among "My tasks" of the officer, none of the other's
        assert inbox_list.counts(s, office.rt, office.user(s, "ppid2"))["mine"].value == 1
        assert inbox_list.counts(s, office.rt, office.user(s, "ppid"))["mine"].value == 0
    assert _told(office, ticket, "Putuskan sekarang atau perpanjang") == {("task_assigned", "ppid2")}  # no queue news
    _complete_as(office, ticket, "tentukan_langkah", "ppid2", STEP["tentukan_langkah"])  # theirs to carry on
    assert office.open_tasks(ticket) == ["putuskan"]
    assert _holder(office, ticket, "putuskan") is None  # no unit's answer before it: the lane's queue


# On PostgreSQL too: the first test (the referrer's read, the assignment recorded, the inbox's counts, the staff's mail)
# and the statement budget (the last test). The others are @sqlite_only: the same read again, for a complaint, without a
# unit, for a referrer gone or on leave (engine.sync, engine.stand_ins: Python's choice over rows either database
# returns alike).
@sqlite_only
def test_a_complaint_comes_back_to_the_team_member_who_referred_it_to_the_unit(office):
    ticket, _code = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    _complete_as(office, ticket, "klasifikasi", "tim2", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    assert _holder(office, ticket, "klarifikasi") == "tim2"
    [(actor, data)] = _assignments(office, ticket)
    assert (actor, data["assignee"], data["after"]) == ("system", "tim2", "klarifikasi_unit")


@sqlite_only
def test_a_request_the_ppid_decides_without_a_unit_waits_in_the_desks_queue(office):
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    office.complete(ticket, "registrasi")
    office.complete(ticket, "proses_permohonan")  # no unit asked
    assert _holder(office, ticket, "tentukan_langkah") is None
    assert _assignments(office, ticket) == []


@sqlite_only
@pytest.mark.parametrize("gone", ["left_the_lane", "deactivated"])
def test_a_referrer_who_no_longer_works_the_lane_leaves_the_task_in_its_queue(office, gone):
    _second_ppid(office)
    ticket = _referred(office, ppid="ppid2")
    with office.sessions.begin() as s:
        officer = office.user(s, "ppid2")
        if gone == "deactivated":
            officer.active = False
        else:
            lane = s.scalar(select(Group.id).where(Group.code == "ppid"))
            s.execute(delete(Membership).where(Membership.user_id == officer.id, Membership.group_id == lane))
    office.complete(ticket, "tanggapan_unit")
    assert _holder(office, ticket, "tentukan_langkah") is None
    assert _assignments(office, ticket) == []
    assert _told(office, ticket, "Putuskan sekarang atau perpanjang") == {("task_new_group", "ppid")}  # the desk's news


# The leave's return sweep on PostgreSQL is tests/api/test_leave_stand_ins.py's.
@sqlite_only
@pytest.mark.parametrize("leave_over", ["cancelled", "ended"])
def test_a_referrer_on_leave_has_the_task_held_by_the_stand_in_and_back_when_the_leave_is_over(office, leave_over):
    _second_ppid(office)
    ticket = _referred(office)
    today = MONDAY.astimezone(office.rt.calendars["strict"].tz).date()
    with office.sessions.begin() as s:
        leave, _handed = absence.mark_absence(
            s, office.rt, office.user(s, "atasan"), "ppid", "ppid2", today, today + timedelta(days=2)
        )
        leave_id = leave.id
    office.complete(ticket, "tanggapan_unit")
    assert _holder(office, ticket, "tentukan_langkah") == "ppid2"
    [(actor, data)] = _assignments(office, ticket)
    assert (actor, data["assignee"], data["for"], data["absence_id"]) == ("system", "ppid2", "ppid", leave_id)
    # whose work it is and until when, as a hand-over (tests/workflows/test_back_to_referrer_stand_in_mail.py)
    assert _told(office, ticket, "Putuskan sekarang atau perpanjang") == {("task_handed_over", "ppid2")}
    if leave_over == "cancelled":
        with office.sessions.begin() as s:
            _leave, returned = absence.cancel_absence(s, office.rt, office.user(s, "atasan"), leave_id)
    else:  # its last day past: the reconcile sweep finds it
        with time_machine.travel(MONDAY + timedelta(days=3), tick=True), office.sessions.begin() as s:
            returned = leave_returns.sweep(s, office.rt)
    assert [t.bpmn_id for t in returned] == ["tentukan_langkah"]
    assert _holder(office, ticket, "tentukan_langkah") == "ppid"
    with office.sessions() as s:
        back = s.scalar(
            select(CaseEvent.data).join(Case).where(Case.ticket == ticket, CaseEvent.type == "task_returned")
        )
    assert (back["from"], back["assignee"], back["absence_id"]) == ("ppid2", "ppid", leave_id)


def test_the_units_answer_costs_one_indexed_read_more_and_the_ppids_completions_none(office):
    ticket = _referred(office)
    with statements(office) as seen:
        office.complete(ticket, "tanggapan_unit")
    assert len(seen) <= UNIT_ANSWER_BUDGET, f"{len(seen)} statements, budget {UNIT_ANSWER_BUDGET}"
    assert len(_referrer_reads(seen)) == 1
    assert _holder(office, ticket, "tentukan_langkah") == "ppid"
    with statements(office) as seen:
        office.complete(ticket, "tentukan_langkah")  # no unit's answer: no officer is looked up
    assert _referrer_reads(seen) == []


def _referrer_reads(seen: list[str]) -> list[str]:
    """The statements asking whether one officer may take a lane's task (engine.stand_ins.route_back)."""
    return [sql for sql in seen if " JOIN membership " in sql and "WHERE user.id = " in sql.replace('"', "")]
