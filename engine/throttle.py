"""The officers' login throttle: failed logins counted in the database, so every process sees them.

Gunicorn workers and hosts share no memory; a counter in one of them would let a guessing run spread
its attempts over the others. Each failed login is therefore a ``LoginFailure`` row, keyed by the
username as typed (lower-cased, whether or not such an officer exists) and the client's address.

Three limits, so that a stranger can slow a guess down without locking the officer out:
- an (address, username) pair waits after ``max_failures`` failures within the window: a stranger's
  five wrong passwords stop the stranger, not the officer typing from their own desk;
- an address waits after ``max_failures_per_address`` failures for any usernames (one password tried
  on many names);
- a username failed ``max_failures_per_username`` times from all addresses together (a distributed
  run) lets through only a login that also passes the second factor (engine.users.attempt_login).

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

    max_failures: int = 5  # per (address, username) pair
    window_seconds: int = 15 * 60
    max_failures_per_address: int = 20
    max_failures_per_username: int = 50  # from all addresses: then only password + second factor

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(
            max_failures=settings.login_max_failures,
            window_seconds=settings.login_window_seconds,
            max_failures_per_address=settings.login_max_failures_per_address,
            max_failures_per_username=settings.login_max_failures_per_username,
        )


DEFAULT_LIMITS = Limits()


def check(session: Session, username: str, address: str | None, limits: Limits = DEFAULT_LIMITS) -> int:
    """Refuse a login attempt while its (address, username) pair or its address has too many recent failures.

    Returns the seconds the username as a whole must wait (0: none), which the caller applies to a
    login without a second factor.

    Raises:
        TooMany: with the seconds until the oldest failure that keeps the limit reached leaves the window.
    """
    now = clock.now()
    since = now - timedelta(seconds=limits.window_seconds)
    name, where = LoginFailure.username == _name(username), LoginFailure.address == _address(address)
    retry_after = max(
        _wait(session, name & where, limits.max_failures, since, now, limits),
        _wait(session, where, limits.max_failures_per_address, since, now, limits),
    )
    if retry_after > 0:
        log.info("login refused for %r from %s: too many failures, %d s to wait", _name(username), address, retry_after)
        raise too_many(retry_after)
    return _wait(session, name, limits.max_failures_per_username, since, now, limits)


def too_many(retry_after: int) -> TooMany:
    minutes = math.ceil(retry_after / 60)
    return TooMany("too_many_logins", minutes=minutes, retry_after=retry_after)


def record_failure(session: Session, username: str, address: str | None, limits: Limits = DEFAULT_LIMITS) -> None:
    """Count a failed login and forget every failure that has left the window; the caller commits."""
    now = clock.now()
    session.execute(delete(LoginFailure).where(LoginFailure.at <= now - timedelta(seconds=limits.window_seconds)))
    session.add(LoginFailure(username=_name(username), address=_address(address), at=now))
    session.flush()


def clear_failures(session: Session, username: str, address: str | None) -> None:
    """Forget the pair's failures after a successful login (a stranger's elsewhere still count); the caller commits."""
    session.execute(
        delete(LoginFailure).where(LoginFailure.username == _name(username), LoginFailure.address == _address(address))
    )


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
