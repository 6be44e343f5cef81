"""The respondent's preparation before the first hearing (legal-process.md §5.3, design advice): the PPID's superior
issues the special power of attorney, then the PPID prepares the file, both by PERSIAPAN, the office's internal
limit: the close of the last working day before the first hearing the summons gives.

- One limit bounds the preparation as a whole (one boundary on the subprocess around both tasks): a power of
  attorney issued after it lapsed opens the file already late; the limit lapses once and is told once.
- The power of attorney is the superior's to issue, though the preparation stands in the PPID's lane (tests/
  workflows/test_lanes.py; engine.lanes).
- The office's own limit ends on the earliest reading (§2.2), as its other deadlines do (P14, K14, LAKSANA: strict,
  counted forward): counted back from the hearing, the earliest "working day before" is one that is no cuti bersama.
- A dispute started on the version of two boundaries (one on each task) keeps its version (engine.runtime.deploy).
"""

import dataclasses
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from engine import clock as office_clock
from engine import inbox, notices
from engine.errors import Forbidden
from engine.models import Case, CaseEvent, Deadline, HumanTask, Notification, Reminder
from engine.runtime import Runtime
from tests.conftest import sqlite_only
from tests.workflows.conftest import Office
from tests.workflows.test_sengketa_paths import BERKAS, SURAT_KUASA, WIB, _dispute, clock, wib  # noqa: F401 - fixture

FIXTURES = Path(__file__).parent / "fixtures"


def _persiapan(office, ticket) -> list[Deadline]:
    with office.sessions() as s:
        return s.scalars(
            select(Deadline).join(Case).where(Case.ticket == ticket, Deadline.name == "PERSIAPAN").order_by(Deadline.id)
        ).all()


def _events(office, ticket, kind) -> list[dict]:
    with office.sessions() as s:
        rows = s.scalars(select(CaseEvent).join(Case).where(Case.ticket == ticket, CaseEvent.type == kind))
        return [e.data for e in rows if e.data.get("deadline") == "PERSIAPAN"]


def _send_due_reminders(office) -> None:
    """What the reminder job does with every reminder due now (notifications.jobs.send_reminder)."""
    with office.sessions.begin() as s:
        due = s.scalars(select(Reminder).where(Reminder.status == "pending", Reminder.fire_at <= office_clock.now()))
        for reminder in due.all():
            reminder.status, reminder.sent_at = "sent", office_clock.now()
            notices.remind(s, office.rt, reminder)


def _told(office, ticket, event) -> list[int]:
    """Who was told ``event`` of PERSIAPAN, once per message."""
    with office.sessions() as s:
        rows = s.scalars(select(Notification).join(Case).where(Case.ticket == ticket, Notification.event == event))
        return sorted(n.recipient_user_id for n in rows if n.context.get("deadline") == "PERSIAPAN")


def _id(office, username) -> int:
    with office.sessions() as s:
        return office.user(s, username).id


def _late_power_of_attorney(office, clock):  # noqa: F811 - the clock fixture
    """The summons Wed 13 Jan 2027, the first hearing Wed 20 Jan: PERSIAPAN ends Tue 19 Jan, 16:00 WIB. The reminders
    go out as they fall due; on Wed 20 Jan the power of attorney is still not issued, and is issued then."""
    ticket = _dispute(office)
    for day in ("2027-01-15", "2027-01-18", "2027-01-19"):  # T-2, T-1, T0 (08:00 WIB)
        clock.move_to(wib(day, 9))
        _send_due_reminders(office)
    clock.move_to(wib("2027-01-20", 8))
    office.run(ticket)
    assert [d.status for d in _persiapan(office, ticket)] == ["missed"]
    office.complete(ticket, "surat_kuasa", {**SURAT_KUASA, "tanggal": "2027-01-20"})
    office.run(ticket)
    _send_due_reminders(office)
    return ticket


def test_a_power_of_attorney_issued_after_the_limit_lapses_it_once_and_is_told_once(office, clock):  # noqa: F811
    ticket = _late_power_of_attorney(office, clock)
    [limit] = _persiapan(office, ticket)
    assert (limit.status, limit.due_at) == ("missed", datetime(2027, 1, 19, 16, 0, tzinfo=WIB))
    assert len(_events(office, ticket, "deadline_started")) == 1
    assert len(_events(office, ticket, "deadline_missed")) == 1
    # One overdue message, to the group whose task was late (the superior's: the power of attorney), none when
    # the file opens.
    assert _told(office, ticket, "deadline_overdue") == [_id(office, "atasan")]
    with office.sessions() as s:
        # The superior hears of it at T0, once: the policy names them at T0, and no second limit plans it again.
        to_superior = s.scalar(
            select(func.count())
            .select_from(Reminder)
            .join(Case)
            .where(Case.ticket == ticket, Reminder.kind == "T0", Reminder.audience.contains("superior"))
        )
        planned = s.scalars(select(Reminder.kind).join(Case).where(Case.ticket == ticket).order_by(Reminder.id)).all()
    assert (to_superior, planned) == (1, ["T-2", "T-1", "T0"])  # the one limit's points, planned once
    assert _told(office, ticket, "deadline_reminder") == [_id(office, "atasan")] * 3  # each point told once
    # The file opens already late, on the limit it missed, and is done without another lapse.
    assert office.open_tasks(ticket) == ["siapkan_berkas"]
    with office.sessions() as s:
        due = s.scalar(select(HumanTask.due_at).join(Case).where(Case.ticket == ticket, HumanTask.state == "open"))
    assert due == limit.due_at
    office.complete(ticket, "siapkan_berkas", BERKAS)
    assert [d.status for d in _persiapan(office, ticket)] == ["missed"]
    office.verify()


# Who may complete the task: Python (engine.access, engine.lanes).
@sqlite_only
def test_the_power_of_attorney_is_the_superiors_to_issue_inside_the_preparation(office, clock):  # noqa: F811
    ticket = _dispute(office)
    with office.sessions() as s:
        task = s.scalar(select(HumanTask).join(Case).where(Case.ticket == ticket, HumanTask.bpmn_id == "surat_kuasa"))
    assert task.lane == "atasan_ppid"
    with pytest.raises(Forbidden), office.sessions.begin() as s:  # not the PPID, in whose lane the preparation is
        inbox.complete_task(s, office.rt, office.user(s, "ppid"), task.id, SURAT_KUASA)
    office.complete(ticket, "surat_kuasa", SURAT_KUASA)  # the superior
    assert office.open_tasks(ticket) == ["siapkan_berkas"]


# The limit is counted in Python (engine.calendar); its round trip and its reminders' rows are the first test's.
@sqlite_only
@pytest.mark.parametrize(
    ("hearing", "due"),
    [
        # Mon 8 Feb 2027: Fri 5 Feb is cuti bersama (Tahun Baru Imlek), a working day on the strict calendar only.
        ("2027-02-08T09:00:00+07:00", datetime(2027, 2, 4, 16, 0, tzinfo=WIB)),
        # Tue 16 Mar 2027: Mon 15, Fri 12 and Tue 9 Mar are cuti bersama (Idul Fitri, Wed 10-Thu 11), Mon 8 is
        # Nyepi: the strict reading would be Mon 15 Mar, a week later.
        ("2027-03-16T09:00:00+07:00", datetime(2027, 3, 5, 16, 0, tzinfo=WIB)),
        # Wed 20 Jan 2027, no day off before it: the Tuesday, as before.
        ("2027-01-20T09:00:00+07:00", datetime(2027, 1, 19, 16, 0, tzinfo=WIB)),
    ],
    ids=["imlek", "idul_fitri", "no_day_off"],
)
def test_the_preparation_is_due_the_working_day_before_the_hearing_on_the_earliest_reading(
    office,
    clock,  # noqa: F811 - the fixture
    hearing,
    due,
):
    """legal-process.md §2.2: the agency's own deadline is counted on the reading that ends earliest. Counted
    forward (P14, LAKSANA) that is the strict calendar, where cuti bersama are working days; the day before a
    hearing is earliest on the lenient one. PERSIAPAN stays the agency's strict clock (its reminders, its words),
    counted from the receipt in strict working days up to that day."""
    ticket = office.dispute(office.objection(office.submit(), ["c"]), sidang_pertama=hearing)
    [limit] = _persiapan(office, ticket)
    assert (limit.calendar, limit.due_at) == ("strict", due)
    assert office.rt.calendars["strict"].add_working_days(limit.start_at, limit.working_days).due_at == due
    assert all(cal.is_working_day(due.date()) for cal in office.rt.calendars.values())


def test_a_dispute_started_on_the_version_of_two_limits_keeps_it(settings, session_factory_, tmp_path, clock):  # noqa: F811
    """A case keeps the process version it started on: a dispute summoned before this version was deployed runs on
    with a limit on each task (a power of attorney issued late lapses PERSIAPAN on each, as it did), its power of
    attorney still the superior's; one summoned after runs on the one limit."""
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(FIXTURES / "sengketa_informasi.v2.bpmn", workflows / "sengketa_informasi.bpmn")
    before = Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))
    old = _dispute(before)
    office = Office(session_factory_, Runtime(settings))  # the new version deployed
    new = _dispute(office)
    with office.sessions() as s:
        versions = {t: s.scalar(select(Case.process_version_id).where(Case.ticket == t)) for t in (old, new)}
    assert versions[old] != versions[new]
    clock.move_to(wib("2027-01-20", 8))
    for ticket in (old, new):
        office.run(ticket)
        office.complete(ticket, "surat_kuasa", {**SURAT_KUASA, "tanggal": "2027-01-20"})  # by the superior
        office.run(ticket)
        assert office.open_tasks(ticket) == ["siapkan_berkas"]
    assert [d.status for d in _persiapan(office, old)] == ["missed", "missed"]
    assert [d.status for d in _persiapan(office, new)] == ["missed"]
    for ticket in (old, new):
        office.complete(ticket, "siapkan_berkas", BERKAS)
        office.message(ticket, "pemeriksaan_awal", {"tanggal": "2027-01-20", "hasil": "dilanjutkan", "mediasi": False})
        assert office.open_tasks(ticket) == ["bukti_ajudikasi"]
    office.verify()
