"""A case's subject in one line: what the inbox shows beside the ticket and what its text search reads.

Each kind takes it from one field of its intake form (``SUBJECT_FIELDS``), so whether a reader may see
the subject is whether they may see that field (engine.visibility): a unit referred a complaint sees its
matter only if the complaint form marks ``pokok_masalah`` visible to it.
"""

from __future__ import annotations

from engine import kinds

SUBJECT_FIELDS = {
    kinds.REQUEST: "information",
    kinds.OBJECTION: "kasus_posisi",
    kinds.DISPUTE: "nomor_register",
    kinds.COMPLAINT: "pokok_masalah",
}
MAX_LENGTH = 300  # the column's width; the full text stays in the case's details


def subject_of(kind: str, details: dict) -> str:
    """The subject of a case of ``kind`` with these intake ``details``: one line, at most ``MAX_LENGTH``."""
    value = details.get(SUBJECT_FIELDS.get(kind, ""), "")
    if kind == kinds.DISPUTE and value:
        value = f"{details.get('ki', '')} {value}".strip()
    text = " ".join(str(value or "").split())
    return text if len(text) <= MAX_LENGTH else text[: MAX_LENGTH - 1] + "…"
