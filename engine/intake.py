"""Filing: a new case is received, registered and its process started (STYLE.md rule 2).

An information request, an objection to it and the agency's side of a dispute are filed here; a
complaint in ``engine.complaints``, through the same checks (``check_filing``), the same new row
(``new_case``) and the same start (``start_case``). Each function validates, registers the case with
its number, appends its events and runs the new process to its first wait; it leaves the commit to
the caller, so nothing half-filed survives a failure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access, blind_index, chain, clock, files, kinds, languages, proxy_party, task_files, tickets
from engine.audit import EventLog
from engine.calendar import iso_day
from engine.errors import Invalid
from engine.messages import msg
from engine.models import Case, Party, User
from engine.run import CaseRun, RunResult
from engine.runtime import Runtime
from engine.subjects import subject_of
from engine.users import default_unit

# "medsos": a request sent by WhatsApp or social media, recorded by an officer; the requester is asked to confirm it
# through a formal channel (legal-process.md §3.1; engine.confirmations). Its clock runs from its receipt,
# as a telephoned request's does: the law names no later start.
CHANNELS = ("langsung", "web", "email", "pos", "telepon", "medsos")
# An objection is filed in writing (legal-process.md §4.2; Perki 1/2021 Pasal 39(3)): on the form in person, by
# letter, by e-mail or online. A telephone call or a WhatsApp message is not one: the desk helps the requester
# write it instead.
OBJECTION_CHANNELS = ("langsung", "web", "email", "pos")
OBJECTION_FILING = {"channels": OBJECTION_CHANNELS, "not_here": "objection_in_writing"}  # check_filing's arguments
# How far back a front-desk officer may record a paper request's real receipt (a typo guard).
OLDEST_RECORDED_RECEIPT = timedelta(days=366)
PAPER_SCAN = "pindaian_permohonan"  # the field of a paper request's scanned pages (PDF, PNG or JPEG)
REQUEST_FORM = "permohonan.json"  # the request's form: the portal's, the desk's, the API's
REQUEST_DETAILS = ("requester_type", "information", "purpose", "obtain_method", "delivery_method")
LOCALES = languages.LOCALES


def actor_name(user: User | None) -> str:
    """Who filed, as the case's history names them: the officer, or "pemohon" (never the requester's name)."""
    return user.username if user is not None else "pemohon"


@dataclass
class Submitted:
    case: Case
    access_code: str


def language_property(title: str, title_en: str) -> dict:
    """A form's choice of the language a requester or reporter is written to (``LOCALES``), titled in both."""
    names = {"id": "Bahasa Indonesia", "en": "English"}
    return {
        "type": "string",
        "title": title,
        "x-title-en": title_en,
        "enum": list(LOCALES),
        "x-enum-titles": names,
        "x-enum-titles-en": names,
    }


def with_locale(identity: dict, locale: str | None) -> dict:
    """The identity to seal, with the language its owner is written to in (kept in the vault with it)."""
    return {**identity, "locale": locale} if locale in LOCALES else dict(identity)


def submit_request(
    session: Session,
    rt: Runtime,
    payload: dict,
    *,
    user: User | None = None,
    channel: str | None = None,
    received_at: datetime | None = None,
    locale: str | None = None,
    scans: list[files.Upload] | None = None,
) -> Submitted:
    """Receive an information request (UU 14/2008 Pasal 22): register number, access code, T10 armed.

    The requester's identity goes to the vault; the case and its workflow hold only the party id.
    Only a front-desk officer may give the channel and the real receipt time of an offline request,
    and attach the paper request's scanned pages (``scans``: kept like any officer's file, the
    ``pindaian_permohonan`` field of the case's filing). ``locale`` is the language the requester
    filed in: their messages are written in it.
    """
    now = clock.now()
    if scans and user is None:
        raise Invalid("invalid_data", fields={PAPER_SCAN: [msg("officers_only")]})
    channel, received_at = check_filing(rt, REQUEST_FORM, payload, user, channel, received_at)
    rule = files.Rule(field=PAPER_SCAN, max_bytes=rt.settings.max_attachment_bytes)
    paper = task_files.Incoming({PAPER_SCAN: rule}, {PAPER_SCAN: files.check_rule(scans or [], rule)})

    party = store_requester(session, rt, with_locale(payload["requester"], locale))
    details = {k: payload[k] for k in REQUEST_DETAILS}
    # Filed by a proxy (legal-process.md §3.2): a party of its own (engine.proxy_data).
    proxy = proxy_party.store(session, rt, payload["kuasa"]) if payload.get("kuasa") else None
    if proxy is not None:
        details["kuasa_party_id"] = details["kuasa_pengaju_party_id"] = proxy.id
    local_year = received_at.astimezone(rt.calendars["strict"].tz).year
    ticket = tickets.next_ticket(session, kinds.series(kinds.REQUEST, rt.settings), local_year)
    code, code_hash = tickets.new_access_code()
    version_id = rt.latest_version_id(session, kinds.REQUEST)
    case = new_case(
        session,
        now,
        ticket=ticket,
        kind=kinds.REQUEST,
        process_version_id=version_id,
        unit_id=default_unit(session).id,
        status="diterima",
        requester_party_id=party.id,
        requester_type=payload["requester_type"],
        channel=channel,
        access_code_hash=code_hash,
        received_at=received_at,
        details=details,
    )
    proxy_party.link(session, case, proxy)
    log = EventLog(session)
    log.append(
        case,
        "request_submitted",
        actor_name(user),
        {"channel": channel, "received_at": received_at.isoformat(), **case.details},
    )
    start_case(
        session,
        rt,
        case,
        log,
        actor_name(user),
        {
            "case_id": case.id,
            "ticket": ticket,
            "received_at": received_at.isoformat(),
            "batas_kelengkapan_hari": rt.settings.completion_window_days,
            "unit_hari": rt.settings.unit_response_days,
            "hari_penyerahan": rt.settings.delivery_days,  # the delivery clock after payment (engine.fees)
            "penetap_pengecualian": rt.settings.exemption_lane,  # who determines exempt information
        },
    )
    if scans:
        _ids, rows = paper.store(session, rt, case, None, actor_name(user))
        log.append(case, "files_attached", actor_name(user), {"task_id": None, "files": task_files.described(rows)})
    return Submitted(case, code)


def check_filing(
    rt: Runtime,
    form: str,
    payload: dict,
    user: User | None,
    channel: str | None,
    received_at: datetime | None,
    channels: tuple[str, ...] = CHANNELS,
    require=access.require_front_desk,
    not_here: str | None = None,
) -> tuple[str, datetime]:
    """Checks common to every filing; only an officer (``require``) gives the channel and real receipt time.

    Returns the channel (``web`` unless an officer says otherwise) and the instant of receipt (now, unless
    an officer records a paper filing's real receipt). A date the filer gives (when they learned of a ground,
    when something happened) tells of the past: none may be after the day of receipt. ``not_here``: the message
    for a channel of requests that this filing does not take (an objection by telephone), instead of the list
    of those it does.
    """
    now = clock.now()
    if (channel is not None or received_at is not None) and user is None:
        raise Invalid("invalid_data", fields={"channel" if channel else "received_at": [msg("officers_only")]})
    if user is not None:
        require(user)
    fields: dict = {}
    _tidy(payload)
    try:  # the form's own errors and the checks below in one answer (a date to come was said a round later)
        rt.forms.validate(form, payload)
    except Invalid as invalid:
        fields.update(invalid.fields)
    if channel is not None and channel not in channels:
        known = not_here is not None and channel in CHANNELS
        fields["channel"] = [msg(not_here) if known else msg("one_of", choices=", ".join(channels))]
    if received_at is not None and (
        received_at.tzinfo is None or received_at > now or received_at < now - OLDEST_RECORDED_RECEIPT
    ):
        fields["received_at"] = [msg("past_receipt")]
    received_on = (received_at or now).astimezone(rt.calendars["strict"].tz).date()
    for name, value in _dates(rt.forms.schema(form), payload):
        day = iso_day(value) if name not in fields else None
        if day is not None and day > received_on:
            fields[name] = [msg("not_after_filing")]
    if (
        payload.get("delivery_method") == "email"
        and not _an_address(payload)
        and not fields.keys() & {"requester", "requester.email"}
    ):
        fields["requester.email"] = [msg("email_for_delivery")]
    if fields:
        raise Invalid("invalid_data", fields=fields)
    return channel or "web", received_at or now


PEOPLE = ("requester", "pemohon", "kuasa", "pelapor")  # the sections of a filing that name a person


def _tidy(payload: object) -> None:
    """A NIK and a phone number as people write them, read as the forms take them: "3171 2345 0789 0001" or
    "3171.2345.0789.0001" is the NIK's 16 digits, "0812.3456.7890" a number with its groups (both were refused)."""
    if not isinstance(payload, dict):
        return
    for section in (payload.get(name) for name in PEOPLE):
        if not isinstance(section, dict):
            continue
        nik = section.get("nik")
        if isinstance(nik, str) and len(digits := re.sub(r"[\s.-]", "", nik)) == 16 and digits.isdigit():
            section["nik"] = digits
        phone = section.get("phone")
        if isinstance(phone, str) and "." in phone:
            section["phone"] = phone.replace(".", " ")


def _dates(schema: dict, payload: object, prefix: str = ""):
    """(field path, value) of each date field of the form, those of its sections too (a proxy's letter)."""
    if not isinstance(payload, dict):
        return
    for name, node in schema.get("properties", {}).items():
        if node.get("format") == "date":
            yield prefix + name, payload.get(name)
        elif node.get("type") == "object":
            yield from _dates(node, payload.get(name), f"{prefix}{name}.")


def _an_address(payload: dict) -> bool:
    """An e-mail address the information can be sent to: the requester's, or their proxy's."""
    sections = (payload.get("requester"), payload.get("kuasa"))
    return any(isinstance(section, dict) and section.get("email") for section in sections)


def _not_objected_already(session: Session, request: Case, grounds: list[str]) -> None:
    """An objection still being handled on the same ground of the same request is the one to follow: a second
    filing (the status page's invitation, sent twice) gave the superior two registers for one objection. A ground
    not yet raised is an objection of its own (a lapse first, a refusal notice later)."""
    open_objections = session.scalars(
        select(Case).where(Case.parent_id == request.id, Case.kind == kinds.OBJECTION, Case.closed_at.is_(None))
    ).all()
    for objection in open_objections:
        same = sorted(set(grounds) & set((objection.details or {}).get("alasan") or ()))
        if same:
            raise Invalid(
                "objection_open",
                fields={"alasan": [msg("objection_open_on_ground", ticket=objection.ticket, grounds=", ".join(same))]},
            )


def file_objection(
    session: Session,
    rt: Runtime,
    payload: dict,
    request: Case,
    *,
    user: User | None = None,
    channel: str | None = None,
    received_at: datetime | None = None,
    locale: str | None = None,
) -> Case:
    """Receive an objection to the PPID's superior (UU 14/2008 Pasal 35-36; Perki 1/2021 Pasal 39-41).

    The objection is its own case with its own register number, linked to the request; the
    requester follows it with the request's access code. Its timeliness is computed on both
    calendars and recorded; a late objection is registered and flagged, never refused (§4.2).
    ``locale``: the language the requester filed it in, when they filed it themselves; the objection is written
    to in it (``engine.languages``), the request keeps its own.
    """
    channel, received_at = check_filing(rt, "keberatan.json", payload, user, channel, received_at, **OBJECTION_FILING)
    if request.kind != kinds.REQUEST:
        raise Invalid("objection_needs_request", fields={"ticket": [msg("not_a_request")]})
    _not_objected_already(session, request, payload["alasan"])
    discovered = payload.get("tanggal_alasan_ditemukan")
    discovered_on = date.fromisoformat(discovered) if discovered else None
    timing = chain.timeliness(rt, session, request, payload["alasan"], received_at, discovered_on)
    now = clock.now()
    proxy = proxy_party.store(session, rt, payload["kuasa"]) if payload.get("kuasa") else None
    year = received_at.astimezone(rt.calendars["strict"].tz).year
    ticket = tickets.next_ticket(session, kinds.series(kinds.OBJECTION, rt.settings), year)
    details = {
        "permohonan": request.ticket,
        "alasan": payload["alasan"],
        "kasus_posisi": payload["kasus_posisi"],
        "tujuan_penggunaan": payload.get("tujuan_penggunaan", request.details.get("purpose", "")),
        "ketepatan_waktu": timing,
        "kuasa_party_id": proxy.id if proxy else None,
        "kuasa_pengaju_party_id": proxy.id if proxy else None,  # who filed it, kept (engine.proxy_data.FILER_KEY)
        **languages.own_locale(_requester_identity(session, rt, request), locale),
    }
    if discovered:
        details["tanggal_alasan_ditemukan"] = discovered
    case = _linked_case(session, rt, request, kinds.OBJECTION, ticket, channel, received_at, details, now)
    proxy_party.link(session, case, proxy)
    log = EventLog(session)
    log.append(
        case,
        "objection_filed",
        actor_name(user),
        {"channel": channel, "received_at": received_at.isoformat(), "request": request.ticket, **details},
    )
    if timing["late"]:
        log.append(case, "objection_filed_late", "system", {"grounds": timing["grounds"]})
    log.append(request, "objection_filed", actor_name(user), {"objection": ticket, "alasan": payload["alasan"]})
    start_case(
        session,
        rt,
        case,
        log,
        actor_name(user),
        {
            "case_id": case.id,
            "ticket": ticket,
            "permohonan": request.ticket,
            "received_at": received_at.isoformat(),
            "alasan": payload["alasan"],
            "musyawarah_mungkin": bool(set(payload["alasan"]) & chain.AMICABLE_GROUNDS),  # the b-g part
            "terlambat_diajukan": timing["late"],
            "ketepatan_waktu": timing["verdict"],
        },
    )
    return case


def _requester_identity(session: Session, rt: Runtime, case: Case) -> dict:
    party = session.get(Party, case.requester_party_id) if case.requester_party_id is not None else None
    return rt.vault.read(party) if party is not None else {}


def record_dispute(session: Session, rt: Runtime, user: User, payload: dict) -> Case:
    """Record a Komisi Informasi summons: the agency's side of a dispute (Perki 1/2013; §5.3-§5.4).

    Linked to the objection (or, when the requester went straight to the KI, the request); the
    grounds default to the objection's.
    """
    access.require_front_desk(user)
    rt.forms.validate("sengketa.json", payload)
    parent = session.scalar(select(Case).where(Case.ticket == payload["perkara"].strip().upper()))
    if parent is None or parent.kind not in (kinds.REQUEST, kinds.OBJECTION):
        raise Invalid("case_unknown", fields={"perkara": [msg("objection_or_request_ticket")]})
    _check_not_recorded(session, parent, payload)
    grounds = payload.get("alasan") or parent.details.get("alasan")
    if not grounds:
        raise Invalid("invalid_data", fields={"alasan": [msg("required")]})
    now = clock.now()
    received_at = _instant(payload, "panggilan_diterima_at", now, past=True) or now
    hearing = _instant(payload, "sidang_pertama", now)
    tz = rt.calendars["strict"].tz
    filed_on = date.fromisoformat(payload["diajukan_ke_ki"])
    # The requester filed with the Commission before the summons reached the office, and the hearing follows.
    if filed_on > received_at.astimezone(tz).date():
        raise Invalid("invalid_data", fields={"diajukan_ke_ki": [msg("not_after_summons")]})
    if hearing is not None and hearing.astimezone(tz).date() < filed_on:
        raise Invalid("invalid_data", fields={"sidang_pertama": [msg("not_before_commission_filing")]})
    year = received_at.astimezone(tz).year
    ticket = tickets.next_ticket(session, kinds.series(kinds.DISPUTE, rt.settings), year)
    details = {
        "perkara": parent.ticket,
        "ki": payload["ki"],
        "nomor_register": payload["nomor_register"],
        "diajukan_ke_ki": payload["diajukan_ke_ki"],
        "sidang_pertama": payload["sidang_pertama"],
        "alasan": sorted(set(grounds)),
        # D14, a preceding objection and grounds it did not raise, checked now and flagged, never refused.
        "keterterimaan": chain.admissibility(
            rt, session, parent, date.fromisoformat(payload["diajukan_ke_ki"]), sorted(set(grounds))
        ),
        # K14: did the Commission start within 14 working days? The summons' first hearing says (information).
        "mulai_penyelesaian": chain.commission_start(rt, payload["diajukan_ke_ki"], payload["sidang_pertama"]),
        # The requester is written to in the language of the objection the dispute is about (engine.languages).
        **{k: v for k, v in (parent.details or {}).items() if k == languages.LOCALE},
    }
    case = _linked_case(session, rt, parent, kinds.DISPUTE, ticket, "pos", received_at, details, now)
    log = EventLog(session)
    log.append(case, "dispute_recorded", user.username, {"received_at": received_at.isoformat(), **details})
    log.append(
        parent, "dispute_recorded", user.username, {"dispute": ticket, "nomor_register": payload["nomor_register"]}
    )
    start_case(
        session,
        rt,
        case,
        log,
        user.username,
        {
            "case_id": case.id,
            "ticket": ticket,
            "received_at": received_at.isoformat(),
            "mediasi_mungkin": bool(set(details["alasan"]) & chain.AMICABLE_GROUNDS),  # the b-g part
            "keterterimaan_ringkas": chain.admissibility_text(details["keterterimaan"]),
            "hari_pelaksanaan_putusan": rt.settings.compliance_days,  # the compliance clock when no date is set
            **{k: details[k] for k in ("ki", "nomor_register", "diajukan_ke_ki", "sidang_pertama", "alasan")},
        },
    )
    return case


def _instant(payload: dict, field: str, now: datetime, past: bool = False) -> datetime | None:
    """An ISO 8601 instant with its time zone (jsonschema leaves "date-time" unchecked without extras)."""
    if not payload.get(field):
        return None
    try:
        value = datetime.fromisoformat(payload[field])
    except ValueError:
        value = None
    if value is None or value.tzinfo is None or (past and value > now):
        raise Invalid("invalid_data", fields={field: [msg("past_iso_instant" if past else "iso_instant")]})
    return value


def _check_not_recorded(session: Session, parent: Case, payload: dict) -> None:
    """One summons is one dispute: the same Commission's register number anywhere in the chain (the request, its
    objections), or a dispute of the chain still open, is the summons recorded twice (a dispute withdrawn or
    decided may be registered anew)."""
    register = (payload["ki"].strip().casefold(), payload["nomor_register"].strip().casefold())
    for dispute in (c for c in chain.members(session, parent) if c.kind == kinds.DISPUTE):
        recorded = (
            dispute.details.get("ki", "").strip().casefold(),
            dispute.details.get("nomor_register", "").strip().casefold(),
        )
        if recorded == register:
            raise Invalid("invalid_data", fields={"nomor_register": [msg("summons_recorded", ticket=dispute.ticket)]})
        if dispute.closed_at is None:
            raise Invalid("invalid_data", fields={"perkara": [msg("dispute_open", ticket=dispute.ticket)]})


def _linked_case(session, rt, parent, kind, ticket, channel, received_at, details, now) -> Case:
    return new_case(
        session,
        now,
        ticket=ticket,
        kind=kind,
        parent_id=parent.id,
        process_version_id=rt.latest_version_id(session, kind),
        unit_id=parent.unit_id,
        status="diterima",
        requester_party_id=parent.requester_party_id,
        requester_type=parent.requester_type,
        channel=channel,
        access_code_hash=parent.access_code_hash,  # the requester's one code follows the whole chain
        pending_code_hash=parent.pending_code_hash,  # and a new one mailed for it, not used yet (engine.lost_codes)
        received_at=received_at,
        details=details,
    )


def store_requester(session: Session, rt: Runtime, identity: dict) -> Party:
    """A PPID requester's identity into the vault, with its blind index (found by name or NIK in the inbox)."""
    party = rt.vault.store(session, "requester", identity)
    blind_index.index_party(session, blind_index.search_key(rt.settings), party, identity, new=True)
    return party


def new_case(session: Session, now: datetime, **fields) -> Case:
    """A new case row, flushed so that it has its id; it has no workflow, deadlines or tasks yet."""
    # Filling workflow_state, deadlines and tasks up front means reading them later needs no query.
    fields.setdefault("subject", subject_of(fields["kind"], fields.get("details") or {}))
    case = Case(created_at=now, updated_at=now, workflow_state=None, deadlines=[], tasks=[], **fields)
    session.add(case)
    session.flush()
    return case


def start_case(session: Session, rt: Runtime, case: Case, log: EventLog, actor: str, data: dict) -> RunResult:
    """Start the case's process with ``data``, run it to its first wait, record what it reached."""
    return CaseRun.new(session, rt, case, actor, data, log=log).close()
