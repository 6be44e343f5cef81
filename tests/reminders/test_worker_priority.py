"""`kawal worker` gives the cores to requests first: it lowers its own priority and its session's CPU group.

Linux shares the CPU between sessions (autogroups) before it looks at nice values inside one, and a worker
run by systemd or a supervisor leads a session of its own; lowering only the process's nice would change
nothing against gunicorn in another session (measured: 2 clients on 2 web workers x1.0 against one client,
x1.8 once the group is lowered)."""

from pathlib import Path

import pytest
from redis import Redis

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.reminders.conftest import run_kawal, wait_for


def priority(pid: int) -> tuple[int, str]:
    """(the process's nice value, the nice value its autogroup line shows), from /proc."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    nice = int(stat[stat.rindex(")") + 2 :].split()[16])
    return nice, Path(f"/proc/{pid}/autogroup").read_text().split()[-1]


@pytest.mark.parametrize(("setting", "expected"), [(None, (10, "10")), ("3", (3, "3")), ("0", (0, "0"))])
def test_the_worker_lowers_its_priority_and_its_sessions_group_so_requests_go_first(
    redis_server, workers, env, setting, expected
):
    shipped = {k: v for k, v in env.items() if k != "KAWAL_WORKER_NICE"}  # the tests' own 0 left out
    extra = {"KAWAL_REDIS_URL": redis_server.url} | ({"KAWAL_WORKER_NICE": setting} if setting else {})
    worker = workers({**shipped, **extra}).procs[0]
    # The worker lowers itself before it starts to work; its registration in Redis comes after.
    with Redis.from_url(redis_server.url) as redis:
        wait_for(lambda: redis.keys("rq:worker:test-*"), 30, 0.1, what="the worker registered")
    assert worker.poll() is None
    assert priority(worker.pid) == expected


def test_a_worker_nice_outside_0_to_19_is_refused_by_name(redis_server, env):
    done = run_kawal({**env, "KAWAL_REDIS_URL": redis_server.url, "KAWAL_WORKER_NICE": "25"}, "worker", "--burst")
    assert done.returncode != 0
    assert "KAWAL_WORKER_NICE must be between 0 and 19, not '25'" in done.stderr
