"""The server's record of the portal forms that filed a case: one ``Submission`` row per filing.

Each rendering of a portal filing form carries a random 128-bit submission key (api/web/portal_repeats).
The web layer turns it into an HMAC under the app's secret; this module keeps that digest beside the
case it filed, in the filing's transaction, for ``WINDOW``. A form sent again with the same key (the
browser re-sends the same body when the first answer was lost) finds its case here instead of filing a
second one. The REST API never writes or reads these rows: it takes no submission key.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engine import clock
from engine.models import Case, Submission

WINDOW = timedelta(hours=24)
"""How long a sending again finds the case its key filed (and, for a case with its own access code,
can get a new code for it: holding the key is the proof, so the proof expires)."""


def record(session: Session, key_hash: str, case: Case) -> bool:
    """Keep the filing of ``case`` under ``key_hash``, and forget the filings past the window.

    False when another filing already holds the key (the same form sent twice at once, both before
    either answer arrived): the caller rolls its filing back and treats the POST as a repeat.
    """
    now = clock.now()
    session.execute(delete(Submission).where(Submission.created_at <= now - WINDOW))
    try:
        with session.begin_nested():
            session.add(Submission(key_hash=key_hash, case_id=case.id, created_at=now))
    except IntegrityError:
        return False
    return True


def forget(session: Session, tickets: list[str]) -> None:
    """Drop the record of the filings of these cases: a form sent again then files anew; the caller commits."""
    if tickets:
        session.execute(
            delete(Submission).where(Submission.case_id.in_(select(Case.id).where(Case.ticket.in_(tickets))))
        )


def filed_case(session: Session, key_hash: str) -> Case | None:
    """The case the key filed within the window, or None."""
    return session.scalar(
        select(Case)
        .join(Submission, Submission.case_id == Case.id)
        .where(Submission.key_hash == key_hash, Submission.created_at > clock.now() - WINDOW)
    )
