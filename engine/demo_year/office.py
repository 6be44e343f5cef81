"""The office a year is told in: its officers, its clock, the verbs they call, and the plan of each story.

``Office`` works a case as an officer's click would (``inbox.complete_task``, ``casework``); ``travel``
points ``engine.clock`` and SpiffWorkflow's timers at the year's instant.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import casework, clock, complaint_rules, inbox, reported_party
from engine.files import Upload
from engine.models import Case, Deadline, HumanTask, User
from engine.runtime import Runtime
from engine.users import create_user, ensure_unit

OFFICERS = {
    "petugas_layanan": "tahun_petugas",
    "ppid": "tahun_ppid",
    "atasan_ppid": "tahun_atasan",
    "tim_pengaduan": "tahun_tim",
    "pengelola_wbs": "tahun_wbs",
}
UNIT_OFFICER = ("tahun_madrasah", "PENDMAD", "Bidang Pendidikan Madrasah")
OFFICE_UNIT_OFFICER = "tahun_unit"  # the office's own unit pengolah (KANWIL)
ESCALATION = {"tindakan": "PPID diminta segera menyelesaikan"}


@dataclass
class Story:
    """One case as planned: what the reports should count for it (a test's independent expectation)."""

    kind: str
    received_at: datetime
    channel: str
    plan: dict = field(default_factory=dict)
    ticket: str | None = None
    notice_at: datetime | None = None  # the written notice (a request), the response (an objection)
    children: list[Story] = field(default_factory=list)


@contextmanager
def travel(now: Callable[[], datetime]) -> Iterator[None]:
    """Point ``engine.clock`` and SpiffWorkflow's timers at ``now`` for the block."""
    from SpiffWorkflow.bpmn.specs.event_definitions import timer

    class _Now(datetime):
        @classmethod
        def now(cls, tz=None):
            instant = now()
            return instant.astimezone(tz) if tz is not None else instant.replace(tzinfo=None)

    original = timer.datetime
    clock.set_clock(now)
    timer.datetime = _Now
    try:
        yield
    finally:
        timer.datetime = original
        clock.set_clock(None)


class Office:
    """The officers, the session and the clock the stories are told with."""

    def __init__(self, session: Session, rt: Runtime):
        self.session, self.rt = session, rt
        self.cal = rt.calendars["strict"]
        self.now = datetime(2000, 1, 1, tzinfo=self.cal.tz)
        self.users = self._officers()

    def _officers(self) -> dict[str, User]:
        ensure_unit(self.session, *UNIT_OFFICER[1:])
        users = {}
        wanted = {**{name: (group, None) for group, name in OFFICERS.items()}}
        wanted[OFFICE_UNIT_OFFICER] = ("unit_pengolah", None)
        wanted[UNIT_OFFICER[0]] = ("unit_pengolah", UNIT_OFFICER[1])
        for name, (group, unit) in wanted.items():
            user = self.session.scalar(select(User).where(User.username == name))
            if user is None:
                user = create_user(self.session, name, "kawal-demo", [group], name.title(), unit)
            users[group if unit is None else f"{group}:{unit}"] = user
        return users

    def worker(self, task: HumanTask) -> User:
        """Who works ``task``: its lane's officer, of the unit a referred task names."""
        if task.unit_id is not None and task.lane == "unit_pengolah":
            for user in self.users.values():
                if task.lane in user.group_codes and user.unit_id == task.unit_id:
                    return user
        return self.users[task.lane]

    def at(self, received: datetime, days: int, hour: int, minute: int = 0) -> datetime:
        """``days`` working days after ``received`` (its day zero), at ``hour`` office time."""
        day = self.cal.add_working_days(received, days).due_date if days else received.astimezone(self.cal.tz).date()
        return datetime.combine(day, time(hour, minute), tzinfo=self.cal.tz)

    def case(self, ticket: str) -> Case:
        return self.session.scalar(select(Case).where(Case.ticket == ticket))

    def complete(self, ticket: str, name: str, data: dict, uploads: dict[str, list[Upload]] | None = None) -> None:
        """Complete the open task ``name`` of ``ticket`` with ``data`` (and the files of its file fields)."""
        case = self.case(ticket)
        task = self.session.scalar(
            select(HumanTask).where(HumanTask.case_id == case.id, HumanTask.bpmn_id == name, HumanTask.state == "open")
        )
        if task is None:
            open_tasks = [t.bpmn_id for t in case.tasks if t.state == "open"]
            raise RuntimeError(f"{ticket}: {name} is not open (open: {open_tasks}, status {case.status})")
        if name == complaint_rules.OUTCOME and not reported_party.said(case):  # the team says who was reported first
            none = {"terlapor": [], reported_party.NONE: True}  # the demo's stories name no one
            reported_party.record(self.session, self.rt, self.worker(task), case, none)
        inbox.complete_task(self.session, self.rt, self.worker(task), task.id, data, uploads)

    def message(self, ticket: str, name: str, data: dict, group: str = "ppid") -> None:
        """An event from outside recorded by an officer of ``group`` (the catch event's lane)."""
        casework.send_case_message(self.session, self.rt, self.users[group], self.case(ticket), name, data)

    def escalations(self, ticket: str) -> None:
        """The superior answers every escalation a lapse raised on the case."""
        case = self.case(ticket)
        for task in [t for t in case.tasks if t.state == "open" and t.bpmn_id.startswith("eskalasi")]:
            inbox.complete_task(self.session, self.rt, self.worker(task), task.id, ESCALATION)

    def fire_due(self) -> None:
        """What the timer job does: run every open case with a pending deadline that fell due."""
        due = self.session.scalars(
            select(Deadline.case_id)
            .join(Case, Case.id == Deadline.case_id)
            .where(Deadline.status == "pending", Deadline.due_at <= self.now)
            .distinct()
        ).all()
        for case_id in due:
            casework.run_case(self.session, self.rt, self.session.get(Case, case_id))


Step = tuple[datetime, Callable[[], None]]


def weighted(rng: random.Random, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]


def receipt(rng: random.Random, office: Office, year: int, last: date) -> datetime:
    """A working-day instant in office hours of ``year``, no later than ``last``."""
    first = date(year, 1, 2)
    span = (min(last, date(year, 12, 31)) - first).days
    while True:
        day = first + timedelta(days=rng.randrange(max(1, span)))
        if office.cal.is_working_day(day):
            return datetime.combine(day, time(rng.randrange(8, 15), rng.randrange(60)), tzinfo=office.cal.tz)
