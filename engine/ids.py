"""Row ids as callers give them: every id in a path or a body is checked here before it reaches a query.

An id outside the columns' range cannot name a row; passed on, it makes the database driver fail
(``OverflowError`` on SQLite, a numeric-range error on PostgreSQL) instead of answering "not found".
"""

from __future__ import annotations

from engine.errors import Invalid
from engine.messages import msg

MAX_ID = 2**31 - 1
"""The largest id any table hands out (INTEGER primary keys on both databases)."""


def in_range(value: object) -> bool:
    """True for an int that may name a row (bool is not an id)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def parse_id(value: object, field: str) -> int | None:
    """An optional id from a body or form: ``None`` when empty, else a whole number 1..MAX_ID, or Invalid."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= len(str(MAX_ID)):
        value = int(value.strip())
    if not in_range(value):
        raise Invalid("invalid_data", fields={field: [msg("id_range", max=MAX_ID)]})
    return value  # type: ignore[return-value]
