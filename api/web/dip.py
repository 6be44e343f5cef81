"""The officers' public information list (``/dip``): the items with their state and versions, the periodic
items that are late, the requests that keep asking for what is not listed, the import from XLSX, and
the office's service pages.

Load -> authorize -> act, as everywhere: the engine's verbs (``engine.dip``, ``engine.dip_io``,
``engine.service_pages``) check who may act (the PPID and the admin keep every item, a unit its own),
the item form is ``forms/dip_item.json`` drawn by ``schema_form``, and errors come back beside the fields.
"""

from __future__ import annotations

import copy

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from api.boundary import runtime
from api.extensions import db
from api.views.dip import template_response
from api.web import schema_form
from api.web.blueprint import bp
from api.web.i18n import field_errors, refusal_details, translated
from api.web.layout import NAV, NavItem
from api.web.portal.catalogue import CATEGORY_LABELS, PAGE_TITLES, service_hours
from api.web.session import officer
from engine import access, dip, dip_due, dip_exempt, dip_io, dip_match, search, service_pages, users
from engine.errors import Conflict, Invalid
from engine.files import Upload
from engine.messages import msg

NAV.append(NavItem("web.dip_admin", _l("Public information list"), frozenset(access.DIP_READERS)))
STATUS_LABELS = {"draft": _l("Draft"), "published": _l("Published"), "withdrawn": _l("Withdrawn")}
ACTION_LABELS = {
    "created": _l("created"),
    "updated": _l("changed"),
    "imported": _l("imported"),
    "published": _l("published"),
    "withdrawn": _l("withdrawn"),
    "file_added": _l("file added"),
}


@bp.get("/dip")
@login_required
def dip_admin():
    user = officer()
    access.require_dip_reader(user)
    query = request.args.get("q", "").strip()[:200]
    status = request.args.get("status", "")
    statuses = (status,) if status in dip.STATUSES else dip.STATUSES
    page = search.search_items(db.session, query, statuses=statuses, limit=100)
    insight = bool(user.group_codes & (access.REQUEST_STAFF | access.DIP_KEEPERS))
    # Asked again and again: the suggestions to publish, and apart, the subjects refused as exempt (never suggested).
    asked = (
        dip_match.repeated_requests(db.session, runtime().today(), limit=20, include_refused=True) if insight else []
    )
    return render_template(
        "dip/list.html",
        page=page,
        query=query,
        status=status,
        statuses=STATUS_LABELS,
        labels=CATEGORY_LABELS,
        overdue=dip_due.overdue(db.session),
        ended=dip_exempt.no_longer_exempt(db.session, runtime()),
        repeated=[g for g in asked if not g.refused_exempt][:10] if insight else None,
        refused=[g for g in asked if g.refused_exempt][:10],
        keeper=access.is_dip_keeper(user),
        can_create=user.group_codes & (access.DIP_KEEPERS | {"unit_pengolah"}),
        page_titles=PAGE_TITLES,
    )


CONFIRM = "data_pribadi_diperiksa"


def _schema(user, confirm: bool = False, keep: int | None = None) -> dict:
    """The item form with the units the officer may choose as a list of names (the active ones, and ``keep``, the
    item's own, though deactivated since); the confirmation that personal data found in its texts may be published
    only when ``confirm`` (a save refused for it), as one checkbox."""
    schema = copy.deepcopy(runtime().forms.schema(dip.FORM))
    if confirm:
        schema["properties"][CONFIRM]["const"] = True
    else:
        del schema["properties"][CONFIRM]
    units = users.units(db.session, active_only=True, keep=keep)
    if not access.is_dip_keeper(user):
        units = [u for u in units if u.id == user.unit_id]
    node = schema["properties"]["unit"]
    schema_form.unit_choices(node, units)
    node["title"], node["x-title-en"] = "Unit yang menguasai informasi", "Unit holding the information"
    return schema


def _asks_confirmation(error: Invalid) -> bool:
    """Whether a refused save found personal data in a public text (or the officer was already asked)."""
    found = any(m.code == "public_text_personal_data" for messages in error.fields.values() for m in messages)
    return found or CONFIRM in request.form


def _form_page(template: str, schema: dict, values, errors=None, status: int = 200, **context):
    fields, general = schema_form.form_fields(schema, values, errors)
    return render_template(template, fields=fields, general=general, has_errors=bool(errors), **context), status


@bp.route("/dip/baru", methods=["GET", "POST"])
@login_required
def dip_new():
    user, rt = officer(), runtime()
    access.require_dip_reader(user)
    if request.method == "GET":
        return _form_page("dip/item.html", _schema(user), None, item=None)
    data = schema_form.parse(_schema(user, confirm=True), request.form, rt.calendars["strict"].tz)
    try:
        item = dip.create_item(db.session, rt, user, data, publish=request.form.get("action") == "publish")
    except Invalid as error:
        db.session.rollback()
        schema = _schema(user, confirm=_asks_confirmation(error))
        return _form_page("dip/item.html", schema, request.form, error.fields, 422, item=None)
    item_id = item.id
    db.session.commit()
    flash(_("Item %(num)d saved.", num=item_id), "success")
    return redirect(url_for("web.dip_item", item_id=item_id))


@bp.route("/dip/<id:item_id>", methods=["GET", "POST"])
@login_required
def dip_item(item_id: int):
    user, rt = officer(), runtime()
    item = dip.require_item(db.session, user, item_id)
    schema = _schema(user, keep=item.unit_id) if access.can_edit_dip_item(user, item.unit_id) else None
    if request.method == "GET" or schema is None:
        values = MultiDict({k: str(v) for k, v in dip.form_data(item).items()})
        return _item_page(item, schema, values)
    data = schema_form.parse(_schema(user, confirm=True, keep=item.unit_id), request.form, rt.calendars["strict"].tz)
    try:
        dip.update_item(
            db.session,
            rt,
            user,
            item_id,
            data,
            expected_version=request.form.get("version", type=int),
            publish=request.form.get("action") == "publish",
        )
    except Invalid as error:
        db.session.rollback()
        schema = _schema(user, confirm=_asks_confirmation(error), keep=item.unit_id)
        return _item_page(dip.require_item(db.session, user, item_id), schema, request.form, error.fields, 422)
    except Conflict as error:
        db.session.rollback()
        flash(translated(error.message), "error")
        return redirect(url_for("web.dip_item", item_id=item_id))
    db.session.commit()
    flash(_("Item %(num)d saved.", num=item_id), "success")
    return redirect(url_for("web.dip_item", item_id=item_id))


def _item_page(item, schema, values, errors=None, status: int = 200):
    context = {
        "item": item,
        "versions": dip.versions(db.session, item),
        "labels": CATEGORY_LABELS,
        "statuses": STATUS_LABELS,
        "actions": ACTION_LABELS,
        "can_edit": schema is not None,
        "exemption_ended": dip_exempt.exemption_ended_on(db.session, runtime(), item),
    }
    if schema is None:
        return render_template("dip/item.html", fields=[], general=[], has_errors=False, **context), status
    return _form_page("dip/item.html", schema, values, errors, status, **context)


@bp.post("/dip/<id:item_id>/<any(terbitkan, tarik):verb>")
@login_required
def dip_state(item_id: int, verb: str):
    user, rt = officer(), runtime()
    change = dip.publish_item if verb == "terbitkan" else dip.withdraw_item
    try:
        change(db.session, rt, user, item_id)
    except Conflict as error:
        db.session.rollback()
        flash(translated(error.message), "error")
        return redirect(url_for("web.dip_item", item_id=item_id))
    db.session.commit()
    flash(_("The item is published.") if verb == "terbitkan" else _("The item is withdrawn."), "success")
    return redirect(url_for("web.dip_item", item_id=item_id))


@bp.post("/dip/<id:item_id>/berkas")
@login_required
def dip_file(item_id: int):
    user, rt = officer(), runtime()
    upload = request.files.get("file")
    try:
        if upload is None or not upload.filename:
            raise Invalid("file_required", fields={"file": [msg("required")]})
        dip.attach_file(db.session, rt, user, item_id, Upload.from_storage(upload))
    except Invalid as error:
        db.session.rollback()
        flash(" ".join(refusal_details(error)), "error")
        return redirect(url_for("web.dip_item", item_id=item_id))
    db.session.commit()
    flash(_("The file is attached."), "success")
    return redirect(url_for("web.dip_item", item_id=item_id))


@bp.route("/dip/impor", methods=["GET", "POST"])
@login_required
def dip_import():
    user, rt = officer(), runtime()
    access.require_dip_keeper(user)
    if request.method == "GET":
        return render_template("dip/import.html", errors=None, columns=dip_io.COLUMNS)
    upload = request.files.get("file")
    try:
        if upload is None or not upload.filename:
            raise Invalid("file_required", fields={"file": [msg("required")]})
        items = dip_io.import_xlsx(db.session, rt, user, Upload.from_storage(upload).data)
    except Invalid as error:
        db.session.rollback()
        rows = [(where, [translated(m) for m in messages]) for where, messages in error.fields.items()]
        return render_template(
            "dip/import.html", errors=rows, message=translated(error.message), columns=dip_io.COLUMNS
        ), 422
    count = len(items)
    db.session.commit()
    flash(_("%(num)d items imported and published.", num=count), "success")
    return redirect(url_for("web.dip_admin"))


@bp.get("/dip/templat")
@login_required
def dip_template():
    access.require_dip_reader(officer())
    return template_response()


@bp.route("/dip/halaman/<string:slug>", methods=["GET", "POST"])
@login_required
def dip_service_page(slug: str):
    user = officer()
    access.require_dip_keeper(user)
    service_pages.require_slug(slug)
    page = service_pages.current(db.session, slug)
    errors = {}
    if request.method == "POST":
        try:
            service_pages.save(db.session, user, slug, request.form.get("body_id", ""), request.form.get("body_en", ""))
        except Invalid as error:
            db.session.rollback()
            errors = field_errors(error.fields)
        else:
            db.session.commit()
            flash(_("The page is published."), "success")
            return redirect(url_for("web.dip_service_page", slug=slug))
    values = (
        request.form
        if request.method == "POST"
        else {
            "body_id": page.body_id if page else "",
            "body_en": page.body_en if page else "",
        }
    )
    return render_template(
        "dip/service_page.html",
        slug=slug,
        title=PAGE_TITLES[slug],
        page=page,
        hours=service_hours() if slug == "jam_layanan" else [],  # shown above the text, from KAWAL_OFFICE_HOURS
        values=values,
        errors=errors,
        history=service_pages.history(db.session, slug),
    ), (422 if errors else 200)
