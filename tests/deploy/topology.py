"""The production topology on loopback, for the topology test and the topology benchmark.

gunicorn on ``deploy/gunicorn.conf.py`` (its workers and threads from ``KAWAL_WEB_*``), a real
``redis-server``, ``kawal worker`` processes, and PostgreSQL given by URL; plus ``DeskClient``, an
officer desk walking information requests through the HTTP API on one kept-alive connection, which
sends a request again when its connection dies under it (a killed web worker) and then checks what
the first attempt did.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.conftest import request_payload
from tests.helpers import GRANT_DATA, GRANT_PATH, GRANT_REQUEST, WHO, dated
from tests.reminders.conftest import RedisServer, Workers, free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
HOST = "127.0.0.1"
OFFICE_TZ = ZoneInfo("Asia/Jakarta")  # the topology runs on the default KAWAL_OFFICE_TZ
PASSWORD = "test-password-1"  # noqa: S105 - throw-away officers of a throw-away database
OFFICERS = {
    "petugas": ["petugas_layanan"],
    "petugas2": ["petugas_layanan"],
    "ppid": ["ppid"],
    "atasan": ["atasan_ppid"],
}
DROPPED = (OSError, http.client.HTTPException)  # what a client sees when the worker serving it dies


def create_officers(session_factory) -> None:
    from engine.users import create_user

    with session_factory.begin() as session:
        for name, groups in OFFICERS.items():
            user = create_user(session, name, PASSWORD, groups, name.title())
            user.email = f"{name}@kanwil.example"


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (gunicorn's workers of its master), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def served_connections(port: int, pids: list[int]) -> dict[int, int]:
    """How many established TCP connections to local ``port`` each of ``pids`` holds (/proc/net/tcp)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":  # 01: ESTABLISHED
                inodes.add(fields[9])
    held = {}
    for pid in pids:
        try:
            links = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
        except OSError:
            continue
        held[pid] = sum(1 for link in links if link.startswith("socket:[") and link[8:-1] in inodes)
    return held


class Topology:
    """gunicorn + RQ workers + redis-server for one database; ``start()``, then ``stop()``."""

    def __init__(self, tmp: Path, database_url: str, smtp_port: int | None, web_workers=2, web_threads=2, **extra):
        self.tmp, self.web_workers = tmp, web_workers
        self.redis = RedisServer(tmp)
        self.port = free_port()
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("KAWAL_")},
            "KAWAL_ENV": "test",
            "KAWAL_DATABASE_URL": database_url,
            "KAWAL_REDIS_URL": self.redis.url,
            "KAWAL_FILES_DIR": str(tmp / "files"),
            "KAWAL_STALE_CLAIM_SECONDS": "3",
            "KAWAL_QUOTA_FILINGS_PER_HOUR": "100000",  # every client files from 127.0.0.1
            "KAWAL_WEB_BIND": f"{HOST}:{self.port}",
            "KAWAL_WEB_WORKERS": str(web_workers),
            "KAWAL_WEB_THREADS": str(web_threads),
            "PYTHONPATH": str(ROOT),
        }
        if smtp_port is not None:
            self.env |= {
                "KAWAL_NOTIFY_CHANNELS": "smtp",
                "KAWAL_SMTP_HOST": HOST,
                "KAWAL_SMTP_PORT": str(smtp_port),
                "KAWAL_SMTP_FROM": "ppid@kanwil.example",
            }
        self.env |= extra
        self.web: subprocess.Popen | None = None
        self.workers: Workers | None = None

    def start(self, rq_workers: int = 2) -> Topology:
        self.redis.start()
        self.env["KAWAL_REDIS_URL"] = self.redis.url
        with open(self.tmp / "gunicorn.log", "wb") as log:
            self.web = subprocess.Popen(  # noqa: S603 - gunicorn on the shipped config
                [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONFIG)],
                env=self.env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        if rq_workers:
            self.workers = Workers(self.env, self.tmp).start(rq_workers)
        wait_for(self._answers, 120, 0.2, what=f"gunicorn with {self.web_workers} workers:\n{self.log_tail()}")
        return self

    def _answers(self) -> bool:
        if self.web.poll() is not None:
            raise AssertionError(f"gunicorn exited with {self.web.returncode}:\n{self.log_tail()}")
        conn = http.client.HTTPConnection(HOST, self.port, timeout=10)
        try:
            conn.request("GET", "/api/v1/health")
            ok = conn.getresponse().status == 200
        except DROPPED:  # not listening yet, or a worker still starting timed out (a loaded machine)
            return False
        finally:
            conn.close()  # also when it failed: a socket left open fails the test as a ResourceWarning
        pids = children(self.web.pid)
        log = self.log_tail(chars=None)
        # Every worker accepts (api.server.BalancedThreadWorker.run), not only the first to answer.
        return ok and len(pids) == self.web_workers and all(f"Worker {pid} accepting" in log for pid in pids)

    def log_tail(self, chars: int | None = 3000) -> str:
        path = self.tmp / "gunicorn.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return text[-chars:] if chars else text

    def web_worker_pids(self) -> list[int]:
        return children(self.web.pid)

    def kill_web_worker(self) -> int:
        """SIGKILL the gunicorn worker holding the most client connections (its master starts another);
        returns its pid. Kernel accept order may hand every kept-alive connection to one worker, so the
        first worker could be idle and its death unseen by any client."""
        pids = self.web_worker_pids()
        held = served_connections(self.port, pids)
        pid = max(pids, key=lambda p: held.get(p, 0))
        os.kill(pid, signal.SIGKILL)
        return pid

    def stop(self) -> None:
        if self.workers is not None:
            self.workers.stop()
        if self.web is not None and self.web.poll() is None:
            self.web.terminate()  # gunicorn's graceful stop
            try:
                self.web.wait(40)
            except subprocess.TimeoutExpired:
                os.killpg(self.web.pid, signal.SIGKILL)
                self.web.wait(10)
        self.redis.stop()


class DeskClient:
    """Walks information requests through the API, on one connection kept alive, one request at a time.

    A request whose connection dies before its answer is sent again on a new connection. Reads are
    safe to repeat; a completion sent again answers 409 when the first attempt had committed, and the
    client then checks that the task is indeed done. A filing sent again may file a second case (the
    REST API takes no idempotency key): ``uncertain_filings`` counts those attempts.
    """

    RETRIES = 10

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=60)
        self.tokens: dict[str, str] = {}
        self.resent = 0
        self.uncertain_filings = 0
        self.case_changed = 0  # completions answered "the case changed meanwhile; retry", then sent again
        self.requests = 0
        self.completion_ms: list[float] = []  # each completion's answer time, for the benchmark

    def call(self, method, path, body=None, token=None) -> tuple[int, dict, bool]:
        """(status, JSON body, whether it had to be sent again)."""
        payload = json.dumps(body).encode() if body is not None else None
        headers = {"Accept": "application/json"}
        if payload is not None:
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        for attempt in range(self.RETRIES):
            try:
                self.conn.request(method, path, body=payload, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                self.requests += 1
                return response.status, (json.loads(data) if data else {}), attempt > 0
            except DROPPED:
                self.resent += 1
                self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
                time.sleep(0.2 * (attempt + 1))
        raise AssertionError(f"{method} {path}: no answer after {self.RETRIES} attempts")

    def login(self) -> DeskClient:
        for name in OFFICERS:
            status, body, _ = self.call("POST", "/api/v1/auth/token", {"username": name, "password": PASSWORD})
            assert status == 200, body
            self.tokens[name] = body["token"]
        return self

    def open_tasks(self, ticket: str) -> dict[str, dict]:
        status, case, _ = self.call("GET", f"/api/v1/cases/{ticket}", token=self.tokens["ppid"])
        assert status == 200, case
        return {t["name"]: t for t in case["open_tasks"]}

    def file(self) -> str:
        status, receipt, resent = self.call("POST", "/api/v1/requests", request_payload(**GRANT_REQUEST))
        self.uncertain_filings += resent
        assert status == 201, receipt
        assert receipt["status"] == "diterima"
        return receipt["ticket"]

    def complete(self, ticket: str, name: str, task: dict) -> None:
        token = self.tokens[WHO[task["lane"]]]
        path = f"/api/v1/tasks/{task['id']}/complete"
        started = time.perf_counter()
        # Notices are dated the office's today: not before the receipt (just now), not in the future.
        data = dated(GRANT_DATA[name], datetime.now(OFFICE_TZ).date().isoformat())
        status, body, resent = self.call("POST", path, {"data": data}, token)
        for _ in range(self.RETRIES):
            # A background job wrote to the case meanwhile (a letter's PDF stored with its event): nothing
            # was changed, and the answer says to send it again, as an officer's page does.
            if not (status == 409 and body.get("reason") == "case_changed"):
                break
            self.case_changed += 1
            status, body, again = self.call("POST", path, {"data": data}, token)
            resent = resent or again
        self.completion_ms.append((time.perf_counter() - started) * 1000)
        if status == 409 and resent:  # the first attempt committed before its worker died
            assert task["id"] not in {t["id"] for t in self.open_tasks(ticket).values()}, body
            return
        assert status == 200, (ticket, name, status, body)

    def walk(self, ticket: str, progress=None) -> None:
        """Every task of the grant path, in order, each found in the case's open tasks first."""
        for name in GRANT_PATH:
            tasks = self.open_tasks(ticket)
            assert name in tasks, (ticket, name, sorted(tasks))
            self.complete(ticket, name, tasks[name])
            if progress is not None:
                progress()
        status, case, _ = self.call("GET", f"/api/v1/cases/{ticket}", token=self.tokens["ppid"])
        assert case["status"] == "selesai", (ticket, case["status"])
        assert not case["open_tasks"], (ticket, case["open_tasks"])

    def close(self) -> None:
        self.conn.close()
