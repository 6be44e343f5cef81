"""The inbox as pages: one indexed query a page, keyset-paged, sorted, filtered and searched.

``GET /api/v1/tasks`` and the officer's inbox page both read ``page()``. A page is one SQL statement:
the open tasks joined to their case (for the access scope, the ticket and the subject), the requester's
sealed identity when the reader may read it (decrypted here, never stored or logged), the assignee's
username and the unit's name. The order uses the copies the tasks carry of their case's facts
(``HumanTask.sort_at``, ``received_at``, ``stage``), so the database walks an index and stops after a
page instead of sorting every open task. Paging is by keyset: the cursor is the last row's sort key,
so a page costs the same at the end of 100,000 tasks as at the start, and a task claimed meanwhile
neither repeats nor skips a row.

Sorts: ``due`` (most urgent first: the late tasks, then by due date, the tasks with no deadline last; the
stored ``HumanTask.sort_at``, engine.sync), ``received`` and ``status``; ``-`` reverses.
A task is late (the ``overdue`` due state, the header's count) when its own due date has passed or its case is
flagged overdue, as ``access.is_late`` says: the list and the counter that links to it count the same tasks.
Search (``q``): the ticket, the requester's NIK or every word of their name (the blind index,
engine.blind_index: only for readers of identities and never a complaint's reporter), or words of
the case's subject (the word index, only where the reader may see the subject field): engine.inbox_search.
A complaint's subject is the reporter's own words: the complaint team's alone to read and search by. Anyone else who
may read a complaint's recorded subject (an auditor) reads the one the team recorded, or none before it has
(engine.subjects.complaint_subject_read_by, team_subjects), and finds the complaint by its ticket only: the word
index holds the reporter's words.

Counts ("of N", the header's open, overdue and mine) are counted up to ``COUNT_CAP`` and then stop
(``Count``): an officer needs the exact number of a small queue and, of a large one, that it is more
than a thousand; counting a queue of 60,000 to the last task costs more than the page it heads.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import datetime, time

from sqlalchemy import and_, bindparam, false, func, literal, or_, select, tuple_
from sqlalchemy import case as when
from sqlalchemy.orm import Session, aliased

from engine import access, blind_index, clock, inbox_search, kinds
from engine.errors import Forbidden, Invalid
from engine.messages import msg
from engine.models import Case, HumanTask, Party, Unit, User
from engine.queries import SCOPES, follow_up, working_days_left
from engine.runtime import Runtime
from engine.subjects import (
    MAX_LENGTH,
    SUBJECT_FIELDS,
    TEAMS,
    complaint_subject_read_by,
    readable_kinds,
    subject_of,
    team_subjects,
)

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
SORTS = ("due", "-due", "received", "-received", "status", "-status")
DUE_STATES = ("overdue", "due_soon", "on_track", "none")
# A task's follow-up (engine.follow_ups): its day has come, or it has one at all.
FOLLOW_UPS = ("due", "set")
# A task is "due soon" from this many working days before its due date (the first "-3" reminder).
DUE_SOON_WORKING_DAYS = 3
MAX_QUERY = 100
# Counts stop here: below it they are exact, above it they say "1.000+" (``Count``).
COUNT_CAP = 1000


@dataclass
class Filters:
    """What the reader asked for: the query string's choices, checked (``parse``)."""

    scope: str = "group"
    sort: str = "due"
    process: str | None = None
    stage: str | None = None
    due: str | None = None
    follow_up: str | None = None
    unit: int | None = None
    overdue: bool | None = None
    q: str | None = None
    cursor: str | None = None
    limit: int = PAGE_SIZE

    def params(self) -> dict:
        """The choices as query-string values (no cursor): what a saved filter keeps."""
        out = {"scope": self.scope, "sort": self.sort}
        for key in ("process", "stage", "due", "follow_up", "unit", "q"):
            value = getattr(self, key)
            if value not in (None, ""):
                out[key] = str(value)
        return out


def parse(raw: dict) -> Filters:
    """Filters from query-string values; every bad one is named (one ``Invalid``), nothing is guessed."""
    fields: dict[str, list] = {}
    f = Filters()

    def choice(key, choices):
        value = (raw.get(key) or "").strip()
        if value and value not in choices:
            fields[key] = [msg("one_of", choices=", ".join(choices))]
            return None
        return value or None

    f.scope = choice("scope", SCOPES) or "group"
    f.sort = choice("sort", SORTS) or "due"
    f.process = choice("process", kinds.ALL)
    f.due = choice("due", DUE_STATES)
    f.follow_up = choice("follow_up", FOLLOW_UPS)
    f.stage = (raw.get("stage") or "").strip()[:40] or None
    unit = str(raw.get("unit") or "").strip()
    if unit:
        if unit.isdigit() and 0 < int(unit) < 2**31:
            f.unit = int(unit)
        else:
            fields["unit"] = [msg("id_range", max=2**31 - 1)]
    overdue = raw.get("overdue")
    if isinstance(overdue, bool):
        f.overdue = overdue
    q = " ".join(str(raw.get("q") or "").split())
    if len(q) > MAX_QUERY:
        fields["q"] = [msg("max_length", max=MAX_QUERY)]
    f.q = q or None
    f.cursor = (raw.get("cursor") or "").strip() or None
    limit = str(raw.get("limit") or "").strip()
    if limit:
        if limit.isdigit() and 1 <= int(limit) <= MAX_PAGE_SIZE:
            f.limit = int(limit)
        else:
            fields["limit"] = [msg("number_at_most", max=MAX_PAGE_SIZE)]
    if fields:
        raise Invalid("invalid_data", fields=fields)
    return f


@dataclass
class Page:
    items: list[dict]
    next_cursor: str | None
    filters: Filters
    lanes: set[str] = field(default_factory=set)
    found: inbox_search.Found | None = None  # the search's matches, for the page's count (``total``)


@dataclass(frozen=True)
class Count:
    """A number of tasks counted up to ``COUNT_CAP``: exact when ``more`` is false, else "more than ``value``"."""

    value: int
    more: bool = False

    def __int__(self) -> int:
        return self.value


def _sort_columns(sort: str) -> list:
    key = sort.lstrip("-")
    if key == "received":
        return [HumanTask.received_at, HumanTask.id]
    if key == "status":
        return [HumanTask.stage, HumanTask.sort_at, HumanTask.id]
    return [HumanTask.sort_at, HumanTask.id]


def _encode(sort: str, values: list) -> str:
    plain = [v.isoformat() if isinstance(v, datetime) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps([sort, plain]).encode()).decode().rstrip("=")


def _decode(sort: str, cursor: str, columns: list) -> list:
    """The cursor's sort key, or Invalid: a cursor from another sort or tampered with is refused."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        made_for, values = json.loads(raw)
        if made_for != sort or len(values) != len(columns):
            raise ValueError
        out = []
        for column, value in zip(columns, values, strict=True):
            if column.key in ("sort_at", "received_at"):
                value = datetime.fromisoformat(value)
                if value.tzinfo is None:
                    raise ValueError
            elif (
                column.key == "id"
                and not (isinstance(value, int) and 0 < value < 2**63)
                or column.key == "stage"
                and not isinstance(value, str)
            ):
                raise ValueError
            out.append(value)
        return out
    except (ValueError, TypeError, json.JSONDecodeError):
        raise Invalid("invalid_data", fields={"cursor": [msg("invalid")]}) from None


def identity_kinds(user: User) -> frozenset[str]:
    """The kinds of case whose requester ``user`` may read: never a complaint (engine.access)."""
    return frozenset(k for k in kinds.ALL if k != kinds.COMPLAINT) if access.can_read_identity(user) else frozenset()


def _due_soon_cutoff(rt: Runtime) -> datetime:
    """The start of the first day more than ``DUE_SOON_WORKING_DAYS`` working days ahead (strict calendar)."""
    cal = rt.calendars["strict"]
    later = cal.add_working_days(clock.now(), DUE_SOON_WORKING_DAYS + 1).due_date
    return datetime.combine(later, time(0), tzinfo=cal.tz)


def scoped(
    user: User,
    filters: Filters,
    rt: Runtime,
    query=None,
    *,
    counting: bool = False,
    found: inbox_search.Found | None = None,
):
    """The open tasks ``user`` may list under ``filters`` (no order, no page): the API and the page's counts.

    A count for a reader whose access rule reads only the task's copy of its case's kind, with no unit
    filter, needs no join to the cases (``access.open_tasks_rule``): it counts an index of ``human_task``.
    ``found``: the search's matches (``search``), when ``filters.q`` has been looked up already.
    """
    query = query if query is not None else select(HumanTask.id)
    query = query.where(HumanTask.state == "open")
    walked = found is not None and not found.narrow  # many matches: tested on each task's case (inbox_search)
    rule = access.open_tasks_rule(user) if counting and not filters.unit and not walked else None
    if rule is not None:
        query = query.where(rule)
    else:
        query = access.cases_visible_to(user, query.join(Case, Case.id == HumanTask.case_id))
    if filters.scope == "mine":
        query = query.where(HumanTask.assignee_id == user.id)
    elif filters.scope == "group":
        query = query.where(HumanTask.lane.in_(user.group_codes))
        if "unit_pengolah" in user.group_codes:  # a unit's own referrals: a complaint it answered may have been
            query = query.where(or_(HumanTask.unit_id.is_(None), HumanTask.unit_id == user.unit_id))  # sent on
    else:
        if not access.is_superior(user):
            raise Forbidden("superiors_only")
        query = query.where(HumanTask.lane.in_(access.supervised_lanes(user)))
    if filters.process:
        query = query.where(HumanTask.process_id == filters.process)
    if filters.stage:
        query = query.where(HumanTask.stage == filters.stage)
    if filters.unit:
        query = query.where(func.coalesce(HumanTask.unit_id, Case.unit_id) == filters.unit)
    now = clock.now()
    if filters.overdue is not None:
        query = query.where(late(now) if filters.overdue else on_time(now))
    if filters.due == "overdue":
        query = query.where(late(now))
    elif filters.due == "due_soon":
        query = query.where(on_time(now), HumanTask.due_at < _due_soon_cutoff(rt))
    elif filters.due == "on_track":
        query = query.where(on_time(now), HumanTask.due_at >= _due_soon_cutoff(rt))
    elif filters.due == "none":
        query = query.where(on_time(now), HumanTask.due_at.is_(None))
    if filters.follow_up == "due":
        query = query.where(HumanTask.follow_up_at <= now)
    elif filters.follow_up == "set":
        query = query.where(HumanTask.follow_up_at.is_not(None))
    if filters.q:
        if found is None:
            raise ValueError("a search's matches are looked up first (inbox_list.search)")
        query = query.where(_matching(found))
    return query


def late(now: datetime):
    """An open task is late (``access.is_late``): its own due date has passed, or its case is flagged overdue (an
    agency deadline lapsed; a task on time by its own date, or with none, answers for it all the same)."""
    return or_(HumanTask.due_at < now, _in_late_case())


def on_time(now: datetime):
    """Not ``late``: due from now on, or with no deadline, in a case not flagged overdue."""
    return and_(or_(HumanTask.due_at >= now, HumanTask.due_at.is_(None)), HumanTask.case_overdue == False)  # noqa: E712


def _in_late_case():
    return HumanTask.case_overdue == True  # noqa: E712 - rendered as a constant: the index's column


MATCHED = aliased(HumanTask, name="matched")  # one alias for every search: the statement's cache key stays the same


def _matching(found: inbox_search.Found):
    """The tasks of the cases a search found. A few matches are looked up by their case's id; on SQLite, which
    plans without statistics and would rather read the whole queue through its (state, lane) index testing
    each task, by the tasks' own ids: the id ends every index of the tasks, so the queue's index is probed.
    Many matches are tested on each task's case as the inbox is walked in its order (the page meets fifty of
    them early)."""
    if found.narrow:
        if not found.ids:
            return false()
        ids = bindparam("matched_case_ids", list(found.ids), expanding=True)  # bound whole, not id by id
        if found.by_task_id:
            return HumanTask.id.in_(select(MATCHED.id).where(MATCHED.case_id.in_(ids)))
        return HumanTask.case_id.in_(ids)
    return found.where


def _with_team_subjects(session: Session, rt: Runtime, user: User, items: list[dict], rows) -> list[dict]:
    """``items`` with each complaint's subject as the team recorded it (``rows``: theirs, with ``case_id`` and
    ``case_kind``), for a reader who reads that one and not the reporter's (engine.subjects)."""
    wanted = [row.case_id for row in rows if row.case_kind == kinds.COMPLAINT]
    if not wanted or complaint_subject_read_by(rt.forms, user) != TEAMS:
        return items
    recorded = team_subjects(session, wanted)
    for item, row in zip(items, rows, strict=True):
        if row.case_id in recorded:
            item["subject"] = subject_of(kinds.COMPLAINT, {SUBJECT_FIELDS[kinds.COMPLAINT]: recorded[row.case_id]})
    return items


def search(session: Session, rt: Runtime, user: User, filters: Filters) -> inbox_search.Found | None:
    """The cases ``filters.q`` matches for ``user`` (engine.inbox_search), or None without a query."""
    if not filters.q:
        return None
    return inbox_search.find(
        session,
        filters.q,
        named=identity_kinds(user),
        readable=readable_kinds(rt.forms, user),
        key=blind_index.search_key(rt.settings),
    )


# An objection's or a dispute's row names what the requester asked for, as its request's row does (the request's
# subject), rather than the objection's own subject field, the requester's whole statement of their case (kasus
# posisi), or a dispute's register number: a PPID knows a chain by the information asked. The request is the
# objection's parent, the dispute's parent or grandparent (engine.chain); an objection with no registered request
# (engine.unregistered) states the information asked itself. One statement still: two joins by primary key.
ASKED_KINDS = frozenset({kinds.OBJECTION, kinds.DISPUTE})
ASKED_FIELD = "informasi_yang_diminta"  # keberatan_tanpa_permohonan.json: what the unregistered request asked
PARENT = aliased(Case, name="parent_case")  # one alias each for every page: the statement's cache key stays the same
GRANDPARENT = aliased(Case, name="grandparent_case")


def _with_request(query):
    """``query`` (over ``Case``) joined to an objection's or a dispute's parent and a dispute's grandparent."""
    query = query.outerjoin(PARENT, and_(Case.kind.in_(ASKED_KINDS), PARENT.id == Case.parent_id))
    return query.outerjoin(GRANDPARENT, and_(PARENT.kind == kinds.OBJECTION, GRANDPARENT.id == PARENT.parent_id))


def _subject(readable: frozenset[str]):
    """The subject a row shows, where the reader may read it (``readable``): a request's and a complaint's own, an
    objection's and a dispute's their request's (``_with_request``, joined when one of them is readable); an
    objection with no registered request its own, which ``_asked_in`` replaces."""
    if not readable:
        return literal(None)
    if not readable & ASKED_KINDS:
        return when((Case.kind.in_(readable), Case.subject), else_=literal(None))
    asked = func.coalesce(
        when((GRANDPARENT.kind == kinds.REQUEST, GRANDPARENT.subject)),
        when((PARENT.kind == kinds.REQUEST, PARENT.subject)),
        Case.subject,
    )
    return when((Case.kind.in_(readable), asked), else_=literal(None))


def _asked_in(readable: frozenset[str]):
    """The details of an objection with no registered request (``ASKED_FIELD`` says what was asked): the row's own,
    or its dispute's objection's; null for every other row (read whole, not by a JSON path: the same SQL on both
    databases, and only for these rare rows)."""
    if not readable & ASKED_KINDS:
        return literal(None).label("asked_in")
    unregistered = func.coalesce(
        when((and_(Case.kind == kinds.OBJECTION, Case.parent_id.is_(None)), Case.details)),
        when((and_(PARENT.kind == kinds.OBJECTION, PARENT.parent_id.is_(None)), PARENT.details)),
        type_=Case.details.type,
    )
    return when((Case.kind.in_(readable), unregistered), else_=literal(None)).label("asked_in")


def _row_subject(row) -> str | None:
    """The row's subject (``_subject``), or what an objection with no registered request says was asked, on one
    line, at most ``engine.subjects.MAX_LENGTH`` (those words are not cut when filed)."""
    details = row.asked_in if isinstance(row.asked_in, dict) else {}
    subject = details.get(ASKED_FIELD) or row.subject
    if subject is None:
        return None
    text = " ".join(str(subject).split())
    return text if len(text) <= MAX_LENGTH else text[: MAX_LENGTH - 1] + "…"


ASSIGNEE = aliased(User, name="assignee")  # one alias for every page: the statement's cache key stays the same
# The task's columns a row shows (read as plain values: no ORM objects are built for a list).
ROW_COLUMNS = (
    HumanTask.id,
    HumanTask.bpmn_id,
    HumanTask.title,
    HumanTask.form,
    HumanTask.lane,
    HumanTask.process_id,
    HumanTask.state,
    HumanTask.assignee_id,
    HumanTask.unit_id,
    HumanTask.stage,
    HumanTask.received_at,
    HumanTask.due_at,
    HumanTask.follow_up_at,
    HumanTask.follow_up_note,
    HumanTask.sort_at,
)


def page(session: Session, rt: Runtime, user: User, filters: Filters) -> Page:
    """One page of the inbox, in one statement (and one more to count a search's matches, engine.inbox_search);
    ``next_cursor`` when there are more."""
    found = search(session, rt, user, filters)
    columns = _sort_columns(filters.sort)
    descending = filters.sort.startswith("-")
    assignee = ASSIGNEE
    named = identity_kinds(user)
    readable = readable_kinds(rt.forms, user)
    query = scoped(
        user,
        filters,
        rt,
        select(
            *ROW_COLUMNS,
            Case.ticket,
            Case.id.label("case_id"),
            Case.kind.label("case_kind"),
            _subject(readable).label("subject"),
            _asked_in(readable),
            Case.unit_id.label("case_unit_id"),
            Case.overdue.label("case_overdue"),
            Party.key_id if named else literal(None).label("key_id"),
            Party.ciphertext if named else literal(None).label("ciphertext"),
            assignee.username.label("assignee"),
            Unit.name.label("unit_name"),
        ).select_from(HumanTask),
        found=found,
    )
    if named:  # a reader of no identity gets no join at all (a join on false makes SQLite scan the vault)
        query = query.outerjoin(Party, and_(Party.id == Case.requester_party_id, Case.kind.in_(named)))
    if readable & ASKED_KINDS:
        query = _with_request(query)
    query = query.outerjoin(assignee, assignee.id == HumanTask.assignee_id).outerjoin(
        Unit, Unit.id == func.coalesce(HumanTask.unit_id, Case.unit_id)
    )
    if filters.cursor:
        after = _decode(filters.sort, filters.cursor, columns)
        key = tuple_(*columns)
        query = query.where(key < tuple_(*after) if descending else key > tuple_(*after))
    # A search's few matches are found through their own indexes, then sorted: an order on an expression
    # keeps the database from walking the whole inbox in sort order, testing each task against them. Many
    # matches are met early on that walk (inbox_search.NARROW), which then beats sorting them all.
    ordered = [func.coalesce(c, c) if found is not None and found.narrow else c for c in columns]
    query = query.order_by(*[c.desc() if descending else c.asc() for c in ordered]).limit(filters.limit + 1)
    rows = session.execute(query).all()
    more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    left = _days_left(rt, {r.due_at for r in rows})
    items = _with_team_subjects(session, rt, user, [_item(rt, row, left) for row in rows], rows)
    cursor = None
    if more:
        last = rows[-1]
        cursor = _encode(filters.sort, [getattr(last, c.key) for c in columns])
    return Page(items, cursor, filters, {row.lane for row in rows if row.lane}, found)


CASES_SHOWN = 20  # cases a search lists under the inbox's tasks (each list: closed, open), newest first


@dataclass
class Cases:
    """Cases a search matches that the inbox's tasks do not show (``closed_cases``, ``open_cases``): at most
    ``CASES_SHOWN``, and whether more do."""

    items: list[dict]
    more: bool


def closed_cases(
    session: Session, rt: Runtime, user: User, filters: Filters, found: inbox_search.Found | None
) -> Cases:
    """The closed cases ``user`` may open that a search matches, newest received first: the inbox lists open
    tasks, so a case already finished (a caller asking about last month's request) is found here. The same
    matches as the page's (``found``), the same access rule as the case page (``access.cases_visible_to``),
    and the filters that apply to a case (process, unit). Only a narrow search is listed: thousands of matches
    would be read to sort them, and the officer narrows the words instead (``more``)."""
    return _cases(session, rt, user, filters, found, Case.closed_at.is_not(None))


def open_cases(
    session: Session,
    rt: Runtime,
    user: User,
    filters: Filters,
    found: inbox_search.Found | None,
    *,
    exclude_listed: bool = True,
) -> Cases:
    """The open cases ``user`` may open that a search matches but none of whose tasks the list shows, newest
    received first: a request now in another group's queue (the desk, a requester on the telephone, looking for
    the request the PPID holds), a task another scope or filter leaves out, a case waiting with no task open (for
    the requester, a payment, another body). Listed as ``closed_cases`` lists: the same matches, access rule and
    filters; the tasks left out are those the page's own query (``scoped``, under every filter) would list.
    ``exclude_listed=False``: every open case matched, for a page that lists no task beside them (the auditor's
    case search, api.web.audit_cases)."""
    if found is None or not found.narrow or not found.ids:
        return _cases(session, rt, user, filters, found)
    if not exclude_listed:
        return _cases(session, rt, user, filters, found, Case.closed_at.is_(None))
    listed = scoped(user, filters, rt, select(HumanTask.case_id).select_from(HumanTask), found=found)
    return _cases(session, rt, user, filters, found, Case.closed_at.is_(None), Case.id.not_in(listed.correlate(None)))


def _cases(
    session: Session, rt: Runtime, user: User, filters: Filters, found: inbox_search.Found | None, *where
) -> Cases:
    """The cases of a narrow search's matches that ``user`` may open, under ``where`` and the filters that apply
    to a case (process, unit), newest received first, at most ``CASES_SHOWN``."""
    if found is None or not found.narrow or not found.ids:
        return Cases([], bool(found is not None and not found.narrow))
    readable, named = readable_kinds(rt.forms, user), identity_kinds(user)
    columns = (
        Case.ticket,
        Case.id.label("case_id"),
        Case.kind.label("case_kind"),
        Case.status,
        _subject(readable).label("subject"),
        _asked_in(readable),
        Case.received_at,
        Case.due_at,
        Case.closed_at,
    )
    sealed = (
        (Party.key_id, Party.ciphertext)
        if named
        else (literal(None).label("key_id"), literal(None).label("ciphertext"))
    )
    ids = bindparam("found_case_ids", list(found.ids), expanding=True)
    query = access.cases_visible_to(user, select(*columns, *sealed)).where(Case.id.in_(ids), *where)
    if named:
        query = query.outerjoin(Party, and_(Party.id == Case.requester_party_id, Case.kind.in_(named)))
    if readable & ASKED_KINDS:
        query = _with_request(query)
    if filters.process:
        query = query.where(Case.kind == filters.process)
    if filters.unit:
        query = query.where(Case.unit_id == filters.unit)
    rows = session.execute(query.order_by(Case.received_at.desc(), Case.id.desc()).limit(CASES_SHOWN + 1)).all()
    items = [
        {
            "ticket": row.ticket,
            "kind": row.case_kind,
            "status": row.status,
            "subject": _row_subject(row),
            "received_at": row.received_at,
            "due_at": row.due_at,
            "closed_at": row.closed_at,
            "requester_name": _requester_name(rt, row),
        }
        for row in rows[:CASES_SHOWN]
    ]
    return Cases(_with_team_subjects(session, rt, user, items, rows[:CASES_SHOWN]), len(rows) > CASES_SHOWN)


def _days_left(rt: Runtime, dues: set) -> dict:
    """Working days left for each due instant of the page, counted once per due day."""
    cal = rt.calendars["strict"]
    by_day: dict = {}
    out = {None: None}
    for due in dues - {None}:
        day = due.astimezone(cal.tz).date()
        if day not in by_day:
            by_day[day] = working_days_left(rt, due)
        out[due] = by_day[day]
    return out


def _requester_name(rt: Runtime, row) -> str | None:
    """The requester's name from the row's sealed identity, for a reader of identities (else no ciphertext)."""
    return rt.vault.open(row.key_id, row.ciphertext).get("name") if row.ciphertext is not None else None


def _item(rt: Runtime, row, left: dict) -> dict:
    requester = _requester_name(rt, row)
    return {
        "id": row.id,
        "ticket": row.ticket,
        "case_id": row.case_id,
        "name": row.bpmn_id,
        "title": row.title,
        "form": row.form,
        "lane": row.lane,
        "process": row.process_id,
        "state": row.state,
        "assignee": row.assignee,
        "assignee_id": row.assignee_id,
        "task_unit_id": row.unit_id,
        "unit_id": row.unit_id or row.case_unit_id,
        "case_overdue": bool(row.case_overdue),
        "unit_name": row.unit_name,
        "stage": row.stage,
        "subject": _row_subject(row),
        "requester_name": requester,
        "received_at": row.received_at,
        "due_at": row.due_at,
        "working_days_left": left[row.due_at],
        **follow_up(rt, row.follow_up_at, row.follow_up_note),
    }


def capped(session: Session, query) -> Count:
    """How many rows ``query`` has, counted up to ``COUNT_CAP`` (it reads at most one row more)."""
    return _count(session.scalar(select(func.count()).select_from(query.limit(COUNT_CAP + 1).subquery())) or 0)


def _count(n: int) -> Count:
    return Count(min(n, COUNT_CAP), n > COUNT_CAP)


def counts(session: Session, rt: Runtime, user: User) -> dict[str, Count]:
    """The header's numbers in one statement, each counted up to ``COUNT_CAP``: the open tasks of the officer's
    queue, the tasks that are theirs (what "My tasks" lists, scope ``mine``: also one held outside their lanes, a
    leave's stand-in's after it, which the queue's count left out), and the late tasks they answer for
    (``overdue_tasks``)."""
    queue = scoped(user, Filters(scope="group"), rt, counting=True)
    mine = scoped(user, Filters(scope="mine"), rt, counting=True)
    late_by_date, late_case = overdue_tasks(user, rt)

    def upto(query):
        return select(func.count()).select_from(query.limit(COUNT_CAP + 1).subquery()).scalar_subquery()

    statement = select(upto(queue), upto(mine), upto(late_by_date), upto(late_case))
    total, mine, by_date, by_case = session.execute(statement).one()
    return {"open": _count(total), "overdue": _count(by_date + by_case), "mine": _count(mine)}


def overdue_tasks(user: User, rt: Runtime) -> tuple:
    """The late open tasks (``late``) ``user`` answers for, as two queries that share no task: late by their own
    due date, and on time by it (or without one) in a case still flagged overdue (an agency deadline lapsed; the
    escalation being done does not make the case on time). A superior answers for the lanes below too
    (``access.supervised_lanes``). The header's count links to the same tasks: the inbox's ``due=overdue`` in
    scope "all" for a superior, else "group" (api.web.layout). Each reads an index of the tasks (the due date;
    the task's copy of its case's flag, ``HumanTask.case_overdue``) and stops at ``COUNT_CAP``: the flag needs no
    join to the cases (a reader whose access rule does, ``access.open_tasks_rule``, joins only the tasks counted)."""
    filters = Filters(scope="all" if access.is_superior(user) else "group")
    now = clock.now()
    by_date = scoped(user, filters, rt, counting=True).where(HumanTask.due_at < now)
    in_late_case = (
        scoped(user, filters, rt, counting=True)
        .where(_in_late_case())
        .where(or_(HumanTask.due_at >= now, HumanTask.due_at.is_(None)))
    )
    return by_date, in_late_case


def total(session: Session, rt: Runtime, user: User, filters: Filters, listed: Page | None = None) -> Count:
    """How many open tasks the filters match, up to ``COUNT_CAP`` (a second statement, for the page's "of N").

    ``listed``: the page these filters gave (``page``), so a search is not looked up twice. A search matching
    more cases than ``inbox_search.NARROW`` is counted by its page alone: exact when the first page holds
    every match, else "more than a page" (its matches are many: counting a thousand of them would test
    thousands of tasks, the cost the page avoids by stopping at fifty).
    """
    found = listed.found if listed is not None else search(session, rt, user, filters)
    if found is not None and not found.narrow:
        listed = listed or page(session, rt, user, filters)
        if filters.cursor is None and listed.next_cursor is None:
            return Count(len(listed.items))
        return Count(filters.limit, more=True)
    # A search's few tasks are counted by their ids (``_matching``): selecting a column that the queue's covering
    # index lacks keeps SQLite from reading that whole index rather than looking the ids up in another.
    counted = HumanTask.case_id if found is not None else HumanTask.id
    query = scoped(user, filters, rt, select(counted).select_from(HumanTask), counting=True, found=found)
    return capped(session, query)
