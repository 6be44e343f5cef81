"""A lost access code (issue 11, point 7), at the engine: a new code goes only to the contact on file, sealed in
the outbox; a stranger's request for any ticket changes nothing they can see; asking is limited.

A walk found that anyone who knew a ticket (they are sequential) could end its owner's code and make a mail go to
them, three times a day: the new code ended the old one at once, and for a whistleblower's report whoever watches
the office's mail server could see whose mailbox got "Kode akses baru untuk pengaduan ADU-...". Now the old code
keeps working until the new one is first used (then it ends: a stolen code can still be ended), a ticket gets at
most one new-code mail a day, and a complaint's new code goes only to a request that names the reporter's own
e-mail or phone.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from api.extensions import db
from engine import casework, codes, lost_codes
from engine.errors import NotFound, TooMany
from engine.models import Case, CaseEvent, Notification
from tests.api.test_chain_api import OBJECTION, decided
from tests.conftest import complaint_payload, request_payload, sqlite_only

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
REPORTER_EMAIL = complaint_payload()["pelapor"]["email"]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def settings_overrides():
    """Mail is configured (nothing is sent in these tests: the rows stay in the outbox)."""
    return {"KAWAL_NOTIFY_CHANNELS": "smtp", "KAWAL_SMTP_HOST": "localhost"}


def _sent(app):
    with app.app_context():
        return db.session.scalars(
            select(Notification).where(Notification.event == lost_codes.EVENT).order_by(Notification.id)
        ).all()


def _ask(app, ticket, address="203.0.113.7", contact=None):
    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        lost_codes.send_new_code(db.session, rt, ticket, address, contact)
        db.session.commit()


def _new_code(app, row) -> str:
    with app.app_context():
        return lost_codes.open_code(app.extensions["kawal_runtime"], row.context)["access_code"]


def _opens(client, ticket, code) -> bool:
    """Whether the pair opens the case through the API's status, as its owner (or a thief) would try it."""
    r = client.post(f"{API}/status", json={"ticket": ticket, "access_code": code})
    assert r.status_code in (200, 404), r.json
    return r.status_code == 200


def _complaint(client, mode="whistleblower", **overrides):
    r = client.post(f"{API}/complaints", json=complaint_payload(mode, **overrides))
    assert r.status_code == 201, r.json
    return r.json


# On PostgreSQL too: the new code sealed in an outbox row and read back, and the two counts of asking (a ticket's day,
# an address's hour) that every process shares. The others are @sqlite_only: which code opens the case and who may
# ask, Python's decision over the same rows (their PostgreSQL twin ran the same Python again).
def test_a_new_code_is_sealed_in_the_outbox_and_opens_the_case(app, desk, settings):
    receipt = desk.submit()
    _ask(app, receipt["ticket"])
    (row,) = _sent(app)
    assert row.to_requester
    assert "access_code" not in row.context  # only sealed
    assert lost_codes.SEALED in row.context
    code = _new_code(app, row)
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == receipt["ticket"]))
        assert codes.open_case(db.session, settings, receipt["ticket"], code, "198.51.100.1").id == case.id


@sqlite_only
def test_a_stranger_s_request_leaves_the_old_code_working_until_the_new_one_is_used(app, desk, client):
    """Asking ended the old code at once: anyone who knew a ticket shut its owner out until they read their mail."""
    receipt = desk.submit()
    _ask(app, receipt["ticket"])
    assert _opens(client, receipt["ticket"], receipt["access_code"])  # the owner still follows the case
    assert _opens(client, receipt["ticket"], receipt["access_code"])  # as often as they like
    new = _new_code(app, _sent(app)[0])
    assert _opens(client, receipt["ticket"], new)  # the first use of the new code ...
    assert not _opens(client, receipt["ticket"], receipt["access_code"])  # ... ends the old one
    assert _opens(client, receipt["ticket"], new)


@sqlite_only
def test_the_first_use_of_the_new_code_is_recorded_without_either_code(app, desk, client):
    receipt = desk.submit()
    _ask(app, receipt["ticket"])
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count()).select_from(CaseEvent).where(CaseEvent.type == "access_code_reissued")
            )
            == 0
        )
    new = _new_code(app, _sent(app)[0])
    assert _opens(client, receipt["ticket"], new)
    with app.app_context():
        (event,) = db.session.scalars(select(CaseEvent).where(CaseEvent.type == "access_code_reissued")).all()
        assert event.actor == "pemohon"
        assert event.data == {"reason": lost_codes.USED_REASON, "for": receipt["ticket"]}


@sqlite_only
def test_the_new_code_used_on_an_objection_ends_the_old_code_on_the_whole_chain(app, desk, client):
    receipt = decided(desk)
    _ask(app, receipt["ticket"])  # before the objection: the objection takes the code waiting to be used too
    r = client.post(
        f"{API}/objections", json={"ticket": receipt["ticket"], "access_code": receipt["access_code"], **OBJECTION}
    )
    assert r.status_code == 201, r.json
    objection = r.json["ticket"]
    new = _new_code(app, _sent(app)[0])
    assert _opens(client, objection, new)
    assert not _opens(client, objection, receipt["access_code"])
    assert not _opens(client, receipt["ticket"], receipt["access_code"])
    assert _opens(client, receipt["ticket"], new)


@sqlite_only
def test_a_code_the_office_reissues_replaces_a_new_code_still_waiting(app, desk, client):
    """The desk gives the requester a code in hand: the one mailed before and not yet used must not end it later."""
    receipt = desk.submit()
    _ask(app, receipt["ticket"])
    mailed = _new_code(app, _sent(app)[0])
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == receipt["ticket"]))
        given = casework.reissue_access_code(db.session, case, "petugas", "at the desk")
        db.session.commit()
    assert not _opens(client, receipt["ticket"], mailed)
    assert _opens(client, receipt["ticket"], given)


@sqlite_only
def test_an_unknown_ticket_sends_nothing_and_says_nothing(app):
    _ask(app, "PPID-2026-999999")
    assert _sent(app) == []


def test_a_ticket_gets_at_most_one_new_code_mail_a_day_whoever_asks(app, desk, client, clock):
    receipt = desk.submit()
    for number in range(4):
        _ask(app, receipt["ticket"], address=f"203.0.113.{number}")
    assert len(_sent(app)) == 1
    clock.shift(lost_codes.PER_CASE_WINDOW - timedelta(minutes=1))
    _ask(app, receipt["ticket"], address="203.0.113.50")
    assert len(_sent(app)) == 1
    clock.shift(timedelta(minutes=2))
    _ask(app, receipt["ticket"], address="203.0.113.51")
    first, second = _sent(app)
    # Only the latest code waits to be used; the old code still works until it is.
    assert not _opens(client, receipt["ticket"], _new_code(app, first))
    assert _opens(client, receipt["ticket"], receipt["access_code"])
    assert _opens(client, receipt["ticket"], _new_code(app, second))


def test_an_address_may_ask_five_times_an_hour(app):
    for _ in range(lost_codes.PER_ADDRESS_PER_HOUR):
        _ask(app, "PPID-2026-999999", address="192.0.2.9")
    with pytest.raises(TooMany):
        _ask(app, "PPID-2026-999999", address="192.0.2.9")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 0


@sqlite_only
@pytest.mark.parametrize("mode", ["whistleblower", "rahasia"])
def test_a_complaint_s_new_code_needs_the_reporter_s_own_contact_not_the_ticket_alone(app, client, mode):
    """Whoever knew a whistleblower's ticket could make a mail go to them, and see in the mail server whose it was."""
    complaint = _complaint(client, mode)
    _ask(app, complaint["ticket"])
    _ask(app, complaint["ticket"], contact="someone.else@example.org")
    _ask(app, complaint["ticket"], contact="+62 811 0000 7778")
    assert _sent(app) == []
    assert _opens(client, complaint["ticket"], complaint["access_code"])
    _ask(app, complaint["ticket"], contact=f"  {REPORTER_EMAIL.upper()} ")
    assert len(_sent(app)) == 1


@sqlite_only
def test_a_reporter_may_name_the_phone_they_gave_instead_in_any_usual_writing(app, client):
    complaint = _complaint(client)  # the phone on file: +62 811 0000 7777
    _ask(app, complaint["ticket"], contact="0811-0000-7777")
    assert len(_sent(app)) == 1


@sqlite_only
def test_a_request_s_new_code_still_needs_only_its_ticket(app, desk):
    receipt = desk.submit()
    _ask(app, receipt["ticket"], contact="not.theirs@example.org")  # a request's contact is not asked for
    assert len(_sent(app)) == 1


@sqlite_only
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
        with pytest.raises(NotFound):
            codes.open_case(db.session, settings, receipt["ticket"], "0000-0000-0000-0000-0000-0000", "198.51.100.1")
