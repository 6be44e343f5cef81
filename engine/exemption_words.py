"""Why an entry of the exemption register ended before its period, read in the reader's language.

When the refusal an entry rests on is overturned (engine.exemption_ends: an objection granted in full, or a
Commission's or court's decision granting the request in full become final), Kawal words the reason itself. It is
stored as a code and its parameters (the deciding case's ticket; for a dispute, who gave the final word: the
Supreme Court, a court or the Commission, with the name the officer typed when there is one) in
``Exemption.ended_reason`` (``stored``), and worded when it is read (``read``): the register's page and its files in
the reader's language, the JSON API in Bahasa Indonesia, the language of record. The request's history keeps the
same code and parameters in its ``exemption_ended`` and ``refusal_overturned`` events, beside the Indonesian words.

An entry ended before the codes holds the Indonesian sentence Kawal wrote then. Those sentences had two fixed forms,
which ``read`` maps to their code and parameters, so an English reader reads them in English too; the stored row is
left as it is. Any other text (typed in by hand, say) is read as it is.

The English words below are the Babel message ids (``N_``, engine.catalogs); reports.po translates them.
"""

from __future__ import annotations

import json
import re

from engine.catalogs import N_, catalog

OBJECTION = "objection_granted"  # params: objection (its ticket)
DISPUTE = "dispute_final"  # params: dispute (its ticket), body (BODIES), name (the body as typed, or None)
WORDS = {
    OBJECTION: N_("Objection %(objection)s granted in full by the PPID's superior"),
    DISPUTE: N_("The decision of %(body)s on dispute %(dispute)s granted the request in full and became final"),
}
# Who gave a dispute's final word, when the officer typed no name for it.
SUPREME_COURT, COURT, COMMISSION = "supreme_court", "court", "commission"
BODIES = {
    SUPREME_COURT: N_("the Supreme Court (cassation)"),
    COURT: N_("the court"),
    COMMISSION: N_("the Information Commission"),
}

# The sentences Kawal stored before the codes (engine.exemption_ends before this module), and the bodies they named.
_OLD_OBJECTION = re.compile(r"Keberatan (?P<objection>\S+) dikabulkan seluruhnya oleh Atasan PPID")
_OLD_DISPUTE = re.compile(
    r"Putusan (?P<body>.+) atas sengketa (?P<dispute>\S+) mengabulkan permohonan seluruhnya, berkekuatan hukum tetap"
)
_OLD_BODIES = {"Mahkamah Agung (kasasi)": SUPREME_COURT, "pengadilan": COURT, "Komisi Informasi": COMMISSION}


def stored(code: str, **params) -> str:
    """What ``Exemption.ended_reason`` keeps of a reason: its code and parameters, as JSON."""
    return json.dumps({"code": code, "params": params}, ensure_ascii=False, sort_keys=True)


def parsed(text: str | None) -> tuple[str, dict] | None:
    """The code and parameters of a stored reason (a sentence of before the codes mapped to them); None for a text
    Kawal did not word (or none)."""
    if not text:
        return None
    if text.startswith("{"):
        try:
            value = json.loads(text)
        except ValueError:
            return None
        if isinstance(value, dict) and value.get("code") in WORDS and isinstance(value.get("params"), dict):
            return value["code"], value["params"]
        return None
    if found := _OLD_OBJECTION.fullmatch(text):
        return OBJECTION, found.groupdict()
    if found := _OLD_DISPUTE.fullmatch(text):
        body = found["body"]
        kind = _OLD_BODIES.get(body)
        return DISPUTE, {"dispute": found["dispute"], "body": kind or COMMISSION, "name": None if kind else body}
    return None


def worded(code: str, params: dict, locale: str) -> str:
    """The reason ``code`` says with ``params``, in ``locale``."""
    gettext = catalog(locale).gettext
    values = dict(params)
    if code == DISPUTE:
        values["body"] = params.get("name") or gettext(BODIES.get(params.get("body"), BODIES[COMMISSION]))
    return gettext(WORDS[code]) % values


def read(text: str | None, locale: str = "id") -> str | None:
    """What a reader in ``locale`` reads of a stored reason: Kawal's words in that language; a text Kawal did not
    word, as it is."""
    found = parsed(text)
    if found is None:
        return text
    try:
        return worded(*found, locale)
    except (KeyError, ValueError, TypeError):  # words changed since (a parameter they name was not kept)
        return text
