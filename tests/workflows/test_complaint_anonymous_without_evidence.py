"""An anonymous complaint whose reporter never sends the evidence asked for is not actionable, not deemed withdrawn.

legal-process.md §7.3 rule 4: anonymous complaints are accepted and recorded; if they cannot be clarified (no contact,
no 4W1H) they close as TIDAK_DAPAT_DITINDAKLANJUTI and are kept as bahan informasi for audit planning (Itjen practice
[V2] S25; §7.4 row 3: "reporter and/or reported party unclear and cannot be confirmed: not followed up"). "Deemed
withdrawn" (UU 25/2009 Pasal 45, §7.4 row 1) is the named complainant's: one who left the file incomplete. §7.4's last
row closes a complaint whose evidence never came as DICABUT_DIANGGAP or TIDAK_DAPAT_DITINDAKLANJUTI and lets evidence
that arrives later reopen it: both reopen (workflows/pengaduan.bpmn version 4: the step that marks the lapse chooses
the outcome by the reporter's mode). A case on version 3 keeps its path: deemed withdrawn, anonymous or not.

The portal's stepper showed "Selesai" (Completed) as the step a deemed-withdrawn complaint stands at: a complaint the
evidence still reopens has not been completed; the step names the stage it is at.
"""

import dataclasses
import shutil
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from api.web.portal.paths import legal_path
from engine import facts, instructions, queries, status
from engine.models import Case, CaseFacts, HumanTask
from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: statuses and facts of known kinds
from tests.helpers import SAMPLE_PNG
from tests.workflows.conftest import Office
from tests.workflows.test_letters import by_kind, letters, render_pending, text_of
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

NOT_ACTIONABLE = "anonim_tidak_ditindaklanjuti"
NOT_ACTIONABLE_ARCHIVED = "anonim_tidak_ditindaklanjuti_diarsipkan"


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _lapsed(office, clock, mode):
    """A complaint (of ``mode``) asked for evidence that never came, the lapse confirmed: (ticket, code)."""
    ticket, code = office.complaint(mode)
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", clarification("perlu_bukti_pelapor"))
    office.complete(ticket, "minta_bukti", {"pertanyaan": QUESTION})
    clock.move_to(office.deadline(ticket, "BUKTI").due_at + timedelta(hours=17))  # the next morning
    office.message(ticket, "bukti_tidak_dikirim", {"tanggal": clock_today()}, "tim")
    return ticket, code


def _instructions(office, ticket, name):
    with office.sessions() as s:
        task = s.scalar(select(HumanTask).join(Case).where(Case.ticket == ticket, HumanTask.bpmn_id == name))
        return instructions.for_task(s, office.rt, task)


def _facts(office, ticket):
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        facts.refresh(s, office.rt, case)
        row = s.get(CaseFacts, case.id)
        return row.result, row.not_actionable


def test_an_anonymous_complaint_without_the_evidence_is_not_actionable_kept_as_information_and_reopened_by_it(
    office, clock
):
    ticket, code = _lapsed(office, clock, "anonim")
    case = office.case(ticket)
    assert (case.status, case.closed_at is not None, case.overdue) == (NOT_ACTIONABLE, True, False)
    assert status.label(case.status) == "Tidak Dapat Ditindaklanjuti"
    assert status.label(case.status, "en") == "Not Actionable"
    assert "bahan informasi" in status.next_step(case.status)
    assert office.open_tasks(ticket) == ["arsip_dicabut"]
    told = _instructions(office, ticket, "arsip_dicabut")
    assert "tidak dapat ditindaklanjuti" in told["id"]
    assert "bahan informasi" in told["id"]
    assert "dianggap dicabut" not in told["id"].lower()
    assert "not actionable" in told["en"]
    assert "deemed withdrawn" not in told["en"]
    assert _facts(office, ticket) == ("tidak_dapat_ditindaklanjuti", "tanpa_bukti_anonim")

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


@pytest.mark.parametrize("mode", ["rahasia", "whistleblower"])
def test_a_named_reporter_s_complaint_without_the_evidence_is_still_deemed_withdrawn(office, clock, mode):
    ticket, _ = _lapsed(office, clock, mode)
    assert office.case(ticket).status == "dianggap_dicabut"
    told = _instructions(office, ticket, "arsip_dicabut")
    assert ("dianggap dicabut" in told["id"], "deemed withdrawn" in told["en"]) == (True, True)
    assert _facts(office, ticket) == ("dianggap_dicabut", "dianggap_dicabut")
    office.complete(ticket, "arsip_dicabut", ARSIP)
    assert office.case(ticket).status == "dianggap_dicabut_diarsipkan"


def test_an_anonymous_complaint_on_version_3_keeps_its_path_deemed_withdrawn(
    settings, session_factory_, tmp_path, clock
):
    """A case keeps the process version it started on: an anonymous one started on version 3 is deemed withdrawn."""
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(FIXTURES / "pengaduan.v3.bpmn", workflows / "pengaduan.bpmn")
    before = Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))
    old, code = _lapsed(before, clock, "anonim")
    office = Office(session_factory_, Runtime(settings))  # this version deployed
    assert office.case(old).status == "dianggap_dicabut"
    told = _instructions(office, old, "arsip_dicabut")  # the form is both versions': its words follow the path
    assert "deemed withdrawn" in told["en"]
    office.complete(old, "arsip_dicabut", ARSIP)
    assert office.case(old).status == "dianggap_dicabut_diarsipkan"
    office.reporter_reply(old, code, "Kuitansi terlampir.")
    assert office.case(old).status == "dibuka_kembali_pengaduan"
    office.verify()


@pytest.mark.parametrize(
    ("mode", "label"),
    [("rahasia", "Dianggap Dicabut"), ("anonim", "Tidak Dapat Ditindaklanjuti")],
)
def test_the_portal_stepper_names_the_stage_of_a_complaint_the_evidence_still_reopens_not_completed(
    office, clock, mode, label, app
):
    ticket, _ = _lapsed(office, clock, mode)
    with office.sessions() as s, app.test_request_context():
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        view = queries.public_status(s, case)
        path = legal_path(case, view["milestones"], view["status"])
        current = [str(step["label"]) for step in path if step["state"] == "current"]
    assert current == [label]
    assert "Selesai" not in [str(step["label"]) for step in path]


def test_the_portal_stepper_still_says_completed_for_a_complaint_closed_for_good(office, clock, app):
    ticket, _ = office.complaint("anonim")
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(
        ticket,
        "verifikasi",
        {
            "hasil": "tidak_dapat_ditindaklanjuti",
            "jenis_alasan": "pihak_tidak_jelas",
            "alasan": "Terlapor tidak jelas dan tidak dapat dikonfirmasi",
            "alasan_untuk_pelapor": "Pihak yang dilaporkan tidak dapat kami kenali dari laporan ini.",
        },
    )
    with office.sessions() as s, app.test_request_context():
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        view = queries.public_status(s, case)
        path = legal_path(case, view["milestones"], view["status"])
        assert [str(step["label"]) for step in path if step["state"] == "current"] == ["Selesai"]


@pytest.mark.parametrize(
    ("mode", "says", "never"),
    [
        ("anonim", "pengaduan anonim ini tidak dapat ditindaklanjuti dan disimpan sebagai bahan informasi", "dicabut"),
        ("rahasia", "pengaduan dianggap dicabut dan dibuka kembali bila bukti diterima kemudian", "bahan informasi"),
    ],
)
def test_the_evidence_request_letter_tells_an_anonymous_reporter_the_complaint_would_not_be_actionable(
    office, clock, mode, says, never
):
    ticket, _ = office.complaint(mode)
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", clarification("perlu_bukti_pelapor"))
    office.complete(ticket, "minta_bukti", {"pertanyaan": QUESTION})
    render_pending(office)
    flat = " ".join(text_of(office, by_kind(letters(office, ticket))["surat_permintaan_bukti"]).split())
    assert says in flat
    assert never not in flat
