"""Serving Kawal over HTTP with gunicorn, in both shapes it runs in.

- ``kawal serve`` (the embedded default): one gunicorn process of threads (``gthread``) that keeps
  connections alive, with the embedded clock beside it in a process of its own (``kawal clock``),
  woken by a datagram after each commit, so delivering messages never takes the requests' interpreter.
- Production: ``gunicorn --config deploy/gunicorn.conf.py`` (or ``kawal serve --production``): N worker
  processes behind nginx, Redis and ``kawal worker`` for the timers and messages. Its hooks are here.

Werkzeug's development server, which Kawal ran before, closes every connection after one answer
(its own comment: keep-alive "isn't handled well by Python's http.server"), so each request paid
for a new TCP connection and a new thread.
"""

from __future__ import annotations

import dataclasses
import logging
import mmap
import os
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import ThreadWorker

if TYPE_CHECKING:
    from engine.config import Settings

# Nothing of Kawal's at import: gunicorn's master imports this module for its worker class and hooks, and what it
# imports stays the master's code after a reload (engine.config.ROOT, computed here alike).
ROOT = Path(__file__).resolve().parent.parent

log = logging.getLogger("kawal.server")
PRODUCTION_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
KEEPALIVE_SECONDS = 5  # a browser or client reuses its connection for the next request within this
WORKER_CLASS = "api.server.BalancedThreadWorker"
ACCEPT_DEFER_SECONDS = 0.1  # the longest a worker leaves a new connection to a sibling that holds fewer
ACCEPT_LOOK_SECONDS = 0.002  # how often it looks meanwhile whether the sibling has taken it
MAX_SLOTS = 64
_SLOT = struct.Struct("qq")  # a worker's pid and the connections it holds
# Made in the master when gunicorn loads this module (its config imports the hooks below), so every forked
# worker sees the same pages: each writes its own slot and reads its siblings'.
_LOAD = mmap.mmap(-1, _SLOT.size * MAX_SLOTS)


class BalancedThreadWorker(ThreadWorker):
    """gunicorn's ``gthread`` worker that leaves a new connection to a sibling holding fewer connections.

    Every worker waits on the same listening socket, and whichever accepts first keeps the connection for as
    long as the client keeps it alive. Left to the kernel, kept-alive clients often pile into one process
    (measured with 2 workers and 2 clients: one worker at 79 % of a core, the other at 3 %, and no more
    completions per second than with one client), where they share one interpreter lock while the other
    process idles. Each worker publishes how many connections it holds in a page shared with its siblings
    (its slot is given by the master in ``pre_fork``); a worker that sees a sibling holding fewer leaves the
    connection to it: it looks every ``ACCEPT_LOOK_SECONDS`` whether the listening socket still has one
    waiting, and stops as soon as it has not (the sibling took it; the accept then finds nothing, which gunicorn
    ignores), or after ``ACCEPT_DEFER_SECONDS`` takes it itself (the sibling is busy). A fixed wait of 20 ms
    was too short on a loaded machine, where the idle sibling is sometimes not scheduled in time, and too long
    on a quiet one, where it accepts within a millisecond. The least loaded worker never waits, and a worker
    counts for its siblings only once it accepts (``run``), not while it boots.
    """

    slot: int | None = None  # set by the master in pre_fork; None (hooks not installed): plain gthread

    def run(self):
        # Counted by its siblings only from now, when it starts accepting: while it still loads the app (a
        # second or more on a busy machine), a sibling that waited for it would wait in vain.
        self._publish()
        self.log.info("Worker %s accepting connections", os.getpid())
        super().run()

    def accept(self, listener):
        if self.slot is not None and self._a_sibling_holds_fewer():
            _leave_to_sibling(listener)
        super().accept(listener)
        self._publish()

    def wait_for_and_dispatch_events(self, timeout):
        super().wait_for_and_dispatch_events(timeout)
        self._publish()  # connections closed or timed out meanwhile

    def handle_exit(self, sig, frame):
        super().handle_exit(sig, frame)
        self._publish()  # stopping gracefully (a reload): it takes no new connection, so it counts no more

    def _publish(self) -> None:
        if self.slot is not None:
            pid = os.getpid() if self.alive else 0
            _SLOT.pack_into(_LOAD, self.slot * _SLOT.size, pid, self.nr_conns)

    def _a_sibling_holds_fewer(self) -> bool:
        me = os.getpid()
        for slot in range(MAX_SLOTS):
            pid, held = _SLOT.unpack_from(_LOAD, slot * _SLOT.size)
            if pid and pid != me and held < self.nr_conns:
                return True
        return False


def _leave_to_sibling(listener) -> None:
    """Wait until no connection is waiting on ``listener`` any more, or ``ACCEPT_DEFER_SECONDS`` at most."""
    deadline = time.monotonic() + ACCEPT_DEFER_SECONDS
    while time.monotonic() < deadline:
        time.sleep(ACCEPT_LOOK_SECONDS)
        waiting, _, _ = select.select([listener], [], [], 0)
        if not waiting:
            return


def pre_fork(server, worker) -> None:
    """In the master, before a worker is forked: give it a slot no live worker holds."""
    taken = {getattr(w, "slot", None) for w in server.WORKERS.values()}
    worker.slot = next((slot for slot in range(MAX_SLOTS) if slot not in taken), None)
    if worker.slot is not None:
        _SLOT.pack_into(_LOAD, worker.slot * _SLOT.size, 0, 0)


def child_exit(server, worker) -> None:
    """In the master, after a worker ended (or was killed): its slot no longer counts."""
    if getattr(worker, "slot", None) is not None:
        _SLOT.pack_into(_LOAD, worker.slot * _SLOT.size, 0, 0)


def warm(app) -> None:
    """Parse the deployed process specs now, so a worker's first request is not the slow one."""
    from api.extensions import db

    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        for version in rt.deploy(db.session).values():
            rt.spec(db.session, version.id)
        db.session.commit()
        db.session.remove()


def forget_connections(app) -> None:
    """No database connection may cross a fork: the children open their own."""
    from api.extensions import db

    with app.app_context():
        db.engine.dispose()


# -- gunicorn hooks (deploy/gunicorn.conf.py uses them too) -----------------------------------------
def when_ready(server) -> None:
    if server.cfg.preload_app:  # the app was made in the master: warm it once for every worker to share
        app = server.app.wsgi()
        warm(app)
        forget_connections(app)


def post_worker_init(worker) -> None:
    if not worker.cfg.preload_app:
        warm(worker.wsgi)


class EmbeddedServer(BaseApplication):
    """``kawal serve``: gunicorn configured from arguments, the Flask app made in the worker."""

    def __init__(self, settings: Settings, options: dict):
        self.settings, self.options = settings, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        self.cfg.set("when_ready", when_ready)
        self.cfg.set("post_worker_init", post_worker_init)
        self.cfg.set("pre_fork", pre_fork)
        self.cfg.set("child_exit", child_exit)

    def load(self):
        from api import create_app

        return create_app(self.settings)


def serve_embedded(settings: Settings, host: str, port: int, workers: int, threads: int) -> None:
    """Run gunicorn in this process, and the clock beside it when there is no Redis; until stopped."""
    clock = clock_dir = None
    if not settings.redis_url:
        clock_dir = Path(tempfile.mkdtemp(prefix="kawal-clock-"))
        clock, settings = _start_clock(settings, clock_dir / "wake.sock")
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": WORKER_CLASS,
        "threads": threads,
        "keepalive": KEEPALIVE_SECONDS,
        "graceful_timeout": 10,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "kawal-serve",
    }
    try:
        EmbeddedServer(settings, options).run()
    finally:
        if clock is not None:
            clock.terminate()
            try:
                clock.wait(10)
            except subprocess.TimeoutExpired:
                clock.kill()
            shutil.rmtree(clock_dir, ignore_errors=True)


def _start_clock(settings: Settings, path: Path) -> tuple[subprocess.Popen, Settings]:
    """``kawal clock`` as a child that stops when this process goes; the app learns its socket."""
    path = str(path)
    # The child inherits this process's environment (its settings); the socket goes by argument.
    command = [sys.executable, "-m", "api.cli", "clock", "--socket", path, "--parent", str(os.getpid())]
    command += ["--public-url", settings.public_url]  # `kawal serve`'s own address when none is configured
    clock = subprocess.Popen(command)  # noqa: S603 - our own command, no shell
    return clock, dataclasses.replace(settings, clock_socket=path)


def exec_production(config: Path, options: list[str] | None = None) -> None:
    """Replace this process with gunicorn on the production config (systemd then supervises gunicorn); ``options``
    (``--bind``, ``--workers``, ``--threads``) come after it on gunicorn's command line, which wins over the config."""
    command = [sys.executable, "-m", "gunicorn", "--config", str(config), *(options or [])]
    os.execv(sys.executable, command)  # noqa: S606
