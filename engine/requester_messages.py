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

The same staff answer a message in Kawal (``reply``): the answer is kept with the case (``CaseMessage``,
``direction`` ``to_reporter``, ``kind`` ``REPLY_KIND``, ``reply_to`` the message), checked as an officer's words to
someone outside are (engine.officer_text: no one's NIK, NIP, phone number or e-mail address; the office's own contact
passes, as in a complaint team's message), recorded in the history by its id and length (``ANSWERED``), and the
requester is told by mail that the desk answered, as a complaint's reporter is of the team's message: the mail says
where to read it (the portal's status page, with the ticket and the access code), never what it says, and the
office's legal deadline the requester still waits on, if one runs (``waited_on``). The requester's timeline, on the
portal and by the API, lists their messages and the desk's answers among the stages (``milestones``).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access, chain, clock, complaints, kinds, lateness, officer_text
from engine.audit import EventLog
from engine.catalogs import N_, catalog
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.messages import Named, msg
from engine.models import Case, CaseMessage, Deadline, User
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
REPLY_KIND = "desk_reply"  # CaseMessage.kind of the desk's answer to a requester's message (``reply``)
ANSWERED = "requester_message_answered"  # the history's event of an answer
REPLY_NOTICE = "desk_reply"  # the requester's mail (notifications/templates/desk_reply.*.txt)
REPLY_TITLE = Named("the answer to the requester", "jawaban kepada pemohon")  # a refusal names the field so
PORTAL_HINT = "status"  # the mail's line on where to read it (notifications.wording.HINTS)
# The requester's timeline (engine.queries.public_status's milestones, on the portal and by the API): each of their
# messages and each of the desk's answers on the day it was written (``milestones``), by "the desk", never by name.
WROTE, ANSWERED_YOU = "requester_message", "desk_reply"  # the milestones' names
MILESTONE_WORDS = {WROTE: N_("You wrote to the desk"), ANSWERED_YOU: N_("The desk answered your message")}
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


def replies(session: Session, case: Case) -> dict[int, list[CaseMessage]]:
    """The desk's answers on ``case`` by the message each answers, oldest first."""
    rows = session.scalars(
        select(CaseMessage)
        .where(CaseMessage.case_id == case.id, CaseMessage.direction == "to_reporter", CaseMessage.kind == REPLY_KIND)
        .order_by(CaseMessage.id)
    )
    answers: dict[int, list[CaseMessage]] = {}
    for row in rows:
        answers.setdefault(row.reply_to_id, []).append(row)
    return answers


def listed(session: Session, case: Case) -> list[dict]:
    """The messages as the pages show them: id, when, the words, and the desk's answers to each (id, when, the
    words, and ``author``, the officer's username: the officers' page names them, the requester's never does)."""
    answers = replies(session, case)
    return [
        {
            "id": m.id,
            "created_at": m.created_at,
            "body": m.body,
            "replies": [
                {"id": r.id, "created_at": r.created_at, "body": r.body, "author": r.author}
                for r in answers.get(m.id, [])
            ],
        }
        for m in sent(session, case)
    ]


def for_requester(session: Session, case: Case) -> list[dict]:
    """The messages as the requester reads them (``listed``): the desk's answers without the officer's username."""
    return [
        dict(m, replies=[{k: v for k, v in r.items() if k != "author"} for r in m["replies"]])
        for m in listed(session, case)
    ]


def milestones(rt: Runtime, case_milestones: list[dict], messages: list[dict], locale: str) -> list[dict]:
    """The requester's timeline (``case_milestones``: engine.queries.public_status's) with their own ``messages`` to
    the desk (``listed``/``for_requester``) and the desk's answers to them among its entries, each on the day it was
    written, in ``locale``; ``message_id`` names the message or answer (the portal links it). Stable: a day's order
    is kept, a message before the answers it drew."""
    if not messages:
        return case_milestones
    words = catalog(locale).gettext
    written = []
    for m in messages:
        written.append(_milestone(WROTE, words(MILESTONE_WORDS[WROTE]), m))
        written += [_milestone(ANSWERED_YOU, words(MILESTONE_WORDS[ANSWERED_YOU]), r) for r in m["replies"]]
    tz = rt.calendars["strict"].tz
    return sorted([*case_milestones, *written], key=lambda m: m["on"] or m["at"].astimezone(tz).date())


def _milestone(name: str, label: str, message: dict) -> dict:
    return {
        "name": name,
        "label": label,
        "at": message["created_at"],
        "on": None,
        "detail": None,
        "message_id": message["id"],
    }


def waited_on(rt: Runtime, case: Case) -> dict:
    """The office's legal deadline the requester waits on, as the mail of an answer states it (``{"deadline":
    None}`` without one: a closed case, or one whose deadlines all lapsed on every reading): the nearest of the
    case's public deadlines of the office's own still running, as a letter to the requester states it
    (engine.lateness.letter_context: past its earliest reading, on its latest, which the status page shows too)."""
    running = [d for d in case.deadlines if _running(rt, d)] if case.closed_at is None else []
    # Each by the date the mail states: a pending one's own, one lapsed on the earliest reading alone its latest.
    nearest = min(
        running,
        key=lambda d: (d.due_at if d.status == "pending" else lateness.lenient_due(rt, d), d.id or 0),
        default=None,
    )
    return lateness.letter_context(rt, nearest)


def _running(rt: Runtime, deadline: Deadline) -> bool:
    if not deadline.public or deadline.kind != "agency" or deadline.name in lateness.COORDINATION:
        return False
    return deadline.status == "pending" or (
        deadline.status == "missed" and not lateness.late_for_requester(rt, deadline)
    )


def can_reply(user: User, case: Case) -> bool:
    """Whether ``user`` answers the requester's messages on ``case``: whoever reads them (``can_read``)."""
    return can_read(user, case)


def reply(session: Session, rt: Runtime, user: User, case: Case, message_id: object, body: object) -> CaseMessage:
    """The desk's answer to the requester's message ``message_id`` on ``case``: kept with the case, recorded in its
    history (id and length), and the requester told by mail where to read it. At any time: a message received is
    answered even once the requester may write no more. The caller commits."""
    if not can_reply(user, case):
        raise Forbidden("requester_reply_forbidden")
    question = session.get(CaseMessage, message_id) if isinstance(message_id, int) else None
    if question is None or question.case_id != case.id or question.kind != MESSAGE_KIND:
        raise NotFound("message_unknown")
    text = _body(body)
    outside = complaints.without_office_contact(rt.settings, text)
    officer_text.require_text(outside, "body", REPLY_TITLE, "reply_holds_personal_data")
    answer = CaseMessage(
        case_id=case.id,
        direction="to_reporter",
        kind=REPLY_KIND,
        body=text,
        author=user.username,
        reply_to_id=question.id,
        created_at=clock.now(),
    )
    session.add(answer)
    session.flush()
    EventLog(session).append(case, ANSWERED, user.username, {"message_id": answer.id, "chars": len(text)})
    outbox = Outbox(session, rt.settings.notify_channels)
    context = {**waited_on(rt, case), "portal_hint": PORTAL_HINT}  # the deadline the requester waits on, if any
    outbox.to_requester(case, REPLY_NOTICE, f"reply{answer.id}", context)
    outbox.write()
    touch(case)
    session.flush()
    return answer
