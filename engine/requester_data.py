"""Correcting a PPID requester's data: their name, NIK, address, contacts and type, as the vault holds them.

A requester may have their personal data corrected (UU 27/2022: the data subject's right to rectification; the
controller acts within 3 x 24 hours of the request, ecosystem-reliability.md C.6), and a desk officer who typed an
address wrong must be able to mend it before the letters and messages go astray. The PPID desk
(``access.REQUEST_STAFF``) corrects it from any case of the chain; the chain's cases share one party, so the
request, its objection and its dispute all read the new data.

- The whole identity is given again, as the request form asks for it (``forms/permohonan.json``'s ``requester``
  and ``requester_type``, checked by the same rules: an individual's NIK is 16 digits, an e-mail or a phone);
  with one of ``REASONS``. A field left out is removed (a phone number the requester no longer has). The language
  the requester is written to (``locale``: their messages and letters; a request filed at the desk starts in
  Bahasa Indonesia) may change too; left out, it stays.
- The party is sealed again (with the vault's current key) and its blind index rewritten, so the inbox finds
  the requester by the new name or NIK and no longer by the old one.
- Each case of the chain that names the party records ``requester_data_corrected`` in its history: who, why, and
  the names of the fields that changed, never their old or new values (an export of the history carries no
  personal data).
- The requester is told which data changed, at their contacts as they now stand (``requester_data_corrected``:
  messages are addressed when they are sent). Messages still waiting to go out go to the new contacts too.
- Letters already issued keep what they printed: a letter of record is never rewritten (a correction of the
  letter, engine.letters, prints the data as it now stands).
- A corrected requester type is the case's (``Case.requester_type``, a request's filed details) on each case of the
  chain, and their facts are refreshed: the registers and the yearly report count the requester as now recorded.
- Nothing that did not change is recorded: the same form sent twice records one correction.

A complaint's reporter is not corrected here: their identity is sealed from the officers who work the case
(engine.complaints).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from engine import access, blind_index, chain, facts, kinds
from engine.audit import EventLog
from engine.errors import Forbidden, Invalid, NotFound
from engine.forms import errors_in
from engine.intake import LOCALES, REQUEST_FORM
from engine.models import Case, Party, User
from engine.notices import PORTAL_HINT
from engine.outbox import Outbox
from engine.run import touch
from engine.runtime import Runtime

EVENT = "requester_data_corrected"  # the history's event and the requester's message
REASONS = ("permintaan_pemohon", "kesalahan_pencatatan")
DEFAULT_LOCALE = "id"  # a requester filed at the desk is written to in Bahasa Indonesia until told otherwise


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
            "locale": {
                "type": "string",
                "title": "Bahasa pesan dan surat untuk pemohon",
                "x-title-en": "Language of the requester's messages and letters",
                "enum": list(LOCALES),
                "x-enum-titles": {"id": "Bahasa Indonesia", "en": "English"},
                "x-enum-titles-en": {"id": "Bahasa Indonesia", "en": "English"},
            },
            "reason": {
                "type": "string",
                "title": "Alasan perbaikan",
                "x-title-en": "Why the data is corrected",
                "enum": list(REASONS),
                "x-enum-titles": {
                    "permintaan_pemohon": "Atas permintaan pemohon (hak memperbaiki data pribadi, UU 27/2022)",
                    "kesalahan_pencatatan": "Kesalahan pencatatan oleh petugas",
                },
                "x-enum-titles-en": {
                    "permintaan_pemohon": "At the requester's request (the right to correct personal data, UU 27/2022)",
                    "kesalahan_pencatatan": "A recording error by an officer",
                },
            },
        },
        "required": ["requester", "requester_type", "reason"],
        "allOf": base.get("allOf", []),  # the rules that tie the NIK's form to the requester type
    }


def current(session: Session, rt: Runtime, user: User, case: Case) -> dict:
    """What the correction form starts from: the requester's data as the vault holds it, their type and language."""
    identity = rt.vault.read(_party(session, user, case))
    locale = identity.pop("locale", None) or DEFAULT_LOCALE
    return {"requester": identity, "requester_type": case.requester_type, "locale": locale}


def correct(session: Session, rt: Runtime, user: User, case: Case, payload: dict) -> Corrected:
    """Replace the requester's data with ``payload``'s; see the module's docstring. One transaction (the caller's)."""
    party = _party(session, user, case)
    schema = form_schema(rt)
    fields = errors_in(schema, payload)
    if fields:
        raise Invalid("invalid_data", fields=fields)
    before = rt.vault.read(party)
    was = before.get("locale") or DEFAULT_LOCALE
    after = {**payload["requester"], "locale": payload.get("locale") or was}  # not given: the language stays
    order = list(schema["properties"]["requester"]["properties"])
    changed = [name for name in order if before.get(name) != after.get(name)]
    if payload["requester_type"] != case.requester_type:
        changed.append("requester_type")
    if after["locale"] != was:
        changed.append("locale")
    members = tuple(m for m in chain.members(session, case) if m.requester_party_id == party.id)
    if not changed:
        return Corrected((), members, after, case.requester_type)
    party.key_id, party.ciphertext = rt.vault.seal(after)
    blind_index.index_party(session, blind_index.search_key(rt.settings), party, after)
    log = EventLog(session)
    for member in members:
        _retype(member, payload["requester_type"])
        touch(member)
        log.append(member, EVENT, user.username, {"fields": changed, "reason": payload["reason"], "on": case.ticket})
    outbox = Outbox(session, rt.settings.notify_channels)
    cause = f"correction{case.event_seq}"  # one message a correction (the case's history grew by one)
    outbox.to_requester(case, EVENT, cause, {"deadline": None, "fields": changed, "portal_hint": PORTAL_HINT})
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
    return _names_requester(case) and access.is_request_staff(user)


def _names_requester(case: Case) -> bool:
    return case.kind != kinds.COMPLAINT and case.requester_party_id is not None


def _party(session: Session, user: User, case: Case) -> Party:
    if not _names_requester(case):
        raise NotFound("no_requester_data")
    if not can_correct(user, case):
        raise Forbidden("desk_corrects_requester")
    party = session.get(Party, case.requester_party_id)
    if party is None:
        raise NotFound("no_requester_data")
    return party
