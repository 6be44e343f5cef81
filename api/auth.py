"""Bearer tokens for the API: signed, expiring, naming a server-side session (engine.sessions).

The token carries the officer's id and the session's random id; the session's row must still exist,
so a token stops working when it is revoked (``POST /auth/logout``), when the officer's sessions are
ended (``kawal users end-sessions``, a password reset, a deactivation, their own change of password: made
elsewhere, or with this token, which the change answers with a new one for the same session), or when it expires.

An officer whose password an administrator set (``User.must_change_password``) gets 403
``password_change_required`` from every endpoint but the change itself (``PUT /me/password``) and the logout,
until they have changed it.
"""

from functools import wraps

from flask import current_app, g, request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from api.extensions import db
from engine import sessions
from engine.accounts import PasswordChangeRequired
from engine.errors import Unauthorized
from engine.models import AuthSession, User

SALT = "kawal-api-token"
# What an officer whose password an administrator set may do before they change it (api.views.auth).
BEFORE_PASSWORD_CHANGE = frozenset({"auth.change_own_password", "auth.logout"})


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def issue_token(user: User, second_factor: bool = False) -> str:
    """A new token and its session row; the caller commits."""
    ttl = current_app.config["KAWAL"].token_ttl_seconds
    session_id = sessions.open_session(db.session, "api", ttl, user, second_factor=second_factor)
    return token_for(user, session_id)


def token_for(user: User, session_id: str) -> str:
    """The token of an open API session of ``user`` (a new one, or one given a new id: engine.sessions.rotate)."""
    return _serializer().dumps({"uid": user.id, "sid": session_id})


def current_session() -> AuthSession | None:
    """The session behind the request's token (after ``current_user``), e.g. to ask whether it passed TOTP."""
    current_user(required=False)
    return g.get("auth_session")


def _token_session(header: str) -> tuple[AuthSession, User]:
    try:
        data = _serializer().loads(header[7:].strip(), max_age=current_app.config["KAWAL"].token_ttl_seconds)
    except (BadSignature, SignatureExpired):
        raise Unauthorized("token_expired") from None
    found = sessions.find_with_user(db.session, "api", data.get("sid")) if isinstance(data, dict) else None
    if found is None or found[0].user_id != data.get("uid"):
        raise Unauthorized("token_revoked")
    return found


def current_user(required: bool = True) -> User | None:
    if "user" in g:
        return g.user
    header = request.headers.get("Authorization", "")
    user = None
    if header.startswith("Bearer "):
        row, user = _token_session(header)
        if not user.active:
            raise Unauthorized("token_invalid")
        if user.must_change_password and request.endpoint not in BEFORE_PASSWORD_CHANGE:
            raise PasswordChangeRequired("password_change_required")
        g.auth_session = row
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
    """The caller's address as the throttles and quotas count it: the connection's peer.

    ``X-Forwarded-For`` is not read by default, since any caller can write it. Behind a reverse proxy
    set ``KAWAL_TRUSTED_PROXIES`` to the number of proxies in front: the app is then wrapped in
    werkzeug's ``ProxyFix``, which makes this the address the nearest trusted proxy saw (api.create_app).
    """
    return request.remote_addr
