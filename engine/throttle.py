"""The officers' login throttle: failed logins counted in the database, so every process sees them.

Gunicorn workers and hosts share no memory; a counter in one of them would let a guessing run spread
its attempts over the others. Each failed login is therefore a ``LoginFailure`` row, keyed by the
username as typed (lower-cased, whether or not such an officer exists) and the client's address.
A username waits after ``max_failures`` failures within the window; an address waits after
``max_failures_per_address`` failures for any usernames (a run that tries one password on many names).

Callers :func:`check` before verifying the password, so a refused attempt costs no Argon2
verification and its answer cannot tell whether the password was right. Refused attempts are not
recorded: an account is never locked for longer than one window after its last real failure.
Requests that race past :func:`check` together (at most one per worker) may each still be verified.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from engine import clock
from engine.config import Settings
from engine.errors import TooMany
from engine.models import LoginFailure

log = logging.getLogger(__name__)

USERNAME_LENGTH = 80
"""Longer names are cut to the column; no officer's name is that long (engine.users.create_user)."""
ADDRESS_LENGTH = 64
"""Room for any IPv6 text form, zone id included."""
NO_ADDRESS = "unknown"
"""Stands for a missing peer address (a Unix socket): all such callers share one address budget."""


@dataclass(frozen=True)
class Limits:
    """How many failures the throttle allows, and for how long it remembers them (engine.config)."""

    max_failures: int = 5
    window_seconds: int = 15 * 60
    max_failures_per_address: int = 20

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(
            max_failures=settings.login_max_failures,
            window_seconds=settings.login_window_seconds,
            max_failures_per_address=settings.login_max_failures_per_address,
        )


DEFAULT_LIMITS = Limits()


def check(session: Session, username: str, address: str | None, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a login attempt while its username or its address has too many recent failures.

    Raises:
        TooMany: with the seconds until the oldest failure that keeps the limit reached leaves the window.
    """
    now = clock.now()
    since = now - timedelta(seconds=limits.window_seconds)
    waits = [
        _wait(session, LoginFailure.username == _name(username), limits.max_failures, since, now, limits),
        _wait(session, LoginFailure.address == _address(address), limits.max_failures_per_address, since, now, limits),
    ]
    retry_after = max(waits)
    if retry_after > 0:
        log.info("login refused for %r from %s: too many failures, %d s to wait", _name(username), address, retry_after)
        minutes = math.ceil(retry_after / 60)
        raise TooMany("too_many_logins", minutes=minutes, retry_after=retry_after)


def record_failure(session: Session, username: str, address: str | None, limits: Limits = DEFAULT_LIMITS) -> None:
    """Count a failed login and forget every failure that has left the window; the caller commits."""
    now = clock.now()
    session.execute(delete(LoginFailure).where(LoginFailure.at <= now - timedelta(seconds=limits.window_seconds)))
    session.add(LoginFailure(username=_name(username), address=_address(address), at=now))
    session.flush()


def clear_failures(session: Session, username: str) -> None:
    """Forget a username's failures after a successful login; the caller commits."""
    session.execute(delete(LoginFailure).where(LoginFailure.username == _name(username)))


def _wait(session: Session, key, limit: int, since: datetime, now: datetime, limits: Limits) -> int:
    """Seconds until fewer than ``limit`` failures matching ``key`` lie in the window (0: not limited)."""
    recent = session.scalars(
        select(LoginFailure.at).where(key, LoginFailure.at > since).order_by(LoginFailure.at.desc()).limit(limit)
    ).all()
    if len(recent) < limit:
        return 0
    frees_at = recent[-1] + timedelta(seconds=limits.window_seconds)
    return max(1, math.ceil((frees_at - now).total_seconds()))


def _name(username: str) -> str:
    return (username or "").strip().lower()[:USERNAME_LENGTH]


def _address(address: str | None) -> str:
    return (address or NO_ADDRESS)[:ADDRESS_LENGTH]
