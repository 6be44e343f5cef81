"""A requester asks to correct their data (``/publik/status/perbaikan-data``): ``POST /api/v1/requests/correction``
on a page, for a case opened with its ticket and access code on this device (``access``).

The form is empty: the portal never shows the data on file (a code that leaked would show a stranger the
requester's address and NIK), so the requester gives their data in full, as when filing. The desk answers within
3 x 24 hours (engine.requester_data); the status page says that a request waits, and until when.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from api import public
from api.boundary import runtime
from api.extensions import db
from api.reports.labels import REQUEST_CHOICES
from api.web import display, schema_form
from api.web.blueprint import bp
from api.web.portal.access import no_store, quota_refusal, verified_case
from api.web.portal.filing import dressed
from engine import requester_data
from engine.errors import Invalid, TooMany
from engine.models import Case


def waiting(case: Case):
    """The requester's request still waiting for the desk (the latest), or None; None too for a case of no
    requester (a complaint)."""
    if not requester_data.names_requester(case):
        return None
    return requester_data.latest_waiting(db.session, case)


@bp.route("/publik/status/perbaikan-data", methods=["GET", "POST"])
def portal_correction():
    case = verified_case(request.values.get("kasus"))
    if case is None or not requester_data.names_requester(case):
        flash(_("For your security, enter your ticket and access code again."), "info")
        return redirect(url_for("web.portal_status"), 303)
    rt = runtime()
    schema = dressed(requester_data.ask_schema(rt), {"requester_type": {"choices": REQUEST_CHOICES["requester_type"]}})
    if request.method == "GET":
        return _page(case, schema, None, None)
    data = schema_form.parse(schema, request.form, rt.calendars["strict"].tz)
    try:
        public.admit_filing()
        row = requester_data.ask(db.session, rt, case, data)
    except Invalid as error:
        db.session.rollback()
        return _page(case, schema, request.form, error.fields, 422)
    except TooMany as refused:  # the quota: nothing wrong with the form, kept as typed
        db.session.rollback()
        return _page(case, schema, request.form, None, 429, quota_refusal(refused, "correction"))
    db.session.commit()
    flash(
        _(
            "Your request is received. The office corrects your data, or tells you why not, by %(due)s.",
            due=display.office_datetime(row.due_at),
        ),
        "success",
    )
    return redirect(url_for("web.portal_status", kasus=case.ticket), 303)


def _page(case: Case, schema: dict, values, errors: dict | None, status: int = 200, refused: dict | None = None):
    fields, general = schema_form.form_fields(schema, values, errors)
    page = render_template(
        "portal/correction.html",
        case=case,
        fields=fields,
        general=general,
        refused=refused,
        office=runtime().settings,
    )
    return no_store(page, status)
