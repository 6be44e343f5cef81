"""An anonymous complaint whose reporter never sends the evidence asked for is not actionable, not deemed withdrawn.

legal-process.md §7.3 product rule 4: anonymous complaints are accepted and recorded; if they cannot be clarified
(no contact, no 4W1H) they close as TIDAK_DAPAT_DITINDAKLANJUTI and are kept as bahan informasi for audit planning
(the Inspectorate General's practice, [V2] S25; §7.4 row 3). "Deemed withdrawn" (UU 25/2009 Pasal 45, §7.4 row 1) is
the named complainant's. §7.4's last row lets evidence that arrives later reopen either closing.

workflows/pengaduan.bpmn version 4 chooses the closing by the reporter's mode at the step that marks the lapse
(tandai_tutup_tanpa_bukti); a case keeps the version it started on, so an anonymous complaint started on version 3
(tests/workflows/fixtures/pengaduan.v3.bpmn) is still deemed withdrawn, and engine.evidence_lapse, which every page,
letter and mail asks, says so of it. The anonymous path runs on PostgreSQL too: it stores a new stage, whose name
must fit the case's status column (a 45-character one failed there once).
"""

import dataclasses
import shutil
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine import evidence_lapse, facts, instructions, status
from engine.models import Case, CaseFacts, HumanTask
from engine.runtime import Runtime
from tests.conftest import sqlite_only
from tests.helpers import SAMPLE_PNG
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import (
    ARSIP,
    CATAT,
    FIXTURES,
    KE_UNIT,
    LAYAK,
    NOTICE,
    QUESTION,
    RECEIVED,
    TANGGAPAN_UNIT,
    clarification,
    clock_today,
)

NOT_ACTIONABLE = status.ANONYMOUS_NOT_ACTIONABLE
NOT_ACTIONABLE_ARCHIVED = status.ANONYMOUS_NOT_ACTIONABLE_ARCHIVED


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def asked(office, mode):
    """A complaint (of ``mode``) whose reporter the team asked for evidence: (ticket, code)."""
    ticket, code = office.complaint(mode)
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", clarification("perlu_bukti_pelapor"))
    office.complete(ticket, "minta_bukti", {"pertanyaan": QUESTION})
    return ticket, code


def lapsed(office, clock, mode):
    """A complaint (of ``mode``) asked for evidence that never came, the lapse confirmed: (ticket, code)."""
    ticket, code = asked(office, mode)
    clock.move_to(office.deadline(ticket, "BUKTI").due_at + timedelta(hours=17))  # the next morning
    office.message(ticket, "bukti_tidak_dikirim", {"tanggal": clock_today()}, "tim")
    return ticket, code


def told(office, ticket, name):
    with office.sessions() as s:
        task = s.scalar(select(HumanTask).join(Case).where(Case.ticket == ticket, HumanTask.bpmn_id == name))
        return instructions.for_task(s, office.rt, task)


def consequence(office, ticket):
    with office.sessions() as s:
        return evidence_lapse.consequence(s, s.scalar(select(Case).where(Case.ticket == ticket)), office.rt)


def counted(office, ticket):
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        facts.refresh(s, office.rt, case)
        row = s.get(CaseFacts, case.id)
        return row.result, row.not_actionable


def version_3(settings, session_factory_, tmp_path):
    """An office still running pengaduan version 3 (the fixture), on the same database."""
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(FIXTURES / "pengaduan.v3.bpmn", workflows / "pengaduan.bpmn")
    return Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))


def test_an_anonymous_complaint_without_the_evidence_closes_not_actionable_kept_as_information_and_reopens(
    office, clock
):
    ticket, code = asked(office, "anonim")
    assert consequence(office, ticket) == evidence_lapse.NOT_ACTIONABLE  # told before it happens
    clock.move_to(office.deadline(ticket, "BUKTI").due_at + timedelta(hours=17))
    office.message(ticket, "bukti_tidak_dikirim", {"tanggal": clock_today()}, "tim")
    case = office.case(ticket)
    assert (case.status, case.closed_at is not None, case.overdue) == (NOT_ACTIONABLE, True, False)
    assert status.label(case.status) == "Tidak Dapat Ditindaklanjuti"
    assert "bahan informasi" in status.next_step(case.status)
    assert office.open_tasks(ticket) == ["arsip_dicabut"]
    words = told(office, ticket, "arsip_dicabut")
    assert "tidak dapat ditindaklanjuti" in words["id"]
    assert "bahan informasi" in words["id"]
    assert "dianggap dicabut" not in words["id"].lower()
    assert "not actionable" in words["en"]
    assert "deemed withdrawn" not in words["en"]
    # counted as not actionable for want of evidence, apart from the verification's own (engine.facts)
    assert counted(office, ticket) == ("tidak_dapat_ditindaklanjuti", "tanpa_bukti_anonim")

    office.complete(ticket, "arsip_dicabut", ARSIP)
    case = office.case(ticket)
    assert (case.status, case.closed_at is not None) == (NOT_ACTIONABLE_ARCHIVED, True)
    assert status.label(case.status) == "Tidak Dapat Ditindaklanjuti, Diarsipkan"

    # §7.4: the evidence that comes later still reopens it, archived or not, as a named reporter's.
    office.reporter_reply(ticket, code, "Kuitansi terlampir.", files=[("kuitansi.png", SAMPLE_PNG)])
    case = office.case(ticket)
    assert (case.status, case.closed_at) == ("dibuka_kembali_pengaduan", None)
    assert office.open_tasks(ticket) == ["klarifikasi_setelah_dibuka"]
    office.complete(ticket, "klarifikasi_setelah_dibuka", clarification("tidak_cukup_bukti"))
    office.complete(ticket, "pemberitahuan_hasil", NOTICE)
    office.complete(ticket, "arsip", ARSIP)
    assert office.milestones(ticket)[-6:] == [
        "menunggu_kelengkapan_pelapor",
        NOT_ACTIONABLE,
        NOT_ACTIONABLE_ARCHIVED,
        "dibuka_kembali_pengaduan",
        "pengaduan_selesai",
        "diarsipkan",
    ]
    office.verify()


@sqlite_only
def test_a_named_reporter_s_complaint_without_the_evidence_is_still_deemed_withdrawn(office, clock):
    ticket, _ = asked(office, "rahasia")
    assert consequence(office, ticket) == evidence_lapse.WITHDRAWN
    clock.move_to(office.deadline(ticket, "BUKTI").due_at + timedelta(hours=17))
    office.message(ticket, "bukti_tidak_dikirim", {"tanggal": clock_today()}, "tim")
    assert office.case(ticket).status == "dianggap_dicabut"
    words = told(office, ticket, "arsip_dicabut")
    assert ("dianggap dicabut" in words["id"], "deemed withdrawn" in words["en"]) == (True, True)
    assert "tidak dapat ditindaklanjuti" not in words["id"]
    assert counted(office, ticket) == ("dianggap_dicabut", "dianggap_dicabut")
    office.complete(ticket, "arsip_dicabut", ARSIP)
    assert office.case(ticket).status == "dianggap_dicabut_diarsipkan"


@sqlite_only
def test_an_anonymous_complaint_on_version_3_keeps_its_path_and_is_told_deemed_withdrawn(
    settings, session_factory_, tmp_path, clock
):
    """A case keeps the process version it started on: an anonymous one started on version 3 is deemed withdrawn,
    and engine.evidence_lapse says so before and after (the words every surface takes)."""
    before = version_3(settings, session_factory_, tmp_path)
    old, code = asked(before, "anonim")
    office = Office(session_factory_, Runtime(settings))  # this version deployed
    new, _ = asked(office, "anonim")
    assert (consequence(office, old), consequence(office, new)) == (evidence_lapse.WITHDRAWN, "not_actionable")
    clock.move_to(office.deadline(old, "BUKTI").due_at + timedelta(hours=17))
    office.message(old, "bukti_tidak_dikirim", {"tanggal": clock_today()}, "tim")
    assert office.case(old).status == "dianggap_dicabut"
    assert consequence(office, old) == evidence_lapse.WITHDRAWN
    words = told(office, old, "arsip_dicabut")  # the form is both versions': its words follow the path
    assert "dianggap dicabut" in words["id"]
    assert "deemed withdrawn" in words["en"]
    office.complete(old, "arsip_dicabut", ARSIP)
    assert office.case(old).status == "dianggap_dicabut_diarsipkan"
    office.reporter_reply(old, code, "Kuitansi terlampir.")
    assert office.case(old).status == "dibuka_kembali_pengaduan"
    office.verify()


def test_every_stage_of_the_anonymous_closing_is_a_stage_the_evidence_still_reopens():
    # (their names fit the case's status column: tests/unit/test_status_names_fit_their_column.py)
    assert set(status.STATUSES) & status.REOPENABLE >= status.ANONYMOUS_CLOSINGS
