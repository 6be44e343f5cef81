"""State a module keeps for one transaction in ``session.info``, forgotten when the transaction ends.

Several modules note something in the session for the rest of its transaction: events appended and not yet
written (engine.audit), instances saved and kept if the commit succeeds (engine.instances), what an API
request's first query read besides the token (engine.stand_ins, engine.runtime). None of it may outlive the
transaction that read or made it: the next one may see what this one did not. A module names its key here
once; one pair of listeners drops every key named.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

_AT_END: set[str] = set()  # dropped when the outermost transaction ends (committed or rolled back)
_AT_ROLLBACK: set[str] = set()  # also dropped at a rollback that leaves the session open (a failed flush)


def per_transaction(key: str, *, rollback: bool = False) -> str:
    """Name ``key`` of ``session.info`` as this transaction's only (``rollback``: and undone by any rollback, as
    state describing work that rollback throws away). Returns the key."""
    _AT_END.add(key)
    if rollback:
        _AT_ROLLBACK.add(key)
    return key


@event.listens_for(Session, "after_soft_rollback")
def _drop_rolled_back(session: Session, _previous_transaction) -> None:
    for key in _AT_ROLLBACK:
        session.info.pop(key, None)


@event.listens_for(Session, "after_transaction_end")
def _drop_at_end(session: Session, transaction) -> None:
    if transaction.parent is None:  # the whole transaction ended; a commit's listeners have taken what they keep
        for key in _AT_END:
            session.info.pop(key, None)
