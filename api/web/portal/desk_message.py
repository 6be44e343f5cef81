"""A requester writes to the desk from their case's page (engine.requester_messages): a request or an objection.

The case must have been opened with its code on this device (``access.verified_case``); a message typed while
that ran out is carried through the code's form and comes back in this form, unsent (``following.KEPT_REPLY``),
as a complaint's reporter's is. Messages are counted as a reporter's are (``public.admit_message``: per case and
per address, a day); a refusal keeps what was typed, beside the field and in the page's summary.
"""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from api import public
from api.boundary import commit, runtime
from api.errors import status_of
from api.extensions import db
from api.web.blueprint import bp
from api.web.i18n import translated
from api.web.portal.access import busy_message, verified_case
from api.web.portal.following import KEPT_REPLY, _lookup_page, _status_page
from engine import requester_messages
from engine.errors import Conflict, Invalid, TooMany


@bp.post("/publik/status/pesan")
def portal_desk_message():
    """``POST`` the form "Write to the desk" of the status page."""
    case = verified_case(request.form.get("kasus"))
    if case is None:  # the time ran out: the code again, what was typed kept
        kept = {key: request.form[key] for key in KEPT_REPLY if request.form.get(key)}
        return _lookup_page(request.form.get("kasus", ""), None, 200, kept=kept)
    try:
        public.admit_message(case, 0)
        requester_messages.send(db.session, runtime(), case, request.form.get("body"))
    except TooMany as refused:
        return _status_page(case, {"body": [str(busy_message(refused))]}, request.form, status_of(refused))
    except Invalid as error:
        db.session.rollback()
        return _status_page(case, dict(error.fields), request.form, 422)
    except Conflict as error:
        db.session.rollback()
        flash(translated(error.message), "error")
        return redirect(url_for("web.portal_status", kasus=case.ticket), 303)
    commit(case)
    flash(_("Your message has been sent to the desk. The officers read it in Kawal."), "success")
    return redirect(url_for("web.portal_status", kasus=case.ticket) + "#desk-messages-title", 303)
