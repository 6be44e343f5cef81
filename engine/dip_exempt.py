"""Exempt items whose exemption has ended: the information is no longer exempt, and the PPID opens it.

An item of the public information list in the category "dikecualikan" rests on an entry of the exemption register
(``DipItem.exemption_id``, engine.exemptions). The entry stops holding when its period is over (UU 14/2008 Pasal
20: never permanent) or when the refusal it rests on is overturned: an objection granted in full, or a Commission's
or court's decision become final (``exemption_ends.end_for_objection``, ``end_for_dispute``). From that day the
information is no longer exempt, and the PPID's duty is to open it (PP 61/2010 Pasal 14) and classify the item
again; until then the list would tell the public something the register no longer says.

- ``no_longer_exempt``: such items (not withdrawn), with the day the entry stopped holding, for the officers' list
  (``/dip``, ``GET /api/v1/dip/no-longer-exempt``); ``exemption_ended_on`` for one item (its pages, the public's
  too).
- An item may not be saved as exempt on an entry that no longer holds (engine.dip ``values``).
- ``in_force_for_public``: the register's determinations in force, as the portal's category "dikecualikan" lists
  them beside the items the PPID listed as exempt (the category said "nothing matches" while the register held
  thirty determinations in force): what is exempt, on which Pasal 17 ground, until when, by which decree; never the
  exempted content, the tests or who asked.
- ``sweep`` (every reconcile): the PPID and the officers of the item's unit are told once per item and end,
  recorded as a ``DipReminder`` of kind ``EXEMPT`` already sent (unique per item, kind and day; the periodic
  reminders' sweep passes over it), so nothing is told twice, and the item itself (its version, which an officer's
  form holds) is not touched.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import not_, select
from sqlalchemy.orm import Session

from engine import clock, exemptions, personal_kinds, pii_scan
from engine.calendar import WorkingCalendar
from engine.dip_due import unit_officers
from engine.models import DipItem, DipReminder, Exemption
from engine.outbox import Outbox, members
from engine.runtime import Runtime

KIND = "EXEMPT"  # DipReminder.kind of the message that an item's exemption ended
EVENT = "dip_exemption_ended"


def ended_on(entry: Exemption, today: date) -> date | None:
    """The first day ``entry`` is not in force (``exemptions.in_force``), if it is today or before."""
    first = min(d for d in (entry.ended_on, entry.valid_until + timedelta(days=1)) if d is not None)
    return first if first <= today else None


def exemption_ended_on(session: Session, rt: Runtime, item: DipItem) -> date | None:
    """The day an exempt item's register entry stopped holding, or None while it holds or the item cites none."""
    if item.category != "dikecualikan" or item.exemption_id is None:
        return None
    entry = session.get(Exemption, item.exemption_id)
    return ended_on(entry, rt.today()) if entry is not None else None


def ended_among(session: Session, rt: Runtime, items: list[DipItem]) -> dict[int, date]:
    """Of ``items`` (a page of the list), the exempt ones whose entry no longer holds: item id -> the day it stopped."""
    cited = {item.id: item.exemption_id for item in items if item.category == "dikecualikan" and item.exemption_id}
    if not cited:
        return {}
    entries = {e.id: e for e in session.scalars(select(Exemption).where(Exemption.id.in_(set(cited.values()))))}
    today = rt.today()
    found = {item_id: ended_on(entries[entry_id], today) for item_id, entry_id in cited.items() if entry_id in entries}
    return {item_id: since for item_id, since in found.items() if since is not None}


class Listed(list):
    """The determinations the public page lists; ``more``: others in force match too, left to the register."""

    more: bool = False


PUBLIC_LIMIT = 100  # the determinations the public page lists at most, the newest decrees


def in_force_for_public(session: Session, today: date, words: str = "", limit: int = PUBLIC_LIMIT) -> Listed:
    """The determinations in force on ``today`` (``exemptions.in_force_sql``), newest decree first and at most
    ``limit`` of them (``Listed.more`` when others match: the page says the register holds more), those whose
    information holds every one of ``words`` (a search, any case): the information as the determination names it
    (None when it holds someone's NIK, NIP, phone number or e-mail address: the public reads the ground, the period
    and the decree only), the Pasal 17 letters, the last day it holds and the decree's number and date."""
    query = (
        select(Exemption)
        .where(exemptions.in_force_sql(today))
        .order_by(Exemption.decree_date.desc(), Exemption.id.desc())
    )
    wanted = words.casefold().split()
    out = Listed()
    for entry in session.scalars(query):
        if not all(word in entry.information.casefold() for word in wanted):
            continue
        if len(out) == limit:
            out.more = True
            break
        personal = pii_scan.scan_text([entry.information]) or personal_kinds.EIGHTEEN.search(entry.information)
        out.append(
            {
                "information": None if personal else entry.information,
                "letters": list(entry.letters),
                "valid_until": entry.valid_until,
                "decree_number": entry.decree_number,
                "decree_date": entry.decree_date,
            }
        )
    return out


def no_longer_exempt(session: Session, rt: Runtime, limit: int = 200) -> list[tuple[DipItem, date]]:
    """The items still listed as exempt whose register entry no longer holds, with the day it stopped, the longest
    ago first. A withdrawn item is not listed."""
    today = rt.today()
    rows = session.execute(
        select(DipItem, Exemption)
        .join(Exemption, DipItem.exemption_id == Exemption.id)
        .where(
            DipItem.category == "dikecualikan",
            DipItem.status != "withdrawn",
            not_(exemptions.in_force_sql(today)),
        )
        .order_by(DipItem.id)
    ).all()
    found = [(item, ended_on(entry, today)) for item, entry in rows]
    return sorted(found, key=lambda pair: (pair[1], pair[0].id))[:limit]


def sweep_due(session: Session) -> bool:
    """Whether an exempt item may have an ended exemption nobody was told of (every reconcile asks, before the
    runtime is built: a day's margin stands in for the office's zone, and ``sweep`` decides)."""
    bound = clock.now().date() + timedelta(days=1)
    told = select(DipReminder.id).where(DipReminder.item_id == DipItem.id, DipReminder.kind == KIND)
    query = (
        select(DipItem.id)
        .join(Exemption, DipItem.exemption_id == Exemption.id)
        .where(
            DipItem.category == "dikecualikan",
            DipItem.status != "withdrawn",
            not_(exemptions.in_force_sql(bound)),
            ~told.exists(),
        )
    )
    return session.scalar(query.limit(1)) is not None


def sweep(session: Session, rt: Runtime) -> int:
    """Tell the PPID and the item's unit, once per item and end, of each item whose exemption ended; returns how many
    items were told of (the caller commits)."""
    cal = rt.calendars["strict"]
    found = no_longer_exempt(session, rt, limit=500)
    if not found:
        return 0
    told = set(
        session.execute(
            select(DipReminder.item_id, DipReminder.due_at).where(
                DipReminder.kind == KIND, DipReminder.item_id.in_([item.id for item, _ in found])
            )
        ).all()
    )
    outbox, now, count = Outbox(session, rt.settings.notify_channels), clock.now(), 0
    ppid = members(session, ["ppid"])
    for item, since in found:
        at = _instant(cal, since)
        if (item.id, at) in told:
            continue
        session.add(DipReminder(item_id=item.id, kind=KIND, due_at=at, fire_at=now, status="sent", sent_at=now))
        context = {
            "dip_item": item.id,
            "dip_title": item.title,
            "dip_unit": item.unit.name,
            "since": since.isoformat(),
        }
        outbox.to_staff(EVENT, f"dip{item.id}:{KIND}:{since:%Y%m%d}", [*ppid, *unit_officers(session, item)], context)
        count += 1
    outbox.write()
    session.flush()
    return count


def _instant(cal: WorkingCalendar, day: date) -> datetime:
    """The day the entry stopped holding as the reminder row keeps it: its start in the office's zone."""
    return datetime.combine(day, datetime.min.time(), tzinfo=cal.tz)
