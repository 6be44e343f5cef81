"""The administrator's units page (``/unit``): the office's units with their officers and open tasks, a new
unit, a unit's name corrected, a unit dissolved or merged deactivated or activated again (engine.units: the same
verbs as ``/api/v1/units`` and ``kawal units``).

A refusal of a form comes back beside its field (422) and changes nothing; a refused deactivation (officers or
open tasks still in the unit) comes back as a message on the unit's page.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from api.extensions import db
from api.web import display
from api.web.blueprint import bp
from api.web.i18n import field_errors, translated
from api.web.session import officer
from engine import access, units
from engine.errors import Conflict, Invalid

EVENT_LABELS = {
    "unit_created": _l("Unit added"),
    "unit_renamed": _l("Renamed"),
    "unit_deactivated": _l("Deactivated"),
    "unit_activated": _l("Activated"),
}


def change_text(type_: str, data: dict) -> str:
    """What was done to a unit, in the visitor's words: "Renamed: PENDMAD → Bidang Pendidikan Madrasah"."""
    text = str(EVENT_LABELS.get(type_, type_))
    if type_ == "unit_renamed" and len(data.get("name") or ()) == 2:
        text += f": {data['name'][0]} → {data['name'][1]}"
    return text


def _admin():
    user = officer()
    access.require_admin(user)
    return user


@bp.route("/unit", methods=["GET", "POST"])
@login_required
def units_page():
    admin = _admin()
    values, errors = {"code": "", "name": ""}, {}
    if request.method == "POST":
        values = {"code": request.form.get("code", ""), "name": request.form.get("name", "")}
        try:
            created = units.create(db.session, admin.username, values["code"], values["name"])
        except Invalid as error:
            db.session.rollback()
            errors = field_errors(error.fields)
        else:
            db.session.commit()
            flash(_("Unit %(name)s (%(code)s) is added.", name=created.name, code=created.code), "success")
            return redirect(url_for("web.units_page"), 303)
    page = render_template("units.html", listed=units.listing(db.session), values=values, errors=errors)
    return page, (422 if errors else 200)


@bp.route("/unit/<code>", methods=["GET", "POST"])
@login_required
def unit_page(code: str):
    admin = _admin()
    unit = units.require(db.session, code)
    values, errors = {"name": unit.name}, {}
    if request.method == "POST":
        values = {"name": request.form.get("name", "")}
        try:
            changed = units.rename(db.session, admin.username, unit, values["name"])
        except Invalid as error:
            db.session.rollback()
            errors = field_errors(error.fields)
        else:
            db.session.commit()
            flash(_("The unit is renamed.") if changed else _("Nothing changed."), "success" if changed else "info")
            return redirect(url_for("web.unit_page", code=unit.code), 303)
    history = [
        {"at": row.at, "text": change_text(row.type, row.data or {}), "by": display.changed_by(row.actor, "units")}
        for row in units.history(db.session, unit)
    ]
    page = render_template("unit.html", unit=unit, values=values, errors=errors, history=history)
    return page, (422 if errors else 200)


@bp.post("/unit/<code>/<any(nonaktifkan, aktifkan):action>")
@login_required
def unit_action(code: str, action: str):
    admin = _admin()
    unit = units.require(db.session, code)
    try:
        if action == "nonaktifkan":
            units.deactivate(db.session, admin.username, unit)
            said = _("%(name)s can no longer be chosen for a referral or an officer's account.", name=unit.name)
        else:
            units.activate(db.session, admin.username, unit)
            said = _("%(name)s can be chosen again.", name=unit.name)
    except Conflict as error:
        db.session.rollback()
        flash(translated(error.message), "error")
        return redirect(url_for("web.unit_page", code=unit.code), 303)
    db.session.commit()
    flash(said, "success")
    return redirect(url_for("web.unit_page", code=unit.code), 303)
