"""The other requests and objections a requester filed, found by their NIK: what the desk sees beside a case.

A desk officer checking a request wants to know whether the same person asked before: the same thing last month
(answered then, or still open), or many things this week. Each filing keeps its own record of the requester (a
party of its own, shared only by the filing's chain: its objection and dispute), so the filings are joined by the
NIK's blind-index token (engine.blind_index), never by decrypting every party.

- Only a reader of the requester's identity (``access.can_read_identity``: the request desk) sees the list, and
  only the cases they may read (``access.cases_visible_to``); a complaint's reporter is never indexed, so a
  complaint has none and is never listed.
- A requester without a 16-digit NIK on file (a legal entity, which gives its deed's number) is not matched:
  ``Filings.matched`` is False and the page says why.
- A NIK may have been typed wrong, or used by someone else: each filing is listed with the name it was filed
  under, so the officer sees when the names differ.
- Nothing is recorded: the list is a read of the cases it names, which the reader may open anyway; its tokens and
  NIK are never logged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from engine import access, blind_index, kinds
from engine.errors import Forbidden, NotFound
from engine.models import Case, Party, PartyToken, User
from engine.runtime import Runtime

SHOWN = 10  # the most recent filings listed; the count says how many there are in all


@dataclass(frozen=True)
class Filing:
    case: Case
    name: str  # the requester's name as that filing recorded it


@dataclass(frozen=True)
class Filings:
    matched: bool  # False: the requester has no NIK on file to match by
    total: int = 0
    items: list[Filing] = field(default_factory=list)


def other_filings(session: Session, rt: Runtime, user: User, case: Case, identity: dict | None) -> Filings | None:
    """The reader's view of the other filings by the NIK of ``identity`` (the case's requester, as read from the
    vault), the most recent first; None where the reader may not read the requester or the case names none."""
    query = _query(rt, user, case, identity)
    if query is None:
        return None
    if query is False:
        return Filings(matched=False)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    if not total:
        return Filings(matched=True)
    cases = session.scalars(query.order_by(Case.received_at.desc(), Case.id.desc()).limit(SHOWN)).all()
    parties = session.scalars(select(Party).where(Party.id.in_({c.requester_party_id for c in cases})))
    names = {p.id: str(rt.vault.read(p).get("name") or "") for p in parties}
    return Filings(True, total, [Filing(c, names.get(c.requester_party_id, "")) for c in cases])


def count(session: Session, rt: Runtime, user: User, case: Case, identity: dict | None) -> int:
    """How many other filings ``other_filings`` would list in all (0 where it lists none): for a task's page."""
    query = _query(rt, user, case, identity)
    if query is None or query is False:
        return 0
    return session.scalar(select(func.count()).select_from(query.subquery()))


def _query(rt: Runtime, user: User, case: Case, identity: dict | None) -> Select | bool | None:
    """The reader's other filings of the requester as a query; None: not for this reader or case; False: no NIK."""
    if identity is None or not access.can_read_identity(user, case) or case.requester_party_id is None:
        return None
    token = blind_index.nik_token(blind_index.search_key(rt.settings), identity)
    if token is None:
        return False
    return access.cases_visible_to(user, select(Case)).where(
        Case.requester_party_id.in_(select(PartyToken.party_id).where(PartyToken.token == token)),
        Case.requester_party_id != case.requester_party_id,  # the case's own chain shares its party
        Case.kind != kinds.COMPLAINT,
    )


def for_reader(session: Session, rt: Runtime, user: User, case: Case) -> Filings:
    """``other_filings`` of the case's requester as the API gives it: 404 for a case without one (a complaint), 403
    for a reader who may not read the requester."""
    if case.kind == kinds.COMPLAINT or case.requester_party_id is None:
        raise NotFound("no_requester")
    if not access.can_read_identity(user, case):
        raise Forbidden("desk_reads_requester")
    identity = rt.vault.read(session.get(Party, case.requester_party_id))
    return other_filings(session, rt, user, case, identity)
