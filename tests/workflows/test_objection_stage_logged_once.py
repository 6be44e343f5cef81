"""A stage is logged once: after a failed settlement the objection reaches "Menunggu Keputusan Atasan PPID" at once
(UU 14/2008 Pasal 35(2), 36; keberatan.bpmn's ``ms_musyawarah_gagal``), and the PPID's brief that follows
(``ms_menunggu_keputusan``) gives the same stage again: no second "stage reached" in the case's history, the
auditor's export or the requester's progress steps, as on the path without a settlement.

On SQLite alone: which stage is logged is the process's and Python's; the events stored and read back on PostgreSQL are
tests/workflows/test_keberatan_paths.py's.
"""

import pytest
from sqlalchemy import select

from engine.models import Case, CaseEvent
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_keberatan_paths import _decided
from tests.workflows.test_objection_settlement_stage import BRIEF, REGISTERED, _stages, clock  # noqa: F401

SUPERIOR = "menunggu_keputusan_atasan"


@pytest.mark.parametrize("outcome", ["tidak_sepakat", "tidak_bersedia"])
def test_a_failed_settlement_logs_the_superior_s_stage_once(office, clock, outcome):  # noqa: F811
    request = _decided(office, "dikabulkan_sebagian")
    objection = office.objection(request, ["f"])
    office.complete(objection, "registrasi_keberatan", REGISTERED)
    office.complete(objection, "tawarkan_musyawarah", {"hasil": outcome})
    office.complete(objection, "susun_kronologi", BRIEF)
    assert office.open_tasks(objection) == ["putuskan_keberatan"]
    assert _stages(office, objection) == ["keberatan_diterima", "keberatan_terdaftar", "musyawarah", SUPERIOR]
    assert office.milestones(objection).count(SUPERIOR) == 1  # the requester's progress steps
    office.verify()


def test_without_a_settlement_the_stage_is_reached_after_the_brief_as_before(office, clock):  # noqa: F811
    request = _decided(office, "ditolak_dikecualikan")
    objection = office.objection(request, ["a"])  # ground a alone: no settlement (Pasal 35(1) huruf a)
    office.complete(objection, "registrasi_keberatan", REGISTERED)
    assert office.case(objection).status == "keberatan_terdaftar"
    office.complete(objection, "susun_kronologi", BRIEF)
    assert _stages(office, objection) == ["keberatan_diterima", "keberatan_terdaftar", SUPERIOR]
    with office.sessions() as s:
        first = s.scalar(
            select(CaseEvent.seq).join(Case).where(Case.ticket == objection, CaseEvent.type == "status_changed")
        )
    assert first == 2  # a new case's first stage is logged although its row was filed at it
