"""Where a case stands in its process, read from its workflow instance: what the diagram highlights.

Completed: COMPLETED elements, in the order they were done. Current: READY or STARTED manual tasks and
WAITING catch events (a message the case waits for; not a boundary timer); an element done before and
open again (a loop) is current, not completed. Active: the subprocesses and call activities the
current work is inside (drawn collapsed, they show where the case is on the top level).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import BoundaryEvent, CatchingEvent
from SpiffWorkflow.bpmn.specs.mixins.events.start_event import StartEvent
from SpiffWorkflow.bpmn.specs.mixins.subworkflow_task import SubWorkflowTask
from SpiffWorkflow.util.task import TaskState
from sqlalchemy.orm import Session

from engine.models import Case
from engine.runtime import Runtime
from engine.sync import properties


@dataclass(frozen=True)
class Element:
    bpmn_id: str
    name: str | None  # the BPMN name, if any
    stage: str | None = None  # the status a milestone reaches (its ``status`` property)
    step: bool = True  # worth a line in the list of steps: a task, a named event, a milestone


@dataclass
class Progress:
    completed: dict[str, Element] = field(default_factory=dict)
    current: dict[str, Element] = field(default_factory=dict)
    active: list[str] = field(default_factory=list)


def progress(session: Session, rt: Runtime, case: Case) -> Progress | None:
    """The case's progress, or None when it has no stored workflow instance."""
    if case.workflow_state is None:
        return None
    wf = rt.load(session, case)
    out = Progress()
    for task in sorted(wf.get_tasks(), key=lambda t: t.last_state_change):
        spec, bpmn_id = task.task_spec, getattr(task.task_spec, "bpmn_id", None)
        if bpmn_id is None:
            continue
        if task.state == TaskState.COMPLETED:
            stage = properties(spec).get("status")
            out.completed.setdefault(bpmn_id, Element(bpmn_id, spec.bpmn_name, stage, _is_step(spec)))
        elif task.state == TaskState.STARTED and isinstance(spec, SubWorkflowTask):
            out.active.append(bpmn_id)
        elif (task.state in (TaskState.READY, TaskState.STARTED) and spec.manual) or (
            task.state == TaskState.WAITING and _is_wait(spec)
        ):
            out.current[bpmn_id] = Element(bpmn_id, spec.bpmn_name)
    for bpmn_id in out.current:
        out.completed.pop(bpmn_id, None)
    return out


def _is_step(spec) -> bool:
    """A completed element worth a line in the text: a task, or a named event (a milestone, a receipt)."""
    return bool(
        spec.manual
        or (spec.bpmn_name and isinstance(spec, CatchingEvent | StartEvent))
        or properties(spec).get("status")
    )


def _is_wait(spec) -> bool:
    return isinstance(spec, CatchingEvent) and not isinstance(spec, BoundaryEvent | StartEvent)
