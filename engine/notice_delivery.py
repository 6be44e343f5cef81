"""When the requester received a notice: the day their window starts (issue 13, point 8).

The objection window runs from when the requester received the written notice (UU 14/2008 Pasal
36(1): "setelah ditemukannya alasan"), the dispute window from when they received the superior's
written response (Pasal 37(2): "sejak diterimanya tanggapan tertulis"). A notice handed over, put on
the portal or e-mailed is received the day it is sent (UU ITE Pasal 8 for e-mail); one sent by post
or courier is received when the delivery receipt says, which an officer records here when it comes
back. Until then the window is shown with its earliest possible end, counted from the dispatch date.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access, clock
from engine.audit import EventLog
from engine.errors import Conflict, Invalid
from engine.messages import msg
from engine.models import Case, CaseEvent, User
from engine.run import touch

# The letters whose receipt starts a requester's window, per kind of case.
WINDOW_NOTICES = {
    "permohonan_informasi": ("pemberitahuan_tertulis", "pemberitahuan_tidak_lengkap"),
    "keberatan": ("kirim_tanggapan",),
}


def last_notice(session: Session, case: Case) -> dict | None:
    """The case's latest window-opening letter: {task, dispatched_on, via, delivered_on (or None)}."""
    tasks = WINDOW_NOTICES.get(case.kind, ())
    found = None
    for event_type, data in session.execute(
        select(CaseEvent.type, CaseEvent.data)
        .where(CaseEvent.case_id == case.id, CaseEvent.type.in_(("notice_dispatched", "notice_delivered")))
        .order_by(CaseEvent.seq)
    ):
        if data.get("task") not in tasks:
            continue
        if event_type == "notice_dispatched":
            found = dict(data)
        elif found is not None and found["task"] == data["task"]:
            found["delivered_on"] = data["delivered_on"]
    return found


def record_delivery(session: Session, rt, user: User, case: Case, delivered_on: date) -> dict:
    """An officer records when the requester received the case's latest notice (e.g. the post's receipt)."""
    access.require_front_desk(user)
    notice = last_notice(session, case)
    if notice is None:
        raise Conflict("notice_not_sent")
    tz = rt.calendars["strict"].tz
    sent = date.fromisoformat(notice["dispatched_on"])
    today = clock.now().astimezone(tz).date()
    if not isinstance(delivered_on, date) or not sent <= delivered_on <= today:
        raise Invalid("receipt_date_invalid", fields={"diterima_pada": [msg("between_and_today", first=sent)]})
    data = {"task": notice["task"], "delivered_on": delivered_on.isoformat()}
    EventLog(session).append(case, "notice_delivered", user.username, data)
    touch(case)  # bumps the version: concurrent work on this case now conflicts
    session.flush()
    return {**notice, **data}
