"""The identity reveals waiting for a WBS manager's decision: their queue beside the inbox's tasks.

A reveal request (``RevealRequest``) is no task of the complaint's process: a handler asks to open a
whistleblower's sealed identity, with a reason (engine.complaints.request_reveal), and another WBS manager
approves or refuses it on the case page (engine.complaints.decide_reveal). The queue of a reader holds the
requests they may decide: still pending, of a complaint the reader may see (access.cases_visible_to: a complaint
team sees its own unit's), asked by someone else (the one who asked never decides their own). Anyone but a WBS
manager has none. A line says the ticket, when and who asked; never the reason, which is read on the case page,
where reading it is recorded, nor anything of the reporter.
"""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from engine import access
from engine.errors import Forbidden
from engine.models import Case, RevealRequest, User


def _decidable(user: User, query: Select) -> Select | None:
    """``query`` narrowed to the pending requests ``user`` may decide; None when they may decide none."""
    try:
        access.require_wbs_manager(user)  # the rule of decide_reveal, not a copy of it
    except Forbidden:
        return None
    query = query.join(Case, Case.id == RevealRequest.case_id).where(
        RevealRequest.status == "pending", RevealRequest.requested_by_id != user.id
    )
    return access.cases_visible_to(user, query)


def waiting(session: Session, user: User) -> list[dict]:
    """The reveals ``user`` may decide, the longest waiting first: id, ticket, when and by whom (username) asked."""
    query = _decidable(
        user,
        select(RevealRequest.id, Case.ticket, RevealRequest.requested_at, User.username)
        .select_from(RevealRequest)
        .join(User, User.id == RevealRequest.requested_by_id),
    )
    if query is None:
        return []
    rows = session.execute(query.order_by(RevealRequest.requested_at, RevealRequest.id))
    return [
        {"id": id_, "ticket": ticket, "requested_at": requested_at, "requested_by": username}
        for id_, ticket, requested_at, username in rows
    ]


def count(session: Session, user: User) -> int | None:
    """How many reveals wait for ``user``'s decision: the header's counter; None for anyone but a WBS manager."""
    query = _decidable(user, select(func.count()).select_from(RevealRequest))
    return None if query is None else session.scalar(query)
