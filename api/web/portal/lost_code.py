"""A requester who lost the access code asks for a new one (issue 11, point 7): ``/publik/kode-hilang``.

One field, the ticket. The answer is the same page whether or not the ticket exists or has a contact on
file (engine.lost_codes); only too many requests from one address get "wait and try again". The new code
goes to the e-mail or phone the requester gave, never onto the page and never in a link.
"""

from __future__ import annotations

from flask import render_template, request
from werkzeug.datastructures import MultiDict

from api.auth import client_address
from api.boundary import runtime
from api.errors import status_of
from api.extensions import db
from api.web.blueprint import bp
from api.web.portal.access import busy_message, code_fields, missing, no_store
from engine import lost_codes
from engine.errors import TooMany


@bp.route("/publik/kode-hilang", methods=["GET", "POST"])
def portal_lost_code():
    fields = code_fields(request.form if request.method == "POST" else MultiDict(), keep_code=False)[:1]
    if request.method == "GET":
        return no_store(render_template("portal/lost_code.html", fields=fields, sent=False), 200)
    if empty := missing(request.form, ("ticket",)):
        fields[0].errors.extend(empty["ticket"])
        return no_store(render_template("portal/lost_code.html", fields=fields, sent=False), 422)
    try:
        lost_codes.send_new_code(db.session, runtime(), request.form.get("ticket"), client_address())
    except TooMany as refused:
        db.session.commit()  # the refusal is counted
        fields[0].errors.append(str(busy_message(refused)))
        return no_store(render_template("portal/lost_code.html", fields=fields, sent=False), status_of(refused))
    db.session.commit()  # then the outbox sends it (embedded clock or RQ worker)
    return no_store(render_template("portal/lost_code.html", fields=fields, sent=True), 200)
