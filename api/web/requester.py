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

from api.boundary import commit, runtime
from api.extensions import db
from api.reports.labels import REQUEST_CHOICES
from api.web import schema_form
from api.web.blueprint import bp
from api.web.desk import nothing_to_fill
from api.web.i18n import current_language
from api.web.portal.filing import dressed
from api.web.session import officer
from engine import access, requester_data
from engine.errors import Forbidden, Invalid, NotFound
from engine.models import Case


@bp.route("/kasus/<ticket>/data-pemohon", methods=["GET", "POST"])
@login_required
def requester_correction(ticket: str):
    user, rt = officer(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    schema = dressed(requester_data.form_schema(rt), {"requester_type": {"choices": REQUEST_CHOICES["requester_type"]}})
    try:
        if request.method == "GET":
            return _page(case, schema, _as_form(requester_data.current(db.session, rt, user, case)), None)
        data = schema_form.parse(schema, request.form, rt.calendars["strict"].tz)
        done = requester_data.correct(db.session, rt, user, case, data)
    except Forbidden:
        abort(403)
    except NotFound:
        abort(404)
    except Invalid as error:
        db.session.rollback()
        return _page(case, schema, request.form, error.fields, 422)
    commit(case)
    if done.changed:
        changed = field_names(rt, done.changed)
        flash(_("The requester's data was corrected: %(fields)s. The requester is told.", fields=changed), "success")
    else:
        flash(_("Nothing was changed: the data is as it was."), "success")
    return redirect(url_for("web.case", ticket=case.ticket), 303)


def _as_form(current: dict) -> MultiDict:
    """The vault's data as the form's fields (``requester.name``...)."""
    values = {f"requester.{k}": v for k, v in current["requester"].items()}
    return MultiDict({**values, "requester_type": current["requester_type"] or "", "locale": current["locale"]})


def field_names(rt, names) -> str:
    """The corrected fields (``name``, ``requester_type``...) by their labels in the reader's language."""
    fields = schema_form.build_fields(requester_data.form_schema(rt), current_language())
    labels = {f.name: f.label for f in fields}
    labels.update({c.name.removeprefix("requester."): c.label for f in fields for c in f.children})
    return ", ".join(labels.get(name, name) for name in names)


def _page(case: Case, schema: dict, values, errors: dict | None, status: int = 200):
    fields, general = schema_form.form_fields(schema, values, errors)
    nothing_to_fill(fields)
    return render_template(
        "requester_correction.html", case=case, fields=fields, general=general, has_errors=bool(errors)
    ), status
