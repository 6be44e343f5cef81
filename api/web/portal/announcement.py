"""The yearly public announcement (UU 14/2008 Pasal 12) on the portal: ``/publik/pengumuman``.

How many requests the office received, how long each took, how many it granted and refused, and why:
figures only, from the same count as the Laporan Layanan Informasi Publik, with no ticket and no
identity. A download as CSV, and as PDF where the server can make PDFs (engine.pdf.available); each names
the public body whose announcement it is, as its letters' letterhead does.
"""

from __future__ import annotations

from datetime import date
from itertools import chain

from flask import Response, render_template, request, stream_with_context
from flask_babel import gettext as _

from api.boundary import runtime
from api.extensions import db
from api.reports import files
from api.web.blueprint import bp
from api.web.reports import _today
from engine import pdf, reports

YEARS_SHOWN = 5
BOM = "\ufeff"  # a CSV download's byte order mark (api.reports.files.csv_stream): once, at the file's start


@bp.get("/publik/pengumuman")
def portal_announcement():
    today = _today()
    rt = runtime()
    years = announced_years(today, reports.records_from(db.session, rt))
    raw = request.args.get("tahun", "")
    last = today.year - 1 if today.year - 1 in years else years[0]  # the last full year, if the records reach it
    year = int(raw) if raw.isdigit() and int(raw) in years else last
    announcement = reports.announcement(db.session, rt, year)
    fmt = request.args.get("format", "")
    if fmt in ("pdf", "csv"):
        name = f"pengumuman-layanan-informasi-{year}.{fmt}"
        if fmt == "pdf":
            response = Response(files.announcement_pdf(rt, announcement), mimetype=files.PDF)
        else:
            figures = (chunk.lstrip(BOM) for chunk in files.announcement_csv(rt, announcement))  # one BOM, first
            rows = chain(_csv_heading(announcement), figures)
            response = Response(stream_with_context(rows), mimetype="text/csv")
        response.headers["Content-Disposition"] = f"attachment; filename={name}"
        return response
    return render_template(
        "portal/announcement.html",
        years=years,
        year=year,
        pdf_available=pdf.available(),
        **files.announcement_context(rt, announcement),
    )


def announced_years(today: date, first: date | None) -> list[int]:
    """The years an announcement is offered for, newest first: the last ``YEARS_SHOWN`` up to this one, none before the
    office's first request in Kawal (a year before it would announce 0 requests, which its records cannot say)."""
    earliest = max(today.year - YEARS_SHOWN + 1, first.year if first else today.year)
    return list(range(today.year, earliest - 1, -1))


def _csv_heading(announcement: dict):
    """Above the figures, what the file is and whose: the title, then the public body as the letters' letterhead
    names it, the agency then the office under it, on one line as a register's title names it, then a blank line."""
    office = announcement["office"]
    body = ", ".join(name for name in (office["agency_name"], office["office_name"]) if name)
    return files.csv_stream(
        [
            [_("Information service %(year)s in figures", year=announcement["year"]), _("Law 14/2008 Article 12")],
            [_("Public body"), body],
            *([note] for note in files.announcement_notes(announcement)),
            [],
        ]
    )
