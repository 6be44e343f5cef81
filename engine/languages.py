"""The language a case's requester is written to in: their mails, their letters' copies, their text messages.

A requester's language is kept in the vault with their identity (``engine.intake.with_locale``): the language they
filed their request in, until the desk corrects it (``engine.requester_data``). An objection filed in another
language than the one on file (the requester chose English on the portal's form, their request was filed in
Bahasa Indonesia) keeps its own in its details (``LOCALE``): that objection, and the dispute about it, are written to
in the language it was filed in, while the request keeps its own; nobody changed it.
"""

from __future__ import annotations

from engine.models import Case

LOCALES = ("id", "en")
DEFAULT = "id"  # a requester filed at the desk is written to in Bahasa Indonesia until told otherwise
LOCALE = "locale"  # the detail of a case filed in another language than its requester's on file


def written_in(case: Case, identity: dict | None) -> str:
    """The language ``case``'s requester (``identity``, as the vault keeps it) is written to in on that case."""
    own = (case.details or {}).get(LOCALE)
    if own in LOCALES:
        return own
    kept = (identity or {}).get("locale")
    return kept if kept in LOCALES else DEFAULT


def own_locale(identity: dict | None, locale: str | None) -> dict:
    """The detail to record on a case filed in ``locale`` by the requester of ``identity``: the language, when it is
    not the one already on file for them; else nothing."""
    if locale not in LOCALES or locale == ((identity or {}).get("locale") or DEFAULT):
        return {}
    return {LOCALE: locale}
