"""One function per state change (STYLE.md rule 2).

Each validates, changes state, appends its audit events and leaves the commit to the caller; a
failure raises before anything is flushed or is rolled back by the caller, so nothing half-done
survives. Work on one case is serialized by the case's version column: a second concurrent run of
the same case fails at flush with ``StaleDataError``, which callers report as a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from SpiffWorkflow.exceptions import TaskNotFoundException
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access, clock, tickets
from engine.audit import EventLog
from engine.errors import Conflict, Invalid, NotFound
from engine.models import Case, Deadline, HumanTask, User
from engine.outbox import Outbox, deadline_context
from engine.runtime import Runtime
from engine.sync import properties
from engine.users import default_unit

REQUEST_PROCESS = "permohonan_informasi"
CHANNELS = ("langsung", "web", "email", "pos", "telepon")
# How far back a front-desk officer may record a paper request's real receipt (a typo guard).
OLDEST_RECORDED_RECEIPT = timedelta(days=366)
REQUEST_DETAILS = ("requester_type", "information", "purpose", "obtain_method", "delivery_method")


def actor_name(user: User | None) -> str:
    return user.username if user is not None else "pemohon"


@dataclass
class Submitted:
    case: Case
    access_code: str


def submit_request(
    session: Session,
    rt: Runtime,
    payload: dict,
    *,
    user: User | None = None,
    channel: str | None = None,
    received_at: datetime | None = None,
) -> Submitted:
    """Receive an information request (UU 14/2008 Pasal 22): register number, access code, T10 armed.

    The requester's identity goes to the vault; the case and its workflow hold only the party id.
    Only a front-desk officer may give the channel and the real receipt time of an offline request.
    """
    now = clock.now()
    if (channel is not None or received_at is not None) and user is None:
        raise Invalid(
            "data tidak sah / invalid data",
            fields={"channel": ["hanya untuk petugas / officers only"]}
            if channel
            else {"received_at": ["hanya untuk petugas / officers only"]},
        )
    if user is not None:
        access.require_front_desk(user)
    rt.forms.validate("permohonan.json", payload)
    fields = {}
    if channel is not None and channel not in CHANNELS:
        fields["channel"] = [f"salah satu dari / one of {', '.join(CHANNELS)}"]
    if received_at is not None and (
        received_at.tzinfo is None or received_at > now or received_at < now - OLDEST_RECORDED_RECEIPT
    ):
        fields["received_at"] = [
            "harus waktu lampau (paling lama setahun) dengan zona waktu / must be a past instant, at most a year ago,"
            " with a time zone"
        ]
    if fields:
        raise Invalid("data tidak sah / invalid data", fields=fields)
    channel = channel or "web"
    received_at = received_at or now

    party = rt.vault.store(session, "requester", payload["requester"])
    local_year = received_at.astimezone(rt.calendars["strict"].tz).year
    ticket = tickets.next_ticket(session, rt.settings.ticket_prefix, local_year)
    code, code_hash = tickets.new_access_code()
    version_id = rt.latest_version_id(session, REQUEST_PROCESS)
    case = Case(
        ticket=ticket,
        kind=REQUEST_PROCESS,
        process_version_id=version_id,
        unit_id=default_unit(session).id,
        status="diterima",
        requester_party_id=party.id,
        requester_type=payload["requester_type"],
        channel=channel,
        access_code_hash=code_hash,
        received_at=received_at,
        created_at=now,
        updated_at=now,
        details={k: payload[k] for k in REQUEST_DETAILS},
        workflow_state=None,  # a new case has none of these yet: filling them needs no read
        deadlines=[],
        tasks=[],
    )
    session.add(case)
    session.flush()
    log = EventLog(session)
    log.append(
        case,
        "request_submitted",
        actor_name(user),
        {"channel": channel, "received_at": received_at.isoformat(), **case.details},
    )
    wf = rt.new_workflow(
        session,
        version_id,
        {
            "case_id": case.id,
            "ticket": ticket,
            "received_at": received_at.isoformat(),
            "batas_kelengkapan_hari": rt.settings.completion_window_days,
        },
    )
    rt.step(wf)
    rt.sync(session, case, wf, log, actor_name(user), set())
    rt.save(session, case, wf)
    session.flush()
    return Submitted(case, code)


def find_by_code(session: Session, ticket: str, code: str) -> Case:
    """The requester's way in: ticket + access code. Unknown ticket and wrong code look the same."""
    case = session.scalar(select(Case).where(Case.ticket == (ticket or "").strip().upper()))
    if not tickets.code_matches(case.access_code_hash if case else None, code or ""):
        raise NotFound("tiket atau kode akses salah / wrong ticket or access code")
    return case


def _touch(case: Case) -> None:
    case.updated_at = clock.now()  # bumps the version: concurrent work on this case now conflicts


def claim_task(session: Session, user: User, task_id: int) -> HumanTask:
    task = access.require_task(session, user, task_id)
    access.require_work(user, task)
    _require_open(task)
    if task.assignee_id not in (None, user.id):
        raise Conflict(f"sudah diambil oleh {task.assignee.username} / already claimed by {task.assignee.username}")
    if task.assignee_id is None:
        task.assignee, task.claimed_at = user, clock.now()
        _touch(task.case)
        EventLog(session).append(task.case, "task_claimed", user.username, {"task": task.bpmn_id, "task_id": task.id})
    return task


def unclaim_task(session: Session, user: User, task_id: int) -> HumanTask:
    task = access.require_task(session, user, task_id)
    if not access.can_assign(user, task):  # a superior may release anyone's claim
        access.require_work(user, task)
    _require_open(task)
    if task.assignee_id is not None and task.assignee_id != user.id and not access.can_assign(user, task):
        raise Conflict("diambil oleh petugas lain / claimed by another officer")
    if task.assignee_id is not None:
        task.assignee, task.claimed_at = None, None
        _touch(task.case)
        EventLog(session).append(task.case, "task_unclaimed", user.username, {"task": task.bpmn_id, "task_id": task.id})
    return task


def assign_task(session: Session, rt: Runtime, user: User, task_id: int, username: str) -> HumanTask:
    task = access.require_task(session, user, task_id)
    access.require_assign(user, task)
    _require_open(task)
    assignee = session.scalar(select(User).where(User.username == username, User.active.is_(True)))
    if assignee is None:
        raise Invalid("pengguna tidak dikenal / unknown user", fields={"username": ["tidak dikenal / unknown"]})
    if not access.can_work_task(assignee, task):
        raise Invalid(
            "pengguna bukan anggota kelompok tugas / user is not in the task's group",
            fields={"username": [f"bukan anggota {task.lane} / not in {task.lane}"]},
        )
    task.assignee, task.claimed_at = assignee, clock.now()
    _touch(task.case)
    due = next((d for d in task.case.deadlines if d.status == "pending"), None)
    context = {**deadline_context(rt.calendars["strict"], due), "task_title": task.title}
    cause = f"task{task.id}:{assignee.id}:{task.claimed_at.timestamp():.0f}"
    outbox = Outbox(session, rt.settings.notify_channels)
    outbox.to_users(task.case, "task_assigned", cause, [assignee.id], context)
    outbox.write()
    EventLog(session).append(
        task.case,
        "task_assigned",
        user.username,
        {"task": task.bpmn_id, "task_id": task.id, "assignee": assignee.username},
    )
    return task


def complete_task(session: Session, rt: Runtime, user: User, task_id: int, data: dict) -> HumanTask:
    """Complete a user task with its form data and run the case to its next wait state."""
    task = access.require_task(session, user, task_id)
    access.require_work(user, task)
    _require_open(task)
    if task.assignee_id not in (None, user.id):
        raise Conflict(f"sudah diambil oleh {task.assignee.username} / already claimed by {task.assignee.username}")
    if not isinstance(data, dict):
        raise Invalid("data harus objek / data must be an object", fields={"data": ["object expected"]})
    if task.form:
        rt.forms.validate(task.form, data)
    case = task.case
    wf = rt.load(session, case)
    try:
        spiff_task = wf.get_task_from_id(UUID(task.task_guid))
    except TaskNotFoundException:
        spiff_task = None
    if spiff_task is None or spiff_task.state != TaskState.READY:
        raise Conflict("tugas sudah tidak terbuka / the task is no longer open")
    _check_deadline_guard(session, rt, case, spiff_task, data)
    before = rt.completed_ids(wf)
    spiff_task.set_data(**data)
    spiff_task.run()
    rt.step(wf)
    now = clock.now()
    task.state, task.completed_at, task.completed_by_id = "completed", now, user.id
    if task.assignee_id is None:
        task.assignee, task.claimed_at = user, now
    log = EventLog(session)
    log.append(case, "task_completed", user.username, {"task": task.bpmn_id, "task_id": task.id, "data": data})
    rt.sync(session, case, wf, log, user.username, before)
    rt.save(session, case, wf)
    session.flush()
    return task


def _check_deadline_guard(session, rt, case, spiff_task, data) -> None:
    """A task marked ``mustCompleteBefore`` (e.g. the extension notice before T10) is refused after it."""
    props = properties(spiff_task.task_spec)
    deadline_name = props.get("mustCompleteBefore")
    if not deadline_name:
        return
    condition = props.get("mustCompleteBeforeWhen")
    if condition and not rt.script_engine.environment.evaluate(condition, dict(data)):
        return
    due = session.scalar(
        select(Deadline.due_at)
        .where(Deadline.case_id == case.id, Deadline.name == deadline_name)
        .order_by(Deadline.id.desc())
        .limit(1)
    )
    if due is not None and clock.now() >= due:
        raise Invalid(
            f"batas waktu {deadline_name} sudah lewat / the {deadline_name} deadline has passed",
            fields={"_schema": [f"harus sebelum {due.isoformat()} / must be done before {due.isoformat()}"]},
        )


def withdraw_request(session: Session, rt: Runtime, case: Case, reason: str | None, actor: str = "pemohon") -> Case:
    """The requester withdraws (status ``dicabut``); every open task and clock of the case ends."""
    if case.closed_at is not None:
        raise Conflict("kasus sudah ditutup / the case is already closed")
    wf = rt.load(session, case)
    before = rt.completed_ids(wf)
    rt.send_message(wf, "permohonan_dicabut", {"reason_given": bool(reason)})
    rt.step(wf)
    log = EventLog(session)
    log.append(case, "request_withdrawn", actor, {"reason": (reason or "")[:2000]})
    rt.sync(session, case, wf, log, actor, before)
    rt.save(session, case, wf)
    session.flush()
    return case


def run_case(session: Session, rt: Runtime, case: Case, actor: str = "system") -> Case:
    """Run a case's due timers (idempotent: a case with nothing due is left unchanged)."""
    if case.closed_at is not None:
        return case
    wf = rt.load(session, case)
    before = rt.completed_ids(wf)
    waiting_before = {t.id for t in wf.get_tasks(state=TaskState.WAITING)}
    rt.step(wf)
    if rt.completed_ids(wf) == before and {t.id for t in wf.get_tasks(state=TaskState.WAITING)} == waiting_before:
        return case
    rt.sync(session, case, wf, EventLog(session), actor, before)
    rt.save(session, case, wf)
    session.flush()
    return case


def _require_open(task: HumanTask) -> None:
    if task.state != "open":
        raise Conflict("tugas sudah tidak terbuka / the task is no longer open")
