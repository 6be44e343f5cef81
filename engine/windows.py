"""Windows that belong to someone else close nothing by themselves (issue 13, point 4; legal-process.md §2.2).

Mediation (M14, M21: Perki 1/2013 Pasal 41), the applicant's time to go to court against a Commission
decision (P14P: UU 14/2008 Pasal 48(1)) and to file for cassation (K14P: Pasal 50) belong to the
Commission, the court or the applicant. In the models they are information clocks on the lenient
calendar (the reading that ends latest): they remind and, when they lapse, show it; the stage moves
only when the Commission's or the court's message is recorded, or when an officer confirms that the
window has ended, which Kawal accepts only once its lenient end has passed. A catch event that is
such a confirmation names the window it waits for in its ``allowed_after`` property.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import clock
from engine.catalogs import N_
from engine.errors import Conflict
from engine.messages import Term
from engine.models import Case, Deadline

# Each window a confirmation waits for, as a refusal names it (never its code): English message ids the catalogs
# translate (errors.po), read by api.language as a ``Term``.
WINDOW_WORDS = {
    "M14": N_("the mediation period"),
    "M21": N_("the extended mediation period"),
    "P14P": N_("the applicant's time to go to court"),
    "K14P": N_("the applicant's time to file for cassation"),
    "BUKTI": N_("the reporter's time to supply data or evidence"),
}


def window_words(name: str) -> Term | str:
    """The window ``name`` in words each reader's catalog translates; an unknown one by its name."""
    return Term(WINDOW_WORDS[name]) if name in WINDOW_WORDS else name


def check_confirmation_allowed(session: Session, case: Case, props: dict, tz=None) -> None:
    """Refuse (409) an officer's confirmation that another party's window ended before its lenient end (named as
    the office's date in ``tz``)."""
    name = props.get("allowed_after")
    if not name:
        return
    row = session.scalar(
        select(Deadline).where(Deadline.case_id == case.id, Deadline.name == name).order_by(Deadline.id.desc()).limit(1)
    )
    # Its lenient end has passed when the clock says so, even before the timer that marks it lapsed has fired.
    if row is None:
        raise Conflict("window_not_open", name=window_words(name))
    if row.status == "pending" and row.due_at > clock.now():
        raise Conflict(
            "window_not_ended",
            name=window_words(name),
            due=row.due_at.astimezone(tz).date() if tz else row.due_at.date(),
        )
