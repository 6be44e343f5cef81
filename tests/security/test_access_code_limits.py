"""Finding 5: wrong access codes are counted in the database, per address and per ticket (engine.codes).

Before, only the portal counted them, in the visitor's own cookie (a script drops it), and
``POST /api/v1/status``, ``/requests/withdraw`` and the complaint messages endpoint had no limit.
Now every way in with a code counts in the database, which every process shares: after too many from
one address, that address waits (429 with Retry-After, whatever the code); after too many for one
ticket, further wrong codes for it answer 429, while the right code still opens the case (a ticket
number is public, so its owner must not be locked out by strangers).
"""

import pytest

from tests.conftest import complaint_payload, request_payload, sqlite_only
from tests.web.pages import Browser

API = "/api/v1"
WRONG = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"


def at(address):
    return {"environ_base": {"REMOTE_ADDR": address}}


@pytest.fixture
def request_case(client):
    r = client.post(f"{API}/requests", json=request_payload(), **at("192.0.2.1"))
    assert r.status_code == 201
    return r.json["ticket"], r.json["access_code"]


@pytest.fixture
def complaint_case(client):
    r = client.post(f"{API}/complaints", json=complaint_payload("anonim"), **at("192.0.2.1"))
    assert r.status_code == 201
    return r.json["ticket"], r.json["access_code"]


def status(client, ticket, code, address):
    return client.post(f"{API}/status", json={"ticket": ticket, "access_code": code}, **at(address))


def withdraw(client, ticket, code, address):
    return client.post(f"{API}/requests/withdraw", json={"ticket": ticket, "access_code": code}, **at(address))


def read_messages(client, ticket, code, address):
    return client.get(f"{API}/complaints/{ticket}/messages", headers={"X-Access-Code": code}, **at(address))


def post_message(client, ticket, code, address):
    return client.post(
        f"{API}/complaints/{ticket}/messages", json={"body": "Halo"}, headers={"X-Access-Code": code}, **at(address)
    )


def answer_survey(client, ticket, code, address):
    return client.post(f"{API}/survey", json={"ticket": ticket, "access_code": code, "answers": {}}, **at(address))


ENDPOINTS = {"status": status, "withdraw": withdraw, "survey": answer_survey}
COMPLAINT_ENDPOINTS = {"read_messages": read_messages, "post_message": post_message}


def _try(settings, client, call, ticket, code):
    """As many wrong codes as an address may send, then one more."""
    for _ in range(settings.code_max_failures_per_address):  # past the ticket's limit the wrong ones are 429
        assert call(client, ticket, WRONG, "198.51.100.7").status_code in (404, 429)
    return call(client, ticket, code, "198.51.100.7")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_an_address_that_sent_too_many_wrong_codes_waits_whatever_the_code(client, settings, request_case, endpoint):
    """The next try from that address is 429 with Retry-After, even with the right code; other addresses are not."""
    ticket, code = request_case
    r = _try(settings, client, ENDPOINTS[endpoint], ticket, code)
    assert r.status_code == 429
    assert r.json["code"] == "too_many_requests"
    assert 0 < int(r.headers["Retry-After"]) <= settings.code_window_seconds
    assert status(client, ticket, code, "203.0.113.9").status_code == 200


# The same counts as the endpoints above, which keep them on PostgreSQL: here, which endpoints count (Python).
@sqlite_only
@pytest.mark.parametrize("endpoint", COMPLAINT_ENDPOINTS)
def test_the_complaint_messages_endpoints_count_wrong_codes_too(client, settings, complaint_case, endpoint):
    ticket, code = complaint_case
    r = _try(settings, client, COMPLAINT_ENDPOINTS[endpoint], ticket, code)
    assert r.status_code == 429


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_CODE_MAX_FAILURES_PER_ADDRESS": "1000"}])
def test_a_ticket_tried_from_many_addresses_answers_429_but_its_owner_still_gets_in(
    client, settings, request_case, settings_overrides
):
    """Wrong codes spread over addresses still count for the ticket; the right code still opens it."""
    ticket, code = request_case
    for n in range(settings.code_max_failures):
        assert status(client, ticket, WRONG, f"10.0.0.{n + 1}").status_code == 404
    assert status(client, ticket, WRONG, "10.0.1.1").status_code == 429
    assert status(client, ticket, code, "10.0.2.2").status_code == 200


def test_the_count_is_shared_by_every_process(settings, request_case, another_app):
    """Two app instances (two gunicorn workers) on one database see the same failures."""
    ticket, code = request_case
    first, second = another_app().test_client(), another_app().test_client()
    half = settings.code_max_failures_per_address // 2
    for client in (first, second):
        for _ in range(half):
            assert status(client, ticket, WRONG, "198.51.100.8").status_code in (404, 429)
    assert status(first, ticket, code, "198.51.100.8").status_code == 429


# The same counts again, through the portal's form (Python); kept on PostgreSQL by the API's tests.
@sqlite_only
def test_the_portal_status_form_counts_in_the_database_not_in_the_cookie(app, settings, request_case):
    """A script that drops its cookie after every try is still counted (the old limit lived in the cookie)."""
    ticket, code = request_case
    for _ in range(settings.code_max_failures_per_address):
        b = Browser(app.test_client())  # a fresh cookie each time
        b.get("/publik/status")
        assert b.post("/publik/status", {"ticket": ticket, "access_code": WRONG}).status_code in (404, 429)
    b = Browser(app.test_client())
    b.get("/publik/status")
    assert b.post("/publik/status", {"ticket": ticket, "access_code": code}).status_code == 429
