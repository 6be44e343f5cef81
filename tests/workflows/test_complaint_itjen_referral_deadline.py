"""The referral of an oversight-relevant complaint to the Inspectorate General has its own deadline (ITJEN).

The classification sends a complaint that is berkadar pengawasan to the Inspectorate General: the team sends a Nota
Dinas and records it (pengaduan.bpmn ``rujukan_itjen``). That task used to be due by the complaint's own clocks alone
(the service standard, 60 working days, cut to the statutory 60 days): a referral never sent reminded nobody for about
40 working days. A referral to a unit gets the unit's own time to answer at once (UNIT, ``klarifikasi_unit_batas``).
Forwarding is done within 3 working days under SP4N-LAPOR! (legal-process.md §7.2 stage 3), and the office's
coordination limits are internal, reminded and escalated (§7.5): the referral is due KAWAL_ITJEN_REFERRAL_DAYS (3)
working days after the classification, strict calendar; it reminds the team, then the WBS managers, and, as an
internal limit (engine.lateness.COORDINATION), it never makes the complaint late. A case on the version before keeps
its process: no such deadline, and its referral runs as it did.
"""

import dataclasses
import shutil
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine import explanation, instructions
from engine.citations import legal_basis
from engine.config import load_settings
from engine.models import Case, HumanTask
from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a deadline row of a known kind
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import (
    FIXTURES,
    KE_ITJEN,
    RECEIVED,
    _due,
    _reminder_states,
    _reminders,
    _send_due_reminders,
    _task,
    _told,
    _utc,
    _verified,
    wib,
)

NOTA = {"nomor_nota_dinas": "ND-12/Kw.13/PS.00/01/2027", "tanggal": "2027-01-11"}
BASIS = "Penerusan ke Inspektorat Jenderal: batas internal (KAWAL_ITJEN_REFERRAL_DAYS hari kerja)"


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _referring(office):
    ticket, _ = _verified(office)
    office.complete(ticket, "klasifikasi", KE_ITJEN)
    return ticket


def test_the_referral_to_the_inspectorate_is_due_three_working_days_after_the_classification(office, clock):
    """Classified on Mon 11 Jan 2027, 10:00 WIB: the Nota Dinas is due Thu 14 Jan, 16:00 WIB, and the referral task
    shows that date, not the complaint's 60 working days."""
    ticket = _referring(office)
    assert office.open_tasks(ticket) == ["rujukan_itjen"]
    itjen = office.deadline(ticket, "ITJEN")
    assert itjen is not None, "the referral to the Inspectorate General runs on no clock of its own"
    assert (itjen.working_days, itjen.public, itjen.kind, itjen.calendar, itjen.legal_basis) == (
        3,
        False,
        "agency",
        "strict",
        BASIS,
    )
    assert itjen.due_at == _due(office, RECEIVED, 3) == wib("2027-01-14", 16)
    assert itjen.provenance["start"] == "klasifikasi_at"
    assert set(_reminders(office, itjen)) == {("T-1", "group"), ("T0", "group,superior"), ("T+1", "superior")}
    assert _utc(_task(office, ticket, "rujukan_itjen").due_at) == _utc(itjen.due_at)
    assert office.deadlines(ticket) == {"V3": "met", "SLA": "pending", "S60": "pending", "ITJEN": "pending"}
    assert _utc(office.case(ticket).due_at) == _utc(office.deadline(ticket, "SLA").due_at)  # the case's own date


def test_recording_the_memo_in_time_meets_the_referral_deadline(office, clock):
    ticket = _referring(office)
    itjen = office.deadline(ticket, "ITJEN")
    office.complete(ticket, "rujukan_itjen", NOTA)
    assert office.open_tasks(ticket) == ["klarifikasi"]
    assert office.deadlines(ticket)["ITJEN"] == "met"
    assert _reminder_states(office, itjen) == {"T-1": "cancelled", "T0": "cancelled", "T+1": "cancelled"}
    office.verify()


def test_a_late_referral_reminds_the_team_then_the_wbs_managers_and_never_makes_the_complaint_late(office, clock):
    ticket = _referring(office)
    itjen = office.deadline(ticket, "ITJEN")
    clock.move_to(itjen.due_at - timedelta(minutes=1))  # T-1 (Wed) and T0 (Thu, at opening) are due
    office.run(ticket)
    _send_due_reminders(office)
    assert {"tim", "wbs"} <= _told(office, ticket, "deadline_reminder")
    clock.move_to(itjen.due_at + timedelta(minutes=1))
    office.run(ticket)
    assert office.deadlines(ticket)["ITJEN"] == "missed"
    case = office.case(ticket)
    assert (case.overdue, case.status, office.open_tasks(ticket)) == (False, "diteruskan_itjen", ["rujukan_itjen"])
    assert _utc(case.due_at) == _utc(office.deadline(ticket, "SLA").due_at)  # the complaint is on schedule
    assert _utc(_task(office, ticket, "rujukan_itjen").due_at) == _utc(itjen.due_at)  # the task shows what it missed
    office.complete(ticket, "rujukan_itjen", NOTA)  # late, but the work goes on
    assert office.open_tasks(ticket) == ["klarifikasi"]
    assert _utc(_task(office, ticket, "klarifikasi").due_at) == _utc(office.deadline(ticket, "SLA").due_at)
    office.verify()


def test_the_office_sets_the_referral_time(settings, session_factory_, clock):
    """The law leaves the number to the office (legal-process.md §7.5: an internal limit), as the unit's time to
    answer (KAWAL_UNIT_RESPONSE_DAYS)."""
    assert load_settings({"KAWAL_ENV": "test"}).itjen_referral_days == 3
    assert load_settings({"KAWAL_ENV": "test", "KAWAL_ITJEN_REFERRAL_DAYS": "5"}).itjen_referral_days == 5
    office = Office(session_factory_, Runtime(dataclasses.replace(settings, itjen_referral_days=5)))
    ticket = _referring(office)
    itjen = office.deadline(ticket, "ITJEN")
    assert (itjen.working_days, itjen.due_at) == (5, _due(office, RECEIVED, 5))


def test_the_referral_deadline_reads_in_both_languages_from_the_classification(office, clock):
    ticket = _referring(office)
    itjen = office.deadline(ticket, "ITJEN")
    assert legal_basis(BASIS, "id") == "Penerusan ke Inspektorat Jenderal: batas internal yang ditetapkan kantor"
    assert legal_basis(BASIS, "en") == "Referral to the Inspectorate General: internal limit set by the office"
    said = {loc: explanation.explain(itjen.provenance, loc, "agency") for loc in ("id", "en")}
    assert "hari ke-0 adalah tanggal pengaduan diklasifikasikan" in said["id"]
    assert "day zero is the date the complaint was classified" in said["en"]
    with office.sessions() as s:
        task = s.get(HumanTask, _task(office, ticket, "rujukan_itjen").id)
        told = instructions.for_task(s, office.rt, task)
    assert "paling lambat 3 hari kerja sejak diklasifikasikan" in told["id"]
    assert "within 3 working days of its classification" in told["en"]


def test_a_complaint_on_the_version_before_keeps_its_referral_without_the_new_deadline(
    settings, session_factory_, tmp_path, clock
):
    """A case keeps the process version it started on (workflows/, ProcessVersion): one classified on version 2
    waits at its referral on the complaint's own clocks, and goes on when the memo is recorded."""
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(FIXTURES / "pengaduan.v2.bpmn", workflows / "pengaduan.bpmn")
    before = Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))
    old = _referring(before)
    office = Office(session_factory_, Runtime(settings))  # this version deployed
    new = _referring(office)
    with office.sessions() as s:
        versions = {t: s.scalar(select(Case.process_version_id).where(Case.ticket == t)) for t in (old, new)}
    assert versions[old] != versions[new]
    assert office.deadlines(old) == {"V3": "met", "SLA": "pending", "S60": "pending"}
    assert "ITJEN" in office.deadlines(new)
    with office.sessions() as s:  # version 2's words name no limit of the memo's own
        task = s.get(HumanTask, _task(office, old, "rujukan_itjen").id)
        assert "hari kerja" not in instructions.for_task(s, office.rt, task)["id"]
    # The form is both versions': a case started before this release holds no rujukan_itjen_hari, and its English
    # names no limit it does not have (nor the placeholder).
    english = office.rt.forms.schema("pengaduan_rujukan_itjen.json")["x-instructions-en"]
    told = instructions.render(english, {"ticket": old})
    assert (told.startswith(f"Complaint {old} is oversight-relevant."), "working days" in told, "{" in told) == (
        True,
        False,
        False,
    )
    for ticket in (old, new):
        office.complete(ticket, "rujukan_itjen", NOTA)
        assert office.open_tasks(ticket) == ["klarifikasi"], ticket
    assert office.deadlines(old) == {"V3": "met", "SLA": "pending", "S60": "pending"}
    office.verify()
