"""The inbox verbs: an officer claims, releases, assigns and completes a task (STYLE.md rule 2).

A task is a ``human_task`` row mirroring a READY user task of its case's workflow. Claiming and
assigning change only the row (and bump the case's version, so concurrent work conflicts);
completing runs the case on to its next wait. Each verb checks who may act (``engine.access``),
appends its event and leaves the commit to the caller.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from engine import (
    absence,
    access,
    chain,
    clock,
    complaint_rules,
    delivery,
    dip_match,
    fees,
    files,
    forwarding,
    inbox_list,
    lateness,
    leave_returns,
    objection_orders,
    officer_text,
    task_files,
    units,
)
from engine.audit import EventLog
from engine.complaints import OUTCOME, REQUEST, tell_reporter, tell_reporter_closure
from engine.errors import Conflict, Invalid, KawalError
from engine.forms import answered
from engine.ids import in_range
from engine.letters import completeness
from engine.letters import issue as letters
from engine.messages import group_term, msg
from engine.models import Deadline, HumanTask, Unit, User
from engine.outbox import Outbox
from engine.run import CaseRun, RunResult, touch
from engine.runtime import Runtime
from engine.sync import properties


def claim_task(session: Session, user: User, task_id: int) -> HumanTask:
    task = access.require_task(session, user, task_id)
    access.require_work(user, task)
    _require_open(task)
    if task.assignee_id not in (None, user.id):
        raise Conflict("task_claimed", by=task.assignee.display_name)  # as officers know each other
    if task.assignee_id is None:
        task.assignee, task.claimed_at = user, clock.now()
        _claimed(session, user, task)
    return task


def _claimed(session: Session, user: User, task: HumanTask) -> None:
    """A claim's case-side half: the case's version (concurrent work on it conflicts) and its event."""
    touch(task.case)
    EventLog(session).append(task.case, "task_claimed", user.username, {"task": task.bpmn_id, "task_id": task.id})


NEXT_CANDIDATES = 20  # the most urgent untaken tasks tried in turn; past them, others took every one meanwhile


def claim_next(session: Session, rt: Runtime, user: User, filters: inbox_list.Filters) -> HumanTask | None:
    """The officer takes the most urgent task of their queue that no one has taken: the first of the inbox's own
    order ("due": the late tasks, then by due date, a task with no deadline last; ``HumanTask.sort_at``), under its
    filters but for the search and the page. None when nothing waits untaken.

    The claim is one conditional write (the task still open and untaken when written), so two officers asking
    at once never get the same task: the one who loses it gets the task after it (on PostgreSQL the second
    write waits for the first's commit and finds the task taken; SQLite writes one after the other)."""
    mine = replace(filters, scope="group", sort="due", q=None, cursor=None)
    query = inbox_list.scoped(user, mine, rt, select(HumanTask.id)).where(HumanTask.assignee_id.is_(None))
    now = clock.now()
    for task_id in session.scalars(query.order_by(HumanTask.sort_at, HumanTask.id).limit(NEXT_CANDIDATES)).all():
        taken = session.execute(
            update(HumanTask)
            .where(HumanTask.id == task_id, HumanTask.state == "open", HumanTask.assignee_id.is_(None))
            .values(assignee_id=user.id, claimed_at=now)
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount == 1:
            task = session.get(HumanTask, task_id, populate_existing=True)
            _claimed(session, user, task)
            return task
    return None


def unclaim_task(session: Session, user: User, task_id: int) -> HumanTask:
    """Release a task to its lane's queue: its holder always may (a stand-in after the leave holds a task of a lane no
    longer hers), a superior anyone's, another officer of the lane none held."""
    task = access.require_task(session, user, task_id)
    holder = task.assignee_id is not None and task.assignee_id == user.id
    if not holder and not access.can_assign(user, task):  # a superior may release anyone's claim
        access.require_work(user, task)
    _require_open(task)
    if task.assignee_id is not None and task.assignee_id != user.id and not access.can_assign(user, task):
        raise Conflict("claimed_by_other")
    if task.assignee_id is not None:
        task.assignee, task.claimed_at = None, None
        touch(task.case)
        EventLog(session).append(task.case, "task_unclaimed", user.username, {"task": task.bpmn_id, "task_id": task.id})
    return task


def assign_task(session: Session, rt: Runtime, user: User, task_id: int, username: str) -> HumanTask:
    task = access.require_task(session, user, task_id)
    access.require_assign(user, task)
    _require_open(task)
    assignee = session.scalar(select(User).where(User.username == username, User.active.is_(True)))
    if assignee is None:
        raise Invalid("user_unknown", fields={"username": [msg("unknown")]})
    if not access.can_work_task(assignee, task):
        if access.can_work_task_in_some_unit(assignee, task):  # the right group, another unit: say which unit
            unit = session.get(Unit, task.unit_id)
            raise Invalid("user_not_in_unit", fields={"username": [msg("not_in_unit", unit=unit.name)]})
        raise Invalid("user_not_in_group", fields={"username": [msg("not_in_group", group=group_term(task.lane))]})
    leave = absence.leave_now(session, assignee.id)
    chosen, assignee = assignee, leave.substitute if leave is not None else assignee
    if leave is not None and not assignee.active:  # never given to an account that cannot sign in: it stays queued
        refused = msg("officer_on_leave_stand_in_inactive", name=chosen.display_name, stand_in=assignee.display_name)
        raise Invalid("invalid_data", fields={"username": [refused]})
    if leave is not None and not access.can_work_task(assignee, task):
        refused = msg("officer_on_leave_stand_in_cannot", name=chosen.display_name, stand_in=assignee.display_name)
        raise Invalid("user_not_in_group", fields={"username": [refused]})
    task.assignee, task.claimed_at = assignee, clock.now()
    touch(task.case)
    cause = f"task{task.id}:{assignee.id}:{task.claimed_at.timestamp():.0f}"
    outbox = Outbox(session, rt.settings.notify_channels)
    data = {"task": task.bpmn_id, "task_id": task.id, "assignee": assignee.username}
    if leave is None:
        outbox.to_users(task.case, "task_assigned", cause, [assignee.id], leave_returns.task_context(rt, task))
    else:  # the officer is away: his stand-in holds it under the leave, which gives it back to him when it ends
        context = leave_returns.leave_context(rt, leave, task)
        outbox.to_users(task.case, "task_handed_over", cause, [assignee.id], context)
        data |= {"for": chosen.username, "absence_id": leave.id}
    outbox.write()
    EventLog(session).append(task.case, "task_assigned", user.username, data)
    return task


def complete_task(
    session: Session,
    rt: Runtime,
    user: User,
    task_id: int,
    data: dict,
    uploads: dict[str, list[files.Upload]] | None = None,
) -> RunResult:
    """Complete a user task with its form data (and the files of its ``x-kawal-file`` fields) and run the
    case to its next wait state.

    Everything is checked before anything is written; the files are stored in the run, and the data the
    workflow gets holds their attachment ids. Returns the case and every case the run touched: a granted
    objection reopens its request.
    """
    task = access.require_task(session, user, task_id, with_instance=True)
    access.require_work(user, task)
    _require_open(task)
    if task.assignee_id not in (None, user.id):
        raise Conflict("task_claimed", by=task.assignee.display_name)  # as officers know each other
    if not isinstance(data, dict):
        raise Invalid("data_not_object", fields={"data": [msg("object_expected")]})
    schema = rt.task_form(session, task)  # without the fields the case's process version would not read
    data = answered(schema, data)  # nor those its record does not ask: an answer given anyway is left out
    data = _with_office_commission(rt, task, schema, data)
    try:
        incoming = task_files.Incoming.check(schema, data, uploads or {}, rt.settings.max_attachment_bytes)
    except Invalid as refused:  # the form's other errors too, in the same answer: not one round per kind
        sent = {name: list(range(1, len(items) + 1)) for name, items in (uploads or {}).items() if items}
        raise _with_form_errors(rt, task.form, schema, {**data, **sent}, refused) from None
    if task.form:
        rt.forms.validate(task.form, {**data, **incoming.placeholders()}, schema)  # the form as the page asks it
        _require_offered(schema, data)  # the form's own fields, but one the case's version does not offer
        dip_match.check_citations(session, schema, data)  # e.g. the decision's DIP item
        data = units.check_references(session, schema, data)  # e.g. the reported unit, the referral's
    data = fees.check(session, rt, task, data)  # the notice's fee from the standard; a payment equal to it
    objection_orders.check(session, task, data)  # no decision contrary to a granted objection's order
    completeness.check(session, rt, task, data)  # a letter complete by law, consistent with the case's record
    complaint_rules.check(session, rt, task, data)  # a re-referral, a follow-up, against the complaint's record
    case = task.case
    officer_text.require_task(session, rt, case, schema, data)  # no protected person's name, no one's number
    if incoming.scanned:
        if incoming.holds_scanned_files():  # the requester's own data is read only when there is a file to scan
            incoming.scan(task_files.requester_identity(session, rt, case))
        incoming.require_confirmed(data)
    handover = delivery.check(session, rt, case, schema, data, incoming)  # date, redaction record, e-mail
    with CaseRun(session, rt, case, user.username) as run:
        spiff_task = run.ready_task(task.task_guid)
        if spiff_task is None:
            raise Conflict("task_not_open")
        _check_deadline_guard(session, rt, case, spiff_task, data)
        stored, rows = incoming.store(session, rt, case, task, user.username)
        data = {**delivery.seal_receiver(session, rt, data), **stored}  # a person's data: in the vault, not here
        run.complete(spiff_task, data)
        now = clock.now()
        task.state, task.completed_at, task.completed_by_id = "completed", now, user.id
        if task.assignee_id is None:
            task.assignee, task.claimed_at = user, now
        if incoming.confirmed:
            confirmed = [
                {"id": r.id, "found": r.scan["found"], "reasons": r.scan["reasons"]}
                for r in rows
                if r.scan and r.scan["found"]
            ]
            run.log.append(case, "personal_data_confirmed", user.username, {"task_id": task.id, "files": confirmed})
        if rows:
            run.log.append(
                case, "files_attached", user.username, {"task_id": task.id, "files": task_files.described(rows)}
            )
        run.log.append(case, "task_completed", user.username, {"task": task.bpmn_id, "task_id": task.id, "data": data})
        delivery.record(session, rt, run.log, case, task, schema, data, incoming.stored, user.username, handover)
        fees.record(session, run.log, case, task, data, user.username)
        # An outcome is told before the run closes the case: the reporter reads it before the survey the closing
        # invites them to (engine.notices); a question after it, with the reply window the run opens.
        props = properties(spiff_task.task_spec)
        _tell_reporter(session, rt, user, case, props, data, (OUTCOME,))
    issued = letters.after_task(session, rt, user, task, data)  # numbered and frozen now; their PDFs after the commit
    if _forwards(props, task):  # forwarded now, with the letter's number: the reporter's page says so
        forwarding.tell_reporter_forwarded(session, rt, case, user.username, data, issued)
    _tell_reporter(session, rt, user, case, props, data, (REQUEST,), issued)
    return run.result


def _with_office_commission(rt: Runtime, task: HumanTask, schema: dict, data: dict) -> dict:
    """The superior's decision on an objection names the Commission its response sends the requester to
    (keberatan_putusan.json): left out or blank, the office's own (KAWAL_COMMISSION_NAME), as the web page offers it,
    so that an API client's decision stores and its letter prints a name too; one typed is kept as typed."""
    if task.bpmn_id != chain.OBJECTION_DECISION_TASK or chain.COMMISSION_FIELD not in schema.get("properties", {}):
        return data
    named = data.get(chain.COMMISSION_FIELD)
    if named is None or (isinstance(named, str) and not named.strip()):
        return {**data, chain.COMMISSION_FIELD: rt.settings.commission_name}
    return data


def _require_offered(schema: dict, data: dict) -> None:
    """A field the form has but the case's process version does not offer (``engine.forms.for_steps``) is refused
    as unknown: nothing in that version would act on it."""
    extra = sorted(set(data) - set(schema.get("properties", {})))
    if extra:
        raise Invalid("invalid_data", fields={name: [msg("field_unknown")] for name in extra})


def _with_form_errors(rt: Runtime, form: str | None, schema: dict, data: dict, refused: Invalid) -> Invalid:
    """The files' refusal, with what the form's schema says of the rest (a file field sent counts as filled)."""
    if not form:
        return refused
    try:
        rt.forms.validate(form, data, schema)
    except Invalid as invalid:
        files_told = {path.split(".")[0] for path in refused.fields}  # their own words, not the schema's
        others = {path: messages for path, messages in invalid.fields.items() if path.split(".")[0] not in files_told}
        return Invalid(refused.message, fields={**others, **refused.fields})
    return refused


def _tell_reporter(session, rt, user, case, props, data, told: tuple[str, ...], issued=()) -> None:
    """Tasks marked ``asks_reporter`` / ``tells_reporter`` send a form field to a complaint's reporter;
    one marked ``tells_reporter_closure`` tells them why the complaint ends here and where to go next (an outcome).
    ``told``: which of the kinds (``REQUEST``, ``OUTCOME``) to send now. A request for evidence goes with the letters
    the task issued the reporter (``issued``: the evidence request's Surat Permintaan Kelengkapan Data/Bukti)."""
    theirs = tuple(x.kind for x in issued if x.to_requester and x.translation_of_id is None)
    for prop, kind in (("asks_reporter", REQUEST), ("tells_reporter", OUTCOME)):
        if kind in told and props.get(prop) and data.get(props[prop]):
            with_letters = theirs if kind == REQUEST else ()
            tell_reporter(session, rt, case, user.username, data[props[prop]], kind, letter_kinds=with_letters)
    if OUTCOME in told and props.get("tells_reporter_closure") and data.get(props["tells_reporter_closure"]):
        tell_reporter_closure(session, rt, case, user.username, data)


def _forwards(props: dict, task: HumanTask) -> bool:
    """Whether the task records the forwarding of a complaint to another agency, which its reporter is told then: the
    model says so (``tells_reporter_forwarded``, pengaduan.bpmn); a case on a process version deployed before the
    property keeps it, and its forwarding task is known by its id (engine.forwarding.TASK)."""
    return bool(props.get("tells_reporter_forwarded")) or task.bpmn_id == forwarding.TASK


def _check_deadline_guard(session, rt, case, spiff_task, data) -> None:
    """A task marked ``mustCompleteBefore`` (e.g. the extension notice before T10) is refused after it.

    A notice task's recorded dispatch date (bounded: not before the receipt, not in the future) is
    what counts, not the moment of the click: the deadline ends at the close of its due day. A task
    whose refusal would end a stage (the office's challenge of a decision in court: refused, the decision
    becomes final) names ``mustCompleteBeforeReading: lenient`` and is refused only once the lenient count
    has lapsed too (legal-process.md §2.2); a filing between the two readings is recorded and flagged
    (``lateness.record_dispatch``), the court decides whether it was in time.
    """
    props = properties(spiff_task.task_spec)
    sent = lateness.check_dispatch_date(rt, case, props, data, spiff_task.data)
    deadline_name = props.get("mustCompleteBefore")
    if not deadline_name:
        return
    if not lateness.guard_applies(rt, props, data):
        return
    deadline = session.scalar(
        select(Deadline)
        .where(Deadline.case_id == case.id, Deadline.name == deadline_name)
        .order_by(Deadline.id.desc())
        .limit(1)
    )
    if deadline is None:
        return
    due = lateness.guard_due(rt, props, deadline)
    due = due.astimezone(rt.calendars["strict"].tz)  # said as the office's clock reads it (api.language)
    if (sent > due.date()) if sent is not None else clock.now() >= due:
        raise Invalid("deadline_passed", deadline=deadline_name, fields={"_schema": [msg("due_before", due=due)]})


def _require_open(task: HumanTask) -> None:
    if task.state != "open":
        raise Conflict("task_not_open")


BULK_ACTIONS = ("claim", "unclaim", "assign")


def bulk_tasks(
    session: Session, rt: Runtime, user: User, action: str, task_ids: list[int], username: str | None = None
) -> tuple[list[HumanTask], list[HumanTask]]:
    """Claim, release or assign several tasks at once: all of them, or none (each refusal named by its place).

    Each task is changed by its own verb (its checks, its event); the caller commits once, so a list with
    one task claimed meanwhile by someone else changes nothing and says which one. Returns the tasks and those
    of them that changed (releasing a task nobody holds, claiming one's own, or assigning a task to the officer who
    holds it already changes nothing: that last one is checked, not assigned again, so they get no second message).
    """
    if action not in BULK_ACTIONS:
        raise Invalid("invalid_data", fields={"action": [msg("one_of", choices=", ".join(BULK_ACTIONS))]})
    if action == "assign" and not username:
        raise Invalid("invalid_data", fields={"username": [msg("required")]})
    done, refused, changed = [], {}, []
    for n, task_id in enumerate(dict.fromkeys(task_ids)):
        known = session.get(HumanTask, task_id) if in_range(task_id) else None  # the verb reads it from here
        before = known.assignee_id if known is not None else None
        try:  # each verb checks everything before it changes anything, so a refusal leaves its task as it was
            if action == "claim":
                task = claim_task(session, user, task_id)
            elif action == "unclaim":
                task = unclaim_task(session, user, task_id)
            elif known is not None and known.assignee is not None and known.assignee.username == username:
                task = access.require_task(session, user, task_id)
                access.require_assign(user, task)
                _require_open(task)
            else:
                task = assign_task(session, rt, user, task_id, username)
        except KawalError as error:
            refused[f"ids.{n}"] = [error.message, *[m for ms in error.fields.values() for m in ms]]
            continue
        done.append(task)
        after = task.assignee.id if task.assignee is not None else None  # the relationship: not flushed yet
        if after != before:
            changed.append(task)
    if refused:  # the caller rolls back the others: all or none
        raise Invalid("bulk_refused" if done else "bulk_all_refused", fields=refused)
    return done, changed
