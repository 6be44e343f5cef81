"""A requester who lost the access code asks for a new one (issue 11, point 7): ``/publik/kode-hilang``.

One field, the ticket. The answer is the same page whether or not the ticket exists or has a contact on
file (engine.lost_codes); only too many requests from one address get "wait and try again". The new code
goes to the e-mail or phone the requester gave, never onto the page and never in a link. A complaint's ticket
(its series) is told what a reporter may do: an anonymous report keeps no contact, and nobody can give its
reporter a new code, at the desk either, without learning who they are.
"""

from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from api.auth import client_address
from api.boundary import runtime
from api.errors import status_of
from api.extensions import db
from api.web.blueprint import bp
from api.web.portal.access import busy_message, code_fields, missing, no_store
from engine import kinds, lost_codes
from engine.errors import TooMany


@bp.route("/publik/kode-hilang", methods=["GET", "POST"])
def portal_lost_code():
    fields = _ticket_field(request.form if request.method == "POST" else MultiDict())
    if request.method == "GET":
        return no_store(render_template("portal/lost_code.html", fields=fields, sent=False), 200)
    if empty := missing(request.form, ("ticket",)):
        fields[0].errors.extend(empty["ticket"])
        return no_store(render_template("portal/lost_code.html", fields=fields, sent=False), 422)
    ticket = request.form.get("ticket", "")
    try:
        lost_codes.send_new_code(db.session, runtime(), ticket, client_address())
    except TooMany as refused:
        db.session.commit()  # the refusal is counted
        fields[0].errors.append(str(busy_message(refused)))
        return no_store(render_template("portal/lost_code.html", fields=fields, sent=False), status_of(refused))
    db.session.commit()  # then the outbox sends it (embedded clock or RQ worker)
    # What else may be done depends on the kind of case, which the ticket's series says to anyone (ADU-: a
    # complaint): the case itself is not looked at, so the page still tells nothing about this ticket.
    complaint = kinds.of_ticket(ticket.strip().upper()) == kinds.COMPLAINT
    page = render_template("portal/lost_code.html", fields=fields, sent=True, complaint=complaint)
    return no_store(page, 200)


def _ticket_field(form) -> list:
    """The ticket's field alone, named for a request's ticket and a complaint's alike."""
    fields = code_fields(form, keep_code=False)[:1]
    fields[0].label = _("Your ticket number")
    fields[0].hint = _("As printed on your receipt, for example PPID-2026-000123 or ADU-2026-000045.")
    return fields
