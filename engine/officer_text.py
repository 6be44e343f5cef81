"""What officers write on a complaint: the text of its task forms and its internal notes (legal-process.md §7.3;
ARCHITECTURE.md: the identity vault, no personal data in task data).

The reporter of a complaint is known by the vault alone (engine.vault: name, NIK, phone, e-mail, sealed), the persons
it reports by their own sealed page (engine.reported_party). What an officer types on the complaint goes elsewhere:
a task's fields into the workflow's data, which the unit reads where a form marks a field for it (``x-visible-to``),
and into the case's hash-chained history (``task_completed``), which nothing takes back and which the auditors
export; a note to every officer of the complaint team and to the auditors. So, in one pass before anything is
written (``require_task`` on every completion of a complaint's task, ``require_note`` on every note on a complaint
and every follow-up note on its tasks, engine.follow_ups: read by whoever works the task, a unit among them):

- Names (task fields): a field a unit or the reporter reads names no reported person on file, a field written
  "tanpa nama orang" (``x-no-names``) not even by a distinctive word of a name, nor the reporter of a confidential
  complaint, a field that tells the reporter the outcome no one by a form of address and a name
  (``reported_party.unnamed``: its rules and words). Not in notes: the team handles those persons.
- Personal data (every free-text string of a complaint task's data, and every note, whatever the reporter's mode),
  by rules on the typed text alone, the same for everyone (nothing is read from the vault for them):
  - a run of 16 digits, together or grouped by spaces, dots or dashes, whatever its structure (``SIXTEEN``): a NIK,
    or a family card number after a "KK" label; not when a label just before names it as something else, by
    engine.pii_scan's rule (a bank or virtual account, a billing code, an NPWP: a contractor's is a company's);
  - a run of 18 digits grouped the same way (``EIGHTEEN``): a NIP, whatever the label;
  - an Indonesian phone number, mobile or landline (``PHONE``: 0, 62 or +62, then 8 to 12 digits with spaces,
    dots, dashes or an area code in brackets; not a date, an amount or what follows "Rp");
  - whatever engine.pii_scan finds by its strict rules (``REFUSED``), and any e-mail address but the role mailboxes
    it exempts (``info@``, ``ppid@``: an office's).
  Broader than pii_scan's rules (which scan files, where a flag the officer learns to ignore is worse than none),
  so that whatever number the reporter or a reported person could have given is refused without knowing whose it
  is: a rule that read the reporter's own data would tell whoever typed a number that it is the reporter's (or a
  reported person's) by refusing it where another of the same shape passes.
  Refused, not flagged for a confirmation as a file's findings are (engine.task_files): a file is kept sealed and
  the history holds its hash, while a field's text is the history itself, kept for good, in the auditors' export,
  and, where a form marks it, read by the unit, which may be the office complained of. Nothing on a complaint's
  forms needs anyone's number or address: the reporter's is in the vault, the reported persons' on their page, and
  anyone else is named by their role. A note is refused alike though only its hash is in the history: the whole
  team and the auditors read it.
- The refusal names the field and the kind of data, never the value nor whose it is.
- No free-text field of a complaint's task forms is meant to hold such data (the reporter changes their own contact,
  engine.reporter_contact; the team records the reported on their page): none is exempt. A field the form schema
  fixes (a date, a date-time, a choice, a number: checked by the form before this) is not scanned.
- The name checks alone read the vault (``reported_party.unnamed``: only for a field a unit or the reporter reads,
  or one written without names); they see a field's text without the numbers refused above, so that a NIP is
  refused in the same words whoever's it is.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from engine import kinds, pii_scan, reported_party
from engine.errors import Invalid
from engine.messages import Message, Named, msg
from engine.models import Case
from engine.personal_kinds import EIGHTEEN, SIXTEEN, WHAT
from engine.runtime import Runtime

REFUSED = ("nik", "kk", "nip", "telepon", "email")  # the kinds, in the order a refusal names them
NOTE = "body"  # a note's one field (engine.notes)
NOTE_TITLE = Named("the note", "catatan")
FOLLOW_UP, FOLLOW_UP_TITLE = "note", Named("the follow-up note", "catatan tindak lanjut")  # engine.follow_ups
FIXED_TYPES = frozenset({"number", "integer", "boolean"})
FIXED_FORMATS = frozenset({"date", "date-time"})
_MAY_HOLD = re.compile(r"[\d@]")  # no digit and no "@": no number and no address to look for


# 0, 62 or +62 (a landline's area code may stand in brackets), then 8 to 12 digits; a number that starts with 0 after
# the 0 is no Indonesian phone (00: abroad). The run is taken whole.
PHONE = re.compile(
    r"(?<![\d+])(?<!\d[ .\-])\(?(?:\+62|62|0)\)?[ .\-]?\(?[1-9](?:(?:[ .\-]|\)[ ]?)?\d){7,11}(?![ .\-]?\d)"
)
_DATE = re.compile(r"\(?0\d[.\-]\d\d[.\-](?:19|20)\d\d(?!\d)")  # 05-01-2027 10.00 is a day and an hour


def require_task(session: Session, rt: Runtime, case: Case, schema: dict, data: dict) -> None:
    """Refuse, beside each, the fields of a complaint task's ``data`` that name a protected person or hold personal
    data (the module's docstring); nothing to check on a case of another kind."""
    if case.kind != kinds.COMPLAINT:
        return
    nodes = schema.get("properties") or {}
    people = reported_party.OnFile(session, rt, case)  # read only by the name checks, only when they need it
    fields: dict[str, list[Message]] = {}
    titles, found = [], set()
    for name, value in data.items():
        node = nodes.get(name) if isinstance(nodes.get(name), dict) else {}
        texts = [t for t in _free_texts(node, value) if t.strip()]
        if not texts:
            continue
        scanned = [_scan(t) for t in texts]
        kinds_found = {kind for kinds_in, _rest in scanned for kind in kinds_in}
        said = [m for m in (reported_party.unnamed(people, node, [rest for _k, rest in scanned]),) if m is not None]
        if kinds_found:
            said += _personal(kinds_found)
            titles.append(Named(str(node.get("x-title-en") or node.get("title") or name), node.get("title") or name))
            found |= kinds_found
        if said:
            fields[name] = said
    if fields:
        raise _refusal(fields, titles, found)


def require_note(
    session: Session, rt: Runtime, case: Case, text: str, field: str = NOTE, title: Named = NOTE_TITLE
) -> None:
    """Refuse a note on a complaint that holds personal data (the module's docstring); any note on another case.
    ``field`` and ``title``: the note's field and its name in the refusal (a follow-up's: ``FOLLOW_UP``). By the text
    alone: ``session`` and ``rt`` are not read."""
    if case.kind != kinds.COMPLAINT or not text.strip():
        return
    kinds_found, _rest = _scan(text)
    if kinds_found:
        raise _refusal({field: _personal(kinds_found)}, [title], kinds_found)


def require_text(text: str, field: str, title: Named, said: str) -> None:
    """Refuse an officer's ``text`` to someone outside that holds personal data (the module's docstring), on a case of
    any kind: the desk's answer to a requester (engine.requester_messages). ``field`` and ``title``: as in
    ``require_note``; ``said``: the field's message code (its ``what``: the kinds found), for where the text goes."""
    kinds_found, _rest = _scan(text)
    if kinds_found:
        raise _refusal({field: _personal(kinds_found, said)}, [title], kinds_found)


def _free_texts(node: dict, value) -> list[str]:
    """The strings of a field's ``value`` (at any depth) that are free text: not those its schema ``node`` fixes as a
    date, a date-time, a choice or a number (the form has checked them)."""
    if isinstance(value, str):
        fixed = "enum" in node or "const" in node or node.get("format") in FIXED_FORMATS
        return [] if fixed or node.get("type") in FIXED_TYPES else [value]
    if isinstance(value, list):
        items = node.get("items") if isinstance(node.get("items"), dict) else {}
        return [t for item in value for t in _free_texts(items, item)]
    if isinstance(value, dict):
        inner = node.get("properties") if isinstance(node.get("properties"), dict) else {}
        return [t for key, item in value.items() for t in _free_texts(_node(inner, key), item)]
    return []


def _node(properties: dict, key: str) -> dict:
    node = properties.get(key)
    return node if isinstance(node, dict) else {}


def _scan(text: str) -> tuple[set[str], str]:
    """The kinds of personal data in ``text`` (``REFUSED``), by the text alone, and the text without the numbers
    found (what the name checks see)."""
    if not _MAY_HOLD.search(text):
        return set(), text
    found = {f.kind for f in pii_scan.scan_text([text]) if f.kind in REFUSED}  # e-mail addresses, among others
    spans: list[tuple[int, int]] = []
    for match in SIXTEEN.finditer(text):
        kind = _sixteen(text[max(0, match.start() - pii_scan._CONTEXT_CHARS) : match.start()])
        if kind:
            found.add(kind)
            spans.append(match.span())
    for match in EIGHTEEN.finditer(text):
        found.add("nip")
        spans.append(match.span())
    for match in PHONE.finditer(text):
        number = match.group().lstrip("(")
        if _DATE.match(match.group()) or pii_scan._AMOUNT.fullmatch(number):
            continue
        if pii_scan._MONEY_CONTEXT.search(text[max(0, match.start() - 6) : match.start()]):
            continue
        found.add("telepon")
        spans.append(match.span())
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return found, text


def _sixteen(before: str) -> str | None:
    """What a 16-digit run is by the label just before it (engine.pii_scan's rule, whatever its digits): a family
    card number after "KK", nothing to refuse after a label naming something else (an account, an NPWP), else a
    NIK."""
    if pii_scan._NPWP_CONTEXT.search(before) or pii_scan._OTHER_CONTEXT.search(before):
        return None
    return "kk" if pii_scan._KK_CONTEXT.search(before) else "nik"


def _personal(found: set[str], code: str = "holds_personal_data") -> list[Message]:
    said = [msg(code, what=_what(found))]
    return said + [msg("not_a_nik")] if "nik" in found else said


def _what(found: set[str]) -> Named:
    named = [WHAT[kind] for kind in REFUSED if kind in found]
    return Named(", ".join(str(n) for n in named), ", ".join(n.indonesian for n in named))


def _refusal(fields: dict[str, list[Message]], titles: list[Named], found: set[str]) -> Invalid:
    """One refusal for every field, said as its first problem: a reported person named, a witness named, the
    reporter named, then personal data, with the fields' titles."""
    codes = {m.code for said in fields.values() for m in said}
    for code in ("names_reported_person", "names_witness", "names_reporter", "names_someone_to_reporter"):
        if code in codes:
            return Invalid(code, fields=fields)
    where = Named(", ".join(str(t) for t in titles), ", ".join(t.indonesian for t in titles))
    return Invalid(msg("personal_data_in", what=_what(found), where=where), fields=fields)
