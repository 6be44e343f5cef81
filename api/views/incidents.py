from flask_smorest import Blueprint
from sqlalchemy import select

from api.auth import current_user, login_required
from api.boundary import commit
from api.extensions import db
from api.schemas import IncidentClose, IncidentItem, IncidentList, IncidentQuery
from engine import access
from engine.models import Case, Incident
from notifications.incidents import close, retry

blp = Blueprint("incidents", __name__, description="Jobs that kept failing, for administrators")


@blp.get("/incidents")
@login_required
@blp.arguments(IncidentQuery, location="query")
@blp.response(200, IncidentList)
def list_incidents(query):
    """Open incidents, oldest first; ``status=closed``: the closed ones, newest closed first, with who closed each,
    when, and the reason of one closed without retrying."""
    access.require_admin(current_user())
    if query["status"] == "closed":
        found = select(Incident).where(Incident.resolved_at.is_not(None))
        found = found.order_by(Incident.resolved_at.desc(), Incident.id.desc())
    else:
        found = select(Incident).where(Incident.resolved_at.is_(None)).order_by(Incident.id)
    rows = db.session.scalars(found).all()
    return {"items": rows, "total": len(rows)}


@blp.post("/incidents/<id:incident_id>/retry")
@login_required
@blp.response(200, IncidentItem)
def retry_incident(incident_id):
    """Put the failed message back in the outbox and close the incident."""
    user = current_user()
    access.require_admin(user)
    case_id = retry(db.session, incident_id, user.username)
    commit(*([db.session.get(Case, case_id)] if case_id is not None else []))
    return db.session.get(Incident, incident_id)


@blp.post("/incidents/<id:incident_id>/close")
@login_required
@blp.arguments(IncidentClose)
@blp.response(200, IncidentItem)
def close_incident(body, incident_id):
    """Close the incident without retrying its work, saying why (e.g. the requester's address is wrong and the PPID
    phoned them instead): the reason is required, at most 300 characters, and holds no one's e-mail address, mobile
    number or NIK. Its message stays unsent. A calendar year's incident closes when the year is confirmed (409)."""
    user = current_user()
    access.require_admin(user)
    incident = close(db.session, incident_id, user.username, body["reason"])
    db.session.commit()  # nothing to schedule: its work is left undone
    return incident
