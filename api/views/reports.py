"""Registers, the statutory reports, complaint statistics, the dashboard's figures and the satisfaction survey.

The same engine functions as the pages (``/laporan``, ``/dasbor``, ``/publik/pengumuman``): a register
as JSON, CSV or XLSX; the Laporan Layanan Informasi Publik as JSON, PDF, DOCX or XLSX; the yearly
announcement for anyone; the survey answered with the case's ticket and access code.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import Response, request, stream_with_context
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from api import public
from api.auth import current_user, login_required
from api.boundary import runtime
from api.extensions import db
from api.reports import files
from engine import (
    access,
    complaint_stats,
    dashboard,
    kinds,
    narrative,
    register_rows,
    registers,
    report_due,
    reports,
    survey,
)
from engine.errors import Invalid
from engine.messages import msg

blp = Blueprint("reports", __name__, description="Registers, statutory reports, dashboard and satisfaction survey")
JSON_ROWS = 1000


class RegisterQuery(Schema):
    from_ = fields.AwareDateTime(data_key="from", metadata={"description": "received at or after"})
    to = fields.AwareDateTime(metadata={"description": "received before"})
    state = fields.String(validate=validate.OneOf(registers.STATES))
    unit = fields.String(validate=validate.Length(max=40))
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "csv", "xlsx"]))
    limit = fields.Integer(load_default=JSON_ROWS, validate=validate.Range(min=1, max=10 * JSON_ROWS))


class PeriodQuery(Schema):
    period = fields.String(required=True, metadata={"description": "a year (2026) or a semester (2026-S1)"})
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "pdf", "docx", "xlsx"]))
    unit = fields.String(validate=validate.Length(max=40))


class YearQuery(Schema):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2999))


class NarrativeBody(Schema):
    sections = fields.Dict(keys=fields.String(), values=fields.String(), required=True)


class DashboardQuery(Schema):
    from_ = fields.AwareDateTime(data_key="from", required=True)
    to = fields.AwareDateTime(required=True)
    process = fields.String(validate=validate.OneOf(kinds.ALL))
    unit = fields.String(validate=validate.Length(max=40))


class SurveyBody(Schema):
    ticket = fields.String(required=True)
    access_code = fields.String(required=True)
    answers = fields.Dict(
        keys=fields.String(validate=validate.OneOf(survey.ELEMENTS)),
        values=fields.Integer(),
        required=True,
        metadata={"description": "each of the nine elements rated 1-4"},
    )


def _plain(value):
    """JSON-ready: instants and days as ISO 8601, everything else as it is."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _file(body, mimetype: str, name: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f"attachment; filename={name}"
    response.headers["Cache-Control"] = "no-store"
    return response


@blp.get("/registers/<kind>")
@login_required
@blp.arguments(RegisterQuery, location="query")
@blp.response(200)
def register(query, kind):
    """A register's rows for the cases received in [from, to); the requester's identity only for PPID staff.

    JSON: ``{"total", "items"}``, each item keyed by the register's columns (engine.registers.COLUMNS) with codes,
    not words. ``unit_code`` is the office's unit a case was disposed to (what ``unit=`` filters), empty for none; a
    complaint's ``referred_to`` is ``"inspektorat_jenderal"`` when it was referred to the Inspectorate General (an
    oversight-relevant complaint, sent with a memo to no unit of the office), else null. The page, CSV and XLSX
    show that referral in the Unit column ("Inspektorat Jenderal"), never as a column of its own."""
    if kind not in kinds.ALL:
        raise Invalid("unknown_register", fields={"kind": [msg("one_of", choices=", ".join(kinds.ALL))]})
    user = current_user()
    access.require_register(user, kind)
    where = registers.Filter(kind, query.get("from_"), query.get("to"), query.get("state"), query.get("unit"))
    rt = runtime()
    columns = registers.COLUMNS[kind]
    if kind == kinds.COMPLAINT or not access.can_read_identity(user):
        columns = tuple(c for c in columns if c not in (*registers.IDENTITY, "proxy_name"))
    if query["format"] == "json":
        rows = [
            {c: _plain(row[c]) for c in columns}
            for row in registers.rows(db.session, rt, user, where, limit=query["limit"])
        ]
        return {"total": registers.count(db.session, where, user), "items": rows}
    table = files.register_table(rt, kind, registers.rows(db.session, rt, user, where), columns)
    if query["format"] == "csv":
        return _file(stream_with_context(files.csv_stream(table)), "text/csv", f"register-{kind}.csv")
    title = files.register_title(rt, kind, query.get("from_"), query.get("to"))
    return _file(files.xlsx_table(table, kind, title), files.XLSX, f"register-{kind}.xlsx")


@blp.get("/reports/annual")
@login_required
@blp.arguments(PeriodQuery(only=("period", "format")), location="query")  # the office's report: no unit
@blp.response(200)
def annual(query):
    """The Laporan Layanan Informasi Publik of a year or semester: figures (JSON) or the document.

    One report for the whole office: a ``unit`` is refused (a unit's cases are in the registers' filter)."""
    access.require_report_reader(current_user())
    if "unit" in request.args:
        raise Invalid("invalid_data", fields={"unit": [msg("report_whole_office")]})
    period = reports.Period.parse(query["period"])
    rt = runtime()
    report = reports.annual_report(db.session, rt, period)
    start, end = period.bounds(rt.settings.office_timezone)
    ikm = survey.ikm(
        db.session,
        start.strftime("%Y-%m"),
        (end - timedelta(days=1)).strftime("%Y-%m"),
        tuple(k for k in kinds.ALL if k != kinds.COMPLAINT),
    )
    fmt = query["format"]
    if fmt == "json":
        return {
            "period": period.key,
            "figures": {f"{s.key}.{f.key}": f.value for s in report.sections for f in s.figures},
            "time_to_fulfil": _plain(report.time_to_fulfil.__dict__),
            "fees": report.fees,
            "narrative": report.narrative,
            "ikm": _index(ikm),
            "annex": dict(reports.annex(db.session, rt, period)),
        }
    annex = reports.annex_of(db.session, rt, period) if files.needs_annex(report, fmt) else reports.Annex([], [])
    write, mimetype = {
        "pdf": (files.annual_pdf, files.PDF),
        "docx": (files.annual_docx, files.DOCX),
        "xlsx": (files.annual_xlsx, files.XLSX),
    }[fmt]
    return _file(write(rt, report, annex, ikm), mimetype, f"laporan-layanan-informasi-{period.key}.{fmt}")


def _index(index: survey.Index) -> dict:
    """An IKM as JSON; fewer than 5 answers give the count only (an answer could be traced to a person)."""
    if index.responses < complaint_stats.SUPPRESS_BELOW:
        return {"responses": index.responses}
    return {
        "responses": index.responses,
        "means": index.means,
        "index": index.value,
        "converted": index.converted,
        "grade": index.grade,
        "performance": index.performance,
    }


@blp.put("/reports/annual/narrative")
@login_required
@blp.arguments(PeriodQuery(only=("period",)), location="query")
@blp.arguments(NarrativeBody)
@blp.response(200)
def write_narrative(query, body):
    """The PPID writes the report's narrative sections for a period (empty text removes a section)."""
    period = reports.Period.parse(query["period"])
    saved = narrative.save(db.session, current_user(), period.key, body["sections"])
    db.session.commit()
    return {"period": period.key, "narrative": saved}


class SubmissionBody(Schema):
    to_superior_on = fields.Date(required=True, metadata={"description": "the day it went to the PPID's superior"})
    to_commission_on = fields.Date(
        allow_none=True, metadata={"description": "the day its copy went to the Information Commission"}
    )
    reference = fields.String(allow_none=True, metadata={"description": "the covering letter's number"})


def _submission(year: int) -> dict:
    shown = report_due.status(db.session, year, runtime().today())
    return {key: value.isoformat() if isinstance(value, date) else value for key, value in shown.items()}


@blp.get("/reports/annual/<int:year>/submission")
@login_required
@blp.response(200)
def annual_submission(year):
    """When the year's report is due (31 March of the next year), when it went to the PPID's superior and its copy
    to the Information Commission, and whether it is late (legal-process.md §9.2)."""
    access.require_report_reader(current_user())
    return _submission(year)


@blp.put("/reports/annual/<int:year>/submission")
@login_required
@blp.arguments(SubmissionBody)
@blp.response(200)
def record_annual_submission(body, year):
    """The PPID (or the superior) records when the year's report was handed over; recording it again corrects it.
    Until it is recorded, the PPID is reminded 30 and 7 days before the due date and told with the superior after."""
    data = {k: v.isoformat() if isinstance(v, date) else v for k, v in body.items()}
    report_due.record(db.session, runtime(), current_user(), year, data)
    db.session.commit()
    return _submission(year)


@blp.get("/reports/complaints")
@login_required
@blp.arguments(PeriodQuery(only=("period", "unit")), location="query")
@blp.response(200)
def complaints(query):
    """Complaint statistics of a period; a count from 1 to 4 is withheld as null (it could point to a person), and
    so is a breakdown's smallest other count when it alone would give a withheld one away.

    ``breakdowns.unit`` counts each complaint at the unit it was referred to (by unit code); those referred to the
    Inspectorate General (oversight-relevant, to no unit of the office) under the key ``"inspektorat_jenderal"``;
    the rest, not referred to a unit (yet, or at all), under ``"-"``. ``unit=`` takes a unit of the office: the
    Inspectorate General is not one, and ``unit=inspektorat_jenderal`` is refused (422) rather than counting none."""
    access.require_complaint_statistics(current_user())
    if query.get("unit") == register_rows.INSPECTORATE:
        raise Invalid("invalid_data", fields={"unit": [msg("inspectorate_not_a_unit")]})
    period = reports.Period.parse(query["period"])
    rt = runtime()
    start, end = period.bounds(rt.settings.office_timezone)
    stats = complaint_stats.complaint_stats(db.session, start, end, query.get("unit"))
    shown = complaint_stats.PASSED_ON
    return {
        "period": period.key,
        "total": shown.known(stats.total),
        "closed": shown.known(stats.closed),
        "not_actionable": shown.known(stats.not_actionable),
        "median_days": stats.median_days if shown.known(stats.closed) is not None else None,  # of 5 and more
        "tiers": {key: shown.known(n) for key, n in stats.tiers.items()},
        "breakdowns": {
            dimension: {value: shown.value(cell) for value, cell in cells.items()}
            for dimension, cells in stats.breakdowns.items()
        },
    }


@blp.get("/reports/announcement")
@blp.arguments(YearQuery, location="query")
@blp.response(200)
def announcement(query):
    """The yearly announcement (UU 14/2008 Pasal 12): figures only, for anyone."""
    return _plain(reports.announcement(db.session, runtime(), query["year"]))


@blp.get("/dashboard")
@login_required
@blp.arguments(DashboardQuery, location="query")
@blp.response(200)
def dashboard_figures(query):
    """The dashboard's figures for [from, to), one process or all the caller may see, one unit or all. A complaint
    count from 1 to 4 is withheld as null, whoever asks, as the complaint statistics' API withholds it (it could point
    to a person); with other processes chosen too, the figures that add the processes together leave the complaints
    out (``counted_apart``), where they would show as a difference: ask for the complaints alone to read theirs."""
    user = current_user()
    allowed = access.require_dashboard(user)
    chosen = (query["process"],) if query.get("process") else allowed
    if not set(chosen) <= set(allowed):
        access.require_register(user, query["process"])
    view = dashboard.View(chosen, query["from_"], query["to"], query.get("unit"))
    board = dashboard.dashboard(db.session, runtime(), user, view, passed_on=True)
    return _plain(
        {
            "months": board.months,
            "counted_apart": list(board.apart),
            "open_by_stage": board.open_by_stage,
            "lateness": board.lateness,
            "due_this_week": board.due_this_week,
            "oldest_open": board.oldest_open,
            "on_time_by_month": {m: list(v) for m, v in board.on_time_by_month.items()},
            "on_time_by_unit": {u: list(v) for u, v in board.on_time_by_unit.items()},
            "received_by_month": board.received_by_month,
            "closed_by_month": board.closed_by_month,
            "ikm": _index(board.ikm),
        }
    )


@blp.post("/survey")
@blp.arguments(SurveyBody)
@blp.response(201)
def answer_survey(body):
    """The requester or reporter of a closed case answers the satisfaction survey, once, anonymously."""
    case = public.case_by_code(body["ticket"], body["access_code"])  # counted and throttled as every way in
    survey.answer(db.session, runtime(), case, body["answers"])
    db.session.commit()
    return {"recorded": True}
