"""The public information list (DIP): the public catalogue and downloads, the staff's item verbs, the import,
the repeated requests, and the office's service pages.

Anyone reads the published list (``GET /dip``, ``/dip/{id}``, ``/dip/export``, ``/service-pages``);
officers keep it with their token (the PPID every item, a unit its own: engine.access).
Item data is the item form's (``forms/dip_item.json``), checked by the engine, so the API and the pages
answer 422 with the same field paths. An import refuses the whole file with every row's errors.
"""

from __future__ import annotations

from flask import Response, request
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from api.auth import current_user, login_required
from api.boundary import runtime
from api.extensions import db
from api.schemas import OfficeDateTime
from api.views.letters import ExemptionView
from engine import access, dip, dip_due, dip_exempt, dip_io, dip_match, exemptions, service_pages
from engine.errors import Invalid, NotFound
from engine.files import Upload
from engine.messages import msg

blp = Blueprint("dip", __name__, description="The public information list (DIP) and the service pages")


class DipQuery(Schema):
    q = fields.String(load_default=None, metadata={"description": "words, in any form: perizinan finds izin"})
    category = fields.String(load_default=None, validate=validate.OneOf(dip.CATEGORIES))
    unit = fields.String(load_default=None, metadata={"description": "a unit's code"})
    page = fields.Integer(load_default=1, validate=validate.Range(1, 500))


class DipFile(Schema):
    name = fields.String()
    media_type = fields.String()
    size = fields.Integer()
    sha256 = fields.String()


class DipItemView(Schema):
    id = fields.Integer()
    code = fields.String(allow_none=True)
    title = fields.String()
    summary = fields.String()
    category = fields.String()
    unit = fields.String()
    unit_name = fields.String()
    made_on = fields.String(allow_none=True)
    made_in = fields.String(allow_none=True, metadata={"description": "where it was made (tempat pembuatan)"})
    responsible = fields.String(
        allow_none=True,
        metadata={"description": "who answers for making or issuing it (penanggung jawab pembuatan/penerbitan)"},
    )
    retention = fields.String()
    format = fields.String()
    legal_basis = fields.String()
    url = fields.String(allow_none=True)
    rhythm_months = fields.Integer(allow_none=True)
    exemption_id = fields.Integer(allow_none=True)
    exemption_note = fields.String(allow_none=True)
    status = fields.String()
    published_at = fields.String(allow_none=True)
    notice_until = fields.String(allow_none=True)
    next_due_at = fields.String(allow_none=True)
    file = fields.Nested(DipFile, allow_none=True)
    version = fields.Integer()
    pending_revision = fields.Dict(
        allow_none=True,
        metadata={
            "description": "staff only: a unit's change to its published item awaiting the PPID (data, by, at); the "
            "public reads the item as published until the PPID publishes it"
        },
    )
    portal_url = fields.String()
    file_url = fields.String(allow_none=True)


class DipEndedView(Schema):
    item = fields.Nested(DipItemView)
    since = fields.Date(metadata={"description": "the first day the register entry no longer held"})


class DipPage(Schema):
    items = fields.List(fields.Nested(DipItemView))
    more = fields.Boolean(metadata={"description": "another page follows"})
    terms = fields.List(fields.String(), metadata={"description": "the stems looked for"})


class DipItemBody(Schema):
    data = fields.Dict(required=True, metadata={"description": "the item, as forms/dip_item.json describes it"})
    publish = fields.Boolean(
        load_default=False, metadata={"description": "publish it now (serta-merta: on the portal)"}
    )
    version = fields.Integer(load_default=None, metadata={"description": "the version edited: a change since is 409"})


class DipVersionView(Schema):
    version = fields.Integer()
    action = fields.String()
    actor = fields.String()
    at = OfficeDateTime()
    data = fields.Dict()


class ImportedRow(Schema):
    row = fields.Integer(metadata={"description": "the row's number in the sheet"})
    item = fields.Integer()
    outcome = fields.String(metadata={"description": "created, updated or unchanged (the row says what it says)"})


class ImportResult(Schema):
    imported = fields.Integer(metadata={"description": "the rows read: created, updated or unchanged"})
    items = fields.List(fields.Integer())
    rows = fields.List(fields.Nested(ImportedRow))


class RepeatedQuery(Schema):
    since = fields.AwareDateTime(load_default=None)
    min_count = fields.Integer(load_default=2, validate=validate.Range(2, 1000))
    include_refused = fields.Boolean(
        load_default=False,
        metadata={"description": "also the subjects refused as exempt (Pasal 17), each with those requests' tickets"},
    )


class RepeatedView(Schema):
    count = fields.Integer()
    example = fields.String()
    words = fields.List(fields.String())
    tickets = fields.List(fields.String())
    first_at = OfficeDateTime()
    last_at = OfficeDateTime()
    refused_exempt = fields.List(
        fields.String(),
        metadata={"description": "requests refused as exempt whose refusal stands: not to be published, to classify"},
    )


class ExportQuery(Schema):
    format = fields.String(load_default="xlsx", validate=validate.OneOf(["xlsx", "pdf"]))


class ServicePageView(Schema):
    slug = fields.String()
    version = fields.Integer()
    body_id = fields.String()
    body_en = fields.String()
    at = OfficeDateTime()


class ServicePageBody(Schema):
    body_id = fields.String(required=True)
    body_en = fields.String(load_default="")


PAGE_SIZE = 20


def item_view(item, staff: bool = False) -> dict:
    return {
        **dip.snapshot(item),
        "pending_revision": item.pending_revision if staff else None,
        "portal_url": dip_match.public_path(item),
        "file_url": f"/api/v1/dip/{item.id}/file" if item.file_storage_key else None,
    }


@blp.get("/dip")
@blp.arguments(DipQuery, location="query")
@blp.response(200, DipPage)
def catalogue(query):
    """The published list: search in Bahasa Indonesia (any form of a word), browse by category and unit."""
    from engine.search import search_items

    unit = dip.find_unit(db.session, query["unit"]) if query["unit"] else None
    if query["unit"] and unit is None:
        raise Invalid("unit_unknown", fields={"unit": [msg("unknown")]})
    page = search_items(
        db.session,
        query["q"],
        category=query["category"],
        unit_id=unit.id if unit else None,
        limit=PAGE_SIZE,
        offset=(query["page"] - 1) * PAGE_SIZE,
    )
    return {"items": [item_view(i) for i in page.items], "more": page.more, "terms": page.terms}


@blp.get("/dip/<id:item_id>")
@blp.response(200, DipItemView)
def public_item(item_id):
    """A published item (anyone)."""
    return item_view(dip.public_item(db.session, item_id))


@blp.get("/dip/<id:item_id>/file")
@blp.response(200, content_type="application/octet-stream")
def public_file(item_id):
    """A published item's document, as a download."""
    item = dip.public_item(db.session, item_id)
    if not item.file_storage_key:
        raise NotFound("item_without_file")
    return file_response(item)


def file_response(item) -> Response:
    return Response(
        dip.read_file(runtime(), item),
        mimetype=item.file_media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{item.file_name}"',
            "X-Content-Type-Options": "nosniff",
        },
    )


@blp.get("/dip/export")
@blp.arguments(ExportQuery, location="query")
@blp.response(200, content_type="application/octet-stream")
def export(query):
    """The published list as the law expects it downloadable, XLSX or PDF, read now (always current)."""
    return export_response(query["format"])


# The downloaded file's name in each language the list is exported in (engine.dip_io: the catalogs).
EXPORT_NAMES = {"id": "daftar-informasi-publik", "en": "public-information-list"}


def export_response(fmt: str, locale: str = "id") -> Response:
    """The published list as ``fmt`` (xlsx or pdf), its fixed words in ``locale`` (the office's entries as written):
    the API's in Indonesian, the portal's in the reader's language."""
    rt = runtime()
    if fmt == "pdf":
        body, mimetype = dip_io.export_pdf(db.session, rt, locale=locale), "application/pdf"
    else:
        body, mimetype = dip_io.export_xlsx(db.session, rt, locale=locale), dip_io.XLSX_MIMETYPE
    return Response(
        body,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f"attachment; filename={EXPORT_NAMES.get(locale, EXPORT_NAMES['id'])}.{fmt}",
            "Cache-Control": "no-store",
        },
    )


@blp.get("/dip/import-template")
@login_required
@blp.response(200, content_type=dip_io.XLSX_MIMETYPE)
def import_template():
    """The empty spreadsheet to fill in, with a sheet explaining each column."""
    access.require_dip_reader(current_user())
    return template_response()


def template_response() -> Response:
    return Response(
        dip_io.template_xlsx(),
        mimetype=dip_io.XLSX_MIMETYPE,
        headers={"Content-Disposition": "attachment; filename=templat-dip.xlsx"},
    )


@blp.post("/dip/import")
@login_required
@blp.response(201, ImportResult)
@blp.doc(description="multipart/form-data with the workbook in `file`; 422 lists every bad row, nothing imported")
def import_items():
    """Import an office's list from XLSX: every row or none (one transaction), row-by-row errors."""
    upload = request.files.get("file")
    if upload is None:
        raise Invalid("file_required", fields={"file": [msg("required")]})
    done = dip_io.import_xlsx(db.session, runtime(), current_user(), Upload.from_storage(upload).data)
    rows = [{"row": d.row, "item": d.item.id, "outcome": d.outcome} for d in done]
    db.session.commit()
    return {"imported": len(rows), "items": [r["item"] for r in rows], "rows": rows}


@blp.post("/dip/items")
@login_required
@blp.arguments(DipItemBody)
@blp.response(201, DipItemView)
def create(body):
    """Add an item (a unit's officers: items their unit holds)."""
    item = dip.create_item(db.session, runtime(), current_user(), body["data"], publish=body["publish"])
    view = item_view(item, staff=True)
    db.session.commit()
    return view


@blp.get("/dip/items/<id:item_id>")
@login_required
@blp.response(200, DipItemView)
def staff_item(item_id):
    """An item as staff read it (drafts and withdrawn items too)."""
    return item_view(dip.require_item(db.session, current_user(), item_id), staff=True)


@blp.put("/dip/items/<id:item_id>")
@login_required
@blp.arguments(DipItemBody)
@blp.response(200, DipItemView)
def update(body, item_id):
    """Change an item (every field: one left out is emptied); its earlier version stays in its history."""
    item = dip.update_item(
        db.session,
        runtime(),
        current_user(),
        item_id,
        body["data"],
        expected_version=body["version"],
        publish=body["publish"],
    )
    view = item_view(item, staff=True)
    db.session.commit()
    return view


@blp.post("/dip/items/<id:item_id>/revision/publish")
@login_required
@blp.response(200, DipItemView)
def publish_revision(item_id):
    """Publish the revision a unit proposed to its published item (the PPID): checked again as an edit is; 409
    ``dip_no_revision`` when none awaits. ``?version=`` (the item's version read) makes a change since a 409."""
    item = dip.publish_revision(db.session, runtime(), current_user(), item_id, request.args.get("version", type=int))
    view = item_view(item, staff=True)
    db.session.commit()
    return view


@blp.post("/dip/items/<id:item_id>/revision/discard")
@login_required
@blp.response(200, DipItemView)
def discard_revision(item_id):
    """Decline the revision a unit proposed (the PPID): the item stays as published; its history keeps the proposal."""
    item = dip.discard_revision(db.session, runtime(), current_user(), item_id)
    view = item_view(item, staff=True)
    db.session.commit()
    return view


class DeterminationBody(Schema):
    data = fields.Dict(
        required=True,
        metadata={
            "description": "the consequence test (uji_konsekuensi.json: dokumen, bagian_dikecualikan, dasar_hukum, "
            "konsekuensi, kepentingan_publik) and the decree (tetapkan_pengecualian.json: pasal_pengecualian, "
            "tanggal_penetapan, berlaku_sampai, catatan), with nomor_penetapan and ditetapkan_oleh (pimpinan, "
            "atasan_ppid or ppid)"
        },
    )


@blp.post("/dip/exemptions")
@login_required
@blp.arguments(DeterminationBody)
@blp.response(201, ExemptionView)
def record_determination(body):
    """Record an exemption determination in the register without a request (the PPID: the consequence test before
    listing, or a decree made before Kawal), for an exempt item to cite in ``exemption_id``. The same checks as a
    determination on a request: 422 names every bad field and saves nothing."""
    rt = runtime()
    entry = exemptions.record_direct(db.session, rt.forms, rt.today(), current_user(), body["data"])
    view = exemptions.view(entry, rt.today())
    db.session.commit()
    return view


@blp.get("/dip/items/<id:item_id>/versions")
@login_required
@blp.response(200, DipVersionView(many=True))
def item_versions(item_id):
    """Every version of the item, newest first: what it said, who changed it and when."""
    return dip.versions(db.session, dip.require_item(db.session, current_user(), item_id))


@blp.post("/dip/items/<id:item_id>/publish")
@login_required
@blp.response(200, DipItemView)
def publish(item_id):
    item = dip.publish_item(db.session, runtime(), current_user(), item_id, request.args.get("notice_days", type=int))
    view = item_view(item, staff=True)
    db.session.commit()
    return view


@blp.post("/dip/items/<id:item_id>/withdraw")
@login_required
@blp.response(200, DipItemView)
def withdraw(item_id):
    item = dip.withdraw_item(db.session, runtime(), current_user(), item_id)
    view = item_view(item, staff=True)
    db.session.commit()
    return view


@blp.post("/dip/items/<id:item_id>/file")
@login_required
@blp.response(200, DipItemView)
@blp.doc(
    description="multipart/form-data with the document (PDF, PNG or JPEG) in `file`. The file is scanned for personal "
    "data (NIK, family card, tax and mobile numbers, e-mail addresses) as a file to a requester is: while anything is "
    "found, or its text cannot be read, it is refused (422, `file_holds_personal_data`, the findings under `file`) "
    "unless `confirmed` is the file's code (the first 12 hex digits of its SHA-256, which begin each finding's code): "
    "the officer confirms that what was found may be published."
)
def upload_file(item_id):
    upload = request.files.get("file")
    if upload is None:
        raise Invalid("file_required", fields={"file": [msg("required")]})
    confirmed = request.form.get("confirmed") or None
    item = dip.attach_file(db.session, runtime(), current_user(), item_id, Upload.from_storage(upload), confirmed)
    view = item_view(item, staff=True)
    db.session.commit()
    return view


@blp.get("/dip/overdue")
@login_required
@blp.response(200, DipItemView(many=True))
def overdue():
    """Published periodic items whose next edition is late, the longest overdue first."""
    access.require_dip_reader(current_user())
    return [item_view(i, staff=True) for i in dip_due.overdue(db.session)]


@blp.get("/dip/no-longer-exempt")
@login_required
@blp.response(200, DipEndedView(many=True))
def no_longer_exempt():
    """Items still listed as exempt whose exemption register entry no longer holds (its period is over, or an
    objection against the refusal was granted), with the day it stopped: the PPID classifies each again and opens
    the information (PP 61/2010 Pasal 14). The longest ago first."""
    access.require_dip_reader(current_user())
    found = dip_exempt.no_longer_exempt(db.session, runtime())
    return [{"item": item_view(item, staff=True), "since": since} for item, since in found]


@blp.get("/dip/repeated-requests")
@login_required
@blp.arguments(RepeatedQuery, location="query")
@blp.response(200, RepeatedView(many=True))
def repeated(query):
    """Requests asking for the same thing that no published item answers, most asked first: publish it? A subject
    the office refused as exempt (Pasal 17), while the refusal stands, is never suggested: it is left out, or listed
    with the refused requests' tickets when ``include_refused`` (engine.dip_match)."""
    access.require_request_insight(current_user())
    return dip_match.repeated_requests(
        db.session,
        runtime().today(),
        query["since"],
        query["min_count"],
        include_refused=query["include_refused"],
    )


@blp.get("/service-pages")
@blp.response(200, ServicePageView(many=True))
def list_service_pages():
    """The office's published service pages: charter (maklumat), SOP, fee standard, service hours."""
    pages = service_pages.all_current(db.session)
    return [pages[s] for s in service_pages.SLUGS if s in pages]


@blp.get("/service-pages/<string:slug>")
@blp.response(200, ServicePageView)
def get_service_page(slug):
    page = service_pages.current(db.session, slug)
    if page is None:
        raise NotFound("page_not_published")
    return page


@blp.put("/service-pages/<string:slug>")
@login_required
@blp.arguments(ServicePageBody)
@blp.response(200, ServicePageView)
def put_service_page(body, slug):
    """Publish a new version of a service page (the PPID); earlier versions are kept."""
    page = service_pages.save(db.session, current_user(), slug, body["body_id"], body["body_en"])
    db.session.commit()
    return page
