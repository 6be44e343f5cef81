"""The yearly public announcement (UU 14/2008 Pasal 12) on the portal: ``/publik/pengumuman``.

How many requests the office received, how long each took, how many it granted and refused, and why:
figures only, from the same count as the Laporan Layanan Informasi Publik, with no ticket and no
identity. A download as CSV, and as PDF where the server can make PDFs (engine.pdf.available).
"""

from __future__ import annotations

from flask import Response, render_template, request, stream_with_context

from api.boundary import runtime
from api.extensions import db
from api.reports import files
from api.web.blueprint import bp
from api.web.reports import _today
from engine import pdf, reports

YEARS_SHOWN = 5


@bp.get("/publik/pengumuman")
def portal_announcement():
    today = _today()
    years = list(range(today.year, today.year - YEARS_SHOWN, -1))
    raw = request.args.get("tahun", "")
    year = int(raw) if raw.isdigit() and int(raw) in years else today.year - 1
    rt = runtime()
    announcement = reports.announcement(db.session, rt, year)
    fmt = request.args.get("format", "")
    if fmt in ("pdf", "csv"):
        name = f"pengumuman-layanan-informasi-{year}.{fmt}"
        if fmt == "pdf":
            response = Response(files.announcement_pdf(rt, announcement), mimetype=files.PDF)
        else:
            response = Response(stream_with_context(files.announcement_csv(rt, announcement)), mimetype="text/csv")
        response.headers["Content-Disposition"] = f"attachment; filename={name}"
        return response
    return render_template(
        "portal/announcement.html",
        years=years,
        year=year,
        pdf_available=pdf.available(),
        **files.announcement_context(rt, announcement),
    )
