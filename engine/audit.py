"""The tamper-evident case history: each event stores the previous event's hash and its own.

``hash = sha256(prev_hash + canonical JSON of {ticket, seq, at, type, actor, data})``. The ticket is
part of the hashed content, so an exported event can be checked without the database. The chain of
a case starts from 64 zeros.
"""

import hashlib
import hmac
import json
import re
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Select, and_, event, func, insert, literal, null, select
from sqlalchemy import case as when
from sqlalchemy.orm import Session

from engine import access, clock, kinds
from engine.audit_lines import Unreadable, misshapen, read_line
from engine.errors import Invalid, NotFound
from engine.messages import msg
from engine.models import AuditRead, Case, CaseEvent, ChainCheck, TicketCounter, User
from engine.transaction_info import per_transaction

GENESIS = "0" * 64


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def event_hash(prev_hash: str, ticket: str, seq: int, at: datetime, type_: str, actor: str, data: dict) -> str:
    body = json.dumps(
        {"ticket": ticket, "seq": seq, "at": _iso(at), "type": type_, "actor": actor, "data": data},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


class EventLog:
    """Appends events to cases within the caller's transaction; the chain's head lives on the case row.

    Events are rows nobody changes, so they are not ORM objects: a transaction's new events wait in its
    session (``pending``) and are written with plain INSERTs, one statement per flush, right after the
    flush that writes their case (the case row always changes with them: its chain head). A rollback
    drops them with the rest of the change.
    """

    def __init__(self, session: Session):
        self.session = session

    def append(self, case: Case, type_: str, actor: str, data: dict | None = None) -> dict:
        seq, prev = case.event_seq or 0, case.event_hash or GENESIS
        at = clock.now()
        data = json.loads(json.dumps(data or {}, default=str))  # a snapshot, never a shared reference
        digest = event_hash(prev, case.ticket, seq + 1, at, type_, actor, data)
        row = {"seq": seq + 1, "at": at, "type": type_, "actor": actor, "data": data, "prev_hash": prev, "hash": digest}
        self.session.info.setdefault(_PENDING, []).append((case, row))
        case.event_seq, case.event_hash = seq + 1, digest
        return row


_PENDING = per_transaction("kawal_pending_events", rollback=True)  # session.info: [(case, row)] not yet written
_INSERT = insert(CaseEvent.__table__)


def pending(session: Session, case: Case) -> list[dict]:
    """The events of ``case`` this transaction appended and has not written yet, in order."""
    return [row for c, row in session.info.get(_PENDING, ()) if c is case]


def _write(session: Session) -> None:
    rows = session.info.pop(_PENDING, None)
    if rows:
        session.connection().execute(_INSERT, [{**row, "case_id": case.id} for case, row in rows])


@event.listens_for(Session, "after_flush")
def _write_after_flush(session: Session, _context) -> None:
    _write(session)  # their cases are written now (a new case has its id)


@event.listens_for(Session, "before_commit")
def _write_before_commit(session: Session) -> None:
    session.flush()  # what commit would flush anyway; its after_flush writes the events
    _write(session)  # events of a case with nothing else to flush


# A complaint's reporter's own words: the free-text fields of its filing (engine.complaints.DETAILS less the categories
# chosen from lists). Its history keeps a commitment to them, never the words (``words_commitment``): the history is
# exported, passed on outside Kawal and never erased, while whatever the reporter wrote there (their NIK, their phone,
# their name, the reported person's) must stay with the complaint team (legal-process.md §7.3) and be erasable (UU
# 27/2022). The words stay on the case row, which the chain check compares with the commitment (``_record_breaks``).
REPORTER_WORDS = ("pokok_masalah", "uraian", "lokasi", "waktu_kejadian", "nomor_lapor")


def words_commitment(key: bytes, details: dict) -> dict:
    """What a history records of a complaint's reporter's words in ``details``: ``details_hmac``, HMAC-SHA256 under
    ``key`` (engine.blind_index.details_key) of their canonical JSON; ``detail_fields``, the fields it covers; and
    ``details_key``, which key made it (a keyed hash of a label, nothing of the key). Keyed, never a plain hash: a
    date or a short place would be guessed from a plain one."""
    words = {name: details[name] for name in REPORTER_WORDS if details.get(name)}
    body = json.dumps(words, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return {
        "details_hmac": hmac.new(key, body.encode(), hashlib.sha256).hexdigest(),
        "detail_fields": sorted(words),
        "details_key": key_id(key),
    }


def key_id(key: bytes) -> str:
    """Which key made a commitment, told without it: a check under another key (the secret changed since) cannot
    compare, and says nothing rather than a break of every complaint."""
    return hmac.new(key, b"kawal-key-id", hashlib.sha256).hexdigest()[:16]


def export_row(ticket: str, event: CaseEvent) -> dict:
    return {
        "ticket": ticket,
        "seq": event.seq,
        "at": _iso(event.at),
        "type": event.type,
        "actor": event.actor,
        "data": event.data,
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }


@dataclass(frozen=True)
class Break:
    ticket: str  # empty for a line of an export whose case cannot be read
    seq: int
    reason: str
    line: int | None = None  # the line of an exported history (``verify_lines``)


class ChainReader:
    """Reads exported rows one at a time (each case's events together, in seq order, as exports are written) and
    tells the first break of each case. Only the case being read is remembered, so memory stays flat over a
    million cases (a case whose rows come back after another's starts again, and is told broken unless from
    its first event)."""

    def __init__(self) -> None:
        self.ticket: str | None = None
        self.seq, self.prev, self.broken = 0, GENESIS, False

    def read_line(self, line: bytes, number: int) -> Break | None:
        """``read`` for a line of an exported history, which may hold anything: a line that is not a whole event
        (``read_line``, ``misshapen``) breaks the chain of its case, named where the line still tells it."""
        row = read_line(line)
        if isinstance(row, Unreadable):
            return self._unsound(row.ticket, row.seq, row.reason, number)
        ticket = row.get("ticket") if type(row.get("ticket")) is str else None
        problem = misshapen(row, self.seq + 1 if ticket == self.ticket else 1)
        if problem:
            seq = row.get("seq") if type(row.get("seq")) is int else None
            return self._unsound(ticket, seq, problem, number)
        return self.read(row, number)

    def _unsound(self, ticket: str | None, seq: int | None, reason: str, line: int) -> Break | None:
        if ticket is None:  # whose line it was cannot be told; its case shows the gap at its next event
            return Break("", 0, reason, line)
        if ticket != self.ticket:
            self.ticket, self.seq, self.prev = ticket, 0, GENESIS
        elif self.broken:
            return None
        self.broken = True
        return Break(ticket, self.seq + 1 if seq is None else seq, reason, line)

    def read(self, row: dict, line: int | None = None) -> Break | None:
        ticket = row["ticket"]
        if ticket != self.ticket:
            self.ticket, self.seq, self.prev, self.broken = ticket, 0, GENESIS, False
        if self.broken:
            return None
        seq, prev = self.seq, self.prev
        reason = None
        if row["seq"] != seq + 1:
            reason = f"expected event {seq + 1}, found {row['seq']}"
        elif row["prev_hash"] != prev:
            reason = "prev_hash does not match the previous event"
        else:
            at = datetime.fromisoformat(row["at"])
            if event_hash(prev, ticket, row["seq"], at, row["type"], row["actor"], row["data"]) != row["hash"]:
                reason = "content does not match its hash"
        if reason:
            self.broken = True
            return Break(ticket, row["seq"], reason, line)
        self.seq, self.prev = row["seq"], row["hash"]
        return None


def verify_rows(rows: Iterable[dict]) -> Iterator[Break]:
    """Check exported rows (``ChainReader``); yields the first break of each case."""
    reader = ChainReader()
    for row in rows:
        told = reader.read(row)
        if told is not None:
            yield told


def verify_lines(lines: Iterable[bytes]) -> Iterator[Break]:
    """Check an exported history as its file holds it, JSON lines (``ChainReader.read_line``): yields the first
    break of each case, and each line that no case can be told of, with its line number."""
    reader = ChainReader()
    for number, line in enumerate(lines, 1):
        if line.strip():
            told = reader.read_line(line, number)
            if told is not None:
                yield told


def count_events(
    session: Session,
    start: datetime | None = None,
    end: datetime | None = None,
    process: str | None = None,
    ticket: str | None = None,
) -> int:
    """How many events an export of [start, end), ``process`` and ``ticket`` holds: every event of each selected
    case."""
    cases = selected_cases(start, end, process, ticket).order_by(None).with_only_columns(Case.id)
    return session.scalar(select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id.in_(cases))) or 0


def selected_cases(
    start: datetime | None = None, end: datetime | None = None, process: str | None = None, ticket: str | None = None
) -> Select:
    """The cases an export or a check covers: (id, ticket) in id order.

    A case is selected whole when any of its events falls in [start, end), so each exported chain can
    be verified from its first event; ``process`` narrows to one process key (``Case.kind``), ``ticket`` to one case.
    """
    cases = select(Case.id, Case.ticket).order_by(Case.id)
    if process:
        cases = cases.where(Case.kind == process)
    if ticket:
        cases = cases.where(Case.ticket == ticket)
    if start or end:
        window = select(CaseEvent.case_id)
        if start:
            window = window.where(CaseEvent.at >= start)
        if end:
            window = window.where(CaseEvent.at < end)
        cases = cases.where(Case.id.in_(window))
    return cases


def case_ticket(typed: str, series: Iterable[str]) -> str | None:
    """``typed`` as the ticket a register of ``series`` issues (``PPID-2026-000123``: its letters, the year, six
    digits: engine.tickets), read as a person types it (any case, spaces around); None when it is none: an export or
    a check of "one case" that cannot name one is refused, never widened to every case."""
    ticket = typed.strip().upper()
    prefix, year, number = (ticket.rsplit("-", 2) + ["", ""])[:3]
    if prefix not in set(series) or not _DIGITS.fullmatch(year) or not _NUMBER.fullmatch(number):
        return None
    return ticket


def one_case(
    session: Session,
    user: User | None,
    typed: str | None,
    settings,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    process: str | None = None,
) -> str | None:
    """The case an export or a check names (``typed``, read by ``case_ticket``), as its register wrote it; None when
    none is named (``typed`` None). The API, the auditor's console and ``kawal audit export --case`` ask here.

    Refused on ``ticket``, never widened to every case nor narrowed to nothing: a text that is no ticket (an empty
    one too: an unset ``$TICKET``) is ``Invalid`` (ticket_format); a ticket beside a period or a process is
    ``Invalid`` (case_taken_whole: a case is taken whole, and a period or a process it is not in would leave an empty
    export said as "0 events checked"); a ticket no case ``user`` may see holds is ``NotFound`` (case_not_found,
    the API's 404). ``user`` None: the server's command line, which sees every case."""
    if typed is None:
        return None
    series = kinds.register_series(settings)
    ticket = case_ticket(typed, series)
    if ticket is None:
        example = f"{settings.ticket_prefix}-{clock.now().year}-000123"
        told = msg("ticket_format", example=example, series=", ".join(series))
        raise Invalid("invalid_data", fields={"ticket": [told]})
    if start is not None or end is not None or process:
        raise Invalid("invalid_data", fields={"ticket": [msg("case_taken_whole")]})
    cases = select(Case.id).where(Case.ticket == ticket)
    if session.scalar(cases if user is None else access.cases_visible_to(user, cases)) is None:
        raise NotFound("case_not_found", fields={"ticket": [msg("case_not_found")]})
    return ticket


_DIGITS = re.compile(r"[0-9]{4}")
_NUMBER = re.compile(r"[0-9]{6,9}")


EXPORT_BATCH = 2000
"""Rows fetched at a time while an export streams (a server-side cursor on PostgreSQL): memory stays flat."""


def iter_export(
    session: Session,
    start: datetime | None = None,
    end: datetime | None = None,
    process: str | None = None,
    ticket: str | None = None,
) -> Iterator[dict]:
    """Every event of the selected cases (``selected_cases``), case by case in order, streamed in batches.

    The source of audit exports: one query over the events joined to their case, in (case, seq)
    order through the chain's unique index, read ``EXPORT_BATCH`` rows at a time as plain columns.
    """
    cases = selected_cases(start, end, process, ticket).order_by(None).subquery()
    rows = session.execute(
        select(
            cases.c.ticket,
            CaseEvent.seq,
            CaseEvent.at,
            CaseEvent.type,
            CaseEvent.actor,
            CaseEvent.data,
            CaseEvent.prev_hash,
            CaseEvent.hash,
        )
        .join(cases, cases.c.id == CaseEvent.case_id)
        .order_by(CaseEvent.case_id, CaseEvent.seq)
        .execution_options(stream_results=True, yield_per=EXPORT_BATCH)
    )
    for ticket, seq, at, type_, actor, data, prev_hash, hash_ in rows:
        yield {
            "ticket": ticket,
            "seq": seq,
            "at": _iso(at),
            "type": type_,
            "actor": actor,
            "data": data,
            "prev_hash": prev_hash,
            "hash": hash_,
        }


@dataclass(frozen=True)
class Verification:
    """What a chain check looked at and what it found (the auditor's summary)."""

    checked_cases: int
    checked_events: int
    breaks: list[Break]  # the first ``shown`` found, if the check was told to keep only those
    total: int  # every break found

    @property
    def ok(self) -> bool:
        return not self.total


def verify_chains(
    session: Session,
    start: datetime | None = None,
    end: datetime | None = None,
    process: str | None = None,
    series: Iterable[str] = (),
    shown: int | None = None,
    ticket: str | None = None,
    details_key: bytes | None = None,
) -> Verification:
    """``checking`` run to its end (see there)."""
    steps = checking(session, start, end, process, series, shown, ticket, details_key)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


PROGRESS_EVERY = 100_000
"""Events between two reports of a check's progress (about two seconds of hashing)."""
BREAKS_LISTED = 1000
"""Breaks the console's page and the API list of a check (every one is counted). A database restored from a
backup older than an anchor breaks every case changed since, rows bulk-changed the chains of as many."""


def checking(
    session: Session,
    start: datetime | None = None,
    end: datetime | None = None,
    process: str | None = None,
    series: Iterable[str] = (),
    shown: int | None = None,
    ticket: str | None = None,
    details_key: bytes | None = None,
) -> Generator[int, None, Verification]:
    """Check the chains of the selected cases (``selected_cases``: a period, a process, or one case by its
    ``ticket``), each chain's end against the head kept on its case, each case's record against its history
    (``_record_breaks``; with ``details_key``, engine.blind_index.details_key, a complaint's reporter's words too),
    and that no ticket of the registers ``series`` is missing (``ticket_gaps``).

    Rows are checked as they stream, so memory holds the case being read, not the history. ``shown`` keeps
    only the first breaks and counts the rest: a database restored from an old backup, or rows bulk-changed,
    may break most of a million cases (a page listing 900,000 took 1.9 GB: bench/README.md). Yields the events
    checked so far every ``PROGRESS_EVERY`` events, then before the check of the cases' heads and again before
    that of their records (a province's history takes minutes: the console shows how far it is); returns the
    Verification.
    """
    cases = selected_cases(start, end, process, ticket)
    events, total = 0, 0
    kept: list[Break] = []
    broken: set[str] = set()  # a case told once, by the first check that finds it broken

    def tell(found: Iterable[Break]) -> None:
        nonlocal total
        for told in found:
            total += 1
            broken.add(told.ticket)
            if shown is None or len(kept) < shown:
                kept.append(told)

    reader = ChainReader()
    for row in iter_export(session, start, end, process, ticket):
        events += 1
        told = reader.read(row)
        if told is not None:
            tell((told,))
        if events % PROGRESS_EVERY == 0:
            yield events
    yield events
    tell(_head_breaks(session, cases, broken))
    yield events  # the heads and the records each read every case: a million take some seconds
    tell(_record_breaks(session, cases, broken, details_key))
    tell(ticket_gaps(session, series))
    checked = session.scalar(select(func.count()).select_from(cases.order_by(None).subquery()))
    return Verification(checked_cases=checked or 0, checked_events=events, breaks=kept, total=total)


# The history's events that say what the case row holds: its receipt (the first event), its stage, its closing.
RECORD_EVENTS = ("status_changed", "case_closed", "case_reopened")
# The events that commit to a complaint's reporter's words (``words_commitment``), the last of which the case row's
# words are checked against: its filing. A change of those words on the case row (a correction, an erasure) is
# recorded by an event of its own carrying the new commitment, and its type is added here.
WORDS_EVENTS = ("complaint_submitted",)


# The first event of each kind of case (engine.intake, engine.complaints): the kind its history was filed as.
FIRST_EVENTS = {
    "request_submitted": kinds.REQUEST,
    "objection_filed": kinds.OBJECTION,
    "dispute_recorded": kinds.DISPUTE,
    "complaint_submitted": kinds.COMPLAINT,
}
# How far apart a case's closing moment and its history's closing event may be: both are taken in one change.
CLOSING_SLACK = timedelta(minutes=1)


def _record_breaks(
    session: Session, cases: Select, broken: set[str], details_key: bytes | None = None
) -> Iterator[Break]:
    """A case row changed in the database without its history: the chain still verifies, but its kind, receipt,
    stage or closing no longer match what the history says (the first event's kind and ``received_at``, the last
    stage reached, the last closing or reopening and when), or, with ``details_key``, a complaint's reporter's words
    no longer match the last commitment to them (``WORDS_EVENTS``; a history filed before Kawal kept commitments has
    none, and is not compared). Streams only those events, in case order; a complaint's details ride on its first
    event's row only."""
    ids = cases.order_by(None).with_only_columns(Case.id)
    if details_key is None:
        details = literal(None)
    else:
        details = when((and_(Case.kind == kinds.COMPLAINT, CaseEvent.seq == 1), Case.details), else_=null())
    rows = session.execute(
        select(
            Case.id,
            Case.ticket,
            Case.kind,
            Case.status,
            Case.received_at,
            Case.closed_at,
            CaseEvent.seq,
            CaseEvent.type,
            CaseEvent.at,
            CaseEvent.data,
            details,
        )
        .join(CaseEvent, CaseEvent.case_id == Case.id)
        .where(Case.id.in_(ids), (CaseEvent.seq == 1) | CaseEvent.type.in_(RECORD_EVENTS + WORDS_EVENTS))
        .order_by(Case.id, CaseEvent.seq)
        .execution_options(stream_results=True, yield_per=EXPORT_BATCH)
    )
    current = None
    told: dict = {}
    for case_id, ticket, kind, status, received_at, closed_at, seq, type_, at, data, words in rows:
        if case_id != current:
            if current is not None:
                yield from _record_break(told, broken, details_key)
            current, told = case_id, {"row": (ticket, kind, status, received_at, closed_at), "closed_at": None}
        if seq == 1:
            told["kind"] = FIRST_EVENTS.get(type_)
            if data.get("received_at"):
                told["received_at"] = data["received_at"]
            told["details"] = words
        if type_ in WORDS_EVENTS and data.get("details_hmac"):
            told["committed"] = (seq, data)
        if type_ == "status_changed":
            told["status"] = data.get("status")
        elif type_ in ("case_closed", "case_reopened"):
            told["closed_at"] = at if type_ == "case_closed" else None
    if current is not None:
        yield from _record_break(told, broken, details_key)


def _record_break(told: dict, broken: set[str], details_key: bytes | None) -> Iterator[Break]:
    ticket, kind, status, received_at, closed_at = told["row"]
    if ticket in broken:
        return
    said, reached, closing = told.get("received_at"), told.get("status"), told["closed_at"]
    committed = told.get("committed") if details_key is not None else None
    if told.get("kind") not in (None, kind):
        yield Break(ticket, 1, f"the case's kind ({kind}) is not the one its history was filed as ({told['kind']})")
    elif said is not None and datetime.fromisoformat(said) != received_at:
        yield Break(ticket, 1, f"the case's receipt ({_iso(received_at)}) is not its history's ({said})")
    elif reached is not None and reached != status:
        yield Break(ticket, 0, f"the case's stage ({status}) is not the last its history reached ({reached})")
    elif closing is not None and closed_at is None:
        yield Break(ticket, 0, "the case is open but its history closed it")
    elif closing is None and closed_at is not None:
        yield Break(ticket, 0, "the case is closed but its history leaves it open")
    elif closing is not None and abs(closed_at - closing) > CLOSING_SLACK:
        yield Break(ticket, 0, f"the case's closing ({_iso(closed_at)}) is not its history's ({_iso(closing)})")
    elif committed is not None and _words_changed(details_key, told.get("details") or {}, committed[1]):
        yield Break(ticket, committed[0], "the complaint's details on the case are not those its history committed to")


def _words_changed(key: bytes, details: dict, data: dict) -> bool:
    """The case row's reporter's words are not those ``data`` (an event of ``WORDS_EVENTS``) committed to; never
    when the commitment was made under another key, which this check cannot compare with."""
    if data.get("details_key") != key_id(key):
        return False
    return words_commitment(key, details)["details_hmac"] != data["details_hmac"]


def ticket_gaps(session: Session, series: Iterable[str], shown: int = 10) -> list[Break]:
    """Tickets a register's counter has issued that no case holds: a case deleted from the database (each number
    is given out in the transaction that writes its case, and a rolled-back one gives it back: engine.tickets).
    At most ``shown`` per series and year, the last saying how many more."""
    gaps: list[Break] = []
    for prefix in dict.fromkeys(series):
        counters = session.execute(select(TicketCounter.year, TicketCounter.last).where(TicketCounter.prefix == prefix))
        for year, last in counters:
            missing = unheld_tickets(session, prefix, year, last)
            for ticket in missing[:shown]:
                gaps.append(Break(ticket, 0, "no case holds this ticket, though its register issued it"))
            if len(missing) > shown:
                more = f"{len(missing) - shown} more tickets of this register are missing"
                gaps.append(Break(f"{prefix}-{year}-*", 0, more))
    return gaps


def unheld_tickets(session: Session, prefix: str, year: int, last: int) -> list[str]:
    """The tickets 1 to ``last`` of a register's year that no case holds, in order (read as a range of the
    tickets' unique index)."""
    head = f"{prefix}-{year}-"
    held = session.scalars(select(Case.ticket).where(Case.ticket >= head, Case.ticket < head + "\uffff"))
    numbers = {int(t[len(head) :]) for t in held if t[len(head) :].isdigit()}
    return [f"{head}{n:06d}" for n in range(1, last + 1) if n not in numbers]


def _head_breaks(session: Session, cases: Select, broken: set[str]) -> Iterator[Break]:
    """A history cut off at its end still chains; only the head kept on the case row shows it."""
    last = select(CaseEvent.case_id, func.max(CaseEvent.seq).label("seq")).group_by(CaseEvent.case_id).subquery()
    ids = cases.order_by(None).with_only_columns(Case.id)
    heads = session.execute(
        select(Case.ticket, Case.event_seq, Case.event_hash, last.c.seq, CaseEvent.hash)
        .outerjoin(last, last.c.case_id == Case.id)
        .outerjoin(CaseEvent, (CaseEvent.case_id == Case.id) & (CaseEvent.seq == Case.event_seq))
        .where(Case.id.in_(ids))
        .order_by(Case.id)
        .execution_options(stream_results=True, yield_per=EXPORT_BATCH)
    )
    for ticket, head_seq, head_hash, last_seq, hash_at_head in heads:
        last_seq = last_seq or 0
        if ticket not in broken and (last_seq != head_seq or (head_seq and hash_at_head != head_hash)):
            reason = f"the history ends at event {last_seq} but the case's head is event {head_seq}"
            yield Break(ticket, min(last_seq, head_seq) + 1, reason)


def verify_all(session: Session, series: Iterable[str] = (), details_key: bytes | None = None) -> list[Break]:
    """Every chain, every chain's end against the head kept on its case (a cut-off tail shows), every case's
    record against its history (a complaint's reporter's words too, with ``details_key``), and every ticket of the
    registers ``series``."""
    return verify_chains(session, series=series, details_key=details_key).breaks


VERIFY_BY = "kawal audit verify"  # who a check made on the server is recorded as (the nightly timer's command)
RECORDED_BREAKS = 20
"""Breaks a recorded check keeps (its count is whole): what the console shows of a check it did not run."""


def record(
    session: Session, result: Verification, by: str, scope: dict, seconds: float, access: dict | None = None
) -> ChainCheck:
    """Keep a check that ran to its end (the caller commits): the nightly ``kawal audit verify`` reaches the
    auditor, who has no shell, through the console's list of the last checks. ``access`` is what
    engine.access_log.verify found of the access changes' chains and the exemption register's, where the check walked
    them too."""
    row = ChainCheck(
        finished_at=clock.now(),
        seconds=round(seconds, 1),
        by=by,
        scope={key: value for key, value in scope.items() if value},
        checked_cases=result.checked_cases,
        checked_events=result.checked_events,
        breaks_total=result.total,
        breaks=[{"ticket": b.ticket, "seq": b.seq, "reason": b.reason} for b in result.breaks[:RECORDED_BREAKS]],
        access=None if access is None else {kind: _chain_found(state) for kind, state in access.items()},
    )
    session.add(row)
    return row


def _chain_found(state) -> dict:
    """What a check found of one access chain, as the console lists it; the exemption register's entries not as their
    chain holds them (``entries``: number and reason, the first ``RECORDED_BREAKS``) only when there are some."""
    found = {"records": state.records, "broken_at": state.broken_at}
    if state.entries:
        found["entries"] = [[told.entry, told.reason] for told in state.entries[:RECORDED_BREAKS]]
        found["entries_total"] = len(state.entries)
    return found


def recent_checks(session: Session, count: int = 5) -> list[ChainCheck]:
    return list(session.scalars(select(ChainCheck).order_by(ChainCheck.finished_at.desc()).limit(count)))


EXPORT_BY = "kawal audit export"  # who an export written on the server is recorded as (no officer logs in there)


def record_read(
    session: Session, by: str, action: str, channel: str, scope: dict | None = None, fmt: str | None = None
) -> AuditRead:
    """Keep an auditor's read of the history (the caller commits): an ``export`` of a period, a process or a case
    (``scope``: "from" and "to" as office days, "process", "ticket"; the values chosen only), an ``anchor``
    downloaded or an ``anchor_check``, from the ``api``, the ``console`` or the ``cli``. Who read what, as the
    access changes keep who changed what: the console lists them beside the checks. Never personal data."""
    row = AuditRead(
        at=clock.now(),
        by=by,
        action=action,
        channel=channel,
        scope={key: str(value) for key, value in (scope or {}).items() if value},
        format=fmt,
    )
    session.add(row)
    return row


def recent_reads(session: Session, count: int = 10) -> list[AuditRead]:
    return list(session.scalars(select(AuditRead).order_by(AuditRead.at.desc(), AuditRead.id.desc()).limit(count)))
