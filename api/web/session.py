"""Officers' browser sessions: Flask-Login over the users table, login and logout pages.

The session is the signed Flask cookie (HttpOnly, SameSite=Lax, Secure in production) and lasts a
working day, like an API token. Only the web pages read it: the REST API authenticates by bearer
token alone (api.auth), so a browser's cookie never authorizes an /api/v1 call and the API needs
no CSRF protection.

Logins go through the database-backed throttle (engine.throttle, via engine.login), shared with the
API's token endpoint: after too many failures the form answers 429. An officer who needs a second
factor (engine.totp) gives the authenticator's code on a second page (``/masuk/kode``), or first sets
one up (``/masuk/faktor-kedua``): a QR code, then one-time recovery codes shown once.

The session is server-side (engine.sessions): the cookie carries a random id whose row must exist, so
logging out ends the session for a copy of the cookie too, and ``kawal users end-sessions``, a password
reset or a deactivation end every session of the officer (their own change of password ends every other one, and
the one it was made in goes on under a new id: ``sign_in`` again, api.web.account).
An officer whose password an administrator set changes it next, on their account page (api.web.account).
"""

from __future__ import annotations

import math
import time
from datetime import timedelta

from flask import current_app, flash, make_response, redirect, render_template, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user

from api.auth import client_address
from api.boundary import runtime
from api.errors import retry_after, status_of
from api.extensions import db
from api.web.blueprint import bp
from api.web.layout import nav_items
from api.web.security import API_PREFIX
from api.web.urls import safe_next
from engine import sessions, totp
from engine.errors import TooMany
from engine.login import Login, code_step, password_step
from engine.models import AuthSession, User

PENDING_KEY = "login_pending"  # an officer whose password was right and whose second factor is asked next
PENDING_FOR = 5 * 60  # seconds to type the code after the password

login_manager = LoginManager()
login_manager.login_view = "web.login"
login_manager.login_message = _l("Please log in to open that page.")
login_manager.login_message_category = "info"
login_manager.localize_callback = str  # flash the message in the visitor's language, as plain text


class SessionUser(UserMixin):
    """The logged-in officer as Flask-Login sees it; ``.user`` is the engine's User row."""

    def __init__(self, user: User, session_id: str, second_factor: bool = False, row: AuthSession | None = None):
        self.user = user
        self.session_id = session_id
        self.second_factor = second_factor
        self.row = row  # the session's row, as the request loaded it (None right after the login)

    def get_id(self) -> str:
        return self.session_id

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


class PageCookie(SecureCookieSessionInterface):
    """The signed session cookie, opened for the pages only. An /api/ request gets Flask's null session (empty,
    refusing writes): the API never reads the cookie (see above), and checking its signature and signing it
    again cost every API request 60 us (bench/request_lifecycle.py's requests, measured in one process)."""

    def open_session(self, app, req):
        if req.path.startswith(API_PREFIX):
            return None
        return super().open_session(app, req)


@login_manager.user_loader
def _load_user(session_id: str) -> SessionUser | None:
    found = sessions.find_with_user(db.session, "web", session_id)  # one statement, as the API's token (api.auth)
    if found is None or not found[1].active:
        return None
    row, user = found
    return SessionUser(user, session_id, row.second_factor, row)


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
        settings = current_app.config["KAWAL"]
        try:
            step = password_step(db.session, settings, username, request.form.get("password", ""), client_address())
        except TooMany as refused:
            return _too_many(refused, target)
        db.session.commit()  # the failure counts although the form is shown again
        if step.complete:
            return _logged_in(step, target)
        if step.refusal is None:  # the password was right: the second factor next, or its set-up first
            session.clear()
            session[PENDING_KEY] = {"uid": step.user.id, "until": time.time() + PENDING_FOR, "next": target}
            return redirect(url_for("web.login_enrol" if step.needs_enrolment else "web.login_code"))
        error = _("Wrong username or password.")
    return render_template("login.html", error=error, next=target or "", username=request.form.get("username", ""))


def _logged_in(step: Login, target: str | None):
    """Open the officer's server-side session and go on (a new cookie session: no fixation)."""
    settings = current_app.config["KAWAL"]
    session_id = sessions.open_session(
        db.session, "web", settings.token_ttl_seconds, step.user, second_factor=step.second_factor
    )
    db.session.commit()
    sign_in(step.user, session_id, step.second_factor)
    name = step.user.display_name
    # A name that ends with a full stop (a title: "S.Kom.") ends the sentence too: not a second one after it.
    flash(_("Welcome, %(name)s", name=name) if name.endswith(".") else _("Welcome, %(name)s.", name=name), "success")
    return redirect(target or landing())


def sign_in(user: User, session_id: str, second_factor: bool) -> None:
    """Carry the (committed) session ``session_id`` in a new cookie session, dropping whatever the old one held (its
    CSRF token too): after a login, and after the officer's own change of password renewed the session's id."""
    session.clear()
    login_user(SessionUser(user, session_id, second_factor))
    session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME, not at browser close only


def _pending() -> tuple[User | None, str | None]:
    """The officer between the password and the second factor, if the password was typed lately."""
    pending = session.get(PENDING_KEY)
    if not pending or pending.get("until", 0) < time.time():
        session.pop(PENDING_KEY, None)
        return None, None
    user = db.session.get(User, pending["uid"])
    return (user, pending.get("next")) if user is not None and user.active else (None, None)


@bp.route("/masuk/kode", methods=["GET", "POST"])
def login_code():
    """The second step: the code from the authenticator app, or one of the recovery codes."""
    user, target = _pending()
    if user is None or not totp.enrolled(user):
        flash(_("Please log in again."), "info")
        return redirect(url_for("web.login"))
    error = None
    if request.method == "POST":
        settings = current_app.config["KAWAL"]
        try:
            step = code_step(db.session, settings, runtime().vault, user, request.form.get("code"), client_address())
        except TooMany as refused:
            session.pop(PENDING_KEY, None)
            return _too_many(refused, target)
        db.session.commit()
        if step.complete:
            return _logged_in(step, target)
        error = _("Wrong code. Type the code your authenticator app shows now, or a recovery code.")
    return render_template("login_code.html", error=error), 200 if error is None else 401


@bp.route("/masuk/faktor-kedua", methods=["GET", "POST"])
def login_enrol():
    """Setting up the second factor: scan the QR code, type the first code, keep the recovery codes."""
    user, target = _pending()
    if user is None or totp.enrolled(user):
        flash(_("Please log in again."), "info")
        return redirect(url_for("web.login"))
    vault = runtime().vault
    secret = totp.begin_enrolment(db.session, vault, user)
    db.session.commit()
    error = None
    if request.method == "POST":
        codes = totp.confirm_enrolment(db.session, vault, user, request.form.get("code", ""))
        if codes is not None:
            response = _logged_in(Login(user, second_factor=True), target)
            page = make_response(render_template("login_recovery.html", codes=codes, next=response.location))
            page.headers["Cache-Control"] = "no-store"
            return page
        error = _("Wrong code. Type the code your authenticator app shows now.")
    uri = totp.provisioning_uri(secret, user)
    page = render_template("login_enrol.html", qr=totp.qr_svg(uri), secret=secret, error=error)
    response = make_response(page, 200 if error is None else 422)
    response.headers["Cache-Control"] = "no-store"
    return response


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
    sessions.end(db.session, current_user.get_id())  # a copy of the cookie opens nothing from now on
    db.session.commit()
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
    app.session_interface = PageCookie()
    login_manager.init_app(app)
