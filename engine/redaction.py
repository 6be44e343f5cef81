"""What was blacked out of a file handed over, and why (issue 15, point 3).

For a partial grant the officer sends, with the delivery task, the redacted files (the delivered field,
e.g. ``berkas_informasi``) and their originals (a file field of their own, e.g. ``berkas_asli``), and
records each redaction as one row of the record field (e.g. ``penghitaman``): which file handed over
(``berkas``, its position from 1), which original it was made from (``asli``), the Pasal 17 letter that
exempts what was blacked out (``pasal``, a to j) and, optionally, the page (``halaman``). The delivered
field's ``x-kawal-file`` names both: ``"redaction": {"originals": "berkas_asli", "record": "penghitaman"}``.

Rules: a file handed over is made from one original, each original is the source of one file handed
over, and every original sent has its redacted version (an original never travels alone). When the case
rests on an entry of the exemption register (engine.exemptions: the head's determination, or the entry
the decision cites), each letter must be one the entry determined, and the redaction is linked to it; a
letter the head did not determine is refused. Without an entry a letter is recorded as given.

The originals are internal: their field has no ``delivery`` and no ``x-visible-to``, so they are never
on the requester's status page, never downloadable with the code and never in a letter; the officer's
case page lists them like any internal file. The redacted file's row names its original
(``original_id``) and keeps the redactions (letter, page, register entry): numbers and letters only.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine import exemptions, visibility
from engine.errors import Invalid
from engine.messages import Message, msg
from engine.models import Attachment, Case, Exemption

LETTERS = tuple("abcdefghij")  # UU 14/2008 Pasal 17 huruf a-j


def spec(schema: dict) -> tuple[str, dict] | None:
    """The form's delivered field that takes redacted files, and its ``redaction`` spec; None without one."""
    for name, node in schema.get("properties", {}).items():
        redaction = (node.get("x-kawal-file") or {}).get("redaction") if isinstance(node, dict) else None
        if isinstance(redaction, dict):
            return name, redaction
    return None


def entry_for(session: Session, forms, case: Case) -> Exemption | None:
    """The register entry the case's partial grant rests on (cited by its decision, or determined on it)."""
    return exemptions.for_case(session, case, visibility.recorded(session, forms, case, None))


def check(schema: dict, data: dict, counts: dict[str, int], pages: dict[str, list], entry: Exemption | None) -> None:
    """The redaction record against the files sent: every pair consistent, every original paired, every
    letter one the register entry determined. ``counts``: files sent per field; ``pages``: the page count
    of each delivered file (None when unknown). Raises one Invalid naming each problem; changes nothing."""
    found = spec(schema)
    if found is None:
        return
    delivered, names = found
    originals, record = names["originals"], names["record"]
    rows = data.get(record) or []
    fields: dict[str, list[Message]] = {}
    source: dict[int, int] = {}  # file handed over -> its original
    made: dict[int, int] = {}  # original -> the file handed over made from it
    for i, row in enumerate(rows):
        at = f"{record}.{i}"
        n, m = row["berkas"], row["asli"]
        if n > counts.get(delivered, 0):
            fields[f"{at}.berkas"] = [msg("no_file_at", n=n)]
            continue
        if m > counts.get(originals, 0):
            fields[f"{at}.asli"] = [msg("no_file_at", n=m)]
            continue
        if source.setdefault(n, m) != m:
            fields[f"{at}.asli"] = [msg("file_has_other_original", n=n, m=source[n])]
        elif made.setdefault(m, n) != n:
            fields[f"{at}.asli"] = [msg("original_used_twice", n=made[m])]
        page, total = row.get("halaman"), pages.get(delivered, [None] * n)[n - 1]
        if page is not None and total is not None and page > total:
            fields[f"{at}.halaman"] = [msg("page_beyond_file", pages=total)]
        if entry is not None and row["pasal"] not in entry.letters:
            fields[f"{at}.pasal"] = [
                msg("letter_not_determined", letter=row["pasal"], entry=entry.id, letters=", ".join(entry.letters))
            ]
    for m in range(1, counts.get(originals, 0) + 1):
        if m not in made and not any(key.startswith(record) for key in fields):
            fields[f"{originals}.{m - 1}"] = [msg("original_without_redacted")]
    if fields:
        raise Invalid("redaction_record_refused", fields=fields)


def link(schema: dict, data: dict, stored: list[Attachment], entry: Exemption | None) -> None:
    """After the files are stored: each redacted row names its original and keeps its redactions."""
    found = spec(schema)
    if found is None or not data.get(found[1]["record"]):
        return
    delivered, names = found
    by_field: dict[str, list[Attachment]] = {}
    for row in stored:
        by_field.setdefault(row.field, []).append(row)
    for redaction in data[names["record"]]:
        redacted = by_field[delivered][redaction["berkas"] - 1]
        redacted.original_id = by_field[names["originals"]][redaction["asli"] - 1].id
        redacted.redactions = [
            *(redacted.redactions or []),
            {
                "letter": redaction["pasal"],
                "page": redaction.get("halaman"),
                "exemption_id": entry.id if entry is not None else None,
            },
        ]


def originals(schema: dict) -> str | None:
    """The form's field of internal originals, if it has one."""
    found = spec(schema)
    return found[1]["originals"] if found else None
