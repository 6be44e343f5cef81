"""What administrators changed in who may do what, for auditors: the officers' accounts (created, groups and unit
changed, deactivated, passwords set, second factors removed, sessions ended: ``AccountEvent``; there too the lanes a
superior grants a stand-in for a colleague's leave and their withdrawal, engine.absence), the office's
units (added, renamed, deactivated: ``UnitEvent``), the working-day calendar that every legal deadline is counted
on (a holiday override added or removed, a year's cuti bersama confirmed: ``CalendarEvent``) and the fee standard a
requester pays copies and postage by (an item priced from a date: ``FeeEvent``), one list newest first, over a
period.

An auditor looks here for what the case histories cannot show: an officer given the WBS managers' group the week a
whistleblower's identity was opened, then taken out of it. Never a password, a code or an address: the records
hold the names of what changed, not the values.

Each table is one hash chain, as a case's history is (engine.audit): ``hash = sha256(prev_hash + canonical JSON of
{at, actor, type, subject, data})``, from 64 zeros, in the order of the rows' ids. ``record`` appends under a lock
(PostgreSQL: a transaction-scoped advisory lock per chain; SQLite: the database's write lock, taken by an empty
write before the chain's head is read), so two administrators at once never fork it; ``verify`` walks each. A
record changed, or removed from the middle, breaks the chain there. Removing the newest records leaves a shorter
chain that verifies: an anchor (engine.anchors) holds each chain's last record, so a check against one made
before shows them gone.

A fifth chain is not of access changes: the register of exempt information (EXEMPTION), one record each time an entry
is made and the snapshot migration 0056 took of every entry made before. ``verify`` also compares each entry of the
register with the last record of its chain (``entry_breaks``), as engine.audit compares a case row with its history:
an entry changed in the database, or whose records were removed, is named. ``iter_records`` gives every chain whole,
with its hashes, for the auditor's export, which scripts/verify_audit_export.py checks outside Kawal.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from engine import audit_lines, clock, exemption_words
from engine.audit import Break
from engine.models import (
    AccountEvent,
    CalendarEvent,
    CaseEvent,
    Exemption,
    ExemptionEvent,
    FeeEvent,
    Unit,
    UnitEvent,
    User,
)

OFFICER, UNIT, CALENDAR, FEE, EXEMPTION = "officer", "unit", "calendar", "fee", "exemption"
GENESIS = "0" * 64
# Each chain: its table, the column naming its subject, and its advisory lock's key on PostgreSQL. The last is not an
# access change: the register of exempt information (engine.exemptions), each entry recorded when it is made (by the
# PPID without a request, engine.exemptions.record_direct; by the head on a request, record_determination) and, for the
# entries made before migration 0056, by that migration's snapshot; chained, verified and anchored as these are, and
# each entry compared with its last record (``entry_breaks``).
CHAINS = {
    OFFICER: (AccountEvent, "user_id", 0x4B41574C01),
    UNIT: (UnitEvent, "unit_id", 0x4B41574C02),
    CALENDAR: (CalendarEvent, "subject", 0x4B41574C03),
    FEE: (FeeEvent, "fee_rate_id", 0x4B41574C04),
    EXEMPTION: (ExemptionEvent, "exemption_id", 0x4B41574C10),
}
ACCESS_CHANGES = (OFFICER, UNIT, CALENDAR, FEE)  # the access changes proper
LISTED = (*ACCESS_CHANGES, EXEMPTION)  # what the auditor's list of access changes counts and shows

# An exemption record's format. 1 (migration 0055, engine.exemptions.record_direct before 0056): the decree's number
# and date, the period, the letters and who decided, nothing of the entry's text. 2 (``"format": 2``, from migration
# 0056): the same and ``content``, the SHA-256 of the entry's legal content (``exemption_content``), so a change of its
# information, parts, basis, tests or note shows; and ``case``, the request's ticket where it was made on one. Never
# the text itself: the chain is exported and never erased, and a register's words may have to be corrected. 3 (from
# this version): the same and the entry's early end (engine.exemption_ends), ``ended_on`` (ISO day, or null while it
# holds) and ``ended_reason`` (its engine.exemption_words code and parameters: the deciding case's ticket, the body;
# null while it holds); an entry's end appends a record (``exemption_ended``). A format 1 or 2 record says nothing of
# an end: an entry whose last record is one (made, or ended, before format 3) has its end compared with its request's
# history instead, where every end since migration 0023 left an ``exemption_ended`` event (``entry_breaks``).
EXEMPTION_FORMAT = 3
EXEMPTION_CONTENT = (
    "information",
    "exempted_parts",
    "letters",
    "legal_basis",
    "harm_test",
    "public_interest_test",
    "valid_until",
    "decree_number",
    "decree_date",
    "decided_by",
    "decided_as",
    "note",
)
EXEMPTION_SHOWN = ("decree_number", "decree_date", "valid_until", "letters", "decided_as")  # held as they are
EXEMPTION_END = ("ended_on", "ended_reason")  # format 3: held as they are (the reason as its code and parameters)


def record_hash(prev_hash: str, at: datetime, actor: str, type_: str, subject: int, data: dict) -> str:
    body = json.dumps(
        {
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": actor,
            "type": type_,
            "subject": subject,
            "data": data,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def _canonical(value: dict) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def exemption_content(entry: Exemption) -> str:
    """The SHA-256 (hex) of an entry's legal content: the canonical JSON of its ``EXEMPTION_CONTENT`` fields as the
    database holds them (days as ISO 8601, the letters as a list). Not of when it ended: that is its request's
    history (engine.exemption_ends)."""
    body = {name: getattr(entry, name) for name in EXEMPTION_CONTENT}
    body["letters"] = list(body["letters"] or ())
    return hashlib.sha256(_canonical(body).encode()).hexdigest()


def exemption_record(entry: Exemption, ticket: str | None = None) -> dict:
    """What the register's chain records of ``entry`` (format ``EXEMPTION_FORMAT``): its decree, period, letters and
    who decided as the register shows them, the digest of its content, and the request's ``ticket`` it was made on."""
    data = {
        "format": EXEMPTION_FORMAT,
        "decree_number": entry.decree_number,
        "decree_date": entry.decree_date.isoformat(),
        "valid_until": entry.valid_until.isoformat(),
        "letters": list(entry.letters or ()),
        "decided_as": entry.decided_as,
        "content": exemption_content(entry),
        **exemption_end(entry),
    }
    if ticket:
        data["case"] = ticket
    return data


def exemption_end(entry: Exemption) -> dict:
    """What a format 3 record holds of an entry's early end: ``ended_on`` (ISO day) and ``ended_reason`` (the code and
    parameters engine.exemption_words stored; a text Kawal did not word, by its SHA-256 only), each null while the
    entry holds."""
    reason = None
    if entry.ended_reason is not None:
        found = exemption_words.parsed(entry.ended_reason)
        if found is not None:
            reason = {"code": found[0], "params": found[1]}
        else:
            reason = {"text": hashlib.sha256(entry.ended_reason.encode()).hexdigest()}
    return {"ended_on": entry.ended_on.isoformat() if entry.ended_on else None, "ended_reason": reason}


def record(
    session: Session, kind: str, subject: int, actor: str, type_: str, data: dict, at: datetime | None = None
) -> None:
    """Append a change of an officer's account (``kind`` OFFICER, ``subject`` the user's id), a unit (UNIT), the
    calendar (CALENDAR), the fee standard (FEE) or a directly recorded exemption (EXEMPTION) to its chain, in the
    caller's transaction; ``at``: the instant the changed row itself states, where it states one (now otherwise)."""
    model, column, key = CHAINS[kind]
    session.flush()  # the change it records, first
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(key)))
    else:  # SQLite: a write (of nothing) takes the database's write lock, so no one appends between read and insert
        session.execute(update(model).where(model.id.is_(None)).values(actor=model.actor))
    prev = session.scalar(select(model.hash).order_by(model.id.desc()).limit(1)) or GENESIS
    at = at or clock.now()
    row = model(at=at, actor=actor, type=type_, data=data, prev_hash=prev)
    setattr(row, column, subject)
    row.hash = record_hash(prev, at, actor, type_, subject, data)
    session.add(row)
    session.flush()


def _day_or_year(row: CalendarEvent) -> str:
    data = row.data or {}
    return str(data.get("day") or data.get("year") or row.subject)


@dataclass(frozen=True)
class EntryBreak:
    entry: int  # the exemption register's entry (its number)
    reason: str  # in English, as engine.audit's breaks (the console translates it)


@dataclass(frozen=True)
class ChainState:
    records: int
    broken_at: int | None  # the id of the first record that does not verify
    entries: tuple[EntryBreak, ...] = ()  # EXEMPTION: the register's entries that are not what their chain last holds

    @property
    def ok(self) -> bool:
        return self.broken_at is None and not self.entries


def verify(session: Session) -> dict[str, ChainState]:
    """Walk each chain from their first record: each must name the hash before it and hash to what it holds."""
    states = {}
    for kind, (model, column, _key) in CHAINS.items():
        prev, count, broken = GENESIS, 0, None
        query = select(model).order_by(model.id).execution_options(yield_per=1000)
        for row in session.scalars(query):
            count += 1
            expected = record_hash(prev, row.at, row.actor, row.type, getattr(row, column), row.data or {})
            if broken is None and (row.prev_hash != prev or row.hash != expected):
                broken = row.id
            prev = row.hash
        states[kind] = ChainState(count, broken, tuple(entry_breaks(session)) if kind == EXEMPTION else ())
    return states


ENTRY_MISSING = "the register's entry has no record in its hash chain"
ENTRY_CHANGED = "the register's entry ({field}: {row}) is not what its chain last recorded ({recorded})"
ENTRY_TEXT_CHANGED = (
    "the register's entry is not what its chain last recorded: its information, exempted parts, basis, tests or note"
    " changed"
)
# An entry whose last record is older than format 3, compared with its request's history (``entry_breaks``).
ENTRY_END_UNRECORDED = "the register's entry (ended_on: {row}) is not what its request's history recorded ({recorded})"
NONE_SAID = "-"  # a value the row or the record does not hold (an entry in force has no end)


def entry_breaks(session: Session) -> Iterator[EntryBreak]:
    """Each entry of the exemption register compared with the last record of its chain, as a case row with its history
    (engine.audit): an entry without a record (made outside Kawal, or its records removed), or one whose decree,
    period, letters or decider (any format), content (format 2 on: ``exemption_content``) or early end (format 3:
    ``exemption_end``; an end written in the row without its record is told) is not what was recorded.

    A format 1 or 2 record says nothing of an end: it was written before Kawal chained ends (migration 0056's snapshot
    took each entry as it stood, its end not among what it held). Such an entry's ``ended_on`` is compared with its
    request's history instead, hash-chained too, where every end since migration 0023 left an ``exemption_ended``
    event: an entry ended in the database (or whose end was erased) is told, one ended before format 3 is not."""
    last = (
        select(ExemptionEvent.exemption_id, func.max(ExemptionEvent.id).label("id"))
        .group_by(ExemptionEvent.exemption_id)
        .subquery()
    )
    history = _ended_in_histories(session)  # read first: the entries are streamed
    rows = session.execute(
        select(Exemption, ExemptionEvent.data)
        .outerjoin(last, last.c.exemption_id == Exemption.id)
        .outerjoin(ExemptionEvent, ExemptionEvent.id == last.c.id)
        .order_by(Exemption.id)
        .execution_options(yield_per=1000)
    )
    for entry, data in rows:
        if data is None:
            yield EntryBreak(entry.id, ENTRY_MISSING)
            continue
        held = exemption_record(entry)
        changed = next((f for f in (*EXEMPTION_SHOWN, *EXEMPTION_END) if f in data and data[f] != held[f]), None)
        if changed is not None:
            yield EntryBreak(
                entry.id, ENTRY_CHANGED.format(field=changed, row=_said(held[changed]), recorded=_said(data[changed]))
            )
        elif "content" in data and data["content"] != held["content"]:
            yield EntryBreak(entry.id, ENTRY_TEXT_CHANGED)
        elif "ended_on" not in data:
            told = history.get((entry.case_id, entry.id))
            if held["ended_on"] != told:
                row, recorded = _said(held["ended_on"]), _said(told)
                yield EntryBreak(entry.id, ENTRY_END_UNRECORDED.format(row=row, recorded=recorded))


def _ended_in_histories(session: Session) -> dict[tuple[int, object], str]:
    """The day each entry ended as its request's history recorded it (its last ``exemption_ended`` event), by the
    request's id and the entry's."""
    found = {}
    events = select(CaseEvent.case_id, CaseEvent.data).where(CaseEvent.type == "exemption_ended")
    for case_id, data in session.execute(events.order_by(CaseEvent.case_id, CaseEvent.seq)):
        found[(case_id, (data or {}).get("exemption"))] = (data or {}).get("on")
    return found


def _said(value) -> str:
    if value is None:
        return NONE_SAID
    if isinstance(value, dict):  # an end's reason: its code and parameters (the deciding case, the body)
        if "text" in value:
            return f"text {str(value['text'])[:12]}"
        params = value.get("params") or {}
        return " ".join([str(value.get("code")), *(str(v) for v in params.values() if v)])
    return ", ".join(value) if isinstance(value, list) else str(value)


def breaks(states: dict[str, ChainState]) -> list:
    """What ``verify`` found as engine.audit's breaks, as ``kawal audit verify`` lists them with the cases': a chain
    broken at its record (``access:KIND``), an entry of the exemption register not what its chain holds
    (``exemption:ENTRY``, event 0)."""
    found = []
    for kind, state in states.items():
        if state.broken_at is not None:
            reason = "the access changes' chain breaks here: a record was altered or removed"
            if kind == EXEMPTION:
                reason = "the exemption register's chain breaks here: a record was altered or removed"
            found.append(Break(f"access:{kind}", state.broken_at, reason))
        found += [Break(f"{EXEMPTION}:{told.entry}", 0, told.reason) for told in state.entries]
    return found


@dataclass(frozen=True)
class Change:
    at: datetime
    actor: str  # the administrator's username, or "cli"
    type: str  # account_created, account_changed, ..., unit_created, unit_renamed, ...
    subject_kind: str  # OFFICER, UNIT, CALENDAR, FEE or EXEMPTION
    subject: str  # the officer's username, the unit's code, the calendar's day or year, the fee item's code, or the
    # exemption register's entry number
    data: dict


def _window(query, column, start: datetime | None, end: datetime | None):
    if start is not None:
        query = query.where(column >= start)
    if end is not None:
        query = query.where(column < end)
    return query


def count(session: Session, start: datetime | None, end: datetime | None) -> int:
    total = 0
    for model, _column, _key in (CHAINS[kind] for kind in LISTED):
        total += int(session.scalar(_window(select(func.count()).select_from(model), model.at, start, end)))
    return total


def changes(session: Session, start: datetime | None, end: datetime | None, limit: int | None = None) -> list[Change]:
    """The changes of [start, end), newest first; ``limit``: the newest so many."""
    accounts = _window(
        select(AccountEvent, User.username).join(User, User.id == AccountEvent.user_id), AccountEvent.at, start, end
    ).order_by(AccountEvent.at.desc(), AccountEvent.id.desc())
    units = _window(
        select(UnitEvent, Unit.code).join(Unit, Unit.id == UnitEvent.unit_id), UnitEvent.at, start, end
    ).order_by(UnitEvent.at.desc(), UnitEvent.id.desc())
    calendar = _window(select(CalendarEvent), CalendarEvent.at, start, end).order_by(
        CalendarEvent.at.desc(), CalendarEvent.id.desc()
    )
    fees = _window(select(FeeEvent), FeeEvent.at, start, end).order_by(FeeEvent.at.desc(), FeeEvent.id.desc())
    entries = _window(select(ExemptionEvent), ExemptionEvent.at, start, end).order_by(
        ExemptionEvent.at.desc(), ExemptionEvent.id.desc()
    )
    if limit is not None:
        accounts, units, calendar, fees, entries = (q.limit(limit) for q in (accounts, units, calendar, fees, entries))
    found = [Change(e.at, e.actor, e.type, OFFICER, name, e.data or {}) for e, name in session.execute(accounts)]
    found += [Change(e.at, e.actor, e.type, UNIT, code, e.data or {}) for e, code in session.execute(units)]
    found += [Change(e.at, e.actor, e.type, CALENDAR, _day_or_year(e), e.data or {}) for e in session.scalars(calendar)]
    found += [
        Change(e.at, e.actor, e.type, FEE, str((e.data or {}).get("code", "")), e.data) for e in session.scalars(fees)
    ]
    found += [
        Change(e.at, e.actor, e.type, EXEMPTION, str(e.exemption_id), e.data or {}) for e in session.scalars(entries)
    ]
    found.sort(key=lambda change: change.at, reverse=True)
    return found[:limit] if limit is not None else found


# -- the chains as the auditor exports them (scripts/verify_audit_export.py checks them outside Kawal) ---------------
# One JSON object a line, each chain whole from its first record in id order: ``chain`` (officer, unit, calendar, fee,
# exemption), ``id``, ``at`` (UTC, microseconds), ``actor``, ``type``, ``subject`` (the id the record is about: the
# officer's, the unit's, the override's or year, the fee rate's, the register's entry), ``data``, ``prev_hash`` and
# ``hash``: hash = sha256(prev_hash + canonical JSON of {at, actor, type, subject, data}) (``record_hash``). What the
# records hold and the auditor's list shows, no more: never a password, a code, an address or a register entry's text.
def iter_records(session: Session, kinds: tuple[str, ...] = tuple(CHAINS)) -> Iterator[dict]:
    """Every record of the chains ``kinds``, chain by chain, each from its first record (an export of a period would
    not verify: each record hashes the one before)."""
    for kind in kinds:
        model, column, _key = CHAINS[kind]
        for row in session.scalars(select(model).order_by(model.id).execution_options(yield_per=1000)):
            yield {
                "chain": kind,
                "id": row.id,
                "at": row.at.astimezone(UTC).isoformat(timespec="microseconds"),
                "actor": row.actor,
                "type": row.type,
                "subject": getattr(row, column),
                "data": row.data or {},
                "prev_hash": row.prev_hash,
                "hash": row.hash,
            }


def export_lines(session: Session) -> Iterator[bytes]:
    """``iter_records`` as JSON lines (UTF-8), the file the auditor downloads."""
    for row in iter_records(session):
        yield (json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


# -- the chains' export checked by Kawal (``kawal audit verify FILE``), as scripts/verify_audit_export.py step 6 -------
RECORD_FIELDS = {
    "chain": str,
    "id": int,
    "at": str,
    "actor": str,
    "type": str,
    "subject": int,
    "data": dict,
    "prev_hash": str,
    "hash": str,
}


def record_line(line: bytes) -> dict | None:
    """A line of an export as a chain's record (``iter_records``) when it is one, a JSON object naming its ``chain``;
    None for any other line (a case's event, a line that is no JSON), which the cases' check reads."""
    row = audit_lines.read_line(line)
    return row if isinstance(row, dict) and "chain" in row else None


class RecordReader:
    """Reads an export's chain records line by line (``export_lines``: each chain whole and together, in id order) and
    tells the first break of each chain, as engine.audit.ChainReader does a case's; against anchors' ``access`` lines
    too (``check_anchor``). Only each chain's last record is remembered."""

    def __init__(self) -> None:
        self.last: dict[str, tuple[int, str]] = {}  # each chain's last record read: (id, hash)
        self.broken: set[str] = set()
        self.done: set[str] = set()  # chains whose records ended before another chain's began
        self.current: str | None = None
        self.records = 0
        self.latest = ""  # the newest record's instant (UTC ISO), to tell an export made after an anchor

    def read_line(self, line: bytes, number: int, anchors=()) -> Break | None:
        """The line's break, if it is a chain's record (``record_line``) and the first break of its chain."""
        record = record_line(line)
        if record is None:
            return None
        self.records += 1
        chain = str(record["chain"])
        reason = self._misshapen(record)
        if reason is None:
            reason = self._unchained(record, chain, anchors)
        if isinstance(record.get("id"), int) and isinstance(record.get("hash"), str):
            self.last[chain] = (record["id"], record["hash"])
        if reason is None or chain in self.broken:
            return None
        self.broken.add(chain)
        return Break(f"access:{chain}", record["id"] if type(record.get("id")) is int else 0, reason, number)

    @staticmethod
    def _misshapen(record: dict) -> str | None:
        for name, kind in RECORD_FIELDS.items():
            if name not in record:
                return f'the field "{name}" is missing'
            if type(record[name]) is not kind:  # true and false are not whole numbers
                return f'the field "{name}" is not a JSON {kind.__name__}'
        extra = sorted(set(record) - set(RECORD_FIELDS))
        if extra:
            return f"a field no exported record has: {extra[0]}"
        try:
            at = datetime.fromisoformat(record["at"])
        except ValueError:
            at = None
        if at is None or at.utcoffset() is None:
            return f'"at" is not a date and time with its offset: {record["at"]}'
        return None

    def _unchained(self, record: dict, chain: str, anchors) -> str | None:
        if chain != self.current:
            if self.current is not None:
                self.done.add(self.current)
            self.current = chain
            if chain in self.done:
                return "this chain's records are not together"
        if chain not in CHAINS:
            return f"no chain of Kawal is called {chain}"
        at = datetime.fromisoformat(record["at"])
        self.latest = max(self.latest, at.astimezone(UTC).isoformat(timespec="microseconds"))
        for anchor in anchors:
            for kind, record_id, hash_ in anchor.access:
                if kind == chain and record_id == record["id"] and hash_ != record["hash"]:
                    return (
                        f"the access changes were rewritten: record {record_id} is not the anchor's of {anchor.made_at}"
                    )
        prev_id, prev = self.last.get(chain, (0, GENESIS))
        if record["id"] <= prev_id:
            return f"expected a record after {prev_id}, found {record['id']}"
        if record["prev_hash"] != prev:
            return "prev_hash does not match the previous record"
        if record_hash(prev, at, record["actor"], record["type"], record["subject"], record["data"]) != record["hash"]:
            return "content does not match its hash"
        return None

    def check_anchor(self, anchor, made_after: bool = False) -> tuple[list[Break], bool]:
        """After the last line: each chain of ``anchor`` that ends before its anchored record, or is missing, was cut,
        if the export was made after the anchor (a record from then on, or ``made_after``); else nothing can be said
        of a cut, and the second value says so (as engine.anchors.check_rows)."""
        newer = bool(self.latest) and datetime.fromisoformat(self.latest) >= datetime.fromisoformat(anchor.made_at)
        if not (newer or made_after):
            return [], True
        found = []
        for kind, record_id, _hash in anchor.access:
            if self.last.get(kind, (0, ""))[0] < record_id:
                reason = f"the access changes were cut: the anchor of {anchor.made_at} holds record {record_id}"
                found.append(Break(f"access:{kind}", record_id, reason))
        return found, False
