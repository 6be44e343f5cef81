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
- The team reads them on their own page (``read``; the case page counts them), every read an event whatever the
  reporter's mode; a unit the complaint is referred to, an auditor, the reporter and the public never do.
- Once they are on file, what the team writes for a unit or for the reporter (a form field marked visible to
  them, a message to the reporter) is refused when it names one of them, by full name or NIP/NRP
  (``require_unnamed``): the unit and the reporter read of the reported by position only. A field the team writes
  "tanpa nama orang" (``NO_NAMES``: the summary, the position, the disposition note a unit reads) is refused by any
  distinctive word of their name too (a first name alone; not a title, an initial or a common first element), and,
  on a complaint that keeps its reporter confidential, when it names the reporter the same way. A refusal never
  repeats the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from engine import access, kinds
from engine.audit import EventLog
from engine.errors import Invalid, NotFound
from engine.forms import errors_in
from engine.messages import msg
from engine.models import Case, Party, User
from engine.run import touch
from engine.runtime import Runtime

FORM = "pengaduan_terlapor.json"
PARTY_KEY = "terlapor_party_id"
EVENT = "reported_recorded"
REMOVED = "reported_removed"  # the history's event when the team empties the list
VISIBLE_TO = "x-visible-to"
OUTSIDE = frozenset({"unit_pengolah", "pemohon"})  # the readers outside the team a form field may be marked for
# A field the complaint team writes without names ("tanpa nama orang"), for the papers a unit or the Inspectorate
# reads: checked against every distinctive word of a protected person's name, not only the whole name.
NO_NAMES = "x-no-names"
# Words of a recorded name that name nobody on their own: titles and forms of address, and the commonest first
# elements of Indonesian names, which stand in countless other names (and madrasahs' names). A word with a dot
# (Drs., H., S.Pd) and one of fewer than MIN_PART letters never counts either.
NOT_DISTINCTIVE = frozenset(
    {
        *("drs", "dra", "prof", "haji", "hajah", "hajjah", "kyai", "kiai", "ustadz", "ustaz", "ustadzah", "raden"),
        *("sdr", "sdri", "saudara", "saudari", "bapak", "ibu", "pak", "tuan", "nyonya", "nona", "mas", "mbak", "gus"),
        *("spd", "spdi", "mpd", "mpdi", "sag", "mag", "ssos", "msi", "ssi", "shi", "mhi", "sth", "skom", "amd", "phd"),
        *("muhammad", "muhamad", "mohammad", "mohamad", "mochammad", "mochamad", "mohammed", "moh", "muh", "mohd"),
        *("abdul", "abd", "siti", "nur", "bin", "binti"),
    }
)
MIN_PART = 3
CONFIDENTIAL_MODES = frozenset({"rahasia", "whistleblower"})  # engine.complaints.MODES that keep the reporter's name


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
    return _persons(session, rt, case) if can_record(user, case) else None


def count(session: Session, rt: Runtime, user: User, case: Case) -> int | None:
    """How many persons are on file, for the complaint team (the case page); None for anyone else."""
    persons = read(session, rt, user, case)
    return None if persons is None else len(persons)


def note_read(session: Session, user: User, case: Case) -> None:
    """The team opened the reported persons: an event of the case whatever the reporter's mode."""
    EventLog(session).append(case, "case_read", user.username, {"what": "terlapor"})


def record(session: Session, rt: Runtime, user: User, case: Case, payload: dict) -> Recorded:
    """Replace the reported persons with ``payload``'s (``{"terlapor": [...]}``); see the module's docstring.
    One transaction (the caller's)."""
    require_team_complaint(user, case)
    errors = errors_in(rt.forms.schema(FORM), payload)
    if errors:
        raise Invalid("invalid_data", fields=errors)
    persons = []
    for person in payload.get("terlapor") or []:  # the same person typed twice is recorded once
        kept = {k: v.strip() if isinstance(v, str) else v for k, v in person.items()}
        if kept not in persons:
            persons.append(kept)
    party = _party(session, case)
    before = _persons(session, rt, case, party)
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
    if persons:
        EventLog(session).append(case, EVENT, user.username, {"count": len(persons), "fields": fields})
    else:
        EventLog(session).append(case, REMOVED, user.username, {"count": len(before)})
    session.flush()
    return Recorded(True, persons)


def mentions(persons: list[dict], text: str, parts: bool = False) -> bool:
    """Whether ``text`` names one of ``persons``: their full name (any case, any spacing) or their NIP/NRP (its
    digits, however they are grouped); with ``parts``, any distinctive word of the name as a word of its own
    (``distinctive``)."""
    folded = " ".join(text.casefold().split())
    digits = re.sub(r"\D", "", text)
    for person in persons:
        if names(str(person.get("nama", "")), folded, parts):
            return True
        number = re.sub(r"\D", "", str(person.get("nip_nrp", "")))
        if len(number) >= 8 and number in digits:
            return True
    return False


def names(name: str, folded: str, parts: bool) -> bool:
    """Whether ``folded`` (casefolded, its spaces single) holds ``name`` whole, as it was recorded or without its
    titles, or (``parts``) one of its distinctive words, each as a word of its own."""
    whole = " ".join(name.casefold().split())
    bare = " ".join(distinctive(name, keep_all=True))
    for wanted in {whole, bare} | (set(distinctive(name)) if parts else set()):
        if len(wanted) >= MIN_PART and re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", folded):
            return True
    return False


def distinctive(name: str, keep_all: bool = False) -> list[str]:
    """The words of a person's name that name them, casefolded: before the degrees that follow a comma, without the
    words with a dot (Drs., H., S.Pd), the short ones and the ``NOT_DISTINCTIVE`` ones (``keep_all``: with the short
    and the common ones, for the name without its titles)."""
    words = []
    for word in name.split(",")[0].split():
        if "." in word:
            continue
        word = word.strip("()[]'\"").casefold()
        common = len(word) < MIN_PART or word in NOT_DISTINCTIVE
        if word and (keep_all or not common):
            words.append(word)
    return words


def require_unnamed(session: Session, rt: Runtime, case: Case, schema: dict, data: dict) -> None:
    """Refuse, beside each, the fields of a task's ``data`` that name a protected person: a field a unit or the
    reporter reads (``x-visible-to``) a reported person on file by full name or NIP (``mentions``); a field the team
    writes without names (``NO_NAMES``) any distinctive part of their name too, or the reporter's name when the
    complaint keeps it confidential (``CONFIDENTIAL_MODES``). Nothing to check on another case. The refusal says whose
    name it is, never the name."""
    if case.kind != kinds.COMPLAINT:
        return
    properties = {k: v for k, v in (schema.get("properties") or {}).items() if k in data and isinstance(v, dict)}
    checked = {k: v for k, v in properties.items() if v.get(NO_NAMES) is True or OUTSIDE & set(v.get(VISIBLE_TO, ()))}
    if not checked:
        return
    persons = _persons(session, rt, case)
    reporter = _reporter_name(session, rt, case) if any(v.get(NO_NAMES) for v in checked.values()) else ""
    fields = {}
    for name, node in checked.items():
        no_names = node.get(NO_NAMES) is True
        texts = _texts(data[name])
        if persons and any(mentions(persons, text, parts=no_names) for text in texts):
            fields[name] = [msg("names_reported_person")]
        elif no_names and reporter and any(names(reporter, " ".join(t.casefold().split()), True) for t in texts):
            fields[name] = [msg("names_reporter")]
    if fields:
        reported = any(m.code == "names_reported_person" for ms in fields.values() for m in ms)
        raise Invalid("names_reported_person" if reported else "names_reporter", fields=fields)


def require_unnamed_text(session: Session, rt: Runtime, case: Case, field: str, text: str) -> None:
    """A message to the reporter: refused beside ``field`` when it names a reported person on file."""
    persons = _persons(session, rt, case)
    if persons and mentions(persons, text):
        raise Invalid("names_reported_person", fields={field: [msg("names_reported_person")]})


def on_file(session: Session, rt: Runtime, case: Case) -> list[dict]:
    """The persons on file, for what the team issues with them (the Inspectorate's annex, engine.letters); the
    caller has checked who reads it."""
    return _persons(session, rt, case)


def _persons(session: Session, rt: Runtime, case: Case, party: Party | None = None) -> list[dict]:
    """The persons on file (none for a case without any), from ``party`` when the caller holds it already."""
    party = party if party is not None else _party(session, case)
    return list(rt.vault.read(party).get("terlapor", [])) if party is not None else []


def _reporter_name(session: Session, rt: Runtime, case: Case) -> str:
    """The reporter's name when the complaint keeps it confidential, read from the vault to check the team's writing
    against it (no one reads it here: not an identity read); empty for an anonymous complaint."""
    if case.reporter_mode not in CONFIDENTIAL_MODES or case.requester_party_id is None:
        return ""
    party = session.get(Party, case.requester_party_id)
    return str(rt.vault.read(party).get("name") or "") if party is not None else ""


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    if isinstance(value, dict):
        return [t for item in value.values() for t in _texts(item)]
    return []


def _fields(rt: Runtime) -> tuple[str, ...]:
    return tuple(rt.forms.schema(FORM)["properties"]["terlapor"]["items"]["properties"])


def _party(session: Session, case: Case) -> Party | None:
    party_id = (case.details or {}).get(PARTY_KEY) if case.kind == kinds.COMPLAINT else None
    return session.get(Party, party_id) if party_id else None
