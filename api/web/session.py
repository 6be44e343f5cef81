"""Officers' browser sessions: Flask-Login over the users table, login and logout pages.

The session is the signed Flask cookie (HttpOnly, SameSite=Lax, Secure in production) and lasts a
working day, like an API token. Only the web pages read it: the REST API authenticates by bearer
token alone (api.auth), so a browser's cookie never authorizes an /api/v1 call and the API needs
no CSRF protection.

Logins go through the database-backed throttle (engine.throttle, via engine.users.attempt_login),
shared with the API's token endpoint: after too many failures the form answers 429.

The session id is ``"<user id>.<password stamp>"``: changing a password ends every session that was
opened with the old one.
"""

from __future__ import annotations

import hashlib
import math
from datetime import timedelta

from flask import current_app, flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user

from api.auth import client_address
from api.errors import retry_after, status_of
from api.extensions import db
from api.web.blueprint import bp
from api.web.layout import nav_items
from api.web.urls import safe_next
from engine.errors import TooMany
from engine.models import User
from engine.throttle import Limits
from engine.users import attempt_login

login_manager = LoginManager()
login_manager.login_view = "web.login"
login_manager.login_message = _l("Please log in to open that page.")
login_manager.login_message_category = "info"
login_manager.localize_callback = str  # flash the message in the visitor's language, as plain text


class SessionUser(UserMixin):
    """The logged-in officer as Flask-Login sees it; ``.user`` is the engine's User row."""

    def __init__(self, user: User):
        self.user = user

    def get_id(self) -> str:
        return f"{self.user.id}.{_stamp(self.user)}"

    @property
    def is_active(self) -> bool:
        return bool(self.user.active)

    @property
    def display_name(self) -> str:
        return self.user.display_name

    @property
    def locale(self) -> str:
        return self.user.locale

    @property
    def group_codes(self) -> frozenset[str]:
        return self.user.group_codes


def _stamp(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


@login_manager.user_loader
def _load_user(session_id: str) -> SessionUser | None:
    user_id, _, stamp = session_id.partition(".")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or stamp != _stamp(user):
        return None
    return SessionUser(user)


def officer() -> User:
    """The engine User behind the current session (views are wrapped in ``login_required``)."""
    return current_user.user


@bp.route("/masuk", methods=["GET", "POST"])
def login():
    target = safe_next(request.values.get("next"))
    if current_user.is_authenticated:
        return redirect(target or landing())
    error = None
    if request.method == "POST":
        username = request.form.get("username", "").strip()
        limits = Limits.of(current_app.config["KAWAL"])
        try:
            user = attempt_login(db.session, username, request.form.get("password", ""), client_address(), limits)
        except TooMany as refused:
            return _too_many(refused, target)
        db.session.commit()  # the failure counts although the form is shown again
        if user is not None:
            session.clear()  # a new session id for a new login: no fixation
            login_user(SessionUser(user))
            session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME, not at browser close only
            flash(_("Welcome, %(name)s.", name=user.display_name), "success")
            return redirect(target or landing())
        error = _("Wrong username or password.")
    return render_template("login.html", error=error, next=target or "", username=request.form.get("username", ""))


def _too_many(refused: TooMany, target: str | None):
    """The login form again, saying how long to wait: 429 whether or not the password was right."""
    minutes = math.ceil(refused.retry_after / 60)
    error = _("Too many failed logins. Wait %(minutes)d minutes and try again.", minutes=minutes)
    page = render_template("login.html", error=error, next=target or "", username=request.form.get("username", ""))
    response = make_response(page, status_of(refused))
    return retry_after(response, refused)


@bp.post("/keluar")
@login_required
def logout():
    logout_user()
    session.clear()
    flash(_("You have logged out."), "success")
    return redirect(url_for("web.login"))


def landing() -> str:
    """The officer's first page: the first navigation item their groups have (the inbox, the auditor console)."""
    items = nav_items()
    return items[0]["url"] if items else url_for("web.inbox")


@bp.get("/")
def home():
    """The front door: the officer's first page, or for everyone else the public portal."""
    if not current_user.is_authenticated:
        return redirect(url_for("web.portal_home"))
    return redirect(landing())


def init_app(app) -> None:
    settings = app.config["KAWAL"]
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # Production runs behind HTTPS; the development demo on http://127.0.0.1 must keep its cookie.
        SESSION_COOKIE_SECURE=settings.production,
        PERMANENT_SESSION_LIFETIME=timedelta(seconds=settings.token_ttl_seconds),
    )
    login_manager.init_app(app)
