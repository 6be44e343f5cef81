"""Asking to open a whistleblower's identity, and approving or refusing it, puts its message on its way at once, as
every other verb does (api.boundary.commit): the deciders hear of the request and the asker of the decision without
waiting for the next `kawal reconcile`.

Walk report (an office upgraded from 154d8a5): the reveal's views committed with the session alone, so their
messages sat pending in the outbox until the reconcile timer swept them. Here the app has a scheduler on a real Redis
(no worker: the jobs stay on the queue, where the test reads them).

SQLite alone: which commit the views call is Python's choice; the outbox and the queue are the same on either
database (tests/reminders prove the scheduling on both).
"""

import pytest
from sqlalchemy import select

from engine.models import Case, Notification, RevealRequest
from notifications.scheduling import Scheduler
from tests.conftest import complaint_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: see the docstring
from tests.reminders.conftest import redis_server  # noqa: F401 - the fixture

API = "/api/v1"
REASON = "Pelapor perlu dipanggil sebagai saksi dalam pemeriksaan"
NOTE = "Keterangan tertulis pelapor sudah cukup untuk tahap ini"


@pytest.fixture
def queue(app, redis_server):  # noqa: F811 - the fixture imported above
    """The app's scheduler on the test's Redis (the app fixture puts its extensions back after the test)."""
    scheduler = Scheduler(redis_server.url)
    app.extensions["kawal_scheduler"] = scheduler
    yield lambda: set(scheduler.queue.job_ids)
    scheduler.redis.close()


def _messages(session_factory_, ticket: str, event: str) -> set[str]:
    with session_factory_() as s:
        case_id = s.scalar(select(Case.id).where(Case.ticket == ticket))
        ids = s.scalars(select(Notification.id).where(Notification.case_id == case_id, Notification.event == event))
        return {f"notification-{i}" for i in ids}


def test_a_reveal_asked_and_refused_through_the_api_sends_its_messages_without_a_reconcile(
    client, login, queue, session_factory_
):
    ticket = client.post(f"{API}/complaints", json=complaint_payload("whistleblower")).json["ticket"]
    r = client.post(f"{API}/complaints/{ticket}/reveal-requests", json={"reason": REASON}, headers=login("wbs"))
    assert r.status_code == 201, r.json
    asked = _messages(session_factory_, ticket, "reveal_requested")
    assert asked
    assert asked <= queue()
    r = client.post(
        f"{API}/complaints/{ticket}/reveal-requests/{r.json['id']}/refuse", json={"note": NOTE}, headers=login("wbs2")
    )
    assert r.status_code == 200, r.json
    decided = _messages(session_factory_, ticket, "reveal_decided")
    assert decided
    assert decided <= queue()


def test_a_reveal_asked_and_refused_on_the_case_page_sends_its_messages_without_a_reconcile(
    client, browser, queue, session_factory_
):
    ticket = client.post(f"{API}/complaints", json=complaint_payload("whistleblower")).json["ticket"]
    handler = browser("wbs")
    handler.get(f"/kasus/{ticket}")  # the page its form is on
    r = handler.post(f"/kasus/{ticket}/buka-identitas", {"reason": REASON})
    assert r.status_code == 303
    asked = _messages(session_factory_, ticket, "reveal_requested")
    assert asked
    assert asked <= queue()
    with session_factory_() as s:
        (request_id,) = s.scalars(select(RevealRequest.id)).all()
    manager = browser("wbs2")
    manager.get(f"/kasus/{ticket}")
    r = manager.post(f"/kasus/{ticket}/buka-identitas/{request_id}/tolak", {"note": NOTE})
    assert r.status_code == 303
    decided = _messages(session_factory_, ticket, "reveal_decided")
    assert decided
    assert decided <= queue()
