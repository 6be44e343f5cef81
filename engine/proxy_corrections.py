"""The proxy (kuasa) acting on a case asks, on the portal, to correct their own contact data: their e-mail (where
the copies of the messages about the letters go), their phone and their postal address.

The proxy is a data subject too (UU 27/2022: the right to rectification), and follows the case with its ticket and
access code as the requester does. Their request takes the requester's path (engine.correction_requests): sealed
until the PPID desk answers within 3 x 24 hours, the desk told, reminded and the PPID told when it is late; the
desk sets what is on file beside what was asked and applies it through its own correction of the proxy
(engine.proxy_data.correct, with the request's id) or refuses it with a reason; the proxy is sent the answer at their
e-mail either way (what changed, that nothing needed to, or why not), as the requester is sent theirs.
The history records ``proxy_correction_asked`` with the names of the fields, never their values.

- Only the contacts (``CONTACTS``): the portal form takes what should change, a field left blank keeping what is on
  file, the e-mail or phone removed only when ticked (``completed``, as the requester's form does; the portal never
  shows what is on file). The proxy's name and the power of attorney (its number and date, its meterai) are the
  desk's to correct against the document itself: a request keeps them as on file whatever it is sent.
- Only a proxy in office (``can_ask``): once the power of attorney has ended the proxy no longer acts on the case
  (engine.proxy_data.revoke), and a proxy of the request is not the objection's unless its own form names them.
- The requester's own data (their name, NIK, contacts) is not corrected here: engine.requester_data.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine import correction_requests, kinds, proxy_data, proxy_party
from engine.errors import Invalid, NotFound
from engine.forms import errors_in
from engine.models import Case, Party, RequesterCorrection
from engine.requester_data import CLEARED, removal_field
from engine.runtime import Runtime

CONTACTS = ("address", "email", "phone")  # what the proxy corrects on the portal, in the form's order
REMOVABLE = ("email", "phone")  # the contacts the form does not require


def can_ask(case: Case) -> bool:
    """A request or an objection with a proxy in office."""
    return case.kind != kinds.COMPLAINT and proxy_party.party_id(case) is not None


def portal_schema(rt: Runtime, case: Case) -> dict:
    """The portal's form: the proxy's contacts as the case's form asks for them (its rules), none required, and
    ``CLEARED``, the contacts to remove."""
    kuasa = proxy_data.proxy_schema(rt, case.kind)
    contacts = {k: v for k, v in kuasa["properties"].items() if k in CONTACTS}
    cleared = removal_field(
        contacts,
        REMOVABLE,
        ("Hapus dari data kuasa", "Remove from the proxy's data"),
        ("Centang hanya yang ingin dihapus.", "Tick only what should be removed."),
    )
    own = {
        "type": "object",
        "title": "Data kontak kuasa",
        "x-title-en": "The proxy's contact data",
        "additionalProperties": False,
        "properties": contacts,
    }
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {"kuasa": own, CLEARED: cleared},
        "required": [],
    }


def _on_file(session: Session, rt: Runtime, case: Case) -> tuple[Party, dict]:
    if not can_ask(case):
        raise NotFound("no_proxy_data")
    party = session.get(Party, proxy_party.party_id(case))
    if party is None:
        raise NotFound("no_proxy_data")
    return party, rt.vault.read(party)


def completed(session: Session, rt: Runtime, case: Case, given: dict) -> dict:
    """The portal's form as ``ask`` takes it: the proxy's data as on file, each contact typed replacing it, each
    contact in ``CLEARED`` removed unless a value was typed for it."""
    _party, on_file = _on_file(session, rt, case)
    gone = {k for k in given.get(CLEARED) or () if k in REMOVABLE}
    kuasa = {k: v for k, v in on_file.items() if v not in (None, "") and k not in gone}
    kuasa.update({k: v for k, v in (given.get("kuasa") or {}).items() if k in CONTACTS})
    return {"kuasa": kuasa}


def ask(session: Session, rt: Runtime, case: Case, payload: dict) -> RequesterCorrection:
    """The proxy asks, with the case's ticket and access code, for their data to be ``payload["kuasa"]``: checked
    by the rules of the case's form, all but the contacts kept as on file (the desk corrects those)."""
    party, on_file = _on_file(session, rt, case)
    given = payload.get("kuasa") or {}
    kuasa = {k: v for k, v in on_file.items() if k not in CONTACTS}
    kuasa.update({k: v for k, v in given.items() if k in CONTACTS and v not in (None, "")})
    wrapped = {"type": "object", "properties": {"kuasa": proxy_data.proxy_schema(rt, case.kind)}}
    errors = errors_in(wrapped, {"kuasa": kuasa})
    if errors:
        raise Invalid("invalid_data", fields=errors)
    fields = _changes(rt, case, on_file, kuasa)
    return correction_requests.file(session, rt, case, party.id, {"kuasa": kuasa}, fields)


def _changes(rt: Runtime, case: Case, before: dict, after: dict) -> list[str]:
    return [name for name in proxy_data.fields(rt, case) if before.get(name) != after.get(name)]


def asked_changes(session: Session, rt: Runtime, row: RequesterCorrection) -> list[str]:
    """The names of the fields a waiting request would change of the proxy's data as it now stands."""
    case = session.get(Case, row.case_id)
    before = rt.vault.read(session.get(Party, row.party_id))
    return _changes(rt, case, before, correction_requests.proposal(rt, row)["kuasa"])
