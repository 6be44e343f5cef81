"""The officer's own account page (``/akun``, linked from their name in the header): who they are to Kawal, and the
change of their own password (engine.accounts.change_own_password, as ``PUT /api/v1/me/password``). The browser goes
on logged in under a new session id (a copy of its cookie taken before opens nothing); every other session and token
of the officer ends.

An officer whose password an administrator set (a new account, a reset: ``User.must_change_password``) is sent here
from every other page until they have changed it, and then on to the page they had asked for. The login comes first,
with the second factor's set-up where their group needs one (api.web.session); then this page. They may still log
out, or switch the language.
"""

from __future__ import annotations

import math

from flask import current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from api.auth import client_address
from api.errors import retry_after, status_of
from api.extensions import db
from api.web.blueprint import bp
from api.web.display import GROUP_LABELS
from api.web.i18n import field_errors
from api.web.security import is_api_request
from api.web.session import landing, officer, sign_in
from api.web.urls import here, safe_next
from engine import accounts, throttle, totp
from engine.errors import Invalid, TooMany
from engine.models import Unit

# What an officer who must change their password may still open: this page, the logout, the language switch and the
# pages' own files.
BEFORE_PASSWORD_CHANGE = frozenset({"web.account", "web.logout", "web.switch_language", "web.static"})


@bp.before_app_request
def _password_first():
    """Send an officer whose password an administrator set to this page, with where they were going."""
    if is_api_request() or request.endpoint is None or request.endpoint in BEFORE_PASSWORD_CHANGE:
        return None
    if not (current_user.is_authenticated and current_user.user.must_change_password):
        return None
    if request.method == "GET":
        return redirect(url_for("web.account", next=here()))
    return redirect(url_for("web.account"), 303)


@bp.route("/akun", methods=["GET", "POST"])
@login_required
def account():
    user = officer()
    target = safe_next(request.values.get("next"))
    errors, alert, status = {}, None, 200
    if request.method == "POST":
        forced = user.must_change_password
        form = request.form
        typed = accounts.OwnPassword(
            form.get("current_password"), form.get("new_password"), form.get("new_password_repeat")
        )
        limits = throttle.Limits.of(current_app.config["KAWAL"])
        try:
            done = accounts.change_own_password(
                db.session, current_user.row, typed, address=client_address(), limits=limits
            )
        except accounts.WrongPassword as error:
            db.session.commit()  # the failure counts, as a failed login's
            errors, status = field_errors(error.fields), 422
        except Invalid as error:
            db.session.rollback()
            errors, status = field_errors(error.fields), 422
        except TooMany as refused:
            minutes = math.ceil(refused.retry_after / 60)
            alert = _("Too many wrong passwords. Wait %(minutes)d minutes and try again.", minutes=minutes)
            response = make_response(_page(user, errors, alert, target), status_of(refused))
            return retry_after(response, refused)
        else:
            db.session.commit()
            sign_in(user, done.session_id, current_user.second_factor)
            flash(
                _("Your password is changed. Other sessions that were open ended: %(num)d.", num=done.ended), "success"
            )
            return redirect(target or (landing() if forced else url_for("web.account")), 303)
    return _page(user, errors, alert, target), status


def _page(user, errors: dict, alert: str | None, target: str | None) -> str:
    unit = db.session.get(Unit, user.unit_id) if user.unit_id else None
    facts = [
        (_("Name"), user.display_name),
        (_("Username"), user.username),
        (_("Groups"), ", ".join(str(GROUP_LABELS.get(g, g)) for g in sorted(user.own_group_codes))),
        (_("Unit"), unit.name if unit else ""),
        (_("Second factor"), _("Set up") if totp.enrolled(user) else _("Not set up")),
    ]
    return render_template(
        "account.html",
        facts=facts,
        errors=errors,
        alert=alert,
        next=target or "",
        forced=user.must_change_password,
    )
