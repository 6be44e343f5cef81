from flask_smorest import Blueprint
from sqlalchemy import select

from api.auth import current_user, login_required
from api.boundary import commit
from api.extensions import db
from api.schemas import IncidentItem, IncidentList
from engine import access
from engine.models import Case, Incident
from notifications.incidents import retry

blp = Blueprint("incidents", __name__, description="Jobs that kept failing, for administrators")


@blp.get("/incidents")
@login_required
@blp.response(200, IncidentList)
def list_incidents():
    """Open incidents, oldest first."""
    access.require_admin(current_user())
    rows = db.session.scalars(select(Incident).where(Incident.resolved_at.is_(None)).order_by(Incident.id)).all()
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
