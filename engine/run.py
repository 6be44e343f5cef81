"""One run of a case's workflow, written once: open it, act on it, close it.

Every change that moves a case's process (a filing, a completed task, a message from outside, a
withdrawal, a due timer, a recounted deadline) goes through a ``CaseRun``::

    with CaseRun(session, rt, case, actor) as run:
        run.send_message("permohonan_dicabut", {"reason_given": True})

Opening loads the instance and notes which of its tasks are complete (milestones reached later are
the run's news). Closing, when the block did something to the instance, runs it to its next wait
(``refresh_timers`` then ``do_engine_steps``: a due timer needs both, spiffworkflow-notes §0.3),
brings the case's rows in line with it (engine.sync), plans who is told what (engine.notices), derives
what the registers and reports count (engine.facts), saves it and flushes; a milestone with
``parent_message`` then runs the parent case the same way. A timer moved by ``retime`` is only saved
(the case must not run then), a block that did nothing saves nothing, and a block that raises closes
nothing: the caller rolls the transaction back.

A run never commits. ``touched`` names the cases it worked on (the case, and a parent it moved on),
so the boundary commits once and then schedules exactly those cases' timers and messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from SpiffWorkflow.exceptions import TaskNotFoundException
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import bindparam, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from engine import clock, exemption_ends, facts, kinds, lateness, notices, objection_orders
from engine.audit import EventLog
from engine.models import Case, Deadline, HumanTask, WorkflowState
from engine.runtime import Runtime, ids_in_state
from engine.sync import sync

# What the block did to the instance, which decides what closing does.
RUN = "run"  # an event or a completed task: run on, sync, save
TIMERS = "timers"  # nothing but time passing: run on, and save only if a due timer moved the case
EDIT = "edit"  # a change to a waiting task that must not run the case now: save only


@dataclass(frozen=True)
class RunResult:
    """What a verb that ran a case did: the case, and every case the boundary commits and schedules."""

    case: Case
    touched: tuple[Case, ...]


def load_for_run(session: Session, case: Case) -> None:
    """Everything a run of ``case`` reads, in three plain queries: its instance, deadlines and tasks.

    Loaded up front, before the block changes anything, so no lazy load in the middle of the run
    flushes half a change (and bumps the case's version twice). Rows already loaded are not read again.
    """
    if case.id is None:
        return
    unloaded = inspect(case).unloaded
    if "workflow_state" in unloaded:
        set_committed_value(case, "workflow_state", session.get(WorkflowState, case.id))
    if "deadlines" in unloaded:
        set_committed_value(case, "deadlines", session.scalars(_DEADLINES, {"case_id": case.id}).all())
    if "tasks" in unloaded:
        set_committed_value(case, "tasks", session.scalars(_TASKS, {"case_id": case.id}).all())


# Built once: a run's reads are the same statements every time (building a select costs more than running it).
_DEADLINES = select(Deadline).where(Deadline.case_id == bindparam("case_id")).order_by(Deadline.id)
_TASKS = select(HumanTask).where(HumanTask.case_id == bindparam("case_id")).order_by(HumanTask.id)


def touch(case: Case) -> None:
    """A change to a case outside a run (a claim, a new access code) still bumps its version column,
    so concurrent work on the case now conflicts at flush."""
    case.updated_at = clock.now()


class CaseRun:
    """Open a case's instance, act on it, close it; see the module's docstring."""

    def __init__(self, session: Session, rt: Runtime, case: Case, actor: str, *, log: EventLog | None = None):
        self.session, self.rt, self.case, self.actor = session, rt, case, actor
        self.log = log if log is not None else EventLog(session)
        self.wf = None
        self.touched = [case]  # the case always: its boundary reschedules it even when nothing was due
        self._completed_before: set[UUID] = set()
        self._waiting_before: set[UUID] = set()
        self._work: str | None = None
        self._closed = False

    @classmethod
    def new(cls, session: Session, rt: Runtime, case: Case, actor: str, data: dict, *, log=None) -> CaseRun:
        """A run of a case that has no instance yet: its process starts with ``data`` and runs on close."""
        run = cls(session, rt, case, actor, log=log)
        run.wf = rt.new_workflow(session, case.process_version_id, data)
        run._work = RUN
        return run

    def __enter__(self) -> CaseRun:
        if self.wf is None:
            load_for_run(self.session, self.case)
            self.wf = self.rt.take(self.session, self.case)
            self._completed_before = self.rt.completed_ids(self.wf)
        return self

    def __exit__(self, error_type, error, traceback) -> None:
        if error_type is None:
            self.close()

    @property
    def result(self) -> RunResult:
        return RunResult(self.case, tuple(self.touched))

    # -- what a block may do -------------------------------------------------------------------------
    def waiting_for(self, message: str):
        """The waiting catch event of ``message``, or None when the case is not waiting for it."""
        return self.rt.waiting_for(self.wf, message)

    def defines_message(self, message: str) -> bool:
        """Whether the case's process has a catch event for ``message`` at all, waiting or not."""
        return self.rt.defines_message(self.wf, message)

    def send_message(self, message: str, payload: dict) -> None:
        """Deliver a message the case waits for (a Conflict when it does not)."""
        self.rt.send_message(self.wf, message, payload)
        self._work = RUN

    def send_order(self, payload: dict) -> None:
        """Deliver a granted objection's news (``objection_orders.MESSAGE``) to the request waiting for it, the period
        its reopened delivery is due by carried into the instance on every process version (``carry_period``)."""
        waiting = self.waiting_for(objection_orders.MESSAGE)
        objection_orders.carry_period(waiting, payload, self.rt.settings.delivery_days)
        self.send_message(objection_orders.MESSAGE, payload)

    def ready_task(self, task_guid: str):
        """The READY task of this guid, or None when it has been completed, cancelled or removed meanwhile."""
        task = self._task(task_guid)
        return task if task is not None and task.state == TaskState.READY else None

    def complete(self, task, data: dict) -> None:
        """Complete a READY user task with its form data."""
        task.set_data(**data)
        task.run()
        self._work = RUN

    def release_joins(self, joins) -> None:
        """End joins left waiting for a branch withdrawn outside SpiffWorkflow's run (engine.repair) look again, as a
        run whose notice withdraws the escalation lets them (engine.lateness): closing runs the case on from them."""
        lateness.release_end_joins(joins)
        self._work = RUN

    def fire_due_timers(self) -> None:
        """Nothing to deliver: closing runs the timers that are due, and changes nothing when none is."""
        self._waiting_before = self._waiting_ids()
        self._work = self._work or TIMERS

    def retime(self, task_guid: str, due_at: datetime):
        """Move a waiting timer to ``due_at`` without running the case; None when it is no longer waiting."""
        task = self._task(task_guid)
        if task is None or task.state != TaskState.WAITING:
            return None
        # SpiffWorkflow evaluates a timeDate once, when the timer is armed, and keeps the instant here.
        task.internal_data["event_value"] = due_at.isoformat()
        self._work = self._work or EDIT
        return task

    # -- closing -------------------------------------------------------------------------------------
    def close(self) -> RunResult:
        """Run on, sync, announce, save and flush what the block did; then tell the parent case."""
        if self._closed or self._work is None:
            self._closed = True
            return self.result
        self._closed = True
        if self._work == EDIT:
            self._save()
            return self.result
        self.rt.step(self.wf)
        if self._work == TIMERS and not self._moved():
            return self.result  # nothing was due: the case is left as it was (a run twice is harmless)
        # The reads below (the case's rows are loaded already; officers, outbox keys) need nothing of this
        # change flushed: without autoflush the whole change is written once, in one flush, by _save.
        with self.session.no_autoflush:
            changes = sync(self.rt, self.session, self.case, self.wf, self.log, self.actor, self._completed_before)
            if changes.run_on:  # a withdrawn escalation let a waiting join go: run on to the next wait, and sync it
                synced = self.rt.completed_ids(self.wf)
                self.rt.step(self.wf)
                changes.extend(sync(self.rt, self.session, self.case, self.wf, self.log, self.actor, synced))
            notices.announce(self.session, self.rt, self.case, changes)
        # The facts the registers and reports count read this run's events: the change is flushed first.
        facts.refresh(self.session, self.rt, self.case)
        self._save()
        self._end_overturned_exemptions(changes.statuses)
        self._tell_parent(changes.to_parent)
        self._carry_out_orders()
        notices.invite_to_survey(self.session, self.rt, self.case, changes.statuses)  # once the chain is finished
        return self.result

    def _end_overturned_exemptions(self, statuses: list[tuple[str, dict]]) -> None:
        """A dispute whose decision became final granting the request in full overturns the refusal: the register
        entries determined on it end (``exemption_ends.end_for_dispute``; a granted objection: ``_tell_parent``)."""
        for status, data in statuses:
            if status == exemption_ends.FINAL and self.case.kind == kinds.DISPUTE:
                today = clock.now().astimezone(self.rt.calendars["strict"].tz).date()
                exemption_ends.end_for_dispute(self.session, self.case, data, self.actor, today)

    def _save(self) -> None:
        self.rt.save(self.session, self.case, self.wf)
        self.session.flush()

    def _tell_parent(self, messages: list[tuple[str, dict]]) -> None:
        """Milestones with ``parent_message`` (e.g. a granted objection) reach the linked parent case.

        A parent waiting for the message runs on (a request reopens delivery) and is touched; one that
        is not (it is still being handled) records the news in its history, and its officers carry on bound by it:
        the news carries a granted objection's order (engine.objection_orders), recorded as the superior's who
        decided it, not as the officer's whose step sent the response.
        """
        if not messages or self.case.parent_id is None:
            return
        parent = self.session.get(Case, self.case.parent_id)
        for message, data in messages:
            payload = {"ticket": self.case.ticket, "status": self.case.status}
            order = {}
            if message == objection_orders.MESSAGE and self.case.kind == kinds.OBJECTION:
                order = objection_orders.details(data, (self.case.details or {}).get("alasan"), None)
                if order:
                    order["by"] = objection_orders.decider(self.session, self.case, order["outcome"])
                if order.get("days"):  # the superior's own period: the reopened delivery is due by it
                    payload[objection_orders.PAYLOAD_DAYS] = order["days"]
            with CaseRun(self.session, self.rt, parent, self.actor) as run:
                applied = run.waiting_for(message) is not None
                if applied and message == objection_orders.MESSAGE:
                    run.send_order(payload)
                elif applied:
                    run.send_message(message, payload)
                news = {**payload, "message": message, "applied": applied, **order}
                run.log.append(parent, "linked_case_outcome", order.get("by") or self.actor, news)
            if applied:
                self.touched += [c for c in run.touched if c not in self.touched]
            if message == "keberatan_dikabulkan":  # the refusal may be overturned, and its exemption entries end
                today = clock.now().astimezone(self.rt.calendars["strict"].tz).date()
                exemption_ends.end_for_objection(self.session, parent, self.case, self.actor, today)
        self.session.flush()

    def _carry_out_orders(self) -> None:
        """A request decided contrary to a granted objection's order before the order came (engine.objection_orders)
        now waits for an objection: the message is delivered, so its delivery reopens, and each order is recorded
        taken up.

        Run on every close: only a request not ended for good that now waits for an objection goes on to the one
        query of its orders (the kind and the status are the case's own row; the wait is the instance's, in memory;
        a request closed "selesai" still waits, workflows/permohonan_informasi.bpmn)."""
        if self.case.kind != kinds.REQUEST or self.case.status in objection_orders.ENDED:
            return
        waiting = self.waiting_for(objection_orders.MESSAGE) is not None
        due = objection_orders.to_carry_out(self.session, self.case, waiting)
        if not due:
            return
        with CaseRun(self.session, self.rt, self.case, "system", log=self.log) as run:
            run.send_order(objection_orders.message_payload(due[0]))
            for order in due:
                run.log.append(self.case, "linked_case_outcome", "system", objection_orders.applied_news(order))
        self.touched += [c for c in run.touched if c not in self.touched]

    def _task(self, task_guid: str):
        try:
            return self.wf.get_task_from_id(UUID(task_guid))
        except TaskNotFoundException:
            return None

    def _waiting_ids(self) -> set[UUID]:
        return ids_in_state(self.wf, TaskState.WAITING)

    def _moved(self) -> bool:
        return self.rt.completed_ids(self.wf) != self._completed_before or self._waiting_ids() != self._waiting_before
