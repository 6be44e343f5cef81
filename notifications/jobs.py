"""The RQ jobs (and what the embedded clock calls): ids in, never personal data.

Each is idempotent: an early, late or duplicate run does no harm and sends nothing twice.
"""

from __future__ import annotations

import functools
import logging
from datetime import timedelta

from rq import get_current_job
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from engine import casework, clock, dip_due, notices
from engine.files import FileStore
from engine.letters import production
from engine.models import Case, DipReminder, Reminder
from notifications import delivery, incidents
from notifications.scheduling import RETRY, dip_reminder_item, reminder_item
from notifications.services import services

log = logging.getLogger("kawal.jobs")
RETRIES = RETRY.max
# RQ's scheduler keeps whole seconds, so a job may start up to a second before its instant.
SCHEDULER_GRANULARITY = timedelta(seconds=1)


def _final_failure(subject: str):
    """Decorator: when a job fails and RQ has no retry left, open an incident for ``subject``."""

    def wrap(func):
        @functools.wraps(func)
        def run(item_id: int):
            try:
                return func(item_id)
            except Exception as exc:
                job = get_current_job()
                if job is not None and not job.retries_left:  # RQ's last try; inline runs retry each minute
                    with services().sessions.begin() as session:
                        subject_id = f"{subject}:{item_id}"
                        incidents.record(session, subject_id, f"{type(exc).__name__}: {exc}", attempts=RETRIES + 1)
                raise

        return run

    return wrap


@_final_failure("case")
def fire_timers(case_id: int) -> str:
    """Run a case's due timers (a BPMN timer fires only when its case runs)."""
    svc = services()
    with svc.sessions() as session:
        svc.runtime.refresh_overrides(session)
        case = session.get(Case, case_id)
        if case is None:
            return "no-case"
        try:
            touched = [c.id for c in casework.run_case(session, svc.runtime, case).touched]
            session.commit()
        except (StaleDataError, IntegrityError, OperationalError):
            session.rollback()
            return "conflict"  # another run of the case is under way; it will see the same timers
    for touched_id in touched:
        schedule_case(touched_id)
    return "ran"


@_final_failure("reminder")
def send_reminder(reminder_id: int) -> str:
    """Materialize a due reminder into outbox rows, once."""
    svc = services()
    with svc.sessions() as session:
        reminder = session.get(Reminder, reminder_id)
        if reminder is None or reminder.status != "pending":
            return "not-pending"
        if reminder.fire_at > clock.now() + SCHEDULER_GRANULARITY:
            if svc.scheduler is not None:  # ran too soon (a duplicate, or a clock ahead): put it back
                svc.scheduler.enqueue(*reminder_item(reminder.id, reminder.fire_at)[:3], at=reminder.fire_at)
            return "early"
        claimed = session.execute(
            update(Reminder)
            .where(Reminder.id == reminder_id, Reminder.status == "pending")
            .values(status="sent", sent_at=clock.now())
        ).rowcount
        if claimed != 1:
            session.rollback()
            return "not-pending"
        created = notices.remind(session, svc.runtime, reminder)
        superseded = reminder.status == "cancelled"  # a later point or the lapse, due too, tells its readers
        session.commit()
    if svc.scheduler is not None:  # only this reminder's messages: the case's other items have their own jobs
        svc.scheduler.schedule_notifications(created)
    return "superseded" if superseded else "sent"


@_final_failure("dip_reminder")
def send_dip_reminder(reminder_id: int) -> str:
    """A periodic DIP item falling due or overdue (engine.dip_due): outbox rows for its unit or the PPID, once."""
    svc = services()
    with svc.sessions() as session:
        reminder = session.get(DipReminder, reminder_id)
        if reminder is None or reminder.status != "pending":
            return "not-pending"
        if reminder.fire_at > clock.now() + SCHEDULER_GRANULARITY:
            if svc.scheduler is not None:
                svc.scheduler.enqueue(*dip_reminder_item(reminder.id, reminder.fire_at)[:3], at=reminder.fire_at)
            return "early"
        cal, channels = svc.runtime.calendars["strict"], svc.settings.notify_channels
        created = dip_due.send(session, cal, channels, reminder_id, early=SCHEDULER_GRANULARITY)
        if created is None:
            session.rollback()
            return "not-pending"
        session.commit()
    if svc.scheduler is not None:
        svc.scheduler.schedule_notifications(created)
    return "sent" if created else "cancelled"


@_final_failure("letter")
def render_letter(letter_id: int) -> str:
    """Make a pending letter's PDF after the commit that issued it (engine.letters.production), once.

    The PDF is made with no transaction open; storing it is one short transaction. A failure is counted on
    the letter; the one that makes it ``failed`` opens an incident (an admin retries it).
    """
    svc = services()
    with svc.sessions() as session:
        job = production.prepare(session, svc.runtime, letter_id)
    if job is None:
        return "not-pending"
    try:
        pdf = production.produce(svc.runtime, job)
    except Exception as exc:
        with svc.sessions.begin() as session:
            if production.note_failure(session, letter_id, exc) == "failed":
                incidents.record(
                    session, f"letter:{letter_id}", f"{type(exc).__name__}: {exc}", production.MAX_ATTEMPTS
                )
        raise
    store = FileStore.of(svc.settings, svc.runtime.vault)
    with svc.sessions() as session:
        try:
            done = production.record(session, svc.runtime, store, letter_id, pdf)
            session.commit()
        except (StaleDataError, IntegrityError, OperationalError):
            session.rollback()  # an officer's change to the case, or another run, came first: the next run sees to it
            raise
    return "ready" if done is not None else "not-pending"


def deliver_notification(notification_id: int) -> str:
    svc = services()
    with svc.sessions() as session:
        return delivery.deliver(session, svc.runtime, svc.channels, notification_id)


def schedule_case(case_id: int) -> None:
    """After a commit: put the case's pending timers, reminders and messages on the queue (best effort)."""
    svc = services()
    if svc.scheduler is not None:
        with svc.sessions() as session:
            svc.scheduler.schedule_case(session, case_id)
