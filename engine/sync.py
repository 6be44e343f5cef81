"""Sync: after every run, turn the SpiffWorkflow instance into queryable rows (same transaction).

READY manual tasks become ``human_task`` rows, WAITING deadline timers ``deadline`` rows (closed as
met, missed, superseded or cancelled when they go), milestones the case's status plus an event. What
changed is returned (``Changes``) for ``engine.notices`` to plan reminders and write the outbox;
``engine.run`` calls both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import BoundaryEvent
from SpiffWorkflow.exceptions import TaskNotFoundException
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition
from SpiffWorkflow.util.task import TaskState
from sqlalchemy.orm import Session

from engine import clock, holiday_years, lateness, stand_ins
from engine.access import UNIT_LANE
from engine.audit import EventLog
from engine.calendar import iso_day
from engine.errors import Invalid
from engine.kinds import COMPLAINT
from engine.messages import msg
from engine.models import Case, Deadline, HumanTask
from engine.outbox import members
from engine.runtime import Runtime
from engine.status import CLOSED, OBJECTION_OUTCOMES, OUTCOMES, STATUSES
from engine.users import unit_of_code

# Timers whose deadline disappears while the case ends in one of these were cancelled, not met.
# Stages that end every clock without meeting it. A timer's own property ``cancelled_in`` names more stages that
# end it so (a complaint's handling clocks when it waits for the reporter's evidence: the file is incomplete).
CANCELLING_STATUSES = frozenset(
    {"dicabut", "ditutup_tidak_lengkap", "putusan_sela", "sengketa_dicabut", "sengketa_gugur"}
)


def properties(task_spec) -> dict:
    return (getattr(task_spec, "extensions", None) or {}).get("properties", {})


@dataclass
class Changes:
    """What one run changed, for the notices it causes (engine.notices)."""

    statuses: list[tuple[str, dict]] = field(default_factory=list)  # (status reached, data at the milestone)
    started: list[tuple[Deadline, str | None]] = field(default_factory=list)  # (deadline, reminder policy)
    closed: list[Deadline] = field(default_factory=list)
    tasks: list[HumanTask] = field(default_factory=list)
    # Milestones that tell the parent case something (property ``parent_message``): (message, data).
    to_parent: list[tuple[str, dict]] = field(default_factory=list)
    # An escalation withdrawn by a notice sent in time freed a join: the instance runs on (engine.run).
    run_on: bool = False

    def extend(self, later: Changes) -> None:
        """What a second sync of the same run found, after this one's."""
        self.statuses += later.statuses
        self.started += later.started
        self.closed += later.closed
        self.tasks += [task for task in later.tasks if task not in self.tasks]
        self.to_parent += later.to_parent


def due_dates(deadlines) -> tuple[datetime | None, datetime | None]:
    """What the case shows (its public deadline) and what its open tasks show (the nearest one).

    A pending deadline wins; when none is pending, the last one missed (so an overdue case says so), but not an
    internal limit's (``lateness.COORDINATION``: its lapse is late on the tasks it bounds alone). A task whose own
    deadline was missed shows that one instead (``missed_own``).
    """
    pending = sorted(d.due_at for d in deadlines if d.status == "pending" and d.kind != "info")
    missed = sorted(d.due_at for d in deadlines if d.status == "missed" and d.name not in lateness.COORDINATION)
    public_pending = sorted(d.due_at for d in deadlines if d.status == "pending" and d.public)
    public_missed = sorted(d.due_at for d in deadlines if d.status == "missed" and d.public)
    return (public_pending or public_missed[-1:] or [None])[0], (pending or missed[-1:] or [None])[0]


def sync(
    rt: Runtime, session: Session, case: Case, wf: BpmnWorkflow, log: EventLog, actor: str, completed_before: set[UUID]
) -> Changes:
    """Bring the case's rows in line with the instance after a run (same transaction); say what changed."""
    now = clock.now()
    tasks = wf.get_tasks()  # one walk of the tree; each step below filters it
    changes = Changes()
    changes.statuses = _sync_milestones(case, tasks, log, actor, completed_before, changes)
    deadlines = _sync_deadlines(rt, session, case, wf, tasks, log, completed_before, changes)
    for task in tasks:  # notices answer their deadlines by the dispatch date recorded on them
        if task.state == TaskState.COMPLETED and task.id not in completed_before and task.task_spec.manual:
            changes.run_on = lateness.record_dispatch(session, rt, case, task, log) or changes.run_on
    case.due_at, task_due = due_dates(deadlines)
    changes.tasks = _sync_tasks(session, case, tasks, log, task_due, missed_own(tasks, deadlines), completed_before)
    closed = wf.is_completed() or case.status in CLOSED
    if closed and case.closed_at is None:
        case.closed_at = now
        log.append(case, "case_closed", "system", {"status": case.status})
    elif not closed and case.closed_at is not None:  # e.g. a request whose delivery a granted objection reopens
        case.closed_at = None
        log.append(case, "case_reopened", actor, {"status": case.status})
    if case.closed_at is None and not any(row.state == "open" for row in case.tasks):
        case.awaiting_since = case.awaiting_since or now  # nobody in the office has a task: engine.waiting
    else:
        case.awaiting_since = None
    awaited = awaited_events(tasks) if case.closed_at is None else None
    if awaited != case.awaiting_events:
        case.awaiting_events = awaited
    case.updated_at = now
    return changes


def awaited_events(tasks) -> list[dict] | None:
    """The messages from outside the case waits for that an officer records (a waiting catch event with a form:
    engine.casework.awaited_messages reads the same from the instance), by name, with the lane that records each."""
    found: dict[str, dict] = {}
    for task in tasks:
        if task.state != TaskState.WAITING:
            continue
        definition = getattr(task.task_spec, "event_definition", None)
        if isinstance(definition, MessageEventDefinition) and properties(task.task_spec).get("formJsonSchemaFilename"):
            found.setdefault(definition.name, {"name": definition.name, "lane": task.task_spec.lane})
    return list(found.values()) or None


def _sync_milestones(case, tasks, log, actor, completed_before, changes) -> list[tuple[str, dict]]:
    reached = [t for t in tasks if t.state == TaskState.COMPLETED and t.id not in completed_before]
    reached.sort(key=lambda t: t.last_state_change)
    statuses = []
    for task in reached:
        props = properties(task.task_spec)
        status = props.get("status") or (task.data.get(props["status_from"]) if "status_from" in props else None)
        if status and status == case.status and completed_before:
            # A milestone giving the stage the case is at changes no stage: logged (and told) once. keberatan.bpmn
            # moves a failed settlement to the superior's stage at once, and the brief's milestone gives it again. A
            # new instance (nothing completed before) still logs its first stage, which intake filed its row at.
            status = None
        if status:
            if status not in STATUSES:
                raise RuntimeError(f"milestone {task.task_spec.bpmn_id} gives unknown status {status!r}")
            case.status = status
            if status in OUTCOMES or status in OBJECTION_OUTCOMES:
                case.outcome = status
            statuses.append((status, task.data))
            changed = {"status": status, "milestone": task.task_spec.bpmn_id, "name": task.task_spec.bpmn_name}
            # The day the stage was reached, when a task recorded it (property ``reached_on``: the data field).
            reached_on = iso_day(task.data.get(props.get("reached_on", "")))
            if reached_on is not None:
                changed["on"] = reached_on.isoformat()
            log.append(case, "status_changed", actor, changed)
        if props.get("parent_message"):
            changes.to_parent.append((props["parent_message"], dict(task.data)))
        if props.get("flag") == "overdue" and not case.overdue:
            case.overdue = True
            log.append(case, "case_overdue", "system", {"milestone": task.task_spec.bpmn_id})
    return statuses


def _sync_deadlines(rt, session, case, wf, tasks, log, completed_before, changes) -> list[Deadline]:
    rows = {d.task_guid: d for d in case.deadlines}
    waiting, fired_now = {}, {}
    for task in tasks:
        if task.state not in (TaskState.WAITING, TaskState.COMPLETED):
            continue
        definition = getattr(task.task_spec, "event_definition", None)
        if not isinstance(definition, TimerEventDefinition) or "deadline" not in properties(task.task_spec):
            continue
        if task.state == TaskState.WAITING:
            waiting[str(task.id)] = task
        elif task.id not in completed_before:
            fired_now[str(task.id)] = task  # armed and already due in this run (a receipt recorded late)
    started = set()
    for guid, task in {**waiting, **fired_now}.items():
        if guid not in rows:
            rows[guid] = _new_deadline(rt, session, case, task)
            holiday_years.note_deadline(session, case, rows[guid], log)
            started.add(rows[guid].name)
            changes.started.append((rows[guid], properties(task.task_spec).get("reminders")))
            log.append(
                case,
                "deadline_started",
                "system",
                {
                    "deadline": rows[guid].name,
                    "due_at": rows[guid].due_at.isoformat(),
                    "legal_basis": rows[guid].legal_basis,
                    "calendar": rows[guid].calendar,
                },
            )
    for guid, row in rows.items():
        if row.status != "pending" or guid in waiting:
            continue
        try:
            task = wf.get_task_from_id(UUID(guid))
        except TaskNotFoundException:
            task = None
        fired = task is not None and task.state == TaskState.COMPLETED
        if fired:
            row.status = "missed" if row.kind == "agency" else "lapsed"
        elif task is not None and properties(task.task_spec).get("superseded_by") in started:
            row.status = "superseded"
        elif case.status in CANCELLING_STATUSES or (task is not None and case.status in _cancelled_in(task)):
            row.status = "cancelled"
        else:
            row.status = "met"
        row.closed_at = clock.now()
        changes.closed.append(row)
        log.append(case, f"deadline_{row.status}", "system", {"deadline": row.name, "due_at": row.due_at.isoformat()})
    return list(rows.values())


def _cancelled_in(task) -> set[str]:
    return set(lateness.listed(properties(task.task_spec), "cancelled_in"))


def _new_deadline(rt, session, case, task) -> Deadline:
    """The deadline row of a timer just armed. Properties beyond the convention: ``unit`` (calendar_days
    for a period the law counts in days; ``unit_from`` names the data key holding it when it depends on
    the case) and ``start_known`` (the data key saying whether ``start`` is the holder's real receipt or
    only the earliest possible one: the explanation then says so)."""
    props = properties(task.task_spec)
    due_at = datetime.fromisoformat(task.internal_data["event_value"])
    calendar = props.get("calendar", "strict")
    days = props.get("working_days", "0")
    days = int(days) if days.isdigit() else int(task.data[days])
    start_key = props.get("start", "received_at")  # "now": counted from the moment the clock is armed (a referral)
    start = clock.now() if start_key == "now" else rt.instant(task.data[start_key])
    unit = props.get("unit") or task.data.get(props.get("unit_from", ""), "working_days")
    provenance = rt.calendars[calendar].count(start, days, unit).to_dict()
    legal_basis, started_by = _basis_and_start(props.get("legal_basis", ""), task.data, start_key, props["deadline"])
    provenance["start"] = started_by  # what day zero is the date of: its explanation names it (engine.explanation)
    if started_by in DATED_STARTS:  # a date without an hour: day zero is that date, not the hour the office opens
        provenance["start_on"] = task.data[start_key][:10]
    elif start_key not in ("now", "received_at") and _read_at_latest(rt, start):
        provenance["received_on"] = start.astimezone(rt.calendars["lenient"].tz).date().isoformat()
    if "start_known" in props and not task.data.get(props["start_known"]):
        provenance["start_estimated"] = True
    row = Deadline(
        case_id=case.id,
        task_guid=str(task.id),
        name=props["deadline"],
        legal_basis=legal_basis,
        calendar=calendar,
        public=props.get("public") == "true",
        start_at=start,
        working_days=days,
        due_at=due_at,
        provenance=provenance,
        status="pending",
        kind=props.get("clock", "agency"),
    )
    case.deadlines.append(row)
    return row


def _read_at_latest(rt, start: datetime) -> bool:
    """Is ``start`` a receipt known only by its date, read at its latest (``Runtime.received``: the close of that day's
    office hours; a party's copy of a decision, sengketa_informasi.bpmn ``receipt_at``)? Its explanation then states the
    date without an hour (``received_on``, engine.explanation), never the closing hour as if someone had recorded it."""
    day = start.astimezone(rt.calendars["lenient"].tz).date()
    return start == rt.received(day.isoformat())


# The hand-over clock (permohonan_informasi.bpmn: SERAH on ``t_serah``) cites the fee rule, "after payment", whichever
# way the process armed it: from the fee's payment (``jam_setelah_bayar``: its start is catat_pembayaran's date of
# payment), or within the notice's own period when nothing was charged (``jam_tanpa_biaya``). A clock armed without a
# payment keeps the rule before the fee's (the notice's own); one the payment armed is explained from the payment
# (engine.explanation STARTS), not as a receipt at the hour the office opens on that date.
FEE_CLAUSE = re.compile(r";\s*(?:biaya:|Perki 1/2010 Pasal 27-28).*\(setelah pembayaran\)\s*$")
PAID_ON = "tanggal_pembayaran"
PAYMENT_START = "payment"
# A free hand-over clock armed on a day, not from the request's receipt (``office_today()``): the day the hand-over
# step was reached once the notice's own period had ended (``jam_tanpa_biaya``, under the notice's rule), or the day
# an objection's decision reopened the hand-over (``jam_lanjutan``, under the superior's order). Explained from that
# day and that event (engine.explanation STARTS), not as a receipt at the hour the office opens.
HANDOVER_DEADLINE, HANDOVER_START, REOPENED_START = "SERAH", "handover", "reopened"
# The compliance clock after the Supreme Court's judgment (sengketa_informasi.bpmn jam_pelaksanaan) counts from the day
# the office received the judgment's copy when that came after the judgment's own date, the day it became final:
# explained from that receipt (engine.explanation STARTS), not as the decision's finality.
COMPLIANCE_DEADLINE, CASSATION_RECEIVED = "LAKSANA", "putusan_kasasi_diterima"
FINAL_DAY = "tanggal_berkekuatan_hukum_tetap"
# Otherwise it counts from the day the decision became final (FINAL_START), or, on a path that recorded no such day,
# the day it was recorded final (FINAL_RECORDED); after mediation from the agreement's date (AGREEMENT_START), or it
# falls on the day the agreement set itself (AGREED_DAY, 0 working days). Each a date without an hour, explained as what
# it is (engine.explanation STARTS), not as a receipt at the hour the office opens.
FINAL_START, FINAL_RECORDED, AGREEMENT_START, AGREED_DAY = "final", "final_recorded", "agreement", "agreed_day"
# The office's last day to record its position on the court's judgment (K14_AKHIR, sengketa_informasi.bpmn k14_lewat)
# counts one working day from K14's last day on the lenient reading, a day without an hour.
K14_ENDED = "k14_berakhir"
DATED_STARTS = (
    PAYMENT_START,
    HANDOVER_START,
    REOPENED_START,
    CASSATION_RECEIVED,
    K14_ENDED,
    FINAL_START,
    FINAL_RECORDED,
    AGREEMENT_START,
    AGREED_DAY,
)


def _basis_and_start(basis: str, data: dict, start_key: str, deadline: str = "") -> tuple[str, str]:
    """The legal basis a clock is stored with and what its day zero is the date of (``start``), by the way it was
    armed: see ``FEE_CLAUSE``, ``HANDOVER_START`` and ``CASSATION_RECEIVED``."""
    value = str(data.get(start_key) or "")
    if deadline == COMPLIANCE_DEADLINE:
        return basis, _compliance_start(data, value)
    dated = deadline == HANDOVER_DEADLINE and len(value) == 10 and value != data.get("received_at")
    if not FEE_CLAUSE.search(basis):
        return basis, REOPENED_START if dated else start_key
    if data.get(PAID_ON) and data.get(start_key) == data[PAID_ON]:
        return basis, PAYMENT_START
    return FEE_CLAUSE.sub("", basis), HANDOVER_START if dated else start_key


def _compliance_start(data: dict, value: str) -> str:
    """What the compliance clock's day zero (``value``) is the date of (sengketa_informasi.bpmn jam_pelaksanaan)."""
    if data.get("hasil_sengketa") == "putusan_mediasi":
        agreement = data.get("hasil_mediasi") or {}
        return AGREED_DAY if value == agreement.get("batas_pelaksanaan") else AGREEMENT_START
    if value == data.get(CASSATION_RECEIVED) and value != data.get(FINAL_DAY):
        return CASSATION_RECEIVED
    return FINAL_START if value == data.get(FINAL_DAY) else FINAL_RECORDED


def _referred_unit(session, task) -> int | None:
    """A task with ``unit_from`` belongs to the unit whose code its data names (a complaint's referral)."""
    key = properties(task.task_spec).get("unit_from")
    if not key:
        return None
    code = task.data.get(key)
    unit = unit_of_code(session, code)
    if unit is None:
        raise Invalid("unit_unknown", fields={key: [msg("unit_code_unknown", code=repr(code))]})
    if not unit.active:
        raise Invalid("unit_unknown", fields={key: [msg("unit_inactive", name=unit.name)]})
    if task.task_spec.lane and not members(session, [task.task_spec.lane], unit.id):  # nobody could answer it
        raise Invalid("unit_unstaffed", fields={key: [msg("unit_has_no_officer", unit=unit.name)]})
    return unit.id


def missed_own(tasks, deadlines) -> dict[str, datetime]:
    """The open manual tasks whose own clock was missed, with its due date (the last one, if several were).

    A deadline is a task's own when its timer is attached to it (``Deadline.task_guid`` is the boundary event's
    task; the boundary's sibling under their split is the task it is attached to), or to a subprocess the task runs
    in. The innermost of these that has a clock decides: when its clocks are all missed, the task shows the date it
    missed while it stays open (a unit past its time to answer, UNIT, is late in its inbox), not the case's next
    pending deadline; when one still runs (a requester's window on the task itself inside a lapsed T10), the task
    keeps the nearest pending date. The case's own date (``case.due_at``) is unchanged.
    """
    by_id = {str(t.id): t for t in tasks}
    clocks: dict = {}  # id of the task a timer is attached to -> [(status, due date)] of its running or missed clocks
    for deadline in deadlines:
        if deadline.status not in ("pending", "missed") or deadline.kind == "info":
            continue
        boundary = by_id.get(deadline.task_guid)
        if boundary is None or boundary.parent is None:
            continue
        for sibling in boundary.parent.children:
            if not isinstance(sibling.task_spec, BoundaryEvent):
                clocks.setdefault(sibling.id, []).append((deadline.status, deadline.due_at))
    found = {}
    if not any(status == "missed" for own in clocks.values() for status, _due in own):
        return found
    for task in tasks:
        if task.state != TaskState.READY or not task.task_spec.manual:
            continue
        owners, workflow = [task.id], task.workflow
        while getattr(workflow, "parent_task_id", None) is not None:  # the subprocesses it runs in, innermost first
            owners.append(workflow.parent_task_id)
            workflow = workflow.parent_workflow
        own = next((clocks[owner] for owner in owners if owner in clocks), [])
        if own and all(status == "missed" for status, _due in own):
            found[str(task.id)] = max(due for _status, due in own)
    return found


def _sync_tasks(session, case, tasks, log, due_at, missed: dict[str, datetime], completed_before) -> list[HumanTask]:
    ready = {str(t.id): t for t in tasks if t.state == TaskState.READY and t.task_spec.manual}
    created = []
    open_rows = {h.task_guid: h for h in case.tasks if h.state == "open"}
    for guid, row in open_rows.items():
        if guid not in ready:
            row.state = "cancelled"
            log.append(case, "task_cancelled", "system", {"task": row.bpmn_id, "task_id": row.id})
        else:
            row.due_at = missed.get(guid, due_at)
            _sort_facts(row, case)
    for guid, task in ready.items():
        if guid in open_rows:
            continue
        spec = task.task_spec
        row = HumanTask(
            case_id=case.id,
            task_guid=guid,
            bpmn_id=spec.bpmn_id,
            process_id=case.kind,
            title=spec.bpmn_name or spec.bpmn_id,
            lane=spec.lane,
            unit_id=_referred_unit(session, task),
            form=properties(spec).get("formJsonSchemaFilename"),
            instructions=(spec.extensions or {}).get("instructionsForEndUser"),
            due_at=missed.get(guid, due_at),
            state="open",
            created_at=clock.now(),
        )
        _sort_facts(row, case)
        answered = _unit_answer(task, completed_before) if row.lane not in (None, UNIT_LANE) else None
        back = _back_to_referrer(session, case, row, answered) if answered else None
        stand_ins.route_new_task(session, row)  # a lane whose every officer is on leave: to a substitute
        case.tasks.append(row)  # flushed with the rest of the operation, in one go
        created.append(row)
        log.append(case, "task_created", "system", {"task": spec.bpmn_id, "task_guid": guid, "lane": spec.lane})
        if back is not None:  # as an assignment by hand is recorded (engine.inbox.assign_task), by the system
            log.append(case, "task_assigned", "system", {"task": spec.bpmn_id, "task_guid": guid, **back})
    return created


def _unit_answer(task, completed_before) -> str | None:
    """The unit's task (lane ``UNIT_LANE``: a request's ``tanggapan_unit``, a complaint's ``klarifikasi_unit``) that
    the new ``task`` follows, when this run completed it: the unit's answer just came back to whoever referred the case
    to it. Read up the task tree to the first manual task before it (gateways, events and scripts between), in the
    same process: a task that the same run created elsewhere (an escalation its timer fired) follows no answer."""
    parent = task.parent
    while parent is not None:
        spec = parent.task_spec
        if spec.manual:
            done_now = parent.state == TaskState.COMPLETED and parent.id not in completed_before
            return spec.bpmn_id if done_now and spec.lane == UNIT_LANE else None
        parent = parent.parent
    return None


def _back_to_referrer(session, case: Case, row: HumanTask, answered: str) -> dict | None:
    """A task that follows a unit's answer (``answered``) goes back to the officer who referred the case: who
    completed its last task in the new task's lane (the PPID's ``proses_permohonan`` before ``tentukan_langkah``, the
    complaint team's ``klasifikasi`` or ``disposisi_ulang`` before ``klarifikasi``), not to the lane's queue, while
    they may still work the lane; on leave, to their stand-in (engine.stand_ins.route_back). Returns the assignment
    event's data, or None (the lane's queue, as any other new task). Only after a unit's answer: every other new task
    waits in its lane's queue. The case's task rows are loaded for the run (engine.run.load_for_run): finding the
    officer reads nothing; whether they may take it, one indexed read."""
    done = [t for t in case.tasks if t.state == "completed" and t.lane == row.lane and t.completed_by_id]
    done = [t for t in done if t.completed_at is not None]
    if not done:
        return None
    referrer = max(done, key=lambda t: (t.completed_at, t.id or 0)).completed_by_id
    unit_id = row.unit_id or (case.unit_id if case.kind == COMPLAINT else None)  # a complaint team: its own unit's
    back = stand_ins.route_back(session, row, referrer, unit_id)
    return {**back, "after": answered} if back is not None else None


# A task with no deadline is ranked this long after it came in: after every task a clock runs on (the inbox's "most
# urgent first" lists it last and "take the next task" takes it last), and among those with none by when they came
# in. A thousand years: no due date reaches it, and the year keeps four digits (SQLite compares dates as text).
NO_DEADLINE_RANK = timedelta(days=365_250)


def _sort_facts(row: HumanTask, case: Case) -> None:
    """The case's facts the inbox sorts and counts an open task by, copied onto it (``HumanTask.sort_at``).

    ``sort_at`` is the instant the task is late from: its due date; in a case flagged overdue (an agency deadline
    lapsed, ``access.is_late``) the lapse, so it is listed among the late tasks, before every task still on time;
    with no deadline, its receipt plus ``NO_DEADLINE_RANK`` (a task on a case already closed, archiving a
    complaint's file: from when it arose, its case came in long ago)."""
    row.stage, row.received_at, row.case_overdue = case.status, case.received_at, bool(case.overdue)
    row.case_unit_id = case.unit_id
    if case.overdue:
        row.sort_at = min(d for d in (row.due_at, _late_since(case)) if d is not None)
    elif row.due_at is not None:
        row.sort_at = row.due_at
    elif case.status in CLOSED and row.created_at is not None:
        row.sort_at = row.created_at + NO_DEADLINE_RANK
    else:
        row.sort_at = case.received_at + NO_DEADLINE_RANK


def _late_since(case: Case) -> datetime:
    """When a case flagged overdue became late (``lateness.late_since``; its receipt, if no deadline is missed)."""
    first = lateness.late_since(case)
    return first.due_at if first is not None else case.received_at
