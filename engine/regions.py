"""Where a complaint happened (legal-process.md §7.2, recording: the case's kab/kota, province and country).

Provinces by their Kemendagri codes (Permendagri 72/2019 and the four Papua provinces of 2022), the same codes
an NIK begins with (engine.pii_scan). ``ABROAD`` stands for a place outside Indonesia (a hajj pilgrim's
complaint from Saudi Arabia), whose country is then written out.

A regency or city (kab/kota) is written by the officer: ``regency`` reads the usual ways of writing it
("kab. malang", "KABUPATEN MALANG", "Kab Malang") as one name ("Kabupaten Malang"), so the complaint
statistics count them together.
"""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.models import CaseFacts

PROVINCES = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "Daerah Istimewa Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}
ABROAD = "LN"  # luar negeri

_KINDS = (
    (re.compile(r"^kab(upaten)?\b\.?\s*", re.IGNORECASE), "Kabupaten "),
    (re.compile(r"^kota\b\.?\s*", re.IGNORECASE), "Kota "),
)
MAX_REGENCY = 100
REGENCY = "regency"  # what a form field marked ``"x-suggest": "regency"`` suggests (api.web.schema_form)
SUGGESTED = 300  # the most recorded kab/kota a form suggests


def regency(text: str | None) -> str | None:
    """A kab/kota as one name however it was typed: ``"kab.  malang"`` -> ``"Kabupaten Malang"``; None for none.

    Words typed all in lower or all in upper case are capitalised; a name typed with its own capitals keeps them
    ("Pangkajene dan Kepulauan").
    """
    words = " ".join((text or "").split())
    if not words:
        return None
    kind = ""
    for pattern, name in _KINDS:
        found = pattern.match(words)
        if found and found.end() < len(words):
            kind, words = name, words[found.end() :]
            break
    if words.islower() or words.isupper():
        words = " ".join(word.capitalize() for word in words.split())
    return (kind + words)[:MAX_REGENCY]


def suggestions(session: Session, kind: str) -> list[str]:
    """The values a form's ``"x-suggest": kind`` field offers: for ``regency``, the kab/kota the office's complaints
    were recorded in, the most frequent first (a place typed as before is counted with it); nothing for another."""
    if kind != REGENCY:
        return []
    count = func.count().label("n")
    query = (
        select(CaseFacts.location_regency, count)
        .where(CaseFacts.location_regency.is_not(None))
        .group_by(CaseFacts.location_regency)
        .order_by(count.desc(), CaseFacts.location_regency)
        .limit(SUGGESTED)
    )
    return [name for name, _n in session.execute(query)]
