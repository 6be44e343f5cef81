"""The embedded clock: without Redis, reconcile runs every minute, and at once when the app says something
new is pending. It calls the same job functions as the RQ workers, so nothing else differs between the modes.

Two shapes of the same loop:

- ``kawal clock`` (what ``kawal serve`` starts beside its web worker): a process of its own, so delivering
  messages never takes the web process's interpreter from the requests. The web side hands work off with
  one datagram on a Unix socket (``ClockSocket.wake``, after each commit): no waiting, nothing to fail.
- ``EmbeddedClock``: the loop in a thread of the calling process (tests, tools).
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from pathlib import Path

from notifications.reconcile import reconcile
from notifications.services import Services

log = logging.getLogger("kawal.clock")
INTERVAL_SECONDS = 60
# Wake-ups closer together than this are served by one run: a burst of commits is one sweep, not fifty.
MIN_GAP_SECONDS = 0.2
# How often the clock process looks whether the ``kawal serve`` that started it is still there.
PARENT_CHECK_SECONDS = 1.0


def _tick(svc: Services) -> None:
    try:
        report = reconcile(svc)
        if report.timers or report.reminders or report.letters or report.notifications or report.failed:
            log.info("clock: %s", report.summary())
    except Exception:
        log.exception("clock: reconcile failed")


class EmbeddedClock:
    """The loop in a daemon thread of this process; ``wake()`` runs it at once."""

    def __init__(self, svc: Services, interval: float = INTERVAL_SECONDS):
        self.svc, self.interval = svc, interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kawal-clock", daemon=True)

    def start(self) -> EmbeddedClock:
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            _tick(self.svc)
            self._wake.wait(self.interval)
            self._wake.clear()


class ClockSocket:
    """The web side of ``kawal clock``: ``wake()`` sends one datagram and never waits.

    A clock that is down, busy or gone loses nothing: the rows are in the database, and its minute
    sweep (or its next start) finds them.
    """

    def __init__(self, path: str):
        self.path = path

    def wake(self) -> None:
        # A socket per wake-up (microseconds): nothing to share between threads or to leak across a fork.
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock, contextlib.suppress(OSError):
            sock.setblocking(False)
            sock.sendto(b"!", self.path)  # no clock listening, or its queue is full (it is running anyway)


def run_process(
    svc: Services,
    wake_path: str | None,
    interval: float = INTERVAL_SECONDS,
    parent: int | None = None,
    stop: threading.Event | None = None,
):
    """The clock's own process: sweep every ``interval`` seconds and whenever a datagram arrives.

    With ``parent``, stop when that process is gone (``kawal serve`` ended without stopping us); with
    ``stop``, when it is set (a signal handler sets it: an exception raised from a handler could land in
    a sweep's own error handling and be lost). Either is noticed within ``PARENT_CHECK_SECONDS``.
    """
    stop = stop or threading.Event()
    sock = None
    if wake_path:
        Path(wake_path).unlink(missing_ok=True)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(wake_path)
    try:
        next_run = 0.0
        while not stop.is_set() and (parent is None or os.getppid() == parent):
            now = time.monotonic()
            if now >= next_run:
                _tick(svc)
                if stop.is_set():
                    break
                next_run = time.monotonic() + interval
            woken = _wait(sock, min(next_run - time.monotonic(), PARENT_CHECK_SECONDS))
            if woken:
                time.sleep(MIN_GAP_SECONDS)  # let the rest of a burst arrive, then one run serves it
                _drain(sock)
                next_run = 0.0
    finally:
        if sock is not None:
            sock.close()
            Path(wake_path).unlink(missing_ok=True)


def _wait(sock, seconds: float) -> bool:
    seconds = max(seconds, 0.0)
    if sock is None:
        time.sleep(seconds)
        return False
    sock.settimeout(seconds)
    try:
        sock.recv(16)
    except (TimeoutError, BlockingIOError):  # a timeout of 0 makes the socket non-blocking
        return False
    return True


def _drain(sock) -> None:
    sock.setblocking(False)
    with contextlib.suppress(BlockingIOError):
        while True:
            sock.recv(16)
