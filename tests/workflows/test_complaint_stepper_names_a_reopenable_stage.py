"""A complaint closed because the evidence asked for never came is not completed: the evidence still reopens it
(legal-process.md §7.4). The portal's stepper showed "Selesai" (Completed) as the step a deemed-withdrawn complaint
stands at; it names the stage the complaint is at. A complaint closed for good still reads "Selesai".

An anonymous complaint closes as "Tidak Dapat Ditindaklanjuti" instead (§7.3 rule 4; pengaduan version 4, every
surface told first: tests/workflows/test_anonymous_complaint_without_evidence_not_actionable.py), and its step names
that stage.
"""

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from api.web.portal.paths import legal_path
from engine import queries
from engine.models import Case
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: statuses and facts of known kinds
from tests.workflows.test_pengaduan_paths import (
    CATAT,
    KE_UNIT,
    LAYAK,
    QUESTION,
    RECEIVED,
    TANGGAPAN_UNIT,
    clarification,
    clock_today,
)


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
