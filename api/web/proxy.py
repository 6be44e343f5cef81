"""The PPID desk corrects the data of a request's or an objection's proxy (kuasa) on a page
(``/kasus/<ticket>/data-kuasa``): the verb behind ``PUT /api/v1/cases/{ticket}/proxy`` (engine.proxy_data), on a page.

The form starts from the proxy's data as the vault holds it and is checked by the rules of the case's form; a refusal
comes back beside its fields (422), and a correction returns to the case page saying which fields changed. The case
page links here for the desk only (``proxy_data.can_correct``).
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from api.boundary import commit, runtime
from api.extensions import db
from api.web import schema_form
from api.web.blueprint import bp
from api.web.desk import nothing_to_fill
from api.web.i18n import current_language, translated
from api.web.session import officer
from engine import access, kinds, proxy_data
from engine.errors import Conflict, Invalid


@bp.route("/kasus/<ticket>/data-kuasa", methods=["GET", "POST"])
@login_required
def proxy_correction(ticket: str):
    user, rt = officer(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    schema = proxy_data.form_schema(rt, case)
    try:
        if request.method == "GET":
            return _page(case, schema, _on_file(rt, user, case), None)
        data = schema_form.parse(schema, request.form, rt.calendars["strict"].tz)
        done = proxy_data.correct(db.session, rt, user, case, data)
    except Invalid as error:
        db.session.rollback()
        return _page(case, schema, request.form, error.fields, 422)
    commit(case)
    if done.changed:
        changed = field_names(rt, done.changed, case.kind)
        flash(_("The proxy's data was corrected: %(fields)s.", fields=changed), "success")
    else:
        flash(_("Nothing was changed: the data is as it was."), "success")
    return redirect(url_for("web.case", ticket=case.ticket), 303)


@bp.route("/kasus/<ticket>/data-kuasa/baru", methods=["GET", "POST"])
@login_required
def appoint_proxy(ticket: str):
    """The desk records a proxy the requester appointed after filing the request or objection."""
    user, rt = officer(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    try:
        proxy_data.require_appointable(user, case)
    except Conflict as error:  # a proxy in office: their power must end first
        flash(translated(error.message), "error")
        return redirect(url_for("web.case", ticket=case.ticket), 303)
    schema = proxy_data.appoint_schema(rt, case)
    if request.method == "GET":
        return _appointment(case, schema, None, None)
    data = schema_form.parse(schema, request.form, rt.calendars["strict"].tz)
    try:
        proxy_data.appoint(db.session, rt, user, case, data)
    except Invalid as error:
        db.session.rollback()
        return _appointment(case, schema, request.form, error.fields, 422)
    commit(case)
    flash(_("The proxy is recorded: letters issued from now on name and copy them."), "success")
    return redirect(url_for("web.case", ticket=case.ticket), 303)


def _appointment(case, schema: dict, values, errors: dict | None, status: int = 200):
    fields, general = schema_form.form_fields(schema, values, errors)
    page = {"case": case, "fields": fields, "general": general, "has_errors": bool(errors)}
    return render_template("proxy_appointment.html", **page), status


@bp.post("/kasus/<ticket>/data-kuasa/cabut")
@login_required
def revoke_proxy(ticket: str):
    """The desk records that the proxy's power of attorney has ended; a missing reason comes back beside it."""
    user, rt = officer(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    try:
        done = proxy_data.revoke(db.session, rt, user, case, request.form.get("reason", ""))
    except Conflict as error:  # ended already: the case page says so
        db.session.rollback()
        flash(translated(error.message), "error")
        return redirect(url_for("web.case", ticket=case.ticket), 303)
    except Invalid:
        db.session.rollback()
        error = _("Say why the power of attorney ended.")
        return _page(case, proxy_data.form_schema(rt, case), _on_file(rt, user, case), None, 422, revoke_error=error)
    commit(case)
    ended = _("The power of attorney has ended: letters issued from now on no longer name or copy the proxy.")
    if done.code_sent:
        code = _("The access code the proxy knew no longer works: a new one was sent to the requester's contact.")
    else:
        code = _(
            "The access code the proxy knew no longer works. The requester's new access code is %(code)s: give it to "
            "them in person or by letter; it is shown only now.",
            code=done.code,
        )
    flash(f"{ended} {code}", "success")
    return redirect(url_for("web.case", ticket=case.ticket), 303)


def _on_file(rt, user, case) -> MultiDict:
    """The proxy's data as the vault holds it, as the correction form's fields (``kuasa.name``...)."""
    on_file = proxy_data.current(db.session, rt, user, case)["kuasa"]
    return MultiDict({f"kuasa.{k}": {True: "true", False: "false"}.get(v, v) for k, v in on_file.items()})


def field_names(rt, names, kind: str = kinds.OBJECTION) -> str:
    """The corrected fields (``name``, ``nomor_surat_kuasa``...) by their labels in the reader's language, as the
    form of a ``kind`` of case names them (the objection's, a history's default, names every field a request's
    proxy has)."""
    kuasa = proxy_data.desk_schema(rt, kind)
    fields = schema_form.build_fields({"type": "object", "properties": {"kuasa": kuasa}}, current_language())
    labels = {c.name.removeprefix("kuasa."): c.label for f in fields for c in f.children}
    return ", ".join(labels.get(name, name) for name in names)


REVOKE_REASONS = {
    "dicabut_pemohon": _l("The requester revoked it"),
    "kuasa_mengundurkan_diri": _l("The proxy withdrew"),
    "kuasa_berakhir": _l("Its term ended"),
}


def _page(case, schema: dict, values, errors: dict | None, status: int = 200, revoke_error: str | None = None):
    fields, general = schema_form.form_fields(schema, values, errors)
    nothing_to_fill(fields)
    page = {"case": case, "fields": fields, "general": general, "has_errors": bool(errors) or bool(revoke_error)}
    page |= {"revoke_reasons": REVOKE_REASONS, "revoke_error": revoke_error}
    return render_template("proxy_correction.html", **page), status
