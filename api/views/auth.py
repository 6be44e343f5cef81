from flask import current_app
from flask_smorest import Blueprint

from api.auth import client_address, current_session, issue_token, login_required
from api.boundary import runtime
from api.extensions import db
from api.schemas import TokenRequest, TokenResponse
from engine import sessions
from engine.login import token_login

blp = Blueprint("auth", __name__, description="Officer login")


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
