"""Incidents: work that kept failing waits here for an admin.

A message becomes one after ``delivery.MAX_ATTEMPTS`` failed sends; a timer or reminder job when
its last RQ retry fails (``record``). Retrying puts the item back as pending and closes the incident.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import clock
from engine.errors import Conflict, NotFound
from engine.ids import in_range
from engine.letters import production
from engine.models import Case, Incident, Letter, Notification, Reminder


def record(session: Session, subject: str, message: str, attempts: int) -> None:
    """Open an incident for ``subject`` (``case:<id>``, ``reminder:<id>``) unless one is open already."""
    open_one = session.scalar(select(Incident.id).where(Incident.subject == subject, Incident.resolved_at.is_(None)))
    if open_one is None:
        session.add(Incident(subject=subject, message=message[:2000], attempts=attempts, created_at=clock.now()))


# Incidents that report a state of the office rather than a failed job (engine.quotas): retrying one only
# acknowledges it (a quota refused repeatedly, the files' disk nearly full); it opens again if it recurs.
ACKNOWLEDGED_ONLY = ("quota", "storage")


def retry(session: Session, incident_id: int, actor: str) -> int | None:
    """Reopen the incident's message for sending; returns its case id (None: nothing to run again)."""
    incident = session.get(Incident, incident_id) if in_range(incident_id) else None
    if incident is None:
        raise NotFound("incident_not_found", id=incident_id)
    if incident.resolved_at is not None:
        raise Conflict("incident_resolved", id=incident_id)
    kind, _, ref = incident.subject.partition(":")
    if kind == "notification":
        row = session.get(Notification, int(ref))
        row.status, row.attempts, row.last_error = "pending", 0, None
        case_id = row.case_id
    elif kind == "reminder":
        reminder = session.get(Reminder, int(ref))
        reminder.status = "pending" if reminder.status == "incident" else reminder.status
        case_id = reminder.case_id
    elif kind == "letter":  # its PDF: pending again, rendered by the next job or sweep
        letter = session.get(Letter, int(ref))
        production.retry(letter)
        case_id = letter.case_id
    elif kind == "case":  # its timers: scheduling the case runs them again
        case_id = session.get(Case, int(ref)).id
    elif kind in ACKNOWLEDGED_ONLY:
        case_id = None
    else:
        raise Conflict("incident_not_retryable", id=incident_id, subject=incident.subject)
    incident.resolved_at, incident.resolved_by = clock.now(), actor
    return case_id
