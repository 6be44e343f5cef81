"""An objection to a request that was never registered (issue 13, point 8; UU 14/2008 Pasal 35(1)(b)).

A request refused at the desk has no ticket, yet the requester may object (ground b): the objection is
its own case, with its own register number and access code, the requester's identity in the vault,
and no parent. Its window runs from the date the requester states they found the ground (Pasal 36(1)),
on the lenient reading; a late one is registered and flagged, never refused (legal-process.md §4.2).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from engine import chain, clock, kinds, proxy_party, tickets
from engine.audit import EventLog
from engine.intake import (
    OBJECTION_FILING,
    Submitted,
    actor_name,
    check_filing,
    new_case,
    start_case,
    store_requester,
    with_locale,
)
from engine.models import User
from engine.runtime import Runtime
from engine.users import default_unit

FORM = "keberatan_tanpa_permohonan.json"
GROUNDS = ["b"]
NO_REQUEST = "-"  # what the objection's process names as its request


def file_objection_without_request(
    session: Session,
    rt: Runtime,
    payload: dict,
    *,
    user: User | None = None,
    channel: str | None = None,
    received_at: datetime | None = None,
    locale: str | None = None,
) -> Submitted:
    """Receive an objection on ground b with no registered request: ticket and access code (shown once)."""
    channel, received_at = check_filing(rt, FORM, payload, user, channel, received_at, **OBJECTION_FILING)
    tz = rt.calendars["strict"].tz
    discovered_on = date.fromisoformat(payload["tanggal_alasan_ditemukan"])  # not after the filing (check_filing)
    timing = chain.timeliness(rt, session, None, GROUNDS, received_at, discovered_on)
    now = clock.now()
    party = store_requester(session, rt, with_locale(payload["pemohon"], locale))
    proxy = proxy_party.store(session, rt, payload["kuasa"]) if payload.get("kuasa") else None
    ticket = tickets.next_ticket(session, kinds.series(kinds.OBJECTION, rt.settings), received_at.astimezone(tz).year)
    code, code_hash = tickets.new_access_code()
    details = {
        "permohonan": None,
        "alasan": GROUNDS,
        "informasi_yang_diminta": payload["informasi_yang_diminta"],
        "kasus_posisi": payload["kasus_posisi"],
        "tujuan_penggunaan": payload.get("tujuan_penggunaan", ""),
        "tanggal_alasan_ditemukan": discovered_on.isoformat(),
        "ketepatan_waktu": timing,
        "kuasa_party_id": proxy.id if proxy else None,
        "kuasa_pengaju_party_id": proxy.id if proxy else None,  # who filed it, kept (engine.proxy_data.FILER_KEY)
    }
    case = new_case(
        session,
        now,
        ticket=ticket,
        kind=kinds.OBJECTION,
        process_version_id=rt.latest_version_id(session, kinds.OBJECTION),
        unit_id=default_unit(session).id,
        status="diterima",
        requester_party_id=party.id,
        requester_type=payload.get("requester_type", "perorangan"),
        channel=channel,
        access_code_hash=code_hash,
        received_at=received_at,
        details=details,
    )
    proxy_party.link(session, case, proxy)
    log = EventLog(session)
    log.append(
        case,
        "objection_filed",
        actor_name(user),
        {"channel": channel, "received_at": received_at.isoformat(), "request": None, **details},
    )
    if timing["late"]:
        log.append(case, "objection_filed_late", "system", {"grounds": timing["grounds"]})
    start_case(
        session,
        rt,
        case,
        log,
        actor_name(user),
        {
            "case_id": case.id,
            "ticket": ticket,
            "permohonan": NO_REQUEST,
            "received_at": received_at.isoformat(),
            "alasan": GROUNDS,
            "musyawarah_mungkin": True,
            "terlambat_diajukan": timing["late"],
            "ketepatan_waktu": timing["verdict"],
        },
    )
    return Submitted(case, code)
