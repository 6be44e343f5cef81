"""An office at engine level (no HTTP): operations on a real database, one transaction per step.

Every step loads the case's instance from the database and saves it back, so each scenario
round-trips the workflow through serialization between steps (STYLE.md rule 9).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

import pytest
from sqlalchemy import select

from engine import casework, clock, complaint_rules, complaints, inbox, intake, queries, reported_party
from engine.audit import verify_all
from engine.files import FileStore, Upload
from engine.models import Case, Deadline, HumanTask, User
from engine.runtime import Runtime
from tests.conftest import complaint_payload, request_payload
from tests.helpers import DELIVERED, DELIVERY_TASKS, STEP, WHO, dated, default_data
from tests.workflows.drawn_lanes import human_task_lanes


@dataclass
class Office:
    sessions: object
    rt: Runtime
    decisions: dict = field(default_factory=dict)  # ticket -> the decision recorded through this office

    def submit(self, received_at: datetime | None = None, channel: str | None = None, **payload):
        with self.sessions.begin() as s:
            user = self.user(s, "petugas") if received_at else None
            sub = intake.submit_request(
                s, self.rt, request_payload(**payload), user=user, channel=channel, received_at=received_at
            )
            return sub.case.ticket

    def objection(self, request_ticket, grounds=("a",), received_at=None, **payload):
        """The requester objects online (or, with ``received_at``, the front desk records a paper form)."""
        with self.sessions.begin() as s:
            request = s.scalar(select(Case).where(Case.ticket == request_ticket))
            user = self.user(s, "petugas") if received_at else None
            data = {"alasan": list(grounds), "kasus_posisi": "Permohonan saya tidak dijawab sebagaimana mestinya"}
            case = intake.file_objection(s, self.rt, {**data, **payload}, request, user=user, received_at=received_at)
            return case.ticket

    def dispute(self, parent_ticket, grounds=None, **overrides):
        """An officer records the Komisi Informasi's summons against an objection (or a request)."""
        payload = {
            "perkara": parent_ticket,
            "ki": "Komisi Informasi Pusat",
            "nomor_register": "001/REG-PSI/I/2027",
            # Filed with the Commission before its summons is recorded (engine.intake.record_dispute): 4 Jan 2027,
            # or today when the test's clock is earlier.
            "diajukan_ke_ki": min(
                date(2027, 1, 4), clock.now().astimezone(self.rt.calendars["strict"].tz).date()
            ).isoformat(),
            "sidang_pertama": "2027-01-20T09:00:00+07:00",
        }
        if grounds is not None:
            payload["alasan"] = list(grounds)
        payload.update(overrides)
        with self.sessions.begin() as s:
            return intake.record_dispute(s, self.rt, self.user(s, "ppid"), payload).ticket

    def message(self, ticket, name, payload, username="ppid"):
        """A Komisi Informasi or court event recorded by an officer."""
        with self.sessions.begin() as s:
            case = s.scalar(select(Case).where(Case.ticket == ticket))
            casework.send_case_message(s, self.rt, self.user(s, username), case, name, payload)

    def complaint(self, mode="rahasia", channel=None, received_at=None, **payload):
        """A complaint filed online (or, with ``channel``/``received_at``, recorded by the team): (ticket, code)."""
        with self.sessions.begin() as s:
            user = self.user(s, "tim") if channel or received_at else None
            sub = complaints.submit_complaint(
                s, self.rt, complaint_payload(mode, **payload), user=user, channel=channel, received_at=received_at
            )
            return sub.case.ticket, sub.access_code

    def reporter_reply(self, ticket, code, text="Bukti terlampir", files=()):
        """The reporter answers with ticket + access code, attaching (name, bytes) files."""
        with self.sessions.begin() as s:
            case = casework.find_by_code(s, ticket, code)
            store = FileStore(self.rt.settings.files_dir, self.rt.vault)
            uploads = [Upload(name, data) for name, data in files]
            return complaints.reporter_message(s, self.rt, store, case, text, uploads).id

    @staticmethod
    def user(s, name):
        return s.scalar(select(User).where(User.username == name))

    def complete(self, ticket, name, data=None, step=None, files=None):
        """Complete the open task ``name``; ``files``: {field: [(name, bytes)]} sent with it (a default delivery
        sends ``DELIVERED``: engine.delivery.require_files)."""
        with self.sessions.begin() as s:
            task = self._open(s, ticket, name)
            if data is None:  # the default form data, its dispatch dates on the case's day of receipt
                received_on = task.case.received_at.astimezone(self.rt.calendars["strict"].tz).date().isoformat()
                data = dated(STEP[step] if step else default_data(name, self.decisions, ticket), received_on)
                if name in DELIVERY_TASKS and files is None:
                    files = {"berkas_informasi": [("informasi.pdf", DELIVERED)]}
            uploads = {field: [Upload(n, content) for n, content in items] for field, items in (files or {}).items()}
            if name == complaint_rules.OUTCOME and not reported_party.said(task.case):
                # the outcome waits until the team says who was reported: a test that records no one says none is
                # identified (tests/api/test_complaint_outcome_names_no_one.py proves the rule)
                none = {"terlapor": [], reported_party.NONE: True}
                reported_party.record(s, self.rt, self.user(s, "tim"), task.case, none)
            inbox.complete_task(s, self.rt, self.user(s, WHO[self._drawn_lane(task)]), task.id, data, uploads)
        if name == "putuskan":
            self.decisions[ticket] = data["keputusan"]

    def _drawn_lane(self, task) -> str:
        """The lane the diagram draws the task in (its process's file as this office deploys it), which the task
        must have: its officer completes it, as an officer of that group would in the inbox. A task no longer in
        the file (a case on an earlier version) is completed by its own lane's officer."""
        drawn = human_task_lanes(self.rt.settings.workflows_dir / f"{task.process_id}.bpmn")
        if task.bpmn_id not in drawn:
            return task.lane
        assert task.lane == drawn[task.bpmn_id], (
            f"{task.bpmn_id} is drawn in the lane {drawn[task.bpmn_id]!r} but {task.lane!r} would work it"
        )
        return drawn[task.bpmn_id]

    def _open(self, s, ticket, name):
        task = s.scalar(
            select(HumanTask)
            .join(Case)
            .where(Case.ticket == ticket, HumanTask.bpmn_id == name, HumanTask.state == "open")
        )
        assert task is not None, f"{name} not open on {ticket}; open: {self.open_tasks(ticket)}"
        return task

    def open_tasks(self, ticket) -> list[str]:
        with self.sessions() as s:
            return sorted(
                s.scalars(select(HumanTask.bpmn_id).join(Case).where(Case.ticket == ticket, HumanTask.state == "open"))
            )

    def run(self, ticket):
        """What the timer job does: run the case's due timers."""
        with self.sessions.begin() as s:
            casework.run_case(s, self.rt, s.scalar(select(Case).where(Case.ticket == ticket)))

    def case(self, ticket) -> Case:
        with self.sessions() as s:
            return s.scalar(select(Case).where(Case.ticket == ticket))

    def deadlines(self, ticket) -> dict[str, str]:
        with self.sessions() as s:
            rows = s.scalars(select(Deadline).join(Case).where(Case.ticket == ticket).order_by(Deadline.id))
            return {d.name: d.status for d in rows}

    def deadline(self, ticket, name) -> Deadline:
        with self.sessions() as s:
            return s.scalar(select(Deadline).join(Case).where(Case.ticket == ticket, Deadline.name == name))

    def milestones(self, ticket) -> list[str]:
        with self.sessions() as s:
            case = s.scalar(select(Case).where(Case.ticket == ticket))
            return [m["name"] for m in queries.public_status(s, case)["milestones"]]

    def verify(self):
        with self.sessions() as s:
            assert verify_all(s) == []


@pytest.fixture
def office(settings, session_factory_):
    """The office of the test's database (tests/conftest.py): its STAFF officers are already there."""
    return Office(session_factory_, Runtime(settings))
