"""The persons a complaint reports (terlapor), as the complaint team records them.

Recording a complaint (legal-process.md §7.2, stage 2, Permenpan PER/05/M.PAN/4/2009) takes down who is reported:
name, NIP/NRP, address, position, agency and the agency's category. The workflow and the forms a unit reads name
the reported only by unit and position (``forms/pengaduan_catat_pengaduan.json``); their identities are personal
data the team alone handles (KMA 765/2018: confidentiality of the reporter and of the reported, the presumption of
innocence), so they are sealed in the vault as a party of the case (``Case.details["terlapor_party_id"]``), never in
the workflow, its history or an export.

- The complaint team (``access.is_complaint_team``) records them on the case (``record``): the whole list again,
  checked by ``FORM``; an empty list removes them. The history records ``reported_recorded`` with how many persons
  are recorded and which fields of the form hold a value, never the values. Nothing that did not change is
  recorded.
- The team reads them with the case (``read``); a unit the complaint is referred to, an auditor, the reporter and
  the public never do. A read of a confidential or sealed complaint is an event, as every other read of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from engine import access, kinds
from engine.audit import EventLog
from engine.errors import Invalid, NotFound
from engine.forms import errors_in
from engine.models import Case, Party, User
from engine.run import touch
from engine.runtime import Runtime

FORM = "pengaduan_terlapor.json"
PARTY_KEY = "terlapor_party_id"
EVENT = "reported_recorded"


@dataclass(frozen=True)
class Recorded:
    changed: bool
    persons: list[dict]


def require_team_complaint(user: User, case: Case) -> None:
    """A complaint (else NotFound), for its complaint team (else Forbidden)."""
    if case.kind != kinds.COMPLAINT:
        raise NotFound("complaint_not_found")
    access.require_complaint_team(user)


def can_record(user: User, case: Case) -> bool:
    return case.kind == kinds.COMPLAINT and access.is_complaint_team(user)


def read(session: Session, rt: Runtime, user: User, case: Case) -> list[dict] | None:
    """The reported persons for the complaint team (an empty list when none is recorded); None for anyone else."""
    if not can_record(user, case):
        return None
    party = _party(session, case)
    return list(rt.vault.read(party).get("terlapor", [])) if party is not None else []


def record(session: Session, rt: Runtime, user: User, case: Case, payload: dict) -> Recorded:
    """Replace the reported persons with ``payload``'s (``{"terlapor": [...]}``); see the module's docstring.
    One transaction (the caller's)."""
    require_team_complaint(user, case)
    errors = errors_in(rt.forms.schema(FORM), payload)
    if errors:
        raise Invalid("invalid_data", fields=errors)
    persons = [dict(person) for person in payload.get("terlapor") or []]
    party = _party(session, case)
    before = list(rt.vault.read(party).get("terlapor", [])) if party is not None else []
    if persons == before:
        return Recorded(False, before)
    if not persons:  # none reported after all (a misreading): nothing of them is kept
        case.details = {**case.details, PARTY_KEY: None}
        session.delete(party)
    elif party is None:
        party = rt.vault.store(session, "terlapor", {"terlapor": persons})
        case.details = {**case.details, PARTY_KEY: party.id}
    else:  # sealed again, with the vault's current key
        party.key_id, party.ciphertext = rt.vault.seal({"terlapor": persons})
    touch(case)
    fields = [name for name in _fields(rt) if any(person.get(name) for person in persons)]
    EventLog(session).append(case, EVENT, user.username, {"count": len(persons), "fields": fields})
    session.flush()
    return Recorded(True, persons)


def _fields(rt: Runtime) -> tuple[str, ...]:
    return tuple(rt.forms.schema(FORM)["properties"]["terlapor"]["items"]["properties"])


def _party(session: Session, case: Case) -> Party | None:
    party_id = (case.details or {}).get(PARTY_KEY) if case.kind == kinds.COMPLAINT else None
    return session.get(Party, party_id) if party_id else None
