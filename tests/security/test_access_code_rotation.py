"""The wrong-code limits against a client that rotates its addresses, and their bounds (engine.codes).

The rule: wrong access codes are counted per address and per ticket. An address past its limit waits, whatever the
code, for at most the window; a ticket past its limit answers every further wrong code with 429, from any address,
while its right code (or a new one mailed for a lost one) still opens it: a ticket number is public and
sequential, so a hard lock on it would let anyone shut every requester out of their case, and the 120-bit code is
what keeps the case closed (ASVS 6.5.2: a lookup secret of 112 bits or more).

An IPv6 client holds a whole /64 network (a home line, a phone, a rented server): counted by its full address, it
rotated through 2^64 "addresses" for free, and the per-address limit held nobody. Addresses are counted by their /64.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import lost_codes
from engine.models import Notification
from tests.conftest import request_payload, sqlite_only
from tests.security.test_access_code_limits import WRONG, at, status

API = "/api/v1"
START = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def request_case(client):
    r = client.post(f"{API}/requests", json=request_payload(), **at("192.0.2.1"))
    assert r.status_code == 201
    return r.json["ticket"], r.json["access_code"]


# An address is reduced to its /64 (or its IPv4) in Python before it is counted: the counts per address and per ticket
# that every process shares stay on PostgreSQL below (an address's wait within the window, a ticket's limit window after
# window) and in tests/security/test_access_code_limits.py.
@sqlite_only
def test_the_addresses_of_one_ipv6_network_share_one_budget(client, settings, request_case):
    """Each wrong code from another address of the same /64 counts for the network: the next try from it waits,
    whatever the code; a client of another network is not held."""
    ticket, code = request_case
    for n in range(settings.code_max_failures_per_address):
        assert status(client, ticket, WRONG, f"2001:db8:1:2::{n + 1:x}").status_code in (404, 429)
    r = status(client, ticket, code, "2001:db8:1:2:ffff:ffff:ffff:fffe")
    assert r.status_code == 429
    assert 0 < int(r.headers["Retry-After"]) <= settings.code_window_seconds
    assert status(client, ticket, code, "2001:db8:1:3::1").status_code == 200


@sqlite_only
def test_an_ipv4_address_written_as_ipv6_counts_as_itself(client, settings, request_case):
    """``::ffff:198.51.100.9`` is 198.51.100.9: writing it the other way does not start a new count."""
    ticket, code = request_case
    half = settings.code_max_failures_per_address // 2
    for _ in range(half):
        assert status(client, ticket, WRONG, "198.51.100.9").status_code in (404, 429)
    for _ in range(settings.code_max_failures_per_address - half):
        assert status(client, ticket, WRONG, "::ffff:198.51.100.9").status_code in (404, 429)
    assert status(client, ticket, code, "198.51.100.9").status_code == 429
    assert status(client, ticket, code, "198.51.100.10").status_code == 200  # its neighbour is another client


def test_an_address_waits_one_window_at_most(client, settings, request_case, clock):
    """The address's wait is bounded: once its wrong codes have left the window, its right code opens the case."""
    ticket, code = request_case
    for _ in range(settings.code_max_failures_per_address):
        status(client, ticket, WRONG, "198.51.100.20")
    r = status(client, ticket, code, "198.51.100.20")
    assert r.status_code == 429
    clock.shift(timedelta(seconds=int(r.headers["Retry-After"]) + 1))
    assert status(client, ticket, code, "198.51.100.20").status_code == 200


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_CODE_MAX_FAILURES_PER_ADDRESS": "1000"}])
def test_a_ticket_guessed_without_pause_from_rotating_networks_still_opens_to_its_owner(
    client, settings, request_case, settings_overrides, clock
):
    """Window after window of wrong codes for one ticket, each from a new /64: every one past the ticket's limit is
    answered 429 (not told apart from any other wrong code), and the requester's own code opens the case all along."""
    ticket, code = request_case
    for window in range(3):
        for n in range(settings.code_max_failures + 2):
            r = status(client, ticket, WRONG, f"2001:db8:{window:x}:{n:x}::1")
            assert r.status_code == (404 if window == 0 and n < settings.code_max_failures else 429)
        assert status(client, ticket, code, "192.0.2.77").status_code == 200
        clock.shift(timedelta(seconds=settings.code_window_seconds // 2))


# A new code's round trip is tests/api/test_lost_code.py's on PostgreSQL; here the same counts again.
@sqlite_only
@pytest.mark.parametrize(
    "settings_overrides",
    [{"KAWAL_CODE_MAX_FAILURES_PER_ADDRESS": "1000", "KAWAL_NOTIFY_CHANNELS": "smtp", "KAWAL_SMTP_HOST": "localhost"}],
)
def test_a_new_code_mailed_for_a_lost_one_opens_a_ticket_past_its_limit(app, client, settings, settings_overrides):
    """A requester who lost their code while strangers try the ticket asks for a new one (the lost-code route):
    it opens the case though the ticket is past its limit, and the old code stops working as always."""
    r = client.post(f"{API}/requests", json=request_payload(), **at("192.0.2.1"))
    ticket, old = r.json["ticket"], r.json["access_code"]
    for n in range(settings.code_max_failures + 1):
        status(client, ticket, WRONG, f"2001:db8:9:{n:x}::1")
    assert status(client, ticket, WRONG, "192.0.2.2").status_code == 429
    with app.app_context():
        lost_codes.send_new_code(db.session, app.extensions["kawal_runtime"], ticket, "192.0.2.3")
        db.session.commit()
        row = db.session.scalar(select(Notification).where(Notification.event == lost_codes.EVENT))
        new = lost_codes.open_code(app.extensions["kawal_runtime"], row.context)["access_code"]
    assert status(client, ticket, new, "192.0.2.3").status_code == 200
    assert status(client, ticket, old, "192.0.2.3").status_code == 429  # ended by the new one: a wrong code now
