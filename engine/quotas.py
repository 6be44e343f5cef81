"""What the public may send, counted in the database so every web process sees the same numbers.

Without an account anyone can file and, with a ticket's access code, send messages with attachments;
unlimited, that fills the disk (5 x 10 MiB a message, hundreds of MiB a minute). So:

- filings from one address: ``quota_filings_per_hour`` (requests, objections, complaints filed by the
  public; officers recording paper filings are not counted);
- a reporter's messages: ``quota_messages_per_day`` and ``quota_bytes_per_day`` of attachments, per
  case and per address;
- before any attachment is written, the disk holding ``KAWAL_FILES_DIR`` must keep ``min_free_bytes``
  free afterwards, else the upload is refused (507) and an incident tells the administrators;
- a key refused ``quota_incident_after`` times within a day opens an incident (once while it is open).

Counts are ``Tally`` rows, written in the transaction of the filing or message they count (a refused
or failed one is not counted) and pruned after a day. A caller's address is kept only as an HMAC under
the app's secret (``address_key``), never as typed: the anonymous channel records no address.

A refusal raises after adding its own tally row; the boundary commits before answering, so the
refusal is counted too.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from engine import clock
from engine.config import Settings
from engine.errors import KawalError, TooMany
from engine.models import Case, Incident, Tally

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
KEEP = DAY  # the longest window any count looks back


class QuotaExceeded(TooMany):
    code = "quota_exceeded"


class InsufficientStorage(KawalError):
    """The server cannot store the upload now (RFC 4918 §11.5); nothing was written."""

    code = "insufficient_storage"  # 507 (api.errors)


IPV6_CLIENT_PREFIX = 64  # the network one IPv6 client holds (RFC 6177: a /64 at least to every subscriber)


def counted_address(address: str | None) -> str | None:
    """``address`` as one client's: an IPv6 address as its /64 network, an IPv4-mapped one as its IPv4 address;
    an IPv4 address, or what is no IP address (a text's sender, none), as it is."""
    try:
        ip = ipaddress.ip_address((address or "").split("%")[0])  # a zone id (fe80::1%eth0) names no other client
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/{IPV6_CLIENT_PREFIX}", strict=False))


def address_key(settings: Settings, address: str | None) -> str:
    """A public caller's address as counted: one client's (``counted_address``: every quota, the wrong codes, the
    lost-code requests alike), as a keyed hash, so the table never holds the address itself."""
    counted = counted_address(address)
    digest = hmac.new(settings.secret_key.encode(), (counted or "unknown").encode(), hashlib.sha256)
    return "addr:" + digest.hexdigest()[:32]


def count(session: Session, kind: str, key: str, since: datetime) -> int:
    return session.scalar(select(func.count()).where(Tally.kind == kind, Tally.key == key, Tally.at > since)) or 0


def total(session: Session, kind: str, key: str, since: datetime) -> int:
    return (
        session.scalar(select(func.sum(Tally.amount)).where(Tally.kind == kind, Tally.key == key, Tally.at > since))
        or 0
    )


def add(session: Session, kind: str, key: str, amount: int = 1) -> None:
    """Count one use; rows older than a day go at the same time (the index on ``at`` keeps that cheap)."""
    now = clock.now()
    session.execute(delete(Tally).where(Tally.at <= now - KEEP))
    session.add(Tally(kind=kind, key=key, amount=amount, at=now))
    session.flush()


def retry_after(session: Session, kind: str, key: str, window: timedelta) -> int:
    """Seconds until the oldest counted use leaves the window (and frees one)."""
    now = clock.now()
    oldest = session.scalar(
        select(func.min(Tally.at)).where(Tally.kind == kind, Tally.key == key, Tally.at > now - window)
    )
    if oldest is None:
        return 1
    return max(1, math.ceil((oldest + window - now).total_seconds()))


def admit_filing(session: Session, settings: Settings, address: str | None) -> None:
    """Count a public filing from ``address``, or refuse it (QuotaExceeded) past the hourly quota."""
    key = address_key(settings, address)
    if count(session, "filing", key, clock.now() - HOUR) >= settings.quota_filings_per_hour:
        refuse(
            session,
            settings,
            "filing",
            key,
            retry_after(session, "filing", key, HOUR),
            "too_many_filings",
        )
    add(session, "filing", key)


def admit_message(session: Session, settings: Settings, case: Case, address: str | None, size: int) -> None:
    """Count a reporter's message of ``size`` attachment bytes, or refuse it (quota, or the disk nearly full)."""
    since = clock.now() - DAY
    keys = (f"case:{case.id}", address_key(settings, address))
    for key in keys:
        if count(session, "message", key, since) >= settings.quota_messages_per_day:
            refuse(
                session,
                settings,
                "message",
                key,
                retry_after(session, "message", key, DAY),
                "message_limit_reached",
            )
        if size and total(session, "bytes", key, since) + size > settings.quota_bytes_per_day:
            refuse(
                session,
                settings,
                "bytes",
                key,
                retry_after(session, "bytes", key, DAY),
                "attachment_limit_reached",
            )
    if size:
        require_space(session, settings, size)
    for key in keys:
        add(session, "message", key)
        if size:
            add(session, "bytes", key, size)


def free_bytes(directory: Path) -> int:
    """Free space on the disk that holds ``directory`` (or would hold it, before it exists)."""
    path = Path(directory).resolve()
    while not path.exists():
        path = path.parent
    return shutil.disk_usage(path).free


def require_space(session: Session, settings: Settings, size: int) -> None:
    """Refuse an upload that would leave less than ``min_free_bytes`` free; tell the administrators once."""
    # Sealing adds a nonce and a tag per file; a megabyte of headroom covers them and the directory entries.
    if free_bytes(settings.files_dir) - size - 1024 * 1024 >= settings.min_free_bytes:
        return
    _incident(session, "storage:files", "the disk of KAWAL_FILES_DIR is nearly full: uploads are refused", 1)
    session.flush()
    raise InsufficientStorage("storage_full")


def refuse(session: Session, settings: Settings, kind: str, key: str, wait: int, message: str) -> None:
    """Count the refusal (an incident past ``quota_incident_after``) and raise ``message`` (a message code)."""
    subject = f"{kind}:{key}"
    add(session, "refused", subject)
    refusals = count(session, "refused", subject, clock.now() - DAY)
    if refusals >= settings.quota_incident_after:
        _incident(session, f"quota:{subject}", f"{kind} quota refused {refusals} times within a day", refusals)
    session.flush()
    raise QuotaExceeded(message, retry_after=wait)


def _incident(session: Session, subject: str, message: str, attempts: int) -> None:
    """An incident for the administrators, unless one for ``subject`` is open already."""
    subject = subject[:100]
    if session.scalar(select(Incident.id).where(Incident.subject == subject, Incident.resolved_at.is_(None))) is None:
        session.add(Incident(subject=subject, message=message, attempts=attempts, created_at=clock.now()))
