"""Firing due timers: find cases whose deadline has come (an indexed query) and run them.

The database is the source of truth for what is due; each case runs in its own transaction, so one
failing case does not hold back the others and a second sweep at the same time only finds work
that the first has not finished (a case run twice is refused by its version column, harmlessly).
"""

import logging
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from engine import clock, operations
from engine.models import Case, Deadline
from engine.runtime import Runtime

log = logging.getLogger(__name__)
BATCH = 500  # cases per sweep; the next sweep takes the rest


@dataclass
class Sweep:
    fired: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def due_case_ids(session: Session, limit: int = BATCH) -> list[int]:
    return list(
        session.scalars(
            select(Deadline.case_id)
            .where(Deadline.status == "pending", Deadline.due_at <= clock.now())
            .group_by(Deadline.case_id)
            .order_by(Deadline.case_id)
            .limit(limit)
        )
    )


def fire_due(sessions: sessionmaker, rt: Runtime, limit: int = BATCH) -> Sweep:
    sweep = Sweep()
    with sessions() as session:
        case_ids = due_case_ids(session, limit)
    for case_id in case_ids:
        with sessions() as session:
            case = session.get(Case, case_id)
            try:
                operations.run_case(session, rt, case)
                session.commit()
                sweep.fired.append(case.ticket)
            except (StaleDataError, IntegrityError, OperationalError):
                session.rollback()  # another run of the same case got there first
                sweep.conflicts.append(case.ticket)
            except Exception:
                session.rollback()
                log.exception("firing the timers of case %s failed", case.ticket)
                sweep.failed.append(case.ticket)
    return sweep
