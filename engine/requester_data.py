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
they ask waits for the desk, sealed, within 3 x 24 hours (engine.correction_requests); the desk applies it through
``correct`` (``request_id``; it may mend what the requester typed) or refuses it with a reason.

The desk also gives the requester a copy of the personal data Kawal holds of them (engine.requester_copy).

A complaint's reporter is not corrected here: their identity is sealed from the officers who work the case
(engine.complaints). The proxy's data is engine.proxy_data's (the desk's) and engine.proxy_corrections' (the
proxy's own request).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from engine import access, blind_index, chain, correction_requests, facts, former_contacts, kinds, languages
from engine.audit import EventLog
from engine.errors import Forbidden, Invalid, NotFound
from engine.forms import errors_in
from engine.intake import REQUEST_FORM, language_property
from engine.models import Case, Party, RequesterCorrection, User
from engine.notices import PORTAL_HINT
from engine.outbox import Outbox
from engine.run import touch
from engine.runtime import Runtime

EVENT = "requester_data_corrected"  # the history's event and the requester's message
RECORDING_ERROR = "kesalahan_pencatatan"
REASONS = ("permintaan_pemohon", RECORDING_ERROR)
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
    identity = rt.vault.read(desk_party(session, user, case))
    locale = languages.written_in(case, identity)  # on this case: an objection filed in English is written in it
    identity.pop("locale", None)
    return {"requester": identity, "requester_type": case.requester_type, "locale": locale}


def correct(
    session: Session, rt: Runtime, user: User, case: Case, payload: dict, request_id: int | None = None
) -> Corrected:
    """Replace the requester's data with ``payload``'s; see the module's docstring. One transaction (the caller's).

    ``request_id``: the requester's own request this correction answers (``ask``), which is then applied, whatever
    the desk changed of it."""
    party = desk_party(session, user, case)
    schema = form_schema(rt)
    fields = errors_in(schema, payload)
    if fields:
        raise Invalid("invalid_data", fields=fields)
    asked = correction_requests.pending(session, party.id, request_id) if request_id is not None else None
    if asked is not None:
        correction_requests.decide(asked, user, "applied")
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
            correction_requests.answer(session, rt, answered, asked, user, EVENT, {"fields": []})
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


def desk_party(session: Session, user: User, case: Case) -> Party:
    """The case's requester, for the PPID desk (NotFound for a case that names none; Forbidden for others)."""
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
    cleared = removal_field(
        requester["properties"],
        OPTIONAL,
        ("Hapus dari data saya", "Remove from my data"),
        (
            "Centang hanya yang ingin dihapus; sisakan setidaknya e-mail atau telepon.",
            "Tick only what should be removed; keep at least an e-mail address or a phone number.",
        ),
    )
    properties = {"requester": requester, CLEARED: cleared}
    properties.update((k, v) for k, v in schema["properties"].items() if k != "requester")
    return {**schema, "properties": properties, "required": []}


def removal_field(fields: dict, removable, title: tuple[str, str], description: tuple[str, str]) -> dict:
    """A portal correction form's ``CLEARED`` field: a tick box for each of ``removable`` (of ``fields``, a form's
    properties), ``title`` and ``description`` in Indonesian and English. Each box is named apart from its field
    ("Hapus E-mail", not a second "E-mail"), for a screen reader and a finger."""
    titles = {k: f"Hapus {fields[k]['title']}" for k in removable}
    titles_en = {k: f"Remove {fields[k]['x-title-en']}" for k in removable}
    return {
        "type": "array",
        "title": title[0],
        "x-title-en": title[1],
        "description": description[0],
        "x-description-en": description[1],
        "items": {"type": "string", "enum": list(removable), "x-enum-titles": titles, "x-enum-titles-en": titles_en},
        "uniqueItems": True,
    }


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

    Checked as the desk's correction is; sealed until the desk applies or refuses it, within 3 x 24 hours
    (engine.correction_requests). The history records the request and the names of the fields it would change,
    never the values. A pending request of the same requester is replaced (the latest counts). Nothing is asked of
    a case that names no requester."""
    if not names_requester(case):
        raise NotFound("no_requester_data")
    fields = errors_in(ask_schema(rt), payload)
    if fields:
        raise Invalid("invalid_data", fields=fields)
    party = session.get(Party, case.requester_party_id)
    proposed = {k: payload[k] for k in ("requester", "requester_type", "locale") if k in payload}
    changes = _changes(rt.vault.read(party), case.requester_type, proposed)  # before the desk changes anything
    return correction_requests.file(session, rt, case, party.id, proposed, changes)


def pending_request(session: Session, user: User, case: Case, request_id: int) -> RequesterCorrection:
    """A request of the case's requester that waits for the desk (NotFound; Conflict once answered)."""
    return correction_requests.pending(session, desk_party(session, user, case).id, request_id)


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
    proposed = correction_requests.proposal(rt, row)
    return _changes(identity, case.requester_type, proposed, languages.written_in(case, identity))
