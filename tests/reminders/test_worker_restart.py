"""A worker restarted under its fixed name after a crash (systemd: ``--name %H-kawal-%i``, ``Restart=always``).

On SQLite alone: what is proved is RQ's registry in Redis; the worker's database is only where it would work (the
outbox and reminders on PostgreSQL are test_reminders.py's)."""

import os
import signal
import subprocess

from redis import Redis

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.reminders.conftest import KAWAL, ROOT, wait_for


def _start(env, name, log):
    return subprocess.Popen(  # noqa: S603
        [KAWAL, "worker", "--name", name],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def test_a_worker_killed_and_restarted_under_its_name_works_at_once(redis_server, env, tmp_path):
    """Its dead self was still registered: RQ refused every restart ("There exists an active worker named ...")
    for six minutes, 108 attempts two seconds apart, and nothing was delivered meanwhile."""
    env = {**env, "KAWAL_REDIS_URL": redis_server.url}
    name = f"restart-{os.getpid()}"
    key = f"rq:worker:{name}"
    procs = []
    try:
        with open(tmp_path / "first.log", "wb") as log:
            procs.append(_start(env, name, log))
        with Redis.from_url(redis_server.url) as redis:
            wait_for(lambda: redis.hget(key, "pid"), 30, 0.1, what="the worker registered")
            os.killpg(procs[0].pid, signal.SIGKILL)  # a crash: no chance to unregister
            procs[0].wait(10)
            with open(tmp_path / "second.log", "wb") as log:
                procs.append(_start(env, name, log))
            wait_for(lambda: int(redis.hget(key, "pid") or 0) == procs[1].pid, 30, 0.1, what="the restart registered")
            assert procs[1].poll() is None, (tmp_path / "second.log").read_text()
            assert not redis.hexists(key, "death")
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(15)
