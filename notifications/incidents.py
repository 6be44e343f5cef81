"""Incidents: a message that failed ``MAX_ATTEMPTS`` times waits here for an admin."""

from sqlalchemy.orm import Session

from engine import clock
from engine.errors import Conflict, NotFound
from engine.models import Incident, Notification


def retry(session: Session, incident_id: int, actor: str) -> int:
    """Reopen the incident's message for sending; returns its case id."""
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound(f"incident {incident_id} not found")
    if incident.resolved_at is not None:
        raise Conflict(f"incident {incident_id} is already resolved")
    kind, _, ref = incident.subject.partition(":")
    if kind != "notification":
        raise Conflict(f"incident {incident_id} ({incident.subject}) cannot be retried automatically")
    row = session.get(Notification, int(ref))
    row.status, row.attempts, row.last_error = "pending", 0, None
    incident.resolved_at, incident.resolved_by = clock.now(), actor
    return row.case_id
