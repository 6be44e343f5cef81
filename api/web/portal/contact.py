"""A complaint's reporter changes where they are told of their report (``/publik/status/kontak``):
``PUT /api/v1/complaints/{ticket}/contact`` on a page, for a complaint opened with its ticket and access code on
this device (``access``).

The form is empty: the page never shows the contact on file (a code that leaked would show a stranger the
reporter's e-mail). What is given replaces the contact at once (engine.reporter_contact): no officer reviews it,
since none may read a reporter's identity without cause; the reporter is told at the new contact.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from api.boundary import commit, runtime
from api.extensions import db
from api.web import schema_form
from api.web.blueprint import bp
from api.web.portal.access import no_store, verified_case
from engine import reporter_contact
from engine.errors import Invalid
from engine.models import Case


@bp.route("/publik/status/kontak", methods=["GET", "POST"])
def portal_contact():
    case = verified_case(request.values.get("kasus"))
    if case is None or not reporter_contact.can_change(case):
        flash(_("For your security, enter your ticket and access code again."), "info")
        return redirect(url_for("web.portal_status"), 303)
    rt = runtime()
    schema = reporter_contact.form_schema(rt)
    if request.method == "GET":
        return _page(case, schema, None, None)
    data = schema_form.parse(schema, request.form, rt.calendars["strict"].tz)
    try:
        changed = reporter_contact.change(db.session, rt, case, data)
    except Invalid as error:
        db.session.rollback()
        return _page(case, schema, request.form, error.fields, 422)
    commit(case)
    if changed:
        flash(_("Your contact is changed. We sent a message to it; the next messages go there too."), "success")
    else:
        flash(_("Nothing was changed: your contact is as it was."), "success")
    return redirect(url_for("web.portal_status", kasus=case.ticket), 303)


def _page(case: Case, schema: dict, values, errors: dict | None, status: int = 200):
    fields, general = schema_form.form_fields(schema, values, errors)
    return no_store(render_template("portal/contact.html", case=case, fields=fields, general=general), status)
