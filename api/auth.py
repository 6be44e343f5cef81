"""Bearer tokens for the API: signed, expiring, carrying only the user id."""

from functools import wraps

from flask import current_app, g, request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from api.extensions import db
from engine.errors import Unauthorized
from engine.models import User

SALT = "kawal-api-token"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def issue_token(user: User) -> str:
    return _serializer().dumps({"uid": user.id})


def current_user(required: bool = True) -> User | None:
    if "user" in g:
        return g.user
    header = request.headers.get("Authorization", "")
    user = None
    if header.startswith("Bearer "):
        try:
            data = _serializer().loads(header[7:].strip(), max_age=current_app.config["KAWAL"].token_ttl_seconds)
        except (BadSignature, SignatureExpired):
            raise Unauthorized("token_expired") from None
        user = db.session.get(User, data.get("uid"))
        if user is None or not user.active:
            raise Unauthorized("token_invalid")
    elif header:
        raise Unauthorized("bearer_expected")
    if user is None and required:
        raise Unauthorized("login_required")
    g.user = user
    return user


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        current_user(required=True)
        return view(*args, **kwargs)

    return wrapper


def client_address() -> str | None:
    """The caller's address as the login throttle counts it: the connection's peer.

    ``X-Forwarded-For`` is not read, since any caller can write it. Behind a reverse proxy every
    caller therefore shares the proxy's address, and with it the per-address failure budget, until
    the app is wrapped in werkzeug's ``ProxyFix`` with the number of proxies to trust.
    """
    return request.remote_addr
