"""The embedded clock: without Redis, one thread in ``kawal serve`` runs reconcile every minute
(and at once when the app says something new is pending). It calls the same job functions as the
RQ workers, so nothing else differs between the two modes."""

from __future__ import annotations

import logging
import threading

from notifications.reconcile import reconcile
from notifications.services import Services

log = logging.getLogger("kawal.clock")
INTERVAL_SECONDS = 60


class EmbeddedClock:
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
            try:
                report = reconcile(self.svc)
                if report.timers or report.reminders or report.letters or report.notifications or report.failed:
                    log.info("clock: %s", report.summary())
            except Exception:
                log.exception("clock: reconcile failed")
            self._wake.wait(self.interval)
            self._wake.clear()
