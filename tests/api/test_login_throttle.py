"""Officers' logins are throttled in the database (engine.throttle), across every process.

The rules, with the default settings: five failed logins of one username from one address within
fifteen minutes, or twenty from one address for any usernames, and the next attempt answers 429 with
Retry-After, whatever the password, before the password is even verified. A successful login clears
the pair's failures. Unknown usernames are counted and answered exactly like known ones.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import func, select

import engine.users
from api.extensions import db
from engine.config import load_settings
from engine.models import LoginFailure
from engine.throttle import Limits
from tests.conftest import PASSWORD, sqlite_only

API = "/api/v1"
START = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
WRONG = "wrong-password-1"
WINDOW = 15 * 60
THROTTLED = {
    "code": "too_many_requests",
    "reason": "too_many_logins",
    "message": "terlalu banyak percobaan masuk yang gagal; coba lagi dalam 15 menit",
    "errors": {},
}


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def log_in(client, username, password=PASSWORD, address="127.0.0.1"):
    return client.post(
        f"{API}/auth/token",
        json={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def fail(client, username, times, address="127.0.0.1"):
    for _ in range(times):
        r = log_in(client, username, WRONG, address)
        assert r.status_code == 401, r.json


def failures(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(LoginFailure))


# On PostgreSQL too: the counts every process shares (engine.throttle): the window's failures and the fifth most recent,
# failures committed though the login is refused, cleared by a success, counted per address, pruned once out of the
# window. The others are @sqlite_only: the answer's words, the order of the checks, the username lower-cased, another
# name, an unknown one and the limit's setting are Python's over the same counts.
@sqlite_only
def test_the_sixth_attempt_after_five_failures_is_429_even_with_the_right_password(client, clock):
    fail(client, "ppid", 5)
    r = log_in(client, "ppid")
    assert r.status_code == 429
    assert r.json == THROTTLED
    assert r.headers["Retry-After"] == str(WINDOW)
    assert "token" not in r.json
    english = client.post(
        f"{API}/auth/token", json={"username": "ppid", "password": PASSWORD}, headers={"Accept-Language": "en"}
    )
    assert english.json["message"] == "too many failed logins; try again in 15 minutes"


def test_retry_after_counts_down_from_the_fifth_most_recent_failure(client, clock):
    fail(client, "ppid", 1)
    clock.shift(300)
    fail(client, "ppid", 4)
    assert log_in(client, "ppid").headers["Retry-After"] == str(WINDOW - 300)
    clock.shift(WINDOW - 300)  # the first failure leaves the window: four remain
    assert log_in(client, "ppid").status_code == 200


@sqlite_only
def test_a_throttled_attempt_is_refused_before_the_password_is_verified(client, clock, monkeypatch):
    fail(client, "ppid", 5)

    def verified(*_args):
        raise AssertionError("a throttled login reached the password hash")

    monkeypatch.setattr(engine.users, "authenticate", verified)
    assert log_in(client, "ppid").status_code == 429


def test_failures_are_committed_although_the_login_is_refused(app, client, clock):
    fail(client, "ppid", 3)
    assert failures(app) == 3


@sqlite_only
def test_the_username_is_counted_in_any_case_per_address(client, clock):
    """Failures count per (address, username) pair; a stranger elsewhere: tests/security/test_lockout.py."""
    fail(client, "PPID", 3)
    fail(client, "ppid", 2)
    assert log_in(client, "ppid").status_code == 429
    assert log_in(client, "ppid", address="10.0.0.3").status_code == 200


def test_a_successful_login_clears_the_usernames_failures(app, client, clock):
    fail(client, "ppid", 4)
    assert log_in(client, "ppid").status_code == 200
    assert failures(app) == 0
    fail(client, "ppid", 4)  # four more wrong passwords are answered 401, not 429
    assert log_in(client, "ppid").status_code == 200


@sqlite_only
def test_another_officer_is_not_affected(client, clock):
    fail(client, "ppid", 5)
    assert log_in(client, "ppid").status_code == 429
    assert log_in(client, "petugas").status_code == 200


def test_twenty_failures_from_one_address_throttle_every_username_from_it(client, clock):
    for i in range(5):
        fail(client, f"guess{i}", 4, address="10.0.0.9")  # each name stays under its own limit
    r = log_in(client, "ppid", address="10.0.0.9")
    assert r.status_code == 429
    assert r.headers["Retry-After"] == str(WINDOW)
    assert log_in(client, "ppid", address="10.0.0.10").status_code == 200  # other addresses are not affected


def test_after_the_window_the_username_may_try_again(app, client, clock):
    fail(client, "ppid", 5)
    clock.shift(WINDOW - 1)
    assert log_in(client, "ppid").headers["Retry-After"] == "1"
    clock.shift(1)
    fail(client, "ppid", 1)  # a new failure also prunes the five that left the window
    assert failures(app) == 1
    assert log_in(client, "ppid").status_code == 200


@sqlite_only
def test_an_unknown_username_is_throttled_and_answered_like_a_known_one(client, clock):
    answers = {}
    for username in ("ppid", "nobody"):
        refused = [log_in(client, username, WRONG) for _ in range(5)]
        throttled = log_in(client, username)
        answers[username] = [(r.status_code, r.json, r.headers.get("Retry-After")) for r in [*refused, throttled]]
    assert answers["ppid"] == answers["nobody"]
    assert answers["nobody"][-1] == (429, THROTTLED, "900")


@sqlite_only
@pytest.mark.parametrize("settings_overrides", [{"KAWAL_LOGIN_MAX_FAILURES": "2"}])
def test_the_limit_is_a_setting(client, clock, settings_overrides):
    fail(client, "ppid", 2)
    assert log_in(client, "ppid").status_code == 429


def test_the_settings_default_to_five_in_fifteen_minutes_and_twenty_per_address():
    assert Limits.of(load_settings({})) == Limits(max_failures=5, window_seconds=900, max_failures_per_address=20)
    custom = load_settings(
        {
            "KAWAL_LOGIN_MAX_FAILURES": "3",
            "KAWAL_LOGIN_WINDOW_SECONDS": "60",
            "KAWAL_LOGIN_MAX_FAILURES_PER_ADDRESS": "50",
        }
    )
    assert Limits.of(custom) == Limits(max_failures=3, window_seconds=60, max_failures_per_address=50)
