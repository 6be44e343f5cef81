"""When the amicable settlement of an objection fails, the stage moves on at once (UU 14/2008 Pasal 35(2), 36;
legal-process.md §4.4): the objection goes on to the PPID's superior, who decides it, and the case no longer reads
"Penyelesaian secara Musyawarah" while the PPID writes the brief. An objection started on the previous version of
the process (tests/workflows/fixtures/keberatan.v1.bpmn) runs on as it did.
"""

import dataclasses
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from engine.models import Case, CaseEvent
from engine.runtime import Runtime
from tests.conftest import sqlite_only
from tests.workflows.conftest import Office
from tests.workflows.test_keberatan_paths import _decided

FIXTURES = Path(__file__).parent / "fixtures"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
REGISTERED = {"cara_kirim_tanda_terima": "langsung"}
BRIEF = {"kronologi": "Permohonan dijawab 2 Des 2026", "pertimbangan_ppid": "Biaya sesuai standar"}


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _stages(office, ticket) -> list[str]:
    with office.sessions() as s:
        return [
            data["status"]
            for data in s.scalars(
                select(CaseEvent.data)
                .join(Case)
                .where(Case.ticket == ticket, CaseEvent.type == "status_changed")
                .order_by(CaseEvent.seq)
            )
        ]


# The stage the process gives: the process's and Python's; the old version's round trip below runs on PostgreSQL.
@sqlite_only
@pytest.mark.parametrize("outcome", ["tidak_sepakat", "tidak_bersedia"])
def test_a_failed_settlement_moves_the_objection_on_to_the_superior_at_once(office, clock, outcome):
    request = _decided(office, "dikabulkan_sebagian")
    objection = office.objection(request, ["f"])
    office.complete(objection, "registrasi_keberatan", REGISTERED)
    assert office.case(objection).status == "musyawarah"
    office.complete(objection, "tawarkan_musyawarah", {"hasil": outcome})
    assert office.open_tasks(objection) == ["susun_kronologi"]  # the PPID still writes the brief
    assert office.case(objection).status == "menunggu_keputusan_atasan"
    office.complete(objection, "susun_kronologi", BRIEF)
    assert office.open_tasks(objection) == ["putuskan_keberatan"]
    assert office.case(objection).status == "menunggu_keputusan_atasan"
    office.verify()


def test_an_objection_started_on_the_previous_version_keeps_its_stage_until_the_brief(
    settings, session_factory_, office, clock, tmp_path
):
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(FIXTURES / "keberatan.v1.bpmn", workflows / "keberatan.bpmn")
    before = Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))
    request = _decided(before, "dikabulkan_sebagian")
    old = before.objection(request, ["f"])
    before.complete(old, "registrasi_keberatan", REGISTERED)
    office.complete(old, "tawarkan_musyawarah", {"hasil": "tidak_sepakat"})  # deployed now: runs on its version
    assert office.case(old).status == "musyawarah"
    office.complete(old, "susun_kronologi", BRIEF)
    assert office.case(old).status == "menunggu_keputusan_atasan"
    assert _stages(office, old)[-2:] == ["musyawarah", "menunggu_keputusan_atasan"]
    with office.sessions() as s:
        new = office.objection(_decided(office, "dikabulkan_sebagian"), ["f"])
        versions = {t: s.scalar(select(Case.process_version_id).where(Case.ticket == t)) for t in (old, new)}
    assert versions[old] != versions[new]
    office.verify()
