"""A year of closed cases, made through the real engine (``kawal demo year``): for reports, benchmarks, screenshots.

Each case is a story planned up front (when it arrives, which path it takes, how many working days
each step waits) and then told step by step through the same verbs an officer's click calls
(``intake``, ``inbox.complete_task``, ``casework``), with the clock moved to each step's instant. The
stories of all cases are interleaved in time order, and before every step the timers that fell due
meanwhile are run (what the timer job does), so a late decision really lapses T10 and escalates.

SpiffWorkflow decides whether a timer is due with its own ``datetime.now`` (spiffworkflow-notes "Time
inside the library"); while the year is told, its timer module reads ``engine.clock`` instead
(``travel``). Tests do the same with time-machine.

The plan of every story is returned (``Story``): what a test counts on its own, independently of
the facts and the SQL the reports count with.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time

from sqlalchemy.orm import Session

from engine import fees
from engine.demo_year.complaints import complaint_story
from engine.demo_year.office import Office, Story, receipt, travel
from engine.demo_year.requests import PAGE_PRICE, request_story
from engine.runtime import Runtime

__all__ = ["Story", "all_stories", "generate_year", "travel"]


def generate_year(
    session: Session,
    rt: Runtime,
    *,
    cases: int,
    year: int,
    seed: int = 2026,
    complaint_share: float = 0.3,
    commit: Callable[[], None] | None = None,
    until: date | None = None,
) -> list[Story]:
    """Tell ``cases`` first cases (requests and complaints; objections and disputes follow some requests).

    Receipts fall on working days of ``year`` (up to ``until``); every story is told to its end, which may
    fall in the next year. ``commit`` is called after every step (the CLI commits; a test may too).
    """
    rng = random.Random(seed)  # noqa: S311 - demo data, reproducible by its seed
    office = Office(session, rt)
    demo_fee_standard(session, year)
    last = until or date(year, 12, 31)
    stories, queue, seq = [], [], 0
    # Leave room for the longest story to end within a year of its receipt.
    latest = min(last, date(year, 12, 31))
    for n in range(1, cases + 1):
        received = receipt(rng, office, year, latest)
        if rng.random() < complaint_share:
            story, steps = complaint_story(rng, office, received, n)
        else:
            story, steps = request_story(rng, office, received, n)
        stories.append(story)
        for at, action in steps:
            heapq.heappush(queue, (at, seq, action))
            seq += 1
    with travel(lambda: office.now):
        while queue:
            at, _seq, action = heapq.heappop(queue)
            office.now = at
            office.fire_due()
            action()
            session.flush()
            if commit is not None:
                commit()
    return stories


def demo_fee_standard(session: Session, year: int) -> None:
    """A printed page at Rp500 from 1 January of the year, unless the office already priced it by then."""
    since = date(year, 1, 1)
    if not fees.in_force(session, since).get("halaman"):
        fees.record_rate(  # with its record in the fee standard's chain: a demo database has no gap (engine.chain_gaps)
            session,
            "halaman",
            PAGE_PRICE,
            since,
            "Keputusan Kepala Kantor Wilayah tentang Standar Biaya Layanan Informasi Publik (contoh)",
            "demo",
            datetime.combine(since, time(), tzinfo=UTC),
        )


def all_stories(stories: list[Story]) -> Iterator[Story]:
    for story in stories:
        yield story
        yield from all_stories(story.children)
