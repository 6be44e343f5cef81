"""A message that keeps failing becomes an incident an administrator sees and can retry."""

from sqlalchemy import select

from engine.models import Incident, Notification
from notifications import delivery
from notifications.channels import ChannelError
from tests.conftest import sqlite_only
from tests.reminders.conftest import free_port
from tests.reminders.test_reminders import submit


def test_a_message_failing_five_times_becomes_an_incident_that_an_admin_retries(services_for, client, login):
    svc = services_for(KAWAL_SMTP_PORT=str(free_port()))  # nothing listens there: every send fails
    case_id = submit(svc)
    with svc.sessions() as s:
        row_id = s.scalar(select(Notification.id).where(Notification.case_id == case_id).order_by(Notification.id))
    outcomes = []
    for _ in range(delivery.MAX_ATTEMPTS):
        with svc.sessions() as s:
            try:
                outcomes.append(delivery.deliver(s, svc.runtime, svc.channels, row_id))
            except ChannelError:
                outcomes.append("retry")
    assert outcomes == ["retry"] * delivery.MAX_ATTEMPTS
    with svc.sessions() as s:
        row = s.get(Notification, row_id)
        assert (row.status, row.attempts) == ("incident", delivery.MAX_ATTEMPTS)
        assert "@" not in row.last_error  # no address in the error text
        incident = s.scalar(select(Incident).where(Incident.subject == f"notification:{row_id}"))
        assert incident is not None

    assert client.get("/api/v1/incidents", headers=login("ppid")).status_code == 403
    listed = client.get("/api/v1/incidents", headers=login("admin")).json
    # Messages' incidents only: a case filed in December may also open one for next year's unconfirmed cuti bersama.
    assert [i["subject"] for i in listed["items"] if not i["subject"].startswith("calendar:")] == [
        f"notification:{row_id}"
    ]
    retried = client.post(f"/api/v1/incidents/{incident.id}/retry", headers=login("admin"))
    assert retried.status_code == 200
    assert retried.json["resolved_by"] == "admin"
    with svc.sessions() as s:
        assert s.get(Notification, row_id).status == "pending"
    assert client.post(f"/api/v1/incidents/{incident.id}/retry", headers=login("admin")).status_code == 409
    left = client.get("/api/v1/incidents", headers=login("admin")).json["items"]
    assert [i["subject"] for i in left if not i["subject"].startswith("calendar:")] == []


# A message that cannot be rendered: Python's decision over its row; the incident's row and its retry above.
@sqlite_only
def test_a_message_whose_template_cannot_render_is_an_incident_at_once(services_for):
    svc = services_for(KAWAL_NOTIFY_CHANNELS="log")
    case_id = submit(svc)
    with svc.sessions.begin() as s:
        row = s.scalar(select(Notification).where(Notification.case_id == case_id).order_by(Notification.id))
        row.context = {"ticket": row.context["ticket"]}  # the template's other facts are missing
        row_id = row.id
    with svc.sessions() as s:
        assert delivery.deliver(s, svc.runtime, svc.channels, row_id) == "incident"
    with svc.sessions() as s:
        assert s.get(Notification, row_id).status == "incident"


def test_a_timer_job_that_fails_its_last_try_becomes_an_incident_and_is_retried(
    services_for, redis_server, client, login
):
    from redis import Redis
    from rq import Queue, SimpleWorker

    from engine.models import Case, WorkflowState
    from notifications.services import QUEUE

    svc = services_for(KAWAL_REDIS_URL=redis_server.url)
    case_id = submit(svc)
    with svc.sessions.begin() as s:
        s.get(WorkflowState, case_id).state = "{broken"  # the case cannot be run
    redis = Redis.from_url(redis_server.url)
    queue = Queue(QUEUE, connection=redis)
    queue.enqueue("notifications.jobs.fire_timers", case_id, job_id=f"timer-test-{case_id}")  # no retry left
    SimpleWorker([queue], connection=redis).work(burst=True)
    with svc.sessions() as s:
        incident = s.scalar(select(Incident).where(Incident.subject == f"case:{case_id}"))
        assert incident is not None
        assert "JSONDecodeError" in incident.message
        assert s.get(Case, case_id).status == "diterima"  # nothing half-done
    listed = client.get("/api/v1/incidents", headers=login("admin")).json
    assert f"case:{case_id}" in [i["subject"] for i in listed["items"]]
    assert client.post(f"/api/v1/incidents/{incident.id}/retry", headers=login("admin")).status_code == 200
    redis.close()
