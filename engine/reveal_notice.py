"""A whistleblower is told that their identity was made known to an officer (legal-process.md §7.3).

Kemenag's Whistleblowing System (KMA 765/2018, as its pages state it) gives the reporter the confidentiality of their
identity and information on the progress of their report. A sealed identity opens only through the two-person
reveal (engine.complaints: a handler's reasoned request, approved by another WBS manager who passed the second
factor); when the handler reads it under that approval, an officer knows it, and its reporter is told so: that it
was made known to an authorised officer for the handling of their report, and on which day; never by whom nor why
(the reason is the team's, and may concern others). Once per approved reveal (the reveal is the message's cause),
by e-mail only: a whistleblower's report is never told by text message (a phone's screen shows it to whoever holds
it), and a reporter who gave no e-mail address is sent nothing (notifications.delivery skips the row).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine import clock
from engine.models import Case, RevealRequest
from engine.outbox import Outbox
from engine.runtime import Runtime

EVENT = "identity_revealed"
CHANNELS = ("log", "smtp")  # e-mail (and the development log), never the text-message gateway
PORTAL_HINT = "complaint"  # notifications.wording.HINTS: where the reporter reads the team's messages


def tell_reporter_revealed(session: Session, rt: Runtime, case: Case, grant: RevealRequest) -> None:
    """Write the reporter's message that their identity was read under ``grant`` today (told once per grant)."""
    today = clock.now().astimezone(rt.calendars["strict"].tz).date()
    context = {"deadline": None, "revealed_on": today.isoformat(), "portal_hint": PORTAL_HINT}
    outbox = Outbox(session, rt.settings.notify_channels)
    outbox.to_requester(case, EVENT, f"reveal{grant.id}", context, only=CHANNELS)
    outbox.write()
