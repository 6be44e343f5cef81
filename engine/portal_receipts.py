"""A portal filing's receipt kept on the server for minutes, named by a random id (``PortalReceipt``).

The receipt shows the ticket, the access code and, for a complaint, how the reporter is protected. It waited in
Flask's session cookie, which is signed, not encrypted: anyone holding the device could read it, and a copy of the
cookie showed it again. Now the cookie carries only a random 256-bit id; the row holds its SHA-256 and the receipt
sealed by the vault, bound to that hash (a row copied under another id does not open). What the portal keeps
(api.web.portal.receipts, api.web.portal.repeats):

- the receipt waiting to be shown after the POST (post/redirect/get): taken, and so deleted, when the receipt
  page shows it, so a copy of the cookie made before shows nothing after;
- the receipt of each recent filing, shown again to the same form sent twice for ``repeats.REPEAT_WINDOW``
  seconds, then deleted (or when the visitor closes their case on this device).

Rows past their time are deleted whenever one is written; the caller commits.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from engine import clock
from engine.models import PortalReceipt
from engine.vault import Vault

ID_BYTES = 32
ASSOCIATED = b"portal-receipt:"  # + the id's hash: the seal opens only for the row it was made for


def _hash(receipt_id: str) -> str:
    return hashlib.sha256(receipt_id.encode("utf-8", "replace")).hexdigest()


def keep(session: Session, vault: Vault, receipt: dict, seconds: int) -> str:
    """Keep ``receipt`` (JSON values) sealed for ``seconds``; returns the id to put in the cookie."""
    now = clock.now()
    session.execute(delete(PortalReceipt).where(PortalReceipt.expires_at <= now))
    receipt_id = secrets.token_urlsafe(ID_BYTES)
    id_hash = _hash(receipt_id)
    kid, blob = vault.seal(receipt, associated=ASSOCIATED + id_hash.encode())
    session.add(PortalReceipt(id_hash=id_hash, key_id=kid, sealed=blob, expires_at=now + timedelta(seconds=seconds)))
    session.flush()
    return receipt_id


def read(session: Session, vault: Vault, receipt_id: str | None) -> dict | None:
    """The receipt kept under this id, or None (unknown, deleted or past its time)."""
    if not isinstance(receipt_id, str) or not receipt_id or len(receipt_id) > 2 * ID_BYTES:
        return None
    row = session.get(PortalReceipt, _hash(receipt_id))
    if row is None or row.expires_at <= clock.now():
        return None
    return vault.open(row.key_id, row.sealed, associated=ASSOCIATED + row.id_hash.encode())


def take(session: Session, vault: Vault, receipt_id: str | None) -> dict | None:
    """The receipt kept under this id, deleted as it is read: shown once."""
    receipt = read(session, vault, receipt_id)
    drop(session, [receipt_id])
    return receipt


def drop(session: Session, receipt_ids) -> None:
    """Delete the receipts kept under these ids (unknown ones are ignored)."""
    hashes = [_hash(i) for i in receipt_ids if isinstance(i, str) and i]
    if hashes:
        session.execute(delete(PortalReceipt).where(PortalReceipt.id_hash.in_(hashes)))
