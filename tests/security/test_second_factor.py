"""Harden 10: those who can open identities log in with a TOTP second factor (engine.totp).

WBS managers and administrators (``KAWAL_SECOND_FACTOR_GROUPS``, configurable) set it up at their first
login (a QR code, then recovery codes shown once and stored only hashed) and give a code at every login
after; the API asks for it in ``otp``. An identity reveal cannot be approved without a login that passed
it, whatever the setting says.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import totp
from engine.config import load_settings
from engine.models import RecoveryCode, User
from tests.conftest import PASSWORD, complaint_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.web.pages import Browser, text

API = "/api/v1"
START = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
SECRET = re.compile(r'id="totp-secret">([A-Z2-7]+)<')
CODES = re.compile(r"<li><code>([0-9A-Z-]+)</code></li>")
WBS = {"KAWAL_SECOND_FACTOR_GROUPS": "pengelola_wbs,admin"}


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def enrol_on_the_web(app, username="wbs"):
    """The first login of an officer who must have a second factor: returns the browser, secret and codes."""
    b = Browser(app.test_client())
    r = b.login(username)
    assert r.status_code == 302
    assert r.headers["Location"].endswith("/masuk/faktor-kedua")
    page = b.get("/masuk/faktor-kedua")
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in text(page)  # the QR code, an SVG: no image library
    secret = SECRET.search(text(page))[1]
    assert b.post("/masuk/faktor-kedua", {"code": "000000"}).status_code == 422
    done = b.post("/masuk/faktor-kedua", {"code": totp.code_now(secret)})
    assert done.status_code == 200
    codes = CODES.findall(text(done))
    assert done.headers["Cache-Control"] == "no-store"
    return b, secret, codes


@pytest.mark.parametrize("settings_overrides", [WBS])
def test_a_wbs_manager_sets_up_the_second_factor_at_the_first_login(app, settings_overrides):
    b, secret, codes = enrol_on_the_web(app)
    assert len(codes) == totp.RECOVERY_CODES
    assert b.get("/kotak-masuk").status_code == 200  # logged in
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "wbs"))
        assert user.totp_enabled_at is not None
        assert secret.encode() not in user.totp_secret  # sealed by the vault
        stored = db.session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == user.id)).all()
        assert len(stored) == len(codes)
        assert all(h.startswith("$argon2") for h in stored)
        assert not {c.replace("-", "") for c in codes} & set(stored)


@pytest.mark.parametrize("settings_overrides", [WBS])
def test_every_later_login_asks_for_a_fresh_code(app, clock, settings_overrides):
    _b, secret, codes = enrol_on_the_web(app)
    clock.shift(timedelta(seconds=60))
    b = Browser(app.test_client())
    assert b.login("wbs").headers["Location"].endswith("/masuk/kode")
    assert b.get("/kotak-masuk").status_code == 302  # not logged in by the password alone
    b.get("/masuk/kode")
    assert b.post("/masuk/kode", {"code": "123456"}).status_code == 401
    code = totp.code_now(secret)
    assert b.post("/masuk/kode", {"code": code}).status_code == 302
    assert b.get("/kotak-masuk").status_code == 200
    again = Browser(app.test_client())  # the same code a second time (replayed) is refused
    again.login("wbs")
    again.get("/masuk/kode")
    assert again.post("/masuk/kode", {"code": code}).status_code == 401
    assert again.post("/masuk/kode", {"code": codes[0]}).status_code == 302  # a recovery code, once
    third = Browser(app.test_client())
    third.login("wbs")
    third.get("/masuk/kode")
    assert third.post("/masuk/kode", {"code": codes[0]}).status_code == 401


@pytest.mark.parametrize("settings_overrides", [WBS])
def test_the_api_asks_for_the_code_in_otp(app, client, clock, settings_overrides):
    body = {"username": "wbs", "password": PASSWORD}
    not_yet = client.post(f"{API}/auth/token", json=body)
    assert not_yet.status_code == 403
    assert not_yet.json["code"] == "second_factor_enrolment_required"
    _b, secret, _codes = enrol_on_the_web(app)
    clock.shift(timedelta(seconds=60))
    missing = client.post(f"{API}/auth/token", json=body)
    assert (missing.status_code, missing.json["code"]) == (401, "second_factor_required")
    wrong = client.post(f"{API}/auth/token", json={**body, "otp": "000000"})
    assert (wrong.status_code, wrong.json["code"]) == (401, "second_factor_wrong")
    assert client.post(f"{API}/auth/token", json={**body, "otp": totp.code_now(secret)}).status_code == 200
    assert client.post(f"{API}/auth/token", json={"username": "ppid", "password": PASSWORD}).status_code == 200


def test_the_groups_are_a_setting_and_default_to_wbs_managers_and_admins():
    assert load_settings({}).second_factor_groups == ("pengelola_wbs", "admin")
    assert load_settings({"KAWAL_SECOND_FACTOR_GROUPS": "tim_pengaduan, ppid"}).second_factor_groups == (
        "tim_pengaduan",
        "ppid",
    )


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_SECOND_FACTOR_GROUPS": "tim_pengaduan"}])
def test_another_group_can_be_made_to_use_it(client, settings_overrides):
    r = client.post(f"{API}/auth/token", json={"username": "tim", "password": PASSWORD})
    assert r.status_code == 403
    assert client.post(f"{API}/auth/token", json={"username": "wbs", "password": PASSWORD}).status_code == 200


def ask_reveal(client, login):
    ticket = client.post(f"{API}/complaints", json=complaint_payload("whistleblower")).json["ticket"]
    asked = client.post(
        f"{API}/complaints/{ticket}/reveal-requests",
        json={"reason": "LPSK meminta identitas pelapor untuk perlindungan saksi"},
        headers=login("tim"),
    )
    return ticket, asked.json["id"]


def test_an_identity_reveal_cannot_be_approved_without_the_second_factor(app, client, login):
    """Even where the setting asks no second factor of anyone (here: the test default), approving needs it."""
    ticket, request_id = ask_reveal(client, login)
    url = f"{API}/complaints/{ticket}/reveal-requests/{request_id}/approve"
    r = client.post(url, json={}, headers=login("wbs"))
    assert (r.status_code, r.json["code"]) == (403, "second_factor_required")
    assert client.get(f"{API}/complaints/{ticket}/reporter", headers=login("tim")).status_code == 403
    from tests.helpers import second_factor_login

    assert (
        client.post(url, json={"note": "Untuk LPSK"}, headers=second_factor_login(app, client, "wbs")).status_code
        == 200
    )
    assert client.get(f"{API}/complaints/{ticket}/reporter", headers=login("tim")).status_code == 200


def test_refusing_a_reveal_needs_no_second_factor(client, login):
    ticket, request_id = ask_reveal(client, login)
    r = client.post(
        f"{API}/complaints/{ticket}/reveal-requests/{request_id}/refuse",
        json={"note": "Belum perlu"},
        headers=login("wbs"),
    )
    assert r.status_code == 200


@pytest.mark.parametrize("settings_overrides", [WBS])
def test_kawal_users_reset_second_factor_makes_the_officer_set_it_up_again(
    app, settings, monkeypatch, settings_overrides
):
    from click.testing import CliRunner

    from api.cli import main

    enrol_on_the_web(app)
    monkeypatch.setenv("KAWAL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    result = CliRunner().invoke(main, ["users", "reset-second-factor", "wbs"])
    assert result.exit_code == 0, result.output
    b = Browser(app.test_client())
    assert b.login("wbs").headers["Location"].endswith("/masuk/faktor-kedua")
