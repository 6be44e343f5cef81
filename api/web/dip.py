"""The officers' public information list (``/dip``): the items with their state and versions, the periodic
items that are late, the requests that keep asking for what is not listed, the import from XLSX, and
the office's service pages.

Load -> authorize -> act, as everywhere: the engine's verbs (``engine.dip``, ``engine.dip_io``,
``engine.service_pages``) check who may act (the PPID keeps every item, a unit its own),
the item form is ``forms/dip_item.json`` drawn by ``schema_form``, and errors come back beside the fields.
"""

from __future__ import annotations

import copy
from datetime import datetime

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
from api.web.i18n import current_language, field_errors, translated
from api.web.layout import NAV, NavItem
from api.web.portal.catalogue import CATEGORY_LABELS, PAGE_TITLES, service_hours
from api.web.session import officer
from engine import access, dip, dip_due, dip_exempt, dip_io, dip_match, exemptions, search, service_pages, users
from engine.errors import Conflict, Invalid
from engine.files import Upload
from engine.messages import msg
from engine.models import Exemption

NAV.append(NavItem("web.dip_admin", _l("Public information list"), frozenset(access.DIP_READERS)))
STATUS_LABELS = {"draft": _l("Draft"), "published": _l("Published"), "withdrawn": _l("Withdrawn")}
ACTION_LABELS = {
    "created": _l("created"),
    "updated": _l("changed"),
    "imported": _l("imported"),
    "published": _l("published"),
    "withdrawn": _l("withdrawn"),
    "file_added": _l("file added"),
    "revision_proposed": _l("revision proposed"),
    "revision_published": _l("revision published"),
    "revision_discarded": _l("revision declined"),
    "revision_set_aside": _l("revision set aside by the PPID's edit"),
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
    insight = bool(user.group_codes & access.REQUEST_INSIGHT_READERS)
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
        # What the PPID acts on: the items proposed and not yet published, and those listed as exempt on a note alone
        # (saved before an exempt item had to cite the register's determination): kept, to classify again.
        awaiting=dip.awaiting_publication(db.session) if access.is_dip_keeper(user) else [],
        undetermined=dip.lacking_determination(db.session) if access.is_dip_keeper(user) else [],
        repeated=[g for g in asked if not g.refused_exempt][:10] if insight else None,
        refused=[g for g in asked if g.refused_exempt][:10],
        keeper=access.is_dip_keeper(user),
        can_create=user.group_codes & (access.DIP_KEEPERS | {"unit_pengolah"}),
        page_titles=PAGE_TITLES,
    )


CONFIRM = "data_pribadi_diperiksa"
# What a link may fill in the new item's form: never free text in a URL (it stays in the browser's history, the
# server's and the proxy's logs); the item's title from the entry it cites is read from the register (``_prefill``).
PREFILL = ("category", "exemption_id")


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
        # The PPID classifies information as exempt, on the register's determination (engine.dip): not a unit.
        category = schema["properties"]["category"]
        category["enum"] = [c for c in category["enum"] if c != "dikecualikan"]
        for name in ("exemption_id", "exemption_note"):
            del schema["properties"][name]
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
    access.require_dip_editor(user, user.unit_id)  # the PPID, a unit's officer: not the admin, who keeps no item
    if request.method == "GET":  # a determination just recorded opens the form with the item citing it
        return _form_page("dip/item.html", _schema(user), _prefill(user), item=None)
    data = schema_form.parse(_schema(user, confirm=True), request.form, rt.calendars["strict"].tz)
    try:
        item = dip.create_item(db.session, rt, user, data, publish=request.form.get("action") == "publish")
    except Invalid as error:
        db.session.rollback()
        schema = _schema(user, confirm=_asks_confirmation(error))
        return _form_page("dip/item.html", schema, request.form, error.fields, 422, item=None)
    item_id, published = item.id, item.status == "published"
    db.session.commit()
    flash(_saved(item_id, published), "success")
    return redirect(url_for("web.dip_item", item_id=item_id))


def _prefill(user) -> MultiDict | None:
    """The new item's form as a link opens it (``PREFILL``); citing an entry of the exemption register, which only the
    PPID does, with the entry's information as the title."""
    prefill = MultiDict({k: v for k, v in request.args.items() if k in PREFILL and v})
    cited = request.args.get("exemption_id", type=int)
    if cited is not None and 0 < cited < 2**31 and access.is_dip_keeper(user):
        entry = db.session.get(Exemption, cited)
        if entry is not None:
            prefill["title"] = entry.information[:300]
    return prefill or None


def _saved(item_id: int, published: bool) -> str:
    """What a save did: a new item saved and published is public now, and the officer is told so."""
    if published:
        return _("Item %(num)d saved and published: the public sees it now.", num=item_id)
    return _("Item %(num)d saved as a draft; not published yet.", num=item_id)


@bp.route("/dip/<id:item_id>", methods=["GET", "POST"])
@login_required
def dip_item(item_id: int):
    user, rt = officer(), runtime()
    item = dip.require_item(db.session, user, item_id)
    editable = access.can_edit_dip_item(user, item.unit_id, item.category)
    schema = _schema(user, keep=item.unit_id) if editable else None
    if request.method == "GET" or schema is None:
        return _item_page(item, schema, _values(item, user))
    data = schema_form.parse(_schema(user, confirm=True, keep=item.unit_id), request.form, rt.calendars["strict"].tz)
    try:
        changed = dip.update_item(
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
    published, proposed = changed.status == "published", changed.pending_revision is not None
    db.session.commit()
    if proposed and not access.is_dip_keeper(user):
        flash(
            _(
                "Your change is saved as a revision: the PPID publishes it. "
                "Until then the public sees the item as published."
            ),
            "success",
        )
    elif published and request.form.get("action") == "publish":
        flash(_saved(item_id, True), "success")
    else:
        flash(_("Item %(num)d saved.", num=item_id), "success")
    return redirect(url_for("web.dip_item", item_id=item_id))


def _values(item, user) -> MultiDict:
    """What the item's form starts from: the item, or for a unit's officer the revision their unit proposed."""
    data = dip.form_data(item)
    if item.pending_revision is not None and not access.is_dip_keeper(user):
        data = item.pending_revision["data"]
    return MultiDict({k: str(v) for k, v in data.items() if k != CONFIRM})


def _revision(item) -> dict | None:
    """The revision a unit proposed, as the PPID reads it: who, when, and each field it changes (now, proposed)."""
    if item.pending_revision is None:
        return None
    proposed, now = item.pending_revision["data"], dip.form_data(item)
    schema = runtime().forms.schema(dip.FORM)["properties"]
    english = current_language() == "en"

    def shown(name, value):
        return CATEGORY_LABELS.get(value, value) if name == "category" else value

    changes = [
        (
            (english and schema[name].get("x-title-en")) or schema[name]["title"],
            shown(name, now.get(name)),
            shown(name, proposed.get(name)),
        )
        for name in dip.FIELDS
        if str(now.get(name) or "") != str(proposed.get(name) or "")
    ]
    at = datetime.fromisoformat(item.pending_revision["at"])
    return {"by": item.pending_revision["by"], "at": at, "changes": changes}


def _item_page(item, schema, values, errors=None, status: int = 200, file_error: Invalid | None = None):
    """The item's page; ``file_error``, a file refused, is said at the file's field (and, for personal data found
    in it, with the confirmation that this very file may be published)."""
    user = officer()
    context = {
        "item": item,
        "keeper": access.is_dip_keeper(user),
        "file_errors": [translated(m) for ms in file_error.fields.values() for m in ms] if file_error else [],
        "file_ref": file_error.message.params.get("ref") if file_error else None,
        "versions": dip.versions(db.session, item),
        "labels": CATEGORY_LABELS,
        "statuses": STATUS_LABELS,
        "actions": ACTION_LABELS,
        "can_edit": schema is not None,
        "exemption_ended": dip_exempt.exemption_ended_on(db.session, runtime(), item),
        "revision": _revision(item),
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
    except (Conflict, Invalid) as error:  # Invalid: e.g. an old exempt item citing no determination
        db.session.rollback()
        details = [translated(m) for ms in getattr(error, "fields", {}).values() for m in ms]
        flash(" ".join([translated(error.message), *details]), "error")
        return redirect(url_for("web.dip_item", item_id=item_id))
    db.session.commit()
    flash(_("The item is published.") if verb == "terbitkan" else _("The item is withdrawn."), "success")
    return redirect(url_for("web.dip_item", item_id=item_id))


@bp.post("/dip/<id:item_id>/revisi/<any(terbitkan, tolak):verb>")
@login_required
def dip_revision(item_id: int, verb: str):
    """The PPID publishes the revision a unit proposed to its published item, or declines it."""
    user, rt = officer(), runtime()
    try:
        if verb == "terbitkan":
            dip.publish_revision(db.session, rt, user, item_id, request.form.get("version", type=int))
        else:
            dip.discard_revision(db.session, rt, user, item_id)
    except (Conflict, Invalid) as error:
        db.session.rollback()
        details = [translated(m) for ms in getattr(error, "fields", {}).values() for m in ms]
        flash(" ".join([translated(error.message), *details]), "error")
        return redirect(url_for("web.dip_item", item_id=item_id))
    db.session.commit()
    flash(_("The revision is published.") if verb == "terbitkan" else _("The revision is declined."), "success")
    return redirect(url_for("web.dip_item", item_id=item_id))


@bp.route("/dip/pengecualian/baru", methods=["GET", "POST"])
@login_required
def dip_exemption():
    """The PPID records an exemption determination in the register without a request (the consequence test before
    listing, or a decree made before Kawal), to cite from an exempt item (engine.exemptions.record_direct)."""
    user, rt = officer(), runtime()
    access.require_dip_keeper(user)
    schema = exemptions.direct_schema(rt.forms)
    if request.method == "GET":
        return _form_page("dip/exemption.html", schema, None)
    data = schema_form.parse(schema, request.form, rt.calendars["strict"].tz)
    try:
        entry = exemptions.record_direct(db.session, rt.forms, rt.today(), user, data)
    except Invalid as error:
        db.session.rollback()
        return _form_page("dip/exemption.html", schema, request.form, error.fields, 422)
    entry_id = entry.id
    db.session.commit()
    flash(_("Determination recorded in the exemption register as no. %(num)d.", num=entry_id), "success")
    return redirect(url_for("web.dip_new", category="dikecualikan", exemption_id=entry_id))


@bp.post("/dip/<id:item_id>/berkas")
@login_required
def dip_file(item_id: int):
    user, rt = officer(), runtime()
    upload = request.files.get("file")
    try:
        if upload is None or not upload.filename:
            raise Invalid("file_required", fields={"file": [msg("required")]})
        confirmed = request.form.get("confirmed") or None
        dip.attach_file(db.session, rt, user, item_id, Upload.from_storage(upload), confirmed)
    except Invalid as error:
        db.session.rollback()
        item = dip.require_item(db.session, user, item_id)
        editable = access.can_edit_dip_item(user, item.unit_id, item.category)
        schema = _schema(user, keep=item.unit_id) if editable else None
        return _item_page(item, schema, _values(item, user), status=422, file_error=error)
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
    done = [(d.row, d.item.id, d.item.title, d.outcome) for d in items]
    db.session.commit()
    tally = {outcome: sum(1 for d in done if d[3] == outcome) for outcome in ("created", "updated", "unchanged")}
    return render_template(
        "dip/import.html", errors=None, columns=dip_io.COLUMNS, done=done, tally=tally, outcomes=IMPORT_OUTCOMES
    )


IMPORT_OUTCOMES = {"created": _l("new item"), "updated": _l("changed"), "unchanged": _l("unchanged")}


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
