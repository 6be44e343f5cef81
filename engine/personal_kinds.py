"""The kinds of personal data an officer's typed text may not hold, as a refusal names them, and the digit runs that
find a NIK or family card number (16 digits) and a NIP (18 digits), grouped or not: read by engine.officer_text (a
complaint's texts), engine.exemptions (a determination recorded without a request) and notifications.incidents (an
incident's close reason). By the text alone; nothing here reads a case."""

from __future__ import annotations

import re

from engine import pii_scan
from engine.messages import Named

# The kinds as a refusal names them: "phone number" for every phone, mobile or landline.
WHAT = {
    "nik": Named(pii_scan.LABELS["nik"][1], pii_scan.LABELS["nik"][0]),
    "kk": Named(pii_scan.LABELS["kk"][1], pii_scan.LABELS["kk"][0]),
    "nip": Named("NIP", "NIP"),
    "telepon": Named("phone number", "nomor telepon"),
    "email": Named(pii_scan.LABELS["email"][1], pii_scan.LABELS["email"][0]),
}
_SEP = r"[ .\-]"


def _run(digits: int) -> re.Pattern:
    """A run of exactly ``digits`` digits, together or grouped by single spaces, dots or dashes, taken whole."""
    return re.compile(rf"(?<!\d)(?<!\d{_SEP})\d(?:{_SEP}?\d){{{digits - 1}}}(?!{_SEP}?\d)")


SIXTEEN, EIGHTEEN = _run(16), _run(18)
