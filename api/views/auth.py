from flask import current_app
from flask_smorest import Blueprint

from api.auth import client_address, issue_token
from api.extensions import db
from api.schemas import TokenRequest, TokenResponse
from engine.errors import Unauthorized
from engine.throttle import Limits
from engine.users import attempt_login

blp = Blueprint("auth", __name__, description="Officer login")


@blp.post("/auth/token")
@blp.arguments(TokenRequest)
@blp.response(200, TokenResponse)
@blp.alt_response(429, description="Too many failed logins for the username or from the address; see Retry-After")
def token(body):
    """Exchange a username and password for a bearer token.

    After repeated failures (``KAWAL_LOGIN_MAX_FAILURES`` for a username, or
    ``KAWAL_LOGIN_MAX_FAILURES_PER_ADDRESS`` from an address, within ``KAWAL_LOGIN_WINDOW_SECONDS``)
    the answer is 429 with ``Retry-After``, whatever the password.
    """
    limits = Limits.of(current_app.config["KAWAL"])
    user = attempt_login(db.session, body["username"], body["password"], client_address(), limits)
    db.session.commit()  # the failure counts although the request is refused
    if user is None:
        raise Unauthorized("wrong_login")
    return {"token": issue_token(user)}
