"""Filing at the portal: an information request, an objection, a complaint, and the receipt shown once.

Every filing goes through the same engine function as the REST API, so the page and the API can never
accept different data. After filing, the ticket and the new code wait on the server, sealed (the session
cookie holds only a random id), until the receipt page shows them once (POST -> redirect -> GET); the same
form sent again files nothing (``repeats``, ``receipts``). Filings count against the public's quotas and
access codes against the wrong-code limits (api.public), exactly as at the API.
"""

from __future__ import annotations

import copy
from datetime import datetime

from flask import Response, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from api import public
from api.boundary import runtime
from api.errors import status_of
from api.extensions import db
from api.reports.labels import REQUEST_CHOICES
from api.web import schema_form
from api.web.blueprint import bp
from api.web.i18n import current_language
from api.web.portal import receipts, repeats
from api.web.portal.access import NOT_FOUND, busy_message, code_fields, missing, no_store, office_tz, quota_refusal
from engine import complaints, intake
from engine.errors import Invalid, NotFound, TooMany

# Plain-language choice labels and hints added to the intake schemas (the schemas carry only codes).
REQUEST_DRESSING = {
    "requester": {"hint": _l("Give an e-mail address or a phone number, so that we can reach you.")},
    "requester.nik": {"hint": _l("For an organisation: the number of its legal-entity decree.")},
    # The request's choices in plain words: the same the registers and the officers' case facts use.
    "requester_type": {"choices": REQUEST_CHOICES["requester_type"]},
    "information": {"hint": _l("Describe the information as precisely as you can: what, which period, which unit.")},
    "obtain_method": {"choices": REQUEST_CHOICES["obtain_method"]},
    "delivery_method": {"choices": REQUEST_CHOICES["delivery_method"]},
}
OBJECTION_DRESSING = {
    "tujuan_penggunaan": {"hint": _l("Leave empty to keep the purpose given in your request.")},
    "tanggal_alasan_ditemukan": {"hint": _l("Only for ground b: the day you found out.")},
    "kuasa": {
        "hint": _l(
            "Only if someone files this objection for you, with a special power of attorney for the objection bearing"
            " meterai (Information Commission Regulation 1/2021 Article 39(4)). A proxy appointed for your request acts"
            " for the objection only so: otherwise the letters and messages about the objection go to you alone, with"
            " no copy to the proxy."
        )
    },
}
COMPLAINT_DRESSING = {
    "pelapor": {
        "hint": _l(
            "Required for a confidential or whistleblower report. Ignored for an anonymous report: "
            "if you chose anonymous, nothing you type here is kept."
        )
    },
    # Where the team's messages about the report go: whoever runs an office's mail server or phone system sees
    # who receives them (a walk: "Pegawai/ASN" offered, an office e-mail never warned against).
    "pelapor.email": {
        "hint": _l(
            "Use an address only you read, not an office one: whoever runs an office's mail server can see who "
            "receives our messages about your report."
        )
    },
    "pelapor.phone": {"hint": _l("A number only you use, not an office phone or one shared with others.")},
    "kategori_pelapor": {
        "hint": _l(
            "If you wish: whether you report as a person, a group, an organisation... Only counted in the statistics."
        )
    },
    "waktu_kejadian": {"hint": _l("If you know it.")},
    # The categories keep the names the forms give them (forms/pengaduan.json, the same list and names as the team's
    # classification), so the reporter and the team speak of the same category; the hint explains the official words.
    "kategori_usulan": {
        "hint": _l(
            "Choose the closest one; the complaint team may change it when it reviews your complaint. Collusion with "
            "contractors: an official colluding with a supplier of goods or services. Criminal and immoral acts by "
            "officials: a crime or indecent conduct by a member of the office's staff."
        )
    },
}
# UU 14/2008 Pasal 35(1) a-g, as a requester would say them.
GROUNDS_PLAIN = {
    "a": _l("My request was refused because the information is said to be exempt (Article 17)."),
    "b": _l("Information the agency must publish regularly was not published (Article 9)."),
    "c": _l("Nobody answered my request."),
    "d": _l("The answer was not about what I asked for."),
    "e": _l("I did not get the information I asked for."),
    "f": _l("The fee asked is unreasonable."),
    "g": _l("The information came later than the law allows."),
}
MODES = {
    "anonim": (
        _l("Anonymous"),
        _l(
            "We never know who you are. We cannot contact you either: you follow your complaint and "
            "answer our questions only through its ticket and access code."
        ),
    ),
    "rahasia": (
        _l("Confidential"),
        _l("Only the complaint team knows who you are. Your name never appears in letters sent to others."),
    ),
    "whistleblower": (
        _l("Whistleblower"),
        _l(
            "Your identity is sealed. It is opened only to the officer who asks for it in writing with a reason, "
            "once a manager of the Whistleblowing System other than that officer approves; every reading is "
            "recorded. If that happens, you are told the day, on your complaint's page and by "
            "e-mail if you gave an address. The law protects a reporter who acts in good faith from prosecution or "
            "a suit over the report (Law 31/2014 Article 10), and the Witness and Victim Protection Agency (LPSK) "
            "can protect you. Give a private e-mail address or phone number, not your office's: whoever runs the "
            "office's mail or phone system can see who receives our messages."
        ),
    ),
}


# -- forms ----------------------------------------------------------------------------------------------


def dressed(schema: dict, dressing: dict, drop: tuple[str, ...] = ()) -> dict:
    """A copy of an intake schema with plain-language hints and choice labels in the visitor's language."""
    schema = copy.deepcopy(schema)
    for name in drop:
        schema["properties"].pop(name, None)
    for path, extra in dressing.items():
        node = schema
        for part in path.split("."):
            node = node["properties"][part]
        if "hint" in extra:
            node["description"] = node["x-description-en"] = str(extra["hint"])
        if "choices" in extra:
            titles = {code: str(label) for code, label in extra["choices"].items()}
            target = node["items"] if node.get("type") == "array" else node
            target["x-enum-titles"] = target["x-enum-titles-en"] = titles
    return schema


@bp.get("/publik")
def portal_home():
    return render_template("portal/home.html")


@bp.route("/publik/permohonan", methods=["GET", "POST"])
def portal_request():
    rt = runtime()
    schema = dressed(rt.forms.schema("permohonan.json"), REQUEST_DRESSING)
    repeats.prune()
    if request.method == "GET":  # "not found? ask for it" in the public list brings the words it looked for
        asked = request.args.get("informasi", "").strip()[:4000]
        return _request_page(schema, MultiDict({"information": asked}) if asked else None, None)
    if again := receipts.sent_again("permohonan", receipts.request_receipt):
        return again
    data = schema_form.parse(schema, request.form, office_tz(rt))
    return file_or_refuse(
        "permohonan",
        "request",
        lambda: intake.submit_request(db.session, rt, data, locale=current_language()),
        lambda *page: _request_page(schema, *page),
    )


def file_or_refuse(kind: str, quota_form: str, file, page) -> Response:
    """A filing with a code of its own sent: filed (its receipt once), or its form again as typed, with the fields'
    messages (422) or the quota's notice (429: nothing wrong with the form). ``file`` files and returns what
    ``engine.intake`` returns; ``page(values, errors, code, refused)`` draws the form."""
    try:
        public.admit_filing()
        result = file()
    except TooMany as refused:
        return page(request.form, None, status_of(refused), quota_refusal(refused, quota_form))
    except Invalid as error:
        db.session.rollback()
        return page(request.form, error.fields, 422)
    return receipts.filed(kind, receipts.request_receipt, result.case, result.access_code)


def _request_page(schema, values, errors, code: int = 200, refused: dict | None = None):
    return form_page("portal/request.html", schema, values, errors, code, refused)


def form_page(template: str, schema, values, errors, code: int = 200, refused: dict | None = None, hidden=()):
    """A filing form drawn from its schema: as typed (``values``), with the fields' messages (``errors``) or the
    quota's notice (``refused``); ``hidden``: fields the page does not draw (a ground the form fixes)."""
    fields, general = schema_form.form_fields(schema, values, errors)
    return render_template(
        template,
        fields=[f for f in fields if f.name not in hidden],
        all_fields=fields,
        general=general,
        has_errors=errors is not None,
        refused=refused,
        office=runtime().settings,
        submission_key=repeats.key_for(values),
    ), code


@bp.route("/publik/keberatan", methods=["GET", "POST"])
def portal_objection():
    rt = runtime()
    schema = dressed(rt.forms.schema("keberatan.json"), OBJECTION_DRESSING)
    # A link from the status page may name the ticket and the ground (``?tiket=...&alasan=g``: an office late).
    chosen = [("alasan", g) for g in request.args.getlist("alasan") if g in OBJECTION_GROUNDS]
    form = request.form if request.method == "POST" else MultiDict([("ticket", request.args.get("tiket", "")), *chosen])
    ticket_fields = code_fields(form)
    repeats.prune()
    if request.method == "GET":
        return _objection_page(schema, form, None)
    if again := receipts.sent_again("keberatan", receipts.objection_receipt):
        return again
    data = schema_form.parse(schema, request.form, office_tz(rt))
    if empty := missing(form):
        return _objection_page(schema, form, {**rt.forms.errors("keberatan.json", data), **empty}, 422, ticket_fields)
    try:
        parent = public.case_by_code(form.get("ticket", ""), form.get("access_code", ""))
    except TooMany as refused:
        return _objection_page(schema, form, {"access_code": [str(busy_message(refused))]}, 429, ticket_fields)
    except NotFound:
        errors = {**rt.forms.errors("keberatan.json", data), "access_code": [str(NOT_FOUND)]}
        return _objection_page(schema, form, errors, 404, code_fields(form, keep_code=False))
    try:
        public.admit_filing()
    except TooMany as refused:  # the quota: nothing wrong with the form, kept as typed (its code too)
        refusal = quota_refusal(refused, "objection")
        return _objection_page(schema, form, None, status_of(refused), ticket_fields, refusal)
    try:
        objection = intake.file_objection(db.session, rt, data, parent, locale=current_language())
    except Invalid as error:
        db.session.rollback()
        return _objection_page(schema, form, error.fields, 422, ticket_fields)
    return receipts.filed("keberatan", receipts.objection_receipt, objection, None, parent)


OBJECTION_GROUNDS = frozenset("abcdefg")  # UU 14/2008 Pasal 35(1) huruf a-g


def _objection_page(schema, form, errors, code: int = 200, access=None, refused: dict | None = None):
    fields, general = schema_form.form_fields(schema, form, errors, extra=access or code_fields(form))
    return render_template(
        "portal/objection.html",
        refused=refused,
        office=runtime().settings,
        access=fields[:2],
        grounds=next(f for f in fields if f.name == "alasan"),
        others=[f for f in fields[2:] if f.name != "alasan"],
        all_fields=fields,
        general=general,
        has_errors=bool(errors),
        plain=GROUNDS_PLAIN,
        submission_key=repeats.key_for(form if request.method == "POST" else None),
    ), code


@bp.route("/publik/pengaduan", methods=["GET", "POST"])
def portal_complaint():
    rt = runtime()
    schema = dressed(rt.forms.schema("pengaduan.json"), COMPLAINT_DRESSING, drop=("nomor_lapor",))
    repeats.prune()
    if request.method == "GET":
        return _complaint_page(schema, None, None)
    if again := receipts.sent_again("pengaduan", receipts.complaint_receipt):
        return again
    data = schema_form.parse(schema, request.form, office_tz(rt))
    if data.get("mode") == "anonim":
        data.pop("pelapor", None)  # never stored, never checked: an anonymous report carries no identity
    elif data.get("mode") in ("rahasia", "whistleblower"):
        data.setdefault("pelapor", {})  # left empty: each field of the identity says it is needed, beside it
    try:
        public.admit_filing()
        result = complaints.submit_complaint(db.session, rt, data, locale=current_language())
    except TooMany as refused:  # the quota: nothing wrong with the form, kept as typed
        return _complaint_page(schema, request.form, None, status_of(refused), quota_refusal(refused, "complaint"))
    except Invalid as error:
        db.session.rollback()
        return _complaint_page(schema, request.form, error.fields, 422)
    return receipts.filed("pengaduan", receipts.complaint_receipt, result.case, result.access_code)


def _complaint_page(schema, values, errors, code: int = 200, refused: dict | None = None):
    fields, general = schema_form.form_fields(schema, values, errors)
    by_name = {f.name: f for f in fields}
    return render_template(
        "portal/complaint.html",
        refused=refused,
        office=runtime().settings,
        mode=by_name["mode"],
        identity=by_name["pelapor"],
        others=[f for f in fields if f.name not in ("mode", "pelapor")],
        all_fields=fields,
        general=general,
        has_errors=bool(errors),
        modes=MODES,
        submission_key=repeats.key_for(values),
    ), code


@bp.get("/publik/tanda-terima")
def portal_receipt():
    repeats.prune()
    # Shown once: a reload finds nothing (a repeated form shows it again).
    receipt = receipts.take()
    for name in ("due_at", "request_due_at"):
        if receipt and receipt.get(name):
            receipt[name] = datetime.fromisoformat(receipt[name])
    # The office's address and contact: where a proxy hands in or sends the power of attorney.
    return no_store(render_template("portal/receipt.html", receipt=receipt, office=runtime().settings))
