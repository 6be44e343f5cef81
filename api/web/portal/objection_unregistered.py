"""An objection on the portal with no ticket (UU 14/2008 Pasal 35(1) huruf b): periodic information the office must
publish was not, or the desk would not register the request that asked for it, so there is no request to name.

The same engine function as ``POST /api/v1/objections/without-request`` (engine.unregistered): the objection gets
a ticket and an access code of its own, shown once on the receipt. Quotas, repeats and the receipt as every filing's.
"""

from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l

from api.boundary import runtime
from api.extensions import db
from api.web import schema_form
from api.web.blueprint import bp
from api.web.i18n import current_language
from api.web.portal import receipts, repeats
from api.web.portal.access import office_tz
from api.web.portal.filing import dressed, file_or_refuse, form_page
from engine import unregistered

FORM = "keberatan_tanpa_permohonan.json"
KIND = "keberatan_tanpa_tiket"  # the repeats' and receipts' name of this form
DRESSING = {
    "informasi_yang_diminta": {"hint": _l("What you asked for, or the periodic information that was not published.")},
    "tanggal_alasan_ditemukan": {"hint": _l("The day you found out it was not provided.")},
    "kuasa": {"hint": _l("Only if someone files this objection for you, with a special power of attorney.")},
}


@bp.route("/publik/keberatan/tanpa-tiket", methods=["GET", "POST"])
def portal_objection_without_request():
    rt = runtime()
    schema = dressed(rt.forms.schema(FORM), DRESSING)
    repeats.prune()
    if request.method == "GET":
        return _page(schema, None, None)
    if again := receipts.sent_again(KIND, receipts.request_receipt):
        return again
    data = schema_form.parse(schema, request.form, office_tz(rt))
    data["alasan"] = ["b"]  # the only ground this form takes (its schema says so too)
    return file_or_refuse(
        KIND,
        "objection",
        lambda: unregistered.file_objection_without_request(db.session, rt, data, locale=current_language()),
        lambda *page: _page(schema, *page),
    )


def _page(schema, values, errors, code: int = 200, refused: dict | None = None):
    return form_page("portal/objection_without_request.html", schema, values, errors, code, refused, ("alasan",))
