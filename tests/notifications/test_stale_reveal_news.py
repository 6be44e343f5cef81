"""A WBS manager's news that a request to open a whistleblower's identity waits for a decision is not sent once the
request is decided: a whistleblower walk found "menunggu keputusan" reaching the second manager in the minute the
first approved it (legal-process.md §7.3). The row is skipped, saying why, not failed; a request still pending is
announced."""

import pytest
from sqlalchemy import select

from api.extensions import db
from engine import complaints
from engine.models import Case, Notification, User
from notifications.channels import LogChannel
from notifications.delivery import REVEAL_DECIDED, deliver
from tests.workflows.conftest import Office


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _asked(office, ticket, who="tim"):
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        reason = "Pemeriksaan memerlukan keterangan langsung dari pelapor"
        return complaints.request_reveal(s, office.rt, office.user(s, who), case, reason).id


def _news(app, request_id) -> dict[str, int]:
    """The reveal_requested rows of one request, by the manager they are for."""
    with app.app_context():
        rows = db.session.execute(
            select(User.username, Notification.id)
            .join(User, User.id == Notification.recipient_user_id)
            .where(Notification.event == "reveal_requested")
            .where(Notification.idempotency_key.contains(f":reveal{request_id}:"))
        ).all()
    return dict(rows)


def test_news_of_a_reveal_request_decided_before_it_was_sent_is_skipped_and_of_one_still_pending_sent(app, office):
    ticket, _code = office.complaint("whistleblower")
    decided, pending = _asked(office, ticket), _asked(office, ticket, "tim2")
    with office.sessions.begin() as s:  # the first manager approves at once, with the second factor
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        wbs = office.user(s, "wbs")
        complaints.decide_reveal(s, office.rt, wbs, case, decided, True, "Untuk LPSK", second_factor=True)
    stale, waiting = _news(app, decided), _news(app, pending)
    assert set(stale) == set(waiting) == {"wbs", "wbs2"}  # every manager but the one who asked (a team member)
    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        sent = {name: deliver(db.session, rt, {"log": LogChannel()}, row) for name, row in stale.items()}
        assert sent == {"wbs": "skipped", "wbs2": "skipped"}
        assert {db.session.get(Notification, row).last_error for row in stale.values()} == {REVEAL_DECIDED}
        assert {db.session.get(Notification, row).status for row in stale.values()} == {"skipped"}
        still = {name: deliver(db.session, rt, {"log": LogChannel()}, row) for name, row in waiting.items()}
        assert still == {"wbs": "sent", "wbs2": "sent"}
