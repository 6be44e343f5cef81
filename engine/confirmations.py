"""A request sent by WhatsApp or social media ("medsos"), recorded by an officer, and its requester's confirmation.

legal-process.md §3.1: such a request is recorded and its requester asked to confirm it through a formal channel.
The confirmation is an event of the case (``request_confirmed``, with the channel it came by); nothing of the
process waits for it: the request's clock runs from its receipt, as a telephoned request's does, since the law
names no later start. The case page asks the desk to obtain it; the status page asks the requester.
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from engine import kinds
from engine.audit import EventLog
from engine.errors import Conflict, Invalid
from engine.messages import msg
from engine.models import Case, CaseEvent
from engine.run import touch

CHANNEL = "medsos"
# How the requester confirms: on the portal with the ticket and access code (their own act), or in writing or in
# person at the desk, recorded by an officer (RECORDED).
PORTAL = "web"
CHANNELS = (PORTAL, "email", "pos", "langsung")
RECORDED = tuple(via for via in CHANNELS if via != PORTAL)
REQUESTER = "pemohon"  # the actor of the requester's own acts (engine.intake.actor_name)


def asked(case: Case) -> bool:
    """Whether the case is a request recorded from WhatsApp or social media, whose requester is asked to confirm it."""
    return case.kind == kinds.REQUEST and case.channel == CHANNEL


def event(session: Session, case: Case) -> CaseEvent | None:
    """The event of the requester's confirmation of a request recorded from WhatsApp or social media, if any."""
    return session.scalar(
        select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.type == "request_confirmed").limit(1)
    )


def awaited(session: Session, case: Case) -> bool:
    """A request recorded from WhatsApp or social media, still open, that its requester has not confirmed."""
    return asked(case) and case.closed_at is None and event(session, case) is None


def awaited_among(session: Session, tickets: list[str]) -> set[str]:
    """Which of ``tickets`` (an inbox page's) are open requests from WhatsApp or social media still unconfirmed: one
    query, by the cases' keys."""
    if not tickets:
        return set()
    confirmed = exists().where(CaseEvent.case_id == Case.id, CaseEvent.type == "request_confirmed")
    return set(
        session.scalars(
            select(Case.ticket).where(
                Case.ticket.in_(set(tickets)),
                Case.kind == kinds.REQUEST,
                Case.channel == CHANNEL,
                Case.closed_at.is_(None),
                ~confirmed,
            )
        )
    )


def confirm(session: Session, case: Case, actor: str, via: str) -> dict:
    """Record that the requester confirmed a request recorded from WhatsApp or social media, and ``via`` which formal
    channel: the portal (the requester, ``actor`` REQUESTER, with the code) or what an officer received (RECORDED).
    Nothing of the process changes: the clock ran from the receipt all along; the record shows the request is the
    requester's."""
    if not asked(case):
        raise Conflict("not_awaiting_confirmation")
    if case.closed_at is not None:
        raise Conflict("case_closed")
    allowed = CHANNELS if actor == REQUESTER else RECORDED
    if via not in allowed:
        raise Invalid("invalid_data", fields={"via": [msg("one_of", choices=", ".join(allowed))]})
    if event(session, case) is not None:
        raise Conflict("already_confirmed")
    row = EventLog(session).append(case, "request_confirmed", actor, {"via": via})
    touch(case)
    session.flush()
    return row
