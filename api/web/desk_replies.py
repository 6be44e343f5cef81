"""The desk answers a requester's message on the case page (engine.requester_messages.reply): the form under each
message of "Pesan dari pemohon", for the PPID's staff who read the requester's identity.

A refusal (empty, too long, personal data in it) comes back on the case page beside the form, what was typed kept,
as the complaint team's message to the reporter does (``case_messages.sent_back``).
"""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from api.boundary import commit, runtime
from api.extensions import db
from api.web.blueprint import bp
from api.web.case_messages import sent_back
from api.web.session import officer
from api.web.urls import safe_next
from engine import access, requester_messages
from engine.errors import Conflict, Invalid


@bp.post("/kasus/<ticket>/pesan-pemohon/<id:message_id>/jawab")
@login_required
def case_desk_reply(ticket: str, message_id: int):
    """``POST`` the form "Jawab pemohon" under the requester's message ``message_id``."""
    user = officer()
    case = access.require_staff_case(db.session, user, ticket)
    body = request.form.get("body", "")
    try:
        requester_messages.reply(db.session, runtime(), user, case, message_id, body)
    except (Invalid, Conflict) as error:
        return sent_back(case, "desk_reply", error, body, request_id=message_id)
    commit(case)
    flash(_("Your answer was sent: the requester reads it on the portal and is told by e-mail."), "success")
    back = safe_next(request.form.get("next"))  # the task page it was answered on (a refusal shows on the case page)
    return redirect(back or url_for("web.case", ticket=case.ticket) + f"#requester-message-{message_id}", 303)
