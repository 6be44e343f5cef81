"""Logins that end when they are ended: server-side sessions for pages, API tokens and the portal.

A session is a row (``AuthSession``) named by the SHA-256 of a random 256-bit id; the browser's cookie
or the API token carries the id. A request whose row is gone or expired is not logged in, so a copied
cookie or token stops working the moment its owner logs out, closes the case on the device, or an
administrator ends the officer's sessions (``kawal users end-sessions``, a password reset, a
deactivation), or the officer changes their own password (every session but the one they changed it in, which
goes on under a new id: ``rotate``).
Rows of sessions that have expired are pruned at every new login.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session, joinedload

from engine import clock, runtime, stand_ins
from engine.models import AuthSession, User

KINDS = ("web", "api", "portal")
ID_BYTES = 32


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8", "replace")).hexdigest()


def open_session(
    session: Session,
    kind: str,
    lifetime_seconds: int,
    user: User | None = None,
    second_factor: bool = False,
    data: dict | None = None,
) -> str:
    """A new session; returns its id (shown to the caller once, stored only as a hash). The caller commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown session kind {kind!r}")
    now = clock.now()
    session.execute(delete(AuthSession).where(AuthSession.expires_at <= now))
    session_id = secrets.token_urlsafe(ID_BYTES)
    session.add(
        AuthSession(
            id_hash=_hash(session_id),
            kind=kind,
            user_id=user.id if user is not None else None,
            second_factor=second_factor,
            data=data,
            created_at=now,
            expires_at=now + timedelta(seconds=lifetime_seconds),
        )
    )
    session.flush()
    return session_id


def find(session: Session, kind: str, session_id: str | None) -> AuthSession | None:
    """The open session of ``kind`` with this id, or ``None`` (unknown, ended or expired)."""
    if not session_id or len(session_id) > 2 * ID_BYTES:
        return None
    row = session.get(AuthSession, _hash(session_id))
    if row is None or row.kind != kind or row.expires_at <= clock.now():
        return None
    return row


# Built once: every API request and page runs it. Besides the session and its officer (with their groups) it reads
# what the request asks next in any case, each a small indexed aggregate, so that they cost no statement of
# their own: whether anyone is on leave (engine.stand_ins) and the holiday overrides' signature
# (Runtime.refresh_overrides). Both are read afresh by every request, as before: another process may have
# changed them.
_WITH_USER = (
    select(AuthSession, User, stand_ins.FIRST_LEAVE_COLUMN, *runtime.OVERRIDES_SIGNATURE_COLUMNS)
    .join(User, User.id == AuthSession.user_id)
    .options(joinedload(User.groups))
    .where(AuthSession.id_hash == bindparam("id_hash"))
)


def find_with_user(session: Session, kind: str, session_id: str | None) -> tuple[AuthSession, User] | None:
    """``find`` and the session's officer in one query (an API request's or page's first read); else ``None``."""
    if not session_id or len(session_id) > 2 * ID_BYTES:
        return None
    now = clock.now()
    found = session.execute(_WITH_USER, {"id_hash": _hash(session_id), "now": now}).unique().first()
    if found is None or found[0].kind != kind or found[0].expires_at <= now:
        return None
    # On the usual day nobody is away: the officer's groups then need no read of their leaves.
    stand_ins.note_first_leave(session, found[2], now)
    runtime.note_override_signature(session, found[3:])
    return found[0], found[1]


def extend(row: AuthSession, lifetime_seconds: int) -> None:
    """Keep a sliding session (the portal's) open for another ``lifetime_seconds`` from now."""
    row.expires_at = clock.now() + timedelta(seconds=lifetime_seconds)


def end(session: Session, session_id: str | None) -> None:
    """End one session (logout, "close my case on this device"); unknown ids are ignored."""
    if session_id:
        session.execute(delete(AuthSession).where(AuthSession.id_hash == _hash(session_id)))


def end_row(session: Session, row: AuthSession | None) -> None:
    """End the session a request came with (its id is not at hand, only its row)."""
    if row is not None:
        session.execute(delete(AuthSession).where(AuthSession.id_hash == row.id_hash))


def end_all(session: Session, user: User) -> int:
    """End every page session and API token of an officer; returns how many were open."""
    return session.execute(delete(AuthSession).where(AuthSession.user_id == user.id)).rowcount


def end_others(session: Session, user: User, kept: str) -> int:
    """End every page session and API token of an officer but the one whose row is named ``kept`` (the request's
    own: an officer who changed their password goes on where they changed it); returns how many ended."""
    others = delete(AuthSession).where(AuthSession.user_id == user.id, AuthSession.id_hash != kept)
    return session.execute(others).rowcount


def rotate(session: Session, row: AuthSession) -> str:
    """The same login under a new id: its kind, officer, second factor, data and end are kept, the old id opens
    nothing from now on (a copy of the cookie or token taken before does not survive an officer's own change of
    password). Returns the new id, shown to the caller once; the caller commits."""
    session_id = secrets.token_urlsafe(ID_BYTES)
    renewed = AuthSession(
        id_hash=_hash(session_id),
        kind=row.kind,
        user_id=row.user_id,
        second_factor=row.second_factor,
        data=row.data,
        created_at=row.created_at,
        expires_at=row.expires_at,
    )
    end_row(session, row)
    session.add(renewed)
    session.flush()
    return session_id


def count_open(session: Session, user: User) -> int:
    now = clock.now()
    return len(
        session.scalars(
            select(AuthSession.id_hash).where(AuthSession.user_id == user.id, AuthSession.expires_at > now)
        ).all()
    )
