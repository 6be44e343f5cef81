"""Who read whose identity, for auditors: every officer's read of a personal identity recorded in the cases'
histories, across cases, newest first.

An auditor must answer "who read which reporter's or requester's identity, when, and under what authority" without
opening each case's history. The reads are already events of their case (engine.audit, hash-chained), so this
module only finds them; it records nothing and holds no copy:

- ``identity_read`` (engine.complaints.read_reporter): a complaint's reporter's identity, read by the complaint
  team. A whistleblower's (sealed) identity only under an approved reveal: the event names its request
  (``request_id``), whose ``RevealRequest`` row says who asked, who approved and when. A confidential (rahasia)
  reporter's identity is the complaint team's to read by their group (``REVEAL``, ``COMPLAINT_TEAM``).
- ``case_read`` of ``terlapor`` (engine.reported_party.note_read): the persons a complaint reports and its
  witnesses (``REPORTED_AND_WITNESSES``; a read recorded before witnesses were kept, without ``saksi``, the
  reported persons alone: ``REPORTED``), the complaint team's, whatever the reporter's mode.
- ``requester_data_copied`` (engine.requester_copy.copy): the PPID desk made the requester a copy of the personal
  data Kawal holds of them (UU 27/2022, the data subject's right of access).

The PPID desk reads a requester's name and contacts on the case page as its work (the law names them to the
office: legal-process.md), and that is not recorded read by read; nor is a proxy's. Only what the histories hold is
listed here.

Nothing personal: each read says the kind of identity (``REPORTER``, ``REPORTED``, ``REQUESTER``) and the
reporter's mode, never a name, a NIK or a contact; a reveal is named by its number, who asked and who decided, not
by its reason or note (free text, kept in the case's history for its readers).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from engine.models import Case, CaseEvent, RevealRequest, User

IDENTITY_READ = "identity_read"  # engine.complaints.read_reporter
CASE_READ, REPORTED_WHAT = "case_read", "terlapor"  # engine.reported_party.note_read
REQUESTER_COPIED = "requester_data_copied"  # engine.requester_copy.COPIED

REPORTER, REPORTED, REQUESTER = "reporter", "reported", "requester"  # whose identity was read
REPORTED_AND_WITNESSES = "reported_and_witnesses"  # a read of the reported persons with the witnesses
# Under what authority: an approved reveal of a sealed identity; the complaint team's own group; the requester's
# right to a copy of their data.
REVEAL, COMPLAINT_TEAM, RIGHT_OF_ACCESS = "reveal", "complaint_team", "right_of_access"

PAGE_SIZE = 50  # reads a page lists (the console's and the API's default)
BATCH = 1000  # rows fetched at a time for a whole selection (the CSV)


@dataclass(frozen=True)
class Filters:
    """What the auditor chose: a period [start, end), one officer (username), one case (ticket); None: any."""

    start: datetime | None = None
    end: datetime | None = None
    officer: str | None = None
    ticket: str | None = None


@dataclass(frozen=True)
class Reveal:
    """The reveal a whistleblower's identity was read under: its request, who asked and who decided."""

    id: int
    status: str
    requested_by: str
    requested_by_name: str
    requested_at: datetime
    decided_by: str | None
    decided_by_name: str | None
    decided_at: datetime | None


@dataclass(frozen=True)
class IdentityRead:
    event_id: int
    at: datetime
    officer: str  # the username the history records
    officer_name: str  # their display name now (the username where no account holds it)
    ticket: str
    process: str  # engine.kinds
    identity: str  # REPORTER, REPORTED, REPORTED_AND_WITNESSES or REQUESTER
    reporter_mode: str | None  # a reporter's read: rahasia or whistleblower (the event's, else the case's)
    authority: str  # REVEAL, COMPLAINT_TEAM or RIGHT_OF_ACCESS
    reveal: Reveal | None


def _is_identity_read():
    what = CaseEvent.data["what"].as_string()
    return or_(
        CaseEvent.type.in_((IDENTITY_READ, REQUESTER_COPIED)),
        and_(CaseEvent.type == CASE_READ, what == REPORTED_WHAT),
    )


def _selected(query: Select, filters: Filters) -> Select:
    query = query.where(_is_identity_read())
    if filters.start is not None:
        query = query.where(CaseEvent.at >= filters.start)
    if filters.end is not None:
        query = query.where(CaseEvent.at < filters.end)
    if filters.officer is not None:
        query = query.where(CaseEvent.actor == filters.officer)
    if filters.ticket is not None:
        query = query.where(Case.ticket == filters.ticket)
    return query


def count(session: Session, filters: Filters) -> int:
    query = select(func.count()).select_from(CaseEvent).join(Case, Case.id == CaseEvent.case_id)
    return int(session.scalar(_selected(query, filters)))


def _rows(filters: Filters) -> Select:
    query = (
        select(
            CaseEvent.id,
            CaseEvent.at,
            CaseEvent.actor,
            CaseEvent.type,
            CaseEvent.data,
            Case.ticket,
            Case.kind,
            Case.reporter_mode,
            User.display_name,
        )
        .join(Case, Case.id == CaseEvent.case_id)
        .outerjoin(User, User.username == CaseEvent.actor)
    )
    return _selected(query, filters).order_by(CaseEvent.at.desc(), CaseEvent.id.desc())


def page(session: Session, filters: Filters, number: int = 1, size: int = PAGE_SIZE) -> list[IdentityRead]:
    """The reads of page ``number`` (from 1), ``size`` a page, newest first."""
    found = session.execute(_rows(filters).offset((number - 1) * size).limit(size)).all()
    return _reads(session, found)


def every(session: Session, filters: Filters) -> Iterator[IdentityRead]:
    """Every read of the selection, newest first, fetched ``BATCH`` at a time."""
    offset = 0
    while True:
        found = session.execute(_rows(filters).offset(offset).limit(BATCH)).all()
        yield from _reads(session, found)
        if len(found) < BATCH:
            return
        offset += BATCH


def officers(session: Session) -> list[tuple[str, str]]:
    """The officers who read an identity, as (username, display name), by name: the filter's choices."""
    query = (
        select(CaseEvent.actor, func.min(User.display_name))
        .outerjoin(User, User.username == CaseEvent.actor)
        .where(_is_identity_read())
        .group_by(CaseEvent.actor)
    )
    found = [(actor, name or actor) for actor, name in session.execute(query)]
    return sorted(found, key=lambda pair: (pair[1].casefold(), pair[0]))


def _reads(session: Session, found) -> list[IdentityRead]:
    request_ids = {
        int(row.data["request_id"])
        for row in found
        if row.type == IDENTITY_READ and isinstance((row.data or {}).get("request_id"), int)
    }
    reveals = _reveals(session, request_ids)
    return [_read(row, reveals) for row in found]


def _read(row, reveals: dict[int, Reveal]) -> IdentityRead:
    data = row.data or {}
    reveal = None
    if row.type == IDENTITY_READ:
        identity, mode = REPORTER, data.get("mode") or row.reporter_mode
        reveal = reveals.get(data.get("request_id")) if isinstance(data.get("request_id"), int) else None
        authority = REVEAL if reveal is not None else COMPLAINT_TEAM
    elif row.type == REQUESTER_COPIED:
        identity, mode, authority = REQUESTER, None, RIGHT_OF_ACCESS
    else:  # engine.reported_party.note_read: with the witnesses once they were kept
        identity = REPORTED_AND_WITNESSES if data.get("saksi") is True else REPORTED
        mode, authority = None, COMPLAINT_TEAM
    return IdentityRead(
        event_id=row.id,
        at=row.at,
        officer=row.actor,
        officer_name=row.display_name or row.actor,
        ticket=row.ticket,
        process=row.kind,
        identity=identity,
        reporter_mode=mode,
        authority=authority,
        reveal=reveal,
    )


def _reveals(session: Session, ids: set[int]) -> dict[int, Reveal]:
    if not ids:
        return {}
    asker, decider = aliased(User), aliased(User)
    query = (
        select(RevealRequest, asker.username, asker.display_name, decider.username, decider.display_name)
        .join(asker, asker.id == RevealRequest.requested_by_id)
        .outerjoin(decider, decider.id == RevealRequest.decided_by_id)
        .where(RevealRequest.id.in_(ids))
    )
    return {
        row.id: Reveal(
            id=row.id,
            status=row.status,
            requested_by=asked,
            requested_by_name=asked_name,
            requested_at=row.requested_at,
            decided_by=decided,
            decided_by_name=decided_name,
            decided_at=row.decided_at,
        )
        for row, asked, asked_name, decided, decided_name in session.execute(query)
    }
