"""Kawal's converters (engine.serialization) treat every kind of value as SpiffWorkflow's own converters do.

The walks (tests/workflows/test_serializer_equivalence.py) hold the JSON the forms produce; here an
instance of permohonan_informasi.bpmn carries what a script or a later change could put in it: dates,
datetimes, Decimals, UUIDs, tuples, sets, nested containers, callables and modules, in the workflow's
data, a task's internal data, a pending event's payload and the task data itself.
"""

import json
import types
from collections import OrderedDict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import UUID

import pytest
import time_machine
from SpiffWorkflow.bpmn import BpmnEvent, BpmnWorkflow
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.config import load_settings
from engine.runtime import SERIALIZER_VERSION, Runtime
from engine.serialization import FastTaskConverter, fast_serializer, stock_registry, stock_serializer
from tests.helpers import SAVED_RECEIPT, STEP, decision, instance_state, typed

PROCESS = "permohonan_informasi"
STOCK = stock_serializer(SERIALIZER_VERSION)
FAST = fast_serializer(SERIALIZER_VERSION)
ODD = {
    "tanggal": date(2026, 12, 2),
    "waktu": datetime(2026, 12, 2, 3, 0, tzinfo=UTC),
    "biaya": Decimal("12500.50"),
    "jeda": timedelta(days=3, seconds=7),
    "kode": UUID("12345678-1234-5678-1234-567812345678"),
    "pasangan": ("h", date(2036, 12, 31)),
    "bersarang": {"daftar": [1, 2.5, None, True, {"pada": date(2027, 1, 4), "fungsi": len}], "modul": json},
    "urut": OrderedDict([("b", 1), ("a", Decimal("1"))]),
    "fungsi": len,
    "modul": types,
    "teks": "Daftar penerima",
}


@pytest.fixture(scope="module")
def specs():
    parser = SpiffBpmnParser(validator=VALIDATOR)
    parser.add_bpmn_file(str(load_settings({}).workflows_dir / f"{PROCESS}.bpmn"))
    return parser.get_spec(PROCESS), parser.get_subprocess_specs(PROCESS)


@pytest.fixture(autouse=True)
def on_the_day_the_instance_was_received():
    with time_machine.travel(SAVED_RECEIPT, tick=True):
        yield


@pytest.fixture
def wf(specs):
    """An instance at the decision: two subprocesses deep, timers waiting, data from four forms."""
    rt = Runtime(load_settings({}))
    wf = BpmnWorkflow(*specs, script_engine=rt.script_engine)
    wf.get_next_task(state=TaskState.READY).set_data(
        case_id=1, ticket="T", received_at=SAVED_RECEIPT.isoformat(), batas_kelengkapan_hari=3
    )
    rt.step(wf)
    for name in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        task = next(t for t in wf.get_tasks(state=TaskState.READY, manual=True) if t.task_spec.bpmn_id == name)
        task.set_data(**STEP[name])
        task.run()
        rt.step(wf)
    return wf


def _json(serializer, wf) -> str:
    return json.dumps(serializer.to_dict(wf), separators=(",", ":"))


def _load(serializer, wf, text):
    return serializer.from_dict(json.loads(text), spec=wf.spec, subprocess_specs=wf.subprocess_specs)


def _waiting_timer(wf):
    return next(t for t in wf.get_tasks(state=TaskState.WAITING) if "event_value" in t.internal_data)


VALUES = {**ODD, "semua": ODD, "himpunan": {"s": {1, 2}}, "tuple_kosong": [()], "frozenset": frozenset({1})}


@pytest.mark.parametrize("value", VALUES.values(), ids=VALUES.keys())
def test_a_value_converts_and_restores_as_the_registry_does_it(value):
    registry = stock_registry()
    fast = FastTaskConverter(Task, stock_registry())
    assert typed(fast.convert_value(value)) == typed(registry.convert(value))
    stored = json.loads(json.dumps(registry.convert(value), default=repr))
    assert typed(fast.restore_value(stored)) == typed(registry.restore(stored))


def test_dates_decimals_and_nested_values_in_workflow_internal_and_event_data_are_stored_identically(wf):
    wf.data.update(ODD)
    _waiting_timer(wf).internal_data["catatan"] = ODD
    wf.bpmn_events.append(BpmnEvent(MessageEventDefinition("keberatan_dikabulkan"), payload=dict(ODD)))
    text = _json(STOCK, wf)
    assert _json(FAST, wf) == text
    stored = json.loads(text)["data"]
    assert stored["biaya"] == {"value": "12500.50", "typename": "Decimal"}  # the registry's own conversions
    assert stored["bersarang"]["daftar"][4] == {"pada": {"value": "2027-01-04", "typename": "date"}}
    assert "fungsi" not in stored  # callables and modules are dropped at every level
    assert "modul" not in stored["bersarang"]
    from_stock, from_fast = _load(STOCK, wf, text), _load(FAST, wf, text)
    assert instance_state(from_fast) == instance_state(from_stock)
    assert _json(STOCK, from_fast) == text
    assert _json(FAST, from_stock) == text
    assert typed(FAST.to_dict(from_fast)["bpmn_events"]) == typed(STOCK.to_dict(from_stock)["bpmn_events"])
    assert from_fast.data["biaya"] == Decimal("12500.50")


def test_every_state_of_a_walk_loads_identically_whichever_side_wrote_it(wf, specs):
    """A state written by the stock converters loads through Kawal's and back, and the other way round."""
    rt = Runtime(load_settings({}))
    steps = ["putuskan", "pemberitahuan_tertulis", "penyerahan_informasi"]
    for name in [None, *steps]:
        if name:
            task = next(t for t in wf.get_tasks(state=TaskState.READY, manual=True) if t.task_spec.bpmn_id == name)
            task.set_data(**(decision("dikabulkan_seluruhnya") if name == "putuskan" else STEP[name]))
            task.run()
            rt.step(wf)
        text = _json(STOCK, wf)
        assert _json(FAST, wf) == text
        from_stock, from_fast = _load(STOCK, wf, text), _load(FAST, wf, text)
        assert instance_state(from_fast) == instance_state(from_stock)
        assert _json(FAST, from_stock) == _json(STOCK, from_fast) == text
        wf = from_fast  # the walk goes on with what Kawal's converters restored
        wf.script_engine = rt.script_engine
    assert rt.waiting_for(wf, "keberatan_dikabulkan") is not None  # the walk reached its end


def test_task_data_is_stored_as_it_is_so_a_date_there_fails_on_both_sides_alike(wf):
    """SpiffWorkflow 3.2 stores task data (the root's and every delta) without the registry: a date or a
    Decimal in it reaches json.dumps unconverted. Form data is JSON, so Kawal never puts one there."""
    task = next(t for t in wf.get_tasks(state=TaskState.READY, manual=True))
    task.data["biaya"] = Decimal("1")
    wf.task_tree.data["tanggal"] = date(2026, 12, 2)
    assert typed(FAST.to_dict(wf)) == typed(STOCK.to_dict(wf))
    for serializer in (STOCK, FAST):
        with pytest.raises(TypeError, match="not JSON serializable"):
            _json(serializer, wf)


def test_a_set_in_workflow_data_stays_a_set_and_fails_on_both_sides_alike(wf):
    wf.data["himpunan"] = {"b", "a"}
    assert typed(FAST.to_dict(wf)) == typed(STOCK.to_dict(wf))
    for serializer in (STOCK, FAST):
        with pytest.raises(TypeError, match="set is not JSON serializable"):
            _json(serializer, wf)
