"""Audit anchors: the chains' heads written down outside the database, so that whoever can write to it cannot
rewrite the history before them unseen.

Each case's chain head (its last event's number and hash) lives on the case row, beside the history it seals:
one who can change the database can cut a chain's last events and wind the head back, or rewrite a whole chain
and hash it again, and every check inside the database still passes. An anchor is a file of every case's head
at one moment, and every register's last issued ticket, with a digest over it all. Kept where the database's
administrators cannot change it (the auditor's archive, the inspectorate's mail, the digest on a signed paper),
it lets anyone later check that each anchored event is still in its chain, unchanged, and that no case of those
registers has gone: ``check`` for the database, ``check_rows`` for an exported history.

The access changes (engine.access_log: officers' accounts, units, the calendar, fees) and the exemption register
are five chains more; an anchor holds each one's last record (``access``: officer, unit, calendar, fee or exemption,
``id``, ``hash``), so cutting their newest records is seen too.

The file is JSON lines: a header, one line per case (``ticket``, ``seq``, ``hash``), one per register series
(``series``, ``year``, ``last``), one per access chain (``access``, ``id``, ``hash``), and last the ``digest``:
sha256 over every line before it, newline included.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from typing import IO

from sqlalchemy import Column, Integer, MetaData, String, Table, and_, insert, or_, select
from sqlalchemy.orm import Session

from engine import access_log, clock
from engine.audit import EXPORT_BATCH, Break, unheld_tickets
from engine.models import Case, CaseEvent, TicketCounter

FORMAT = "kawal-audit-anchor/1"


def _line(value: dict) -> bytes:
    return (json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n").encode()


def write(session: Session, out: IO[bytes], agency: str, series: Iterable[str]) -> tuple[int, str]:
    """Write the anchor of every case and every register ``series`` to ``out``; returns (cases, digest)."""
    digest = hashlib.sha256()

    def put(value: dict) -> None:
        line = _line(value)
        digest.update(line)
        out.write(line)

    put({"anchor": FORMAT, "made_at": clock.now().isoformat(), "agency": agency})
    cases = 0
    heads = session.execute(
        select(Case.ticket, Case.event_seq, Case.event_hash)
        .where(Case.event_seq > 0)
        .order_by(Case.ticket)
        .execution_options(stream_results=True, yield_per=EXPORT_BATCH)
    )
    for ticket, seq, hash_ in heads:
        put({"ticket": ticket, "seq": seq, "hash": hash_})
        cases += 1
    counters = (
        select(TicketCounter.prefix, TicketCounter.year, TicketCounter.last)
        .where(TicketCounter.prefix.in_(list(series)))
        .order_by(TicketCounter.prefix, TicketCounter.year)
    )
    for prefix, year, last in session.execute(counters):
        put({"series": prefix, "year": year, "last": last})
    for kind, (model, _column, _key) in access_log.CHAINS.items():
        head = session.execute(select(model.id, model.hash).order_by(model.id.desc()).limit(1)).first()
        if head is not None:
            put({"access": kind, "id": head.id, "hash": head.hash})
    hex_digest = digest.hexdigest()
    out.write(_line({"digest": hex_digest}))
    return cases, hex_digest


class AnchorInvalid(ValueError):
    """The anchor file is not one Kawal wrote, or was changed after: its digest does not match its lines."""


@dataclass
class Anchor:
    made_at: str
    agency: str
    digest: str
    cases: int
    series: list[tuple[str, int, int]]
    access: list[tuple[str, int, str]] = field(default_factory=list)  # each access chain's anchored record
    heads: dict[str, tuple[int, str]] | None = None  # kept by ``read`` only; ``validate`` and ``check`` stream them


def _parse(lines: Iterable[bytes], take: Callable[[str, int, str], None]) -> Anchor:
    """One pass over an anchor file: each case's head handed to ``take`` as it is read, the digest checked at
    the end (``AnchorInvalid`` names what is wrong; whatever ``take`` did with the heads is then worthless)."""
    digest = hashlib.sha256()
    header, cases, series, access, stated = None, 0, [], [], None
    for number, raw in enumerate(lines, 1):
        if stated is not None:
            raise AnchorInvalid(f"line {number}: lines after the digest")
        try:
            value = json.loads(raw)
        except ValueError:
            raise AnchorInvalid(f"line {number}: not JSON") from None
        if not isinstance(value, dict):
            raise AnchorInvalid(f"line {number}: neither a case's head nor a register's counter")
        if "digest" in value:
            stated = value["digest"]
            continue
        digest.update(raw if raw.endswith(b"\n") else raw + b"\n")
        if header is None:
            if value.get("anchor") != FORMAT or not isinstance(value.get("made_at"), str):
                raise AnchorInvalid(f"line {number}: not a {FORMAT} file")
            header = value
            continue
        try:
            if "ticket" in value:
                take(str(value["ticket"]), _bounded(value["seq"], 1, 2**31 - 1), str(value["hash"]))
                cases += 1
            elif "series" in value:  # a register's year and its six-digit counter (engine.tickets)
                year, last = _bounded(value["year"], 1, 9999), _bounded(value["last"], 0, 999_999)
                series.append((str(value["series"]), year, last))
            elif "access" in value:  # an access chain's last record (engine.access_log)
                if value["access"] not in access_log.CHAINS:
                    raise ValueError(value["access"])
                access.append((value["access"], _bounded(value["id"], 1, 2**63 - 1), str(value["hash"])))
            else:
                raise KeyError("ticket")
        except (KeyError, TypeError, ValueError):
            raise AnchorInvalid(f"line {number}: neither a case's head nor a register's counter") from None
    if header is None or stated is None:
        raise AnchorInvalid("the file ends before its digest: cut short")
    if stated != digest.hexdigest():
        raise AnchorInvalid("its digest does not match its lines: changed after it was written")
    return Anchor(header["made_at"], str(header.get("agency", "")), stated, cases, series, access)


def _bounded(value, low: int, high: int) -> int:
    """A whole number a Kawal anchor can hold: a file whose digest holds may still be made by hand."""
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(value)
    return value


def validate(lines: Iterable[bytes]) -> Anchor:
    """An anchor file's digest checked, nothing of its heads kept."""
    return _parse(lines, lambda *_head: None)


def read(lines: Iterable[bytes]) -> Anchor:
    """An anchor file with its heads in memory (for ``check_rows``), its digest checked."""
    heads: dict[str, tuple[int, str]] = {}

    def take(ticket: str, seq: int, hash_: str) -> None:
        heads[ticket] = (seq, hash_)

    anchor = _parse(lines, take)
    anchor.heads = heads
    return anchor


# The anchor's heads, for the database to compare in one join. A temporary table belongs to its connection
# (and on PostgreSQL to the transaction that made it): nothing of it is seen by another session or kept.
HEADS = Table(
    "kawal_anchor_head",
    MetaData(),
    Column("ticket", String, nullable=False),  # unbounded: a longer one in a file made by hand is a break, not an error
    Column("seq", Integer, nullable=False),
    Column("hash", String, nullable=False),
    prefixes=["TEMPORARY"],
)
HEAD_BATCH = 10_000


@dataclass
class Checked:
    anchor: Anchor
    breaks: list[Break]  # the first ``shown`` of them, in ticket order
    total: int


def check(session: Session, lines: Iterable[bytes], shown: int | None = None) -> Checked:
    """The anchor file ``lines`` (its digest checked, ``AnchorInvalid`` otherwise) against the database: is every
    anchored event still in its chain, unchanged, and every anchored ticket still a case?

    The heads go into a temporary table as the file is read and the database compares them in one join, so
    memory stays flat whatever the anchor's size: a province's million heads held in a dict and asked for in
    chunks took 75 s, past the proxy's 70 s read timeout (bench/README.md). Whatever a chain holds after its
    anchored event is the chains' own check (engine.audit.verify_chains); a register's tickets up to the
    anchored counter are checked there too (``ticket_gaps``), while the counter is in the database: here,
    against the anchor's. After ``AnchorInvalid`` the caller rolls back (on PostgreSQL the transaction is
    spoiled).

    ``shown`` keeps only the first breaks and counts the rest: a database restored from a backup older than
    the anchor breaks every case changed since, which may be most of a million.
    """
    connection = session.connection()
    postgres = connection.dialect.name == "postgresql"
    HEADS.drop(connection, checkfirst=True)
    HEADS.create(connection)
    try:
        anchor = _load_heads(connection, lines, postgres)
        if postgres:
            connection.exec_driver_sql(f"ANALYZE {HEADS.name}")  # the planner's count: one join, not a loop
        breaks, total = [], 0
        found = chain(
            _head_breaks(connection, anchor),
            _gone_tickets(session, connection, anchor),
            _access_breaks(session, anchor),
        )
        for told in found:
            total += 1
            if shown is None or total <= shown:
                breaks.append(told)
    except BaseException:
        if not postgres:  # SQLite made the table outside any transaction: a rollback would not take it away
            HEADS.drop(connection, checkfirst=True)
        raise
    HEADS.drop(connection)
    return Checked(anchor, breaks, total)


def _load_heads(connection, lines: Iterable[bytes], postgres: bool) -> Anchor:
    if postgres:  # COPY: a million rows in seconds, where inserts in batches take a minute
        with (
            connection.connection.driver_connection.cursor() as cursor,
            cursor.copy(f"COPY {HEADS.name} (ticket, seq, hash) FROM STDIN") as copy,
        ):
            return _parse(lines, lambda *head: copy.write_row(head))
    batch: list[dict] = []

    def take(ticket: str, seq: int, hash_: str) -> None:
        batch.append({"ticket": ticket, "seq": seq, "hash": hash_})
        if len(batch) == HEAD_BATCH:
            connection.execute(insert(HEADS), batch)
            batch.clear()

    anchor = _parse(lines, take)
    if batch:
        connection.execute(insert(HEADS), batch)
    return anchor


def _head_breaks(connection, anchor: Anchor) -> Iterator[Break]:
    case, event, when = Case.__table__, CaseEvent.__table__, anchor.made_at
    found = connection.execute(
        select(HEADS.c.ticket, HEADS.c.seq, case.c.id, event.c.hash)
        .select_from(
            HEADS.outerjoin(case, case.c.ticket == HEADS.c.ticket).outerjoin(
                event, and_(event.c.case_id == case.c.id, event.c.seq == HEADS.c.seq)
            )
        )
        .where(or_(case.c.id.is_(None), event.c.hash.is_(None), event.c.hash != HEADS.c.hash))
        .order_by(HEADS.c.ticket)
        .execution_options(stream_results=True, yield_per=EXPORT_BATCH)
    )
    for ticket, seq, case_id, hash_ in found:
        if case_id is None:
            yield Break(ticket, seq, f"the case is gone: the anchor of {when} holds it")
        elif hash_ is None:
            yield Break(ticket, seq, f"the history was cut: the anchor of {when} holds event {seq}")
        else:
            yield Break(ticket, seq, f"the history was rewritten: event {seq} is not the anchor's of {when}")


def _gone_tickets(session: Session, connection, anchor: Anchor) -> list[Break]:
    """A register's tickets up to the anchored counter that no case holds and the anchor does not name (those
    it names were told above)."""
    breaks = []
    for prefix, year, last in anchor.series:
        unheld = unheld_tickets(session, prefix, year, last)
        named = set()
        for start in range(0, len(unheld), EXPORT_BATCH):
            chunk = unheld[start : start + EXPORT_BATCH]
            named.update(connection.scalars(select(HEADS.c.ticket).where(HEADS.c.ticket.in_(chunk))))
        reason = f"the case is gone: the anchor of {anchor.made_at} counts it"
        breaks += [Break(ticket, 0, reason) for ticket in unheld if ticket not in named]
    return breaks


def _access_breaks(session: Session, anchor: Anchor) -> list[Break]:
    """Each access chain's anchored record still there, unchanged (what follows it is the chain's own check)."""
    breaks = []
    for kind, record_id, hash_ in anchor.access:
        model = access_log.CHAINS[kind][0]
        held = session.scalar(select(model.hash).where(model.id == record_id))
        name = f"access:{kind}"
        if held is None:
            breaks.append(
                Break(
                    name,
                    record_id,
                    f"the access changes were cut: the anchor of {anchor.made_at} holds record {record_id}",
                )
            )
        elif held != hash_:
            reason = f"the access changes were rewritten: record {record_id} is not the anchor's of {anchor.made_at}"
            breaks.append(Break(name, record_id, reason))
    return breaks


def check_rows(rows: Iterable[dict], anchor: Anchor, made_after: bool = False) -> tuple[list[Break], bool]:
    """An exported history against an anchor: each anchored event of a case the export holds is in it, unchanged.

    A case whose anchored event is past the export's end was cut, if the export was made after the anchor: it
    holds an event from then on, or the caller says so (``made_after``: a whole export made after the anchor,
    in which a case of the anchor that is missing was removed). An export older than the anchor ends before it
    by right; then only rewritten events are told, and the second value says so (check it against an older
    anchor).
    """
    if anchor.heads is None:
        raise ValueError("check_rows needs the anchor's heads: read it with anchors.read")
    breaks, last_seq, latest = [], {}, ""
    for row in rows:
        ticket = row["ticket"]
        last_seq[ticket] = row["seq"]
        latest = max(latest, row["at"])
        want = anchor.heads.get(ticket)
        if want is not None and row["seq"] == want[0] and row["hash"] != want[1]:
            reason = f"the history was rewritten: event {row['seq']} is not the anchor's of {anchor.made_at}"
            breaks.append(Break(ticket, row["seq"], reason))
    newer = bool(latest) and datetime.fromisoformat(latest) >= datetime.fromisoformat(anchor.made_at)
    if not (newer or made_after):
        return breaks, True
    for ticket, seq in last_seq.items():
        want = anchor.heads.get(ticket)
        if want is not None and seq < want[0]:
            reason = f"the history was cut: the anchor of {anchor.made_at} holds event {want[0]}"
            breaks.append(Break(ticket, seq + 1, reason))
    if made_after:
        for ticket in sorted(set(anchor.heads) - set(last_seq)):
            reason = f"the case is not in the export: the anchor of {anchor.made_at} holds it"
            breaks.append(Break(ticket, anchor.heads[ticket][0], reason))
    return breaks, False
