"""When the requester received a notice: the day their window starts (issue 13, point 8).

The objection window runs from when the requester received the written notice (UU 14/2008 Pasal
36(1): "setelah ditemukannya alasan"), the dispute window from when they received the superior's
written response (Pasal 37(2): "sejak diterimanya tanggapan tertulis"). A notice handed over, put on
the portal or e-mailed is received the day it is sent (UU ITE Pasal 8 for e-mail); one sent by post
or courier is received when the delivery receipt says, which an officer records here when it comes
back. Until then the window is shown with its earliest possible end, counted from the dispatch date.

A letter recorded as sent by e-mail or on the portal is one Kawal itself delivers: it puts it on the requester's
status page and e-mails it (or its link) the moment the desk records the sending, whatever day the desk names. The
day named stays the office's record (it meets the office's own deadline, engine.lateness, and it is the earliest
reading of the requester's receipt, which the office may argue before the Commission); on the reading that ends
latest, the one the requester is told (legal-process.md §2.2), they received it no earlier than Kawal's own delivery
(``delivered_by_kawal``): a sending recorded weeks late never tells the requester, in the very mail that brings the
letter, that their time ended before it came. A letter handed over in person or sent by post reached them when the
desk records, whatever copy Kawal e-mails besides.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine import access, clock
from engine.audit import EventLog
from engine.errors import Conflict, Invalid
from engine.messages import msg
from engine.models import Case, CaseEvent, Notification, User
from engine.run import touch

# The letters whose receipt starts a requester's window, per kind of case.
WINDOW_NOTICES = {
    "permohonan_informasi": ("pemberitahuan_tertulis", "pemberitahuan_tidak_lengkap"),
    "keberatan": ("kirim_tanggapan",),
}
# The message by which Kawal e-mails such a letter to the requester (engine.notices), per kind of case.
WINDOW_MAILS = {"permohonan_informasi": "decision_notice", "keberatan": "objection_response"}
# Ways of sending by which Kawal itself delivers the letter: its own e-mail and its portal's status page.
KAWAL_DELIVERS = frozenset({"email", "web"})


def last_notice(session: Session, case: Case) -> dict | None:
    """The case's latest window-opening letter: {task, dispatched_on, via, delivered_on (or None), recorded_at (when
    the desk recorded the sending in Kawal)}."""
    tasks = WINDOW_NOTICES.get(case.kind, ())
    found = None
    for event_type, data, at in session.execute(
        select(CaseEvent.type, CaseEvent.data, CaseEvent.at)
        .where(CaseEvent.case_id == case.id, CaseEvent.type.in_(("notice_dispatched", "notice_delivered")))
        .order_by(CaseEvent.seq)
    ):
        if data.get("task") not in tasks:
            continue
        if event_type == "notice_dispatched":
            found = {**data, "recorded_at": at}
        elif found is not None and found["task"] == data["task"]:
            found["delivered_on"] = data["delivered_on"]
    return found


def delivered_by_kawal(session: Session, case: Case, notice: dict) -> datetime | None:
    """When Kawal itself delivered a letter sent by e-mail or on the portal (``KAWAL_DELIVERS``): the moment the desk
    recorded its sending, or the later moment Kawal's e-mail carrying it went out (a sender that took it late: the
    mail is being sent, or was). None for a letter handed over or posted: the desk's record is its receipt."""
    if notice.get("via") not in KAWAL_DELIVERS or notice.get("recorded_at") is None:
        return None
    recorded = notice["recorded_at"]
    mailed = session.scalar(
        select(func.max(Notification.claimed_at)).where(
            Notification.case_id == case.id,
            Notification.event == WINDOW_MAILS.get(case.kind),
            Notification.to_requester.is_(True),
            Notification.channel == "smtp",
            Notification.status.in_(("sending", "sent")),
            Notification.created_at >= recorded,
        )
    )
    return max(recorded, mailed) if mailed is not None else recorded


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
