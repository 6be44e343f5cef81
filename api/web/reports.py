"""The officers' registers and reports (``/laporan``): the registers, the Laporan Layanan Informasi Publik,
the complaint statistics. The dashboard is ``api.web.dashboard``; the public announcement and the
survey are the portal's (``api.web.portal.announcement``, ``api.web.portal.survey``).

Each page reads a filter from the query string (office days, the last included), shows the figures or
the first rows, and downloads the same thing whole with ``format=`` (CSV, XLSX, DOCX, PDF). Who may
read what is ``engine.access``'s: the PPID's registers and report for its staff and the auditors (the
requester's identity for the staff only), the complaint register and statistics for the complaint
team and the auditors, never a reporter's identity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from flask import (
    Response,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from api.boundary import runtime
from api.extensions import db
from api.reports import files, labels
from api.web import schema_form
from api.web.blueprint import bp
from api.web.i18n import current_language
from api.web.schema_form import unit_options
from api.web.session import officer
from engine import (
    access,
    clock,
    complaint_stats,
    exemptions,
    kinds,
    narrative,
    pdf,
    registers,
    report_due,
    reports,
    survey,
    users,
)
from engine.errors import Forbidden, Invalid

PAGE_ROWS = 100


@dataclass
class Choice:
    """A filter as typed (``values``), what it means, and what is wrong with it."""

    values: dict[str, str]
    start: datetime | None = None
    end: datetime | None = None
    errors: dict[str, str] = field(default_factory=dict)


def read_period(args, keys=("from", "to", "state", "unit", "process")) -> Choice:
    values = {key: args.get(key, "").strip() for key in keys}
    choice = Choice(values)
    zone = ZoneInfo(current_app.config["KAWAL"].office_timezone)
    days = {}
    for key in ("from", "to"):
        if values.get(key):
            try:
                days[key] = date.fromisoformat(values[key])
            except ValueError:
                choice.errors[key] = _("Enter a date like 2026-03-31.")
    if "from" in days:
        choice.start = datetime.combine(days["from"], datetime.min.time(), tzinfo=zone)
    if "to" in days:
        choice.end = datetime.combine(days["to"] + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    if "from" in days and "to" in days and days["to"] < days["from"]:
        choice.errors["to"] = _("The last day cannot be before the first day.")
    if values.get("state") and values["state"] not in registers.STATES:
        choice.errors["state"] = _("Choose open or closed cases, or all.")
    if values.get("process") and values["process"] not in kinds.ALL:
        choice.errors["process"] = _("Choose one of the processes in the list.")
    return choice


def periods(today: date) -> list[tuple[str, str]]:
    """The years and semesters offered, with their names: this year and the four before, whole and by semester."""
    out = []
    for year in range(today.year, today.year - 5, -1):
        out += [
            (str(year), str(year)),
            (f"{year}-S1", _("%(year)d, first semester (January-June)", year=year)),
            (f"{year}-S2", _("%(year)d, second semester (July-December)", year=year)),
        ]
    return out


def _today() -> date:
    return clock.now().astimezone(ZoneInfo(current_app.config["KAWAL"].office_timezone)).date()


def _download(body, mimetype: str, name: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f"attachment; filename={name}"
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# -- the index --------------------------------------------------------------------------------------------------


@bp.get("/laporan")
@login_required
def reports_home():
    user = officer()
    shown = [kind for kind in kinds.ALL if access.can_read_register(user, kind)]
    exempt = _reads_exemptions(user)
    if not shown and not exempt and not access.dashboard_kinds(user):
        access.require_report_reader(user)  # 403
    return render_template(
        "reports/index.html",
        registers=[(labels.SLUG_OF[k], labels.REGISTER_TITLES[k]) for k in shown],
        exemption_register=exempt,
        annual=bool(user.group_codes & access.REPORT_READERS),
        complaints=access.can_read_complaint_statistics(user),
        dashboard=bool(access.dashboard_kinds(user)),
    )


# -- registers --------------------------------------------------------------------------------------------------


@bp.get("/laporan/register/<slug>")
@login_required
def register(slug: str):
    kind = labels.PROCESS_SLUGS.get(slug)
    if kind is None:
        abort(404)
    user = officer()
    access.require_register(user, kind)
    choice = read_period(request.args)
    fmt = request.args.get("format", "")
    if choice.errors or fmt not in ("", "csv", "xlsx"):
        if fmt not in ("", "csv", "xlsx"):
            choice.errors["format"] = _("Choose CSV or XLSX.")
        return _register_page(kind, slug, choice, [], 0), 422
    state, unit = choice.values["state"] or None, choice.values["unit"] or None
    where = registers.Filter(kind, choice.start, choice.end, state, unit)
    rt = runtime()
    columns = _columns(user, kind)
    if fmt:
        rows = registers.rows(db.session, rt, user, where)
        table = files.register_table(rt, kind, rows, columns)
        name = f"register-{slug}-{choice.values['from'] or 'awal'}_{choice.values['to'] or 'kini'}.{fmt}"
        if fmt == "csv":
            return _download(stream_with_context(files.csv_stream(table)), "text/csv", name)
        title = files.register_title(rt, kind, choice.start, choice.end)
        note = str(labels.READING) if kind in DAYS_AND_LATE else None
        return _download(files.xlsx_table(table, str(labels.REGISTER_TITLES[kind]), title, note), files.XLSX, name)
    total = registers.count(db.session, where, user)
    page = Page.of(request.args, total)
    rows = list(registers.rows(db.session, rt, user, where, limit=PAGE_ROWS, offset=page.offset))
    every = request.args.get("kolom") == EVERY_COLUMN
    shown = columns if every else tuple(c for c in columns if c in PAGE_COLUMNS[kind])
    table = list(files.register_table(rt, kind, rows, shown))
    if not every:
        table = _folded(table, shown, PAGE_FOLDS.get(kind, {}))
    # Each row is a case the reader may open (registers.rows reads access.cases_visible_to): its ticket links to it.
    return _register_page(kind, slug, choice, table, total, ticket_links=shown[0] == "ticket", page=page)


# The choices a register's page reads, kept in the links to its other pages (Page.links).
REGISTER_FILTERS = ("from", "to", "state", "unit", "kolom")
EXEMPTION_FILTERS = ("from", "to", "state")


@dataclass(frozen=True)
class Page:
    """Which page of a register is shown (``halaman``, from 1): ``PAGE_ROWS`` rows each, oldest receipt first. A
    number past the last page shows the last; anything else that is no page number, the first."""

    number: int
    count: int  # how many pages the register has (at least one)

    @classmethod
    def of(cls, args, total: int) -> Page:
        count = max(1, -(-total // PAGE_ROWS))
        raw = args.get("halaman", "")
        number = int(raw) if raw.isdigit() and 0 < len(raw) < 7 else 1
        return cls(min(max(number, 1), count), count)

    @property
    def offset(self) -> int:
        return (self.number - 1) * PAGE_ROWS

    def links(self, endpoint: str, keys: tuple[str, ...], **values) -> dict[str, str | None]:
        """The links to the first, the previous and the next page, the page's other choices (its filters ``keys``)
        kept. Nothing else asked goes into a link: a parameter named like a route's (``slug``) or like an option of
        ``url_for`` (``_anchor``, ``_external``) is no choice of the page's."""
        chosen = [(k, v) for k in keys if (v := request.args.get(k, "").strip())]
        base = url_for(endpoint, **values)

        def to(number: int) -> str:
            query = urlencode([*chosen, *([("halaman", number)] if number > 1 else [])])
            return f"{base}?{query}" if query else base

        return {
            "first": to(1) if self.number > 2 else None,
            "previous": to(self.number - 1) if self.number > 1 else None,
            "next": to(self.number + 1) if self.number < self.count else None,
        }


def _pager(page: Page, endpoint: str, keys: tuple[str, ...], **values) -> dict:
    """What the pager shows (reports/_register.html ``register_pager``): ``Page.links``, the link to the last page
    (the link "next" of the page before it; none where "next" already goes there) and which page of how many."""
    before_last = Page(page.count - 1, page.count) if page.number < page.count - 1 else None
    return {
        **page.links(endpoint, keys, **values),
        "last": before_last.links(endpoint, keys, **values)["next"] if before_last else None,
        "number": page.number,
        "count": page.count,
    }


def _columns(user, kind: str) -> tuple[str, ...]:
    """The register's columns; the identity columns only for a reader who may see them."""
    columns = registers.COLUMNS[kind]
    if kind == kinds.COMPLAINT or not access.can_read_identity(user):
        columns = tuple(c for c in columns if c not in (*registers.IDENTITY, "proxy_name"))
    return columns


# What a register's page shows unless every column is asked for (``kolom=semua``): who, what, and what became of it
# and when, in the register's order, so that a screen of 1366 px holds a row (the superior's decision, its date and
# the requester's reaction were beyond the edge of a table of 24 columns). A request's decision is dated by its
# written notice, sent that day, and how late it was by the working days it took; the one who decided an objection,
# a court challenge's party and a complaint's closing instant are in the full set. The downloads hold every column.
EVERY_COLUMN = "semua"
PAGE_COLUMNS = {
    kinds.REQUEST: frozenset(
        {
            "ticket",
            "received_at",
            "requester_name",
            "information",
            "status",
            "result",
            "final_result",
            "notice_sent_on",
            "notice_via",
            "decision_days",
            "fee_charged",
            "delivered_on",
        }
    ),
    kinds.OBJECTION: frozenset(
        {
            "ticket",
            "received_at",
            "requester_name",
            "request_ticket",
            "grounds",
            "status",
            "result",
            "decided_at",
            "notice_sent_on",
            "overdue",
            "requester_response",
        }
    ),
    kinds.DISPUTE: frozenset(
        {
            "ticket",
            "received_at",
            "requester_name",
            "commission_register",
            "status",
            "mediation",
            "adjudication",
            "court_result",
            "court_decided_on",
            "cassation_result",
            "decided_at",
            "carried_out_on",
        }
    ),
    kinds.COMPLAINT: frozenset(
        {
            "ticket",
            "received_at",
            "reporter_mode",
            "subject",
            "category",
            "unit_code",
            "status",
            "result",
            "not_actionable",
            "not_actionable_reason",
            "closed_days",
            "within_sla",
        }
    ),
}


# What a register's page shows in another column's cell, under its text (``column: host``), the downloads and the
# page of every column keeping it a column of its own: a request's decision under the stage its case reached, so that
# the page's own columns, the final result after an objection or a dispute among them, fit a screen of 1366 px
# (twelve columns needed 1146 px of the 1120 the page gives); a complaint's reason for not being actionable at its
# verification under its outcome, and why it was not followed up under its stage, for every complaint that was not
# (api.reports.labels.NOT_ACTIONABLE: the verification's finding, forwarding, insufficient evidence, a deemed
# withdrawal, or the anonymous complaint closed without the evidence asked for and kept as information, §7.3 rule 4);
# a dispute's Supreme Court decision under the court's it ruled on.
PAGE_FOLDS = {
    kinds.REQUEST: {"result": "status"},
    kinds.COMPLAINT: {"not_actionable_reason": "result", "not_actionable": "status"},
    kinds.DISPUTE: {"cassation_result": "court_result"},  # the Supreme Court's decision under the court's
}


@dataclass(frozen=True)
class Folded:
    """A page's cell holding a second column's under its own (reports/_register.html ``register_table``): ``text``
    first, then ``under``, named by its header ``label`` for a screen reader (no label in a header)."""

    text: str
    under: str
    label: str = ""

    def __str__(self) -> str:
        return self.text


def _folded(table: list[list], columns: tuple[str, ...], folds: dict[str, str]) -> list[list]:
    """The page's ``table`` (headers, then rows) with each folded column moved into its host's cell."""
    moves = [(columns.index(c), columns.index(host)) for c, host in folds.items() if c in columns and host in columns]
    if not moves or not table:
        return table
    gone = {guest for guest, _host in moves}
    heads = table[0]
    result = []
    for number, cells in enumerate(table):
        cells = list(cells)
        for guest, host in moves:
            label = "" if number == 0 else str(heads[guest])
            cells[host] = Folded(str(cells[host]), str(cells[guest]), label)
        result.append([cell for index, cell in enumerate(cells) if index not in gone])
    return result


def office_units(chosen: str | None) -> list[tuple[str, str]]:
    """The office's units for a filter's select (reports/_filters.html ``unit_field``)."""
    return unit_options(users.units(db.session), chosen)


def _register_page(kind, slug, choice, table, total, ticket_links=False, page: Page | None = None):
    page = page or Page(1, 1)
    return render_template(
        "reports/register.html",
        first_row=page.offset + 1,
        pages=_pager(page, "web.register", REGISTER_FILTERS, slug=slug),
        every=request.args.get("kolom") == EVERY_COLUMN,
        units=office_units(choice.values["unit"]),
        kind=kind,
        slug=slug,
        title=labels.REGISTER_TITLES[kind],
        choice=choice,
        values=choice.values,
        errors=choice.errors,
        table=table,
        total=total,
        shown=max(0, len(table) - 1),
        complaint=kind == kinds.COMPLAINT,
        ticket_links=ticket_links,
        reading=labels.READING if kind in DAYS_AND_LATE else None,
    )


# The registers that count working days and say "late": each says which reading it used (legal-process.md §2.2).
DAYS_AND_LATE = (kinds.REQUEST, kinds.OBJECTION)


# -- the register of exempt information ---------------------------------------------------------------------------


def _reads_exemptions(user) -> bool:
    """Who reads the register of exempt information: the officers, as ``GET /api/v1/exemptions`` lets them."""
    try:
        access.require_staff(user)
    except Forbidden:
        return False
    return True


@bp.get("/laporan/register/dikecualikan")
@login_required
def exemption_register():
    """The register of exempt information (UU 14/2008 Pasal 17-20, Perki 1/2021 Pasal 49): the entries decreed in
    the period, in force or ended (and since when and why), as the page shows them and as CSV or XLSX."""
    user = officer()
    access.require_staff(user)
    choice = read_period(request.args, keys=("from", "to", "state"))
    choice.errors.pop("state", None)
    if choice.values["state"] and choice.values["state"] not in exemptions.STATES:
        choice.errors["state"] = _("Choose entries in force or ended, or all.")
    fmt = request.args.get("format", "")
    if fmt not in ("", "csv", "xlsx"):
        choice.errors["format"] = _("Choose CSV or XLSX.")
    if choice.errors:
        return _exemption_page(choice, [], 0), 422
    rt = runtime()
    zone = ZoneInfo(rt.settings.office_timezone)
    first = choice.start.astimezone(zone).date() if choice.start else None
    last = (choice.end - timedelta(days=1)).astimezone(zone).date() if choice.end else None
    language = current_language()
    rows = exemptions.register(db.session, rt.today(), first, last, choice.values["state"] or None, language, rt)
    if fmt:  # the files the API gives (engine.exemptions), in the page's language, the period in the workbook's title
        name = f"register-dikecualikan-{choice.values['from'] or 'awal'}_{choice.values['to'] or 'kini'}.{fmt}"
        if fmt == "csv":
            return _download(exemptions.export_csv(rows, language), "text/csv", name)
        title = f"{_('Register of exempt information')} · {files.public_body(rt)} · {_period_words(first, last)}"
        return _download(exemptions.export_xlsx(rows, language, title), files.XLSX, name)
    page = Page.of(request.args, len(rows))
    on_page = rows[page.offset : page.offset + PAGE_ROWS]
    return _exemption_page(choice, _on_page(exemptions.table(on_page, language)), len(rows), page)


# What the page shows of an entry, whether it holds first: the tests and the legal basis (long texts) are in the
# downloads, which hold every column.
EXEMPTION_PAGE = (
    "no",
    "id",
    "request_ticket",
    "status",
    "information",
    "exempted_parts",
    "letters",
    "ended_on",
    "ended_reason",
    "valid_until",
    "decree_number",
    "decree_date",
)


def _on_page(table: list[list]) -> list[list]:
    """The register's table cut to the page's columns, its days as the pages write them (``9 Jul 2030``)."""
    keys = [column[0] for column in exemptions.COLUMNS]
    at = [keys.index(key) for key in EXEMPTION_PAGE]
    shown = [[table[0][i] for i in at]]
    for line in table[1:]:
        cells = [line[i] for i in at]
        shown.append(
            [
                format_date(date.fromisoformat(c), "d MMM y") if key in exemptions.DAYS and c else c
                for key, c in zip(EXEMPTION_PAGE, cells, strict=True)
            ]
        )
    return shown


def _period_words(first: date | None, last: date | None) -> str:
    if first is None and last is None:
        return _("every entry")
    return f"{format_date(first, 'd MMM y') if first else '…'} – {format_date(last, 'd MMM y') if last else '…'}"


def _exemption_page(choice, table, total, page: Page | None = None):
    page = page or Page(1, 1)
    return render_template(
        "reports/exemptions.html",
        first_row=page.offset + 1,
        pages=_pager(page, "web.exemption_register", EXEMPTION_FILTERS),
        title=_("Register of exempt information"),
        values=choice.values,
        errors=choice.errors,
        table=table,
        total=total,
        shown=max(0, len(table) - 1),
    )


# -- the annual report ------------------------------------------------------------------------------------------


def _period(args, default: int | None = None) -> tuple[reports.Period | None, str | None]:
    """The period asked for (``periode``), else the year ``default``, else the last complete year: the one whose
    report the PPID hands to its superior by the end of March (legal-process.md §9.2)."""
    raw = args.get("periode") or str(default or _today().year - 1)
    try:
        return reports.Period.parse(raw), None
    except Invalid:
        return None, _("Choose a year or a semester from the list.")


@bp.get("/laporan/tahunan")
@login_required
def annual_report():
    user = officer()
    access.require_report_reader(user)
    period, error = _period(request.args)
    fmt = request.args.get("format", "")
    if error or fmt not in ("", "pdf", "docx", "xlsx"):
        flash(error or _("Choose PDF, DOCX or XLSX."), "error")
        return redirect(url_for("web.annual_report"), 303)
    rt = runtime()
    report, ikm = _annual_figures(rt, period, user)
    if fmt:
        annex = reports.annex_of(db.session, rt, period) if files.needs_annex(report, fmt) else reports.Annex([], [])
        writer = {"pdf": (files.annual_pdf, files.PDF), "docx": (files.annual_docx, files.DOCX)}
        writer["xlsx"] = (files.annual_xlsx, files.XLSX)
        write, mimetype = writer[fmt]
        return _download(write(rt, report, annex, ikm), mimetype, f"laporan-layanan-informasi-{period.key}.{fmt}")
    return _annual_page(user, rt, period, report, ikm)


def _annual_page(user, rt, period, report, ikm, values=None, errors=None, status: int = 200):
    yearly = period.semester is None
    due = report_due.status(db.session, period.year, rt.today()) if yearly else None
    if values is None and due is not None and due["to_superior_on"] is not None:  # recorded: shown to be corrected
        values = MultiDict({k: str(due[k] or "") for k in ("to_superior_on", "to_commission_on", "reference")})
    fields, general = schema_form.form_fields(SUBMISSION_FORM, values, errors) if yearly else ([], [])
    page = render_template(
        "reports/annual.html",
        report=report,
        period=period,
        period_name=labels.period_name(period),  # "Semester I (Januari–Juni) 2025", never its key
        # legal-process.md §9.2: the year's report is due three months after the budget year ends; the PPID records
        # when it was handed over (engine.report_due).
        due=due,
        submission_fields=fields,
        submission_errors=general,
        submission_refused=bool(errors),
        pdf_available=pdf.available(),
        periods=periods(_today()),
        rows=files.report_rows(rt, report),
        sections=labels.SECTIONS,
        narrative_labels=labels.NARRATIVE,
        can_write=bool(user.group_codes & access.NARRATIVE_WRITERS),
        ikm=ikm,
        elements=labels.SURVEY_SHORT,
        performance=labels.PERFORMANCE,
        bands=[(labels.figure_label(rt, f"time.band_{k}"), report.value(f"time.band_{k}")) for k, *_r in reports.BANDS],
        reading=labels.READING,  # which reading of the working days, and when "late" (legal-process.md §2.2)
    )
    return make_response(page, status)


# What the PPID records of the year's report once it is handed over (engine.report_due.record checks it).
SUBMISSION_FORM = {
    "type": "object",
    "properties": {
        "to_superior_on": {
            "type": "string",
            "format": "date",
            "title": "Disampaikan kepada Atasan PPID pada",
            "x-title-en": "Handed to the PPID's superior on",
        },
        "to_commission_on": {
            "type": "string",
            "format": "date",
            "title": "Tembusan kepada Komisi Informasi pada",
            "x-title-en": "Copy to the Information Commission on",
        },
        "reference": {
            "type": "string",
            "maxLength": report_due.REFERENCE_MAX,
            "title": "Nomor surat pengantar",
            "x-title-en": "Covering letter's number",
        },
    },
    "required": ["to_superior_on"],
}


@bp.post("/laporan/tahunan/penyampaian")
@login_required
def annual_submission():
    """The PPID records the day the year's report went to the superior (and its copy to the Commission)."""
    user = officer()
    access.require_report_reader(user)
    period, error = _period(request.form)
    if error or period.semester is not None:
        flash(error or _("Choose a year: the report handed to the superior is the year's."), "error")
        return redirect(url_for("web.annual_report"), 303)
    rt = runtime()
    data = schema_form.parse(SUBMISSION_FORM, request.form, rt.calendars["strict"].tz)
    try:
        report_due.record(db.session, rt, user, period.year, data)
    except Invalid as refused:
        db.session.rollback()
        return _annual_page(user, rt, period, *_annual_figures(rt, period), request.form, refused.fields, 422)
    db.session.commit()
    flash(_("Recorded: the report of %(year)s was handed to the PPID's superior.", year=period.year), "success")
    return redirect(url_for("web.annual_report", periode=period.key) + "#penyampaian", 303)


def _annual_figures(rt, period: reports.Period, user=None) -> tuple[reports.Report, survey.Index]:
    """The report's figures and the satisfaction index of the PPID's cases (not complaints) of the period; ``user``
    who makes it, who signs its files when a PPID and the office configured none (engine.reports.report_signatory)."""
    return reports.annual_report(db.session, rt, period, user), _ikm(period, PPID_KINDS, rt)


PPID_KINDS = tuple(k for k in kinds.ALL if k != kinds.COMPLAINT)


def _ikm(period: reports.Period, kinds_: tuple[str, ...], rt) -> survey.Index:
    start, end = period.bounds(rt.settings.office_timezone)
    first = start.strftime("%Y-%m")
    last = (end - timedelta(days=1)).strftime("%Y-%m")
    return survey.ikm(db.session, first, last, kinds_)


@bp.post("/laporan/tahunan/narasi")
@login_required
def annual_narrative():
    user = officer()
    access.require_narrative_writer(user)
    period, error = _period(request.form)
    if error:
        flash(error, "error")
        return redirect(url_for("web.annual_report"), 303)
    sections = {key: request.form.get(key, "") for key in narrative.SECTIONS}
    try:
        narrative.save(db.session, user, period.key, sections)
    except Invalid:
        db.session.rollback()
        flash(_("Each section may hold at most %(num)d characters.", num=narrative.MAX_CHARS), "error")
        return redirect(url_for("web.annual_report", periode=period.key), 303)
    db.session.commit()
    flash(_("The report's narrative for %(period)s is saved.", period=period.key), "success")
    return redirect(url_for("web.annual_report", periode=period.key) + "#narasi", 303)


# -- complaint statistics ---------------------------------------------------------------------------------------


@bp.get("/laporan/pengaduan")
@login_required
def complaint_statistics():
    user = officer()
    access.require_complaint_statistics(user)
    # The team's working figures: this year's complaints, as handled so far (no yearly report is due on them).
    period, error = _period(request.args, default=_today().year)
    fmt = request.args.get("format", "")
    if error or fmt not in ("", "xlsx"):
        flash(error or _("Choose XLSX."), "error")
        return redirect(url_for("web.complaint_statistics"), 303)
    rt = runtime()
    start, end = period.bounds(rt.settings.office_timezone)
    unit = request.args.get("unit", "").strip() or None
    categories = tuple(rt.forms.schema("pengaduan_klasifikasi.json")["properties"]["kategori"]["enum"])
    reporters = tuple(rt.forms.schema("pengaduan.json")["properties"]["kategori_pelapor"]["enum"])
    stats = complaint_stats.complaint_stats(db.session, start, end, unit, categories, reporters)
    if fmt:  # a file is passed on: its small counts are withheld whoever downloads it
        body = files.complaint_xlsx(rt, stats, labels.period_name(period))
        return _download(body, files.XLSX, f"statistik-pengaduan-{period.key}.xlsx")
    shown = complaint_stats.disclosure(db.session, user, start, end, unit, stats.total)
    return render_template(
        "reports/complaints.html",
        stats=stats,
        period=period,
        period_name=labels.period_name(period),  # "Semester II (Juli–Desember) 2026", never its key
        period_dates=labels.period_dates(rt, period),
        periods=periods(_today()),
        unit=unit or "",
        units=office_units(unit),
        rows=files.complaint_rows(rt, stats),
        tier_cells=files.complaint_tiers(stats),
        dimensions=labels.COMPLAINT_DIMENSIONS,
        tiers=labels.TIERS,
        ikm=_ikm(period, (kinds.COMPLAINT,), rt),
        performance=labels.PERFORMANCE,
        # Exact for a reader the register lists every counted complaint to; else a count from 1 to 4 is withheld.
        exact=shown.exact,
        known=shown.known,
        count=shown.count,
        cell=shown.cell,
        breakdowns=[
            (dimension, [(labels.complaint_value(rt, dimension, v), c) for v, c in cells.items()])
            for dimension, cells in stats.breakdowns.items()
        ],
    )
