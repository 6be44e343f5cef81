"""An exported history's lines, whatever they hold: each read as its event, or told why it cannot be one.

An export (``engine.audit.iter_export``) is JSON lines, one event each, with the fields ``EXPORT_FIELDS`` names. A
file altered by hand may hold anything on a line: not UTF-8, not JSON, a field missing or added, a value of another
type, a time without its offset. ``kawal audit verify --file`` reports each such line as a break of its case
(``engine.audit.ChainReader.read_line``), naming the case and the event where the line still tells them.
"""

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

EXPORT_FIELDS = {
    "ticket": str,
    "seq": int,
    "at": str,
    "type": str,
    "actor": str,
    "data": dict,
    "prev_hash": str,
    "hash": str,
}
"""An exported event's fields (``export_row``, ``iter_export``) and the JSON type of each. A line of an exported
history that lacks one, holds another type, or has a field besides them was altered: the hash covers none of that."""

# Where a line that is no longer JSON still names its case and event (one byte changed leaves them readable).
_TICKET_IN_TEXT = re.compile(r'"ticket"\s*:\s*"([^"\\]{1,100})"')
_SEQ_IN_TEXT = re.compile(r'"seq"\s*:\s*(\d{1,9})(?![\d.eE])')
_KINDS = {str: "text", int: "a whole number", float: "a decimal number", list: "a list", dict: "an object"}


@dataclass(frozen=True)
class Unreadable:
    """A line of an exported history that is not an event in JSON: why, and its case and event if still legible."""

    reason: str
    ticket: str | None = None
    seq: int | None = None


def read_line(line: bytes) -> dict | Unreadable:
    """One line of an exported history (JSON lines) as its event, or why it cannot be one."""
    try:
        text = line.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark an editor adds changes no event
    except UnicodeDecodeError:
        return _unreadable(line.decode("utf-8", "replace"), "unreadable: not UTF-8 text")
    try:
        row = json.loads(text)
    except (ValueError, RecursionError):
        return _unreadable(text, "unreadable: not JSON")
    if not isinstance(row, dict):
        return Unreadable(f"not an event but {_shown(row)} ({_kind(row)})")
    return row


def _unreadable(text: str, reason: str) -> Unreadable:
    ticket, seq = _outermost(_TICKET_IN_TEXT, text), _outermost(_SEQ_IN_TEXT, text)
    return Unreadable(reason, ticket and ticket[1], seq and int(seq[1]))


def _outermost(pattern: re.Pattern, text: str) -> re.Match | None:
    """The first match of ``pattern`` in the line's outer object, not in its data (which may name another ticket)."""
    depth, quoted, escaped, at = 0, False, False, 0
    for found in pattern.finditer(text):
        for char in text[at : found.start()]:
            if escaped:
                escaped = False
            elif quoted:
                escaped, quoted = char == "\\", char != '"'
            elif char == '"':
                quoted = True
            elif char in "{[":
                depth += 1
            elif char in "}]":
                depth -= 1
        at = found.start()
        if depth == 1 and not quoted:
            return found
    return None


def misshapen(row: dict, expected: int) -> str | None:
    """What is wrong with the shape of an exported event (``EXPORT_FIELDS``, a time with its offset), or None;
    ``expected`` is the event its case's chain expects next, which a ``seq`` of the wrong type is told against."""
    for name, kind in EXPORT_FIELDS.items():
        if name not in row:
            return f'the field "{name}" is missing'
        value = row[name]
        if type(value) is not kind:  # not isinstance: true and false are ints to Python, not to JSON
            if name == "seq":
                return f"expected event {expected}, found {_shown(value)} ({_kind(value)})"
            return f'"{name}" holds {_shown(value)} ({_kind(value)}), not {_KINDS[kind]}'
    extra = next((name for name in row if name not in EXPORT_FIELDS), None)
    if extra is not None:
        return f"a field no exported event has: {_shown(extra)}"
    try:
        aware = datetime.fromisoformat(row["at"]).utcoffset() is not None
    except ValueError:
        aware = False
    if not aware:  # a time without its offset would be read in the checking machine's zone
        return f'"at" holds {_shown(row["at"])}, not a date and time with its offset'
    return None


def _kind(value) -> str:
    if isinstance(value, bool):
        return "true or false"
    return "null" if value is None else _KINDS[type(value)]


def _shown(value, most: int = 60) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= most else shown[: most - 1] + "…"


def sound_rows(lines: Iterable[bytes]) -> Iterator[dict]:
    """The events of an exported history's lines that are whole events (``read_line``, ``misshapen``), for the
    checks that read its rows (engine.anchors.check_rows); ``verify_lines`` tells the others."""
    for line in lines:
        if line.strip():
            row = read_line(line)
            if not isinstance(row, Unreadable) and misshapen(row, 1) is None:
                yield row
