"""A requester writes to the desk from the portal: a question, a clarification, an answer to what the desk asked.

The portal's case page (ticket and access code, api.web.portal) offers it on an information request and an
objection. A complaint has its own two-way conversation with its team (engine.complaints.reporter_message); a
dispute is heard by the Information Commission, through which its parties speak, so neither is written to here.

A case takes a message while it is open, and once closed while the requester's route of appeal from it is still
open and unused: a request's time to object (O30) while no objection to it was filed, an objection's time to bring
a dispute (D14) while none was brought. After that nothing the desk does on it can follow; the linked case filed,
if any, takes the messages.

The text is the requester's own words, and may hold their personal data: it is kept where a complaint reporter's
message is kept (``CaseMessage``, ``direction`` ``from_reporter``, ``kind`` ``MESSAGE_KIND``), read by the PPID's
staff who may read the requester's identity (``access.IDENTITY_READERS``), never by a unit referred the case. The
history records the event with the message's id and length only (``RECEIVED``): the audit export, the staff mail
(which says only that a message came) and the jobs never carry it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access, chain, clock, kinds, lateness
from engine.audit import EventLog
from engine.errors import Conflict, Invalid
from engine.messages import msg
from engine.models import Case, CaseMessage, User
from engine.outbox import Outbox, members
from engine.run import touch
from engine.runtime import Runtime

KINDS = (kinds.REQUEST, kinds.OBJECTION)  # the cases a requester writes to the desk on
MAX_BODY = 2000  # characters: a question or a clarification, not a second request
AUTHOR = access.REQUESTER  # "pemohon", as the history names the requester (never by name)
MESSAGE_KIND = "requester"  # CaseMessage.kind of a requester's message (a reporter's answer is "answer")
RECEIVED = "requester_message_received"  # the history's event
NOTICE = "requester_message"  # the staff mail (notifications/templates/requester_message.*.txt)
DESK = "petugas_layanan"  # the front desk: told of every message, whoever holds the case's tasks
# Why a requester may not write now (``why_not``): the page says where to write instead, or that nothing can follow.
OBJECTION_FILED = "objection_filed"  # a closed request whose objection was filed: written to on its page
ENDED = "ended"  # the route of appeal ended, or was used by a dispute


def takes_messages(case: Case) -> bool:
    """Whether ``case`` is of a kind a requester writes to the desk on (``KINDS``)."""
    return case.kind in KINDS


def can_write(session: Session, rt: Runtime, case: Case) -> bool:
    """Whether the requester may write on ``case`` now: open, or closed with their route of appeal still open."""
    if not takes_messages(case):
        return False
    if case.closed_at is None:
        return True
    return _appeal_open(session, rt, case)


def why_not(session: Session, rt: Runtime, case: Case) -> str | None:
    """Why the requester may not write on ``case`` now (None: they may): ``OBJECTION_FILED``, a closed request
    whose objection was filed (written to on the objection's page, ``objections``), or ``ENDED``, the requester's
    time to go further from it has ended, or was used by a dispute (or a case of a kind not written to here)."""
    if can_write(session, rt, case):
        return None
    if case.kind == kinds.REQUEST and objections(session, case):
        return OBJECTION_FILED
    return ENDED


def objections(session: Session, case: Case) -> list[Case]:
    """The objections filed on the request ``case``'s chain, by filing order (none for any other kind)."""
    if case.kind != kinds.REQUEST:
        return []
    return [m for m in chain.members(session, case) if m.kind == kinds.OBJECTION]


def _appeal_open(session: Session, rt: Runtime, case: Case) -> bool:
    """The requester's time to go further from the closed ``case`` runs and was not used (the page's windows)."""
    if case.kind == kinds.REQUEST:
        if objections(session, case):
            return False  # an objection was filed: it is where the case goes on
        return any(w.open for w in chain.objection_windows(rt, session, case, public=True))
    window = chain.dispute_window(rt, session, case, public=True)
    return window is not None and window.open and not chain.disputes_on(session, case)


def _body(text: object) -> str:
    # A browser counts a line break as one character against the field's maxlength, and sends it as two (CRLF).
    body = text.replace("\r\n", "\n").strip() if isinstance(text, str) else ""
    if not body:
        raise Invalid("invalid_data", fields={"body": [msg("message_required", max=MAX_BODY)]})
    if len(body) > MAX_BODY:
        raise Invalid("invalid_data", fields={"body": [msg("message_too_long", max=MAX_BODY, length=len(body))]})
    return body


def send(session: Session, rt: Runtime, case: Case, body: object) -> CaseMessage:
    """The requester's message to the desk: kept with the case, recorded in its history (id and length), and the
    officers told (``recipients``). The caller has counted it (engine.quotas) and commits."""
    if not takes_messages(case):
        raise Conflict("requester_message_not_here")
    text = _body(body)
    if not can_write(session, rt, case):
        raise Conflict("requester_message_closed")
    now = clock.now()
    message = CaseMessage(
        case_id=case.id, direction="from_reporter", kind=MESSAGE_KIND, body=text, author=AUTHOR, created_at=now
    )
    session.add(message)
    session.flush()
    EventLog(session).append(case, RECEIVED, AUTHOR, {"message_id": message.id, "chars": len(text)})
    outbox = Outbox(session, rt.settings.notify_channels)
    outbox.to_users(case, NOTICE, f"message{message.id}", recipients(session, case), lateness.team_clock(rt, case))
    outbox.write()
    touch(case)
    session.flush()
    return message


def recipients(session: Session, case: Case) -> list[int]:
    """Who is told: the front desk, and the officers of the PPID's lanes holding the case's open tasks (their
    stand-ins when on leave); never a unit referred the case, which does not read the requester's words."""
    lanes = {t.lane for t in case.tasks if t.state == "open"} & access.IDENTITY_READERS
    return members(session, sorted(lanes | {DESK}))


def can_read(user: User, case: Case) -> bool:
    """Whether ``user`` reads the requester's messages on ``case``: the PPID's staff who read the requester's
    identity, which the words may hold."""
    return takes_messages(case) and access.can_read_identity(user, case)


def sent(session: Session, case: Case) -> list[CaseMessage]:
    """The requester's messages on ``case``, oldest first."""
    return list(
        session.scalars(
            select(CaseMessage)
            .where(
                CaseMessage.case_id == case.id,
                CaseMessage.direction == "from_reporter",
                CaseMessage.kind == MESSAGE_KIND,
            )
            .order_by(CaseMessage.id)
        )
    )


def listed(session: Session, case: Case) -> list[dict]:
    """The messages as the pages show them: id, when, and the words."""
    return [{"id": m.id, "created_at": m.created_at, "body": m.body} for m in sent(session, case)]
