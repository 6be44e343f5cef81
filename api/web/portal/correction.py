"""A requester asks to correct their data (``/publik/status/perbaikan-data``): ``POST /api/v1/requests/correction``
on a page, for a case opened with its ticket and access code on this device (``access``).

The form is empty: the portal never shows the data on file (a code that leaked would show a stranger the
requester's address and NIK). The requester fills in only what should change: a field left blank keeps the data on
file, and an optional one (e-mail, phone, occupation) is removed only when ticked (engine.requester_data.completed);
the whole is then checked as a filing is. The desk answers within
3 x 24 hours (engine.requester_data); the status page says that a request waits, and until when.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from api import public
from api.boundary import runtime
from api.extensions import db
from api.reports.labels import REQUEST_CHOICES
from api.web import display, schema_form
from api.web.blueprint import bp
from api.web.portal.access import no_store, quota_refusal, verified_case
from api.web.portal.filing import dressed
from engine import proxy_party, requester_data, requester_messages
from engine.errors import Invalid, TooMany
from engine.models import Case

# What the NIK field asks for, by the requester type on file: a legal entity has a decree number, not a NIK.
NIK_HINTS = {
    "perorangan": _l("Your national identity number (NIK): 16 digits."),
    "badan_hukum": _l("The number of your organisation's legal-entity decree."),
    None: _l(
        "A national identity number (NIK), 16 digits; for an organisation, the number of its legal-entity decree."
    ),
}


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
    keep = _("Left unchosen, it stays as on file.")
    dressing = {
        "requester.nik": {"hint": NIK_HINTS.get(case.requester_type, NIK_HINTS[None])},
        "requester_type": {"choices": REQUEST_CHOICES["requester_type"], "hint": keep},
        "locale": {"hint": keep},
    }
    schema = dressed(requester_data.portal_schema(rt), dressing)
    if request.method == "GET":
        return _page(case, schema, None, None)
    data = schema_form.parse(schema, request.form, rt.calendars["strict"].tz)
    try:
        public.admit_filing()
        row = requester_data.ask(db.session, rt, case, requester_data.completed(db.session, rt, case, data))
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
        has_errors=bool(errors),
        # A proxy's own details are the desk's to correct (engine.proxy_data), asked for in a message to the desk.
        proxy_writes=proxy_party.party_id(case) is not None
        and requester_messages.can_write(db.session, runtime(), case),
        refused=refused,
        office=runtime().settings,
    )
    return no_store(page, status)
