"""A requester who lost the access code asks for a new one (issue 11, point 7): ``/publik/kode-hilang``.

The ticket, and for a complaint the e-mail address or phone number its reporter gave. The answer is the same
page whether or not the ticket exists, has a contact on file or is named right (engine.lost_codes); only too many
requests from one address get "wait and try again". The new code goes to the e-mail or phone the requester gave,
never onto the page and never in a link; the old code keeps working until the new one is first used. A complaint's
ticket (its series, which anyone can read) needs the contact: with the ticket alone, a stranger could make a
message go to a whistleblower's mailbox when they chose, and whoever watches its mail server would see whose it
is. A complaint's ticket is also told what a reporter may do: an anonymous report keeps no contact, and nobody
can give its reporter a new code, at the desk either, without learning who they are.
"""

from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from api.auth import client_address
from api.boundary import runtime
from api.errors import status_of
from api.extensions import db
from api.web import schema_form
from api.web.blueprint import bp
from api.web.portal.access import busy_message, code_fields, missing, no_store
from engine import kinds, lost_codes
from engine.errors import TooMany


@bp.route("/publik/kode-hilang", methods=["GET", "POST"])
def portal_lost_code():
    fields = _ticket_field(request.form if request.method == "POST" else MultiDict())
    if request.method == "GET":
        return no_store(render_template("portal/lost_code.html", fields=fields, sent=False), 200)
    ticket = request.form.get("ticket", "")
    # What else may be done depends on the kind of case, which the ticket's series says to anyone (ADU-: a
    # complaint): the case itself is not looked at, so the page still tells nothing about this ticket.
    complaint = kinds.of_ticket(ticket.strip().upper()) == kinds.COMPLAINT
    if empty := missing(request.form, ("ticket", "contact") if complaint else ("ticket",)):
        if "contact" in empty:
            empty["contact"] = [_("Required for a complaint's ticket.")]
        for f in fields:
            f.errors.extend(empty.get(f.name, []))
        return no_store(render_template("portal/lost_code.html", fields=fields, sent=False), 422)
    try:
        contact = request.form.get("contact", "") if complaint else None
        lost_codes.send_new_code(db.session, runtime(), ticket, client_address(), contact)
    except TooMany as refused:
        db.session.commit()  # the refusal is counted
        fields[0].errors.append(str(busy_message(refused)))
        return no_store(render_template("portal/lost_code.html", fields=fields, sent=False), status_of(refused))
    db.session.commit()  # then the outbox sends it (embedded clock or RQ worker)
    page = render_template("portal/lost_code.html", fields=fields, sent=True, complaint=complaint)
    return no_store(page, 200)


def _ticket_field(form) -> list:
    """The ticket's field, named for a request's ticket and a complaint's alike, and a complaint's contact."""
    fields = code_fields(form, keep_code=False)[:1]
    fields[0].label = _("Your ticket number")
    fields[0].hint = _("As printed on your receipt, for example PPID-2026-000123 or ADU-2026-000045.")
    contact = schema_form.Field(
        "contact",
        _("E-mail address or phone number you gave (complaints only)"),
        "text",
        hint=_("The same one you gave when reporting. Not needed for a request's ticket."),
        attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"},
        value=form.get("contact", ""),
    )
    return [*fields, contact]
