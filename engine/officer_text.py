"""What officers write on a complaint: the text of its task forms and its internal notes (legal-process.md §7.3;
ARCHITECTURE.md: the identity vault, no personal data in task data).

The reporter of a complaint is known by the vault alone (engine.vault: name, NIK, phone, e-mail, sealed), the persons
it reports by their own sealed page (engine.reported_party). What an officer types on the complaint goes elsewhere:
a task's fields into the workflow's data, which the unit reads where a form marks a field for it (``x-visible-to``),
and into the case's hash-chained history (``task_completed``), which nothing takes back and which the auditors
export; a note to every officer of the complaint team and to the auditors. So, in one pass before anything is
written (``require_task`` on every completion of a complaint's task, ``require_note`` on every note on a complaint):

- Names (task fields): a field a unit or the reporter reads names no reported person on file, a field written
  "tanpa nama orang" (``x-no-names``) not even by a distinctive word of a name, nor the reporter of a confidential
  complaint (``reported_party.unnamed``: its rules and words). Not in notes: the team handles those persons.
- Personal data (every string of a complaint task's data and every note, whatever the reporter's mode):
  - the reporter's own recorded NIK, phone and e-mail, however written: their digits for a number (a phone's
    +62 / 62 / 0 aside, and its spaces, dots and dashes), an e-mail address in any case;
  - a reported person's recorded NIP/NRP, however grouped (said as naming them: ``names_reported_person``);
  - any NIK, family card number, mobile number or personal e-mail address ``engine.pii_scan`` finds by its strict
    rules (``REFUSED``; not an NPWP: a contractor's is a company's).
  Refused, not flagged for a confirmation as a file's findings are (engine.task_files): a file is kept sealed and
  the history holds its hash, while a field's text is the history itself, kept for good, in the auditors' export,
  and, where a form marks it, read by the unit, which may be the office complained of. Nothing on a complaint's
  forms needs anyone's number or address: the reporter's is in the vault, the reported persons' on their page, and
  anyone else is named by their role. A note is refused alike though only its hash is in the history: the whole
  team and the auditors read it (a sealed reporter's identity only two WBS managers may open), and a note that
  could hold any number but the reporter's would tell whoever typed one that it is the reporter's.
- The refusal names the field and the kind of data, never the value nor whose it is: the reporter's phone and any
  other mobile number are refused in the same words, so that no refusal confirms a guess at who reported.
- No field of a complaint's task forms is meant to hold such data (the reporter changes their own contact,
  engine.reporter_contact; the team records the reported on their page): none is exempt.
- The vault is opened only for a string that could hold a number or an address (a digit, an ``@``), each party
  once a call.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from engine import kinds, pii_scan, reported_party
from engine.errors import Invalid
from engine.messages import Message, Named, msg
from engine.models import Case
from engine.runtime import Runtime

REFUSED = ("nik", "kk", "telepon", "email")  # pii_scan's kinds, in the order a refusal names them
# The kinds as a refusal names them. The reporter's own phone may be a landline, which pii_scan does not look for:
# "phone number" for every phone, so the words never tell the reporter's apart.
WHAT = {
    "nik": Named(pii_scan.LABELS["nik"][1], pii_scan.LABELS["nik"][0]),
    "kk": Named(pii_scan.LABELS["kk"][1], pii_scan.LABELS["kk"][0]),
    "telepon": Named("phone number", "nomor telepon"),
    "email": Named(pii_scan.LABELS["email"][1], pii_scan.LABELS["email"][0]),
}
NOTE = "body"  # a note's one field (engine.notes)
NOTE_TITLE = Named("the note", "catatan")
MIN_DIGITS = 8  # a recorded number with fewer digits than this (a typo, a fragment) is not looked for
_MAY_HOLD = re.compile(r"[\d@]")  # no digit and no "@": no number and no address to look for


def require_task(session: Session, rt: Runtime, case: Case, schema: dict, data: dict) -> None:
    """Refuse, beside each, the fields of a complaint task's ``data`` that name a protected person or hold personal
    data (the module's docstring); nothing to check on a case of another kind."""
    if case.kind != kinds.COMPLAINT:
        return
    nodes = schema.get("properties") or {}
    people = reported_party.OnFile(session, rt, case)
    fields: dict[str, list[Message]] = {}
    titles, found = [], set()
    for name, value in data.items():
        node = nodes.get(name) if isinstance(nodes.get(name), dict) else {}
        texts = [t for t in reported_party.texts(value) if t.strip()]
        if not texts:
            continue
        said = [m for m in (reported_party.unnamed(people, node, texts),) if m is not None]
        kinds_found, nip = _found(people, texts)
        if nip and not said:
            said.append(msg("names_reported_person"))
        if kinds_found:
            said += _personal(kinds_found)
            titles.append(Named(str(node.get("x-title-en") or node.get("title") or name), node.get("title") or name))
            found |= kinds_found
        if said:
            fields[name] = said
    if fields:
        raise _refusal(fields, titles, found)


def require_note(session: Session, rt: Runtime, case: Case, text: str) -> None:
    """Refuse a note on a complaint that holds personal data (the module's docstring); any note on another case."""
    if case.kind != kinds.COMPLAINT or not text.strip():
        return
    kinds_found, nip = _found(reported_party.OnFile(session, rt, case), [text])
    said = ([msg("names_reported_person")] if nip else []) + (_personal(kinds_found) if kinds_found else [])
    if said:
        raise _refusal({NOTE: said}, [NOTE_TITLE] if kinds_found else [], kinds_found)


def _found(people: reported_party.OnFile, texts: list[str]) -> tuple[set[str], bool]:
    """The kinds of personal data in ``texts`` (``REFUSED``: pii_scan's findings and the reporter's own data), and
    whether they hold a reported person's NIP/NRP. The vault is read only for a text that could hold one."""
    texts = [t for t in texts if _MAY_HOLD.search(t)]
    if not texts:
        return set(), False
    found = {f.kind for f in pii_scan.scan_text(texts) if f.kind in REFUSED}
    digits = [re.sub(r"\D", "", t) for t in texts]
    found |= _reporters(people.reporter, texts, digits)
    return found, any(reported_party.numbered(people.persons, d) for d in digits)


def _reporters(identity: dict, texts: list[str], digits: list[str]) -> set[str]:
    """Which of the reporter's own NIK, phone and e-mail the texts hold, however written."""
    wanted = {"nik": re.sub(r"\D", "", str(identity.get("nik") or ""))}
    phone = pii_scan.normalize_phone(str(identity.get("phone") or ""))
    wanted["telepon"] = phone.removeprefix("62")  # what follows +62, 62 or 0 (the same number each way)
    found = {kind for kind, number in wanted.items() if len(number) >= MIN_DIGITS and any(number in d for d in digits)}
    email = str(identity.get("email") or "").strip().casefold()
    address = re.compile(rf"(?<![\w.+-]){re.escape(email)}(?![\w-]|\.\w)") if "@" in email else None
    if address is not None and any(address.search(t.casefold()) for t in texts):
        found.add("email")
    return found


def _personal(found: set[str]) -> list[Message]:
    said = [msg("holds_personal_data", what=_what(found))]
    return said + [msg("not_a_nik")] if "nik" in found else said


def _what(found: set[str]) -> Named:
    named = [WHAT[kind] for kind in REFUSED if kind in found]
    return Named(", ".join(str(n) for n in named), ", ".join(n.indonesian for n in named))


def _refusal(fields: dict[str, list[Message]], titles: list[Named], found: set[str]) -> Invalid:
    """One refusal for every field, said as its first problem: a reported person named, the reporter named, then
    personal data, with the fields' titles."""
    codes = {m.code for said in fields.values() for m in said}
    for code in ("names_reported_person", "names_reporter"):
        if code in codes:
            return Invalid(code, fields=fields)
    where = Named(", ".join(str(t) for t in titles), ", ".join(t.indonesian for t in titles))
    return Invalid(msg("personal_data_in", what=_what(found), where=where), fields=fields)
