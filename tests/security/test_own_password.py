"""An officer's password is their own (engine.accounts.change_own_password, ``PUT /api/v1/me/password``).

Before, only an administrator could set an officer's password, and nothing ever asked the officer to replace the
first one they were handed: the administrator, or whoever saw the slip, could act as the officer, and the hash-chained
histories then named the wrong person. Now an officer changes their own (the current password, the new one twice,
the rules an administrator's password meets); the change ends every other session and token they hold, a wrong
current password counts as a failed login, and a password an administrator set (on creating the account or on a
reset) must be changed before anything else is done with the account. ``kawal users`` at the server does not ask for
it: whoever types a password at the server's prompt is taken to be the one who will use it (the first
administrator, README's Production step 5).
"""

from click.testing import CliRunner
from sqlalchemy import select

from api.cli import main
from api.extensions import db
from engine import access_log
from engine.models import User
from tests.conftest import PASSWORD
from tests.security.test_lockout import enrolled
from tests.web.pages import Browser

API = "/api/v1"
MINE = f"{API}/me/password"
NEW = "meja-depan-baru-77"
SARI = {
    "username": "sari.w",
    "display_name": "Sari Wulandari, S.Kom.",
    "unit": "KANWIL",
    "groups": ["petugas_layanan"],
    "password": "lembar-kerja-2026",
}


def token(client, username, password=PASSWORD):
    r = client.post(f"{API}/auth/token", json={"username": username, "password": password})
    assert r.status_code == 200, r.json
    return {"Authorization": f"Bearer {r.json['token']}"}


def change(client, headers, current=PASSWORD, new=NEW, repeat=None):
    body = {"current_password": current, "new_password": new, "new_password_repeat": new if repeat is None else repeat}
    return client.put(MINE, json=body, headers=headers)


def renewed(r) -> dict:
    """The headers with the token a change answered: the caller's session goes on under a new id."""
    return {"Authorization": f"Bearer {r.json['token']}"}


def test_an_officer_changes_their_own_password_and_logs_in_with_the_new_one_only(client):
    headers = token(client, "petugas")
    r = change(client, headers)
    assert r.status_code == 200, r.json
    assert r.json["sessions_ended"] == 0
    assert client.get(f"{API}/tasks", headers=renewed(r)).status_code == 200  # this session goes on, renewed
    refused = client.post(f"{API}/auth/token", json={"username": "petugas", "password": PASSWORD})
    assert refused.status_code == 401
    token(client, "petugas", NEW)


def test_the_change_ends_the_officer_s_other_tokens_and_page_sessions_and_keeps_this_one(app, client):
    here, elsewhere = token(client, "petugas"), token(client, "petugas")
    laptop = Browser(app.test_client())
    assert laptop.login("petugas").status_code == 302
    assert laptop.get("/kotak-masuk").status_code == 200
    colleague = token(client, "petugas2")
    r = change(client, here)
    assert r.json["sessions_ended"] == 2
    assert client.get(f"{API}/tasks", headers=renewed(r)).status_code == 200
    assert client.get(f"{API}/tasks", headers=elsewhere).status_code == 401
    assert laptop.get("/kotak-masuk").status_code == 302  # back to the login page
    assert client.get(f"{API}/tasks", headers=colleague).status_code == 200  # nobody else's


def test_a_wrong_current_password_is_refused_and_counted_as_a_failed_login(client):
    headers = token(client, "petugas")
    for _ in range(5):  # KAWAL_LOGIN_MAX_FAILURES
        r = change(client, headers, current="bukan-sandinya-1")
        assert r.status_code == 422, r.json
        assert r.json["reason"] == "password_not_changed"
        assert r.json["errors"] == {"current_password": ["salah"]}
    r = change(client, headers)  # the right one too, now: the throttle answers before the password is read
    assert r.status_code == 429
    assert r.json["reason"] == "too_many_logins"
    assert int(r.headers["Retry-After"]) > 0
    # the same count as the login's: guessing through the form does not add tries to the login's
    assert client.post(f"{API}/auth/token", json={"username": "petugas", "password": PASSWORD}).status_code == 429
    assert client.get(f"{API}/tasks", headers=headers).status_code == 200  # not logged out by it


def test_a_new_password_the_rules_refuse_is_refused_beside_its_field_and_nothing_changes(client, unchanged):
    headers = token(client, "petugas")
    with unchanged():
        weak = change(client, headers, new="password")
        assert weak.status_code == 422
        assert weak.json["errors"] == {
            "new_password": ["terlalu mudah ditebak: termasuk kata sandi yang paling umum, atau pola berulang"]
        }
        assert change(client, headers, new="petugas-2026-x").json["errors"] == {
            "new_password": ["tidak boleh memuat nama pengguna"]
        }
        assert change(client, headers, new="pendek").json["errors"] == {"new_password": ["sedikitnya 8 karakter"]}
        assert change(client, headers, repeat="meja-depan-baru-78").json["errors"] == {
            "new_password_repeat": ["tidak sama dengan kata sandi baru"]
        }
        assert change(client, headers, new=PASSWORD).json["errors"] == {
            "new_password": ["harus berbeda dari kata sandi sekarang"]
        }
        assert client.put(MINE, json={"current_password": PASSWORD}, headers=headers).status_code == 422
    assert client.put(MINE, json={"current_password": PASSWORD}).status_code == 401


def test_the_change_is_in_the_officer_s_account_history_by_the_officer_and_the_chain_holds(app, client, login):
    change(client, token(client, "petugas"))
    r = client.get(f"{API}/users/petugas", headers=login("admin"))
    assert [(h["type"], h["actor"], h["data"]) for h in r.json["history"]] == [
        ("password_changed", "petugas", {"sessions": 0})
    ]
    assert NEW not in str(r.json)
    assert PASSWORD not in str(r.json)
    with app.app_context():
        assert access_log.verify(db.session)[access_log.OFFICER].broken_at is None


def test_a_password_an_administrator_gave_must_be_changed_before_the_api_does_anything_else(client, login):
    assert client.post(f"{API}/users", json=SARI, headers=login("admin")).status_code == 201
    sari, spare = token(client, "sari.w", SARI["password"]), token(client, "sari.w", SARI["password"])
    for path in ("/tasks", "/cases/PPID-2026-000001", "/dashboard"):
        r = client.get(f"{API}{path}", headers=sari)
        assert r.status_code == 403, (path, r.json)
        assert r.json["code"] == "password_change_required"
        assert r.json["message"] == (
            "ganti dahulu kata sandi yang diberikan administrator: PUT /api/v1/me/password, atau masuk di /masuk"
        )
    assert client.post(f"{API}/auth/logout", headers=spare).status_code == 204  # logging out is allowed
    r = change(client, sari, current=SARI["password"])
    assert r.status_code == 200
    assert client.get(f"{API}/tasks", headers=renewed(r)).status_code == 200
    assert token(client, "sari.w", NEW)


def test_a_password_an_administrator_reset_must_be_changed_too(app, client, login):
    admin = login("admin")
    r = client.put(f"{API}/users/petugas/password", json={"password": "sementara-2026"}, headers=admin)
    assert r.status_code == 200, r.json
    petugas = token(client, "petugas", "sementara-2026")
    assert client.get(f"{API}/tasks", headers=petugas).json["code"] == "password_change_required"
    r = change(client, petugas, current="sementara-2026")
    assert r.status_code == 200
    assert client.get(f"{API}/tasks", headers=renewed(r)).status_code == 200
    history = [(h["type"], h["actor"]) for h in client.get(f"{API}/users/petugas", headers=admin).json["history"]]
    assert history == [("password_changed", "petugas"), ("password_set", "admin")]


def test_an_officer_the_server_s_command_line_created_is_not_asked_to_change_it(app, client, db_url):
    runner = CliRunner(env={"KAWAL_ENV": "test", "KAWAL_DATABASE_URL": db_url})
    made = runner.invoke(
        main, ["users", "create", "kepala.it", "--group", "admin", "--password-stdin"], input="server-prompt-2026\n"
    )
    assert made.exit_code == 0, made.output
    assert client.get(f"{API}/users", headers=token(client, "kepala.it", "server-prompt-2026")).status_code == 200
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "kepala.it"))
        assert user.must_change_password is False


def test_an_officer_with_a_second_factor_is_throttled_on_a_wrong_current_password_too(app, client):
    """The login lets a second factor's holder through the throttle, so a stranger's guesses from elsewhere cannot
    lock them out; asking to change the password, the one guessing is signed in already (a session taken over, a desk
    left open), and unthrottled they could read the password off by guessing it."""
    headers = token(client, "petugas")
    enrolled(app, "petugas")
    for _ in range(5):  # KAWAL_LOGIN_MAX_FAILURES
        assert change(client, headers, current="bukan-sandinya-1").status_code == 422
    r = change(client, headers)
    assert r.status_code == 429
    assert r.json["reason"] == "too_many_logins"
