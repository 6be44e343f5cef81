"""Telling a requester's or reporter's former e-mail address or phone that it was replaced.

A message to a requester is addressed when it is sent, to the contact on file (notifications.delivery), so the
notice of a changed contact reaches only the new one: whoever changed it (a stranger who learned the access code
redirecting a reporter's messages) would be the only one told. The former address is told too, once: it is sealed
by the vault into that one outbox row (never readable in the database, bound to this use), opened only to send the
message and erased once it is sent or skipped, as a resent access code is (engine.lost_codes).
"""

from __future__ import annotations

import base64

from engine.lost_codes import REACHES
from engine.models import Case
from engine.outbox import Outbox
from engine.runtime import Runtime

SEALED = "sealed_recipient"  # the context key of the sealed former address: [key id, base64 blob]
ASSOCIATED = b"former-contact"  # a sealed identity or access code cannot be opened as an address, nor this as those


def tell(outbox: Outbox, rt: Runtime, case: Case, event: str, cause: str, before: dict, after: dict, context: dict):
    """Add ``event``'s message, with ``former`` true, to each contact of ``before`` that ``after`` replaced or
    removed, on the channel that reaches it."""
    for channel in outbox.channels:
        field = REACHES.get(channel)
        former = before.get(field) if field else None
        if not former or former == after.get(field):
            continue
        kid, blob = rt.vault.seal_bytes(former.encode("utf-8"), ASSOCIATED)
        sealed = {**context, "former": True, SEALED: [kid, base64.b64encode(blob).decode()]}
        outbox.to_former_contact(case, event, f"{cause}:former", channel, sealed)


def recipient(rt: Runtime, context: dict) -> str | None:
    """The former address a row was written for, or None for a row addressed to the contact on file."""
    sealed = context.get(SEALED)
    if not sealed:
        return None
    kid, blob = sealed
    return rt.vault.open_bytes(kid, base64.b64decode(blob), ASSOCIATED).decode("utf-8")


def erase(context: dict) -> dict:
    return {k: v for k, v in context.items() if k != SEALED}
