#!/usr/bin/env python3
"""Verify a Kawal audit export without Kawal: Python 3.8 or later and its standard library, no database.

    python3 verify_audit_export.py EXPORT.jsonl [--anchor ANCHOR.jsonl]... [--made-after-anchor]

EXPORT.jsonl is the JSON lines export of the case histories: the auditor console's download, GET
/api/v1/audit/export, or ``kawal audit export``; or the export of the access changes' and the exemption register's
chains: the console's "Access changes" page (its JSON lines download), or GET /api/v1/audit/access/export (step 6).
CSV and XLSX are readable copies of the same events; they cannot be verified: verify the JSON lines export of the same
period or case. Exit status: 0 every chain verifies (and agrees with each anchor given), 1 something is broken (each
break is printed, with its case, event and line, or its chain, record and line), 2 a file cannot be used (not a JSON
lines export, an anchor file that is not to be trusted).

The recipe (Kawal's README, "Audit: verifying an export"; Kawal computes it in engine/audit.py, its anchors in
engine/anchors.py):

1. Each line is one event: a JSON object with exactly the fields ticket, seq, at, type, actor, data, prev_hash and
   hash. A case's events are together, in seq order, from 1.
2. The event's canonical JSON is the object {ticket, seq, at, type, actor, data} written with its keys sorted (in
   nested objects too), no spaces (separators "," and ":"), characters beyond ASCII as they are (UTF-8), never
   escaped: Python's ``json.dumps(..., sort_keys=True, separators=(",", ":"), ensure_ascii=False)``. ``at`` is the
   instant in UTC with microseconds, as the export writes it: ``2026-12-07T00:30:00.123456+00:00``.
3. hash = hex(SHA-256(prev_hash + canonical JSON)), over the UTF-8 bytes. The first event of a case has prev_hash 64
   zeros ("0" * 64); each later event's prev_hash is the hash of the event before it.
4. A changed event no longer matches its hash; a removed or reordered one breaks the seq order or the prev_hash link.
   A case cut at its end still chains: only an anchor shows it.
5. An anchor file (the console's "Download an anchor of now", ``kawal audit anchor``) is JSON lines too: a header
   {"anchor": "kawal-audit-anchor/1", "made_at", "agency"}, one line per case {"ticket", "seq", "hash"} (its last
   event then), lines for the registers' counters and the access changes' chains, and last {"digest"}: the hex
   SHA-256 of every line before it, each with its newline. Every anchored event of a case the export holds must be in
   it with the same hash. When the export was made after the anchor (it holds an event from then on, or
   --made-after-anchor says so), a case that ends before its anchored event was cut; with --made-after-anchor (a
   whole export, no period, no process, no one case), an anchored case missing from it was removed. The chains'
   export (step 6) holds no case: no case is missing from it.
6. The chains' export (access changes: officer, unit, calendar, fee; the exemption register: exemption) is JSON lines
   too, one record a line with exactly the fields chain, id, at, actor, type, subject, data, prev_hash and hash, each
   chain whole and together, in id order. hash = hex(SHA-256(prev_hash + canonical JSON of {at, actor, type, subject,
   data})) as in step 2 and 3; a chain's first record has prev_hash 64 zeros, each later one the hash of the record
   before it (ids may skip: a record removed shows as a prev_hash that does not match). An anchor's {"access", "id",
   "hash"} line is the chain's last record then: it must be in the export with that hash; when the export was made
   after the anchor (as in step 5), a chain that ends before it, or is missing, was cut. An exemption record of format
   2 holds ``content``, the SHA-256 of the register entry's legal content; Kawal compares each entry with it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import datetime, timezone

GENESIS = "0" * 64
FIELDS = {
    "ticket": str,
    "seq": int,
    "at": str,
    "type": str,
    "actor": str,
    "data": dict,
    "prev_hash": str,
    "hash": str,
}
ANCHOR_FORMAT = "kawal-audit-anchor/1"
CHAIN_FIELDS = {
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
CHAINS = ("officer", "unit", "calendar", "fee", "exemption")  # Kawal's engine/access_log.py CHAINS


class Unusable(Exception):
    """A file this check cannot read as what it should be (exit status 2)."""


def canonical_at(text: str) -> str:
    """An instant as it is hashed: in UTC, with microseconds (``ValueError`` without its offset)."""
    at = datetime.fromisoformat(text)
    if at.utcoffset() is None:
        raise ValueError("no offset")
    return at.astimezone(timezone.utc).isoformat(timespec="microseconds")  # noqa: UP017 (datetime.UTC: 3.11+)


def event_hash(prev_hash: str, event: dict) -> str:
    """Step 2 and 3 of the recipe."""
    hashed = {
        "ticket": event["ticket"],
        "seq": event["seq"],
        "at": canonical_at(event["at"]),
        "type": event["type"],
        "actor": event["actor"],
        "data": event["data"],
    }
    body = json.dumps(hashed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def record_hash(prev_hash: str, record: dict) -> str:
    """Step 6 of the recipe: a chain record's hash."""
    hashed = {
        "at": canonical_at(record["at"]),
        "actor": record["actor"],
        "type": record["type"],
        "subject": record["subject"],
        "data": record["data"],
    }
    body = json.dumps(hashed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def _no_duplicate_keys(pairs: list) -> dict:
    """A key written twice in one object: a reader of the line sees the one, the hash the other."""
    keys = [key for key, _value in pairs]
    twice = next((key for key in keys if keys.count(key) > 1), None)
    if twice is not None:
        raise ValueError(f'the key "{twice}" twice in one object')
    return dict(pairs)


def read_event(raw: bytes) -> dict:
    """One line as its event (step 1), or ``ValueError`` saying why it is none."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    try:
        event = json.loads(text.lstrip("\ufeff"), object_pairs_hook=_no_duplicate_keys)
    except ValueError as exc:
        raise ValueError(f"not JSON ({exc})") from None
    if not isinstance(event, dict):
        raise ValueError("not a JSON object")
    fields = CHAIN_FIELDS if "chain" in event else FIELDS
    for name, kind in fields.items():
        if name not in event:
            raise ValueError(f'the field "{name}" is missing')
        if type(event[name]) is not kind:  # true and false are not whole numbers
            raise ValueError(f'the field "{name}" is not a JSON {kind.__name__}')
    extra = sorted(set(event) - set(fields))
    if extra:
        raise ValueError(f"a field no exported event has: {extra[0]}")
    try:
        canonical_at(event["at"])
    except ValueError:
        raise ValueError(f'"at" is not a date and time with its offset: {event["at"]}') from None
    return event


class Anchor:
    """An anchor file, its digest checked (step 5); ``Unusable`` when it cannot be trusted."""

    def __init__(self, path: str):
        self.path = path
        self.heads: dict[str, tuple[int, str]] = {}
        self.access: dict[str, tuple[int, str]] = {}  # each chain's anchored record (step 6)
        digest, header, stated = hashlib.sha256(), None, None
        with open(path, "rb") as lines:
            for number, raw in enumerate(lines, 1):
                if stated is not None:
                    raise Unusable(f"{path}, line {number}: lines after the digest")
                try:
                    value = json.loads(raw)
                except ValueError:
                    raise Unusable(f"{path}, line {number}: not JSON") from None
                if not isinstance(value, dict):
                    raise Unusable(f"{path}, line {number}: not an anchor's line")
                if "digest" in value:
                    stated = value["digest"]
                    continue
                digest.update(raw if raw.endswith(b"\n") else raw + b"\n")
                if header is None:
                    if value.get("anchor") != ANCHOR_FORMAT or not isinstance(value.get("made_at"), str):
                        raise Unusable(f"{path}, line {number}: not a {ANCHOR_FORMAT} file")
                    header = value
                elif "ticket" in value:
                    seq, hash_ = value.get("seq"), value.get("hash")
                    if type(seq) is not int or seq < 1 or not isinstance(hash_, str):
                        raise Unusable(f"{path}, line {number}: not a case's head")
                    self.heads[str(value["ticket"])] = (seq, hash_)
                elif "access" in value:
                    record_id, hash_ = value.get("id"), value.get("hash")
                    if type(record_id) is not int or record_id < 1 or not isinstance(hash_, str):
                        raise Unusable(f"{path}, line {number}: not a chain's last record")
                    self.access[str(value["access"])] = (record_id, hash_)
                elif "series" not in value:
                    raise Unusable(f"{path}, line {number}: not an anchor's line")
        if header is None or stated is None:
            raise Unusable(f"{path}: the file ends before its digest: cut short")
        if stated != digest.hexdigest():
            raise Unusable(f"{path}: its digest does not match its lines: changed after it was written")
        self.digest = stated
        self.made_at = header["made_at"]
        try:
            self.made = datetime.fromisoformat(self.made_at)
        except ValueError:
            raise Unusable(f"{path}: its made_at is not a date and time: {self.made_at}") from None
        if self.made.utcoffset() is None:
            raise Unusable(f"{path}: its made_at has no offset: {self.made_at}")


class Chains:
    """The chains' records of an export (step 6), checked as they are read: each chain's first break is told."""

    def __init__(self) -> None:
        self.last: dict[str, tuple[int, str]] = {}  # each chain's last record read: (id, hash)
        self.broken: set[str] = set()
        self.done: set[str] = set()  # chains whose records ended before another chain's began
        self.current: str | None = None
        self.records = 0

    def read(self, record: dict, line: int, anchors: list[Anchor]) -> list[str]:
        self.records += 1
        chain = record["chain"]
        told = []
        if chain != self.current:
            if self.current is not None:
                self.done.add(self.current)
            self.current = chain
            if chain in self.done:
                told.append("this chain's records are not together")
        if chain not in CHAINS:
            told.append(f"no chain of Kawal is called {chain}")
        for anchor in anchors:
            held = anchor.access.get(chain)
            if held is not None and held[0] == record["id"] and held[1] != record["hash"]:
                told.append(f"the chain was rewritten: not the record of the anchor of {anchor.made_at}")
        prev_id, prev = self.last.get(chain, (0, GENESIS))
        if record["id"] <= prev_id:
            told.append(f"expected a record after {prev_id}, found {record['id']}")
        elif record["prev_hash"] != prev:
            told.append("prev_hash is not the hash of the record before it")
        elif record_hash(prev, record) != record["hash"]:
            told.append("its content does not match its hash")
        self.last[chain] = (record["id"], record["hash"])
        if told and chain not in self.broken:
            self.broken.add(chain)
            return [f"chain {chain}, record {record['id']} (line {line}): {told[0]}"]
        return []

    def cut(self, anchor: Anchor) -> list[str]:
        """Each chain of ``anchor`` that ends before its anchored record, or is missing (an export made after it)."""
        told = []
        for chain, (record_id, _hash) in sorted(anchor.access.items()):
            ends = self.last.get(chain, (0, ""))[0]
            if ends < record_id:
                told.append(f"chain {chain}: cut: the anchor of {anchor.made_at} holds record {record_id}")
        return told


def verify(path: str, anchors: list[Anchor], made_after: bool) -> tuple[list[str], int, int, list[str]]:
    """The export's breaks (each said once per case: its first), the events and cases read, and notes."""
    breaks, _records, _chains, events, cases, notes = verify_all(path, anchors, made_after)
    return breaks, events, cases, notes


def verify_all(path: str, anchors: list[Anchor], made_after: bool):
    """``verify`` with the chains' records read (step 6): breaks, records, chains, events, cases, notes."""
    chains = Chains()
    breaks: list[str] = []
    broken: set[str] = set()
    done: set[str] = set()  # cases whose events ended before another case's began
    last_seq: dict[str, int] = {}
    latest = None
    ticket, seq, prev = None, 0, GENESIS
    events = 0

    def tell(case: str | None, at_seq, line: int, reason: str) -> None:
        if case is not None and case in broken:
            return
        if case is not None:
            broken.add(case)
        where = f"case {case}, event {at_seq} (line {line})" if case is not None else f"line {line}"
        breaks.append(f"{where}: {reason}")

    with open(path, "rb") as lines:
        for number, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            if events == 0 and chains.records == 0 and not breaks:
                _refuse_a_readable_copy(path, raw)
            try:
                event = read_event(raw)
            except ValueError as exc:
                tell(None, None, number, str(exc))
                continue
            if "chain" in event:
                breaks += chains.read(event, number, anchors)
                latest_record = datetime.fromisoformat(event["at"])
                latest = latest_record if latest is None or latest_record > latest else latest
                continue
            events += 1
            if event["ticket"] != ticket:
                if ticket is not None:
                    done.add(ticket)
                if event["ticket"] in done:
                    tell(event["ticket"], event["seq"], number, "this case's events are not together")
                ticket, seq, prev = event["ticket"], 0, GENESIS
            at = datetime.fromisoformat(event["at"])
            latest = at if latest is None or at > latest else latest
            last_seq[ticket] = event["seq"]
            for anchor in anchors:
                held = anchor.heads.get(ticket)
                if held is not None and held[0] == event["seq"] and held[1] != event["hash"]:
                    when = anchor.made_at
                    tell(
                        ticket,
                        event["seq"],
                        number,
                        f"the history was rewritten: not the event of the anchor of {when}",
                    )
            if ticket in broken:
                continue
            if event["seq"] != seq + 1:
                tell(ticket, event["seq"], number, f"expected event {seq + 1}, found {event['seq']}")
            elif event["prev_hash"] != prev:
                tell(ticket, event["seq"], number, "prev_hash is not the hash of the event before it")
            elif event_hash(prev, event) != event["hash"]:
                tell(ticket, event["seq"], number, "its content does not match its hash")
            else:
                seq, prev = event["seq"], event["hash"]
    notes = []
    for anchor in anchors:
        newer = latest is not None and latest >= anchor.made
        if not (newer or made_after):
            notes.append(
                f"the export holds nothing newer than the anchor of {anchor.made_at}: it may be older than it, so a"
                " case that ends before its anchored event is not told as cut (check it against an older anchor, or"
                " say --made-after-anchor)"
            )
            continue
        for case, ends in last_seq.items():
            held = anchor.heads.get(case)
            if held is not None and ends < held[0]:
                breaks.append(f"case {case}: the history was cut: the anchor of {anchor.made_at} holds event {held[0]}")
        if made_after and (events or not chains.records):  # the chains' export (step 6) holds no case to miss
            for case in sorted(set(anchor.heads) - set(last_seq)):
                breaks.append(f"case {case}: not in the export: the anchor of {anchor.made_at} holds it")
        if chains.records:  # an export of the chains holds every chain whole
            breaks += chains.cut(anchor)
    return breaks, chains.records, len(chains.last), events, len(last_seq), notes


def _refuse_a_readable_copy(path: str, first: bytes) -> None:
    """The CSV (its header line) or the XLSX (a zip) export: a readable copy, not the history as hashed."""
    if first.startswith(b"PK\x03\x04"):
        what = "an XLSX workbook"
    elif first.split(b",", 1)[0].lstrip(b"\xef\xbb\xbf") in (b"instansi", b"agency"):
        what = "a CSV export"
    else:
        return
    raise Unusable(
        f"{path} is {what}, a readable copy: verify the JSON lines export of the same period or case instead"
    )


def say(line: str, stream=None) -> None:
    """One line of the findings: standard output, or ``stream`` (standard error for a file that cannot be used)."""
    (stream or sys.stdout).write(line + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export", help="the JSON lines export (kawal-audit*.jsonl)")
    parser.add_argument("--anchor", action="append", default=[], help="an anchor file to check the export against")
    parser.add_argument(
        "--made-after-anchor",
        action="store_true",
        help="the export is whole (no period, process or case chosen) and made after each anchor: an anchored case "
        "missing from it, or ending early, was removed or cut",
    )
    args = parser.parse_args(argv)
    try:
        anchors = [Anchor(path) for path in args.anchor]
        breaks, records, chains, events, cases, notes = verify_all(args.export, anchors, args.made_after_anchor)
    except Unusable as exc:
        say(f"cannot verify: {exc}", sys.stderr)
        return 2
    except OSError as exc:
        say(f"cannot read {exc.filename}: {exc.strerror}", sys.stderr)
        return 2
    for anchor in anchors:
        held = f", {len(anchor.access)} chains" if records else ""
        say(f"anchor {anchor.path}: made at {anchor.made_at}, {len(anchor.heads)} cases{held}, digest {anchor.digest}")
    for note in notes:
        say(f"note: {note}")
    for told in breaks:
        say(f"BROKEN {told}")
    read = f"{events} event(s) of {cases} case(s)"
    if records:
        read = (
            f"{read}, {records} record(s) of {chains} chain(s)"
            if events
            else f"{records} record(s) of {chains} chain(s)"
        )
    if breaks:
        say(f"BROKEN: {len(breaks)} break(s) in {args.export} ({read} read)")
        return 1
    said = ""
    if anchors:
        said = ", no anchored event rewritten" if notes else ", every anchored event in place"
        if records and not notes:
            said = ", every anchored event and record in place" if events else ", every anchored record in place"
        elif records:
            said = ", no anchored record rewritten" if not events else ", no anchored event or record rewritten"
    say(f"OK: {read} in {args.export}, every chain intact{said}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
