"""Reconcile: from the database, re-create every schedule Redis lacks, and do what is already due.

Safe to run any number of times at once: with Redis it only adds missing jobs (fixed ids); without
Redis (the embedded clock) each item is claimed by a conditional update or guarded by the case's
version column, so two runs never do the same thing twice. The queries read only due rows through
their ``(status, due)`` indexes, so the cost grows with the work that is due, not with the cases.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from redis.exceptions import RedisError
from sqlalchemy import Select, select

from engine import absence, clock, correction_requests, dip_exempt, follow_ups, leave_returns, report_due
from engine.models import Deadline, DipReminder, Letter, Notification, Reminder
from notifications import delivery, jobs
from notifications.scheduling import dip_reminder_item, letter_item, notification_item, reminder_item, timer_item
from notifications.services import Services

log = logging.getLogger("kawal.reconcile")
LOOKAHEAD = timedelta(minutes=15)  # schedule what falls due before the next run (cron: every minute or five)
BATCH = 5000


@dataclass
class Report:
    scheduled: int = 0
    timers: list[str] = field(default_factory=list)
    reminders: list[str] = field(default_factory=list)
    notifications: list[str] = field(default_factory=list)
    letters: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    redis_down: bool = False  # KAWAL_REDIS_URL did not answer: what was due ran here instead

    def summary(self) -> str:
        said = (
            f"scheduled {self.scheduled}; ran {len(self.timers)} timer(s), {len(self.reminders)} reminder(s), "
            f"{len(self.letters)} letter(s), {len(self.notifications)} notification(s); {len(self.failed)} failed"
        )
        return ("Redis did not answer: ran what is due here; " + said) if self.redis_down else said


def due_queries(horizon: datetime, batch: int = BATCH) -> dict[str, Select]:
    """What a run reads, in its order: columns, not ORM rows, through the (status, due) indexes. The
    deadlines, reminders and the public information list's periodic items (engine.dip_due) falling due by
    ``horizon``; letters waiting for their PDF (engine.letters.production); messages not yet sent (read only
    when Redis takes them: the inline run sweeps every pending one itself)."""
    return {
        "deadlines": select(Deadline.case_id, Deadline.id, Deadline.due_at)
        .where(Deadline.status == "pending", Deadline.due_at <= horizon)
        .order_by(Deadline.due_at)
        .limit(batch),
        "reminders": select(Reminder.id, Reminder.fire_at)
        .where(Reminder.status == "pending", Reminder.fire_at <= horizon)
        .order_by(Reminder.fire_at)
        .limit(batch),
        "dip_reminders": select(DipReminder.id, DipReminder.fire_at)
        .where(DipReminder.status == "pending", DipReminder.fire_at <= horizon)
        .order_by(DipReminder.fire_at)
        .limit(batch),
        "letters": select(Letter.id).where(Letter.status == "pending").order_by(Letter.issued_at).limit(batch),
        "notifications": select(Notification.id)
        .where(Notification.status == "pending")
        .order_by(Notification.created_at)
        .limit(batch),
    }


def reconcile(svc: Services, lookahead: timedelta = LOOKAHEAD, batch: int = BATCH) -> Report:
    report = Report()
    with svc.sessions() as session:
        delivery.release_stale_claims(session, svc.settings)
        # Leave that is over (ended, or cancelled): what its stand-in still holds under it goes back, first, so that an
        # officer whose next leave begins has it handed on below (engine.leave_returns).
        if leave_returns.returns_due(session):
            leave_returns.sweep(session, svc.runtime)
            session.commit()
        # Leave that has begun since it was marked: the officer's open tasks go to the stand-in (engine.absence).
        if absence.hand_over_due(session):  # one indexed look; the runtime is built only when needed
            absence.sweep(session, svc.runtime)
            session.commit()
        # A requester's request to correct their data in its last day: the desk is reminded; past its 3 x 24 hours:
        # the PPID is told (engine.requester_data).
        if correction_requests.sweep_due(session):
            correction_requests.sweep(session, svc.runtime)
            session.commit()
        # A task's follow-up day has come (its holder's own plan, engine.follow_ups): the holder is told, once.
        if follow_ups.sweep_due(session):
            follow_ups.sweep(session, svc.runtime)
            session.commit()
        # An item of the public information list still listed as exempt whose register entry no longer holds: the
        # PPID and the item's unit are told once, to open it (engine.dip_exempt).
        if dip_exempt.sweep_due(session) and dip_exempt.sweep(session, svc.runtime):
            session.commit()
        # The year's Laporan Layanan Informasi Publik near or past its due date (31 March) and not recorded as
        # handed over: the PPID is reminded, and told with the superior when it is late (engine.report_due).
        if report_due.sweep_due(session, svc.settings):
            report_due.sweep(session, svc.runtime)
            session.commit()
        horizon = clock.now() + (lookahead if svc.scheduler else timedelta(0))
        queries = due_queries(horizon, batch)
        deadlines = session.execute(queries["deadlines"]).all()
        reminders = session.execute(queries["reminders"]).all()
        dip_reminders = session.execute(queries["dip_reminders"]).all()
        letters = session.scalars(queries["letters"]).all()
        items = [timer_item(*d) for d in deadlines] + [reminder_item(*r) for r in reminders]
        items += [dip_reminder_item(*r) for r in dip_reminders] + [letter_item(n) for n in letters]
        if svc.scheduler is not None:
            pending = session.scalars(queries["notifications"]).all()
            items += [notification_item(n) for n in pending]
            try:
                report.scheduled = svc.scheduler._schedule(items, only_missing=True)
                return report
            except RedisError as exc:
                # The database holds everything: what is due is done here, as without Redis, until Redis answers.
                log.warning("Redis does not answer (%s): running what is due here", exc)
                report.redis_down = True
                now = clock.now()
                # Messages are sent by the inline run's own sweep of every pending one (below).
                items = [
                    i for i in items if not i[0].endswith("deliver_notification") and (i[3] is None or i[3] <= now)
                ]
    if report.redis_down:
        svc.__dict__["scheduler"] = None  # the jobs below must not hand their follow-ups to a Redis that is down
    _run_inline(svc, items, report)
    return report


def _run_inline(svc: Services, items, report: Report) -> None:
    """The embedded mode: no Redis, so run the same job functions here, in order of time."""
    seen_cases = set()
    for func, item_id, job_id, _at in items:
        try:
            if func.endswith("fire_timers"):
                if item_id not in seen_cases:
                    seen_cases.add(item_id)
                    report.timers.append(f"{job_id}:{jobs.fire_timers(item_id)}")
            elif func.endswith("render_letter"):
                report.letters.append(f"{job_id}:{jobs.render_letter(item_id)}")
            elif func.endswith("send_dip_reminder"):
                report.reminders.append(f"{job_id}:{jobs.send_dip_reminder(item_id)}")
            else:
                report.reminders.append(f"{job_id}:{jobs.send_reminder(item_id)}")
        except Exception as exc:  # one bad item must not stop the rest
            log.exception("%s failed", job_id)
            report.failed.append(f"{job_id}: {exc}")
    with svc.sessions() as session:
        pending = session.scalars(
            select(Notification.id).where(Notification.status == "pending").order_by(Notification.created_at)
        ).all()
    for notification_id in pending:
        try:
            report.notifications.append(f"notification-{notification_id}:{jobs.deliver_notification(notification_id)}")
        except Exception as exc:
            log.warning("notification %s failed: %s", notification_id, exc)
            report.failed.append(f"notification-{notification_id}: {exc}")
