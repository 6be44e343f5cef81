from flask import current_app
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from api.auth import client_address, current_session, current_user, issue_token, login_required, token_for
from api.boundary import runtime
from api.extensions import db
from api.schemas import TokenRequest, TokenResponse
from engine import accounts, sessions, throttle
from engine.login import token_login

blp = Blueprint("auth", __name__, description="Officer login, and the officer's own password")


class OwnPasswordBody(Schema):
    current_password = fields.String(required=True, load_only=True)
    new_password = fields.String(
        required=True, load_only=True, metadata={"description": "at least 8 characters, not a common one"}
    )
    new_password_repeat = fields.String(
        required=True, load_only=True, metadata={"description": "the new password again"}
    )


class OwnPasswordChanged(Schema):
    sessions_ended = fields.Integer(metadata={"description": "the officer's other page sessions and tokens ended"})
    token = fields.String(
        metadata={"description": "the bearer token to go on with: the one the change was made with opens nothing now"}
    )


@blp.post("/auth/token")
@blp.arguments(TokenRequest)
@blp.response(200, TokenResponse)
@blp.alt_response(401, description="Wrong credentials, or the second factor's code is missing or wrong")
@blp.alt_response(403, description="The officer must first set up a second factor on the login page (/masuk)")
@blp.alt_response(429, description="Too many failed logins for the username or from the address; see Retry-After")
def token(body):
    """Exchange a username and password (and, where needed, the authenticator's code) for a bearer token.

    Officers of the groups in ``KAWAL_SECOND_FACTOR_GROUPS`` (by default WBS managers and admins), and
    anyone who has set one up, give the current code of their authenticator app (or a recovery code)
    in ``otp``. After repeated failures (``KAWAL_LOGIN_MAX_FAILURES`` for an address and username,
    ``KAWAL_LOGIN_MAX_FAILURES_PER_ADDRESS`` from an address, within ``KAWAL_LOGIN_WINDOW_SECONDS``)
    the answer is 429 with ``Retry-After``, whatever the password.
    """
    settings = current_app.config["KAWAL"]
    login = token_login(
        db.session, settings, runtime().vault, body["username"], body["password"], body.get("otp"), client_address()
    )
    db.session.commit()  # the failure counts although the request is refused
    if login.refusal is not None:
        raise login.refusal
    token = issue_token(login.user, second_factor=login.second_factor)
    db.session.commit()
    return {"token": token}


@blp.post("/auth/logout")
@login_required
@blp.response(204)
def logout():
    """Revoke the token of this request: it opens nothing from now on."""
    sessions.end_row(db.session, current_session())
    db.session.commit()


@blp.put("/me/password")
@login_required
@blp.arguments(OwnPasswordBody)
@blp.response(200, OwnPasswordChanged)
@blp.alt_response(422, description="A field is refused: the current password is wrong, or the new one breaks a rule")
@blp.alt_response(429, description="Too many failed logins or wrong current passwords; see Retry-After")
def change_own_password(body):
    """Change your own password: the current one, and the new one twice.

    Every other page session and token of yours ends; this one goes on under a new id: use the ``token`` of the
    answer from now on (the one the change was made with opens nothing, so a copy of it taken before does not outlive
    the change). A wrong current password counts as a failed login (the same limits as ``POST /auth/token``). An
    officer whose password an administrator set (a new account, a reset) must call this first: every other endpoint
    but ``POST /auth/logout`` answers 403 ``password_change_required`` until then.
    """
    user = current_user()
    typed = accounts.OwnPassword(body["current_password"], body["new_password"], body["new_password_repeat"])
    limits = throttle.Limits.of(current_app.config["KAWAL"])
    try:
        done = accounts.change_own_password(
            db.session, current_session(), typed, address=client_address(), limits=limits
        )
    except accounts.WrongPassword:
        db.session.commit()  # the failure counts although the change is refused
        raise
    db.session.commit()
    return {"sessions_ended": done.ended, "token": token_for(user, done.session_id)}
