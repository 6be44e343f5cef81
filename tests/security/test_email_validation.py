"""Finding 7: reporter and requester e-mail addresses are checked by a maintained validator (email-validator).

jsonschema's ``format: email`` only looks for an "@": an address with CR/LF (a header injection into
the notice sent to it) passed. Every intake form with an e-mail field now refuses it with a field error.
"""

import pytest

from tests.conftest import complaint_payload, request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)

API = "/api/v1"
BAD = [
    "ani@example.org\r\nBcc: x@example.org",
    "ani@example.org\n",
    "ani\r@example.org",
    "ani wijaya@example.org",
    "ani@@example.org",
    "ani@localhost",
    "ani@example",
    "@example.org",
    "ani@exa_mple.org",
]


@pytest.mark.parametrize("email", BAD)
def test_a_request_with_an_invalid_email_is_422_on_that_field(client, unchanged, email):
    payload = request_payload()
    payload["requester"]["email"] = email
    with unchanged():
        r = client.post(f"{API}/requests", json=payload)
    assert r.status_code == 422
    assert set(r.json["errors"]) == {"requester.email"}


@pytest.mark.parametrize("email", BAD)
def test_a_complaint_with_an_invalid_email_is_422_on_that_field(client, unchanged, email):
    payload = complaint_payload("rahasia")
    payload["pelapor"]["email"] = email
    with unchanged():
        r = client.post(f"{API}/complaints", json=payload)
    assert r.status_code == 422
    assert set(r.json["errors"]) == {"pelapor.email"}


@pytest.mark.parametrize("email", ["ani@example.org", "Budi.Santoso+ppid@kemenag.go.id", "ánì@bücher.de"])
def test_ordinary_and_international_addresses_are_accepted(client, email):
    payload = request_payload()
    payload["requester"]["email"] = email
    assert client.post(f"{API}/requests", json=payload).status_code == 201
