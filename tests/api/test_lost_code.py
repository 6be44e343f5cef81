"""A lost access code (issue 11, point 7), at the engine: a new code goes only to the contact on file, sealed in
the outbox; a stranger's request for any ticket changes nothing they can see; asking is limited."""

import pytest
from sqlalchemy import func, select

from api.extensions import db
from engine import codes, lost_codes
from engine.errors import TooMany
from engine.models import Case, Notification
from tests.conftest import request_payload


@pytest.fixture
def settings_overrides():
    """Mail is configured (nothing is sent in these tests: the rows stay in the outbox)."""
    return {"KAWAL_NOTIFY_CHANNELS": "smtp", "KAWAL_SMTP_HOST": "localhost"}


def _sent(app):
    with app.app_context():
        return db.session.scalars(select(Notification).where(Notification.event == lost_codes.EVENT)).all()


def _ask(app, ticket, address="203.0.113.7"):
    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        lost_codes.send_new_code(db.session, rt, ticket, address)
        db.session.commit()


def test_a_new_code_is_sealed_in_the_outbox_and_opens_the_case_while_the_old_one_stops(app, desk, settings):
    receipt = desk.submit()
    _ask(app, receipt["ticket"])
    (row,) = _sent(app)
    assert row.to_requester
    assert "access_code" not in row.context  # only sealed
    assert lost_codes.SEALED in row.context
    with app.app_context():
        code = lost_codes.open_code(app.extensions["kawal_runtime"], row.context)["access_code"]
        case = db.session.scalar(select(Case).where(Case.ticket == receipt["ticket"]))
        assert codes.open_case(db.session, settings, receipt["ticket"], code, "198.51.100.1").id == case.id
        with pytest.raises(Exception):  # noqa: B017, PT011 - the old code is refused like any wrong one
            codes.open_case(db.session, settings, receipt["ticket"], receipt["access_code"], "198.51.100.1")


def test_an_unknown_ticket_sends_nothing_and_says_nothing(app):
    _ask(app, "PPID-2026-999999")
    assert _sent(app) == []


def test_a_case_gets_at_most_three_new_codes_a_day_and_an_address_five_requests_an_hour(app, desk):
    receipt = desk.submit()
    for number in range(lost_codes.PER_CASE_PER_DAY + 1):
        _ask(app, receipt["ticket"], address=f"203.0.113.{number}")
    assert len(_sent(app)) == lost_codes.PER_CASE_PER_DAY
    for _ in range(lost_codes.PER_ADDRESS_PER_HOUR):
        _ask(app, "PPID-2026-999999", address="192.0.2.9")
    with pytest.raises(TooMany):
        _ask(app, "PPID-2026-999999", address="192.0.2.9")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 1


@pytest.mark.parametrize(
    ("settings_overrides", "contact"),
    [
        ({"KAWAL_NOTIFY_CHANNELS": "log"}, {}),  # nothing configured reaches anyone
        ({"KAWAL_NOTIFY_CHANNELS": "smtp", "KAWAL_SMTP_HOST": "localhost"}, {"email": None, "phone": "0811000777"}),
    ],
    ids=["log-only", "phone-without-gateway"],
)
def test_a_code_no_channel_can_deliver_is_not_reissued_so_a_stranger_cannot_lock_the_owner_out(
    app, desk, settings, settings_overrides, contact
):
    """A stranger's request for a ticket ended its code, and the new one went where it never arrived."""
    requester = {k: v for k, v in request_payload()["requester"].items() if k not in contact} | {
        k: v for k, v in contact.items() if v
    }
    receipt = desk.submit(requester=requester, delivery_method="langsung") if contact else desk.submit()
    _ask(app, receipt["ticket"])
    assert _sent(app) == []
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == receipt["ticket"]))
        assert codes.open_case(db.session, settings, receipt["ticket"], receipt["access_code"], "198.51.100.1").id == (
            case.id
        )
