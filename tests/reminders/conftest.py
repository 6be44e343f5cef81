"""Real parts for the reminder tests: a redis-server, RQ worker processes (`kawal worker`), an SMTP
server (aiosmtpd) that records what it receives, and officers with e-mail addresses."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from redis import Redis
from sqlalchemy import select

from engine.config import load_settings
from engine.models import User
from notifications.services import Services, use
from tests.conftest import STAFF
from tests.smtp import Mailbox, free_port, smtp_server  # noqa: F401 - Mailbox, free_port: imported from here too

ROOT = Path(__file__).resolve().parents[2]
KAWAL = str(Path(sys.executable).with_name("kawal"))


def wait_for(predicate, timeout=30.0, interval=0.1, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


class RedisServer:
    def __init__(self, tmp: Path):
        self.port, self.dir, self.proc = free_port(), tmp, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        exe = shutil.which("redis-server")
        if exe is None:
            pytest.fail("redis-server is not installed (make test installs it)")
        self.proc = subprocess.Popen(  # noqa: S603 - our own test server on loopback
            [
                exe,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = Redis(port=self.port)
        wait_for(lambda: _pings(client), 10, what="redis-server")
        client.close()
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


def _pings(client) -> bool:
    try:
        return client.ping()
    except Exception:
        return False


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
def mailbox():
    """A server of the test's own: the test's `kawal` processes send to it, and none of them outlives the test
    to send into the next one's (the in-process tests share one per worker: ``mailbox`` in tests/conftest.py)."""
    with smtp_server() as box:
        yield box


@pytest.fixture
def env(db_url, mailbox, tmp_path):
    """The environment a Kawal process of this test runs with (no Redis unless a test adds it)."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("KAWAL_")},
        "KAWAL_ENV": "test",
        "KAWAL_DATABASE_URL": db_url,
        "KAWAL_NOTIFY_CHANNELS": "smtp",
        "KAWAL_SMTP_HOST": "127.0.0.1",
        "KAWAL_SMTP_PORT": str(mailbox.port),
        "KAWAL_SMTP_FROM": "ppid@kanwil.example",
        "KAWAL_STALE_CLAIM_SECONDS": "3",
        # The tests' workers run at the tests' own priority. Lowered (10, the default), they starved behind the
        # parallel suite's pytest workers and Chromium: a thousand reminders took 124 s there against 19 s alone.
        # test_worker_priority checks the default; tests/deploy runs the topology as shipped.
        "KAWAL_WORKER_NICE": "0",
        "PYTHONPATH": str(ROOT),
    }


@pytest.fixture
def services_for(env, monkeypatch):
    """Services of this test process, built from ``env`` plus ``extra`` (and installed for the jobs)."""

    def build(**extra):
        values = {**env, **extra}
        for key, value in values.items():
            if key.startswith("KAWAL_"):
                monkeypatch.setenv(key, value)
        svc = Services(load_settings(values))
        built.append(svc)
        use(svc)
        with svc.sessions.begin() as s:  # the test database's officers (tests/conftest.py), with addresses
            for user in s.scalars(select(User).where(User.username.in_(STAFF), User.email.is_(None))):
                user.email = f"{user.username}@kanwil.example"
        return svc

    built = []
    yield build
    use(None)
    for svc in built:
        svc.sessions.kw["bind"].dispose()
        if svc.scheduler is not None:
            svc.scheduler.redis.close()


class Workers:
    """`kawal worker` processes; their logs go to files (a full pipe would stall them)."""

    def __init__(self, env, log_dir: Path):
        self.env, self.procs, self.log_dir = env, [], log_dir

    def start(self, n=1):
        for _ in range(n):
            name = f"test-{os.getpid()}-{time.monotonic_ns()}"
            with open(self.log_dir / f"{name}.log", "wb") as log:
                proc = subprocess.Popen(
                    [KAWAL, "worker", "--name", name],
                    env=self.env,
                    cwd=ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            self.procs.append(proc)
        return self

    def kill9(self):
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)
        self.procs = []

    def stop(self):
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
        self.procs = []


@pytest.fixture
def workers(tmp_path):
    started = []

    def start(env, n=1):
        started.append(Workers(env, tmp_path).start(n))
        return started[-1]

    yield start
    for group in started:
        group.stop()


def run_kawal(env, *args, timeout=120):
    return subprocess.run(
        [KAWAL, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,  # noqa: S603
        timeout=timeout,
        check=False,
    )
