"""Full-text search of the public information list in Bahasa Indonesia: one query function, two databases.

Words are stemmed in Python with Sastrawi (PySastrawi), both when an item is written (``document``
fills ``DipItem.search_text``) and when a query is read (``terms``), so "perizinan", "izin" and
"perizinannya" all become ``izin`` and find each other. The databases then index the stems as plain
tokens, without a language of their own:

- SQLite: the FTS5 table ``dip_search`` (external content over ``dip_item.search_text``, ranked by bm25);
- PostgreSQL: ``dip_item.search_vector`` (``to_tsvector('simple', search_text)``, GIN index, ``ts_rank``).

Triggers written by the migration keep either index in step with ``search_text``; nothing here writes
the index. ``search_items`` is the only query over it: the portal's catalogue, the API, the officers'
suggestions and the benchmark (bench/dip_search.py) all call it.

The title's stems are written twice, so a word in the title weighs more than one in the summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from sqlalchemy import column, func, literal_column, select, table, text
from sqlalchemy.orm import Session

from engine import inbox_search
from engine.models import DipItem

# Tables and indexes of the search index that the models do not describe (engine.models' docstring
# of DipItem): the FTS5 table and its shadow tables. Alembic's comparison leaves them out (include_name).
INDEX_TABLES = frozenset(
    {"dip_search", "dip_search_data", "dip_search_idx", "dip_search_content", "dip_search_docsize", "dip_search_config"}
)
_WORD = re.compile(r"[^\W_]+")
# Words a request or a query is full of that say nothing about what is asked (besides Sastrawi's own list).
OFFICE_STOPWORDS = frozenset({"mohon", "minta", "tolong", "terkait", "tentang", "salin", "butuh", "perlu"})
MAX_TERMS = 12  # a query longer than this is a sentence: its first distinct words are enough
PAIR_TERMS = 8  # "at least two of the words" is written out as pairs, for at most this many words
CANDIDATES = 1000  # the newest matches that are ranked (see _ranked): the cost of a search stays bounded


def include_name(name, type_, parent_names) -> bool:
    """Alembic's filter: the search indexes (this module's and the inbox's, engine.inbox_search) are the
    migrations' FTS5 tables and expression index, not a model's."""
    if type_ == "table":
        return name not in INDEX_TABLES | inbox_search.INDEX_TABLES
    return not (type_ == "index" and name in inbox_search.INDEX_NAMES)


@lru_cache(maxsize=1)
def _sastrawi():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    stopwords = frozenset(StopWordRemoverFactory().get_stop_words()) | OFFICE_STOPWORDS
    return StemmerFactory().create_stemmer(), stopwords


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    stemmer, _stopwords = _sastrawi()
    return stemmer.stem(word) or word


def analyze(text: str | None) -> list[str]:
    """The text's words, lower-cased, without stop words, stemmed: what is indexed and what is looked for."""
    _stemmer, stopwords = _sastrawi()
    # Stop words go before stemming only: "pengadaan" stems to "ada", which is a stop word as a word.
    return [stem(word) for word in _WORD.findall((text or "").lower()) if word not in stopwords]


def terms(text: str | None) -> list[str]:
    """A query's distinct stems in order, at most ``MAX_TERMS``."""
    return list(dict.fromkeys(analyze(text)))[:MAX_TERMS]


def document(title: str, *parts: str | None) -> str:
    """``search_text`` of an item: the title's stems twice (they weigh more), then the other parts'."""
    title_stems = analyze(title)
    return " ".join([*title_stems, *title_stems, *(s for part in parts for s in analyze(part))])


@dataclass(frozen=True)
class Page:
    items: list[DipItem]
    more: bool  # there is at least one more result after these
    terms: list[str]  # the stems that were looked for (empty: a browse, ordered by title)


def search_items(
    session: Session,
    query: str | None = None,
    *,
    category: str | None = None,
    unit_id: int | None = None,
    statuses: tuple[str, ...] = ("published",),
    match: str = "all",
    limit: int = 20,
    offset: int = 0,
    stems: list[str] | None = None,
) -> Page:
    """Items matching ``query`` (best first), or every item when it has no words (by title), filtered.

    ``match``: ``all`` words (the catalogue and the API), or ``two`` of them, at least (the officers'
    suggestions for a request's sentence: pairs of its words, then any single word if no pair matches).
    ``stems``: words already analyzed (``analyze``), looked for as they are, instead of ``query``.
    """
    wanted = list(dict.fromkeys(stems))[:MAX_TERMS] if stems is not None else terms(query)
    filters = [DipItem.status.in_(statuses)]
    if category:
        filters.append(DipItem.category == category)
    if unit_id:
        filters.append(DipItem.unit_id == unit_id)
    if not wanted:
        ids = session.scalars(
            select(DipItem.id).where(*filters).order_by(DipItem.title, DipItem.id).limit(limit + 1).offset(offset)
        ).all()
        return Page(_load(session, ids[:limit]), len(ids) > limit, [])
    groups = [wanted] if match == "all" or len(wanted) == 1 else _pairs(wanted[:PAIR_TERMS])
    ids = _ranked(session, groups, filters, limit + 1, offset)
    if not ids and match != "all" and len(wanted) > 1:
        ids = _ranked(session, [[t] for t in wanted], filters, limit + 1, offset)
    return Page(_load(session, ids[:limit]), len(ids) > limit, wanted)


def _pairs(words: list[str]) -> list[list[str]]:
    return [list(pair) for pair in combinations(words, 2)]


def _ranked(session: Session, groups: list[list[str]], filters: list, limit: int, offset: int) -> list[int]:
    """Ids of the items matching any group (all words of a group), best first: the one dialect-specific part.

    Ranking every match of a common word ("laporan" is in a fifth of a list) costs time in proportion to the
    list. So the newest ``CANDIDATES`` matches (highest ids: the index yields them in that order and stops)
    are ranked: a query matching fewer items is ranked exactly; a broader one, among its newest matches.
    """
    if session.get_bind().dialect.name == "postgresql":
        query = func.to_tsquery("simple", " | ".join("(" + " & ".join(g) + ")" for g in groups))
        candidates = (
            select(DipItem.id, DipItem.search_vector)
            .where(DipItem.search_vector.op("@@")(query), *filters)
            .order_by(DipItem.id.desc())
            .limit(CANDIDATES)
            .subquery()
        )
        rank = func.ts_rank(candidates.c.search_vector, query)
    else:
        fts = table("dip_search", column("rowid"), column("rank"))
        expression = " OR ".join("(" + " ".join(f'"{t}"' for t in g) + ")" for g in groups)
        candidates = (
            select(fts.c.rowid.label("id"), fts.c.rank.label("rank"))
            .select_from(fts)
            .join(DipItem, DipItem.id == fts.c.rowid)
            .where(literal_column("dip_search").op("MATCH")(expression), *filters)
            .order_by(fts.c.rowid.desc())
            .limit(CANDIDATES)
            .subquery()
        )
        rank = candidates.c.rank  # bm25: lower is better
    order = rank.desc() if session.get_bind().dialect.name == "postgresql" else rank
    statement = select(candidates.c.id).order_by(order, candidates.c.id.desc()).limit(limit).offset(offset)
    return list(session.scalars(statement))


def _load(session: Session, ids: list[int]) -> list[DipItem]:
    if not ids:
        return []
    rows = {item.id: item for item in session.scalars(select(DipItem).where(DipItem.id.in_(ids)))}
    return [rows[i] for i in ids if i in rows]


def rebuild(session: Session) -> None:
    """Rebuild the index from ``search_text`` (after a bulk load that bypassed the triggers, or a repair)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            DipItem.__table__.update().values(search_vector=func.to_tsvector("simple", DipItem.search_text))
        )
    else:
        session.execute(text("INSERT INTO dip_search(dip_search) VALUES ('rebuild')"))
