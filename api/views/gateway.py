"""``POST /api/v1/gateway/texts``: a requester's status question by SMS or WhatsApp, passed on by the office's
gateway (engine.text_status), and the reply for the gateway to send back.

The gateway is the one that already delivers Kawal's messages (the ``webhook`` channel, notifications.channels)
and signs what it sends with the same secret: ``X-Kawal-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>``
over a JSON body ``{"from": "<sender's number>", "text": "<what they wrote>", "at": "<RFC 3339 instant>"}``
(``at``: when it posts; more than ``FRESH`` away from Kawal's clock is refused, so that a captured question
cannot be sent again later to read the answer). Kawal checks the signature over
the raw bytes before reading anything, and answers ``{"reply": "<text>"}`` for the gateway to send to the
sender. Without ``KAWAL_WEBHOOK_SECRET`` the endpoint does not exist (404). The sender's number and the text are
neither stored nor logged: only wrong codes are counted, by the number's keyed hash (engine.codes).
"""

import json
from datetime import timedelta

from flask import current_app, request
from flask_smorest import Blueprint
from marshmallow import ValidationError

from api.boundary import runtime
from api.extensions import db
from api.limits import body_limit
from api.schemas import GatewayReply, GatewayText
from engine import clock, text_status
from engine.errors import Invalid, NotFound, Unauthorized
from notifications.channels import verify_signature

blp = Blueprint("gateway", __name__, description="Status questions by SMS or WhatsApp, through the office's gateway")
MAX_BODY = 4096  # a number and a three-word text
FRESH = timedelta(minutes=5)  # how far the gateway's ``at`` may be from Kawal's clock


@blp.post("/gateway/texts")
@body_limit(MAX_BODY)
@blp.doc(
    requestBody={"content": {"application/json": {"schema": GatewayText}}},
    parameters=[{"in": "header", "name": "X-Kawal-Signature", "required": True, "schema": {"type": "string"}}],
)
@blp.response(200, GatewayReply)
def text():
    """A text sent to the office's number (``STATUS <ticket> <access code>``) and the reply to send back: the
    stage, the deadline's day and the next step, never personal data; a whistleblower's report only on the web.
    401 when the signature is not the gateway's; 404 when no gateway is configured."""
    secret = current_app.config["KAWAL"].webhook_secret
    if not secret:
        raise NotFound("no_gateway")
    raw = request.get_data(cache=True)  # at most MAX_BODY (``body_limit``): a longer body is answered 413
    if not verify_signature(secret.encode("utf-8"), raw, request.headers.get("X-Kawal-Signature")):
        raise Unauthorized("gateway_signature")
    try:
        body = GatewayText().load(json.loads(raw))
    except (ValueError, ValidationError) as error:
        fields = error.messages if isinstance(error, ValidationError) else {"_schema": ["not JSON"]}
        raise Invalid("invalid_data", fields=fields) from None
    if abs(clock.now() - body["at"]) > FRESH:  # a signed question captured and sent again
        raise Unauthorized("gateway_stale")
    answer = text_status.reply(db.session, runtime(), body["sender"], body["text"])
    db.session.commit()  # a wrong code's count
    return {"reply": answer}
