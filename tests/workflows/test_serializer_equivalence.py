"""Kawal's converters (engine.serialization) write exactly the JSON SpiffWorkflow's own converters write.

Whole walks of the four processes run through the Office with a Runtime that, at every save, also
serializes the instance with the stock converters and compares the strings; then it loads the text
with each side, re-serializes it with the other and compares the two restored instances task by task.
The walks are the scenario tests themselves, run again under that Runtime: timers fired, boundary
events, subprocesses, messages with payloads. At every save the same walks also check that the task
states a run compares before and after its step (``engine.runtime.ids_in_state``, read off the task
dictionaries) are the tasks SpiffWorkflow's own tree walk finds.

On SQLite alone: the converters are compared in Python at every save, over the same JSON whatever database stores it;
the walks themselves store and read back the workflow state on PostgreSQL in their own modules
(tests/workflows/test_*_paths.py).
"""

import json

import pytest
import time_machine
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import BoundaryEvent
from SpiffWorkflow.util.task import TaskState

from engine.runtime import SERIALIZER_VERSION, Runtime, ids_in_state
from engine.serialization import stock_serializer
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import instance_state
from tests.workflows import (
    test_keberatan_paths,
    test_pengaduan_paths,
    test_permohonan_paths,
    test_sengketa_paths,
)
from tests.workflows.conftest import Office


def _json(serializer, wf) -> str:
    return json.dumps(serializer.to_dict(wf), separators=(",", ":"))  # as Runtime.dumps


class BothSerializersRuntime(Runtime):
    """Saves with Kawal's converters; at every save checks them against SpiffWorkflow's own."""

    def __init__(self, settings):
        super().__init__(settings)
        self.stock = stock_serializer(SERIALIZER_VERSION)
        self.saves = 0
        self.seen: set[str] = set()  # what the saved instances held (see _features)

    def dumps(self, wf) -> str:
        text = super().dumps(wf)
        assert _json(self.stock, wf) == text, "the stock converters write another JSON"
        loaded = next(spec for spec in self._specs.values() if spec.spec is wf.spec)
        restored = {}
        for reader, writer in ((self.stock, self.serializer), (self.serializer, self.stock)):
            restored[reader] = reader.from_dict(
                json.loads(text), spec=loaded.spec, subprocess_specs=loaded.subprocess_specs
            )
            assert _json(writer, restored[reader]) == text, (
                "a state written by one side reads back otherwise on the other"
            )
        assert instance_state(restored[self.stock]) == instance_state(restored[self.serializer])
        for state in (TaskState.COMPLETED, TaskState.WAITING, TaskState.READY, TaskState.CANCELLED):
            walked = {t.id for t in wf.get_tasks(state=state)}
            assert ids_in_state(wf, state) == walked, f"the task dictionaries disagree with the tree on {state}"
        self.saves += 1
        self.seen |= _features(wf)
        return text


def _features(wf) -> set[str]:
    seen = {"subprocess"} if wf.subprocesses else set()
    for task in wf.get_tasks(state=TaskState.COMPLETED):
        spec = task.task_spec
        definition = getattr(spec, "event_definition", None)
        if isinstance(definition, TimerEventDefinition):
            seen.add("timer fired")
        if isinstance(spec, BoundaryEvent):
            seen.add("boundary event")
        if isinstance(definition, MessageEventDefinition) and isinstance(spec, CatchingEvent):
            seen.add("message caught")
    return seen


@pytest.fixture
def checked_office(settings, session_factory_):
    return Office(session_factory_, BothSerializersRuntime(settings))


TIMER, BOUNDARY, SUB, MESSAGE = "timer fired", "boundary event", "subprocess", "message caught"
WALKS = [
    (test_permohonan_paths, test_permohonan_paths.RECEIVED, "test_grant_in_full_goes_to_delivery_and_ends_done", {SUB}),
    (
        test_permohonan_paths,
        test_permohonan_paths.RECEIVED,
        "test_incomplete_request_closes_when_the_completion_window_lapses",
        {SUB, TIMER, BOUNDARY},
    ),
    (
        test_permohonan_paths,
        test_permohonan_paths.RECEIVED,
        "test_t10_lapse_marks_case_overdue_and_escalates_to_the_superior_without_ending_it",
        {SUB, TIMER, BOUNDARY},
    ),
    (
        test_keberatan_paths,
        test_keberatan_paths.RECEIVED,
        "test_granted_objection_reopens_delivery_on_the_request",
        {SUB, MESSAGE},
    ),
    (
        test_keberatan_paths,
        test_keberatan_paths.RECEIVED,
        "test_a30_lapse_escalates_to_the_superior_and_opens_the_dispute_window",
        {SUB, TIMER, BOUNDARY},
    ),
    (
        test_sengketa_paths,
        test_sengketa_paths.SUMMONED,
        "test_agency_challenges_in_court_then_cassation_gives_the_final_decision",
        {SUB, MESSAGE, BOUNDARY},
    ),
    (
        test_sengketa_paths,
        test_sengketa_paths.SUMMONED,
        "test_mediation_lapse_closes_nothing_the_stage_moves_on_a_confirmation_after_the_lenient_end",
        {SUB, TIMER, MESSAGE, BOUNDARY},
    ),
    (
        test_sengketa_paths,
        test_sengketa_paths.SUMMONED,
        "test_withdrawal_before_the_decision_closes_the_case_and_cancels_its_clocks",
        {SUB, MESSAGE, BOUNDARY},
    ),
    (
        test_pengaduan_paths,
        test_pengaduan_paths.RECEIVED,
        "test_reporter_answering_in_time_resumes_the_handling_through_follow_up_to_archiving",
        {SUB, MESSAGE},
    ),
    (
        test_pengaduan_paths,
        test_pengaduan_paths.RECEIVED,
        "test_evidence_window_lapse_closes_nothing_a_confirmation_deems_the_complaint_withdrawn_and_late_evidence_reopens_it",
        {SUB, TIMER, MESSAGE, BOUNDARY},
    ),
    (
        test_pengaduan_paths,
        test_pengaduan_paths.RECEIVED,
        "test_resolution_period_lapse_flags_overdue_and_escalates_to_the_wbs_managers",
        {SUB, TIMER, BOUNDARY},
    ),
    (  # a loop in the model: the same user task, with its boundary timer armed, entered four times
        test_pengaduan_paths,
        test_pengaduan_paths.RECEIVED,
        "test_a_complaint_is_referred_again_at_most_three_times",
        {SUB},
    ),
]


@pytest.mark.parametrize(
    ("module", "start", "walk", "expected"),
    WALKS,
    ids=[f"{m.__name__.split('.')[-1][5:]}:{w[5:]}" for m, _, w, _ in WALKS],
)
def test_kawals_converters_write_the_stock_json_at_every_save_of_a_whole_walk(
    checked_office, module, start, walk, expected
):
    with time_machine.travel(start, tick=True) as traveller:
        getattr(module, walk)(checked_office, traveller)
    assert checked_office.rt.saves > 3  # every step of the walk was checked, not just one
    assert expected <= checked_office.rt.seen  # the walk reached what it is here for
