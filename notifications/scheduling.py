"""Putting the database's due work on RQ (``Queue.enqueue_at``), and getting it back after Redis loses it.

The database is the source of truth; Redis only makes things happen on time. Job ids are fixed per
item (``timer-<deadline>``, ``reminder-<id>``, ``dip-reminder-<id>``, ``letter-<id>``,
``notification-<id>``), so scheduling twice keeps one scheduled entry, a job already queued is not queued
again, and every job is idempotent for the rest.
"""

from __future__ import annotations

import calendar
import logging
import math
from datetime import datetime, timedelta

from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Retry, worker_registration
from rq.job import Job, JobStatus
from rq.scheduler import SCHEDULER_KEY_TEMPLATE, SCHEDULER_LOCKING_KEY_TEMPLATE
from rq.utils import utcparse
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import clock
from engine.models import Deadline, Letter, Notification, Reminder
from notifications.services import QUEUE

log = logging.getLogger("kawal.scheduling")
RETRY = Retry(max=4, interval=[10, 60, 300, 900])
WAITING = frozenset({JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.DEFERRED})
# A scheduler whose last heartbeat is older than this is taken for dead (it beats each second; a loaded machine
# with the worker at nice 10 has delayed it by a few seconds, never by this much in the tests' runs).
SCHEDULER_STALE_SECONDS = 15


class Scheduler:
    def __init__(self, redis_url: str):
        self.redis = Redis.from_url(redis_url)
        self.queue = Queue(QUEUE, connection=self.redis)

    def enqueue(self, func: str, item_id: int, job_id: str, at: datetime | None = None) -> None:
        options = {"job_id": job_id, "retry": RETRY, "result_ttl": 3600, "failure_ttl": 30 * 86400}
        if at is not None and at > clock.now():
            self.queue.enqueue_at(at, func, item_id, **options)
        else:
            self.queue.enqueue(func, item_id, **options)

    def schedule_case(self, session: Session, case_id: int) -> int:
        """Everything pending of one case; Redis being down is logged, not raised (reconcile catches up)."""
        try:
            return self._schedule(_case_items(session, case_id), only_missing=False)
        except RedisError as exc:
            log.warning("could not schedule case %s: %s; reconcile will", case_id, exc)
            return 0

    def schedule_notifications(self, ids) -> None:
        try:
            for notification_id in ids:
                self.enqueue(
                    "notifications.jobs.deliver_notification", notification_id, f"notification-{notification_id}"
                )
        except RedisError as exc:
            log.warning("could not schedule notifications %s: %s; reconcile will", list(ids), exc)

    def health(self) -> dict:
        """What monitoring asks Redis: the queue's depth, what waits for its time, failures, live workers.

        ``scheduler`` says whether a live worker holds the scheduler lock: without one, jobs waiting for their
        time are never moved to the queue (RQ hands the lock on within two minutes of its holder dying). The lock
        alone outlives a killed holder by up to 61 s, so the holder's heartbeat (RQ's scheduler beats each second)
        must also be recent: ``scheduler_heartbeat_age`` is its age in seconds by Redis's own clock (None without a
        holder). Raises ``RedisError`` when Redis does not answer.
        """
        pipe = self.redis.pipeline()
        pipe.llen(self.queue.key)
        pipe.zcard(self.queue.scheduled_job_registry.key)
        pipe.zcard(self.queue.started_job_registry.key)
        pipe.zcard(self.queue.failed_job_registry.key)
        pipe.get(SCHEDULER_LOCKING_KEY_TEMPLATE % QUEUE)
        pipe.time()
        queued, scheduled, started, failed, holder, (seconds, micros) = pipe.execute()
        age = None
        if holder is not None:
            beat = self.redis.hget(SCHEDULER_KEY_TEMPLATE % holder.decode(), "last_heartbeat")
            if beat is not None:
                age = max(0.0, seconds + micros / 1e6 - utcparse(beat.decode()).timestamp())
        return {
            "queued": queued,
            "scheduled": scheduled,
            "started": started,
            "failed": failed,
            "workers": self._live_workers(),
            "scheduler": age is not None and age <= SCHEDULER_STALE_SECONDS,
            "scheduler_heartbeat_age": None if age is None else round(age, 1),
        }

    def _live_workers(self) -> int:
        """Workers of the queue whose heartbeat key still lives (it expires ``WORKER_TTL`` + 60 s after the last
        beat). RQ's own count reads its registry, where a worker killed outright stays listed until some worker's
        cleanup pass: monitoring counted the dead as workers."""
        keys = list(worker_registration.get_keys(queue=self.queue, connection=self.redis))
        if not keys:
            return 0
        pipe = self.redis.pipeline(transaction=False)
        for key in keys:
            pipe.exists(key)
        return sum(pipe.execute())

    def _schedule(self, items, only_missing: bool) -> int:
        """Put ``items`` on RQ, except what Redis already holds as they need it; with ``only_missing``
        (reconcile), except anything Redis holds queued or scheduled at all.

        A case is scheduled after each of its commits, so most of its items are already there. A job due now
        that is already queued is never pushed again: RQ would list its id twice and the worker run it twice
        (harmless, each job is idempotent, but a worker that lags behind falls further behind on repeats). A
        job due later is left alone when it is scheduled for the same second, and scheduled again (moved)
        when its time changed. What Redis holds is read in one round trip."""
        items = list(items)
        if not items:
            return 0
        held = self._held(items, only_missing)
        count = 0
        for func, item_id, job_id, at in items:
            if job_id not in held:
                self.enqueue(func, item_id, job_id, at)
                count += 1
        return count

    def _held(self, items: list, only_missing: bool) -> set[str]:
        """The items' jobs Redis holds as the items need them. With ``only_missing``: queued or scheduled at all.
        Otherwise: queued when due now (or scheduled to move to the queue within a second), scheduled for the
        item's second when due later."""
        now = clock.now()
        soon = calendar.timegm(now.utctimetuple()) + 1
        held = set()
        for (_, _, job_id, at), (status, score) in zip(items, self._states([i[2] for i in items]), strict=True):
            if only_missing:
                waiting = status in WAITING
            elif at is None or at <= now:
                waiting = status == JobStatus.QUEUED or (status == JobStatus.SCHEDULED and score <= soon)
            else:
                waiting = status == JobStatus.SCHEDULED and score == calendar.timegm(at.utctimetuple())
            if waiting:
                held.add(job_id)
        return held

    def _states(self, job_ids: list[str], chunk: int = 500) -> list[tuple[str | None, float]]:
        """Each job's status and the second the scheduled registry holds it for (inf when it holds none):
        one pipelined round trip per ``chunk`` jobs."""
        registry = self.queue.scheduled_job_registry.key
        states = []
        for start in range(0, len(job_ids), chunk):
            pipe = self.redis.pipeline(transaction=False)
            for job_id in job_ids[start : start + chunk]:
                pipe.hget(Job.key_for(job_id), "status")
                pipe.zscore(registry, job_id)
            answers = pipe.execute()
            for status, score in zip(answers[::2], answers[1::2], strict=True):
                states.append((status.decode() if status is not None else None, math.inf if score is None else score))
        return states


def _case_items(session: Session, case_id: int):
    deadlines = select(Deadline.case_id, Deadline.id, Deadline.due_at)
    for row in session.execute(deadlines.where(Deadline.case_id == case_id, Deadline.status == "pending")):
        yield timer_item(*row)
    reminders = select(Reminder.id, Reminder.fire_at)
    for row in session.execute(reminders.where(Reminder.case_id == case_id, Reminder.status == "pending")):
        yield reminder_item(*row)
    for (letter_id,) in session.execute(select(Letter.id).where(Letter.case_id == case_id, Letter.status == "pending")):
        yield letter_item(letter_id)
    notifications = select(Notification.id)
    for (notification_id,) in session.execute(
        notifications.where(Notification.case_id == case_id, Notification.status == "pending")
    ):
        yield notification_item(notification_id)


def timer_item(case_id: int, deadline_id: int, due_at: datetime):
    return "notifications.jobs.fire_timers", case_id, f"timer-{deadline_id}", due_at + timedelta(seconds=1)


def reminder_item(reminder_id: int, fire_at: datetime):
    return "notifications.jobs.send_reminder", reminder_id, f"reminder-{reminder_id}", fire_at


def dip_reminder_item(reminder_id: int, fire_at: datetime):
    return "notifications.jobs.send_dip_reminder", reminder_id, f"dip-reminder-{reminder_id}", fire_at


def letter_item(letter_id: int):
    return "notifications.jobs.render_letter", letter_id, f"letter-{letter_id}", None


def notification_item(notification_id: int):
    return "notifications.jobs.deliver_notification", notification_id, f"notification-{notification_id}", None
