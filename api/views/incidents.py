from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import select

from api.auth import current_user, login_required
from api.boundary import commit
from api.extensions import db
from api.language import requested
from api.schemas import IncidentClose, IncidentItem, IncidentQuery
from engine import access
from engine.incident_words import explain
from engine.models import Case, Incident
from notifications.incidents import close, is_job, last_error, retry

blp = Blueprint("incidents", __name__, description="Jobs that kept failing, for administrators")


class IncidentRead(IncidentItem):
    """An incident as the API gives it: its last error as a code and words, never the error's own text."""

    code = fields.String(
        metadata={
            "description": "what failed, a stable code: smtp_recipient_refused, smtp_login_refused, gateway_refused, "
            "render_failed, quota_reached, cuti_bersama_unconfirmed, ...; job_failed (a background job's exception) "
            "or unexplained (an error of no known form)"
        }
    )
    message = fields.String(
        metadata={
            "description": "the last error in words (Accept-Language; Bahasa Indonesia by default): what failed and "
            "what to check, as the incidents page says it; never the error's own text"
        }
    )


class IncidentReadList(Schema):
    items = fields.List(fields.Nested(IncidentRead))
    total = fields.Integer()


def _read(incident: Incident) -> dict:
    """``incident`` with its last error (a message's own latest, else the incident's) as a code and words."""
    code, words = explain(last_error(db.session, incident), is_job(incident), requested())
    columns = ("id", "subject", "attempts", "created_at", "resolved_at", "resolved_by", "close_reason")
    return {name: getattr(incident, name) for name in columns} | {"code": code, "message": words}


@blp.get("/incidents")
@login_required
@blp.arguments(IncidentQuery, location="query")
@blp.response(200, IncidentReadList)
def list_incidents(query):
    """Open incidents, oldest first; ``status=closed``: the closed ones, newest closed first, with who closed each,
    when, and the reason of one closed without retrying.

    Each incident's last error is a stable ``code`` and its ``message`` in words, in the caller's language
    (``Accept-Language``, Bahasa Indonesia by default), as the incidents page says it (engine.incident_words): what
    failed and what to check. The error's own text is never returned. A channel's error is written to hold no address
    and no body, but a background job's is an exception's text, which may quote anything: a database error the values
    it was writing (a requester's name, e-mail address or NIK), a render error the message's facts. Only
    administrators list incidents, and an administrator is no reader of the public's identities
    (engine.access.IDENTITY_READERS), so only the exception's type is named; the text stays in the database and the
    workers' log, read on the server."""
    access.require_admin(current_user())
    if query["status"] == "closed":
        found = select(Incident).where(Incident.resolved_at.is_not(None))
        found = found.order_by(Incident.resolved_at.desc(), Incident.id.desc())
    else:
        found = select(Incident).where(Incident.resolved_at.is_(None)).order_by(Incident.id)
    rows = db.session.scalars(found).all()
    return {"items": [_read(row) for row in rows], "total": len(rows)}


@blp.post("/incidents/<id:incident_id>/retry")
@login_required
@blp.response(200, IncidentRead)
def retry_incident(incident_id):
    """Put the failed message back in the outbox and close the incident."""
    user = current_user()
    access.require_admin(user)
    case_id = retry(db.session, incident_id, user.username)
    commit(*([db.session.get(Case, case_id)] if case_id is not None else []))
    return _read(db.session.get(Incident, incident_id))


@blp.post("/incidents/<id:incident_id>/close")
@login_required
@blp.arguments(IncidentClose)
@blp.response(200, IncidentRead)
def close_incident(body, incident_id):
    """Close the incident without retrying its work, saying why (e.g. the requester's address is wrong and the PPID
    phoned them instead): the reason is required, at most 300 characters, and holds no one's e-mail address, mobile
    number or NIK. Its message stays unsent. A calendar year's incident closes when the year is confirmed (409)."""
    user = current_user()
    access.require_admin(user)
    incident = close(db.session, incident_id, user.username, body["reason"])
    db.session.commit()  # nothing to schedule: its work is left undone
    return _read(incident)
