"""How a case's SpiffWorkflow instance becomes a dict and back: SpiffWorkflow's own format, built faster.

Instances are stored without their spec (``SpeclessWorkflowConverter``); the spec comes from the per-version
cache on load. ``stock_registry`` converts with SpiffWorkflow's converters; ``fast_registry`` (what the Runtime
uses) gives the same dicts, key for key and in the same order, so the stored JSON is byte for byte what the
stock converters write, and either side loads what the other wrote into the same instance (proved on whole
walks of every process by tests/workflows/test_serializer_equivalence.py, on odd values by
tests/unit/test_fast_serializer.py). They mirror SpiffWorkflow 3.2.0's ``default/workflow.py`` (the pinned
version): an upgrade must be checked against it, and those tests are what catch a difference.

Where the stock path spends its time, per task (a case has 40-80 across its subprocesses): dispatching every
task and every data value through the registry (``DictionaryConverter.convert``/``restore``), ``str(UUID)``
about four times per task on save and ``UUID(str)`` four times on load, and looking the parent up several
times. The fast converters dispatch on exact types (dict, list, str, int, float, bool, None) and hand
anything else to the registry, so an unusual value (a date, a Decimal, a set, a registered class) takes
exactly the stock route; each id is formatted once per save and parsed once per load. ``python -m
bench.serialization`` times both sides: about 1.4x on save and on load, json included.

As in SpiffWorkflow 3.2, a task's data is stored as a delta from its parent's and neither is passed through
the registry: only workflow data, internal data and event payloads get the date and Decimal conversions.
"""

from __future__ import annotations

from copy import copy
from datetime import date
from decimal import Decimal
from types import ModuleType
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import (
    BpmnSubWorkflowConverter,
    BpmnWorkflowConverter,
    TaskConverter,
    WorkflowConverter,
)
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.util.subworkflow import BpmnSubWorkflow
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

# Values JSON holds as they are: the stock converters return them unchanged (none is registered).
_PLAIN = frozenset({str, int, float, bool, type(None)})


class SpeclessWorkflowConverter(BpmnWorkflowConverter):
    """Serializes an instance without its spec (13 of its ~20 KiB); the spec comes from the cache on load."""

    def to_dict(self, workflow):
        dct = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct, spec=None, subprocess_specs=None):
        workflow = self.target_class(spec, subprocess_specs, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


def stock_registry():
    """SpiffWorkflow's own converters (with the spec-less workflow), plus dates and Decimals in data."""
    config = dict(SPIFF_CONFIG)
    config[BpmnWorkflow] = SpeclessWorkflowConverter
    registry = BpmnWorkflowSerializer.configure(config)
    registry.register(date, lambda v: {"value": v.isoformat()}, lambda d: date.fromisoformat(d["value"]))
    registry.register(Decimal, lambda v: {"value": str(v)}, lambda d: Decimal(d["value"]))
    return registry


def fast_registry():
    """The stock registry with the instance's own converters (workflow, subprocess, task) replaced."""
    registry = stock_registry()
    if _PLAIN.union({dict, list}) & registry.typenames.keys():  # the exact-type shortcuts would skip them
        raise RuntimeError("a JSON type has a registered converter; the fast converters would bypass it")
    tasks = FastTaskConverter(Task, registry)
    FastSubWorkflowConverter(BpmnSubWorkflow, registry, tasks)
    FastWorkflowConverter(BpmnWorkflow, registry, tasks)
    return registry


def stock_serializer(version: str) -> BpmnWorkflowSerializer:
    return BpmnWorkflowSerializer(stock_registry(), version=version)


def fast_serializer(version: str) -> BpmnWorkflowSerializer:
    return BpmnWorkflowSerializer(fast_registry(), version=version)


class FastTaskConverter(TaskConverter):
    """TaskConverter's dict (data stored as a delta from the parent's), without the registry's generic walk.

    ``to_dict``/``from_dict`` serve a task met on its own; the workflow converters below call ``_to_dict`` and
    ``_from_dict`` directly for the tasks of an instance, sharing the string and UUID of every task id.
    """

    def to_dict(self, task):
        return self._to_dict(task, _Names())

    def from_dict(self, dct, workflow):
        return self._from_dict(dct, workflow, UUID(dct["id"]), {})

    def _to_dict(self, task, names: _Names) -> dict:
        parent = task.parent
        if parent is None:
            data, delta = task.data, {}
        else:
            before, after = parent.data, task.data
            data = {}
            delta = {
                "updates": {k: v for k, v in after.items() if k not in before or v != before[k]},
                "deletions": [k for k in before if k not in after],
            }
        return {
            "id": names[task.id],
            "parent": names[task._parent] if parent is not None else None,
            "children": [names[child] for child in task._children],
            "last_state_change": task.last_state_change,
            "state": task.state,
            "task_spec": task.task_spec.name,
            "triggered": task.triggered,
            "internal_data": self.convert_value(task.internal_data),
            "data": data,
            "delta": delta,
        }

    def _from_dict(self, dct, workflow, task_id: UUID, ids: dict) -> Task:
        """``ids``: the UUIDs of this instance's task ids (str -> UUID), to reuse for parents and children."""
        task_spec = workflow.spec.task_specs.get(dct["task_spec"])
        task = self.target_class(workflow, task_spec, state=dct["state"], id=task_id)
        parent_id = dct["parent"]
        task._parent = (ids.get(parent_id) or UUID(parent_id)) if parent_id is not None else None
        task._children = [ids.get(child) or UUID(child) for child in dct["children"]]
        task.last_state_change = dct["last_state_change"]
        task.triggered = dct["triggered"]
        task.internal_data = self.restore_value(dct["internal_data"])
        if isinstance(task_spec, CatchingEvent) and task.has_state(TaskState.WAITING):
            task.workflow.top_workflow.event_manager.add_task(task)
        delta = dct.get("delta")
        parent = task.parent if delta else None
        if parent is not None:
            # DeepMerge.merge({}, parent.data): containers are copied one level deep, the rest shared.
            data = {k: copy(v) if isinstance(v, (dict, list, set)) else v for k, v in parent.data.items()}
            data.update(self.restore_value(delta.get("updates", {})))
            for key in delta.get("deletions", {}):
                if key in data:
                    del data[key]
        else:
            data = self.restore_value(dct["data"])
        task.data = data
        return task

    def convert_value(self, value):
        """``registry.convert(value)``: dicts lose callables and modules at every level, registered types
        become their dicts; anything but a JSON type goes to the registry itself."""
        cls = value.__class__
        if cls in _PLAIN:
            return value
        if cls is dict:
            convert = self.convert_value
            return {k: convert(v) for k, v in value.items() if not callable(v) and not isinstance(v, ModuleType)}
        if cls is list:
            return [self.convert_value(v) for v in value]
        return self.registry.convert(value)

    def restore_value(self, value):
        """``registry.restore(value)`` of a JSON value: a dict with a typename is the registry's to restore."""
        cls = value.__class__
        if cls is dict:
            if "typename" in value:
                return self.registry.restore(value)
            restore = self.restore_value
            return {k: restore(v) for k, v in value.items()}
        if cls is list:
            return [self.restore_value(v) for v in value]
        if cls in _PLAIN:
            return value
        return self.registry.restore(value)


class _Names(dict):
    """The id strings of one instance's tasks (UUID -> str): each ``str(UUID)`` made once per save."""

    def __missing__(self, task_id: UUID) -> str:
        name = self[task_id] = str(task_id)
        return name


class _FastTasks:
    """The task mapping of a workflow or subprocess, through FastTaskConverter where the class is Task."""

    def __init__(self, target_class, registry, task_converter: FastTaskConverter):
        super().__init__(target_class, registry)
        self.task_converter = task_converter

    def tasks_to_dict(self, tasks: dict) -> dict:
        # mapping_to_dict: {str(id): registry.convert(task)}, the typename added last by the registry.
        converter, typename, names, out = self.task_converter, self.registry.typenames[Task], _Names(), {}
        for task_id, task in tasks.items():
            if task.__class__ is Task:
                dct = converter._to_dict(task, names)
                dct["typename"] = typename
            else:
                dct = self.registry.convert(task)
            out[names[task_id]] = dct
        return out

    def tasks_from_dict(self, tasks: dict, workflow) -> dict:
        # mapping_from_dict(tasks, UUID, workflow=workflow), the ids parsed once.
        converter, typename = self.task_converter, self.registry.typenames[Task]
        ids = {key: UUID(key) for key in tasks}
        out = {}
        for key, dct in tasks.items():
            task_id = ids[key]
            if dct.get("typename") == typename and dct["id"] == key:
                out[task_id] = converter._from_dict(dct, workflow, task_id, ids)
            else:
                out[task_id] = self.registry.restore(dct, workflow=workflow)
        return out

    def workflow_to_dict(self, workflow) -> dict:
        """WorkflowConverter.to_dict."""
        data = workflow.data
        last = workflow.last_task
        return {
            "data": self.task_converter.convert_value(data)
            if data.__class__ is dict
            else self.registry.convert(self.registry.clean(data)),
            "correlations": workflow.correlations,
            "last_task": str(last.id) if last is not None else None,
            "success": workflow.success,
            "completed": workflow.completed,
            "tasks": self.tasks_to_dict(workflow.tasks),
            "root": str(workflow.task_tree.id),
        }


class FastWorkflowConverter(_FastTasks, SpeclessWorkflowConverter):
    def to_dict(self, workflow):
        dct = self.workflow_to_dict(workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct, spec=None, subprocess_specs=None):
        workflow = self.target_class(spec, subprocess_specs, deserializing=True)
        workflow.tasks = self.tasks_from_dict(dct["tasks"], workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


class FastSubWorkflowConverter(_FastTasks, BpmnSubWorkflowConverter):
    def to_dict(self, workflow):
        dct = self.workflow_to_dict(workflow)
        dct["parent_task_id"] = str(workflow.parent_task_id)
        dct["spec"] = workflow.spec.name
        return dct

    def from_dict(self, dct, task, top_workflow):
        spec = top_workflow.subprocess_specs.get(task.task_spec.spec)
        subprocess = self.target_class(spec, task.id, top_workflow, deserializing=True)
        subprocess.tasks = self.tasks_from_dict(dct["tasks"], subprocess)
        subprocess.task_tree = subprocess.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(subprocess, dct)
        return subprocess
