"""An officer's own change of password renews the session it was made in, and its current password is throttled
alike for every officer (engine.accounts.change_own_password).

Before, the browser that changed the password went on under the same session id: a copy of its cookie taken before
the change (a desk left open, a cookie read off a shared machine) still opened the inbox afterwards, although the
change was meant to shut out whoever held the old password or a copy of a session. The API's token went on the same
way. Now the session goes on under a new id, the old id opens nothing, and the API answers the new token.

And the engine let an officer with a second factor past the username-wide limit (the one a guessing run spread over
many addresses reaches) when checking the current password: the login waives it for them because the second factor
still stands in the way, but a password change asks for no second factor, so the waiver there let a session taken
over read the password off by guessing from many addresses. Now every officer waits alike.
"""

import pytest
from sqlalchemy import func, select

from engine import accounts, clock, sessions, throttle, users
from engine.errors import TooMany
from engine.models import LoginFailure, User
from tests.conftest import PASSWORD
from tests.security.test_own_password import MINE, NEW, change, token
from tests.security.test_sessions import COOKIE, copy_of

API = "/api/v1"


def cookie_session_id(app, browser) -> str:
    """The session id a browser's signed cookie carries (Flask-Login's ``_user_id``)."""
    serializer = app.session_interface.get_signing_serializer(app)
    return serializer.loads(browser.client.get_cookie(COOKIE).value)["_user_id"]


def change_on_page(b, current=PASSWORD, new=NEW):
    b.get("/akun")
    return b.post("/akun", {"current_password": current, "new_password": new, "new_password_repeat": new})


def test_the_browser_that_changed_the_password_goes_on_under_a_new_session_id_and_the_old_cookie_opens_nothing(
    app, browser
):
    desk = browser("petugas")
    before, old_id = copy_of(app, desk), cookie_session_id(app, desk)
    assert before.get("/kotak-masuk").status_code == 200  # the copy works while the session is the same
    assert change_on_page(desk).status_code == 303
    assert cookie_session_id(app, desk) != old_id
    assert desk.get("/kotak-masuk").status_code == 200  # the officer goes on, logged in
    assert copy_of(app, desk).get("/kotak-masuk").status_code == 200  # the new cookie opens the pages
    refused = before.get("/kotak-masuk")
    assert refused.status_code == 302
    assert refused.headers["Location"].startswith("/masuk")


def test_a_refused_change_keeps_the_session_id(app, browser):
    desk = browser("petugas")
    old_id = cookie_session_id(app, desk)
    assert change_on_page(desk, current="bukan-sandinya-1").status_code == 422
    assert cookie_session_id(app, desk) == old_id


def test_the_api_answers_a_new_token_for_the_caller_and_the_old_one_opens_nothing(client):
    old = token(client, "petugas")
    r = change(client, old)
    assert r.status_code == 200, r.json
    assert r.json["sessions_ended"] == 0
    new = {"Authorization": f"Bearer {r.json['token']}"}
    assert new != old
    assert client.get(f"{API}/tasks", headers=new).status_code == 200
    refused = client.get(f"{API}/tasks", headers=old)
    assert refused.status_code == 401
    assert refused.json["reason"] == "token_revoked"
    assert client.put(MINE, json={}, headers=old).status_code == 401


# The engine itself, without the web or the API.


@pytest.fixture
def office(session_factory_):
    with session_factory_() as session:
        yield session


def officer(session, username="petugas", second_factor=False) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if second_factor:
        user.totp_enabled_at = clock.now()  # as engine.totp.confirm_enrolment marks it
    return user


def open_web_session(session, user, second_factor=False) -> tuple[str, object]:
    session_id = sessions.open_session(session, "web", 3600, user, second_factor=second_factor)
    return session_id, sessions.find(session, "web", session_id)


def typed(current=PASSWORD, new=NEW, repeated=None) -> accounts.OwnPassword:
    return accounts.OwnPassword(current=current, new=new, repeated=new if repeated is None else repeated)


def failures(session, username) -> int:
    return session.scalar(select(func.count()).select_from(LoginFailure).where(LoginFailure.username == username))


def test_the_engine_renews_the_caller_s_session_keeping_its_officer_second_factor_and_end(office):
    user = officer(office)
    old_id, row = open_web_session(office, user, second_factor=True)
    other_id, _ = open_web_session(office, user)
    ends_at = row.expires_at
    done = accounts.change_own_password(office, row, typed(), address="10.0.0.1", limits=throttle.DEFAULT_LIMITS)
    assert done.ended == 1
    assert done.session_id != old_id
    assert sessions.find(office, "web", old_id) is None
    assert sessions.find(office, "web", other_id) is None
    renewed = sessions.find(office, "web", done.session_id)
    assert (renewed.user_id, renewed.second_factor, renewed.expires_at) == (user.id, True, ends_at)


@pytest.mark.parametrize("second_factor", [False, True], ids=["password only", "with a second factor"])
def test_a_wrong_current_password_is_counted_for_every_officer_alike(office, second_factor):
    user = officer(office, second_factor=second_factor)
    _, row = open_web_session(office, user, second_factor=second_factor)
    with pytest.raises(accounts.WrongPassword):
        accounts.change_own_password(
            office, row, typed(current="bukan-sandinya-1"), address="10.0.0.1", limits=throttle.DEFAULT_LIMITS
        )
    assert failures(office, "petugas") == 1


@pytest.mark.parametrize("second_factor", [False, True], ids=["password only", "with a second factor"])
def test_a_guessing_run_from_many_addresses_stops_the_change_for_every_officer_alike(office, second_factor):
    """The username-wide limit: reached by failures from many addresses, each under its own limits."""
    limits = throttle.Limits(max_failures_per_username=3)
    user = officer(office, second_factor=second_factor)
    _, row = open_web_session(office, user, second_factor=second_factor)
    for n in range(3):
        throttle.record_failure(office, "petugas", f"10.0.1.{n}", limits)
    with pytest.raises(TooMany) as refused:
        accounts.change_own_password(office, row, typed(), address="10.0.2.1", limits=limits)
    assert 0 < refused.value.retry_after <= limits.window_seconds
    assert users.password_matches(user, PASSWORD)  # unchanged, although the current password was right
    assert failures(office, "petugas") == 3  # a refusal is not counted (engine.throttle)
