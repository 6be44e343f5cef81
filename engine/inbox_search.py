"""The inbox's search (``q`` of engine.inbox_list): which cases a ticket, a NIK, a name or words of a subject find.

Each kind of match is looked up through its own index, never by reading every case:

- a ticket: its prefix, as a range on the unique index of ``case.ticket``; a ticket's number as heard on the
  telephone (``108``, ``000108``, ``2026-108``, ``PPID-2026-108``): the exact tickets it can be, one per series and
  year whose counter has reached it (``ticket_number``), looked up on the same index;
- a NIK or every word of a requester's name, or of the name of a proxy the case has had (who filed it, one
  appointed later, one whose power ended: ``CaseProxy``): the blind index of keyed hashes (engine.blind_index),
  searched only for a reader of identities and never on a complaint (whose reporter is not indexed). Names are
  kept out of the word index below: that one is plain words, readable by whoever reads the database;
- words of the case's subject: the word index over ``case.subject``. SQLite: the FTS5 table ``case_words``
  (external content over ``case``, case and accents folded), which triggers on ``case`` keep in step;
  PostgreSQL: a GIN index on ``to_tsvector('simple', subject)``, which the database itself keeps. Either way
  the index changes in the transaction that writes the subject (migration 0021). Every word typed must be a word
  of the subject, whole (case and, on SQLite, accents aside): a prefix would make PostgreSQL's index scan
  every word it starts and guess its matches blind; only the kinds of case whose subject the reader may see
  are searched by their words (engine.subjects.readable_kinds).

How the inbox lists the matches' open tasks depends on how many cases match (``find`` reads at most
``NARROW`` + 1 of them): up to ``NARROW``, their ids are kept (``Found.ids``) and their tasks fetched and
sorted; more are found by walking the inbox in its order, testing each task, which meets a page's worth of
them early. Each plan is fast where the other is slow (sorting ten thousand matches; walking a queue of
thirty thousand tasks for three).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    any_,
    bindparam,
    column,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from engine import blind_index, kinds
from engine.models import Case, CaseProxy, TicketCounter

# The word index's own objects, which no model describes: the FTS5 table and its shadow tables (SQLite), the
# expression index (PostgreSQL). Alembic's comparison leaves them out (engine.search.include_name).
INDEX_TABLES = frozenset(
    {"case_words", "case_words_data", "case_words_idx", "case_words_content", "case_words_docsize", "case_words_config"}
)
INDEX_NAMES = frozenset({"ix_case_subject_words"})
TRIGGERS = ("case_words_ai", "case_words_ad", "case_words_au")
# Up to this many matching cases are fetched and sorted; beyond it the inbox is walked in its order. Sorting n
# matches costs about n; walking costs about a page's 50 times (open tasks / matches): they cross near
# sqrt(50 x 100,000), so a bound of 2,000 keeps either at a few thousand rows read at 100,000 open tasks.
NARROW = 2000
MAX_WORDS = 8  # words of a subject looked for; a longer query is a sentence and its first words are enough
TICKET = re.compile(r"[A-Z]{2,10}-\d{4}-\d{1,8}|[A-Z]{2,10}-\d{4}-?|[A-Z]{2,10}-")
# A ticket's number, alone or after its year, or its series and year (``PPID-2026-108``): zeros before it or not.
NUMBER = re.compile(r"(?:(?:(?P<series>[A-Z]{2,10})-)?(?P<year>\d{4})-)?0*(?P<number>[1-9]\d{0,7})")
_SERIES = re.compile(r"[A-Z]{2,10}")  # a register's counter; a letter type's is ``surat:<series>`` (engine.tickets)
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Found:
    """The cases a query matches: their ids when there are at most ``NARROW`` (``narrow``), else a condition on
    the case row that the inbox tests as it walks its tasks in order (``where``)."""

    ids: tuple[int, ...] | None = None
    where: ColumnElement[bool] | None = None
    # SQLite plans without statistics: it reaches a few tasks by their ids, not their case's (engine.inbox_list).
    by_task_id: bool = False

    @property
    def narrow(self) -> bool:
        return self.ids is not None


def subject_words(q: str) -> list[str]:
    """The words of a query looked for in subjects, lower-cased, in order, at most ``MAX_WORDS``."""
    return list(dict.fromkeys(_WORD.findall(q.casefold())))[:MAX_WORDS]


def subject_match(dialect: str, words: list[str]) -> ColumnElement[bool]:
    """A case whose subject has every word, as the word index answers it.

    The words are ``[^\\W_]+`` only (``subject_words``): nothing in them is syntax to either index's query.
    PostgreSQL tests the row itself (its index has the same expression, so a lookup uses it); SQLite asks
    its FTS5 table for the matching rowids.
    """
    if dialect == "postgresql":
        # The index's own expression, spelled as the migration wrote it, so the planner recognises it.
        vector = func.to_tsvector(literal_column("'simple'::regconfig"), Case.subject)
        wanted = func.to_tsquery(literal_column("'simple'::regconfig"), " & ".join(words))
        return vector.op("@@")(wanted)
    words_table = table("case_words", column("rowid"))
    expression = " ".join(f'"{w}"' for w in words)
    return Case.id.in_(select(words_table.c.rowid).where(literal_column("case_words").op("MATCH")(expression)))


def ticket_number(session: Session, q: str) -> list[str]:
    """The tickets a number typed as heard can be (``108``, ``2026 108``, ``ppid-2026-108``): for each register
    series and year whose counter has reached the number (of the series and year typed, if any), its ticket as
    engine.tickets writes it. A few counters are read, never the cases."""
    typed = _number(q)
    if typed is None:
        return []
    number = int(typed["number"])
    counters = select(TicketCounter.prefix, TicketCounter.year).where(TicketCounter.last >= number)
    if typed["year"]:
        counters = counters.where(TicketCounter.year == int(typed["year"]))
    if typed["series"]:
        counters = counters.where(TicketCounter.prefix == typed["series"])
    return sorted(
        f"{prefix}-{year}-{number:06d}"
        for prefix, year in session.connection().execute(counters)
        if _SERIES.fullmatch(prefix)
    )


def _number(q: str) -> re.Match | None:
    """``q`` read as a ticket's number (``NUMBER``), spaces between its parts read as hyphens."""
    return NUMBER.fullmatch(re.sub(r"[\s-]+", "-", q.strip().upper()))


def _one_of(dialect: str, column_, values: list[int]) -> ColumnElement[bool]:
    """``column IN values``; on PostgreSQL as ``= ANY(array)``, one parameter however many values (an IN list of
    hundreds is hundreds of parameters to bind and plan, in every statement of a page and its count)."""
    if dialect == "postgresql":
        return column_ == any_(bindparam("proxy_cases", values, type_=ARRAY(Integer)))
    return column_.in_(values)


def find(session: Session, q: str, *, named: frozenset[str], readable: frozenset[str], key: bytes) -> Found:
    """What ``q`` matches for a reader of the requesters of ``named`` kinds and the subjects of ``readable``."""
    dialect = session.get_bind().dialect.name
    fetch, test = [], []  # the same matches: as the cases' ids read through an index, and as a test of a case row
    upper = q.upper().replace(" ", "")
    ticket = TICKET.fullmatch(upper)
    if ticket:  # a prefix as a range, so both databases use the ticket's unique index
        prefix = and_(Case.ticket >= upper, Case.ticket < upper + "\uffff")
        fetch.append(prefix)
        test.append(prefix)
    heard = ticket_number(session, q)
    if heard:  # the exact tickets a number can be, on the same index
        exact = Case.ticket.in_(heard)
        fetch.append(exact)
        test.append(exact)
    parties = blind_index.parties_matching(key, q) if named else None
    if parties is not None:  # only PPID requesters and proxies are indexed (engine.blind_index): never a complaint
        fetch.append(and_(Case.requester_party_id.in_(parties), Case.kind != kinds.COMPLAINT))
        has = blind_index.party_matches(key, q, Case.requester_party_id)
        # A proxy's name has tokens of its own: this reads the few proxies', not the requesters' thousands again.
        # Their cases are collected first (a proxy files tens of cases, not thousands), so the inbox's walk tests
        # each row against a short list instead of probing the proxies' links and tokens row by row.
        proxies = blind_index.parties_matching(key, q, blind_index.PROXY)
        if proxies is not None:
            linked = select(CaseProxy.case_id).where(CaseProxy.party_id.in_(proxies)).limit(NARROW + 1)
            by_proxy = session.connection().execute(linked).scalars().all()
            if len(by_proxy) > NARROW:  # a proxy of thousands of cases: probed row by row after all
                tokens = blind_index.party_matches(key, q, CaseProxy.party_id, blind_index.PROXY)
                found = exists().where(CaseProxy.case_id == Case.id, tokens)
            else:
                found = _one_of(dialect, Case.id, sorted(set(by_proxy))) if by_proxy else None
            if found is not None:
                fetch.append(found)
                has = or_(has, found)
        test.append(and_(has, Case.kind != kinds.COMPLAINT))
    words = subject_words(q)
    dated = bool(heard) and _number(q)["year"] is not None  # "2026-108", a ticket's
    shaped = ticket or dated or blind_index.NIK.fullmatch(re.sub(r"[\s.-]", "", q))
    # A ticket, a ticket's number after its year, or a NIK is not looked for in the subjects' words; a number alone
    # is (a subject may hold "2026" or "108"), and so are words that only look like a number (no such ticket).
    if readable and words and not shaped:
        found = subject_match(dialect, words)
        found = found if readable == frozenset(kinds.ALL) else and_(found, Case.kind.in_(readable))
        fetch.append(found)
        test.append(found)
    if not fetch:
        return Found(ids=())
    selects = [select(Case.id).where(condition) for condition in fetch]
    cases = union_all(*selects) if len(selects) > 1 else selects[0]
    # Plain rows (the session's connection, not the ORM's loading): a case matching two ways is here twice.
    ids = session.connection().execute(cases.limit(NARROW + 1)).scalars().all()
    if len(ids) <= NARROW:
        return Found(ids=tuple(sorted(set(ids))), by_task_id=dialect == "sqlite")
    return Found(where=or_(*test))
