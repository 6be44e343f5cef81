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

Kawal's delivery is a moment fixed once and kept in the case's history: when the requester's own mail carrying the
letter is first recorded as sent (``notifications.delivery``), ``record_mailed`` appends ``notice_mailed`` with that
moment (the outbox row's ``sent_at``), and ``delivered_by_kawal`` reads it back from there, never from the outbox: a
sender's claim, a retry or a claim put back moves nothing, and the audit chain alone says where the window starts.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access, clock
from engine.audit import EventLog
from engine.errors import Conflict, Invalid
from engine.messages import msg
from engine.models import Case, CaseEvent, Notification, User
from engine.outbox import PROXY_COPY
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
MAILED = "notice_mailed"  # the event that fixes the moment Kawal's own mail carrying the letter was sent


def last_notice(session: Session, case: Case) -> dict | None:
    """The case's latest window-opening letter: {task, dispatched_on, via, delivered_on (or None), recorded_at (when
    the desk recorded the sending in Kawal), mailed_at (when Kawal's own mail carrying it was first sent, if it was:
    ``record_mailed``)}."""
    tasks = WINDOW_NOTICES.get(case.kind, ())
    found = None
    for event_type, data, at in session.execute(
        select(CaseEvent.type, CaseEvent.data, CaseEvent.at)
        .where(CaseEvent.case_id == case.id, CaseEvent.type.in_(("notice_dispatched", "notice_delivered", MAILED)))
        .order_by(CaseEvent.seq)
    ):
        if data.get("task") not in tasks:
            continue
        if event_type == "notice_dispatched":
            found = {**data, "recorded_at": at}
        elif found is None or found["task"] != data["task"]:
            continue
        elif event_type == MAILED:
            found.setdefault("mailed_at", data["mailed_at"])  # the first sending: a later one never moves it
        else:
            found["delivered_on"] = data["delivered_on"]
    return found


def delivered_by_kawal(session: Session, case: Case, notice: dict) -> datetime | None:
    """When Kawal itself delivered a letter sent by e-mail or on the portal (``KAWAL_DELIVERS``): the moment the desk
    recorded its sending (the portal shows it then), or the later moment Kawal's e-mail carrying it was first sent,
    as the case's history fixed it (``record_mailed``). None for a letter handed over or posted: the desk's record is
    its receipt.

    While the mail is not sent yet (waiting, taken by a sender, failing, or an incident) it counts from the desk's
    record, the latest moment that is certain to hold: any later reading (now, a sender's claim) would move back when
    the sending fails or is put back, and the requester must never be told an end that later moves earlier. Once sent,
    the start moves once, later, to the mail's moment: the end shown only grows, and the mail itself, which states the
    window as read while it is being sent, never says a day later than the one that holds."""
    if notice.get("via") not in KAWAL_DELIVERS or notice.get("recorded_at") is None:
        return None
    recorded = notice["recorded_at"]
    mailed = notice.get("mailed_at")
    return max(recorded, datetime.fromisoformat(mailed)) if mailed else recorded


def record_mailed(session: Session, row: Notification) -> bool:
    """Fix, once, the moment the requester's own mail carrying their window-opening letter was sent: a
    ``notice_mailed`` event with the row's ``sent_at``, when the row is that mail (the letter's message, by e-mail, to
    the requester themselves, written after the desk recorded the sending by e-mail or portal) and the letter has no
    such moment yet. Returns whether it appended one; the caller commits."""
    if row.status != "sent" or row.sent_at is None or row.case_id is None or not row.to_requester:
        return False
    if row.channel != "smtp" or PROXY_COPY in row.context:
        return False
    case = session.get(Case, row.case_id)
    if case is None or row.event != WINDOW_MAILS.get(case.kind):
        return False
    notice = last_notice(session, case)
    if notice is None or notice.get("via") not in KAWAL_DELIVERS or "mailed_at" in notice:
        return False
    if row.created_at < notice["recorded_at"]:  # a mail of an earlier letter
        return False
    data = {"task": notice["task"], "mailed_at": row.sent_at.isoformat(), "notification": row.id}
    EventLog(session).append(case, MAILED, "system", data)
    session.flush()
    return True


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
