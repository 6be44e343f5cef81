"""A requester who lost the access code gets a new one, sent to the e-mail or phone on file (issue 11, point 7).

The answer is the same whether or not the ticket exists, has a contact a configured channel reaches (e-mail by
SMTP, a phone by the webhook gateway; else nothing changes), or was asked for too often: the page never tells a
stranger anything about a ticket. Tickets are sequential, so anyone may ask for any of them; what a stranger's
request can do is bounded:

- It ends nothing. The new code waits (``Case.pending_code_hash``) while the old one keeps working; the first use
  of the new code makes it the case's code and ends the old one on every case of its chain
  (``casework.find_by_code``). Before, each request ended the old code at once, so whoever knew a ticket shut its
  owner out until they found the mail. A code that leaked can still be ended: its owner asks for a new one and
  uses it. A code the office gives meanwhile (``casework.reissue_access_code``) replaces the waiting one too.
- A ticket gets at most one new-code message per ``PER_CASE_WINDOW``, whoever asks (each one still opens the case:
  the latest waiting code is the one that works). Asking is counted per address too (a refusal says "try later",
  like every quota).
- A complaint's new code goes only to a request that also names the e-mail address or phone number its reporter
  gave (``names_contact``). A confidential or whistleblower reporter's contact is the secret their mode keeps, and
  a message sent at a stranger's chosen moment shows it to whoever watches the mailbox's server: an office
  address's mail server, for a reporter who gave their office e-mail (the complaint form now advises a private
  one). Asking with the ticket alone would make that server point at the reporter; naming the contact needs
  the very identity it would reveal. A request for information keeps its ticket alone: its requester's identity
  is no secret of the process. Which kind a ticket is, its series says to anyone (ADU-), so asking for the
  contact tells nothing about the case.

A request filed through a proxy whose requester left no contact a configured channel reaches (a phone, and no SMS
gateway) gets its new code at the e-mail of the proxy in office (``proxy_reachable``), who acts for the requester
under the special power of attorney and filed with the code: the message is marked as the requester's, sent to
them as the proxy (notifications.rendering.PROXY_NOTE). Never to a proxy whose power has ended (engine.proxy_data
gives the chain a new code then, for the same reason), nor to one the requester's own contact reaches instead.

The new code travels only in the outbox row that sends it, sealed by the vault (``SEALED``); delivery opens it
to write the message and then erases it (``notifications.delivery``), so no table keeps a readable code and
no link ever carries one. The case keeps only its hash.
"""

from __future__ import annotations

import base64
import hmac

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import chain, clock, kinds, proxy_party, quotas, tickets
from engine.casework import NEW_CODE_USED
from engine.models import Case, Party
from engine.outbox import Outbox
from engine.pii_scan import normalize_phone
from engine.runtime import Runtime

EVENT = "access_code_resent"
SEALED = "sealed_access_code"  # the context key of the sealed code: [key id, base64 blob]
ASSOCIATED = b"access-code"  # binds the blob to its use: a sealed identity cannot be opened as a code
PER_ADDRESS_PER_HOUR = 5  # requests from one address, whatever the tickets
PER_CASE_WINDOW = quotas.DAY  # one new code a case in it; past it the request is answered the same and does nothing
USED_REASON = NEW_CODE_USED  # the history's reason when the new code is first used (access_code_reissued)


# What each channel carries a message to. The log channel writes no message body: a new code "sent" there, or to
# a contact no configured channel reaches (a phone without an SMS gateway), would never arrive; nothing is sent
# (the old code works on regardless, but a message that never arrives tells the requester nothing either).
REACHES = {"smtp": "email", "webhook": "phone"}


def reachable(channels, identity: dict) -> bool:
    """Whether a configured channel carries a message to a contact the requester left."""
    return any(identity.get(REACHES[channel]) for channel in channels if channel in REACHES)


def names_contact(identity: dict, contact: str | None) -> bool:
    """Whether ``contact`` is the e-mail address or phone number on file, as people write them (case, spaces,
    ``0812-...`` or ``+62 812 ...``). Both are compared every time, in constant time."""
    given = (contact or "").strip()
    email = (identity.get("email") or "").strip().lower()
    phone = normalize_phone(identity.get("phone") or "")
    by_email = hmac.compare_digest(email.encode(), given.lower().encode()) and bool(email)
    by_phone = hmac.compare_digest(phone.encode(), normalize_phone(given).encode()) and bool(phone)
    return by_email or by_phone


def send_new_code(
    session: Session, rt: Runtime, ticket: str | None, address: str | None, contact: str | None = None
) -> None:
    """Count the request; for a case whose requester left an e-mail or phone (and, for a complaint, whose
    ``contact`` names it), send a new code that waits for its first use. The old one keeps working until then."""
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
    to_proxy = not reachable(settings.notify_channels, identity)
    if to_proxy and not proxy_reachable(session, rt, case):
        return
    if case.kind == kinds.COMPLAINT and not names_contact(identity, contact):
        return
    per_case = f"case:{case.id}"
    if quotas.count(session, "code_resend", per_case, clock.now() - PER_CASE_WINDOW) >= 1:
        return
    quotas.add(session, "code_resend", per_case)
    code, code_hash = tickets.new_access_code()
    for member in chain.members(session, case):  # the cases the current code opens (an objection follows its request)
        if member.access_code_hash == case.access_code_hash:
            member.pending_code_hash = code_hash  # a code still waiting from before is replaced: the latest works
    session.flush()
    send_code(session, rt, case, code, EVENT, to_proxy=to_proxy)


def proxy_reachable(session: Session, rt: Runtime, case: Case) -> bool:
    """Whether the case has a proxy in office (not one whose power of attorney ended; never a complaint's) with an
    e-mail, and mail is configured: the proxy's messages go by e-mail only (engine.outbox.PROXY_CHANNELS)."""
    proxy = proxy_party.party_id(case)
    if proxy is None or "smtp" not in rt.settings.notify_channels:
        return False
    return bool(rt.vault.read(session.get(Party, proxy)).get("email"))


def send_code(session: Session, rt: Runtime, case: Case, code: str, event: str, to_proxy: bool = False) -> None:
    """Send ``code`` to the case's requester in the message ``event``, sealed in its outbox row (``SEALED``);
    ``to_proxy``: to the proxy in office instead, as their own mail saying it reached them as the proxy."""
    kid, blob = rt.vault.seal_bytes(code.encode(), ASSOCIATED)
    outbox = Outbox(session, rt.settings.notify_channels)
    context = {"deadline": None, "portal_hint": PORTAL_HINT, SEALED: [kid, base64.b64encode(blob).decode()]}
    cause = f"code{clock.now().timestamp():.6f}"
    if to_proxy:
        outbox.to_proxy(case, event, cause, context)
    else:
        outbox.to_requester(case, event, cause, context)
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
