"""Audit anchors: the chains' heads written down outside the database, so that whoever can write to it cannot
rewrite the history before them unseen.

Each case's chain head (its last event's number and hash) lives on the case row, beside the history it seals:
one who can change the database can cut a chain's last events and wind the head back, or rewrite a whole chain
and hash it again, and every check inside the database still passes. An anchor is a file of every case's head
at one moment, and every register's last issued ticket, with a digest over it all. Kept where the database's
administrators cannot change it (the auditor's archive, the inspectorate's mail, the digest on a signed paper),
it lets anyone later check that each anchored event is still in its chain, unchanged, and that no case of those
registers has gone: ``check`` for the database, ``check_rows`` for an exported history.

The file is JSON lines: a header, one line per case (``ticket``, ``seq``, ``hash``), one per register series
(``series``, ``year``, ``last``), and last the ``digest``: sha256 over every line before it, newline included.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import IO

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from engine import clock
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
    heads: dict[str, tuple[int, str]]
    series: list[tuple[str, int, int]]


def read(lines: Iterable[bytes]) -> Anchor:
    """An anchor file, its digest checked (``AnchorInvalid`` names what is wrong)."""
    digest = hashlib.sha256()
    header, heads, series, stated = None, {}, [], None
    for number, raw in enumerate(lines, 1):
        if stated is not None:
            raise AnchorInvalid(f"line {number}: lines after the digest")
        try:
            value = json.loads(raw)
        except ValueError:
            raise AnchorInvalid(f"line {number}: not JSON") from None
        if "digest" in value:
            stated = value["digest"]
            continue
        digest.update(raw if raw.endswith(b"\n") else raw + b"\n")
        if header is None:
            if value.get("anchor") != FORMAT:
                raise AnchorInvalid(f"line {number}: not a {FORMAT} file")
            header = value
        elif "ticket" in value:
            heads[value["ticket"]] = (int(value["seq"]), value["hash"])
        elif "series" in value:
            series.append((value["series"], int(value["year"]), int(value["last"])))
        else:
            raise AnchorInvalid(f"line {number}: neither a case's head nor a register's counter")
    if header is None or stated is None:
        raise AnchorInvalid("the file ends before its digest: cut short")
    if stated != digest.hexdigest():
        raise AnchorInvalid("its digest does not match its lines: changed after it was written")
    return Anchor(header["made_at"], header.get("agency", ""), stated, heads, series)


def check(session: Session, anchor: Anchor) -> list[Break]:
    """Is every anchored event still in its chain, unchanged, and every anchored ticket still a case?

    Whatever a chain holds after its anchored event is the chains' own check (engine.audit.verify_chains); a
    register's tickets up to the anchored counter are checked there too (``ticket_gaps``), while the counter
    is in the database: here, against the anchor's.
    """
    breaks = []
    when = anchor.made_at
    tickets = sorted(anchor.heads)
    for start in range(0, len(tickets), EXPORT_BATCH):
        chunk = tickets[start : start + EXPORT_BATCH]
        heads = dict(session.execute(select(Case.ticket, Case.event_seq).where(Case.ticket.in_(chunk))).all())
        pairs = [(t, anchor.heads[t][0]) for t in chunk if t in heads]
        hashes = (
            dict(
                session.execute(
                    select(Case.ticket, CaseEvent.hash)
                    .join(CaseEvent, CaseEvent.case_id == Case.id)
                    .where(tuple_(Case.ticket, CaseEvent.seq).in_(pairs))
                ).all()
            )
            if pairs
            else {}
        )
        for ticket in chunk:
            seq, hash_ = anchor.heads[ticket]
            if ticket not in heads:
                breaks.append(Break(ticket, seq, f"the case is gone: the anchor of {when} holds it"))
            elif ticket not in hashes:
                breaks.append(Break(ticket, seq, f"the history was cut: the anchor of {when} holds event {seq}"))
            elif hashes[ticket] != hash_:
                breaks.append(
                    Break(ticket, seq, f"the history was rewritten: event {seq} is not the anchor's of {when}")
                )
    for prefix, year, last in anchor.series:
        missing = [t for t in unheld_tickets(session, prefix, year, last) if t not in anchor.heads]  # told above
        breaks += [Break(ticket, 0, f"the case is gone: the anchor of {when} counts it") for ticket in missing]
    return breaks


def check_rows(rows: Iterable[dict], anchor: Anchor, made_after: bool = False) -> tuple[list[Break], bool]:
    """An exported history against an anchor: each anchored event of a case the export holds is in it, unchanged.

    A case whose anchored event is past the export's end was cut, if the export was made after the anchor: it
    holds an event from then on, or the caller says so (``made_after``: a whole export made after the anchor,
    in which a case of the anchor that is missing was removed). An export older than the anchor ends before it
    by right; then only rewritten events are told, and the second value says so (check it against an older
    anchor).
    """
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
