"""Health's scheduler flag follows the scheduler's heartbeat, not RQ's lock, which outlives a killed holder.

On SQLite alone: health reads Redis (heartbeats, locks, RQ's registry), never the database, which the worker is only
given (the outbox and reminders on PostgreSQL are test_reminders.py's)."""

import os
import signal

from redis import Redis
from rq import Queue, Worker

from notifications import scheduling
from notifications.scheduling import Scheduler
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.reminders.conftest import wait_for
from tests.reminders.test_worker_restart import _start


def test_health_says_no_scheduler_soon_after_its_worker_is_killed_though_rq_s_lock_lasts_a_minute(
    redis_server, env, tmp_path, monkeypatch
):
    """A worker killed outright leaves RQ's scheduler lock in Redis for up to 61 s: health said a scheduler ran
    all that while, and monitoring stayed quiet while no job waiting for its time was moved to the queue."""
    monkeypatch.setattr(scheduling, "SCHEDULER_STALE_SECONDS", 3)  # 15 in production: the test need not wait so
    env = {**env, "KAWAL_REDIS_URL": redis_server.url}
    scheduler = Scheduler(redis_server.url)
    with open(tmp_path / "worker.log", "wb") as log:
        proc = _start(env, f"health-{os.getpid()}", log)
    try:
        wait_for(lambda: scheduler.health()["scheduler"], 30, 0.2, what="the worker's scheduler beating")
        os.killpg(proc.pid, signal.SIGKILL)  # a crash: the lock stays
        proc.wait(10)
        with Redis.from_url(redis_server.url) as redis:
            assert redis.ttl("rq:scheduler-lock:kawal") > 30
        wait_for(lambda: not scheduler.health()["scheduler"], 20, 0.2, what="the dead scheduler noticed")
        health = scheduler.health()
        assert health["scheduler_heartbeat_age"] >= 3
        with Redis.from_url(redis_server.url) as redis:
            assert redis.exists("rq:scheduler-lock:kawal")  # noticed before RQ's lock expired
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
        scheduler.redis.close()


def test_health_counts_only_live_workers_not_a_killed_one_rq_still_lists(redis_server, env, tmp_path):
    """A worker killed outright stays in RQ's worker registry until some worker's cleanup pass removes it, which
    never comes when it was the last: health counted it, and monitoring saw a worker where none ran."""
    env = {**env, "KAWAL_REDIS_URL": redis_server.url}
    name = f"counted-{os.getpid()}"
    key = f"rq:worker:{name}"
    scheduler = Scheduler(redis_server.url)
    with open(tmp_path / "worker.log", "wb") as log:
        proc = _start(env, name, log)
    try:
        wait_for(lambda: scheduler.health()["workers"] == 1, 30, 0.2, what="the worker counted")
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
        assert scheduler.health()["workers"] == 1  # its heartbeat key lives on for up to two minutes
        with Redis.from_url(redis_server.url) as redis:
            redis.expire(key, 1)  # that time passing
            wait_for(lambda: not redis.exists(key), 5, 0.1, what="the heartbeat key expired")
            assert Worker.count(connection=redis, queue=Queue("kawal", connection=redis)) == 1  # RQ still lists it
        assert scheduler.health()["workers"] == 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
        scheduler.redis.close()
