"""What monitoring asks the database: is it answering, and is the due work getting done? And the one word that sums
up the parts (``overall_status``).

Each figure is read through the ``(status, due)`` index of its table, so a health check costs the
same with a million pending deadlines as with ten. "Late" means due before now and still pending:
a timer that should have fired, a reminder that should have gone, a message that waits to be sent.
A healthy deployment keeps these near zero; one whose workers or reconcile stopped shows them grow.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine import clock
from engine.models import Deadline, Incident, Notification, Reminder

LATE_AFTER_SECONDS = 300
"""A due item older than this is a problem (reconcile runs each minute; a job is due within seconds)."""


def _late(session: Session, column, status_column, now: datetime) -> dict:
    count, oldest = session.execute(
        select(func.count(), func.min(column)).where(status_column == "pending", column <= now)
    ).one()
    return {"count": count, "oldest_seconds": round((now - oldest).total_seconds()) if oldest else 0}


def database_health(session: Session) -> dict:
    """The due work still waiting: timers, reminders, outbox messages; and incidents nobody resolved."""
    now = clock.now()
    session.execute(select(1)).one()
    figures = {
        "timers_due": _late(session, Deadline.due_at, Deadline.status, now),
        "reminders_due": _late(session, Reminder.fire_at, Reminder.status, now),
        "messages_pending": _late(session, Notification.created_at, Notification.status, now),
        "incidents_open": session.scalar(select(func.count()).where(Incident.resolved_at.is_(None))),
    }
    late = max(figures[name]["oldest_seconds"] for name in ("timers_due", "reminders_due", "messages_pending"))
    figures["late"] = late > LATE_AFTER_SECONDS
    return figures


def overall_status(database: dict, redis: dict | None) -> str:
    """The status word of ``GET /api/v1/health``, the worst that holds, in this order:

    ``down``: the database, or Redis when configured, does not answer (the API answers 503: out of rotation);
    ``degraded``: Redis answers but no RQ worker is alive, or none runs RQ's scheduler, so nothing sends a message or
    fires a timer from now on (said at once, not five minutes later when the first due item is late);
    ``late``: due work waits past ``LATE_AFTER_SECONDS``; ``ok``. ``redis`` is None in the embedded mode, whose
    clock needs no worker. Monitoring alerts on any word but ``ok``.
    """
    if not database["ok"] or (redis is not None and not redis["ok"]):
        return "down"
    if redis is not None and (not redis.get("workers") or not redis.get("scheduler")):
        return "degraded"
    return "late" if database.get("late") else "ok"
