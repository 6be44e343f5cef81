"""Harden 11: lockout without denial of service (engine.throttle).

Before, five wrong passwords for a username from anywhere locked that officer out for the window: a
stranger could keep a WBS manager out for good. Failures now count per (address, username) pair, so a
stranger's guesses stop the stranger; and when a username is tried from very many addresses (a
distributed run), only a login that also passes the second factor still gets through.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import clock as kawal_clock
from engine import totp
from engine.models import User
from tests.conftest import PASSWORD

API = "/api/v1"
START = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
STRANGER, OFFICER = "203.0.113.66", "10.1.2.3"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def enrolled(app, username) -> str:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        secret = totp.begin_enrolment(db.session, app.extensions["kawal_runtime"].vault, user)
        user.totp_enabled_at = kawal_clock.now()
        db.session.commit()
    return secret


def log_in(client, username, address, password=PASSWORD, otp=None):
    body = {"username": username, "password": password} | ({"otp": otp} if otp else {})
    return client.post(f"{API}/auth/token", json=body, environ_base={"REMOTE_ADDR": address})


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_SECOND_FACTOR_GROUPS": "pengelola_wbs"}])
def test_a_strangers_five_failures_do_not_lock_the_wbs_manager_out(app, client, settings, settings_overrides):
    """The stranger is stopped; the officer, from their own desk, gets in with password and code."""
    secret = enrolled(app, "wbs")
    for _ in range(settings.login_max_failures):
        assert log_in(client, "wbs", STRANGER, "wrong-password-1").status_code == 401
    assert log_in(client, "wbs", STRANGER, otp=totp.code_now(secret)).status_code == 429  # the stranger waits
    assert log_in(client, "wbs", OFFICER, otp=totp.code_now(secret)).status_code == 200


def test_an_officer_without_a_second_factor_is_not_locked_out_by_a_stranger_either(client, settings):
    for _ in range(settings.login_max_failures):
        assert log_in(client, "ppid", STRANGER, "wrong-password-1").status_code == 401
    assert log_in(client, "ppid", OFFICER).status_code == 200


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_LOGIN_MAX_FAILURES_PER_USERNAME": "8"}])
def test_a_run_from_many_addresses_lets_only_password_plus_second_factor_through(
    app, client, clock, settings_overrides
):
    """Past the username's limit from all addresses, the password alone no longer suffices."""
    secret = enrolled(app, "wbs")
    for n in range(8):
        for username in ("wbs", "ppid"):
            assert log_in(client, username, f"198.51.100.{n + 1}", "wrong-password-1").status_code == 401
    assert log_in(client, "ppid", OFFICER).status_code == 429  # no second factor: must wait
    assert log_in(client, "wbs", OFFICER, otp=totp.code_now(secret)).status_code == 200
    clock.shift(timedelta(minutes=16))
    assert log_in(client, "ppid", OFFICER).status_code == 200  # the window has passed


def test_the_code_step_counts_wrong_codes_for_the_pair(app, client, settings):
    enrolled(app, "wbs")
    for _ in range(settings.login_max_failures):
        assert log_in(client, "wbs", STRANGER, otp="000000").status_code == 401
    assert log_in(client, "wbs", STRANGER, otp="000000").status_code == 429
