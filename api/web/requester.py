"""The PPID desk corrects a requester's data (``/kasus/<ticket>/data-pemohon``): the verb behind
``PUT /api/v1/cases/{ticket}/requester`` (engine.requester_data), on a page.

The form starts from the data as the vault holds it and is checked by the request form's rules; a refusal comes
back beside its fields (422), and a correction returns to the case page saying which fields changed. The case
page links here for the desk only (``requester_data.can_correct``).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from api.boundary import commit, private_download, runtime
from api.extensions import db
from api.reports.labels import REQUEST_CHOICES
from api.web import schema_form
from api.web.blueprint import bp
from api.web.desk import nothing_to_fill
from api.web.i18n import current_language, translated
from api.web.portal.filing import dressed
from api.web.session import officer
from engine import access, correction_requests, requester_copy, requester_data
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.models import Case


@bp.route("/kasus/<ticket>/data-pemohon", methods=["GET", "POST"])
@login_required
def requester_correction(ticket: str):
    user, rt = officer(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    schema = _schema(rt)
    try:
        asked = _asked(user, case, request.values.get("permintaan"))
        if request.method == "GET":
            start = (
                correction_requests.proposal(rt, asked) if asked else requester_data.current(db.session, rt, user, case)
            )
            values = _as_form(start, "permintaan_pemohon" if asked else None)
            return _page(case, schema, values, None, asked=asked)
        data = schema_form.parse(schema, request.form, rt.calendars["strict"].tz)
        done = requester_data.correct(db.session, rt, user, case, data, asked.id if asked else None)
    except (Forbidden, NotFound, Conflict) as error:
        return refused_on_case(case, error)
    except Invalid as error:
        db.session.rollback()
        return _page(case, schema, request.form, error.fields, 422, asked=asked)
    commit(case)
    if done.changed:
        changed = field_names(rt, done.changed)
        flash(_("The requester's data was corrected: %(fields)s. The requester is told.", fields=changed), "success")
    elif asked:
        flash(_("Nothing was changed: the data on file is already what the requester asked. They are told."), "success")
    else:
        flash(_("Nothing was changed: the data is as it was."), "success")
    return redirect(url_for("web.case", ticket=case.ticket), 303)


@bp.post("/kasus/<ticket>/data-pemohon/permintaan/<int:request_id>/tolak")
@login_required
def refuse_requester_correction(ticket: str, request_id: int):
    """The desk refuses the requester's request with a reason, which the requester is sent."""
    user, rt = officer(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    try:
        asked = requester_data.pending_request(db.session, user, case, request_id)
        correction_requests.refuse(db.session, rt, user, asked.id, request.form.get("refusal", ""))
    except (Forbidden, NotFound, Conflict) as error:
        return refused_on_case(case, error)
    except Invalid:
        db.session.rollback()
        schema = _schema(rt)
        values = _as_form(correction_requests.proposal(rt, asked), "permintaan_pemohon")
        refusal_error = _("Say why the request is refused: the requester is sent your words.")
        return _page(case, schema, values, None, 422, asked=asked, refusal_error=refusal_error)
    db.session.commit()
    flash(_("The request is refused; the requester is sent your reason."), "success")
    return redirect(url_for("web.case", ticket=case.ticket), 303)


@bp.post("/kasus/<ticket>/data-pemohon/salinan")
@login_required
def requester_data_copy(ticket: str):
    """The copy of the requester's personal data, as a JSON file for the desk to hand them.

    A button, not a link: making the copy is recorded in the case's history, which a link would do for anything
    that follows or prefetches it."""
    user, rt = officer(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    try:
        data = requester_copy.copy(db.session, rt, user, case)
    except (Forbidden, NotFound) as error:
        return refused_on_case(case, error)
    commit(case)
    return private_download(requester_copy.copy_json(data), "application/json", requester_copy.copy_file_name(case))


def _schema(rt) -> dict:
    """The correction's form with the requester types labelled as the request form labels them."""
    return dressed(requester_data.form_schema(rt), {"requester_type": {"choices": REQUEST_CHOICES["requester_type"]}})


def refused_on_case(case: Case, error):
    """An engine refusal as the desk's correction pages answer it (the requester's here, the proxy's in api.web.proxy):
    403, 404, or back to the case page saying why (answered already)."""
    if isinstance(error, Forbidden):
        abort(403)
    if isinstance(error, NotFound):
        abort(404)
    db.session.rollback()
    flash(translated(error.message), "error")
    return redirect(url_for("web.case", ticket=case.ticket), 303)


def _asked(user, case: Case, raw: str | None):
    """The requester's waiting request the page answers (``?permintaan=<id>``), or None."""
    if not raw:
        return None
    if not raw.isdigit():
        raise NotFound("correction_request_not_found")
    return requester_data.pending_request(db.session, user, case, int(raw))


def _as_form(data: dict, reason: str | None = None) -> MultiDict:
    """Data as the form's fields (``requester.name``...): the vault's, or what the requester asked for."""
    values = {f"requester.{k}": v for k, v in data["requester"].items()}
    values.update(requester_type=data.get("requester_type") or "", locale=data.get("locale") or "")
    return MultiDict({**values, "reason": reason} if reason else values)


def field_names(rt, names) -> str:
    """The corrected fields (``name``, ``requester_type``...) by their labels in the reader's language."""
    fields = schema_form.build_fields(requester_data.form_schema(rt), current_language())
    labels = {f.name: f.label for f in fields}
    labels.update({c.name.removeprefix("requester."): c.label for f in fields for c in f.children})
    return ", ".join(labels.get(name, name) for name in names)


def compared(rt, user, case: Case, asked) -> list[dict]:
    """The data on file beside what the requester asked for, a row a field (``label``, ``on_file``, ``asked``,
    ``changed``): the desk checks each change against the file and the requester's documents."""
    on_file, wanted = requester_data.current(db.session, rt, user, case), correction_requests.proposal(rt, asked)
    fields = schema_form.build_fields(requester_data.form_schema(rt), current_language())
    labels = {c.name.removeprefix("requester."): c.label for f in fields for c in f.children}
    labels.update({f.name: f.label for f in fields})
    types, languages = REQUEST_CHOICES["requester_type"], {"id": "Bahasa Indonesia", "en": "English"}

    def shown(data: dict, name: str) -> str:
        if name == "requester_type":
            return str(types.get(data.get(name), data.get(name) or ""))
        if name == "locale":
            return languages.get(data.get(name) or on_file["locale"], "")
        return data["requester"].get(name) or ""

    rows = []
    for name in (*requester_data.FIELDS, "requester_type", "locale"):
        before, after = shown(on_file, name), shown(wanted, name)
        rows.append({"label": labels.get(name, name), "on_file": before, "asked": after, "changed": before != after})
    return rows


def _page(case: Case, schema: dict, values, errors: dict | None, status: int = 200, asked=None, refusal_error=None):
    fields, general = schema_form.form_fields(schema, values, errors)
    nothing_to_fill(fields)
    page = {"case": case, "fields": fields, "general": general, "has_errors": bool(errors) or bool(refusal_error)}
    rows = compared(runtime(), officer(), case, asked) if asked else None
    return render_template(
        "requester_correction.html", asked=asked, refusal_error=refusal_error, compared=rows, **page
    ), status
