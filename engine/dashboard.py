"""The dashboard of the PPID, its superior and the complaint managers: where the work stands, in figures.

Open cases by stage and by lateness, the cases due this week and the oldest open ones, the on-time
rate by month and by unit, twelve months of cases received and closed, and the satisfaction index.
Every count is one SQL aggregate over the same scope the registers list (``engine.registers.scoped``
and ``access.cases_visible_to``), so a number here equals the rows of the register with the same
filters: open cases of a process received in the period, of the unit chosen. The head of the agency
also counts the complaints, which it reads in figures and has no register of (``access.figures_visible_to``);
the lists that name cases (due this week, the oldest open) show only the cases the reader may open.

The complaint counts follow the complaint statistics' rule (``engine.complaint_stats.disclosure``, the one place that
decides it): exact to a reader whose complaint register lists every complaint counted (the complaint team, the
auditors); to another (the head) a count from 1 to 4 is withheld (None), and with it a breakdown's one more count
that would give it away (the stages and lateness of the open complaints, the on time and late of a month's closed
ones). A panel that adds the processes together (lateness, on time, the twelve months) would give it away too, as
its difference from the same panel of the other processes alone: there the complaints are counted apart
(``Dashboard.apart``), left out, and read on the dashboard of the complaints alone.

"On time" is a closed case that never went overdue: no agency deadline of it was missed (the case's
``overdue`` flag, set when one lapses). An open case is due when the office's nearest pending deadline falls
(``office_due``, what the case page's top says: a new complaint's review, V3, before the requester-facing
``Case.due_at`` is set), and overdue only when a legal one lapsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from engine import access, clock, complaint_stats, kinds, survey
from engine.complaint_stats import Disclosure
from engine.models import Case, CaseFacts, Deadline, User
from engine.registers import Filter, scoped
from engine.runtime import Runtime

LIST_SIZE = 10
LATENESS = ("overdue", "due_this_week", "on_track", "no_deadline")
# The office's nearest pending deadline of an open case, else the one the requester is shown (api.web.case.office_due).
office_due = func.coalesce(
    select(func.min(Deadline.due_at))
    .where(Deadline.case_id == Case.id, Deadline.status == "pending", Deadline.kind == "agency")
    .correlate(Case)
    .scalar_subquery(),
    Case.due_at,
)


@dataclass(frozen=True)
class View:
    """What the dashboard shows: processes, received in [start, end), of one unit (or all)."""

    kinds: tuple[str, ...]
    start: datetime
    end: datetime
    unit: str | None = None


@dataclass
class Dashboard:
    """The figures; a count None is withheld (``complaints``: how this reader is shown the complaint counts)."""

    view: View
    months: list[str]
    complaints: Disclosure = complaint_stats.EXACT
    apart: tuple[str, ...] = ()  # processes left out of the panels that add the processes together
    open_totals: dict[str, int | None] = field(default_factory=dict)  # kind -> open cases
    open_by_stage: dict[str, dict[str, int | None]] = field(default_factory=dict)  # kind -> status -> open cases
    lateness: dict[str, dict[str, int | None]] = field(default_factory=dict)  # kind -> LATENESS -> open cases
    due_this_week: list[dict] = field(default_factory=list)
    oldest_open: list[dict] = field(default_factory=list)
    on_time_by_month: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)  # month: closed, on time
    on_time_by_unit: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    received_by_month: dict[str, int | None] = field(default_factory=dict)
    closed_by_month: dict[str, int | None] = field(default_factory=dict)
    ikm: survey.Index | None = None
    ikm_by_unit: dict[str, survey.Index] = field(default_factory=dict)

    def open_total(self, kind: str) -> int | None:
        return self.open_totals.get(kind, 0)

    @property
    def together(self) -> tuple[str, ...]:
        """The processes the panels that add processes together count."""
        return tuple(k for k in self.view.kinds if k not in self.apart)

    def lateness_together(self) -> dict[str, int | None]:
        """The open cases by lateness of the processes counted together (one process's as it is shown)."""
        if len(self.together) == 1:
            return self.lateness[self.together[0]]
        return {key: sum(self.lateness[k][key] for k in self.together) for key in LATENESS}


def months_ending(last: datetime, tz, count: int = 12) -> list[str]:
    """``count`` office-local months ending with the month of ``last`` (oldest first)."""
    local = last.astimezone(tz)
    year, month = local.year, local.month
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def _from(user: User, view: View, kind: str, *columns, state: str | None = None, listed: bool = False):
    """A count over the cases of ``kind`` the user reads in figures (``access.figures_visible_to``); ``listed``: rows
    that name a case (its ticket), of the cases the user may open (``access.cases_visible_to``) only."""
    query = select(*columns).select_from(Case).join(CaseFacts, CaseFacts.case_id == Case.id)
    query = scoped(query, Filter(kind, view.start, view.end, state, view.unit))
    return (access.cases_visible_to if listed else access.figures_visible_to)(user, query)


def _visible_any(user: User, view: View, together: tuple[str, ...], *columns):
    """The processes counted together, whatever the period (the twelve-month panels choose their own months)."""
    query = select(*columns).select_from(Case).join(CaseFacts, CaseFacts.case_id == Case.id)
    query = query.where(CaseFacts.kind.in_(together))
    if view.unit:
        query = query.where(CaseFacts.unit_code == view.unit)
    return access.figures_visible_to(user, query)


def _complaint_disclosure(session: Session, user: User, view: View, passed_on: bool) -> Disclosure:
    """How the complaint counts are shown (engine.complaint_stats.disclosure): the complaints counted are the ones
    the reader reads in figures, of the unit chosen, received at any time (the twelve-month panels reach before the
    period)."""
    if kinds.COMPLAINT not in view.kinds:
        return complaint_stats.EXACT
    if passed_on:
        return complaint_stats.PASSED_ON
    query = select(func.count()).select_from(Case).join(CaseFacts, CaseFacts.case_id == Case.id)
    query = access.figures_visible_to(user, scoped(query, Filter(kinds.COMPLAINT, unit=view.unit)))
    return complaint_stats.disclosure(session, user, None, None, view.unit, session.scalar(query) or 0)


def dashboard(session: Session, rt: Runtime, user: User, view: View, *, passed_on: bool = False) -> Dashboard:
    """The dashboard ``user`` reads; ``passed_on``: the figures leave the page (the API), and the complaint counts
    are withheld from 1 to 4 whoever reads them, as the complaint statistics' API withholds them."""
    cal = rt.calendars["strict"]
    now = clock.now()
    local = now.astimezone(cal.tz)
    week_end = (local + timedelta(days=7 - local.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    months = months_ending(view.end - timedelta(seconds=1), cal.tz)
    board = Dashboard(view=view, months=months, complaints=_complaint_disclosure(session, user, view, passed_on))
    if not board.complaints.exact and len(view.kinds) > 1:
        board.apart = (kinds.COMPLAINT,)
    together = board.together
    overdue = Case.overdue.is_(True) | (Case.due_at < now)
    lateness = case(
        (overdue, "overdue"),
        (office_due.is_(None), "no_deadline"),
        (office_due < week_end, "due_this_week"),
        else_="on_track",
    )
    for kind in view.kinds:
        stages = _from(user, view, kind, Case.status, func.count(), state="open").group_by(Case.status)
        board.open_by_stage[kind] = {status: int(n) for status, n in session.execute(stages)}
        late = _from(user, view, kind, lateness, func.count(), state="open").group_by(lateness)
        found = {key: int(n) for key, n in session.execute(late)}
        board.lateness[kind] = {key: found.get(key, 0) for key in LATENESS}
        board.open_totals[kind] = sum(board.open_by_stage[kind].values())
    columns = (Case.ticket, Case.kind, Case.status, Case.received_at, office_due.label("due_at"))
    due = [
        _from(user, view, kind, *columns, state="open", listed=True).where(office_due >= now, office_due < week_end)
        for kind in view.kinds
    ]
    board.due_this_week = _rows(session, due, (office_due, Case.ticket), cal, now)
    oldest = [_from(user, view, kind, *columns, state="open", listed=True) for kind in view.kinds]
    board.oldest_open = _rows(session, oldest, (Case.received_at, Case.ticket), cal, now)

    on_time = func.coalesce(func.sum(case((Case.overdue.is_(False), 1), else_=0)), 0)
    by_month = (
        _visible_any(user, view, together, CaseFacts.closed_month, func.count(), on_time)
        .where(CaseFacts.closed_month.in_(months))
        .group_by(CaseFacts.closed_month)
    )
    found = {m: (int(n), int(ok)) for m, n, ok in session.execute(by_month)}
    board.on_time_by_month = {m: found.get(m, (0, 0)) for m in months}
    by_unit = {}
    for kind in together:
        query = _from(user, view, kind, CaseFacts.unit_code, func.count(), on_time, state="closed")
        for unit, n, ok in session.execute(query.group_by(CaseFacts.unit_code)):
            total, good = by_unit.get(unit or "-", (0, 0))
            by_unit[unit or "-"] = (total + int(n), good + int(ok))
    board.on_time_by_unit = dict(sorted(by_unit.items()))
    received = _visible_any(user, view, together, CaseFacts.received_month, func.count())
    received = received.where(CaseFacts.received_month.in_(months)).group_by(CaseFacts.received_month)
    found = dict(session.execute(received).all())
    board.received_by_month = {m: int(found.get(m, 0)) for m in months}
    _withhold(board)
    board.closed_by_month = {m: board.on_time_by_month[m][0] for m in months}
    first, last = months_ending(view.start, cal.tz, 1)[0], months_ending(view.end - timedelta(seconds=1), cal.tz, 1)[0]
    board.ikm = survey.ikm(session, first, last, view.kinds, view.unit)
    if not view.unit:
        board.ikm_by_unit = survey.ikm_by_unit(session, first, last, view.kinds)
    return board


def _withhold(board: Dashboard) -> None:
    """The complaint counts as ``board.complaints`` shows them: each breakdown of a total shown beside it (the open
    complaints by stage and by lateness; a month's or a unit's closed ones, on time and late) as the statistics'
    breakdowns, secondary suppression included; and where the complaints are counted alone, the twelve months."""
    shown = board.complaints
    if shown.exact or kinds.COMPLAINT not in board.view.kinds:
        return
    complaint = kinds.COMPLAINT
    board.open_totals[complaint] = shown.known(board.open_totals[complaint])
    for figures in (board.open_by_stage, board.lateness):
        figures[complaint] = {k: shown.value(c) for k, c in complaint_stats.breakdown(figures[complaint]).items()}
    if board.together != (complaint,):
        return

    def on_time(closed: int, good: int) -> tuple[int | None, int | None]:
        cells = complaint_stats.breakdown({"on_time": good, "late": closed - good})
        return shown.known(closed), shown.value(cells["on_time"])

    board.on_time_by_month = {m: on_time(*pair) for m, pair in board.on_time_by_month.items()}
    board.on_time_by_unit = {u: on_time(*pair) for u, pair in board.on_time_by_unit.items()}
    board.received_by_month = {m: shown.known(n) for m, n in board.received_by_month.items()}


def _rows(session: Session, queries, order, cal, now) -> list[dict]:
    """The first ``LIST_SIZE`` rows of the union of per-process queries, in ``order``."""
    found = []
    for query in queries:
        found += session.execute(query.order_by(*order).limit(LIST_SIZE)).all()
    key = (lambda r: (r.due_at, r.ticket)) if order[0] is office_due else (lambda r: (r.received_at, r.ticket))
    out = []
    today = now.astimezone(cal.tz).date()
    for row in sorted(found, key=key)[:LIST_SIZE]:
        out.append(
            {
                "ticket": row.ticket,
                "kind": row.kind,
                "status": row.status,
                "received_at": row.received_at,
                "due_at": row.due_at,
                "working_days_open": cal.working_days_between(cal.day_zero(row.received_at)[0], today),
                "working_days_left": cal.working_days_between(today, row.due_at.astimezone(cal.tz).date())
                if row.due_at
                else None,
            }
        )
    return out
