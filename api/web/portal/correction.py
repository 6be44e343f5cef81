"""A requester asks to correct their data (``/publik/status/perbaikan-data``): ``POST /api/v1/requests/correction``
on a page, for a case opened with its ticket and access code on this device (``access``).

The form is empty: the portal never shows the data on file (a code that leaked would show a stranger the
requester's address and NIK). The requester fills in only what should change: a field left blank keeps the data on
file, and an optional one (e-mail, phone, occupation) is removed only when ticked (engine.requester_data.completed);
the whole is then checked as a filing is. The desk answers within
3 x 24 hours (engine.correction_requests); the status page says that a request waits, and until when.

The proxy acting on the case (with the same ticket and access code) corrects their own contacts on the same page,
``data=kuasa`` (engine.proxy_corrections): their e-mail, phone and address, not the requester's data, nor their name
or the power of attorney, which the desk corrects against the document. Each page says whose data it corrects.
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
from engine import correction_requests, proxy_corrections, proxy_party, requester_data
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
    return correction_requests.latest_waiting(db.session, case.requester_party_id)


def proxy_waiting(case: Case):
    """The proxy's own request still waiting for the desk, or None."""
    if not proxy_corrections.can_ask(case):
        return None
    return correction_requests.latest_waiting(db.session, proxy_party.party_id(case))


PROXY = "kuasa"  # ``data=kuasa``: the proxy's own contacts


@bp.route("/publik/status/perbaikan-data", methods=["GET", "POST"])
def portal_correction():
    case = verified_case(request.values.get("kasus"))
    if case is None or not requester_data.names_requester(case):
        flash(_("For your security, enter your ticket and access code again."), "info")
        return redirect(url_for("web.portal_status"), 303)
    rt = runtime()
    proxy = request.values.get("data") == PROXY
    if proxy and not proxy_corrections.can_ask(case):  # no proxy acts on the case (any more)
        return redirect(url_for("web.portal_correction", kasus=case.ticket), 303)
    schema = proxy_corrections.portal_schema(rt, case) if proxy else _requester_schema(rt, case)
    if request.method == "GET":
        return _page(case, schema, None, None, proxy=proxy)
    data = schema_form.parse(schema, request.form, rt.calendars["strict"].tz)
    try:
        public.admit_filing()
        if proxy:
            row = proxy_corrections.ask(db.session, rt, case, proxy_corrections.completed(db.session, rt, case, data))
        else:
            row = requester_data.ask(db.session, rt, case, requester_data.completed(db.session, rt, case, data))
    except Invalid as error:
        db.session.rollback()
        return _page(case, schema, request.form, error.fields, 422, proxy=proxy)
    except TooMany as refused:  # the quota: nothing wrong with the form, kept as typed
        db.session.rollback()
        return _page(case, schema, request.form, None, 429, quota_refusal(refused, "correction"), proxy=proxy)
    db.session.commit()
    due = display.office_datetime(row.due_at)
    if proxy:
        done = _(
            "Your request is received. The office corrects the proxy's contact data, or tells you why not, by %(due)s.",
            due=due,
        )
    else:
        done = _("Your request is received. The office corrects your data, or tells you why not, by %(due)s.", due=due)
    flash(done, "success")
    return redirect(url_for("web.portal_status", kasus=case.ticket), 303)


def _requester_schema(rt, case: Case) -> dict:
    keep = _("Left unchosen, it stays as on file.")
    dressing = {
        "requester.nik": {"hint": NIK_HINTS.get(case.requester_type, NIK_HINTS[None])},
        "requester_type": {"choices": REQUEST_CHOICES["requester_type"], "hint": keep},
        "locale": {"hint": keep},
    }
    return dressed(requester_data.portal_schema(rt), dressing)


def _page(
    case: Case,
    schema: dict,
    values,
    errors: dict | None,
    status: int = 200,
    refused: dict | None = None,
    proxy: bool = False,
):
    fields, general = schema_form.form_fields(schema, values, errors)
    page = render_template(
        "portal/correction.html",
        case=case,
        fields=fields,
        general=general,
        has_errors=bool(errors),
        proxy=proxy,
        # A proxy acts on the case: the requester's page points them to their own (and the proxy's back).
        has_proxy=proxy_corrections.can_ask(case),
        refused=refused,
        office=runtime().settings,
    )
    return no_store(page, status)
