"""A requester's messages to the desk and the desk's answers (engine.requester_messages), as the pages have them.

The requester has no account: the ticket and the access code in the body (a POST, so the code never sits in a URL),
counted and throttled as every way in (``public.case_by_code``), write a message on a request or an objection, the
same rules and limits as the portal's form (``public.admit_message``: per case and per address, a day). The PPID's
staff who read the requester's identity answer a message with their token; the requester is told by mail and reads
the answer with the status, never the officer's name.
"""

from flask_smorest import Blueprint
from marshmallow import Schema, fields

from api import public
from api.auth import current_user, login_required
from api.boundary import commit, runtime
from api.extensions import db
from api.schemas import DeskMessage
from engine import access, requester_messages
from engine.models import Case

blp = Blueprint("desk_messages", __name__, description="A requester's messages to the desk and the desk's answers")

_BODY = {"description": f"the words, at most {requester_messages.MAX_BODY} characters once trimmed"}


class DeskMessageSend(Schema):
    ticket = fields.String(required=True)
    access_code = fields.String(required=True, load_only=True)
    body = fields.String(required=True, metadata=_BODY)


class DeskReplySend(Schema):
    body = fields.String(required=True, metadata=_BODY)


class DeskMessages(Schema):
    ticket = fields.String()
    can_write = fields.Boolean(metadata={"description": "whether the requester may write on the case now"})
    items = fields.List(fields.Nested(DeskMessage))


@blp.post("/status/messages")
@blp.arguments(DeskMessageSend)
@blp.response(201, DeskMessages)
def send(body):
    """The requester writes to the desk on a request or an objection (ticket and access code in the body), while it
    is open or their time to go further from it runs: 409 otherwise, 422 when empty or too long, 429 over the day's
    limit. Answers the requester's messages with the desk's answers (never an officer's name)."""
    case = public.case_by_code(body["ticket"], body["access_code"])
    public.admit_message(case, 0)
    requester_messages.send(db.session, runtime(), case, body["body"])
    view = _messages(case, officer=False)
    commit(case)
    return view


@blp.post("/cases/<string:ticket>/requester-messages/<int:message_id>/reply")
@login_required
@blp.arguments(DeskReplySend)
@blp.response(201, DeskMessages)
def reply(body, ticket, message_id):
    """The desk answers the requester's message: the PPID's staff who read the requester's identity (403 for anyone
    else). 422 when empty, too long or holding anyone's NIK, NIP, phone number or e-mail address (the office's own
    contact passes). The requester is told by mail and reads it on the portal."""
    user = current_user()
    case = access.require_staff_case(db.session, user, ticket)
    requester_messages.reply(db.session, runtime(), user, case, message_id, body["body"])
    view = _messages(case, officer=True)
    commit(case)
    return view


def _messages(case: Case, officer: bool) -> dict:
    # the requester reads "the desk", never an officer's name
    listed = requester_messages.listed if officer else requester_messages.for_requester
    items = listed(db.session, case)
    return {
        "ticket": case.ticket,
        "can_write": requester_messages.can_write(db.session, runtime(), case),
        "items": items,
    }
