"""A task is worked by the group of the lane its diagram draws it in, at every depth of subprocesses (README
"Groups (BPMN lane names)"; engine.sync writes ``HumanTask.lane`` from the deployed spec, engine.access lets only
that lane's officers complete it).

A step listed in a lane of its own (sub)process belongs to that lane, even when the subprocess stands in another
lane of the process around it: the PPID's superior issues the power of attorney inside the dispute's preparation,
which stands in the PPID's lane (SpiffWorkflow 3.2 handed every step of it the PPID's lane, and the superior was
refused: engine.lanes). A step its subprocess puts in no lane belongs to the lane the subprocess stands in.

On SQLite alone: a lane is read from the diagram in Python (engine.lanes); the spec stored with its version is deployed
in every PostgreSQL test's template (tests/databases.py), and cases kept on an earlier version run on PostgreSQL in
tests/workflows/test_sengketa_preparation.py and test_objection_settlement_stage.py.
"""

import dataclasses
import shutil
from pathlib import Path

import pytest

from engine import lanes
from engine.config import load_settings
from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.drawn_lanes import human_task_lanes

WORKFLOWS = sorted(load_settings({}).workflows_dir.glob("*.bpmn"))
# The earlier versions the tests keep: cases started on them run on, with the lanes their diagrams drew.
EARLIER_VERSIONS = sorted((Path(__file__).parent / "fixtures").glob("*.bpmn"))


def _deployed_lanes(settings, sessions, tmp_path, path: Path) -> dict[str, str | None]:
    """The lane of every user and manual task as Kawal deploys the file (the spec stored with its version)."""
    process = path.name.split(".")[0]
    workflows = tmp_path / "workflows"
    workflows.mkdir()
    shutil.copy(path, workflows / f"{process}.bpmn")
    rt = Runtime(dataclasses.replace(settings, workflows_dir=workflows))
    with sessions.begin() as s:
        loaded = rt.spec(s, rt.latest_version_id(s, process))
    specs = [loaded.spec, *loaded.subprocess_specs.values()]
    return {t.bpmn_id: t.lane for spec in specs for t in spec.task_specs.values() if t.bpmn_id and t.manual}


@pytest.mark.parametrize("path", WORKFLOWS + EARLIER_VERSIONS, ids=lambda p: p.name)
def test_every_task_is_in_the_lane_its_diagram_draws_it_in(settings, session_factory_, tmp_path, path):
    drawn = human_task_lanes(path)
    assert drawn, f"{path.name} has no user task"
    assert _deployed_lanes(settings, session_factory_, tmp_path, path) == drawn


NESTED = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="k">
  <bpmn:process id="lanes" isExecutable="true">
    <bpmn:laneSet id="ls">
      <bpmn:lane id="l_ppid" name="ppid">
        <bpmn:flowNodeRef>start</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>outer</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>end</bpmn:flowNodeRef>
      </bpmn:lane>
      <bpmn:lane id="l_atasan" name="atasan_ppid"/>
    </bpmn:laneSet>
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:subProcess id="outer">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:laneSet id="ls_outer">
        <bpmn:lane id="lo_atasan" name="atasan_ppid">
          <bpmn:flowNodeRef>kuasa</bpmn:flowNodeRef>
          <bpmn:flowNodeRef>inner</bpmn:flowNodeRef>
        </bpmn:lane>
      </bpmn:laneSet>
      <bpmn:startEvent id="o_start"><bpmn:outgoing>o1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:userTask id="kuasa"><bpmn:incoming>o1</bpmn:incoming><bpmn:outgoing>o2</bpmn:outgoing></bpmn:userTask>
      <bpmn:userTask id="berkas"><bpmn:incoming>o2</bpmn:incoming><bpmn:outgoing>o3</bpmn:outgoing></bpmn:userTask>
      <bpmn:subProcess id="inner">
        <bpmn:incoming>o3</bpmn:incoming><bpmn:outgoing>o4</bpmn:outgoing>
        <bpmn:startEvent id="i_start"><bpmn:outgoing>i1</bpmn:outgoing></bpmn:startEvent>
        <bpmn:userTask id="tanda_tangan">
          <bpmn:incoming>i1</bpmn:incoming><bpmn:outgoing>i2</bpmn:outgoing>
        </bpmn:userTask>
        <bpmn:endEvent id="i_end"><bpmn:incoming>i2</bpmn:incoming></bpmn:endEvent>
        <bpmn:sequenceFlow id="i1" sourceRef="i_start" targetRef="tanda_tangan"/>
        <bpmn:sequenceFlow id="i2" sourceRef="tanda_tangan" targetRef="i_end"/>
      </bpmn:subProcess>
      <bpmn:endEvent id="o_end"><bpmn:incoming>o4</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="o1" sourceRef="o_start" targetRef="kuasa"/>
      <bpmn:sequenceFlow id="o2" sourceRef="kuasa" targetRef="berkas"/>
      <bpmn:sequenceFlow id="o3" sourceRef="berkas" targetRef="inner"/>
      <bpmn:sequenceFlow id="o4" sourceRef="inner" targetRef="o_end"/>
    </bpmn:subProcess>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="outer"/>
    <bpmn:sequenceFlow id="f2" sourceRef="outer" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>
"""


def test_a_step_takes_its_own_subprocess_lane_first_and_else_the_lane_the_subprocess_stands_in(tmp_path):
    """``outer`` stands in the PPID's lane and draws lanes of its own: ``kuasa`` in the superior's lane is the
    superior's; ``berkas``, in none of them, is the PPID's like ``outer``; ``tanda_tangan`` inside ``inner``
    (a subprocess with no lanes, in the superior's lane of ``outer``) is the superior's."""
    path = tmp_path / "lanes.bpmn"
    path.write_text(NESTED)
    parser = lanes.parser()
    parser.add_bpmn_file(str(path))
    specs = [parser.get_spec("lanes"), *parser.get_subprocess_specs("lanes").values()]
    parsed = {t.bpmn_id: t.lane for spec in specs for t in spec.task_specs.values() if t.bpmn_id and t.manual}
    expected = {"kuasa": "atasan_ppid", "berkas": "ppid", "tanda_tangan": "atasan_ppid"}
    assert human_task_lanes(path) == expected  # what the diagram draws, read from the XML alone
    assert parsed == expected
