"""A copy of the personal data Kawal holds of a PPID requester, for the desk to hand them (UU 27/2022, the right of
access): their identity as recorded with the case's chain, its cases, the letters and messages addressed to them,
and their requests to correct (engine.requester_data, engine.correction_requests). The copy is recorded in the
history (``COPIED``), never its content. Each request stores its own record of the requester, and the copy holds only
the chain's: joining other requests by the same NIK (the blind index could) would hand whoever filed with someone
else's NIK that person's addresses and phones. Only the PPID desk makes it (engine.requester_data.can_correct).
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import clock, kinds
from engine.audit import EventLog
from engine.models import Case, Letter, Notification, Party, RequesterCorrection, User
from engine.requester_data import desk_party
from engine.run import touch
from engine.runtime import Runtime

COPIED = "requester_data_copied"  # the desk gave the requester a copy of their data


def copy(session: Session, rt: Runtime, user: User, case: Case) -> dict:
    """What Kawal holds of the case's requester, for the desk to hand them (see the module's docstring)."""
    party = desk_party(session, user, case)
    parties = {party.id}  # the chain's record; another request's, even of the same NIK, is its own (see below)
    cases = session.scalars(
        select(Case)
        .where(Case.requester_party_id.in_(parties), Case.kind != kinds.COMPLAINT)
        .order_by(Case.received_at, Case.id)
    ).all()
    ids = [c.id for c in cases]
    tickets = {c.id: c.ticket for c in cases}
    records = []
    for party_id in sorted(parties):
        identity = rt.vault.read(session.get(Party, party_id))
        named = [c.ticket for c in cases if c.requester_party_id == party_id]
        records.append({"identity": identity, "cases": named})
    letters = session.scalars(
        select(Letter).where(Letter.case_id.in_(ids), Letter.to_requester.is_(True)).order_by(Letter.issued_at)
    ).all()
    messages = session.scalars(
        select(Notification)
        .where(Notification.case_id.in_(ids), Notification.to_requester.is_(True))
        .order_by(Notification.created_at)
    ).all()
    asked = session.scalars(
        select(RequesterCorrection).where(RequesterCorrection.party_id.in_(parties)).order_by(RequesterCorrection.id)
    ).all()
    touch(case)
    EventLog(session).append(case, COPIED, user.username, {"cases": len(cases)})
    session.flush()
    return {
        "made_at": clock.now(),
        "made_by": user.username,
        "basis": "UU 27/2022: hak subjek data pribadi untuk mengakses dan memperoleh salinan data pribadinya",
        "records": records,
        "cases": [
            {
                "ticket": c.ticket,
                "kind": c.kind,
                "requester_type": c.requester_type,
                "channel": c.channel,
                "received_at": c.received_at,
                "status": c.status,
                "closed_at": c.closed_at,
                "details": c.details,
            }
            for c in cases
        ],
        "letters": [
            {
                "ticket": tickets[x.case_id],
                "number": x.number,
                "kind": x.kind,
                "date": x.letter_date,
                "locale": x.locale,
            }
            for x in letters
        ],
        "messages": [
            {
                "ticket": tickets[m.case_id],
                "event": m.event,
                "channel": m.channel,
                "status": m.status,
                "created_at": m.created_at,
                "sent_at": m.sent_at,
            }
            for m in messages
        ],
        "correction_requests": [
            {"asked_at": r.asked_at, "status": r.status, "decided_at": r.decided_at, "refusal": r.refusal}
            for r in asked
        ],
    }


def copy_json(data: dict) -> bytes:
    """The copy as the JSON file the requester is handed (dates and instants in ISO 8601)."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=lambda v: v.isoformat()).encode()


def copy_file_name(case: Case) -> str:
    return f"data-pribadi-{case.ticket}.json"
