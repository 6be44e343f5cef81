"""The single source of "now" in Kawal.

Everything that needs the current instant calls :func:`now`. Tests move time with time-machine,
which also moves SpiffWorkflow's own ``datetime.now`` (the library decides by itself whether a timer
is due), so the two never disagree.
"""

from collections.abc import Callable
from datetime import UTC, datetime


def _system_now() -> datetime:
    return datetime.now(UTC)


_now: Callable[[], datetime] = _system_now


def now() -> datetime:
    """The current instant, timezone-aware, in UTC."""
    return _now()


def set_clock(fn: Callable[[], datetime] | None) -> None:
    """Replace the clock (``None`` restores the system clock)."""
    global _now
    _now = fn or _system_now
