"""Open cases no officer holds a task in: waiting for the requester, the reporter, the Commission or a court.

The inbox lists tasks, so a case with none open is in nobody's list while it waits: a complaint whose reporter was
asked for evidence (their window running), a dispute between two of the Commission's hearings or before a court.
(A request the requester has to complete is not one: the desk holds the task of receiving what they bring.) The
office still answers for them (a hearing to attend, an event to record on the case page), and spiff-arena's users
asked for the same list (spiff-arena#865, "Waiting For"). This is it: the open cases the reader may see
(``access.cases_visible_to``) with no open task, the one whose next clock falls due first at the top, each with its
running clocks. ``engine.sync`` dates each such case (``Case.awaiting_since``, kept in the run's own update of the
case, indexed for these cases alone), so the list never walks the open cases that have a task: at 100,000 open
tasks it reads the waiting ones only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from engine import access, sync
from engine.models import Case, Deadline, User
from engine.runtime import Runtime

SHOWN = 100  # the page lists the first hundred; the count says how many wait in all


@dataclass(frozen=True)
class Waiting:
    case: Case
    clocks: list[Deadline]  # its running clocks, the next due first
    events: list[str]  # what it waits to hear from outside that the reader records (by message name)


def waiting(session: Session, user: User) -> tuple[int, list[Waiting]]:
    """How many open cases ``user`` may see wait with no open task, and the first ``SHOWN`` of them."""
    # The waiting cases by their own index first: SQLite, never ANALYZEd, would otherwise walk a process's cases by
    # kind (a complaint team's tens of thousands) to find this handful.
    awaiting = aliased(Case)
    ids = select(awaiting.id).where(awaiting.awaiting_since.is_not(None))
    query = access.cases_visible_to(user, select(Case)).where(Case.id.in_(ids))
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    if not total:
        return 0, []
    next_due = (
        select(func.min(Deadline.due_at))
        .where(Deadline.case_id == Case.id, Deadline.status == "pending")
        .correlate(Case)
        .scalar_subquery()
    )
    ordered = query.order_by(next_due.is_(None), next_due, Case.awaiting_since, Case.id)
    cases = session.scalars(ordered.limit(SHOWN)).all()
    clocks: dict[int, list[Deadline]] = {case.id: [] for case in cases}
    pending = select(Deadline).where(Deadline.case_id.in_(clocks), Deadline.status == "pending")
    for deadline in session.scalars(pending.order_by(Deadline.due_at, Deadline.id)):
        clocks[deadline.case_id].append(deadline)
    lanes = access.supervised_lanes(user)  # who records an event: casework.awaited_messages's rule
    return total, [Waiting(case, clocks[case.id], _recorded_by(case, lanes)) for case in cases]


def _recorded_by(case: Case, lanes: frozenset[str]) -> list[str]:
    return [e["name"] for e in case.awaiting_events or () if e["lane"] is None or e["lane"] in lanes]


def note_awaited_events(session: Session, rt: Runtime) -> int:
    """What the cases waiting since before ``Case.awaiting_events`` was kept (migration 0044) wait to hear, read from
    each one's instance as its next run would write it (``kawal db upgrade``); returns how many were read. A case
    waiting for nothing an officer records is read again by the next upgrade: there are few."""
    unknown = select(Case).where(Case.awaiting_since.is_not(None), Case.awaiting_events.is_(None))
    count = 0
    for case in session.scalars(unknown).all():
        if case.workflow_state is None:
            continue
        case.awaiting_events = sync.awaited_events(rt.load(session, case).get_tasks())
        count += 1
    session.flush()
    return count
