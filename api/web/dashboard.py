"""The dashboard (``/dasbor``) for the PPID, its superior and the complaint managers.

Filters by period (office days, the last included; the last twelve months by default), process and
unit. Every chart is SVG drawn here (``api.web.charts``) with a table of the same figures beside it, so
it needs no JavaScript and reads the same to a screen reader. The counts are engine.dashboard's, which
counts exactly what the registers list for the same filters (each open count links to its register). A count the
reader is not shown (None: a complaint count from 1 to 4, engine.complaint_stats.disclosure) is written "<5", as the
complaint statistics write it, and no bar or column is drawn to its length.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from api.boundary import runtime
from api.extensions import db
from api.reports import labels
from api.web import charts, display
from api.web.blueprint import bp
from api.web.i18n import current_language
from api.web.reports import _today, office_units, read_period
from api.web.schema_form import unit_label
from api.web.session import officer
from engine import access, complaint_stats, dashboard, dip_match, kinds, users


@bp.get("/dasbor")
@login_required
def dashboard_page():
    user = officer()
    allowed = access.require_dashboard(user)
    choice = read_period(request.args, keys=("from", "to", "process", "unit"))
    if choice.values["process"] and choice.values["process"] not in allowed:
        choice.errors["process"] = _("Choose one of the processes in the list.")
    rt = runtime()
    tz = rt.calendars["strict"].tz
    today = _today()
    if choice.errors:
        return _page(None, choice, allowed), 422
    end = choice.end or datetime.combine(today + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    start = choice.start or end.replace(year=end.year - 1)
    chosen = (choice.values["process"],) if choice.values["process"] else allowed
    view = dashboard.View(chosen, start, end, choice.values["unit"] or None)
    board = dashboard.dashboard(db.session, rt, user, view)
    # The DIP's view of the same requests (engine.dip_match): what is asked again and is not yet published.
    insight = kinds.REQUEST in chosen and bool(user.group_codes & access.REQUEST_INSIGHT_READERS)
    repeated = dip_match.repeated_requests(db.session, rt.today(), since=start, limit=5) if insight else None
    return _page(board, choice, allowed, repeated)


def _page(board, choice, allowed, repeated=None):
    locale = current_language()
    context = {
        "board": board,
        "values": choice.values,
        "errors": choice.errors,
        "unit_options": office_units(choice.values["unit"]),
        "processes": [(k, display.process_label(k, locale)) for k in allowed],
        "slugs": labels.SLUG_OF,
        "repeated": repeated,
        "count": complaint_stats.written,  # a withheld count as "<5"
    }
    if board is not None:
        context.update(_charts(board, locale, choice.values))
    return render_template("reports/dashboard.html", **context)


def _charts(board, locale, typed: dict) -> dict:
    stage_rows = []
    for kind in board.view.kinds:
        # Withheld ones with the smallest: their order among the others would say more than "<5".
        for status_code, n in sorted(board.open_by_stage[kind].items(), key=lambda item: -(item[1] or 0)):
            stage_rows.append((display.process_label(kind, locale), display.stage_label(status_code, locale), n))
    lateness_names = {
        "overdue": _("Overdue"),
        "due_this_week": _("Due this week"),
        "on_track": _("On track"),
        "no_deadline": _("No deadline"),
    }
    lateness = board.lateness_together()
    months = board.months
    rate = [(month, closed, good, _share(closed, good)) for month, (closed, good) in board.on_time_by_month.items()]
    named = unit_names()
    units = sorted(
        ((named(unit), closed, good, _share(closed, good)) for unit, (closed, good) in board.on_time_by_unit.items()),
        key=lambda row: row[0].casefold(),
    )
    ikm_units = sorted(
        ((named(unit), index) for unit, index in board.ikm_by_unit.items()), key=lambda r: r[0].casefold()
    )
    for row in (*board.due_this_week, *board.oldest_open):
        row["stage"] = display.stage_label(row["status"], locale)
    values = {"from": typed.get("from"), "to": typed.get("to"), "unit": board.view.unit}
    reader = officer()
    open_links = [  # to the register of those cases, for its readers (the head reads the figures, not registers)
        (
            display.process_label(kind, locale),
            board.open_total(kind),
            url_for("web.register", slug=labels.SLUG_OF[kind], state="open", **{k: v for k, v in values.items() if v})
            if access.can_read_register(reader, kind)
            else None,
        )
        for kind in board.view.kinds
    ]
    # Processes the reader counts but may not open a case of (the head: the complaints): the lists name none of them.
    unlisted = [display.process_label(k, locale) for k in board.view.kinds if k in access.counted_only(reader)]
    withheld = kinds.COMPLAINT in board.view.kinds and not board.complaints.exact
    return {
        "unlisted": unlisted,
        "withheld": display.process_label(kinds.COMPLAINT, locale) if withheld else None,  # the process so counted
        "apart": bool(board.apart),
        "open_links": open_links,
        "stage_rows": stage_rows,
        "stage_chart": charts.bars(
            [(f"{p}: {s}", complaint_stats.written(n)) for p, s, n in stage_rows],
            _("Open cases by stage"),
            _("Horizontal bars: the number of open cases at each stage; the table below gives the same numbers."),
        ),
        "lateness": [(lateness_names[k], v) for k, v in lateness.items()],
        "lateness_chart": charts.bars(
            [(str(lateness_names[k]), complaint_stats.written(v)) for k, v in lateness.items()],
            _("Open cases by lateness"),
            _("Horizontal bars: open cases overdue, due this week, on track and without a deadline."),
        ),
        "rate": rate,
        "rate_chart": charts.bars(
            [(m, p if p is not None else 0 if closed == 0 else "—") for m, closed, _g, p in rate],
            _("Share closed on time by month (%)"),
            _("Horizontal bars: for each month, the percentage of the cases closed that month that were on time."),
        ),
        "units": units,
        "ikm_units": ikm_units,
        "trend_chart": charts.columns(
            months,
            [
                (_("Received"), [board.received_by_month[m] for m in months]),
                (_("Closed"), [board.closed_by_month[m] for m in months]),
            ],
            _("Cases received and closed over twelve months"),
            _("Columns per month: blue for cases received, amber for cases closed; the table gives the numbers."),
        ),
        "trend": [(m, board.received_by_month[m], board.closed_by_month[m]) for m in months],
        "performance": labels.PERFORMANCE,
    }


def _share(closed: int | None, good: int | None) -> int | None:
    """The percentage on time, when both counts are shown."""
    return round(100 * good / closed) if closed and good is not None else None


def unit_names():
    """A unit's code (as the figures are counted) as the pages name the unit: "name (code)", said deactivated when it
    is (schema_form.unit_label); a code the office no longer holds as itself, and a case with none as not recorded."""
    known = {u.code: unit_label(u) for u in users.units(db.session)}
    return lambda code: str(labels.UNKNOWN) if code in (None, "", "-") else known.get(code, code)
