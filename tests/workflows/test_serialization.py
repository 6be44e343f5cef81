"""Workflow state round-trips, and instances saved by earlier versions still load and continue."""

import json
import shutil
from pathlib import Path

import pytest
import time_machine
from SpiffWorkflow.util.task import TaskState

from engine.config import load_settings
from engine.db import make_engine, session_factory, upgrade
from engine.runtime import Runtime
from tests.helpers import GRANT_PATH, SAVED_RECEIPT, STEP, decision

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def on_the_day_the_saved_cases_were_received():
    with time_machine.travel(SAVED_RECEIPT, tick=True):
        yield


def _runtime(tmp_path, workflows: Path):
    url = f"sqlite:///{tmp_path / 'k.db'}"
    upgrade(url)
    sessions = session_factory(make_engine(url))
    return Runtime(load_settings({}, workflows_dir=workflows)), sessions()


def _run(rt, wf, name):
    task = next(t for t in wf.get_tasks(state=TaskState.READY, manual=True) if t.task_spec.bpmn_id == name)
    task.set_data(**(decision("dikabulkan_seluruhnya") if name == "putuskan" else STEP[name]))
    task.run()
    rt.step(wf)


def test_every_step_survives_save_and_restore_unchanged(tmp_path):
    rt, session = _runtime(tmp_path, load_settings({}).workflows_dir)
    version = rt.latest_version_id(session, "permohonan_informasi")
    wf = rt.new_workflow(
        session,
        version,
        {"case_id": 1, "ticket": "T", "received_at": SAVED_RECEIPT.isoformat(), "batas_kelengkapan_hari": 3},
    )
    rt.step(wf)
    for name in GRANT_PATH:
        saved = rt.dumps(wf)
        wf = rt.loads(session, version, saved)
        assert rt.dumps(wf) == saved  # restoring loses nothing
        _run(rt, wf, name)
    assert rt.waiting_for(wf, "keberatan_dikabulkan") is not None  # done, and open to a granted objection
    stored = json.loads(rt.dumps(wf))
    assert "spec" not in stored  # the spec lives once per process version, not in every case
    assert "subprocess_specs" not in stored


def test_instance_saved_by_version_1_loads_and_runs_to_the_end(tmp_path):
    fixture = json.loads((FIXTURES / "permohonan_informasi.v1.at_registrasi.json").read_text())
    workflows = tmp_path / "workflows"
    workflows.mkdir()
    shutil.copy(FIXTURES / "permohonan_informasi.v1.bpmn", workflows / "permohonan_informasi.bpmn")
    rt, session = _runtime(tmp_path, workflows)
    version = rt.latest_version_id(session, "permohonan_informasi")
    wf = rt.loads(session, version, json.dumps(fixture["state"]))
    assert [t.task_spec.bpmn_id for t in wf.get_tasks(state=TaskState.READY, manual=True)] == fixture["ready"]
    for name in GRANT_PATH[GRANT_PATH.index(fixture["ready"][0]) :]:
        _run(rt, wf, name)
    assert wf.is_completed()


def test_a_changed_bpmn_file_is_a_new_version_and_running_cases_keep_theirs(tmp_path):
    workflows = tmp_path / "workflows"
    workflows.mkdir()
    source = load_settings({}).workflows_dir / "permohonan_informasi.bpmn"
    shutil.copy(source, workflows / "permohonan_informasi.bpmn")
    rt, session = _runtime(tmp_path, workflows)
    first = rt.latest_version_id(session, "permohonan_informasi")
    assert rt.deploy(session)["permohonan_informasi"].id == first  # same content, same version
    text = source.read_text().replace('name="Proses permohonan"', 'name="Proses permohonan (v2)"')
    (workflows / "permohonan_informasi.bpmn").write_text(text)
    second = rt.deploy(session)["permohonan_informasi"].id
    assert second != first

    def title(version):
        return (
            rt.spec(session, version).subprocess_specs["tahap_pemberitahuan"].task_specs["proses_permohonan"].bpmn_name
        )

    assert title(first) == "Proses permohonan"
    assert title(second) == "Proses permohonan (v2)"


def test_invalid_bpmn_is_refused_at_deploy(tmp_path):
    workflows = tmp_path / "workflows"
    workflows.mkdir()
    (workflows / "rusak.bpmn").write_text("<bpmn:definitions>not bpmn")
    rt, session = _runtime(tmp_path, workflows)
    with pytest.raises(Exception, match="."):  # noqa: B017 - the parser's own validation error
        rt.deploy(session)


def test_a_refusal_saved_before_the_heads_determination_existed_continues_on_its_own_version(tmp_path):
    """A case waiting at the consequence test on version 2 (no determination task) goes straight to the notice."""
    fixture = json.loads((FIXTURES / "permohonan_informasi.v2.at_uji_konsekuensi.json").read_text())
    workflows = tmp_path / "workflows"
    workflows.mkdir()
    shutil.copy(FIXTURES / "permohonan_informasi.v2.bpmn", workflows / "permohonan_informasi.bpmn")
    rt, session = _runtime(tmp_path, workflows)
    version = rt.latest_version_id(session, "permohonan_informasi")
    wf = rt.loads(session, version, json.dumps(fixture["state"]))
    assert [t.task_spec.bpmn_id for t in wf.get_tasks(state=TaskState.READY, manual=True)] == ["uji_konsekuensi"]
    _run(rt, wf, "uji_konsekuensi")
    ready = [t.task_spec.bpmn_id for t in wf.get_tasks(state=TaskState.READY, manual=True)]
    assert ready == ["pemberitahuan_tertulis"]
