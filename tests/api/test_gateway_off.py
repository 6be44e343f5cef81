"""Without a gateway secret (``KAWAL_WEBHOOK_SECRET``) there is no way in by text: the endpoint answers 404 and reads
nothing (api.views.gateway; tests/api/test_text_status.py has it configured)."""

import json

from tests.api.test_text_status import texted
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)


def test_without_a_gateway_secret_there_is_no_text_endpoint(client, desk, unchanged):
    receipt = desk.submit()
    with unchanged():
        r = texted(client, f"STATUS {receipt['ticket']} {receipt['access_code']}")
    assert r.status_code == 404, r.json
    assert r.json["reason"] == "no_gateway"
    assert receipt["ticket"] not in json.dumps(r.json)


def test_without_a_gateway_the_portal_gives_no_number_to_text(browser):
    assert "lewat SMS atau WhatsApp" not in browser().get("/publik/status").get_data(as_text=True)
