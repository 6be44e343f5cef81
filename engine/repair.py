"""One-off repairs of cases that an earlier fault left in a state today's code never produces (``kawal repair``).

Stuck end joins. A written notice dated within its deadline but recorded after the deadline's timer had fired withdrew
the superior's escalation (engine.lateness, ``deadline_met_by_dispatch``); a (sub)process whose other branches had
all ended then waited at its end join for good, as SpiffWorkflow looks at a waiting join only when a branch arrives
and a withdrawn one never does. A request so left never went on to wait for an objection: an objection granted later
only logged its news, and no delivery reopened. Since commit 789bf38 the run that withdraws the escalation releases
the join of the timer's (sub)process; the cases withdrawn before it are found here, by the same two facts (a deadline
met by its notice's date whose timer's (sub)process waits at an end join that waits for nothing), and repaired the
same way (``CaseRun.release_joins``): the case runs on to its next wait and is synced, and a granted objection's order
that the request could not take up is carried out as every run's close carries it out (engine.run), so its delivery
reopens.

A repair is a verb: it changes one case, logs ``case_repaired`` naming the repair, and leaves the commit to the
caller (one transaction per case). A repaired case no longer waits at such a join, so a second pass finds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from SpiffWorkflow.exceptions import TaskNotFoundException
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import kinds, lateness, objection_orders
from engine.models import Case, CaseEvent
from engine.run import CaseRun, RunResult
from engine.runtime import Runtime

STUCK_END_JOIN = "stuck_end_join"  # the repair's name in its event (``case_repaired``)
REPAIRED = "case_repaired"
# The one change that withdraws an escalation (engine.lateness.record_dispatch): only its cases are looked at.
WITHDRAWN_BY = "deadline_met_by_dispatch"


@dataclass(frozen=True)
class Stuck:
    """A case waiting at an end join for an escalation withdrawn before 789bf38, and what its repair does."""

    case_id: int
    ticket: str
    kind: str
    status: str
    processes: tuple[str, ...]  # the (sub)processes waiting at their end join, by BPMN id
    deadlines: tuple[tuple[str, str], ...]  # (deadline, the notice's date) whose escalation was withdrawn
    orders: tuple[str, ...]  # objections granted meanwhile whose order the repair carries out (delivery reopens)


def stuck_cases(session: Session, rt: Runtime) -> list[Stuck]:
    """Every case stuck so, oldest first (a read: nothing changes)."""
    ids = session.scalars(
        select(CaseEvent.case_id).where(CaseEvent.type == WITHDRAWN_BY).distinct().order_by(CaseEvent.case_id)
    ).all()
    found = []
    for case_id in ids:
        case = session.get(Case, case_id)
        if case.workflow_state is not None:
            stuck, _joins = _find(session, case, rt.load(session, case))
            found += [stuck] if stuck is not None else []
    return found


def repair_stuck_case(session: Session, rt: Runtime, case: Case, actor: str) -> RunResult | None:
    """Release the stuck end joins of ``case`` and run it on, logged as ``case_repaired``; None when it has none
    (repaired already, or never stuck). The caller commits, then schedules the result's cases."""
    with CaseRun(session, rt, case, actor) as run:
        stuck, joins = _find(session, case, run.wf)
        if stuck is None:
            return None  # the block did nothing: closing saves nothing
        done = {
            "repair": STUCK_END_JOIN,
            "processes": list(stuck.processes),
            "deadlines": [name for name, _on in stuck.deadlines],
            "orders": list(stuck.orders),
        }
        run.log.append(case, REPAIRED, actor, done)
        run.release_joins(joins)
    return run.result


def _find(session: Session, case: Case, wf) -> tuple[Stuck | None, list]:
    """The end joins waiting for nothing in the (sub)process of a timer whose escalation a notice withdrew (its
    deadline met by the notice's date: ``_withdraw_escalation`` looks at exactly that process's joins), and the case
    described, or (None, []) when there are none."""
    withdrawals = list(
        session.scalars(
            select(CaseEvent.data)
            .where(CaseEvent.case_id == case.id, CaseEvent.type == WITHDRAWN_BY)
            .order_by(CaseEvent.seq)
        )
    )
    names = {data.get("deadline") for data in withdrawals}
    timers = []
    for deadline in case.deadlines:
        if deadline.name in names and deadline.status == "met":
            try:
                timers.append(wf.get_task_from_id(UUID(deadline.task_guid)))
            except (TaskNotFoundException, ValueError):
                continue
    processes = [timer.workflow for timer in timers if timer is not None]
    joins = [join for join in lateness.stuck_end_joins(wf) if any(join.workflow is p for p in processes)]
    if not joins:
        return None, []
    orders = ()
    if case.kind == kinds.REQUEST:  # waiting for an objection again, it takes up the orders it missed (engine.run)
        orders = tuple(order.objection for order in objection_orders.binding(session, case))
    stuck = Stuck(
        case.id,
        case.ticket,
        case.kind,
        case.status,
        tuple(dict.fromkeys(join.workflow.spec.name for join in joins)),
        tuple((data.get("deadline"), data.get("dispatched_on")) for data in withdrawals),
        orders,
    )
    return stuck, joins
