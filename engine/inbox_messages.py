"""The requesters' messages the desk has not answered yet, beside the inbox's tasks and on a task's page.

A requester writes to the desk from the portal (engine.requester_messages); the message is no task of the case's
process, and the mail that tells the officers of it reaches only those with an e-mail address. So the inbox lists
every message no one has answered yet (``waiting``, its own box above the tasks, as the requesters' corrections
are), marks a task of a case that holds one (``cases_waiting``), and a task's page shows its case's (``open_on``).
Each is for the readers of the messages alone (engine.requester_messages.can_read: the PPID's staff who read the
requester's identity, never a unit referred the case); each list is one statement, however many rows it has. A
line of the box says the ticket and when the requester wrote, never the words, which are read on the case page
and answered there.
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from engine import access, requester_messages
from engine.models import Case, CaseMessage, User

LISTED = 100  # messages the box lists, the longest waiting first; it says when more wait
_ANSWER = aliased(CaseMessage, name="answer")  # one alias: the statement's cache key stays the same


def _unanswered():
    """The requesters' messages without an answer from the desk (a clause over ``CaseMessage``)."""
    answered = exists().where(
        _ANSWER.reply_to_id == CaseMessage.id,
        _ANSWER.direction == "to_reporter",
        _ANSWER.kind == requester_messages.REPLY_KIND,
    )
    return (
        (CaseMessage.direction == "from_reporter") & (CaseMessage.kind == requester_messages.MESSAGE_KIND) & ~answered
    )


def _reads_them(user: User) -> bool:
    """Whether ``user`` reads requesters' messages on some case (``requester_messages.can_read``)."""
    return access.can_read_identity(user)


def waiting(session: Session, user: User) -> tuple[list[dict], bool]:
    """The messages no one has answered yet that ``user`` may read and answer, the longest waiting first (at most
    ``LISTED``; and whether more wait): the message's id, its case's ticket and kind, when it was written."""
    if not _reads_them(user):
        return [], False
    query = access.cases_visible_to(
        user,
        select(CaseMessage.id, Case.ticket, Case.kind, CaseMessage.created_at)
        .select_from(CaseMessage)
        .join(Case, Case.id == CaseMessage.case_id)
        .where(_unanswered(), Case.kind.in_(requester_messages.KINDS)),
    )
    rows = session.execute(query.order_by(CaseMessage.created_at, CaseMessage.id).limit(LISTED + 1)).all()
    return [
        {"id": id_, "ticket": ticket, "kind": kind, "created_at": created_at}
        for id_, ticket, kind, created_at in rows[:LISTED]
    ], len(rows) > LISTED


def cases_waiting(session: Session, user: User, case_ids: list[int]) -> dict[int, int]:
    """How many unanswered messages each of these cases holds (a case with none is absent), for a reader of them:
    the inbox's mark on a task's row, in one statement for the page."""
    if not case_ids or not _reads_them(user):
        return {}
    counted: dict[int, int] = {}
    query = (
        select(CaseMessage.case_id)
        .join(Case, Case.id == CaseMessage.case_id)
        .where(CaseMessage.case_id.in_(sorted(set(case_ids))), _unanswered(), Case.kind.in_(requester_messages.KINDS))
    )
    for case_id in session.scalars(access.cases_visible_to(user, query)):
        counted[case_id] = counted.get(case_id, 0) + 1
    return counted


def open_on(session: Session, user: User, case: Case) -> list[dict]:
    """The messages of ``case`` no one has answered yet, oldest first, with their words (id, when, the words), for
    a reader of them (none for anyone else): a task's page shows them."""
    if not requester_messages.can_read(user, case):
        return []
    rows = session.execute(
        select(CaseMessage.id, CaseMessage.created_at, CaseMessage.body)
        .where(CaseMessage.case_id == case.id, _unanswered())
        .order_by(CaseMessage.id)
    )
    return [{"id": id_, "created_at": created_at, "body": body} for id_, created_at, body in rows]
