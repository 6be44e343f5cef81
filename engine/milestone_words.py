"""What the public decision or filing that moved a dispute's stage said, in the reader's words.

engine.queries gives each milestone's ``detail`` as codes (``_said``): a decision's operative part and the form of
the message that recorded it, or who filed. The status page and the JSON API word them here: a decision as its
form names the choice (``x-enum-titles``, ``x-enum-titles-en``), the rest through the catalogs (portal.po). The page
and the API both word them here, beside engine.queries: the API imports nothing of the pages.
"""

from __future__ import annotations

from engine.catalogs import N_, catalog
from engine.runtime import Runtime

CASSATION = N_("cassation decision: %(decision)s")
FILED_BY = {
    "pemohon": N_("filed by you, the applicant"),
    "termohon": N_("filed by the office, the respondent"),
}


def worded(rt: Runtime | None, view: dict, locale: str) -> dict:
    """The public status ``view`` (engine.queries.public_status) with its milestones' details in words."""
    view["milestones"] = [{**m, "detail": said(rt, m.get("detail"), locale)} for m in view["milestones"]]
    return view


def said(rt: Runtime | None, detail: dict | None, locale: str) -> str | None:
    """A milestone's ``detail`` in ``locale``, or None when it says nothing."""
    if not detail:
        return None
    gettext = catalog(locale).gettext
    if "filed_by" in detail:
        filed = FILED_BY.get(detail["filed_by"])
        return gettext(filed) if filed else None
    decision = _choice_title(rt, detail["form"], "amar", detail["decision"], locale)
    return gettext(CASSATION) % {"decision": decision} if detail.get("cassation") else decision


def _choice_title(rt: Runtime | None, message: str, field: str, value: str, locale: str) -> str:
    """A message's choice as its form names it in ``locale``; the code when the form does not name it."""
    try:
        node = rt.forms.schema(f"pesan_{message}.json")["properties"][field] if rt is not None else {}
    except (LookupError, KeyError):
        node = {}
    titles = node.get("x-enum-titles-en" if locale == "en" else "x-enum-titles") or {}
    return titles.get(value, value)
