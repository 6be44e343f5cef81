"""Correcting a PPID requester's data: their name, NIK, address, contacts and type, as the vault holds them.

A requester may have their personal data corrected (UU 27/2022: the data subject's right to rectification; the
controller acts within 3 x 24 hours of the request, ecosystem-reliability.md C.6), and a desk officer who typed an
address wrong must be able to mend it before the letters and messages go astray. The PPID desk
(``access.REQUEST_STAFF``) corrects it from any case of the chain; the chain's cases share one party, so the
request, its objection and its dispute all read the new data.

- The whole identity is given again, as the request form asks for it (``forms/permohonan.json``'s ``requester``
  and ``requester_type``, checked by the same rules: an individual's NIK is 16 digits, an e-mail or a phone);
  with one of ``REASONS``. A field left out is removed (a phone number the requester no longer has). The language
  the requester is written to (``locale``: their messages and letters; a request filed at the desk starts in the
  language its form chose, Bahasa Indonesia unless English) may change too; left out, it stays.
- The party is sealed again (with the vault's current key) and its blind index rewritten, so the inbox finds
  the requester by the new name or NIK and no longer by the old one.
- Each case of the chain that names the party records ``requester_data_corrected`` in its history: who, why, and
  the names of the fields that changed, never their old or new values (an export of the history carries no
  personal data).
- The requester is told which data changed, at their contacts as they now stand (``requester_data_corrected``:
  messages are addressed when they are sent), and once at an e-mail or phone the correction replaced
  (engine.former_contacts). Messages still waiting to go out go to the new contacts too.
- Letters already issued keep what they printed: a letter of record is never rewritten (a correction of the
  letter, engine.letters, prints the data as it now stands).
- A corrected requester type is the case's (``Case.requester_type``, a request's filed details) on each case of the
  chain, and their facts are refreshed: the registers and the yearly report count the requester as now recorded.
- Nothing that did not change is recorded: the same form sent twice records one correction.

The requester may ask for it themselves (``ask``), with their ticket and access code: the API takes their data in
full; the portal's form (``portal_schema``) takes only what should change, a field left blank keeping what is on
file and an optional one removed only when ticked (``completed``; the portal never shows what is on file). What
they ask is sealed in full in a ``RequesterCorrection`` until the desk answers within
``ANSWER_WITHIN`` (3 x 24 hours, clock time: the law counts hours, not working days). The desk applies it through
``correct`` (``request_id``; it may mend what the requester typed) or ``refuse``s it with a reason the requester is
sent. The desk is told when it is asked and reminded once in its last ``REMIND_BEFORE``; the inbox and the case
page list what waits, overdue ones marked, and once overdue the PPID (the desk's superior) is told, once (both
``sweep``, from reconcile). A request for what is on file already is answered all the same (``UNCHANGED``).

The desk also gives the requester a copy of the personal data Kawal holds of them (``copy``; UU 27/2022, the right
of access): their identity as recorded with the case's chain, its cases, the letters and messages addressed to
them, and their requests to correct. The copy is recorded in the history, never its content. Each request stores
its own record of the requester, and the copy holds only the chain's: joining other requests by the same NIK
(the blind index could) would hand whoever filed with someone else's NIK that person's addresses and phones.

A complaint's reporter is not corrected here: their identity is sealed from the officers who work the case
(engine.complaints).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from engine import access, blind_index, chain, clock, facts, former_contacts, kinds, languages
from engine.audit import EventLog
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.forms import errors_in
from engine.intake import REQUEST_FORM, language_property
from engine.messages import msg
from engine.models import Case, Letter, Notification, Party, RequesterCorrection, User
from engine.notices import PORTAL_HINT
from engine.outbox import Outbox, members
from engine.run import touch
from engine.runtime import Runtime

EVENT = "requester_data_corrected"  # the history's event and the requester's message
RECORDING_ERROR = "kesalahan_pencatatan"
REASONS = ("permintaan_pemohon", RECORDING_ERROR)
ASKED, REFUSED = "requester_correction_asked", "requester_correction_refused"  # the requester's own request
OVERDUE = "requester_correction_overdue"  # not answered in time: the PPID is told, once
REMINDER = "requester_correction_reminder"  # the desk is reminded once, ``REMIND_BEFORE`` the request's end
REMIND_BEFORE = timedelta(hours=24)
UNCHANGED = "requester_correction_unchanged"  # applied, but the data on file was already what was asked
COPIED = "requester_data_copied"  # the desk gave the requester a copy of their data
ANSWER_WITHIN = timedelta(hours=3 * 24)  # UU 27/2022: the correction within 3 x 24 hours of the request
ASSOCIATED = b"requester_correction"  # a request's sealed data opens as nothing else
DESK = "petugas_layanan"  # who is told of a requester's request (the inbox shows it to all of the PPID's staff)
ESCALATE_TO = access.SUPERIOR_OF[DESK]  # who is told when the desk has not answered in time: the PPID
FIELDS = ("name", "nik", "address", "email", "phone", "occupation")  # forms/permohonan.json's requester, in order


@dataclass(frozen=True)
class Corrected:
    changed: tuple[str, ...]  # the fields that changed, in the form's order; empty when nothing did
    cases: tuple[Case, ...]  # the cases of the chain that name the requester (each recorded the change)
    identity: dict
    requester_type: str


def form_schema(rt: Runtime) -> dict:
    """The correction's form: the request form's requester and requester type, with their rules, and a reason."""
    base = rt.forms.schema(REQUEST_FORM)
    props = base["properties"]
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "requester": props["requester"],
            "requester_type": props["requester_type"],
            "locale": language_property(
                "Bahasa pesan dan surat untuk pemohon", "Language of the requester's messages and letters"
            ),
            "reason": reason_property(REASONS[0], "pemohon", "the requester's"),
        },
        "required": ["requester", "requester_type", "reason"],
        "allOf": base.get("allOf", []),  # the rules that tie the NIK's form to the requester type
    }


def reason_property(asked: str, subject: str, subject_en: str) -> dict:
    """Why personal data is corrected: ``asked``, at the data subject's request (UU 27/2022: the right to have it
    corrected), or an officer's recording error. ``subject``: who the data is of, in both languages."""
    return {
        "type": "string",
        "title": "Alasan perbaikan",
        "x-title-en": "Why the data is corrected",
        "enum": [asked, RECORDING_ERROR],
        "x-enum-titles": {
            asked: f"Atas permintaan {subject} (hak memperbaiki data pribadi, UU 27/2022)",
            RECORDING_ERROR: "Kesalahan pencatatan oleh petugas",
        },
        "x-enum-titles-en": {
            asked: f"At {subject_en} request (the right to correct personal data, UU 27/2022)",
            RECORDING_ERROR: "A recording error by an officer",
        },
    }


def current(session: Session, rt: Runtime, user: User, case: Case) -> dict:
    """What the correction form starts from: the requester's data as the vault holds it, their type and language."""
    identity = rt.vault.read(_party(session, user, case))
    locale = languages.written_in(case, identity)  # on this case: an objection filed in English is written in it
    identity.pop("locale", None)
    return {"requester": identity, "requester_type": case.requester_type, "locale": locale}


def correct(
    session: Session, rt: Runtime, user: User, case: Case, payload: dict, request_id: int | None = None
) -> Corrected:
    """Replace the requester's data with ``payload``'s; see the module's docstring. One transaction (the caller's).

    ``request_id``: the requester's own request this correction answers (``ask``), which is then applied, whatever
    the desk changed of it."""
    party = _party(session, user, case)
    schema = form_schema(rt)
    fields = errors_in(schema, payload)
    if fields:
        raise Invalid("invalid_data", fields=fields)
    asked = _pending(session, party, request_id) if request_id is not None else None
    if asked is not None:
        _decide(asked, user, "applied")
    before = rt.vault.read(party)
    changed = _changes(before, case.requester_type, payload, languages.written_in(case, before))
    # The language stays as it is unless the desk changed it: a form opened on an objection filed in another
    # language shows the objection's (languages.written_in), which is no change of the requester's own.
    kept = before.get("locale") or languages.DEFAULT
    after = {**payload["requester"], "locale": (payload.get("locale") or kept) if "locale" in changed else kept}
    members = tuple(m for m in chain.members(session, case) if m.requester_party_id == party.id)
    if not changed:
        if asked is not None:  # the requester asked for what is on file already: answered all the same
            answered = session.get(Case, asked.case_id)
            _answer(session, rt, answered, asked, UNCHANGED, user, EVENT, {"fields": []})
        return Corrected((), members, after, case.requester_type)
    party.key_id, party.ciphertext = rt.vault.seal(after)
    blind_index.index_party(session, blind_index.search_key(rt.settings), party, after)
    log = EventLog(session)
    for member in members:
        _retype(member, payload["requester_type"])
        if "locale" in changed:  # the requester's language, corrected: theirs on every case of the chain
            member.details = {k: v for k, v in (member.details or {}).items() if k != languages.LOCALE}
        touch(member)
        record = {"fields": changed, "reason": payload["reason"], "on": case.ticket}
        log.append(member, EVENT, user.username, {**record, "request": request_id} if request_id else record)
    outbox = Outbox(session, rt.settings.notify_channels)
    cause = f"correction{case.event_seq}"  # one message a correction (the case's history grew by one)
    told = {"deadline": None, "fields": changed, "portal_hint": PORTAL_HINT}
    outbox.to_requester(case, EVENT, cause, told)
    former_contacts.tell(outbox, rt, case, EVENT, cause, before, after, told)  # and at the contact it replaced
    outbox.write()
    session.flush()
    for member in members:  # the registers and the yearly report count requesters by type
        facts.refresh(session, rt, member)
    return Corrected(tuple(changed), members, after, payload["requester_type"])


def _retype(case: Case, requester_type: str) -> None:
    """The requester type on the case's row and, for a request, in its filed details (the register reads those)."""
    case.requester_type = requester_type
    if "requester_type" in (case.details or {}):
        case.details = {**case.details, "requester_type": requester_type}


def can_correct(user: User, case: Case) -> bool:
    """The PPID desk, on a case that names a requester (a page offers the correction only then)."""
    return names_requester(case) and access.is_request_staff(user)


def names_requester(case: Case) -> bool:
    """A PPID case (not a complaint, whose reporter is sealed from its officers) with a requester on file."""
    return case.kind != kinds.COMPLAINT and case.requester_party_id is not None


def _party(session: Session, user: User, case: Case) -> Party:
    if not names_requester(case):
        raise NotFound("no_requester_data")
    if not can_correct(user, case):
        raise Forbidden("desk_corrects_requester")
    party = session.get(Party, case.requester_party_id)
    if party is None:
        raise NotFound("no_requester_data")
    return party


# -- the requester's own request ------------------------------------------------------------------------------


def ask_schema(rt: Runtime) -> dict:
    """What the requester gives: their data, type and language, as the desk's form asks for them, without a reason."""
    schema = form_schema(rt)
    properties = {k: v for k, v in schema["properties"].items() if k != "reason"}
    return {**schema, "properties": properties, "required": ["requester", "requester_type"]}


OPTIONAL = (
    "email",
    "phone",
    "occupation",
)  # the request form's fields a requester may have removed (one contact stays)
CLEARED = "cleared"  # the portal form's field: the optional fields the requester ticked to remove


def portal_schema(rt: Runtime) -> dict:
    """The portal's correction form: ``ask_schema``'s fields, none of them required (a field left blank keeps the data
    on file, ``completed``), and ``CLEARED``, the optional fields to remove. The data it makes is checked in full by
    ``ask`` once completed."""
    schema = ask_schema(rt)
    requester = {k: v for k, v in schema["properties"]["requester"].items() if k not in ("required", "anyOf")}
    # Each box named apart from its field ("Hapus E-mail", not a second "E-mail"), for a screen reader and a finger.
    titles = {k: f"Hapus {requester['properties'][k]['title']}" for k in OPTIONAL}
    titles_en = {k: f"Remove {requester['properties'][k]['x-title-en']}" for k in OPTIONAL}
    cleared = {
        "type": "array",
        "title": "Hapus dari data saya",
        "x-title-en": "Remove from my data",
        "description": "Centang hanya yang ingin dihapus; sisakan setidaknya e-mail atau telepon.",
        "x-description-en": "Tick only what should be removed; keep at least an e-mail address or a phone number.",
        "items": {"type": "string", "enum": list(OPTIONAL), "x-enum-titles": titles, "x-enum-titles-en": titles_en},
        "uniqueItems": True,
    }
    properties = {"requester": requester, CLEARED: cleared}
    properties.update((k, v) for k, v in schema["properties"].items() if k != "requester")
    return {**schema, "properties": properties, "required": []}


def completed(session: Session, rt: Runtime, case: Case, given: dict) -> dict:
    """The portal's form (``portal_schema``) as ``ask`` takes it: each field left blank filled from the data on file
    (its requester type too), each optional field in ``CLEARED`` removed unless a value was typed for it. The
    portal never shows what it filled in."""
    if not names_requester(case):
        raise NotFound("no_requester_data")
    on_file = rt.vault.read(session.get(Party, case.requester_party_id))
    gone = {k for k in given.get(CLEARED) or () if k in OPTIONAL}
    requester = {k: on_file[k] for k in FIELDS if on_file.get(k) not in (None, "") and k not in gone}
    requester.update(given.get("requester") or {})
    payload = {"requester": requester, "requester_type": given.get("requester_type") or case.requester_type}
    return {**payload, "locale": given["locale"]} if given.get("locale") else payload


def ask(session: Session, rt: Runtime, case: Case, payload: dict) -> RequesterCorrection:
    """The requester asks, with their ticket and access code, for their data to be corrected to ``payload``.

    Checked as the desk's correction is; sealed until the desk applies or refuses it, within ``ANSWER_WITHIN``. The
    history records the request and the names of the fields it would change, never the values. A pending request
    of the same requester is replaced (the latest counts). Nothing is asked of a case that names no requester."""
    if not names_requester(case):
        raise NotFound("no_requester_data")
    fields = errors_in(ask_schema(rt), payload)
    if fields:
        raise Invalid("invalid_data", fields=fields)
    party = session.get(Party, case.requester_party_id)
    now = clock.now()
    for earlier in session.scalars(
        select(RequesterCorrection).where(
            RequesterCorrection.party_id == party.id, RequesterCorrection.status == "pending"
        )
    ):
        earlier.status, earlier.decided_at = "replaced", now
    proposed = {k: payload[k] for k in ("requester", "requester_type", "locale") if k in payload}
    kid, blob = rt.vault.seal(proposed, associated=ASSOCIATED)
    row = RequesterCorrection(
        case_id=case.id, party_id=party.id, context_key_id=kid, context=blob, asked_at=now, due_at=now + ANSWER_WITHIN
    )
    session.add(row)
    session.flush()
    touch(case)
    fields = _changes(rt.vault.read(party), case.requester_type, proposed)  # before the desk changes anything
    EventLog(session).append(case, ASKED, "pemohon", {"request": row.id, "fields": fields, "due_at": row.due_at})
    outbox = Outbox(session, rt.settings.notify_channels)
    _tell_the_desk(outbox, rt, case, row, ASKED, members(session, [DESK]))
    outbox.write()
    session.flush()
    return row


DESK_TITLES = {  # the staff message's task line, by event: what to answer, and by when
    ASKED: "Permintaan perbaikan data pemohon, jawab paling lambat {due}",
    REMINDER: "Pengingat: permintaan perbaikan data pemohon, jawab paling lambat {due}",
}


def _tell_the_desk(outbox: Outbox, rt: Runtime, case: Case, row: RequesterCorrection, event: str, desk) -> None:
    """A message to the PPID desk's officers (their stand-ins when on leave, ``members``)."""
    title = DESK_TITLES[event].format(due=_local(rt, row.due_at))
    outbox.to_users(case, event, f"request{row.id}", desk, {"deadline": None, "task_title": title})


def proposal(rt: Runtime, row: RequesterCorrection) -> dict:
    """What the requester asked for: ``requester``, ``requester_type`` and, when given, ``locale``."""
    return rt.vault.open(row.context_key_id, row.context, associated=ASSOCIATED)


def waiting(session: Session, user: User, case: Case | None = None) -> list[RequesterCorrection]:
    """The requests the desk has still to answer, the most urgent first (of one case, or of all)."""
    if not access.is_request_staff(user):
        return []
    query = select(RequesterCorrection).where(RequesterCorrection.status == "pending")
    if case is not None:
        query = query.where(RequesterCorrection.party_id == case.requester_party_id)
    return list(session.scalars(query.order_by(RequesterCorrection.due_at)))


def latest_waiting(session: Session, case: Case) -> RequesterCorrection | None:
    """The requester's request still waiting for the desk, for their status page (at most one waits)."""
    return session.scalar(
        select(RequesterCorrection)
        .where(RequesterCorrection.party_id == case.requester_party_id, RequesterCorrection.status == "pending")
        .order_by(RequesterCorrection.id.desc())
        .limit(1)
    )


def refuse(session: Session, rt: Runtime, user: User, request_id: int, reason: str) -> RequesterCorrection:
    """The desk refuses a requester's request, saying why (the requester is told, in the desk's words)."""
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("invalid_data", fields={"reason": [msg("required")]})
    row = session.get(RequesterCorrection, request_id)
    case = session.get(Case, row.case_id) if row is not None else None
    if case is None:
        raise NotFound("correction_request_not_found")
    _decide(_pending(session, _party(session, user, case), request_id), user, "refused")
    row.refusal = reason[:2000]
    _answer(session, rt, case, row, REFUSED, user, REFUSED, {"reason": row.refusal})
    return row


def _answer(
    session: Session, rt: Runtime, case: Case, row: RequesterCorrection, event: str, user: User, message: str, extra
) -> None:
    """Record the desk's answer to a request in ``case``'s history (the request's id, no values) and send the
    requester the ``message`` saying it (``extra``: what that message needs besides the portal hint)."""
    touch(case)
    EventLog(session).append(case, event, user.username, {"request": row.id})
    outbox = Outbox(session, rt.settings.notify_channels)
    outbox.to_requester(case, message, f"request{row.id}", {"deadline": None, **extra, "portal_hint": PORTAL_HINT})
    outbox.write()
    session.flush()


def pending_request(session: Session, user: User, case: Case, request_id: int) -> RequesterCorrection:
    """A request of the case's requester that waits for the desk (NotFound; Conflict once answered)."""
    return _pending(session, _party(session, user, case), request_id)


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
    """Whether a requester's request needs its reminder to the desk or its escalation to the PPID (every reconcile
    asks: one look through the (status, due) index)."""
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
        _tell_the_desk(outbox, rt, session.get(Case, row.case_id), row, REMINDER, desk)
    ppid = members(session, [ESCALATE_TO]) if late else []
    for row in late:
        case = session.get(Case, row.case_id)
        row.escalated_at = now
        touch(case)
        log.append(case, OVERDUE, "system", {"request": row.id, "due_at": row.due_at})
        title = f"Permintaan perbaikan data pemohon belum dijawab, batasnya {_local(rt, row.due_at)}"
        outbox.to_users(case, OVERDUE, f"request{row.id}", ppid, {"deadline": None, "task_title": title})
    outbox.write()
    session.flush()
    return len(last_day), len(late)


def _local(rt: Runtime, instant) -> str:
    """An instant as the office's staff messages write it (``05-12-2026 10:00 WIB``)."""
    local = instant.astimezone(rt.calendars["strict"].tz)
    return f"{local:%d-%m-%Y %H:%M} {local.tzname() or ''}".strip()


def _pending(session: Session, party: Party, request_id: int) -> RequesterCorrection:
    row = session.get(RequesterCorrection, request_id)
    if row is None or row.party_id != party.id:
        raise NotFound("correction_request_not_found")
    if row.status != "pending":
        raise Conflict("correction_request_answered")
    return row


def _decide(row: RequesterCorrection, user: User, status: str) -> None:
    row.status, row.decided_by, row.decided_at = status, user.username, clock.now()


def _changes(identity: dict, requester_type: str | None, proposed: dict, locale: str | None = None) -> list[str]:
    """The names of the fields ``proposed`` changes of ``identity`` and ``requester_type``, in the form's order
    (``locale``: the language the requester is written to in on the case, when it is not the identity's own)."""
    names = [k for k in FIELDS if identity.get(k) != proposed["requester"].get(k)]
    if proposed["requester_type"] != requester_type:
        names.append("requester_type")
    if proposed.get("locale") and proposed["locale"] != (locale or identity.get("locale") or languages.DEFAULT):
        names.append("locale")
    return names


def asked_changes(session: Session, rt: Runtime, row: RequesterCorrection) -> list[str]:
    """The names of the fields a waiting request would change of the data as it now stands."""
    identity = rt.vault.read(session.get(Party, row.party_id))
    case = session.get(Case, row.case_id)
    return _changes(identity, case.requester_type, proposal(rt, row), languages.written_in(case, identity))


def listed(session: Session, rows: list[RequesterCorrection]) -> list[dict]:
    """Waiting requests as the desk's lists show them: id, ticket, when asked, by when, and whether that passed."""
    if not rows:
        return []
    tickets = dict(session.execute(select(Case.id, Case.ticket).where(Case.id.in_({r.case_id for r in rows}))).all())
    now = clock.now()
    return [
        {
            "id": r.id,
            "ticket": tickets[r.case_id],
            "asked_at": r.asked_at,
            "due_at": r.due_at,
            "overdue": r.due_at < now,
        }
        for r in rows
    ]


# -- a copy of the requester's data ------------------------------------------------------------------------------


def copy(session: Session, rt: Runtime, user: User, case: Case) -> dict:
    """What Kawal holds of the case's requester, for the desk to hand them (see the module's docstring)."""
    party = _party(session, user, case)
    parties = {party.id}  # the chain's record; another request's, even of the same NIK, is its own (see below)
    cases = session.scalars(
        select(Case)
        .where(Case.requester_party_id.in_(parties), Case.kind != kinds.COMPLAINT)
        .order_by(Case.received_at, Case.id)
    ).all()
    ids = [c.id for c in cases]
    tickets = {c.id: c.ticket for c in cases}
    records = []
    for party_id in sorted(parties):
        identity = rt.vault.read(session.get(Party, party_id))
        named = [c.ticket for c in cases if c.requester_party_id == party_id]
        records.append({"identity": identity, "cases": named})
    letters = session.scalars(
        select(Letter).where(Letter.case_id.in_(ids), Letter.to_requester.is_(True)).order_by(Letter.issued_at)
    ).all()
    messages = session.scalars(
        select(Notification)
        .where(Notification.case_id.in_(ids), Notification.to_requester.is_(True))
        .order_by(Notification.created_at)
    ).all()
    asked = session.scalars(
        select(RequesterCorrection).where(RequesterCorrection.party_id.in_(parties)).order_by(RequesterCorrection.id)
    ).all()
    touch(case)
    EventLog(session).append(case, COPIED, user.username, {"cases": len(cases)})
    session.flush()
    return {
        "made_at": clock.now(),
        "made_by": user.username,
        "basis": "UU 27/2022: hak subjek data pribadi untuk mengakses dan memperoleh salinan data pribadinya",
        "records": records,
        "cases": [
            {
                "ticket": c.ticket,
                "kind": c.kind,
                "requester_type": c.requester_type,
                "channel": c.channel,
                "received_at": c.received_at,
                "status": c.status,
                "closed_at": c.closed_at,
                "details": c.details,
            }
            for c in cases
        ],
        "letters": [
            {
                "ticket": tickets[x.case_id],
                "number": x.number,
                "kind": x.kind,
                "date": x.letter_date,
                "locale": x.locale,
            }
            for x in letters
        ],
        "messages": [
            {
                "ticket": tickets[m.case_id],
                "event": m.event,
                "channel": m.channel,
                "status": m.status,
                "created_at": m.created_at,
                "sent_at": m.sent_at,
            }
            for m in messages
        ],
        "correction_requests": [
            {"asked_at": r.asked_at, "status": r.status, "decided_at": r.decided_at, "refusal": r.refusal}
            for r in asked
        ],
    }


def copy_json(data: dict) -> bytes:
    """The copy as the JSON file the requester is handed (dates and instants in ISO 8601)."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=lambda v: v.isoformat()).encode()


def copy_file_name(case: Case) -> str:
    return f"data-pribadi-{case.ticket}.json"
