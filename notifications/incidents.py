"""Incidents: work that kept failing waits here for an admin.

A message becomes one after ``delivery.MAX_ATTEMPTS`` failed sends; a timer or reminder job when
its last RQ retry fails (``record``). Retrying puts the item back as pending and closes the incident.

An administrator may also close one without retrying its work (``close``), saying why: the requester's address is
wrong and the PPID phoned them instead. The incident keeps who (``resolved_by``), when (``resolved_at``) and why
(``close_reason``); its work stays as it failed (a message is never sent, a reminder never goes out). The reason is
the administrator's words on what was done, kept and shown to every administrator: it is refused while it holds an
e-mail address, a mobile number or a NIK (engine.pii_scan's rules), so nobody's contact gets copied where the page
itself never shows one. A calendar year's incident is not closed so: it closes when the year is confirmed
(engine.holiday_years), and until then the deadlines reaching into that year say their date may move.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import clock, personal_kinds, pii_scan
from engine.errors import Conflict, Invalid, NotFound
from engine.ids import in_range
from engine.letters import production
from engine.messages import Named, msg
from engine.models import Case, Incident, Letter, Notification, Reminder


def record(session: Session, subject: str, message: str, attempts: int) -> None:
    """Open an incident for ``subject`` (``case:<id>``, ``reminder:<id>``) unless one is open already."""
    open_one = session.scalar(select(Incident.id).where(Incident.subject == subject, Incident.resolved_at.is_(None)))
    if open_one is None:
        session.add(Incident(subject=subject, message=message[:2000], attempts=attempts, created_at=clock.now()))


# Incidents that report a state of the office rather than a failed job (engine.quotas): retrying one only
# acknowledges it (a quota refused repeatedly, the files' disk nearly full); it opens again if it recurs.
ACKNOWLEDGED_ONLY = ("quota", "storage")


# The incidents that close themselves when the office does what they ask (engine.holiday_years: a year confirmed).
CLOSES_ITSELF = ("calendar",)
REASON_MAX = 300  # the length of incident.close_reason
# What a reason may not hold (engine.pii_scan's kinds), in the order a refusal names them.
PERSONAL = ("nik", "kk", "telepon", "email")


def retry(session: Session, incident_id: int, actor: str) -> int | None:
    """Reopen the incident's message for sending; returns its case id (None: nothing to run again)."""
    incident = _open(session, incident_id)
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


def close(session: Session, incident_id: int, actor: str, reason: str | None) -> Incident:
    """Close the incident without retrying its work, with the administrator's ``reason`` (required, at most
    ``REASON_MAX`` characters, no one's e-mail address, mobile number or NIK); its work stays undone."""
    incident = _open(session, incident_id)
    if incident.subject.partition(":")[0] in CLOSES_ITSELF:
        raise Conflict("incident_closes_itself", id=incident_id)
    text = " ".join((reason or "").split())  # one line, as the page and the CLI show it
    if not text:
        raise Invalid("invalid_data", fields={"reason": [msg("required")]})
    if len(text) > REASON_MAX:
        raise Invalid("invalid_data", fields={"reason": [msg("max_length", max=REASON_MAX)]})
    found = {finding.kind for finding in pii_scan.scan_text([text])}
    named = [personal_kinds.WHAT[kind] for kind in PERSONAL if kind in found]
    if named:
        what = Named(", ".join(str(n) for n in named), ", ".join(n.indonesian for n in named))
        raise Invalid("invalid_data", fields={"reason": [msg("incident_reason_personal", what=what)]})
    incident.resolved_at, incident.resolved_by, incident.close_reason = clock.now(), actor, text
    return incident


def outcome(incident: Incident) -> str | None:
    """How the incident was closed: ``closed`` (with a reason, its work left undone), ``acknowledged`` (a quota's,
    the disk's), ``confirmed`` (a calendar year's), ``retried``; None while it is open."""
    if incident.resolved_at is None:
        return None
    if incident.close_reason:
        return "closed"
    kind = incident.subject.partition(":")[0]
    return "acknowledged" if kind in ACKNOWLEDGED_ONLY else "confirmed" if kind in CLOSES_ITSELF else "retried"


def last_error(session: Session, incident: Incident) -> str:
    """The error an administrator reads: a message's own last error when it holds one (the latest try's), else the
    incident's (api.web.incident_words puts either in words)."""
    kind, _, ref = incident.subject.partition(":")
    if kind == "notification" and ref.isdigit():
        row = session.get(Notification, int(ref))
        if row is not None and row.last_error:
            return row.last_error
    return incident.message


def is_job(incident: Incident) -> bool:
    """A background job's incident (a case's timers, a reminder, a letter's PDF), whose error is an exception."""
    return incident.subject.partition(":")[0] in ("case", "reminder", "letter")


def _open(session: Session, incident_id: int) -> Incident:
    incident = session.get(Incident, incident_id) if in_range(incident_id) else None
    if incident is None:
        raise NotFound("incident_not_found", id=incident_id)
    if incident.resolved_at is not None:
        raise Conflict("incident_resolved", id=incident_id)
    return incident
