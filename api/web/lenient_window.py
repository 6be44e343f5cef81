"""What a task still allows once its deadline lapsed on the strict reading alone, in words on its task page.

A task whose ``mustCompleteBefore`` guard reads ``lenient`` (the office's challenge of a dispute's decision, whose
refusal would make the decision final: legal-process.md §2.2) is refused only once its deadline lapsed on every
reading (engine.inbox). Between the strict end and the lenient one the task page rightly says the task is late on
the strict count; this says what is still possible and until when, and when the task ends by itself (a cancelling
timer on it, as the office's last day to take its position: engine.chain.OFFICE_LAST_DAYS). Read from the task's
properties and the case's deadline rows, for every such task of every process version.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from api.extensions import db
from api.web import display, schema_form
from api.web.i18n import current_language
from engine import clock, lateness
from engine.calendar import LENIENT
from engine.models import Case, Deadline, HumanTask
from engine.runtime import Runtime
from engine.sync import properties


def still_open(rt: Runtime, task: HumanTask) -> str | None:
    """``task``'s window in words when its guarded deadline lapsed on the strict reading but not on the lenient one:
    until when the guarded choice (or, without one, the task) is still possible, and when the task ends by itself;
    None for a closed task, a task without such a guard, or any other moment."""
    spec = _spec(rt, task.case, task.bpmn_id)
    props = properties(spec) if spec is not None else {}
    if task.state != "open" or props.get("mustCompleteBeforeReading") != LENIENT:
        return None
    guarded = _latest(task, props.get("mustCompleteBefore"))
    if guarded is None:
        return None
    now, lenient_end = clock.now(), lateness.lenient_due(rt, guarded)
    if not guarded.due_at < now <= lenient_end:
        return None
    until, reading = display.office_datetime(lenient_end), display.calendar_label(LENIENT)
    choice = _guarded_choice(rt, task, props)
    words = [
        _("“%(choice)s” is still possible until %(date)s (%(reading)s).", choice=choice, date=until, reading=reading)
        if choice
        else _("The task can still be completed until %(date)s (%(reading)s).", date=until, reading=reading)
    ]
    ending = next(filter(None, (_latest(task, name, pending=True) for name in _ending_deadlines(rt, task))), None)
    if ending is not None:
        words.append(_("The task ends by itself after %(date)s.", date=display.office_datetime(ending.due_at)))
    return " ".join(words)


def _spec(rt: Runtime, case: Case, bpmn_id: str):
    """The spec named ``bpmn_id`` in the case's process version (the main process's, or a subprocess's)."""
    if case.process_version_id is None:
        return None
    loaded = rt.spec(db.session, case.process_version_id)
    specs = [loaded.spec, *loaded.subprocess_specs.values()]
    return next((spec.task_specs[bpmn_id] for spec in specs if bpmn_id in spec.task_specs), None)


def _ending_deadlines(rt: Runtime, task: HumanTask) -> list[str]:
    """The deadlines whose timers end the task when they lapse: its cancelling boundary timers (SpiffWorkflow
    gathers a task's boundary events under one split named after it)."""
    split = _spec(rt, task.case, f"{task.bpmn_id}.BoundaryEventSplit")
    events = [e for e in (split.outputs if split is not None else []) if getattr(e, "cancel_activity", False)]
    return [properties(e)["deadline"] for e in events if properties(e).get("deadline")]


def _latest(task: HumanTask, name: str | None, pending: bool = False) -> Deadline | None:
    """The case's latest deadline row of that name (a reopened stage starts another), pending ones only if asked."""
    if not name:
        return None
    query = select(Deadline).where(Deadline.case_id == task.case_id, Deadline.name == name)
    if pending:
        query = query.where(Deadline.status == "pending")
    return db.session.scalar(query.order_by(Deadline.id.desc()).limit(1))


def _guarded_choice(rt: Runtime, task: HumanTask, props: dict) -> str | None:
    """The choice of the task's form that the guard binds (``mustCompleteBeforeWhen``: challenging the decision, not
    accepting it), named as the form names it; None when the guard binds every completion."""
    if not props.get("mustCompleteBeforeWhen"):
        return None
    for field in schema_form.build_fields(rt.task_form(db.session, task), current_language()):
        for value, label in field.options:
            try:
                if lateness.guard_applies(rt, props, {field.name: value}):
                    return label
            except NameError:  # the condition reads another field
                break
    return None
