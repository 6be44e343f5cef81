"""A requester who lost the access code gets a new one, sent to the e-mail or phone on file (issue 11, point 7).

The answer is the same whether or not the ticket exists, has a contact a configured channel reaches (e-mail by
SMTP, a phone by the webhook gateway; else nothing changes), or was asked for too often: the page never tells a
stranger anything about a ticket. Asking is counted per address (a refusal says "try later",
like every quota) and quietly per case, since each new code ends the old one: a stranger who knows a ticket
can make its owner look up the new code in their mail a few times a day, never more.

The new code travels only in the outbox row that sends it, sealed by the vault (``SEALED``); delivery opens it
to write the message and then erases it (``notifications.delivery``), so no table keeps a readable code and
no link ever carries one.
"""

from __future__ import annotations

import base64

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import casework, clock, quotas
from engine.models import Case, Party
from engine.outbox import Outbox
from engine.runtime import Runtime

EVENT = "access_code_resent"
SEALED = "sealed_access_code"  # the context key of the sealed code: [key id, base64 blob]
ASSOCIATED = b"access-code"  # binds the blob to its use: a sealed identity cannot be opened as a code
PER_ADDRESS_PER_HOUR = 5  # requests from one address, whatever the tickets
PER_CASE_PER_DAY = 3  # new codes for one case; past it the request is answered the same and does nothing


# What each channel carries a message to. The log channel writes no message body: a new code "sent" there, or to
# a contact no configured channel reaches (a phone without an SMS gateway), would end the old code and never
# arrive, locking the owner out at a stranger's request.
REACHES = {"smtp": "email", "webhook": "phone"}


def reachable(channels, identity: dict) -> bool:
    """Whether a configured channel carries a message to a contact the requester left."""
    return any(identity.get(REACHES[channel]) for channel in channels if channel in REACHES)


def send_new_code(session: Session, rt: Runtime, ticket: str | None, address: str | None) -> None:
    """Count the request; for a case whose requester left an e-mail or phone, reissue its code and send it."""
    settings = rt.settings
    key = quotas.address_key(settings, address)
    if quotas.count(session, "code_resend", key, clock.now() - quotas.HOUR) >= PER_ADDRESS_PER_HOUR:
        wait = quotas.retry_after(session, "code_resend", key, quotas.HOUR)
        quotas.refuse(session, settings, "code_resend", key, wait, "too_many_code_requests")
    quotas.add(session, "code_resend", key)
    case = session.scalar(select(Case).where(Case.ticket == (ticket or "").strip().upper()))
    if case is None or case.requester_party_id is None:  # unknown, or an anonymous complaint
        return
    identity = rt.vault.read(session.get(Party, case.requester_party_id))
    if not reachable(settings.notify_channels, identity):
        return
    per_case = f"case:{case.id}"
    if quotas.count(session, "code_resend", per_case, clock.now() - quotas.DAY) >= PER_CASE_PER_DAY:
        return
    quotas.add(session, "code_resend", per_case)
    code = casework.reissue_access_code(session, case, "pemohon", "lost code: a new one sent to the contact on file")
    send_code(session, rt, case, code, EVENT)


def send_code(session: Session, rt: Runtime, case: Case, code: str, event: str) -> None:
    """Send ``code`` to the case's requester in the message ``event``, sealed in its outbox row (``SEALED``)."""
    kid, blob = rt.vault.seal_bytes(code.encode(), ASSOCIATED)
    outbox = Outbox(session, rt.settings.notify_channels)
    context = {"deadline": None, "portal_hint": PORTAL_HINT, SEALED: [kid, base64.b64encode(blob).decode()]}
    outbox.to_requester(case, event, f"code{clock.now().timestamp():.6f}", context)
    outbox.write()


def open_code(rt: Runtime, context: dict) -> dict:
    """The context with the sealed code opened as ``access_code`` (for rendering only), or as it is."""
    sealed = context.get(SEALED)
    if not sealed:
        return context
    kid, blob = sealed
    code = rt.vault.open_bytes(kid, base64.b64decode(blob), ASSOCIATED).decode()
    return {**{k: v for k, v in context.items() if k != SEALED}, "access_code": code}


def erase_code(context: dict) -> dict:
    return {k: v for k, v in context.items() if k != SEALED}


# Where to use the new code (notifications.wording.HINTS), worded by the renderer in the reader's language with the
# portal's link; the code itself never goes into the link.
PORTAL_HINT = "code"
