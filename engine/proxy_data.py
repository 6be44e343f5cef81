"""A request's or an objection's proxy (kuasa): shown to the PPID desk, and corrected by it.

A request may be filed by a proxy with a special power of attorney (legal-process.md §3.2: the request form's
``kuasa``: name, address, phone, e-mail, the power of attorney's number); an objection too, whose power of attorney
must bear meterai (Perki 1/2021 Pasal 39(4): the objection form asks it). The proxy's data is sealed in the vault as
a party of its own (``Case.details["kuasa_party_id"]``, engine.proxy_party) and printed on the case's letters (the
receipt names who filed it, the notices and the superior's response copy the proxy, the handover record names who
received it) and in the registers of requests and objections. The proxy is a data subject too (UU 27/2022: the right
to rectification), and a desk officer who typed the proxy's name or the power of attorney's number wrong must be
able to mend it before a letter prints it.

- Those who may read a requester's identity (``access.can_read_identity``) read the proxy's with the case.
- The PPID desk (``access.REQUEST_STAFF``) corrects it, giving the whole ``kuasa`` again as the case's form asks
  for it (``FORMS``) and checked by its rules, with one of ``REASONS``. A field left out is removed (a phone the
  proxy no longer has). The power of attorney is dated as the filing form dates it (engine.intake.check_filing):
  not after the day the proxy came into office, the filing's receipt for the proxy who filed it, the day the desk
  recorded them for one appointed later. A closed case's proxy is still corrected: the right to rectification
  does not end with the case, and a letter's correction prints the proxy as now on file.
- The proxy in office may ask for their own contacts to be corrected, on the portal (engine.proxy_corrections):
  the desk answers within 3 x 24 hours, applying it here (``request_id``) or refusing it, as a requester's request.
- The party is sealed again (with the vault's current key) and its blind index rewritten: the inbox finds the case
  by the proxy's name as now corrected (every proxy a case has had, ended ones too, is found by name:
  engine.proxy_party). The case records ``proxy_data_corrected`` in its history: who, why, and the names of the
  fields that changed, never their values. Nothing that did not change is recorded.
- Letters already issued keep what they printed (a letter of record is never rewritten; its correction prints
  the proxy as now on file).
- The requester, whom the proxy represents, is told which of the proxy's fields changed (``EVENT``: the names,
  never the values; "if you did not ask for this, contact the PPID"): a correction redirects the letters' copies,
  and who changed the address should not be the only one to know. The proxy's e-mail the correction replaced is
  told once too (engine.former_contacts), as a requester's former contact is (engine.requester_data).
- The proxy in office is copied on the requester's messages about the letters that copy them (the receipts, the
  notices, the superior's response: ``engine.outbox.PROXY_COPIES``), at the e-mail they gave (the form's optional
  ``email``); without one the row is skipped and the desk posts the copy. A copy written before the power ended
  still goes: the letter it is about copied the proxy.
- The desk records a proxy the requester appointed after filing (``appoint``), checked as at filing, the power of
  attorney dated no later than the day it is recorded; never on a closed or withdrawn case, on which no letter is
  issued any more to name or copy them.
- The desk records the end of the power of attorney (``revoke``: the requester revoked it, the proxy withdrew or
  its term ended): later letters no longer name or copy the proxy; the case page and the register still show who
  filed the case. The proxy may know the access code (they filed with it, or were given it): the chain gets a new
  one, sent to the requester's e-mail or phone (``NEW_CODE_EVENT``), or, when no channel reaches them, given to
  the desk once to hand over; the old one stops working.
- A proxy is the case's own: an objection to a request filed by a proxy names a proxy only if its own form does
  (a power of attorney for a request is not one for an objection, whose must bear meterai: Perki 1/2021 Pasal
  39(4)). The objection's letters and messages then go to the requester alone; the desk's case page says why
  (``request_proxy``) and records the proxy for the objection once shown a power of attorney for it (``appoint``,
  the form starting from the request's proxy's name and contacts); the objection form says so to who files it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import (
    access,
    blind_index,
    casework,
    correction_requests,
    former_contacts,
    kinds,
    lost_codes,
    proxy_party,
    requester_data,
)
from engine.audit import EventLog
from engine.calendar import iso_day
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.forms import errors_in
from engine.messages import Message, msg
from engine.models import Case, CaseEvent, Party, User
from engine.notices import PORTAL_HINT
from engine.outbox import Outbox
from engine.proxy_party import PARTY_KEY, party_id
from engine.run import touch
from engine.runtime import Runtime

EVENT = "proxy_data_corrected"
REVOKED = "proxy_revoked"  # the history's event when the power of attorney ends
APPOINTED = "proxy_appointed"  # the history's event when the desk records a proxy appointed after the filing
REVOKE_REASONS = ("dicabut_pemohon", "kuasa_mengundurkan_diri", "kuasa_berakhir")
NEW_CODE_EVENT = "proxy_ended_new_code"  # the requester's message with the chain's new access code
REVOKED_KEY = "kuasa_dicabut_party_id"  # where a case keeps the proxy it was filed by once the power has ended
# The form whose ``kuasa`` a case's proxy filed, by kind (an objection without a request's form asks for the same
# fields as the objection form: tests/unit/test_proxy_data.py).
FORMS = {kinds.REQUEST: "permohonan.json", kinds.OBJECTION: "keberatan.json"}
REASONS = ("permintaan_kuasa", requester_data.RECORDING_ERROR)
# The proxy who filed the case, kept from the filing on whatever happens to the power of attorney (the receipt names
# them, the register too): a later proxy, appointed and ended in turn, never takes their place.
FILER_KEY = "kuasa_pengaju_party_id"
WITHDRAWN = "dicabut"  # the status of a withdrawn request (engine.casework.withdraw_request)


@dataclass(frozen=True)
class Revoked:
    code_sent: bool  # the new access code went to the requester's e-mail or phone
    code: str | None  # else the new code, for the desk to hand over (shown once)


@dataclass(frozen=True)
class Corrected:
    changed: tuple[str, ...]  # the fields that changed, in the form's order; empty when nothing did
    proxy: dict


def revoked_party_id(case: Case) -> int | None:
    """The proxy the case was filed by, once their power of attorney has ended (``revoke``)."""
    return (case.details or {}).get(REVOKED_KEY) if case.kind != kinds.COMPLAINT else None


def filer_party_id(case: Case) -> int | None:
    """The proxy who filed the case; None when the requester filed in person. An objection filed before the filer
    was kept apart names the proxy it was filed by as before: the one in office or the one whose power ended."""
    details = case.details or {}
    if FILER_KEY in details or case.kind == kinds.REQUEST:
        return details.get(FILER_KEY)
    return party_id(case) or revoked_party_id(case)


def register_party_id(case: Case) -> int | None:
    """The proxy a register names: who filed the case, else the one acting for the requester now or last."""
    return filer_party_id(case) or party_id(case) or revoked_party_id(case)


def revoked(case: Case) -> bool:
    """Whether the case was filed by a proxy whose power of attorney has since ended."""
    return party_id(case) is None and revoked_party_id(case) is not None


def read(session: Session, rt: Runtime, user: User, case: Case) -> dict | None:
    """The proxy's data for a reader allowed to see the requester's identity, also once their power has ended
    (``revoked``); None for others or no proxy."""
    proxy_id = party_id(case) or revoked_party_id(case)
    if proxy_id is None or not access.can_read_identity(user, case):
        return None
    party = session.get(Party, proxy_id)
    return rt.vault.read(party) if party is not None else None


def request_proxy(session: Session, case: Case) -> int | None:
    """The party of the proxy in office on the request an objection is to, when the objection names no proxy of its
    own: the request's power of attorney does not act for the objection (an objection by proxy needs a special power
    of attorney of its own, bearing meterai: Perki 1/2021 Pasal 39(4), legal-process.md §4.2), so the objection's
    letters and messages neither name nor copy them until the desk records them for it (``appoint``). None else."""
    if case.kind != kinds.OBJECTION or party_id(case) is not None or case.parent_id is None:
        return None
    request = session.get(Case, case.parent_id)
    return party_id(request) if request is not None and request.kind == kinds.REQUEST else None


def can_correct(user: User, case: Case) -> bool:
    """The PPID desk, on a case filed by a proxy (a page offers the correction only then)."""
    return party_id(case) is not None and access.is_request_staff(user)


def proxy_schema(rt: Runtime, kind: str) -> dict:
    """The proxy as the form of a ``kind`` of case asks for it, with its rules."""
    return rt.forms.schema(FORMS[kind])["properties"]["kuasa"]


def desk_schema(rt: Runtime, kind: str) -> dict:
    """The proxy as the case's form asks for it, with its rules, titled for the desk (the filing form's title and
    hint speak to the one filing)."""
    kuasa = {k: v for k, v in proxy_schema(rt, kind).items() if k not in ("description", "x-description-en")}
    number = kuasa["properties"]["nomor_surat_kuasa"] | {
        "title": "Nomor surat kuasa",
        "x-title-en": "Power of attorney no.",
    }
    fields = kuasa["properties"] | {"nomor_surat_kuasa": number}  # the desk reads the form's "(if any)" as a field
    return kuasa | {"title": "Data kuasa", "x-title-en": "The proxy", "properties": fields}


def form_schema(rt: Runtime, case: Case) -> dict:
    """The correction's form: the proxy as the case's form asks for it, with its rules, and a reason."""
    kuasa = desk_schema(rt, case.kind)
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "kuasa": kuasa,
            "reason": requester_data.reason_property(REASONS[0], "kuasa", "the proxy's"),
        },
        "required": ["kuasa", "reason"],
    }


def fields(rt: Runtime, case: Case) -> tuple[str, ...]:
    """The proxy's fields, in the order of the case's form."""
    return tuple(proxy_schema(rt, case.kind)["properties"])


def current(session: Session, rt: Runtime, user: User, case: Case) -> dict:
    """What the correction form starts from: the proxy's data as the vault holds it."""
    return {"kuasa": rt.vault.read(_party(session, user, case))}


def correct(
    session: Session, rt: Runtime, user: User, case: Case, payload: dict, request_id: int | None = None
) -> Corrected:
    """Replace the proxy's data with ``payload``'s; see the module's docstring. One transaction (the caller's).

    ``request_id``: the proxy's own request this correction answers (engine.proxy_corrections), which is then
    applied, whatever the desk changed of it."""
    party = _party(session, user, case)
    errors = errors_in(form_schema(rt, case), payload)
    errors |= _dated_in_time(rt, case, payload.get("kuasa"), errors, _in_office_since(session, rt, case))
    if errors:
        raise Invalid("invalid_data", fields=errors)
    asked = correction_requests.pending(session, party.id, request_id) if request_id is not None else None
    if asked is not None:
        correction_requests.decide(asked, user, "applied")
    before = rt.vault.read(party)
    after = dict(payload["kuasa"])
    changed = tuple(name for name in fields(rt, case) if before.get(name) != after.get(name))
    if not changed:
        if asked is not None:  # the proxy asked for what is on file already: answered all the same
            correction_requests.answer(session, rt, case, asked, user, EVENT, {"fields": []})
        return Corrected((), before)
    party.key_id, party.ciphertext = rt.vault.seal(after)
    key = blind_index.search_key(rt.settings)
    blind_index.index_party(session, key, party, after, role=blind_index.PROXY)  # found by the new name
    touch(case)
    record = {"fields": list(changed), "reason": payload["reason"]}
    EventLog(session).append(case, EVENT, user.username, {**record, "request": request_id} if request_id else record)
    _tell(session, rt, case, changed, before, after, request_id)
    session.flush()
    return Corrected(changed, after)


def _tell(
    session: Session,
    rt: Runtime,
    case: Case,
    changed: tuple[str, ...],
    before: dict,
    after: dict,
    request_id: int | None = None,
) -> None:
    """The requester is told which of their proxy's fields changed (``EVENT``: the names, never the values), and
    once the proxy's e-mail the correction replaced, where the letters' copies no longer go (engine.former_contacts;
    not when it is the requester's own address, which is told already). The proxy's phone is for the desk to call:
    no message ever went there. A correction that answers the request to correct the proxy's contacts
    (``request_id``) tells the proxy in office too, at their e-mail as now on file, as a requester's own request is
    answered to them (engine.correction_requests.answer: the same message, without fields, when nothing changed)."""
    outbox = Outbox(session, rt.settings.notify_channels)
    cause = f"correction{case.event_seq}"  # one message a correction (the case's history grew by one)
    told = {"deadline": None, "fields": list(changed), "portal_hint": PORTAL_HINT}
    outbox.to_requester(case, EVENT, cause, told)
    former = (before.get("email") or "").strip()
    requester = session.get(Party, case.requester_party_id) if case.requester_party_id else None
    own = (rt.vault.read(requester).get("email") or "") if requester is not None else ""
    if former and former.casefold() != own.casefold():
        former_contacts.tell(outbox, rt, case, EVENT, cause, {"email": former}, {"email": after.get("email")}, told)
    if request_id is not None:
        outbox.to_proxy(case, EVENT, f"request{request_id}", told)
    outbox.write()


def can_appoint(user: User, case: Case) -> bool:
    """The PPID desk, on an open request or objection with no proxy in office (a page offers the record only then)."""
    open_case = case.closed_at is None
    return case.kind in FORMS and open_case and party_id(case) is None and access.is_request_staff(user)


def appoint_schema(rt: Runtime, case: Case) -> dict:
    """The proxy as the case's form asks for it, with its rules: the power of attorney's date or number among them."""
    kuasa = desk_schema(rt, case.kind)
    return {"type": "object", "additionalProperties": False, "properties": {"kuasa": kuasa}, "required": ["kuasa"]}


def require_appointable(user: User, case: Case) -> None:
    """A request or an objection (else NotFound), for the PPID desk (else Forbidden), still open (else Conflict:
    withdrawn, or closed: no letter is issued on it any more to name or copy a proxy), with no proxy in office (else
    Conflict: their power must end first)."""
    if case.kind not in FORMS:
        raise NotFound("no_proxy_for_case")
    if not access.is_request_staff(user):
        raise Forbidden("desk_corrects_proxy")
    if case.closed_at is not None:
        raise Conflict("proxy_case_withdrawn" if case.status == WITHDRAWN else "proxy_case_closed")
    if party_id(case) is not None:
        raise Conflict("proxy_in_office")


def appoint(session: Session, rt: Runtime, user: User, case: Case, payload: dict) -> Party:
    """Record a proxy the requester appointed after filing the request or objection (or after an earlier proxy's
    power ended), with their special power of attorney: later letters name and copy them, as a proxy who filed it.
    The history records that a proxy was appointed, never who. One transaction (the caller's)."""
    require_appointable(user, case)
    errors = errors_in(appoint_schema(rt, case), payload)
    today = rt.today()  # the power of attorney is shown when the proxy is recorded: not dated after that day
    recorded = (today, msg("proxy_dated_after_recording", day=today))
    errors |= _dated_in_time(rt, case, payload.get("kuasa"), errors, recorded)
    if errors:
        raise Invalid("invalid_data", fields=errors)
    party = proxy_party.store(session, rt, dict(payload["kuasa"]))
    proxy_party.link(session, case, party)
    case.details = {**case.details, PARTY_KEY: party.id}
    touch(case)
    EventLog(session).append(case, APPOINTED, user.username, {})
    session.flush()
    return party


def _in_office_since(session: Session, rt: Runtime, case: Case) -> tuple[date, Message]:
    """The day the proxy in office came into office, and the message for a power of attorney dated after it: the
    filing's day of receipt for the proxy who filed the case (as the filing form says it), else the day the desk
    recorded their appointment (``appoint``: the last one, as one proxy is in office at a time)."""
    tz = rt.calendars["strict"].tz
    if party_id(case) == filer_party_id(case):
        return case.received_at.astimezone(tz).date(), msg("not_after_filing")
    appointed = session.scalar(
        select(CaseEvent.at)
        .where(CaseEvent.case_id == case.id, CaseEvent.type == APPOINTED)
        .order_by(CaseEvent.seq.desc())
        .limit(1)
    )
    day = appointed.astimezone(tz).date() if appointed else rt.today()
    return day, msg("proxy_dated_after_recording", day=day)


def _dated_in_time(rt: Runtime, case: Case, kuasa, errors: dict, since: tuple[date, Message]) -> dict:
    """The proxy's dates (the power of attorney's) checked as the filing form checks a filer's
    (engine.intake.check_filing): none after the day the proxy came into office (``since``: that day and the
    message that says so). A field the form refused already is not told twice."""
    day, message = since
    if not isinstance(kuasa, dict):
        return {}
    found = {}
    for name, node in desk_schema(rt, case.kind)["properties"].items():
        given = iso_day(kuasa.get(name)) if node.get("format") == "date" else None
        path = f"kuasa.{name}"
        if given is not None and given > day and path not in errors:
            found[path] = [message]
    return found


def revoke(session: Session, rt: Runtime, user: User, case: Case, reason: str) -> Revoked:
    """The proxy's power of attorney has ended (``REVOKE_REASONS``: the requester revoked it, the proxy withdrew,
    its term ended): letters issued from now on no longer name or copy the proxy, and the desk no longer corrects
    them. The case keeps who filed it (the register of objections still names the proxy, ``REVOKED_KEY``) and
    letters already issued keep what they printed. One transaction (the caller's)."""
    if revoked(case):  # a second click, or another officer first
        raise Conflict("proxy_already_revoked")
    proxy_id = _party(session, user, case).id
    if reason not in REVOKE_REASONS:
        raise Invalid("invalid_data", fields={"reason": [msg("one_of", choices=", ".join(REVOKE_REASONS))]})
    case.details = {**case.details, PARTY_KEY: None, REVOKED_KEY: proxy_id}
    touch(case)
    EventLog(session).append(case, REVOKED, user.username, {"reason": reason})
    correction_requests.end(session, case, proxy_id, user.username)  # their waiting request: no longer theirs to ask
    code = casework.reissue_access_code(session, case, user.username, "power of attorney ended: the proxy's code")
    requester = session.get(Party, case.requester_party_id) if case.requester_party_id else None
    if requester is not None and lost_codes.reachable(rt.settings.notify_channels, rt.vault.read(requester)):
        lost_codes.send_code(session, rt, case, code, NEW_CODE_EVENT)
        session.flush()
        return Revoked(True, None)
    session.flush()
    return Revoked(False, code)


def _party(session: Session, user: User, case: Case) -> Party:
    proxy_id = party_id(case)
    if proxy_id is None:
        raise NotFound("no_proxy_data")
    if not access.is_request_staff(user):
        raise Forbidden("desk_corrects_proxy")
    party = session.get(Party, proxy_id)
    if party is None:
        raise NotFound("no_proxy_data")
    return party
