"""The admin's fee standard page (``/biaya``): the items in force today, every version, and a new version.

The standard is the admin's (engine.fees.add_rate): a new price is a new version of an item from a date
not in the past, with its legal basis; nothing is edited. The portal's fee page shows the items in force.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from api.boundary import runtime
from api.extensions import db
from api.web.blueprint import bp
from api.web.i18n import field_errors
from api.web.layout import NAV, NavItem
from api.web.portal.catalogue import FEE_LABELS
from api.web.session import officer
from engine import access, fees
from engine.errors import Invalid
from engine.models import FEE_CODES

NAV.append(NavItem("web.fee_standard", _l("Fee standard"), frozenset({"admin"})))


def _amount(value: str):
    """A whole number typed in a form (dots as thousands separators allowed); the text itself if it is not one."""
    text = (value or "").strip().replace(".", "")
    return int(text) if text.isdigit() else value


@bp.route("/biaya", methods=["GET", "POST"])
@login_required
def fee_standard():
    user = officer()
    access.require_admin(user)
    rt = runtime()
    errors, values = {}, {"code": "halaman", "amount": "", "effective_from": "", "legal_basis": ""}
    if request.method == "POST":
        values = {name: request.form.get(name, "") for name in values}
        try:
            fees.add_rate(db.session, rt, user, {**values, "amount": _amount(values["amount"])})
        except Invalid as error:
            db.session.rollback()
            errors = field_errors(error.fields)
        else:
            db.session.commit()
            flash(_("The new version of the fee standard is saved."), "success")
            return redirect(url_for("web.fee_standard"))
    today = rt.today()
    current = fees.in_force(db.session, today)
    return render_template(
        "fees.html",
        codes=FEE_CODES,
        labels=FEE_LABELS,
        current=[current[c] for c in FEE_CODES if c in current],
        history=fees.versions(db.session),
        today=today,
        values=values,
        errors=errors,
    ), (422 if errors else 200)
