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
from api.web.requester import refused_on_case
from api.web.session import officer
from engine import access, correction_requests, kinds, proxy_corrections, proxy_data, proxy_party
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.models import Case, Party


@bp.route("/kasus/<ticket>/data-kuasa", methods=["GET", "POST"])
@login_required
def proxy_correction(ticket: str):
    user, rt = officer(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    schema = proxy_data.form_schema(rt, case)
    try:
        asked = _asked(user, case, request.values.get("permintaan"))
        if request.method == "GET":
            values = _as_form(correction_requests.proposal(rt, asked)["kuasa"], REASON) if asked else None
            return _page(case, schema, values or _on_file(rt, user, case), None, asked=asked)
        data = schema_form.parse(schema, request.form, rt.calendars["strict"].tz)
        done = proxy_data.correct(db.session, rt, user, case, data, asked.id if asked else None)
    except (Forbidden, NotFound, Conflict) as error:
        return refused_on_case(case, error)
    except Invalid as error:
        db.session.rollback()
        return _page(case, schema, request.form, error.fields, 422, asked=asked)
    commit(case)
    if done.changed:
        changed = field_names(rt, done.changed, case.kind)
        flash(_("The proxy's data was corrected: %(fields)s.", fields=changed), "success")
    elif asked:
        flash(_("Nothing was changed: the data on file is already what was asked for."), "success")
    else:
        flash(_("Nothing was changed: the data is as it was."), "success")
    return redirect(url_for("web.case", ticket=case.ticket), 303)


@bp.post("/kasus/<ticket>/data-kuasa/permintaan/<int:request_id>/tolak")
@login_required
def refuse_proxy_correction(ticket: str, request_id: int):
    """The desk refuses the proxy's request to correct their contacts, with a reason the proxy is sent."""
    user, rt = officer(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    try:
        asked = _asked(user, case, str(request_id))
        correction_requests.refuse(db.session, rt, user, asked.id, request.form.get("refusal", ""))
    except (Forbidden, NotFound, Conflict) as error:
        return refused_on_case(case, error)
    except Invalid:
        db.session.rollback()
        values = _as_form(correction_requests.proposal(rt, asked)["kuasa"], REASON)
        error = _("Say why the request is refused: the proxy is sent your words.")
        return _page(case, proxy_data.form_schema(rt, case), values, None, 422, asked=asked, refusal_error=error)
    db.session.commit()
    flash(_("The request is refused; the proxy is sent your reason at their e-mail address."), "success")
    return redirect(url_for("web.case", ticket=case.ticket), 303)


REASON = proxy_data.REASONS[0]  # a proxy's own request is answered "at the proxy's request"


def _asked(user, case: Case, raw: str | None):
    """The proxy's waiting request the page answers (``?permintaan=<id>``), or None: only the desk's, only of the
    proxy in office."""
    if not raw:
        return None
    if not raw.isdigit():
        raise NotFound("correction_request_not_found")
    if not access.is_request_staff(user):
        raise Forbidden("desk_corrects_proxy")
    proxy = proxy_party.party_id(case)
    if proxy is None:
        raise NotFound("correction_request_not_found")
    return correction_requests.pending(db.session, proxy, int(raw))


def compared(rt, user, case: Case, asked) -> list[dict]:
    """The proxy's data on file beside what the proxy asked for, a row a field (``label``, ``on_file``, ``asked``,
    ``changed``), as the requester's request is shown (api.web.requester.compared)."""
    on_file = proxy_data.current(db.session, rt, user, case)["kuasa"]
    wanted = correction_requests.proposal(rt, asked)["kuasa"]
    kuasa = proxy_data.desk_schema(rt, case.kind)
    fields = schema_form.build_fields({"type": "object", "properties": {"kuasa": kuasa}}, current_language())
    labels = {c.name.removeprefix("kuasa."): c.label for f in fields for c in f.children}
    rows = []
    for name in proxy_corrections.CONTACTS:
        before, after = on_file.get(name) or "", wanted.get(name) or ""
        rows.append({"label": labels.get(name, name), "on_file": before, "asked": after, "changed": before != after})
    return rows


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
    if request.method == "GET":  # an objection's form starts from the request's proxy: the desk checks the document
        return _appointment(case, schema, _request_proxy(rt, case), None)
    data = schema_form.parse(schema, request.form, rt.calendars["strict"].tz)
    try:
        proxy_data.appoint(db.session, rt, user, case, data)
    except Invalid as error:
        db.session.rollback()
        return _appointment(case, schema, request.form, error.fields, 422)
    commit(case)
    flash(_("The proxy is recorded: letters issued from now on name and copy them."), "success")
    return redirect(url_for("web.case", ticket=case.ticket), 303)


def _request_proxy(rt, case) -> MultiDict | None:
    """The request's proxy's name and contacts, for an objection that names none (``proxy_data.request_proxy``):
    their power of attorney for the objection, its number, date and meterai, the desk types from the document."""
    party_id = proxy_data.request_proxy(db.session, case)
    if party_id is None:
        return None
    on_file = rt.vault.read(db.session.get(Party, party_id))
    return _as_form({k: v for k, v in on_file.items() if k in ("name", *proxy_corrections.CONTACTS)})


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
    return _as_form(proxy_data.current(db.session, rt, user, case)["kuasa"])


def _as_form(kuasa: dict, reason: str | None = None) -> MultiDict:
    """The proxy's data (the vault's, or what the proxy asked for) as the form's fields (``kuasa.name``...)."""
    values = {f"kuasa.{k}": {True: "true", False: "false"}.get(v, v) for k, v in kuasa.items()}
    return MultiDict({**values, "reason": reason} if reason else values)


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


def _page(case, schema: dict, values, errors: dict | None, status: int = 200, revoke_error: str | None = None, **asked):
    """``asked``: the proxy's request the page answers (``asked``), a refusal's missing reason (``refusal_error``)."""
    fields, general = schema_form.form_fields(schema, values, errors)
    nothing_to_fill(fields)
    refusal_error = asked.get("refusal_error")
    wrong = bool(errors) or bool(revoke_error) or bool(refusal_error)
    page = {"case": case, "fields": fields, "general": general, "has_errors": wrong}
    page |= {"revoke_reasons": REVOKE_REASONS, "revoke_error": revoke_error, "refusal_error": refusal_error}
    request_ = asked.get("asked")
    page |= {"asked": request_, "compared": compared(runtime(), officer(), case, request_) if request_ else None}
    return render_template("proxy_correction.html", **page), status
