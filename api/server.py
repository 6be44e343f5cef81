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
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from gunicorn.app.base import BaseApplication

from engine.config import ROOT, Settings

log = logging.getLogger("kawal.server")
PRODUCTION_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
KEEPALIVE_SECONDS = 5  # a browser or client reuses its connection for the next request within this


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
        "worker_class": "gthread",
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
    clock = subprocess.Popen(command)  # noqa: S603 - our own command, no shell
    return clock, dataclasses.replace(settings, clock_socket=path)


def exec_production(config: Path) -> None:
    """Replace this process with gunicorn on the production config (systemd then supervises gunicorn)."""
    os.execv(sys.executable, [sys.executable, "-m", "gunicorn", "--config", str(config)])  # noqa: S606
