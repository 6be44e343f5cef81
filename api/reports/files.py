"""The files the registers and reports download as: CSV and XLSX tables, the report as DOCX and PDF.

Every file is written in the visitor's language (its headers and names through ``report_labels``).
Cells are written as what they are, never parsed: XLSX strings stay strings (no formulas), a register's
numbers are numbers and its days and instants are dates (office-local, with a date format), so a
spreadsheet sorts and sums them; a CSV is text, UTF-8 opened by its byte order mark (``BOM``: without it a
spreadsheet reads the bytes in the computer's own code page, and "Pengaduan — Kantor" comes out garbled), and a
CSV cell that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@`` first) is prefixed with an
apostrophe. The report's annex lists the tickets behind each figure; the PDF and DOCX carry it inline (figure by
figure) up to ``ANNEX_INLINE`` tickets and otherwise point to the XLSX, whose annex sheet is always whole: one row
per ticket with the figures it counts in.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import xlsxwriter
from babel.numbers import format_decimal
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from flask import render_template
from flask_babel import format_date, format_number, get_locale, ngettext
from flask_babel import gettext as _

from api.reports import labels
from engine import complaint_stats, pdf, registers
from engine.letters import signers
from engine.reports import SEPARATOR, Annex, Report
from engine.runtime import Runtime

ANNEX_INLINE = 2000  # tickets listed in the PDF and DOCX annex; beyond this the XLSX holds them
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # opens every CSV download, as engine.exemptions.export_csv's: a spreadsheet then reads it as UTF-8
PERCENT_FORMAT = "0.0%"  # a share in a workbook: a number (0.151) shown as the reader's spreadsheet writes 15.1%
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def safe_csv(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


# -- registers -------------------------------------------------------------------------------------------------


# How a register's typed cells show in a workbook: days and instants as ISO dates (the same in every language), the
# instants with the office's zone; rupiah with thousands separators.
DAY_FORMAT = "yyyy-mm-dd"
INSTANT_FORMAT = 'yyyy-mm-dd hh:mm "{zone}"'
RUPIAH_FORMAT = "#,##0"
RUPIAH = ("fee_charged", "fee_paid")


class Cell(str):
    """A register cell: the text a page and a CSV show, and what a workbook writes instead, when it is a number or a
    date (``value``: a number, a day, an office-local instant without its zone) in ``number_format``."""

    value: int | float | date | datetime | None
    number_format: str | None

    def __new__(cls, text: str, value=None, number_format: str | None = None):
        cell = super().__new__(cls, text)
        cell.value, cell.number_format = value, number_format
        return cell


def register_table(rt: Runtime, kind: str, rows: Iterable[dict], columns: tuple[str, ...]):
    """Headers, then each row as cells: text, and for a number or a date also the value a workbook writes. A value
    the JSON keeps apart (``registers.SHOWN_IN``: a complaint referred to the Inspectorate General) is shown in its
    host column's cell when that one is empty, never as a column of its own."""
    apart = {c: host for c, host in registers.SHOWN_IN.items() if c in columns and host in columns}
    columns = tuple(c for c in columns if c not in registers.SHOWN_IN)
    yield [str(labels.COLUMNS[c]) for c in columns]
    zone = ZoneInfo(rt.settings.office_timezone)
    for row in rows:
        cells = {c: _cell(rt, zone, c, row.get(c)) for c in columns}
        for c, host in apart.items():
            if not cells[host] and row.get(c):
                cells[host] = _cell(rt, zone, c, row[c])
        yield [cells[c] for c in columns]


def _cell(rt: Runtime, zone: ZoneInfo, column: str, value) -> Cell:
    text = labels.value_text(rt, column, value)
    if isinstance(value, bool) or not text:
        return Cell(text)
    if isinstance(value, int | float):
        return Cell(text, value, RUPIAH_FORMAT if column in RUPIAH else None)
    if isinstance(value, datetime):
        local = value.astimezone(zone)
        return Cell(text, local.replace(tzinfo=None), INSTANT_FORMAT.format(zone=labels.office_zone(value)))
    if isinstance(value, date):
        return Cell(text, value, DAY_FORMAT)
    return Cell(text)


def csv_stream(table, bom: bool = True) -> Iterable[str]:
    """The table as CSV text, a row at a time, opened by the byte order mark (``bom=False``: a part that follows
    another's opening)."""
    if bom:
        yield BOM
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for cells in table:
        writer.writerow([safe_csv(c) for c in cells])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _workbook(file, large: bool = False):
    """A workbook that writes strings as strings; a ``large`` one streams its rows (written in order)."""
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    options.update({"constant_memory": True} if large else {"in_memory": True})
    return xlsxwriter.Workbook(file, options)


def xlsx_table(table, sheet_name: str, title: str | None = None, note: str | None = None) -> bytes:
    """The table on one sheet, its header frozen; with ``title`` (the register, the agency, the period) a first row
    that says what the file is, and the same words on every printed page; with ``note`` (which reading of the working
    days) a row under the table, after a blank one (too long for a printed page's footer). A ``Cell`` with a value
    is written as that number or date; every other cell as text."""
    file = io.BytesIO()
    workbook = _workbook(file)
    sheet = workbook.add_worksheet(sheet_name[:31])
    bold = workbook.add_format({"bold": True})
    formats: dict[str, object] = {}
    widths: dict[int, int] = {}
    top = 0
    if title:
        sheet.write_string(0, 0, title, bold)
        sheet.set_header("&C" + title.replace("&", "&&"))
        top = 1
    r = 0
    for r, cells in enumerate(table):  # the last row's index places the note under the table
        for c, cell in enumerate(cells):
            value = getattr(cell, "value", None) if r else None
            if value is None:
                sheet.write_string(top + r, c, cell, bold if r == 0 else None)
                continue
            shown = cell.number_format
            if shown not in formats:
                formats[shown] = workbook.add_format({"num_format": shown}) if shown else None
            if isinstance(value, date):  # a datetime is a date too
                sheet.write_datetime(top + r, c, value, formats[shown])
                # as wide as the date it shows (its format is as long), or a spreadsheet shows "####" instead
                widths[c] = max(widths.get(c, 0), len(shown.replace('"', "")) + 1)
            else:
                sheet.write_number(top + r, c, value, formats[shown])
    if note:
        sheet.write_string(top + r + 2, 0, note)
    for c, width in widths.items():
        sheet.set_column(c, c, width)
    sheet.freeze_panes(top + 1, 0)
    workbook.close()
    return file.getvalue()


def public_body(rt: Runtime) -> str:
    """Whose register it is, as the letters' letterhead names the public body (engine.letters.render): the agency,
    then the office under it. The agency alone ("KEMENTERIAN AGAMA REPUBLIK INDONESIA") named the ministry, not the
    Kanwil whose register it is."""
    return ", ".join(name for name in (rt.settings.agency_name, rt.settings.office_name) if name)


def register_title(rt: Runtime, kind: str, start: datetime | None, end: datetime | None) -> str:
    """``Register Permohonan Informasi · <agency>, <office> · 1 Jan 2026 – 31 Des 2026``: the cases received from
    ``start`` and before ``end``, as the office's first and last day."""
    if start is None and end is None:
        return f"{labels.REGISTER_TITLES[kind]} · {public_body(rt)} · {_('every case')}"
    zone = ZoneInfo(rt.settings.office_timezone)
    first = format_date(start.astimezone(zone).date(), "d MMM y") if start else "…"
    last = format_date((end - timedelta(microseconds=1)).astimezone(zone).date(), "d MMM y") if end else "…"
    return f"{labels.REGISTER_TITLES[kind]} · {public_body(rt)} · {first} – {last}"


# -- the annual report -----------------------------------------------------------------------------------------


def share(value: int, whole: int | None) -> str:
    """A share as the reader's language writes it: ``80,0%`` in Bahasa Indonesia, ``80.0%`` in English."""
    if not whole:
        return ""
    return format_decimal(100 * value / whole, format="0.0", locale=str(get_locale() or "id")) + "%"


# The base every share of a section is of unless its row says otherwise: the cases of its kind received in the period
# (the court table's: the disputes, as its first row). The time table's shares are of three bases (those decided, all
# received, those extended), and the refusals' and partial grants' of a count of the decisions table: each of their
# rows says its own. A reader of "100,0%" under "25,0%" otherwise took both for shares of the same whole.
SECTION_BASE = {
    "requests": "requests.received",
    "outcomes": "requests.received",
    "fees": "requests.received",
    "objections": "objections.received",
    "disputes": "disputes.received",
    "court": "disputes.received",
}


def report_rows(rt: Runtime, report: Report) -> list[dict]:
    """Every figure as (section title, label, value, share of its base as written and as a fraction, for a
    workbook: None without a base; ``of``: what the share is of, in words, where that is not its section's total
    (labels.SHARE_OF), else ""), in the report's order."""
    rows = []
    for section in report.sections:
        for figure in section.figures:
            key = f"{section.key}.{figure.key}"
            base = report.value(figure.of) if figure.of else None
            stated = figure.of and base and figure.of != SECTION_BASE.get(section.key)
            rows.append(
                {
                    "key": key,
                    "section": str(labels.SECTIONS[section.key]),
                    "label": labels.figure_label(rt, key),
                    "value": figure.value,
                    "share": share(figure.value, base),
                    "of": str(labels.SHARE_OF[figure.of]) if stated else "",
                    "fraction": figure.value / base if base else None,
                }
            )
    return rows


def share_with_base(row: dict) -> str:
    """A row's share as the page, the PDF and the DOCX write it: ``50,0% dari yang diputus``."""
    return f"{row['share']} {row['of']}" if row["of"] else row["share"]


def annex_inline(report: Report) -> bool:
    """Whether the PDF and DOCX list the annex: each figure lists as many tickets as it counts."""
    return sum(f.value for section in report.sections for f in section.figures) <= ANNEX_INLINE


def needs_annex(report: Report, fmt: str) -> bool:
    """Whether a download of ``fmt`` reads the annex (the XLSX always; the PDF and DOCX when they list it)."""
    return fmt == "xlsx" or annex_inline(report)


def _context(rt: Runtime, report: Report, annex: Annex, ikm) -> dict:
    listed = sum(f.value for section in report.sections for f in section.figures)
    inline = annex_inline(report)
    title = _("Public Information Service Report %(period)s", period=labels.period_name(report.period))
    return {
        "report": report,
        "title": _("Draft: %(title)s", title=title) if report.unwritten else title,
        "heading": heading(rt, report),
        "rows": report_rows(rt, report),
        "sections": labels.SECTIONS,
        "narrative": [(labels.NARRATIVE[k], report.narrative[k]) for k in report.narrative],
        "narrative_labels": labels.NARRATIVE,
        "ttf": report.time_to_fulfil,
        "fees": report.fees,
        "annex": annex_sections(rt, annex) if inline else [],
        "annex_inline": inline,
        "annex_total": listed,
        "ikm": ikm,
        "elements": labels.SURVEY_SHORT,
        "performance": labels.PERFORMANCE,
        "generated": labels.office_datetime(report.generated_at),
        "signature": signature(rt, report),
        "reading": str(labels.READING),
        # A draft while the narrative's required sections are empty (legal-process.md §9.2 (a), (d), (e)): titled so,
        # the sections named, and no signature under words nobody wrote.
        "draft": bool(report.unwritten),
        "unwritten": [str(labels.NARRATIVE[key]) for key in report.unwritten],
        "draft_note": draft_note(report),
    }


def draft_note(report: Report) -> str:
    """Why the report is a draft, in one sentence ("" when it is not)."""
    if not report.unwritten:
        return ""
    return _(
        "Draft, not signed: the report is signed once these sections are written: %(sections)s.",
        sections="; ".join(str(labels.NARRATIVE[key]) for key in report.unwritten),
    )


def heading(rt: Runtime, report: Report) -> list[tuple[str, str]]:
    """What the report is, above its figures (legal-process.md §9.2): the public body as its letters name it
    (the agency, the office under it), the period's first and last day, and to whom the report goes."""
    return [
        (_("Public body"), f"{rt.settings.agency_name}\n{rt.settings.office_name}"),  # as the letterhead: two lines
        (_("Period"), labels.period_dates(rt, report.period)),
        (_("Submitted to"), _("The PPID's superior, with a copy to the Information Commission")),
    ]


def signature(rt: Runtime, report: Report) -> dict:
    """Who signs the report, by the letters' rule (engine.reports.report_signatory): the PPID the office configured
    (KAWAL_SIGNATORY_PPID), else the PPID who made it or the office's only PPID, else the PPID's position over a
    blank line for the name; the place and day it was made."""
    signer = report.signatory or signers.signatory(rt.settings, "ppid")
    return {
        "place_date": f"{rt.settings.office_city}, {format_date(report.generated_at, 'd MMMM y')}",
        "position": signer["position_en" if labels.current_language() == "en" else "position"],
        "name": signer["name"] or BLANK_NAME,
        "nip": f"NIP {signer['nip']}" if signer["nip"] else "",
    }


BLANK_NAME = "(........................................)"  # as a letter leaves it for a hand-written name


def annex_sections(rt: Runtime, annex: Annex) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """The annex as the figures read: each section's title, then each figure's words with its tickets (figures with
    none left out). No figure's key: a figure's words repeat across sections ("Granted in full"), its section says
    which it is."""
    found: dict[str, list[tuple[str, list[str]]]] = {}
    for key, tickets in annex.tickets():
        if tickets:
            section = str(labels.SECTIONS[key.partition(".")[0]])
            found.setdefault(section, []).append((labels.figure_label(rt, key), tickets))
    return list(found.items())


def annual_pdf(rt: Runtime, report: Report, annex: Annex, ikm) -> bytes:
    return pdf.render_pdf(render_template("reports/annual_document.html", **_context(rt, report, annex, ikm)))


def annual_docx(rt: Runtime, report: Report, annex: Annex, ikm) -> bytes:
    """The report as an editable Word document: the office completes or rewrites the narrative there."""
    ctx = _context(rt, report, annex, ikm)
    doc = Document()
    for section in doc.sections:  # A4 with the PDF's margins, not python-docx's US Letter
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2)
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = ctx["title"]
    doc.core_properties.author = public_body(rt)  # whose report; not the library that wrote the file
    doc.core_properties.comments = ""
    _docx_letterhead(doc, report.office)
    doc.add_heading(ctx["title"], 0)
    for label, value in ctx["heading"]:
        line = doc.add_paragraph()
        line.add_run(f"{label}: ").bold = True
        line.add_run(value)
    doc.add_paragraph(_("Generated by Kawal on %(when)s from the office's own records.", when=ctx["generated"]))
    doc.add_paragraph(ctx["reading"])
    if ctx["draft"]:
        doc.add_paragraph().add_run(ctx["draft_note"]).bold = True
    doc.add_heading(_("A. General policy"), 1)
    for key in ("policy", "facilities", "staff", "budget"):
        doc.add_heading(str(labels.NARRATIVE[key]), 2)
        doc.add_paragraph(report.narrative[key] or _("(to be written)"))
    rows = ctx["rows"]
    for title, keys in (
        (_("B. Service details"), ("requests", "outcomes", "refusals", "redactions", "time", "fees")),
        (_("C. Dispute details"), ("objections", "disputes", "court")),
    ):
        doc.add_heading(title, 1)
        for key in keys:
            figures = [row for row in rows if row["key"].startswith(f"{key}.")]
            if figures:
                doc.add_heading(figures[0]["section"], 2)
                table = doc.add_table(rows=1, cols=3)
                table.style = "Table Grid"
                for cell, text in zip(table.rows[0].cells, (_("Figure"), _("Count"), _("Share")), strict=True):
                    cell.text = text
                for row in figures:
                    cells = table.add_row().cells
                    cells[0].text, cells[1].text, cells[2].text = row["label"], str(row["value"]), share_with_base(row)
            if key == "time":
                ttf = report.time_to_fulfil
                doc.add_paragraph(
                    _(
                        "Median time to fulfil: %(median)s working days; 90th percentile: %(p90)s working days.",
                        median=_dash(ttf.median),
                        p90=_dash(ttf.p90),
                    )
                )
            elif key == "fees":
                fees = report.fees
                doc.add_paragraph(
                    _(
                        "Fees charged: IDR %(charged)s; paid: IDR %(paid)s.",
                        charged=format_number(fees["charged_total"]),
                        paid=format_number(fees["paid_total"]),
                    )
                )
    doc.add_heading(_("D. Obstacles"), 1)
    for key in ("obstacles_internal", "obstacles_external"):
        doc.add_heading(str(labels.NARRATIVE[key]), 2)
        doc.add_paragraph(report.narrative[key] or _("(to be written)"))
    doc.add_heading(_("E. Recommendations and follow-up plan"), 1)
    doc.add_paragraph(report.narrative["recommendations"] or _("(to be written)"))
    doc.add_heading(_("F. Public satisfaction index (SKM)"), 1)
    doc.add_paragraph(_ikm_sentence(ikm))
    signed = ctx["signature"]
    block = doc.add_paragraph()
    if ctx["draft"]:  # no signature under sections nobody wrote
        block.add_run(ctx["draft_note"]).bold = True
    else:
        block.paragraph_format.left_indent = Cm(9)  # the right half, as a letter's signature block
        block.paragraph_format.keep_together = True
        block.add_run(f"{signed['place_date']}\n{signed['position']},\n\n\n\n")
        block.add_run(signed["name"]).bold = True
        if signed["nip"]:
            block.add_run("\n" + signed["nip"])
    doc.add_heading(_("Annex: the tickets behind each figure"), 1)
    if ctx["annex_inline"]:
        for section, figures in ctx["annex"]:
            doc.add_heading(section, 2)
            for label, tickets in figures:
                doc.add_paragraph(f"{label} ({len(tickets)}): {', '.join(tickets)}")
    else:
        doc.add_paragraph(_annex_elsewhere(ctx["annex_total"]))
    file = io.BytesIO()
    doc.save(file)
    return file.getvalue()


def _docx_letterhead(doc, office: dict) -> None:
    """The public body above the report, as the PDF's letterhead (reports/_letterhead.html) names it."""
    lines = [(office.get("agency_name"), 12), (office.get("office_name"), 13)]
    lines += [(office.get("address"), 9), (office.get("contact"), 9)]
    for text, size in lines:
        if not text:
            continue
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.font.size = size > 10, Pt(size)


def annual_xlsx(rt: Runtime, report: Report, annex: Annex, ikm) -> bytes:
    """Figures, time to fulfil, narrative, index, and the annex: one row per ticket with the figures it counts in."""
    ctx = _context(rt, report, Annex(annex.keys, []), ikm)
    file = io.BytesIO()
    workbook = _workbook(file, large=True)
    bold = workbook.add_format({"bold": True})
    percent = workbook.add_format({"num_format": PERCENT_FORMAT})
    figures = workbook.add_worksheet(_("Figures")[:31])
    # What the file is, above the figures as a register's title row says it: the report, the public body, the period,
    # which reading of the working days, and whether it is a draft.
    top = [ctx["title"], *(f"{label}: {value}".replace("\n", ", ") for label, value in ctx["heading"][:2])]
    top += [ctx["reading"], *([ctx["draft_note"]] if ctx["draft"] else [])]
    for r, text in enumerate(top):
        figures.write_string(r, 0, text, bold if r == 0 else None)
    figures.set_header("&C" + ctx["title"].replace("&", "&&"))
    first = len(top) + 1
    for c, head in enumerate((_("Section"), _("Figure"), _("Key"), _("Count"), _("Share"), _("Share of"))):
        figures.write_string(first, c, head, bold)
    for r, row in enumerate(ctx["rows"], start=first + 1):
        figures.write_string(r, 0, row["section"])
        figures.write_string(r, 1, row["label"])
        figures.write_string(r, 2, row["key"])
        figures.write_number(r, 3, row["value"])
        if row["fraction"] is not None:  # a number a spreadsheet computes on, shown as a percentage
            figures.write_number(r, 4, row["fraction"], percent)
        if row["of"]:  # the words the page says after the share, beside the number here
            figures.write_string(r, 5, row["of"])
    figures.freeze_panes(first + 1, 0)
    time = workbook.add_worksheet(_("Time to fulfil")[:31])
    time.write_string(0, 0, _("Working days"), bold)
    time.write_string(0, 1, _("Requests"), bold)
    for r, (days, n) in enumerate(report.time_to_fulfil.histogram.items(), start=1):
        time.write_number(r, 0, days)
        time.write_number(r, 1, n)
    narrative = workbook.add_worksheet(_("Narrative")[:31])
    for r, (title, body) in enumerate(ctx["narrative"]):
        narrative.write_string(r, 0, str(title), bold)
        narrative.write_string(r, 1, body)
    survey = workbook.add_worksheet(_("Satisfaction index")[:31])
    survey.write_string(0, 0, _ikm_sentence(ikm))
    for r, (element, mean) in enumerate((ikm.means if ikm and ikm.responses else {}).items(), start=1):
        survey.write_string(r, 0, str(labels.SURVEY_SHORT[element]))
        survey.write_number(r, 1, round(mean, 3))
    sheet = workbook.add_worksheet(_("Annex")[:31])
    sheet.write_string(0, 0, _("Ticket"), bold)
    sheet.write_string(0, 1, _("Counted in (keys of the Figures sheet)"), bold)
    for r, (ticket, counted) in enumerate(annex.rows, start=1):  # counted: "key; key; " (engine.reports.Annex)
        sheet.write_string(r, 0, ticket)
        sheet.write_string(r, 1, counted.removesuffix(SEPARATOR))
    workbook.close()
    return file.getvalue()


def _dash(value) -> str:
    return "—" if value is None else str(value)


def _annex_elsewhere(total: int) -> str:
    return _(
        "The annex lists %(num)d tickets: it is the Annex sheet of this report's XLSX file, one row per figure"
        " and ticket.",
        num=total,
    )


def _ikm_sentence(ikm) -> str:
    if ikm is None or not ikm.responses:
        return _("No survey answers in this period.")
    return _(
        "%(num)d answers; index %(value)s of 4, converted %(converted)s: grade %(grade)s (%(performance)s).",
        num=ikm.responses,
        value=format_decimal(ikm.value, "0.00", locale=str(get_locale() or "id")),  # 3,25 in Bahasa Indonesia
        converted=format_decimal(ikm.converted, "0.00", locale=str(get_locale() or "id")),
        grade=ikm.grade,
        performance=labels.PERFORMANCE[ikm.performance],
    )


# -- the announcement and the complaint statistics ------------------------------------------------------------


def announcement_pdf(rt: Runtime, announcement: dict) -> bytes:
    html = render_template("reports/announcement_document.html", **announcement_context(rt, announcement))
    return pdf.render_pdf(html)


def announcement_context(rt: Runtime, announcement: dict) -> dict:
    figures = [(labels.figure_label(rt, key), value) for key, value in announcement["figures"].items()]
    reasons = [(labels.EXEMPTIONS[key[-1]], value) for key, value in announcement["refusal_reasons"].items()]
    redactions = [(labels.EXEMPTIONS[key[-1]], value) for key, value in announcement["redaction_reasons"].items()]
    figures_of = announcement["figures"]
    return {
        "a": announcement,
        "figures": figures,
        "reasons": reasons,
        "redactions": redactions,
        # A decision may rest on several letters of Article 17: the reasons may add up to more than the decisions.
        "reasons_note": ngettext(
            "The %(num)d refusal may rest on more than one ground: its grounds may add up to more than one.",
            "One refusal may rest on more than one ground: the grounds of the %(num)d refusals may add up to more.",
            figures_of["outcomes.refused"],
        ),
        "redactions_note": ngettext(
            "Part of the information was withheld in %(num)d request granted in part; it may rest on more than one"
            " ground.",
            "Part of the information was withheld in %(num)d requests granted in part; one may rest on more than one"
            " ground.",
            figures_of["outcomes.granted_part"],
        ),
        "notes": announcement_notes(announcement),
        "generated": labels.office_datetime(announcement["generated_at"]),
    }


def announcement_notes(announcement: dict) -> list[str]:
    """What a reader must know of the figures' days: the year still running, the office's records starting within
    it, and which reading of the working days (legal-process.md §2.2)."""
    notes = []
    if announcement["running_until"] is not None:
        notes.append(
            _(
                "The year %(year)s is still running: the figures count the requests received up to %(date)s.",
                year=announcement["year"],
                date=format_date(announcement["running_until"], "d MMMM y"),
            )
        )
    first = announcement["records_from"]
    if first is not None and first.year == announcement["year"] and (first.month, first.day) != (1, 1):
        notes.append(
            _(
                "The office's records in Kawal begin on %(date)s: requests received before that day are not counted.",
                date=format_date(first, "d MMMM y"),
            )
        )
    notes.append(str(labels.READING))
    return notes


def announcement_csv(rt: Runtime, announcement: dict) -> Iterable[str]:
    """The announcement's figures as CSV rows, without the byte order mark: they follow its heading
    (api.web.portal.announcement), which opens the file with it."""
    ctx = announcement_context(rt, announcement)
    table = [[_("Figure"), _("Count")]]
    table += [[str(label), str(value)] for label, value in ctx["figures"]]
    table += [[_("Refused: %(reason)s", reason=str(label)), str(value)] for label, value in ctx["reasons"]]
    table += [[_("Withheld in part: %(reason)s", reason=str(label)), str(value)] for label, value in ctx["redactions"]]
    table += [[_("Median working days"), _dash(announcement["median_days"])]]
    table += [[_("90th percentile, working days"), _dash(announcement["p90_days"])]]
    return csv_stream(table, bom=False)


def complaint_rows(rt: Runtime, stats) -> list[tuple[str, str, str]]:
    """(dimension title, value name, count as shown: "withheld" when suppressed, as the page writes it: a count
    withheld to protect a count from 1 to 4 may be 5 or more, engine.complaint_stats.Disclosure.cell)."""
    rows = []
    for dimension, cells in stats.breakdowns.items():
        for value, cell in cells.items():
            shown = str(_("withheld")) if cell.suppressed else str(cell.raw)
            name = labels.complaint_value(rt, dimension, value)
            rows.append((str(labels.COMPLAINT_DIMENSIONS[dimension]), name, shown))
    return rows


PROTECTED_TIERS = ("within_60", "over_60")  # they add up to the complaints closed


def complaint_tiers(stats) -> dict[str, complaint_stats.Cell]:
    """The time-to-close rows as a file passed on writes them: each count from 1 to 4 withheld, and the two rows
    that add up to the complaints closed (within and over 60 working days) protected as a breakdown is, so one
    withheld is never the closed count minus the other (engine.complaint_stats.breakdown)."""
    cells = {key: complaint_stats.cell(n) for key, n in stats.tiers.items() if key in labels.TIERS}
    split = complaint_stats.breakdown({key: stats.tiers[key] for key in PROTECTED_TIERS})
    return {key: split.get(key, cell) for key, cell in cells.items()}


def complaint_xlsx(rt: Runtime, stats, period: str) -> bytes:
    """The statistics as a file passed on (engine.complaint_stats.PASSED_ON): whose, of which period, every count a
    number; a headline count from 1 to 4 as "<5", a breakdown's withheld cell (which may be 5 or more) as the word,
    as the page writes them, with the note that says why."""
    file = io.BytesIO()
    workbook = _workbook(file)
    bold = workbook.add_format({"bold": True})
    sheet = workbook.add_worksheet(_("Complaints")[:31])
    title = _("Complaint statistics %(period)s", period=period)
    sheet.write_string(0, 0, title, bold)
    sheet.set_header("&C" + title.replace("&", "&&"))
    sheet.write_string(1, 0, _("Public body"))
    sheet.write_string(1, 1, public_body(rt))
    withheld = str(_("withheld"))

    def count(row: int, n: int) -> None:  # a headline count: from 1 to 4 as "<5", as the page shows it
        if complaint_stats.shown(n) is None:
            sheet.write_string(row, 2, complaint_stats.WITHHELD)
        else:
            sheet.write_number(row, 2, n)

    def cell(row: int, value: int | None) -> None:  # a breakdown's cell: a number, or the word when withheld
        if value is None:
            sheet.write_string(row, 2, withheld)
        else:
            sheet.write_number(row, 2, value)

    sheet.write_string(3, 0, _("Complaints received"))
    count(3, stats.total)
    sheet.write_string(4, 0, _("Closed"))
    count(4, stats.closed)
    r = 6
    tiers = complaint_tiers(stats)
    for key, label in labels.TIERS.items():
        sheet.write_string(r, 0, _("Time to close"))
        sheet.write_string(r, 1, str(label))
        if key in PROTECTED_TIERS:
            cell(r, tiers[key].value)
        else:
            count(r, stats.tiers[key])
        r += 1
    for dimension, cells in stats.breakdowns.items():
        for value, found in cells.items():
            sheet.write_string(r, 0, str(labels.COMPLAINT_DIMENSIONS[dimension]))
            sheet.write_string(r, 1, labels.complaint_value(rt, dimension, value))
            cell(r, found.value)
            r += 1
    sheet.write_string(r + 1, 0, _("Counts from 1 to 4 are shown as <5: they could point to a person."))
    sheet.write_string(
        r + 2,
        0,
        _(
            'In a breakdown such a count is written "withheld", and so is the smallest other count where the total'
            " would give the small one away: a withheld count may be 5 or more."
        ),
    )
    sheet.set_column(0, 1, 28)
    workbook.close()
    return file.getvalue()
