"""The administrator's users pages (``/pengguna``): every officer, a new one, and one officer's account with what
a help desk does to it (engine.accounts: the same verbs as ``/api/v1/users`` and ``kawal users``).

A refusal of a form comes back beside its field (422) and changes nothing; a refused action (deactivating one's own
account, the office's last administrator) comes back as a message on the officer's page.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from api.boundary import runtime
from api.extensions import db
from api.web import display
from api.web.blueprint import bp
from api.web.display import GROUP_LABELS
from api.web.i18n import field_errors, translated
from api.web.layout import NAV, NavItem
from api.web.session import officer
from engine import access, accounts, users
from engine.errors import Conflict, Invalid
from engine.letters import signers

NAV.append(NavItem("web.users_page", _l("Officers' accounts"), frozenset({"admin"})))
# The administrator records an officer's leave (engine.absence.can_mark; each lane officer's row links to it too): next
# to the accounts, not first, where the admin lands. The lanes' officers have it in their menu already (api.web.layout).
NAV.append(NavItem("web.absences", _l("Leave"), frozenset({"admin"})))

EVENT_LABELS = {
    "account_created": _l("Account created"),
    "account_changed": _l("Account changed"),
    "account_deactivated": _l("Deactivated"),
    "account_activated": _l("Activated"),
    "password_set": _l("New password set"),
    "password_changed": _l("Password changed by the officer"),
    "second_factor_removed": _l("Second factor removed"),
    "sessions_ended": _l("Sessions ended"),
    # A colleague's leave (engine.absence): the stand-in given the lanes they lacked for it, and its cancellation.
    "leave_lanes_granted": _l("Lanes granted to stand in for a colleague's leave"),
    "leave_lanes_withdrawn": _l("Leave cancelled: the lanes granted for it withdrawn"),
}
# The withdrawal the reconcile sweep records when the leave ends by its date (engine.leave_returns: ``ended``).
LEAVE_ENDED = _l("Leave over: the lanes granted for it withdrawn")
FIELD_LABELS = {
    "display_name": _l("Name"),
    "email": _l("E-mail"),
    "nip": _l("NIP"),
    "unit": _l("Unit"),
    "groups": _l("Groups"),
}
BLANK = {"username": "", "display_name": "", "email": "", "nip": "", "unit": users.DEFAULT_UNIT[0], "groups": []}


def _admin():
    user = officer()
    access.require_admin(user)
    return user


def _form() -> dict:
    form = request.form
    return {
        "username": form.get("username", ""),
        "display_name": form.get("display_name", ""),
        "email": form.get("email", ""),
        "nip": form.get("nip", ""),
        "unit": form.get("unit", ""),
        "groups": form.getlist("groups"),
    }


def _choices(keep: int | None = None) -> dict:
    """The units an account may choose (the active ones, and ``keep``, its own), the groups."""
    units = users.units(db.session, active_only=True, keep=keep)
    return {"units": units, "groups": list(users.GROUPS), "group_labels": GROUP_LABELS}


@bp.get("/pengguna")
@login_required
def users_page():
    _admin()
    rows = [accounts.summary(db.session, u) for u in accounts.officers(db.session)]
    # Who signs each lane's letters, as a letter issued now prints it: what the accounts and KAWAL_SIGNATORY_* decide.
    signing = signers.overview(db.session, runtime().settings)
    return render_template("users.html", officers=rows, group_labels=GROUP_LABELS, signing=signing)


@bp.route("/pengguna/baru", methods=["GET", "POST"])
@login_required
def user_new():
    admin = _admin()
    values, errors = dict(BLANK), {}
    if request.method == "POST":
        values = _form()
        try:
            created = accounts.create(db.session, admin.username, values | {"password": request.form.get("password")})
        except Invalid as error:
            db.session.rollback()
            errors = field_errors(error.fields)
        else:
            db.session.commit()
            flash(_("%(name)s can log in now.", name=created.display_name), "success")
            return redirect(url_for("web.user_page", username=created.username), 303)
    page = render_template("user_new.html", values=values, errors=errors, **_choices())
    return page, (422 if errors else 200)


@bp.route("/pengguna/<username>", methods=["GET", "POST"])
@login_required
def user_page(username: str):
    admin = _admin()
    user = accounts.require(db.session, username)
    errors = {}
    values = accounts.summary(db.session, user)
    if request.method == "POST":
        values = {**values, **_form(), "username": user.username}
        try:
            changed = accounts.change(db.session, admin.username, user, {k: values[k] for k in accounts.FIELDS})
        except Invalid as error:
            db.session.rollback()
            errors = field_errors(error.fields)
        else:
            db.session.commit()
            flash(_("The account is saved.") if changed else _("Nothing changed."), "success" if changed else "info")
            return redirect(url_for("web.user_page", username=user.username), 303)
    return _account_page(admin, user, values, errors)


@bp.post("/pengguna/<username>/kata-sandi")
@login_required
def user_password(username: str):
    admin = _admin()
    user = accounts.require(db.session, username)
    try:
        ended = accounts.set_password(db.session, admin.username, user, request.form.get("password", ""))
    except Invalid as error:
        db.session.rollback()
        values = accounts.summary(db.session, user)
        return _account_page(admin, user, values, {}, password_errors=field_errors(error.fields))
    db.session.commit()
    said = _(
        "The new password is set; sessions ended: %(num)d. Give it to the officer in person: they change it at their "
        "next login.",
        num=ended,
    )
    flash(said, "success")
    return redirect(url_for("web.user_page", username=user.username), 303)


@bp.post("/pengguna/<username>/<any(nonaktifkan, aktifkan, 'faktor-kedua', sesi):action>")
@login_required
def user_action(username: str, action: str):
    admin = _admin()
    user = accounts.require(db.session, username)
    try:
        if action == "nonaktifkan":
            done = accounts.deactivate(db.session, admin.username, user)
            said = _(
                "%(name)s can no longer log in. Sessions ended: %(sessions)d; claimed tasks sent back to their "
                "queues: %(tasks)d.",
                name=user.display_name,
                sessions=done.sessions,
                tasks=done.released,
            )
        elif action == "aktifkan":
            accounts.activate(db.session, admin.username, user)
            said = _("%(name)s can log in again.", name=user.display_name)
        elif action == "faktor-kedua":
            ended = accounts.remove_second_factor(db.session, admin.username, user)
            said = _("The second factor is removed: the officer sets it up again at the next login. Sessions "
                     "ended: %(num)d.", num=ended)  # fmt: skip
        else:
            ended = accounts.end_sessions(db.session, admin.username, user)
            said = _("Sessions ended: %(num)d.", num=ended)
    except Conflict as error:
        db.session.rollback()
        flash(translated(error.message), "error")
        return redirect(url_for("web.user_page", username=user.username), 303)
    db.session.commit()
    flash(said, "success")
    return redirect(url_for("web.user_page", username=user.username), 303)


def change_text(type_: str, data: dict) -> str:
    """What was done to an account, in the visitor's words: "Account changed: Groups. Groups added: PPID"."""
    text = str(LEAVE_ENDED if data.get("ended") else EVENT_LABELS.get(type_, type_))
    if data.get("fields"):
        text += ": " + ", ".join(str(FIELD_LABELS.get(f, f)) for f in data["fields"])
    if data.get("added"):
        text += ". " + _("Groups added:") + " " + ", ".join(str(GROUP_LABELS.get(g, g)) for g in data["added"])
    if data.get("removed"):
        text += ". " + _("Groups removed:") + " " + ", ".join(str(GROUP_LABELS.get(g, g)) for g in data["removed"])
    if data.get("released"):
        text += ". " + _("Claimed tasks sent back to their queues: %(num)d", num=data["released"])
    if data.get("lanes"):  # a leave's grant: which lanes, for whose leave, from when to when
        text += ": " + ", ".join(str(GROUP_LABELS.get(g, g)) for g in data["lanes"])
        text += ". " + _(
            "For the leave of %(name)s, %(first)s – %(last)s",
            name=display.officer_name(data.get("for")),
            first=display.iso_date(data.get("first_day", "")),
            last=display.iso_date(data.get("last_day", "")),
        )
    return text


def _account_page(admin, user, values, errors, password_errors=None):
    history = [
        {"at": row.at, "text": change_text(row.type, row.data or {}), "by": display.changed_by(row.actor, "users")}
        for row in accounts.history(db.session, user)
    ]
    page = render_template(
        "user.html",
        values=values,
        errors=errors,
        password_errors=password_errors or {},
        own=user.id == admin.id,
        claimed=accounts.claimed(db.session, user),
        history=history,
        **_choices(keep=user.unit_id),
    )
    return page, (422 if errors or password_errors else 200)
