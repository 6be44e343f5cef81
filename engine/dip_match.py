"""Requests meet the list: items that may already answer a request, citing one, and repeated requests.

- ``suggest``: the published items matching a request's text (at least two of its words, else one),
  shown to the officer who processes it (the task page, ``GET /api/v1/tasks/{id}``).
- ``check_citations``: a form field marked ``"x-references": "dip_item"`` (the decision's ``dip_item``)
  must name a published, non-exempt item; ``inbox.complete_task`` calls it after the schema check.
- ``cited``: the item a case's decision cited, for the written notice (the portal's letters, the e-mail).
- ``repeated_requests``: requests asking for the same thing, grouped and counted, that no published
  item answers: a hint that something should be published (the PPID's DIP page, the API, the dashboard),
  unless the office refused it as exempt information; such a group is a question of classification, never a
  suggestion to publish (``Repeated.refused_exempt``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import exemption_ends, exemptions, kinds, search
from engine.calendar import iso_day
from engine.errors import Invalid
from engine.messages import msg
from engine.models import Case, CaseEvent, DipItem, Exemption

REFERENCE = "dip_item"  # the value of "x-references" that names a DIP item
SIMILAR = 0.5  # two requests ask for the same thing when half their distinct words are shared (Jaccard)
MIN_SHARED = 2  # ... and at least this many words
REFUSED_EXEMPT = "ditolak_dikecualikan"  # a request's outcome: refused, the information is exempt (Pasal 17)


def suggest(session: Session, text: str | None, limit: int = 5) -> list[DipItem]:
    if not (text or "").strip():
        return []
    return search.search_items(session, text, match="two", limit=limit).items


def for_case(session: Session, case: Case, limit: int = 5) -> list[DipItem]:
    """Suggestions for an information request's officer; other kinds of case ask for nothing listed."""
    if case.kind != kinds.REQUEST:
        return []
    return suggest(session, (case.details or {}).get("information"), limit)


def check_citations(session: Session, schema: dict, data: dict) -> None:
    """Every field the form marks as a DIP reference names an item the public can be pointed to."""
    fields = {}
    for name, node in schema.get("properties", {}).items():
        if node.get("x-references") != REFERENCE or data.get(name) is None:
            continue
        item = session.get(DipItem, data[name]) if isinstance(data[name], int) and 0 < data[name] < 2**31 else None
        if item is None or item.status != "published":
            fields[name] = [msg("no_published_item")]
        elif item.category == "dikecualikan":
            fields[name] = [msg("item_exempt")]
    if fields:
        raise Invalid("dip_reference_invalid", fields=fields)


def cited(session: Session, data: dict) -> DipItem | None:
    """The published item a decision's data cites, if any."""
    item_id = data.get(REFERENCE)
    if not isinstance(item_id, int):
        return None
    item = session.get(DipItem, item_id)
    return item if item is not None and item.status == "published" else None


def cited_by_case(session: Session, case: Case) -> DipItem | None:
    """The item the case's latest decision cited (read from its history, as the letters are)."""
    for (data,) in session.execute(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == case.id, CaseEvent.type == "task_completed")
        .order_by(CaseEvent.seq.desc())
    ):
        if data.get("task") == "putuskan":
            return cited(session, data.get("data", {}))
    return None


def notice_context(session: Session, data: dict) -> dict:
    """The decision notice's DIP lines (notifications.rendering): the cited item's title and where it is."""
    item = cited(session, data)
    return {"dip_title": item.title, "dip_link": public_path(item)} if item is not None else {}


def public_path(item: DipItem) -> str:
    """Where the portal shows the item (the notice names it)."""
    return f"/publik/informasi/{item.id}"


@dataclass
class Repeated:
    """Requests that ask for the same thing: how many, which, when, and in the words of the first."""

    example: str
    words: list[str]
    tickets: list[str] = field(default_factory=list)
    first_at: datetime | None = None
    last_at: datetime | None = None
    refused_exempt: list[str] = field(default_factory=list)  # its requests whose refusal as exempt still stands

    @property
    def count(self) -> int:
        return len(self.tickets)


def repeated_requests(
    session: Session,
    today: date,
    since: datetime | None = None,
    min_count: int = 2,
    limit: int = 50,
    include_refused: bool = False,
) -> list[Repeated]:
    """Groups of at least ``min_count`` requests asking for the same thing that no published item answers.

    Requests are grouped by their stemmed words (two requests are alike when at least half of their
    distinct words, and two or more, are shared); a group is left out when a published item matches
    the words its requests share (an item listed as exempt included). The most asked first.

    A group one of whose requests was refused as exempt information (UU 14/2008 Pasal 17, after the consequence
    test), the refusal still standing on ``today`` (the office's date), is not a suggestion to publish: exempt
    information is never published (Pasal 17; disclosing it is an offence, Pasal 54), however often it is asked
    for and whatever other requests of the group were answered. Such a group is left out, or, with
    ``include_refused``, returned with those requests' tickets in ``refused_exempt``: the PPID classifies the
    information (PP 61/2010 Pasal 14), listing it as exempt with its register entry or reviewing the refusals.
    A refusal stops standing when it was overturned (an objection or a final decision opened it: the request's
    ``refusal_overturned`` event, engine.exemption_ends), or when every register entry it rests on has ended
    (Pasal 20: its period is over, or the refusal that made it was overturned: ``exemptions.in_force``): the entries
    it made, or the one its decision cites; one that rests on no entry at all stands.
    """
    query = select(Case.id, Case.ticket, Case.received_at, Case.details, Case.outcome).where(Case.kind == kinds.REQUEST)
    if since is not None:
        query = query.where(Case.received_at >= since)
    groups: list[tuple[set[str], Repeated, dict[int, str]]] = []
    for case_id, ticket, received_at, details, outcome in session.execute(query.order_by(Case.received_at, Case.id)):
        text = (details or {}).get("information") or ""
        words = set(search.analyze(text))
        if len(words) < MIN_SHARED:
            continue
        home = next((g for g in groups if _alike(g[0], words)), None)
        if home is None:
            home = (words, Repeated(example=text, words=sorted(words)), {})
            groups.append(home)
        else:
            home[1].words = sorted(set(home[1].words) & words or home[1].words)
        home[1].tickets.append(ticket)
        home[1].first_at = home[1].first_at or received_at
        home[1].last_at = received_at
        if outcome == REFUSED_EXEMPT:
            home[2][case_id] = ticket
    counted = [(group, refused) for _words, group, refused in groups if group.count >= min_count]
    standing = _refusals_standing(session, [case_id for _g, refused in counted for case_id in refused], today)
    out = []
    for group, refused in sorted(counted, key=lambda g: -g[0].count):
        group.refused_exempt = [ticket for case_id, ticket in refused.items() if case_id in standing]
        if group.refused_exempt and not include_refused:
            continue  # exempt: never suggested for publication
        if search.search_items(session, stems=group.words, limit=1).items:
            continue  # the list answers it already
        out.append(group)
        if len(out) >= limit:
            break
    return out


def _refusals_standing(session: Session, refused: list[int], today: date) -> set[int]:
    """Of the requests ``refused`` as exempt, those whose refusal still stands on ``today``: every one, except a
    refusal overturned by then, and one whose register entries (its own, or the one it cited) have all ended."""
    entries: dict[int, list[Exemption]] = {}
    overturned: set[int] = set()
    for start in range(0, len(refused), 500):  # a bound list of ids per query, however many refusals
        chunk = refused[start : start + 500]
        for entry in session.scalars(select(Exemption).where(Exemption.case_id.in_(chunk))):
            entries.setdefault(entry.case_id, []).append(entry)
        for case_id, data in session.execute(
            select(CaseEvent.case_id, CaseEvent.data).where(
                CaseEvent.case_id.in_(chunk), CaseEvent.type == exemption_ends.OVERTURNED
            )
        ):
            if (iso_day(data.get("on")) or today) <= today:
                overturned.add(case_id)
    cited = exemptions.cited_by(session, refused)
    found = {e.id: e for e in session.scalars(select(Exemption).where(Exemption.id.in_(set(cited.values()))))}
    for case_id, entry_id in cited.items():
        if entry_id in found:
            entries.setdefault(case_id, []).append(found[entry_id])
    return {
        case_id
        for case_id in refused
        if case_id not in overturned
        and (case_id not in entries or any(exemptions.in_force(e, today) for e in entries[case_id]))
    }


def _alike(a: set[str], b: set[str]) -> bool:
    shared = len(a & b)
    return shared >= MIN_SHARED and shared / len(a | b) >= SIMILAR
