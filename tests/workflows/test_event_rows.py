"""A case's events are written with its change and only with it (engine.audit: plain INSERTs after the flush)."""

from sqlalchemy import func, select

from engine.audit import EventLog, verify_all
from engine.models import Case, CaseEvent


def _events(office, ticket) -> list[str]:
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        return list(s.scalars(select(CaseEvent.type).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)))


def test_events_are_readable_in_their_transaction_and_kept_only_when_it_commits(office):
    ticket = office.submit()
    before = _events(office, ticket)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        EventLog(s).append(case, "note_added", "ppid", {"n": 1})
        count = select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case.id)
        assert s.scalar(count) == len(before) + 1  # written by the flush before the query
        s.rollback()
    assert _events(office, ticket) == before
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        log = EventLog(s)
        log.append(case, "note_added", "ppid", {"n": 2})
        s.flush()
        with s.begin_nested() as savepoint:
            log.append(case, "note_added", "ppid", {"n": 3})
            savepoint.rollback()
        s.refresh(case)  # the savepoint took the chain head back too
        log.append(case, "note_added", "ppid", {"n": 4})
    assert _events(office, ticket) == [*before, "note_added", "note_added"]
    with office.sessions() as s:
        assert verify_all(s) == []  # the chain is whole: n=2 then n=4, nothing of the savepoint
