"""Finding 4: sessions end when they are ended, for a copy of the cookie or token too (engine.sessions).

Before, the officer's session was the signed cookie alone, the portal's "verified" marker too, and API
tokens were signed and could not be revoked: a copied cookie still opened the inbox after logout, a
copied portal cookie still read and posted as the reporter after "close my case on this device".
"""

import pytest
from click.testing import CliRunner

from api.cli import main
from tests.conftest import PASSWORD, complaint_payload, sqlite_only
from tests.web.pages import Browser, text

API = "/api/v1"
COOKIE = "session"


def copy_of(app, b: Browser) -> Browser:
    """Another browser holding a copy of ``b``'s cookie (a stolen or shared cookie)."""
    thief = Browser(app.test_client())
    thief.client.set_cookie(COOKIE, b.client.get_cookie(COOKIE).value)
    return thief


def test_a_copied_officer_cookie_stops_working_at_logout(app, browser):
    officer = browser("ppid")
    thief = copy_of(app, officer)
    assert thief.get("/kotak-masuk").status_code == 200  # the copy works while the session is open
    officer.get("/kotak-masuk")
    assert officer.post("/keluar").status_code == 302
    r = thief.get("/kotak-masuk")
    assert r.status_code == 302
    assert "/masuk" in r.headers["Location"]


# On PostgreSQL too: a session's row ended at logout (above) and every row of an officer ended by
# `kawal users end-sessions` (below), the rows every process shares. The others are @sqlite_only: the same rows found
# or gone again through another door (another browser, the portal, an API token, a password reset, a deactivation:
# engine.sessions' one table) and a refusal of the CLI in Python.
@sqlite_only
def test_logging_out_ends_only_that_session(browser):
    desk, laptop = browser("ppid"), browser("ppid")
    desk.get("/kotak-masuk")
    desk.post("/keluar")
    assert laptop.get("/kotak-masuk").status_code == 200


@pytest.fixture
def complaint(client):
    r = client.post(f"{API}/complaints", json=complaint_payload("rahasia"))
    assert r.status_code == 201
    return r.json["ticket"], r.json["access_code"]


@sqlite_only
def test_a_copied_portal_cookie_stops_working_when_the_case_is_closed_on_the_device(app, browser, complaint):
    ticket, code = complaint
    reporter = browser()
    reporter.get("/publik/status")
    assert reporter.post("/publik/status", {"ticket": ticket, "access_code": code}).status_code == 200
    thief = copy_of(app, reporter)
    assert ticket in text(thief.get("/publik/status"))  # the copy reads the case while it is open
    reporter.get("/publik/status")
    assert reporter.post("/publik/status/tutup").status_code == 303
    assert ticket not in text(thief.get("/publik/status"))
    thief.token = reporter.token
    posted = thief.post("/publik/pengaduan/pesan", {"body": "Pesan dari pencuri cookie"})
    assert posted.status_code == 200  # the look-up form again, asking for the code
    assert 'name="access_code"' in text(posted)
    assert client_messages(app, ticket, code) == []


def client_messages(app, ticket, code):
    r = app.test_client().get(f"{API}/complaints/{ticket}/messages", headers={"X-Access-Code": code})
    return [m for m in r.json["items"] if m["direction"] == "from_reporter"]


def token_for(client, username):
    r = client.post(f"{API}/auth/token", json={"username": username, "password": PASSWORD})
    assert r.status_code == 200
    return {"Authorization": f"Bearer {r.json['token']}"}


@sqlite_only
def test_an_api_token_can_be_revoked_and_then_opens_nothing(client):
    token, other = token_for(client, "ppid"), token_for(client, "ppid")
    assert client.get(f"{API}/tasks", headers=token).status_code == 200
    assert client.post(f"{API}/auth/logout", headers=token).status_code == 204
    r = client.get(f"{API}/tasks", headers=token)
    assert r.status_code == 401
    assert r.json["code"] == "unauthorized"
    assert client.get(f"{API}/tasks", headers=other).status_code == 200  # only that token


@pytest.fixture
def kawal(settings, monkeypatch):
    monkeypatch.setenv("KAWAL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    runner = CliRunner()
    return lambda *args, input=None: runner.invoke(main, list(args), input=input, catch_exceptions=False)


def test_kawal_users_end_sessions_ends_every_cookie_and_token_of_the_officer(browser, client, kawal):
    page, token = browser("ppid"), token_for(client, "ppid")
    bystander = token_for(client, "petugas")
    result = kawal("users", "end-sessions", "ppid")
    assert result.exit_code == 0, result.output
    assert "2 session(s) of ppid ended" in result.output
    assert client.get(f"{API}/tasks", headers=token).status_code == 401
    assert page.get("/kotak-masuk").status_code == 302
    assert client.get(f"{API}/tasks", headers=bystander).status_code == 200


@sqlite_only
def test_a_password_reset_ends_the_sessions_and_only_the_new_password_works(app, client, kawal):
    token = token_for(client, "ppid")
    result = kawal("users", "reset-password", "ppid", "--password-stdin", input="a-new-password-9\n")
    assert result.exit_code == 0, result.output
    assert client.get(f"{API}/tasks", headers=token).status_code == 401
    old = client.post(f"{API}/auth/token", json={"username": "ppid", "password": PASSWORD})
    assert old.status_code == 401
    new = client.post(f"{API}/auth/token", json={"username": "ppid", "password": "a-new-password-9"})
    assert new.status_code == 200


@sqlite_only
def test_a_deactivated_officer_is_logged_out_everywhere_and_cannot_log_in(browser, client, kawal):
    page, token = browser("ppid"), token_for(client, "ppid")
    assert kawal("users", "deactivate", "ppid").exit_code == 0
    assert client.get(f"{API}/tasks", headers=token).status_code == 401
    assert page.get("/kotak-masuk").status_code == 302
    assert client.post(f"{API}/auth/token", json={"username": "ppid", "password": PASSWORD}).status_code == 401
    assert kawal("users", "activate", "ppid").exit_code == 0
    assert client.post(f"{API}/auth/token", json={"username": "ppid", "password": PASSWORD}).status_code == 200


@sqlite_only
def test_an_unknown_officer_is_a_clear_cli_error(kawal):
    result = CliRunner().invoke(main, ["users", "end-sessions", "nobody"])
    assert result.exit_code != 0
    assert "no officer named 'nobody'" in result.output
