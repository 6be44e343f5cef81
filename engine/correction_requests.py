"""A data subject's own request to correct their data, filed on the portal with the case's ticket and access code:
the requester's (engine.requester_data.ask) or the proxy's own contacts (engine.proxy_corrections.ask).

What they ask is sealed in full in a ``RequesterCorrection`` (``party_id``: whose data: the case's requester, or
the proxy acting for them) until the PPID desk answers within ``ANSWER_WITHIN`` (3 x 24 hours, clock time: UU
27/2022 counts hours, not working days). The desk applies it through its own correction (engine.requester_data's
or engine.proxy_data's ``correct``, with the request's id; it may mend what was typed) or ``refuse``s it with a
reason the one who asked is sent. The desk is told when it is asked and reminded once in its last
``REMIND_BEFORE``; the inbox and the case page list what waits, overdue ones marked, and once overdue the PPID
(the desk's superior) is told, once (both ``sweep``, from reconcile). A request for what is on file already is
answered all the same (``UNCHANGED``).

A request of the proxy is answered to the proxy in office (their e-mail: engine.outbox.Outbox.to_proxy), a
requester's to the requester. The history names whose request it was by its events (``ASKED``/``PROXY_ASKED``...),
never the values.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from engine import access, clock, proxy_party
from engine.audit import EventLog
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.messages import msg
from engine.models import Case, RequesterCorrection, User
from engine.notices import PORTAL_HINT
from engine.outbox import Outbox, members
from engine.run import touch
from engine.runtime import Runtime

ASKED, REFUSED = "requester_correction_asked", "requester_correction_refused"  # the requester's own request
OVERDUE = "requester_correction_overdue"  # not answered in time: the PPID is told, once
REMINDER = "requester_correction_reminder"  # the desk is reminded once, ``REMIND_BEFORE`` the request's end
UNCHANGED = "requester_correction_unchanged"  # applied, but the data on file was already what was asked
# The history's events of a proxy's request for their own contacts (the messages are the requester's events').
PROXY_ASKED, PROXY_REFUSED = "proxy_correction_asked", "proxy_correction_refused"
PROXY_UNCHANGED = "proxy_correction_unchanged"
PROXY_ENDED = "proxy_correction_ended"  # closed unanswered: the proxy's power of attorney ended (``end``)
REMIND_BEFORE = timedelta(hours=24)
ANSWER_WITHIN = timedelta(hours=3 * 24)  # UU 27/2022: the correction within 3 x 24 hours of the request
ASSOCIATED = b"requester_correction"  # a request's sealed data opens as nothing else
DESK = "petugas_layanan"  # who is told of a request (the inbox shows it to all of the PPID's staff)
ESCALATE_TO = access.SUPERIOR_OF[DESK]  # who is told when the desk has not answered in time: the PPID
REQUESTER, PROXY = "pemohon", "kuasa"  # whose data a request corrects (``whose``); the actor of its history event

DESK_TITLES = {  # the staff message's task line, by event and whose data: what to answer, and by when
    (ASKED, REQUESTER): "Permintaan perbaikan data pemohon, jawab paling lambat {due}",
    (REMINDER, REQUESTER): "Pengingat: permintaan perbaikan data pemohon, jawab paling lambat {due}",
    (ASKED, PROXY): "Permintaan perbaikan data kontak kuasa pemohon, jawab paling lambat {due}",
    (REMINDER, PROXY): "Pengingat: permintaan perbaikan data kontak kuasa pemohon, jawab paling lambat {due}",
}
OVERDUE_TITLES = {
    REQUESTER: "Permintaan perbaikan data pemohon belum dijawab, batasnya {due}",
    PROXY: "Permintaan perbaikan data kontak kuasa pemohon belum dijawab, batasnya {due}",
}


def whose(session: Session, row: RequesterCorrection) -> str:
    """``REQUESTER`` when the request corrects the requester's data (the party the chain's cases name), else
    ``PROXY``: the proxy's own."""
    case = session.get(Case, row.case_id)
    return REQUESTER if case is not None and row.party_id == case.requester_party_id else PROXY


def file(
    session: Session, rt: Runtime, case: Case, party_id: int, proposed: dict, fields: list[str]
) -> RequesterCorrection:
    """Seal ``proposed`` as a request of ``party_id`` (the case's requester or its proxy) on ``case``, replacing one
    of theirs still pending (the latest counts); record it with the names of the ``fields`` it would change, and
    tell the desk."""
    now = clock.now()
    pending = select(RequesterCorrection).where(
        RequesterCorrection.party_id == party_id, RequesterCorrection.status == "pending"
    )
    for earlier in session.scalars(pending):
        earlier.status, earlier.decided_at = "replaced", now
    kid, blob = rt.vault.seal(proposed, associated=ASSOCIATED)
    row = RequesterCorrection(
        case_id=case.id, party_id=party_id, context_key_id=kid, context=blob, asked_at=now, due_at=now + ANSWER_WITHIN
    )
    session.add(row)
    session.flush()
    touch(case)
    subject = REQUESTER if party_id == case.requester_party_id else PROXY
    event = ASKED if subject == REQUESTER else PROXY_ASKED
    EventLog(session).append(case, event, subject, {"request": row.id, "fields": fields, "due_at": row.due_at})
    outbox = Outbox(session, rt.settings.notify_channels)
    _tell_the_desk(outbox, rt, case, row, ASKED, subject, members(session, [DESK]))
    outbox.write()
    session.flush()
    return row


def _tell_the_desk(outbox: Outbox, rt: Runtime, case: Case, row, event: str, subject: str, desk) -> None:
    """A message to the PPID desk's officers (their stand-ins when on leave, ``members``)."""
    title = DESK_TITLES[event, subject].format(due=_local(rt, row.due_at))
    outbox.to_users(case, event, f"request{row.id}", desk, {"deadline": None, "task_title": title})


def proposal(rt: Runtime, row: RequesterCorrection) -> dict:
    """What was asked for: the requester's ``requester``, ``requester_type`` and, when given, ``locale``; or the
    proxy's ``kuasa``."""
    return rt.vault.open(row.context_key_id, row.context, associated=ASSOCIATED)


def waiting(session: Session, user: User, case: Case | None = None) -> list[RequesterCorrection]:
    """The requests the desk has still to answer, the most urgent first (of one case's requester and proxy, or of
    all)."""
    if not access.is_request_staff(user):
        return []
    query = select(RequesterCorrection).where(RequesterCorrection.status == "pending")
    if case is not None:
        parties = {case.requester_party_id, proxy_party.party_id(case)} - {None}
        query = query.where(RequesterCorrection.party_id.in_(parties))
    return list(session.scalars(query.order_by(RequesterCorrection.due_at)))


def latest_waiting(session: Session, party_id: int | None) -> RequesterCorrection | None:
    """The party's request still waiting for the desk, for the portal's status page (at most one waits)."""
    if party_id is None:
        return None
    return session.scalar(
        select(RequesterCorrection)
        .where(RequesterCorrection.party_id == party_id, RequesterCorrection.status == "pending")
        .order_by(RequesterCorrection.id.desc())
        .limit(1)
    )


def pending(session: Session, party_id: int, request_id: int) -> RequesterCorrection:
    """A request of ``party_id`` that waits for the desk (NotFound; Conflict once answered)."""
    row = session.get(RequesterCorrection, request_id)
    if row is None or row.party_id != party_id:
        raise NotFound("correction_request_not_found")
    if row.status != "pending":
        raise Conflict("correction_request_answered")
    return row


def decide(row: RequesterCorrection, user: User, status: str) -> None:
    row.status, row.decided_by, row.decided_at = status, user.username, clock.now()


def refuse(session: Session, rt: Runtime, user: User, request_id: int, reason: str) -> RequesterCorrection:
    """The desk refuses a request, saying why (who asked is told, in the desk's words)."""
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("invalid_data", fields={"reason": [msg("required")]})
    row = session.get(RequesterCorrection, request_id)
    case = session.get(Case, row.case_id) if row is not None else None
    if case is None:
        raise NotFound("correction_request_not_found")
    if not access.is_request_staff(user):
        raise Forbidden("desk_corrects_requester" if whose(session, row) == REQUESTER else "desk_corrects_proxy")
    pending(session, row.party_id, request_id)
    if whose(session, row) == PROXY and row.party_id != proxy_party.party_id(case):
        raise Conflict("proxy_request_ended")  # the refusal would go to whoever is in office now
    decide(row, user, "refused")
    row.refusal = reason[:2000]
    answer(session, rt, case, row, user, REFUSED, {"reason": row.refusal})
    return row


def end(session: Session, case: Case, party_id: int, actor: str) -> None:
    """Close the requests of a proxy whose power of attorney on ``case`` has ended (engine.proxy_data.revoke, in its
    transaction), unanswered: they no longer act on the case, so the desk no longer answers them nor is the PPID told
    they are late. The history records each closed request's id, no values."""
    rows = select(RequesterCorrection).where(
        RequesterCorrection.case_id == case.id,
        RequesterCorrection.party_id == party_id,
        RequesterCorrection.status == "pending",
    )
    log, now = EventLog(session), clock.now()
    for row in session.scalars(rows):
        row.status, row.decided_by, row.decided_at = "ended", actor, now
        log.append(case, PROXY_ENDED, actor, {"request": row.id})


def answer(
    session: Session, rt: Runtime, case: Case, row: RequesterCorrection, user: User, message: str, extra
) -> None:
    """Record the desk's answer to a request in ``case``'s history (the request's id, no values) and send who asked
    the ``message`` saying it (``extra``: what that message needs besides the portal hint): the requester, or the
    proxy in office at their e-mail."""
    subject, refused = whose(session, row), message == REFUSED
    event = {REQUESTER: (UNCHANGED, REFUSED), PROXY: (PROXY_UNCHANGED, PROXY_REFUSED)}[subject][refused]
    touch(case)
    EventLog(session).append(case, event, user.username, {"request": row.id})
    outbox = Outbox(session, rt.settings.notify_channels)
    context = {"deadline": None, **extra, "portal_hint": PORTAL_HINT}
    if subject == REQUESTER:
        outbox.to_requester(case, message, f"request{row.id}", context)
    else:  # refused, or the data on file already as asked: said to the proxy, never to the requester
        outbox.to_proxy(case, message, f"request{row.id}", context)
    outbox.write()
    session.flush()


def _needs_attention(now):
    """Pending requests the PPID has not been told of that are past due, or due within ``REMIND_BEFORE`` and not
    yet reminded to the desk (the (status, due) index bounds both)."""
    return and_(
        RequesterCorrection.status == "pending",
        RequesterCorrection.escalated_at.is_(None),
        RequesterCorrection.due_at <= now + REMIND_BEFORE,
        or_(RequesterCorrection.due_at <= now, RequesterCorrection.reminded_at.is_(None)),
    )


def sweep_due(session: Session) -> bool:
    """Whether a request needs its reminder to the desk or its escalation to the PPID (every reconcile asks: one
    look through the (status, due) index)."""
    found = select(RequesterCorrection.id).where(_needs_attention(clock.now()))
    return session.scalar(found.limit(1)) is not None


def sweep(session: Session, rt: Runtime) -> tuple[int, int]:
    """Remind the desk of each request due within ``REMIND_BEFORE`` (once), and tell the PPID of each past its time
    (once, in the case's history too); returns (reminded, escalated)."""
    now = clock.now()
    rows = session.scalars(select(RequesterCorrection).where(_needs_attention(now))).all()
    last_day = [row for row in rows if row.due_at > now]  # reminded; the history does not change
    late = [row for row in rows if row.due_at <= now]
    outbox, log = Outbox(session, rt.settings.notify_channels), EventLog(session)
    desk = members(session, [DESK]) if last_day else []
    for row in last_day:
        row.reminded_at = now
        case = session.get(Case, row.case_id)
        _tell_the_desk(outbox, rt, case, row, REMINDER, whose(session, row), desk)
    ppid = members(session, [ESCALATE_TO]) if late else []
    for row in late:
        case = session.get(Case, row.case_id)
        row.escalated_at = now
        touch(case)
        log.append(case, OVERDUE, "system", {"request": row.id, "due_at": row.due_at})
        title = OVERDUE_TITLES[whose(session, row)].format(due=_local(rt, row.due_at))
        outbox.to_users(case, OVERDUE, f"request{row.id}", ppid, {"deadline": None, "task_title": title})
    outbox.write()
    session.flush()
    return len(last_day), len(late)


def _local(rt: Runtime, instant) -> str:
    """An instant as the office's staff messages write it (``05-12-2026 10:00 WIB``)."""
    local = instant.astimezone(rt.calendars["strict"].tz)
    return f"{local:%d-%m-%Y %H:%M} {local.tzname() or ''}".strip()


def listed(session: Session, rows: list[RequesterCorrection]) -> list[dict]:
    """Waiting requests as the desk's lists show them: id, ticket, when asked, by when, whether that passed, and
    whose data (``proxy``: the proxy's own)."""
    if not rows:
        return []
    cases = session.execute(
        select(Case.id, Case.ticket, Case.requester_party_id).where(Case.id.in_({r.case_id for r in rows}))
    ).all()
    tickets = {c.id: c.ticket for c in cases}
    requesters = {c.id: c.requester_party_id for c in cases}
    now = clock.now()
    return [
        {
            "id": r.id,
            "ticket": tickets[r.case_id],
            "asked_at": r.asked_at,
            "due_at": r.due_at,
            "overdue": r.due_at < now,
            "proxy": r.party_id != requesters[r.case_id],
        }
        for r in rows
    ]
