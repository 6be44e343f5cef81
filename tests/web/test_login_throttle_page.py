"""The login form after too many failures: 429, a message saying how long to wait, no session.

The web form and the API's token endpoint share one throttle (engine.throttle).
"""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.conftest import PASSWORD
from tests.web.pages import TOKEN, text

START = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
WRONG = "wrong-password-1"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(START, tick=False):
        yield


def fail(b, username, times):
    for _ in range(times):
        r = b.post("/masuk", {"username": username, "password": WRONG})
        assert r.status_code == 200
        assert "Nama pengguna atau kata sandi salah." in text(r)


def test_the_form_says_to_wait_after_five_failures_even_with_the_right_password(browser):
    b = browser()
    fail(b, "petugas", 5)
    r = b.post("/masuk", {"username": "petugas", "password": PASSWORD})
    assert r.status_code == 429
    assert r.headers["Retry-After"] == "900"
    page = text(r)
    assert "Terlalu banyak percobaan masuk yang gagal. Tunggu 15 menit lalu coba lagi." in page
    assert 'role="alert" id="login-error"' in page
    assert 'value="petugas"' in page  # the form keeps what was typed
    assert b.get("/kotak-masuk").location.startswith("/masuk")  # no session was opened


def test_the_message_is_in_english_for_an_english_visitor(browser):
    b = browser()
    b.get("/bahasa/en")
    for _ in range(5):
        b.post("/masuk", {"username": "petugas", "password": WRONG})
    r = b.post("/masuk", {"username": "petugas", "password": PASSWORD})
    assert r.status_code == 429
    assert "Too many failed logins. Wait 15 minutes and try again." in text(r)


def test_an_unknown_username_gets_the_same_page(browser):
    pages = {}
    for username in ("petugas", "nobody"):
        b = browser()
        fail(b, username, 5)
        r = b.post("/masuk", {"username": username, "password": WRONG})
        page = TOKEN.sub("CSRF", text(r)).replace(f'value="{username}"', 'value="NAME"')  # each browser its own token
        pages[username] = (r.status_code, r.headers["Retry-After"], page)
    assert pages["petugas"][:2] == (429, "900")
    assert pages["petugas"] == pages["nobody"]


def test_failures_on_the_api_throttle_the_form_too(browser, client):
    for _ in range(5):
        r = client.post("/api/v1/auth/token", json={"username": "ppid", "password": WRONG})
        assert r.status_code == 401
    r = browser().post("/masuk", {"username": "ppid", "password": PASSWORD})
    assert r.status_code == 429


def test_other_officers_still_log_in(browser):
    fail(browser(), "petugas", 5)
    assert browser("ppid").get("/kotak-masuk").status_code == 200
