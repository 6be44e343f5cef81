"""The public information list on the portal: search it, browse it, read an item, download the list, and ask
for what is not there; the office's service pages (charter, SOP, fees, hours).

Paths: /publik/informasi (search and browse: ``q``, ``kategori``, ``unit``, ``halaman``),
/publik/informasi/<id> (an item; its file at .../berkas), /publik/informasi/unduh/<xlsx|pdf> (the whole
list, read now), /publik/halaman/<slug> (a service page). Every search goes through
``engine.search.search_items``, so "perizinan" finds "izin" here as in the API. "Not found? Ask for it"
links to the request form with the words already in its information field (``?informasi=``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from babel import dates as babel_dates
from flask import abort, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import select

from api.boundary import runtime
from api.extensions import db
from api.views.dip import export_response, file_response
from api.web.blueprint import bp
from api.web.i18n import current_language
from engine import citations, dip, dip_due, dip_exempt, fees, search, service_pages
from engine.errors import NotFound
from engine.models import FEE_CODES, DipItem, Unit

PAGE_SIZE = 20
CATEGORY_LABELS = {
    "berkala": _l("Published periodically"),
    "serta_merta": _l("Published immediately"),
    "setiap_saat": _l("Available at any time"),
    "dikecualikan": _l("Exempt"),
}
CATEGORY_HINTS = {
    "berkala": _l("The office publishes it regularly, at least every six months (Law 14/2008 Article 9)."),
    "serta_merta": _l("Information that concerns the safety of the public, published at once (Article 10)."),
    "setiap_saat": _l("Available to anyone at any time, on request if it is not online (Article 11)."),
    "dikecualikan": _l("Not given out: the law exempts it (Article 17). The exemption is stated."),
}
# An item published on its own rhythm (a yearly report every 12 months) says so below; the category's "at least every
# six months" beside it contradicted it.
OWN_RHYTHM = _l("The office publishes it regularly, on the rhythm given below (Law 14/2008 Article 9).")
PAGE_TITLES = {
    "maklumat": _l("Service charter"),
    "sop": _l("Standard operating procedure"),
    "biaya": _l("Fee standard"),
    "jam_layanan": _l("Service hours"),
}


def units_in_use() -> list[Unit]:
    """Units that hold at least one published item: what the browse filter offers."""
    held = select(DipItem.unit_id).where(DipItem.status == "published").distinct()
    return list(db.session.scalars(select(Unit).where(Unit.id.in_(held)).order_by(Unit.name)))


@bp.get("/publik/informasi")
def portal_catalogue():
    query = request.args.get("q", "").strip()[:200]
    category = request.args.get("kategori", "")
    category = category if category in dip.CATEGORIES else ""
    units = units_in_use()
    unit = next((u for u in units if u.code == request.args.get("unit")), None)
    page_number = request.args.get("halaman", 1, type=int)
    page_number = page_number if 1 <= page_number <= 500 else 1
    page = search.search_items(
        db.session,
        query,
        category=category or None,
        unit_id=unit.id if unit else None,
        limit=PAGE_SIZE,
        offset=(page_number - 1) * PAGE_SIZE,
    )
    args = {k: v for k, v in {"q": query, "kategori": category, "unit": unit.code if unit else ""}.items() if v}
    return render_template(
        "portal/catalogue.html",
        page=page,
        query=query,
        category=category,
        unit=unit,
        units=units,
        labels=CATEGORY_LABELS,
        hints=CATEGORY_HINTS,
        number=page_number,
        previous=url_for("web.portal_catalogue", **args, halaman=page_number - 1) if page_number > 1 else None,
        following=url_for("web.portal_catalogue", **args, halaman=page_number + 1) if page.more else None,
        searched=bool(query or category or unit),
        ended=dip_exempt.ended_among(db.session, runtime(), page.items),
        # The exempt category lists the register's determinations in force too (they name no unit).
        determinations=dip_exempt.in_force_for_public(db.session, runtime().today(), query)
        if category == "dikecualikan" and unit is None
        else [],
    )


@bp.get("/publik/informasi/<id:item_id>")
def portal_item(item_id: int):
    item, rt = dip.public_item(db.session, item_id), runtime()
    return render_template(
        "portal/item.html",
        item=item,
        labels=CATEGORY_LABELS,
        hints=CATEGORY_HINTS,
        own_rhythm=OWN_RHYTHM,
        tz=rt.calendars["strict"].tz,
        exemption_ended=dip_exempt.exemption_ended_on(db.session, rt, item),
        late=dip_due.is_overdue(item),  # the next edition's day has passed: said, not shown as a plain date
    )


@bp.get("/publik/informasi/<id:item_id>/berkas")
def portal_item_file(item_id: int):
    item = dip.public_item(db.session, item_id)
    if not item.file_storage_key:
        raise NotFound("item_without_file")
    return file_response(item)


@bp.get("/publik/informasi/unduh/<string:fmt>")
def portal_catalogue_download(fmt: str):
    if fmt not in ("xlsx", "pdf"):
        abort(404)
    # The files' fixed words in the reader's language, the office's entries as written (engine.dip_io: the catalogs).
    return export_response(fmt, current_language())


@bp.get("/publik/halaman/<string:slug>")
def portal_service_page(slug: str):
    service_pages.require_slug(slug)
    page = service_pages.current(db.session, slug)
    body, body_lang = None, None
    if page is not None:
        english = current_language() == "en" and page.body_en
        body, body_lang = (page.body_en, "en") if english else (page.body_id, "id")
    rates = []
    if slug == "biaya":  # the fee standard in force today, as the admin set it (engine.fees)
        in_force = fees.in_force(db.session, runtime().today())
        rates = [in_force[code] for code in FEE_CODES if code in in_force]
    hours = service_hours() if slug == "jam_layanan" else []  # the hours deadlines count by
    cited = {row.code: english_citation(row.legal_basis) for row in rates}
    return render_template(
        "portal/service_page.html",
        slug=slug,
        title=PAGE_TITLES[slug],
        page=page,
        body=body,
        body_lang=body_lang,
        rates=rates,
        hours=hours,
        cited=cited,
        indonesian_bases=current_language() != "id" and not all(cited.values()),
        fee_labels=FEE_LABELS,
    )


def service_hours() -> list[str]:
    """The office hours of the settings (``KAWAL_OFFICE_HOURS``, engine.service_pages.office_hours), one line a group
    of weekdays or a dated exception, in the reader's language: what the service-hours page shows above the office's
    text and its editor shows the PPID."""
    rt = runtime()
    cal = rt.calendars["strict"]
    today = rt.today()
    zone = babel_dates.format_datetime(datetime.combine(today, time(12), cal.tz), "zzz", locale="id")  # WIB
    shown = service_pages.office_hours(cal.schedule, today)

    def weekday(index: int) -> str:
        return format_date(MONDAY + timedelta(days=index), "EEEE")

    def span(first, last) -> str:
        if first == last:
            return format_date(first, "d MMM y") if isinstance(first, date) else weekday(first)
        if isinstance(first, date):
            start = (
                str(first.day)
                if (first.year, first.month) == (last.year, last.month)
                else format_date(first, "d MMM y")
            )
            return f"{start}–{format_date(last, 'd MMM y')}"
        return f"{weekday(first)}–{weekday(last)}"

    def hours(row) -> str:
        return f"{row.opens:%H:%M}–{row.closes:%H:%M} {zone}"

    lines = [f"{span(row.first, row.last)}: {hours(row)}" for row in shown["weekdays"]]
    lines.append(_("Saturday, Sunday and public holidays: closed"))
    for row in shown["exceptions"]:
        named = f"{span(row.first, row.last)} ({row.name})" if row.name else span(row.first, row.last)
        lines.append(f"{named}: {hours(row)}")
    return lines


MONDAY = date(2024, 1, 1)  # any Monday: the weekdays' names in the reader's language

# The fee standard's items as the portal names them (engine.fees).
FEE_LABELS = {
    "halaman": _l("Printed page"),
    "cd": _l("CD"),
    "dvd": _l("DVD"),
    "flashdisk": _l("Flash drive"),
    "pos": _l("Postal delivery"),
}


@bp.app_template_global()
def service_links() -> list[tuple[str, object]]:
    """The footer's links on every page: the list and the four service pages."""
    return [
        (url_for("web.portal_catalogue"), _l("Public information list")),
        *[(url_for("web.portal_service_page", slug=slug), title) for slug, title in PAGE_TITLES.items()],
    ]


@bp.app_template_filter()
def paragraphs(text: str | None) -> list[dict]:
    """A page's plain text as blocks: paragraphs split by blank lines; lines starting "- " make a list."""
    blocks = []
    for chunk in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.strip().split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith(("- ", "* ")) for line in lines):
            blocks.append({"list": [line[2:].strip() for line in lines]})
        else:
            blocks.append({"text": "\n".join(lines)})
    return blocks


@bp.app_template_filter()
def english_citation(text: str | None) -> str | None:
    """An office's own legal basis on an English page, cited as the English letters cite laws, when it is nothing
    but citations (engine.citations); else None, and the page shows it as written, marked as Indonesian."""
    return citations.citation_in_english(text) if current_language() == "en" else None


@bp.app_template_global()
def office_words_lang() -> Markup:
    """The ``lang`` attribute of what the office wrote in Bahasa Indonesia alone (an item's title, a fee's legal
    basis), on a page in another language: a screen reader then reads it as Indonesian (WCAG 3.1.2)."""
    return Markup(' lang="id"') if current_language() != "id" else Markup("")


@bp.app_template_global()
def front_page_notices() -> list[DipItem]:
    """Serta-merta items still announced on the portal's front page."""
    return dip.front_page_notices(db.session)


@bp.app_template_global()
def dip_category_label(category: str):
    return CATEGORY_LABELS.get(category, category)
