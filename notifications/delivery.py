"""Sending one outbox row: claim it, find the address, render, send, record.

A row is claimed by a conditional update (``pending`` -> ``sending``) and committed before the
message leaves, so two senders never both send it. A sender that dies after the channel accepted
the message and before recording it leaves a ``sending`` row, which ``reconcile`` puts back after
``Settings.stale_claim_seconds``: that one message may then go twice (at-least-once), with the same Message-ID so
mail servers and gateways can drop the copy.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from engine import clock, former_contacts, languages, lost_codes
from engine.config import Settings
from engine.models import Attachment, Case, HumanTask, Incident, Notification, Party, RevealRequest, User
from engine.outbox import PROXY_COPY
from engine.runtime import Runtime

log = logging.getLogger("kawal.notifications")
MAX_ATTEMPTS = 5  # then the row becomes an incident an admin must look at


def claim(session: Session, notification_id: int) -> bool:
    claimed = session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.status == "pending")
        .values(status="sending", claimed_at=clock.now(), attempts=Notification.attempts + 1)
    ).rowcount
    session.commit()
    return claimed == 1


NO_ADDRESS = "no address on this channel"
TASK_DONE = "the task was no longer open when this was to be sent"
# A new task's news names its task in its key (engine.notices: the cause "task:<guid>").
_NEW_TASK = re.compile(r":task:([0-9a-f-]{36}):")
REVEAL_DECIDED = "the identity reveal request was decided before this was to be sent"
# The news that a request to open a whistleblower's identity waits names the request in its key (engine.complaints:
# the cause "reveal<id>").
_REVEAL = re.compile(r":reveal(\d+):")
OWN_ADDRESS = "the proxy's address is the requester's own, which gets the message itself"


class Unsent(Exception):  # noqa: N818 - a reason, not an error
    """The row is not to be sent, for the reason given (kept as its ``last_error``)."""


def _skip(session: Session, row: Notification, reason: str) -> str:
    row.status = "skipped"
    row.context = _erased(row.context)
    row.last_error = reason
    session.commit()
    return "skipped"


def address(session: Session, rt: Runtime, row: Notification) -> tuple[str | None, str]:
    """The recipient's address on the row's channel, and their locale; ``None`` when they have none. Raises
    ``Unsent`` for a proxy's copy to the requester's own address."""
    if row.to_requester:
        case = session.get(Case, row.case_id)
        identity = rt.vault.read(session.get(Party, case.requester_party_id))
        proxy = row.context.get(PROXY_COPY)
        if proxy is not None:  # the proxy's copy (engine.outbox.PROXY_COPIES), in the requester's language
            email = rt.vault.read(session.get(Party, proxy)).get("email")
            if not email:
                return None, "id"
            if email.casefold() == (identity.get("email") or "").casefold():
                raise Unsent(OWN_ADDRESS)
            return {"smtp": email, "log": "proxy"}.get(row.channel), languages.written_in(case, identity)
        wanted = {"smtp": identity.get("email"), "webhook": identity.get("phone"), "log": "requester"}
        former = former_contacts.recipient(rt, row.context)  # told that the contact on file replaced it
        return former or wanted[row.channel], languages.written_in(case, identity)  # the language the case was filed in
    user = session.get(User, row.recipient_user_id)
    wanted = {"smtp": user.email, "webhook": None, "log": f"user:{user.username}"}
    return wanted[row.channel], user.locale or "id"


def _task_gone(session: Session, row: Notification) -> bool:
    """Whether a new task's news (``task_new_group``) names a task that is no longer open."""
    found = _NEW_TASK.search(row.idempotency_key) if row.event == "task_new_group" else None
    if found is None:
        return False
    state = session.scalar(select(HumanTask.state).where(HumanTask.task_guid == found[1]).limit(1))
    return state is not None and state != "open"


def _reveal_decided(session: Session, row: Notification) -> bool:
    """Whether the news that a reveal request waits (``reveal_requested``) names one that is no longer pending."""
    found = _REVEAL.search(row.idempotency_key) if row.event == "reveal_requested" else None
    if found is None:
        return False
    state = session.scalar(select(RevealRequest.status).where(RevealRequest.id == int(found[1])))
    return state is not None and state != "pending"


def deliver(session: Session, rt: Runtime, channels: dict, notification_id: int) -> str:
    """Send one row if it is still pending; returns what happened (sent, skipped, not-pending, failed)."""
    from notifications import case_facts
    from notifications.channels import ChannelError, Message
    from notifications.rendering import message_id, render

    if not claim(session, notification_id):
        return "not-pending"
    row = session.get(Notification, notification_id)
    if _task_gone(session, row):  # the desk took and finished it meanwhile: news of it would send them looking
        return _skip(session, row, TASK_DONE)
    if _reveal_decided(session, row):  # another manager decided it meanwhile: "awaits a decision" would mislead
        return _skip(session, row, REVEAL_DECIDED)
    try:
        to, locale = address(session, rt, row)
    except Unsent as unsent:
        return _skip(session, row, str(unsent))
    except Exception as exc:  # the recipient's record cannot be read: retrying cannot help
        fail(session, row, f"address: {type(exc).__name__}", permanent=True)
        return "incident"
    channel = channels.get(row.channel)
    if to is None or channel is None:
        return _skip(session, row, NO_ADDRESS if to is None else f"channel {row.channel} not configured")
    try:  # the letters it goes with, the requester's next window: a notice is never held back for them
        facts = case_facts.read(session, rt, row, locale)
    except Exception as exc:
        session.rollback()  # the claim is committed already; a failed read must not poison what is recorded next
        log.warning("notification %s: its case's letters and window not read (%s)", row.id, type(exc).__name__)
        facts = case_facts.Facts()
    try:
        context = {**lost_codes.open_code(rt, row.context), **facts.context}
        subject, body = render(row.event, locale, context, rt.settings.public_url, rt.settings.office_contact)
    except Exception as exc:  # a template or its context is wrong: retrying cannot help
        fail(session, row, f"render: {type(exc).__name__}: {exc}", permanent=True)
        return "incident"
    try:
        attachments = files_of(session, rt, row) + facts.attachments
    except Exception as exc:  # a file cannot be read or does not match its record: a person must look
        fail(session, row, f"attachments: {type(exc).__name__}", permanent=True)
        return "incident"
    message = Message(
        channel=row.channel,
        to=to,
        subject=subject,
        body=body,
        message_id=message_id(row.idempotency_key),
        event=row.event,
        ticket=row.context.get("ticket", ""),
        locale=locale,
        attachments=attachments,
    )
    try:
        channel.send(message)
    except ChannelError as exc:
        fail(session, row, str(exc), permanent=exc.permanent)
        if exc.permanent:
            return "incident"
        raise
    except Exception as exc:  # building the message failed (e.g. a header the mail library refuses):
        # the same row fails the same way on every try, so it is an incident now, not a retry loop.
        # Only the type: the text may quote the address.
        fail(session, row, f"{row.channel}: the message could not be built ({type(exc).__name__})", permanent=True)
        return "incident"
    row.status, row.sent_at, row.last_error = "sent", clock.now(), None
    row.context = _erased(row.context)  # a sent code, or a former address, is kept nowhere
    session.commit()
    _fix_mailed_moment(session, row.id)
    return "sent"


FIX_TRIES = 3


def _fix_mailed_moment(session: Session, notification_id: int) -> None:
    """The sent mail that carries a requester's window-opening letter fixes its moment in the case's history
    (``engine.notice_delivery.record_mailed``), in its own transaction after the sending is recorded: a change to the
    case meanwhile (an officer's) is read again and tried again; a moment never fixed leaves the window counted from
    the desk's record, which is what the requester was told while the mail was on its way."""
    from engine.notice_delivery import record_mailed

    for _ in range(FIX_TRIES):
        try:
            record_mailed(session, session.get(Notification, notification_id))
            session.commit()
            return
        except (StaleDataError, IntegrityError, OperationalError):
            session.rollback()
    log.warning("notification %s: the moment its letter was mailed was not recorded", notification_id)


def _erased(context: dict) -> dict:
    return former_contacts.erase(lost_codes.erase_code(context))


def files_of(session: Session, rt: Runtime, row: Notification) -> tuple[tuple[str, str, bytes], ...]:
    """The files an e-mail carries (``information_sent`` with ``attached``): read from storage by the ids in
    the row, each checked against its sha256, and only files of the row's own case."""
    if row.channel != "smtp" or not row.context.get("attached"):
        return ()
    from engine import task_files

    out = []
    for file_id in row.context.get("file_ids", []):
        found = session.get(Attachment, file_id)
        if found is None or found.case_id != row.case_id:
            raise LookupError(f"attachment {file_id} is not the case's")
        out.append((found.file_name, found.media_type, task_files.read(rt, found)))
    return tuple(out)


def fail(session: Session, row: Notification, error: str, permanent: bool = False) -> None:
    row.last_error = error[:2000]
    if permanent or row.attempts >= MAX_ATTEMPTS:
        row.status = "incident"
        session.add(
            Incident(
                subject=f"notification:{row.id}", message=row.last_error, attempts=row.attempts, created_at=clock.now()
            )
        )
        log.error("notification %s became an incident after %s attempts", row.id, row.attempts)
    else:
        row.status = "pending"  # the retry claims it again
    session.commit()


def release_stale_claims(session: Session, settings: Settings) -> int:
    """Put back claims older than ``stale_claim_seconds``: their sender died (KAWAL_STALE_CLAIM_SECONDS)."""
    stale = clock.now() - timedelta(seconds=settings.stale_claim_seconds)
    released = session.execute(
        update(Notification)
        .where(Notification.status == "sending", Notification.claimed_at < stale)
        .values(status="pending")
    ).rowcount
    session.commit()
    return released
