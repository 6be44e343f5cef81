"""Where a case keeps the party of the proxy acting for its requester (engine.proxy_data), for the modules that
engine.proxy_data itself needs (engine.outbox copies the proxy on the requester's messages about letters), and how
a proxy's party is stored: sealed in the vault, blind-indexed by name (engine.blind_index) and linked to its case
(``CaseProxy``), so an officer finds every case a proxy filed or acted in by the proxy's name."""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine import blind_index, kinds
from engine.models import Case, CaseProxy, Party
from engine.runtime import Runtime

PARTY_KEY = "kuasa_party_id"
ROLE = blind_index.PROXY_PARTY


def party_id(case: Case) -> int | None:
    """The proxy's party, when the case was filed by one (never a complaint's: its reporter files in person)."""
    return (case.details or {}).get(PARTY_KEY) if case.kind != kinds.COMPLAINT else None


def store(session: Session, rt: Runtime, identity: dict) -> Party:
    """A proxy's identity into the vault, with its blind index; ``link`` it to its case once the case exists."""
    party = rt.vault.store(session, ROLE, identity)
    key = blind_index.search_key(rt.settings)
    blind_index.index_party(session, key, party, identity, new=True, role=blind_index.PROXY)
    return party


def link(session: Session, case: Case, party: Party | None) -> None:
    """Record that ``party`` is (or was) a proxy of ``case``: kept when their power of attorney ends."""
    if party is not None:
        session.add(CaseProxy(case_id=case.id, party_id=party.id))
