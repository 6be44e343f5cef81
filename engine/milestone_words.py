"""What the public decision or filing that moved a dispute's stage said, in the reader's words.

engine.queries gives each milestone's ``detail`` as codes (``_said``): a decision's operative part and the form of
the message that recorded it, or who filed. The status page and the JSON API word them here: the Commission's
decision as its form names the choice (``x-enum-titles``, ``x-enum-titles-en``), the rest through the catalogs
(portal.po). The page and the API both word them here, beside engine.queries: the API imports nothing of the pages.

A court's (and the Supreme Court's) operative part is recorded as its effect on the information request
(pesan_putusan_pengadilan.json, pesan_putusan_kasasi.json: "effect on the information request", as the officer's
register words it: engine.facts ``court_result``, ``cassation_result``). The requester reads first what the court
decided on the challenge, by whom it was brought (the court stage's own filing), and then that effect on their
request: "Dismissed" alone, after the office's challenge, read as the office's challenge dismissed when the request had
been refused. What the court decided is its ruling as the officer recorded it from the judgment (the forms'
``putusan_atas_keberatan``, ``putusan_atas_kasasi``); a decision recorded without it (an older record, an API client
that does not send it) is read against the decision challenged (the Commission's, or the court's for a cassation),
which cannot tell a challenge declared inadmissible from one rejected, nor which part was granted.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.catalogs import N_, NP_, catalog, translated
from engine.runtime import Runtime

FILED_BY = {
    "pemohon": N_("filed by you, the applicant"),
    "termohon": N_("filed by the office, the respondent"),
}
# Where the challenge or the cassation was filed, after who filed it and in the court stage's next step, once known
# (engine.facts ``court_stage``): the court and its case number, or the Supreme Court's case number.
AT_THE_COURT = N_("at %(court)s, case number %(number)s")
AT_THE_COURT_UNNUMBERED = N_("at %(court)s")
IN_THE_CASE = N_("in case number %(number)s")
AT_THE_SUPREME_COURT = N_("at the Supreme Court, case number %(number)s")
# The decision became final with no party going on (engine.queries ``_with_court``: the stage alone read bare).
UNCHALLENGED = {
    "putusan_ajudikasi": N_(
        "Neither party challenged the decision in court in time; the Information Commission's decision binds the "
        "office."
    ),
    "putusan_pengadilan": N_(
        "Neither party appealed the judgment in cassation in time; the court's judgment binds the office."
    ),
}
# Who filed, inside a sentence on the court's ruling: Bahasa Indonesia says it as a relative clause there ("keberatan
# yang Anda ajukan sebagai Pemohon"), not as the milestone's own note.
CHALLENGED_BY = {
    "pemohon": NP_("the challenger, in a court's ruling", "filed by you, the applicant"),
    "termohon": NP_("the challenger, in a court's ruling", "filed by the office, the respondent"),
}

# How much of the request an operative part grants, to read a court's decision against the one challenged.
PARTLY = "dikabulkan_sebagian"
GRANTS = {"ditolak": 0, PARTLY: 1, "dikabulkan_seluruhnya": 2}
# What each party went to court for: the applicant, the request granted in full; the office, refused.
SOUGHT = {"pemohon": "dikabulkan_seluruhnya", "termohon": "ditolak"}

UPHELD, OVERTURNED, IN_PART, CHANGED = "upheld", "overturned", "in_part", "changed"
# The challenge declared inadmissible (tidak dapat diterima, niet ontvankelijk): the court did not decide on its
# merits, so the decision challenged stands, neither upheld nor overturned. Known only when recorded: read from the
# two operative parts, it looks like a challenge rejected.
INADMISSIBLE = "inadmissible"
# The court's ruling as recorded (pesan_putusan_pengadilan.json ``putusan_atas_keberatan``, pesan_putusan_kasasi.json
# ``putusan_atas_kasasi``), as the words below name it.
RULINGS = {
    "ditolak": UPHELD,
    "dikabulkan": OVERTURNED,
    "dikabulkan_sebagian": IN_PART,
    "tidak_dapat_diterima": INADMISSIBLE,
}
# Both decisions grant the request in part: not necessarily the same part, so the court may have granted the
# challenge on one part and refused it on another. Neither "rejected" nor "upheld" is then known.
PARTLY_AGAIN = "partly_again"
COURT_RULED = {
    UPHELD: N_("The court rejected the challenge %(filed_by)s, and upheld the Commission's decision."),
    OVERTURNED: N_("The court granted the challenge %(filed_by)s, and overturned the Commission's decision."),
    IN_PART: N_("The court partly granted the challenge %(filed_by)s, and changed the Commission's decision in part."),
    INADMISSIBLE: N_("The court declared the challenge %(filed_by)s, inadmissible; the Commission's decision stands."),
}
# The court's ruling recorded, who went to court not known: the ruling, without the challenger.
COURT_RULED_ON_A_CHALLENGE = {
    UPHELD: N_("The court rejected the challenge, and upheld the Commission's decision."),
    OVERTURNED: N_("The court granted the challenge, and overturned the Commission's decision."),
    IN_PART: N_("The court partly granted the challenge, and changed the Commission's decision in part."),
    INADMISSIBLE: N_("The court declared the challenge inadmissible; the Commission's decision stands."),
}
# Who went to court is not known (a stage a timer or an officer's confirmation moved), the court ruled against the
# challenger's own aim, or both decisions grant in part: what it did to the Commission's decision, and no more.
COURT_ON_THE_DECISION = {
    UPHELD: N_("The court upheld the Commission's decision."),
    CHANGED: N_("The court changed the Commission's decision."),
    PARTLY_AGAIN: N_("The court's decision grants the request in part, as the Commission's did."),
}
CASSATION_RULED = {
    UPHELD: N_("The Supreme Court rejected the cassation %(filed_by)s, and upheld the court's judgment."),
    OVERTURNED: N_("The Supreme Court granted the cassation %(filed_by)s, and overturned the court's judgment."),
    IN_PART: N_(
        "The Supreme Court partly granted the cassation %(filed_by)s, and changed the court's judgment in part."
    ),
    INADMISSIBLE: N_(
        "The Supreme Court declared the cassation %(filed_by)s, inadmissible; the court's judgment stands."
    ),
}
CASSATION_RULED_ON_AN_APPEAL = {
    UPHELD: N_("The Supreme Court rejected the cassation, and upheld the court's judgment."),
    OVERTURNED: N_("The Supreme Court granted the cassation, and overturned the court's judgment."),
    IN_PART: N_("The Supreme Court partly granted the cassation, and changed the court's judgment in part."),
    INADMISSIBLE: N_("The Supreme Court declared the cassation inadmissible; the court's judgment stands."),
}
CASSATION_ON_THE_JUDGMENT = {
    UPHELD: N_("The Supreme Court upheld the court's judgment."),
    CHANGED: N_("The Supreme Court changed the court's judgment."),
    PARTLY_AGAIN: N_("The Supreme Court's decision grants the request in part, as the court's judgment did."),
}
# The court's judgment not recorded with its operative part: the Supreme Court is named, its ruling cannot be.
CASSATION_DECIDED = N_("The Supreme Court decided on the cassation.")
EFFECT = {
    "dikabulkan_seluruhnya": N_("With this decision, your information request is granted in full."),
    "dikabulkan_sebagian": N_("With this decision, your information request is granted in part."),
    "ditolak": N_("With this decision, your information request is refused."),
}


@dataclass(frozen=True)
class Challenge:
    """A court stage as its decision is read: the decision challenged (its operative part) and who challenged it."""

    challenged: str | None = None
    filed_by: str | None = None


def worded(rt: Runtime | None, view: dict, locale: str) -> dict:
    """The public status ``view`` (engine.queries.public_status) with its milestones' details in words."""
    court, cassation = _challenges(view["milestones"])
    view["milestones"] = [
        {**m, "detail": said(rt, m.get("detail"), locale, cassation if _is_cassation(m) else court)}
        for m in view["milestones"]
    ]
    return view


def _challenges(milestones: list[dict]) -> tuple[Challenge, Challenge]:
    """The court challenge and the cassation as the milestones tell them: the Commission's decision and who went to
    court; the court's judgment and who filed for cassation."""
    details = {m["name"]: m.get("detail") or {} for m in milestones}

    def read(decision: str, filing: str) -> Challenge:
        return Challenge(details.get(decision, {}).get("decision"), details.get(filing, {}).get("filed_by"))

    return read("putusan_ajudikasi", "keberatan_pengadilan"), read("putusan_pengadilan", "kasasi")


def _is_cassation(milestone: dict) -> bool:
    return bool((milestone.get("detail") or {}).get("cassation"))


def said(rt: Runtime | None, detail: dict | None, locale: str, challenge: Challenge | None = None) -> str | None:
    """A milestone's ``detail`` in ``locale``, or None when it says nothing; a court's decision read against
    ``challenge``, the decision it was asked to change and who asked."""
    if not detail:
        return None
    gettext = catalog(locale).gettext
    if "unchallenged" in detail:
        return gettext(UNCHALLENGED[detail["unchallenged"]])
    if "filed_by" in detail:
        return _filing(detail, locale)
    if detail.get("cassation") or detail["form"] == "putusan_pengadilan":
        return _court_decision(detail, challenge or Challenge(), locale)
    return _choice_title(rt, detail["form"], "amar", detail["decision"], locale)


def _filing(detail: dict, locale: str) -> str | None:
    """Who filed the challenge or the cassation, then where, as far as each is known; None when neither is."""
    filed = FILED_BY.get(detail["filed_by"])
    if detail.get("cassation"):
        number = detail.get("case_number")
        at = translated(AT_THE_SUPREME_COURT, locale) % {"number": number} if number else None
    else:
        at = where(detail.get("court"), detail.get("case_number"), locale)
    return ", ".join(part for part in (translated(filed, locale) if filed else None, at) if part) or None


def where(court: str | None, number: str | None, locale: str) -> str | None:
    """The court a challenge is before and its case number, as far as known: "at PTUN Jakarta, case number …"."""
    if court and number:
        return translated(AT_THE_COURT, locale) % {"court": court, "number": number}
    if court:
        return translated(AT_THE_COURT_UNNUMBERED, locale) % {"court": court}
    if number:
        return translated(IN_THE_CASE, locale) % {"number": number}
    return None


def _court_decision(detail: dict, challenge: Challenge, locale: str) -> str:
    """What the court (or the Supreme Court) decided on the challenge, then what it means for the request: its ruling
    as recorded (``detail``'s ``ruling``), else as read from the two operative parts (``_ruling``)."""
    gettext = catalog(locale).gettext
    cassation = bool(detail.get("cassation"))
    recorded = RULINGS.get(detail.get("ruling"))
    ruling = recorded or _ruling(challenge.challenged, detail["decision"], challenge.filed_by)
    filed = CHALLENGED_BY.get(challenge.filed_by)
    named = CASSATION_RULED if cassation else COURT_RULED
    if ruling in named and filed:
        ruled = gettext(named[ruling]) % {"filed_by": translated(filed, locale)}
    elif recorded is not None:
        ruled = gettext((CASSATION_RULED_ON_AN_APPEAL if cassation else COURT_RULED_ON_A_CHALLENGE)[recorded])
    elif ruling is not None:
        plain = CASSATION_ON_THE_JUDGMENT if cassation else COURT_ON_THE_DECISION
        ruled = gettext(plain.get(ruling, plain[CHANGED]))
    else:
        ruled = gettext(CASSATION_DECIDED) if cassation else ""
    effect = EFFECT.get(detail["decision"])
    return " ".join(part for part in (ruled, gettext(effect) if effect else detail["decision"]) if part)


def _ruling(challenged: str | None, decided: str, filed_by: str | None) -> str | None:
    """The court's decision on the challenge, read from the two operative parts: ``UPHELD`` when both refuse or both
    grant in full, ``PARTLY_AGAIN`` when both grant in part; else ``OVERTURNED`` when it gave the challenger all they
    sought, ``IN_PART`` when it moved towards it, ``CHANGED`` when the challenger is unknown or it moved the other way;
    None when the decision challenged is not known."""
    if challenged not in GRANTS or decided not in GRANTS:
        return None
    if decided == challenged:
        return PARTLY_AGAIN if decided == PARTLY else UPHELD
    sought = SOUGHT.get(filed_by)
    if sought is None or abs(GRANTS[sought] - GRANTS[decided]) > abs(GRANTS[sought] - GRANTS[challenged]):
        return CHANGED
    return OVERTURNED if decided == sought else IN_PART


def _choice_title(rt: Runtime | None, message: str, field: str, value: str, locale: str) -> str:
    """A message's choice as its form names it in ``locale``; the code when the form does not name it."""
    try:
        node = rt.forms.schema(f"pesan_{message}.json")["properties"][field] if rt is not None else {}
    except (LookupError, KeyError):
        node = {}
    titles = node.get("x-enum-titles-en" if locale == "en" else "x-enum-titles") or {}
    return titles.get(value, value)
