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

A complaint whose reporter let the evidence window (BUKTI, 30 days) lapse waits for the team's confirmation that
nothing came (workflows/pengaduan.bpmn: the lapse closes nothing by itself; recording ``bukti_tidak_dikirim`` closes
it as Dianggap Dicabut, legal-process.md §7.4) and has no clock left. Such a case is one to confirm for whoever records
that confirmation (``Waiting.to_confirm``: the event and when the window ended; ``lapses``): it comes first, before
any clock, so that it is among the first ``SHOWN`` however many wait, and the list may be read for them alone (the
page's ``?perlu_konfirmasi=1``, the API's ``to_confirm=true``). The page and the API read it here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from engine import access, clock, sync, windows
from engine.models import Case, Deadline, User
from engine.runtime import Runtime

SHOWN = 100  # the page lists the first hundred; the count says how many wait in all

# The team's confirmation that the reporter sent no evidence (workflows/pengaduan.bpmn, allowed after BUKTI lapsed).
LAPSE_CONFIRMATION, LAPSE_WINDOW = "bukti_tidak_dikirim", "BUKTI"


@dataclass(frozen=True)
class ToConfirm:
    """A reporter's evidence window that ended: the reader records ``event`` to confirm that nothing came."""

    event: str
    ended_at: datetime  # when the window ended (its latest reading: the deadline's due time)

    def confirm_from(self, rt: Runtime) -> date:
        """The first day a confirmation may be recorded and dated: the window's last day is the reporter's until its
        end, so the day after it, in the office's time zone (engine.windows.confirm_from)."""
        return windows.confirm_from(self.ended_at, windows.office_zone(rt))


@dataclass(frozen=True)
class Waiting:
    case: Case
    clocks: list[Deadline]  # its running clocks, the next due first
    events: list[str]  # what it waits to hear from outside that the reader records (by message name)
    to_confirm: ToConfirm | None = None  # a lapse the reader must confirm (the module's docstring)


def waiting(session: Session, user: User, to_confirm: bool = False) -> tuple[int, list[Waiting]]:
    """How many open cases ``user`` may see wait with no open task, and the first ``SHOWN`` of them: those with a
    lapse the reader confirms first, then the one whose next clock falls due first. ``to_confirm``: those alone."""
    lapsed = lapses(session, user)
    # The waiting cases by their own index first: SQLite, never ANALYZEd, would otherwise walk a process's cases by
    # kind (a complaint team's tens of thousands) to find this handful.
    awaiting = aliased(Case)
    ids = select(awaiting.id).where(awaiting.awaiting_since.is_not(None))
    query = access.cases_visible_to(user, select(Case)).where(Case.id.in_(ids))
    if to_confirm:
        if not lapsed:
            return 0, []
        query = query.where(Case.id.in_(list(lapsed)))
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    if not total:
        return 0, []
    next_due = (
        select(func.min(Deadline.due_at))
        .where(Deadline.case_id == Case.id, Deadline.status == "pending")
        .correlate(Case)
        .scalar_subquery()
    )
    first = (Case.id.not_in(list(lapsed)),) if lapsed and not to_confirm else ()  # False sorts first
    ordered = query.order_by(*first, next_due.is_(None), next_due, Case.awaiting_since, Case.id)
    cases = session.scalars(ordered.limit(SHOWN)).all()
    clocks: dict[int, list[Deadline]] = {case.id: [] for case in cases}
    pending = select(Deadline).where(Deadline.case_id.in_(clocks), Deadline.status == "pending")
    for deadline in session.scalars(pending.order_by(Deadline.due_at, Deadline.id)):
        clocks[deadline.case_id].append(deadline)
    lanes = access.supervised_lanes(user)  # who records an event: casework.awaited_messages's rule
    return total, [
        Waiting(
            case,
            clocks[case.id],
            _recorded_by(case, lanes),
            ToConfirm(LAPSE_CONFIRMATION, lapsed[case.id]) if case.id in lapsed else None,
        )
        for case in cases
    ]


def lapses(session: Session, user: User) -> dict[int, datetime]:
    """The waiting complaints ``user`` may see whose reporter's evidence window has ended (lapsed, or due and not yet
    swept) and whose confirmation ``user`` records (the lane rule of ``_recorded_by``): their ids and the window's
    end. Few: the waiting cases with that window ended (the inbox tabs count them on every page)."""
    ended = or_(Deadline.status == "lapsed", (Deadline.status == "pending") & (Deadline.due_at <= clock.now()))
    query = (
        access.cases_visible_to(user, select(Case, Deadline.due_at))
        .join(Deadline, Deadline.case_id == Case.id)
        .where(Case.awaiting_since.is_not(None), Deadline.name == LAPSE_WINDOW, ended)
    )
    lanes = access.supervised_lanes(user)
    found: dict[int, datetime] = {}
    for case, due_at in session.execute(query.order_by(Deadline.id)).all():
        if LAPSE_CONFIRMATION in _recorded_by(case, lanes):
            found[case.id] = due_at  # the latest reading of the window, as the confirmation's page reads it
    return found


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
