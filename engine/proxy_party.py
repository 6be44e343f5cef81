"""Where a case keeps the party of the proxy acting for its requester (engine.proxy_data), for the modules that
engine.proxy_data itself needs (engine.outbox copies the proxy on the requester's messages about letters)."""

from __future__ import annotations

from engine import kinds
from engine.models import Case

PARTY_KEY = "kuasa_party_id"


def party_id(case: Case) -> int | None:
    """The proxy's party, when the case was filed by one (never a complaint's: its reporter files in person)."""
    return (case.details or {}).get(PARTY_KEY) if case.kind != kinds.COMPLAINT else None
