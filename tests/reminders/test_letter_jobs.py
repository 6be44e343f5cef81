"""Letters are made into PDFs after the commit: by a real `kawal worker` through Redis, or by the embedded
clock's sweep without Redis; once each, however often they are scheduled."""

import pytest
from sqlalchemy import select

from engine import inbox
from engine.models import CaseEvent, HumanTask, Letter, User
from notifications import jobs
from notifications.reconcile import reconcile
from tests.conftest import sqlite_only
from tests.helpers import STEP
from tests.reminders.conftest import run_kawal, wait_for
from tests.reminders.test_reminders import rows, submit


def registered(svc) -> int:
    """A request received and registered: its receipt is issued, its PDF still to be made."""
    case_id = submit(svc)
    for name in ("periksa_kelengkapan", "registrasi"):
        with svc.sessions.begin() as s:
            task = s.scalar(select(HumanTask).where(HumanTask.case_id == case_id, HumanTask.bpmn_id == name))
            officer = s.scalar(select(User).where(User.username == "petugas"))
            inbox.complete_task(s, svc.runtime, officer, task.id, STEP[name])
    return case_id


def rendered_events(svc, case_id: int) -> list[CaseEvent]:
    return rows(svc, CaseEvent, CaseEvent.case_id == case_id, CaseEvent.type == "letter_rendered")


def test_a_worker_makes_the_pdf_after_the_commit_and_only_once(services_for, redis_server, workers, env, tmp_path):
    extra = {"KAWAL_REDIS_URL": redis_server.url, "KAWAL_FILES_DIR": str(tmp_path / "files")}
    svc = services_for(**extra)
    workers({**env, **extra}, n=2)
    case_id = registered(svc)
    (letter,) = rows(svc, Letter, Letter.case_id == case_id)
    assert letter.status == "pending"
    jobs.schedule_case(case_id)  # what the boundary does after its commit
    wait_for(lambda: rows(svc, Letter, Letter.id == letter.id)[0].status == "ready", 60, what="the receipt's PDF")
    jobs.schedule_case(case_id)  # scheduled again, and swept again: nothing is made twice
    run_kawal({**env, **extra}, "reconcile")
    (done,) = rows(svc, Letter, Letter.id == letter.id)
    assert len(done.sha256) == 64
    assert done.rendered_at is not None
    assert [e.data["sha256"] for e in rendered_events(svc, case_id)] == [done.sha256]  # one event, its hash


def test_without_redis_the_clocks_sweep_makes_the_pdf(services_for, tmp_path):
    svc = services_for(KAWAL_FILES_DIR=str(tmp_path / "files"))
    case_id = registered(svc)
    report = reconcile(svc)
    assert len(report.letters) == 1
    (letter,) = rows(svc, Letter, Letter.case_id == case_id)
    assert letter.status == "ready"
    assert reconcile(svc).letters == []  # a second sweep finds nothing pending
    (again,) = rows(svc, Letter, Letter.case_id == case_id)
    assert (again.sha256, again.rendered_at) == (letter.sha256, letter.rendered_at)
    assert len(rendered_events(svc, case_id)) == 1


# A failed render counted, its incident and the admin's retry are Python's decisions over the letter's row; the
# letter's claim by concurrent workers and the sweep's query of pending letters run on PostgreSQL in the tests above.
@sqlite_only
def test_a_letter_that_cannot_be_made_fails_opens_an_incident_and_an_admin_retries_it(
    services_for, tmp_path, monkeypatch
):
    from engine.letters import production
    from engine.models import Incident
    from notifications import incidents

    svc = services_for(KAWAL_FILES_DIR=str(tmp_path / "files"))
    case_id = registered(svc)
    (letter,) = rows(svc, Letter, Letter.case_id == case_id)

    def broken(rt, job):
        raise production.render.RenderError("the template of the agency is broken")

    monkeypatch.setattr(production, "produce", broken)
    for _ in range(production.MAX_ATTEMPTS):
        with pytest.raises(production.render.RenderError):
            jobs.render_letter(letter.id)  # each failure is counted; the last one opens the incident
    (failed,) = rows(svc, Letter, Letter.id == letter.id)
    assert failed.status == "failed"  # the case page says it could not be made
    assert "template of the agency is broken" in failed.last_error
    (incident,) = rows(svc, Incident, Incident.subject == f"letter:{letter.id}")
    monkeypatch.undo()
    with svc.sessions.begin() as s:
        incidents.retry(s, incident.id, "admin")
    assert rows(svc, Letter, Letter.id == letter.id)[0].status == "pending"
    assert jobs.render_letter(letter.id) == "ready"


# What is queued is Redis's and RQ's matter over the same pending rows (see the comment above).
@sqlite_only
def test_a_case_scheduled_after_every_commit_queues_each_due_job_once(services_for, redis_server, tmp_path):
    """The boundary schedules a case after each of its commits; while the worker is behind, its letter and
    messages are still pending then. RQ would list a queued job's id again (and run it again) if asked."""
    from redis import Redis
    from rq import Queue

    from notifications.services import QUEUE

    svc = services_for(KAWAL_REDIS_URL=redis_server.url, KAWAL_FILES_DIR=str(tmp_path / "files"))
    case_id = registered(svc)
    for _ in range(3):
        jobs.schedule_case(case_id)
    with Redis.from_url(redis_server.url) as redis:
        queued = Queue(QUEUE, connection=redis).get_job_ids()
    (letter,) = rows(svc, Letter, Letter.case_id == case_id)
    assert queued.count(f"letter-{letter.id}") == 1
    assert len(queued) == len(set(queued))
    assert any(job_id.startswith("notification-") for job_id in queued)
