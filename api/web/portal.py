"""The public portal (no login): file a request, an objection or a complaint, and follow it.

Paths are Indonesian and stable: /publik, /publik/permohonan, /publik/keberatan, /publik/pengaduan,
/publik/tanda-terima, /publik/status, /publik/pengaduan/pesan. Every filing goes through the same
engine function as the REST API (``operations.submit_request``, ``operations.file_objection``,
``complaints.submit_complaint``, ``complaints.reporter_message``), so the page and the API can never
accept different data.

The access code is a credential: it is typed into a POST form and never put in a URL or a log.
After filing, the ticket and the new code wait in the session only until the receipt page shows
them once (POST -> redirect -> GET). The same form sent again files nothing (``portal_repeats``): from
the same browser it shows that receipt once more; when the first answer was lost, the server's record
of the form's key finds the case, which gets a new access code. After a successful status look-up the
session keeps a marker of the verified tickets (never the code) for ``VERIFIED_FOR`` seconds of
inactivity, so the status page can be reloaded, a complaint's reporter can answer the team and
download their own files, and linked cases of the same chain can be opened without typing the code
again. The marker is a server-side session (engine.sessions): the cookie holds only its random id, so
"close my case on this device" ends it for a copy of the cookie too. A wrong ticket or code gets one
generic answer that does not say whether the ticket exists; wrong codes are counted in the database
per ticket and per address (engine.codes), and filings and messages against the public's quotas
(engine.quotas), exactly as the API counts them.
"""

from __future__ import annotations

import copy
from datetime import datetime

from flask import Response, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from api import public
from api.extensions import db
from api.views import commit, runtime
from api.web import display, portal_receipts, portal_repeats, schema_form
from api.web.blueprint import bp
from api.web.i18n import current_language, localized
from api.web.portal_letters import letters
from api.web.portal_paths import legal_path
from engine import chain, complaints, operations, queries, sessions
from engine.errors import Conflict, Invalid, NotFound, TooMany
from engine.files import MAX_FILES, FileStore, Upload
from engine.ids import parse_id
from engine.models import Case
from engine.quotas import InsufficientStorage

VERIFIED_KEY = "portal_session"  # the id of the server-side session that holds the verified tickets
VERIFIED_FOR = 15 * 60  # seconds without activity before the code must be typed again (a shared computer)
NOT_FOUND = _l("We found no case with this ticket and access code. Check both and try again.")

# Plain-language choice labels and hints added to the intake schemas (the schemas carry only codes).
REQUEST_DRESSING = {
    "requester": {"hint": _l("Give an e-mail address or a phone number, so that we can reach you.")},
    "requester.nik": {"hint": _l("For an organisation: the number of its legal-entity decree.")},
    "requester_type": {
        "choices": {
            "perorangan": _l("An individual"),
            "badan_hukum": _l("A legal entity (an organisation or company)"),
            "kelompok": _l("A group of people"),
        }
    },
    "information": {"hint": _l("Describe the information as precisely as you can: what, which period, which unit.")},
    "obtain_method": {
        "choices": {
            "melihat": _l("See it"),
            "membaca": _l("Read it"),
            "mendengarkan": _l("Listen to it"),
            "mencatat": _l("Take notes"),
            "salinan_softcopy": _l("Get a digital copy"),
            "salinan_hardcopy": _l("Get a paper copy"),
        }
    },
    "delivery_method": {
        "choices": {
            "langsung": _l("I will collect it in person"),
            "kurir": _l("By courier"),
            "pos": _l("By post"),
            "faksimili": _l("By fax"),
            "email": _l("By e-mail"),
        }
    },
}
OBJECTION_DRESSING = {
    "tujuan_penggunaan": {"hint": _l("Leave empty to keep the purpose given in your request.")},
    "tanggal_alasan_ditemukan": {"hint": _l("Only for ground b: the day you found out.")},
    "kuasa": {"hint": _l("Only if someone files this objection for you, with a special power of attorney.")},
}
COMPLAINT_DRESSING = {
    "pelapor": {
        "hint": _l(
            "Required for a confidential or whistleblower report. Ignored for an anonymous report: "
            "if you chose anonymous, nothing you type here is kept."
        )
    },
    "waktu_kejadian": {"hint": _l("If you know it.")},
    "kategori_usulan": {
        "choices": {
            "pungli": _l("Illegal levies (pungli)"),
            "beasiswa_bantuan": _l("Scholarships and aid"),
            "kepegawaian_rekrutmen": _l("Staffing and recruitment"),
            "perselingkuhan_nikah_siri": _l("Infidelity or unregistered marriage (nikah siri)"),
            "penyelewengan_jabatan_anggaran": _l("Abuse of office or of the budget"),
            "kolusi_rekanan": _l("Collusion with contractors"),
            "sengketa_tanah_bangunan": _l("Land and building disputes"),
            "kriminal_asusila": _l("Crime or indecency"),
            "lainnya": _l("Something else"),
        }
    },
}
# UU 14/2008 Pasal 35(1) a-g, as a requester would say them.
GROUNDS_PLAIN = {
    "a": _l("My request was refused because the information is said to be exempt (Pasal 17)."),
    "b": _l("Information the agency must publish regularly was not published (Pasal 9)."),
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
            "Your identity is sealed. It can be opened only on a documented request with a reason, "
            "approved by a second manager, and every opening is recorded."
        ),
    ),
}


# -- forms ------------------------------------------------------------------------------------------


def _dressed(schema: dict, dressing: dict, drop: tuple[str, ...] = ()) -> dict:
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


def _fields(schema: dict, values: MultiDict | None, errors: dict | None, extra=()) -> tuple[list, list]:
    fields = [*extra, *schema_form.build_fields(schema, current_language(), values)]
    general = []
    if errors:
        general = schema_form.attach_errors(fields, {k: [localized(str(m)) for m in v] for k, v in errors.items()})
    return fields, general


def _tz(rt):
    return rt.calendars["strict"].tz


def _no_store(body, code: int = 200) -> Response:
    response = Response(body, code, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/publik")
def portal_home():
    return render_template("portal/home.html")


@bp.route("/publik/permohonan", methods=["GET", "POST"])
def portal_request():
    rt = runtime()
    schema = _dressed(rt.forms.schema("permohonan.json"), REQUEST_DRESSING)
    portal_repeats.prune()
    if request.method == "GET":
        return _request_page(schema, None, None)
    if again := portal_receipts.sent_again("permohonan", portal_receipts.request_receipt):
        return again
    data = schema_form.parse(schema, request.form, _tz(rt))
    try:
        public.admit_filing()
        result = operations.submit_request(db.session, rt, data, locale=current_language())
    except TooMany as refused:
        return _request_page(schema, request.form, {"_schema": [str(_busy_message(refused))]}, refused.status)
    except Invalid as error:
        db.session.rollback()
        return _request_page(schema, request.form, error.fields, 422)
    return portal_receipts.filed("permohonan", portal_receipts.request_receipt, result.case, result.access_code)


def _request_page(schema, values, errors, code: int = 200):
    fields, general = _fields(schema, values, errors)
    return render_template(
        "portal/request.html",
        fields=fields,
        general=general,
        has_errors=errors is not None,
        submission_key=portal_repeats.key_for(values),
    ), code


@bp.route("/publik/keberatan", methods=["GET", "POST"])
def portal_objection():
    rt = runtime()
    schema = _dressed(rt.forms.schema("keberatan.json"), OBJECTION_DRESSING)
    form = request.form if request.method == "POST" else MultiDict({"ticket": request.args.get("tiket", "")})
    ticket_fields = _access_fields(form)
    portal_repeats.prune()
    if request.method == "GET":
        return _objection_page(schema, form, None)
    if again := portal_receipts.sent_again("keberatan", portal_receipts.objection_receipt):
        return again
    data = schema_form.parse(schema, request.form, _tz(rt))
    try:
        parent = public.case_by_code(form.get("ticket", ""), form.get("access_code", ""))
    except TooMany as refused:
        return _objection_page(schema, form, {"access_code": [str(_busy_message(refused))]}, 429, ticket_fields)
    except NotFound:
        errors = {**rt.forms.errors("keberatan.json", data), "access_code": [str(NOT_FOUND)]}
        return _objection_page(schema, form, errors, 404, _access_fields(form, keep_code=False))
    try:
        public.admit_filing()
    except TooMany as refused:
        return _objection_page(schema, form, {"_schema": [str(_busy_message(refused))]}, refused.status, ticket_fields)
    try:
        objection = operations.file_objection(db.session, rt, data, parent)
    except Invalid as error:
        db.session.rollback()
        return _objection_page(schema, form, error.fields, 422, ticket_fields)
    return portal_receipts.filed("keberatan", portal_receipts.objection_receipt, objection, None, parent)


def _access_fields(form, keep_code: bool = True) -> list[schema_form.Field]:
    code_attrs = {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
    return [
        schema_form.Field(
            "ticket",
            _("Ticket number of your request"),
            "text",
            required=True,
            hint=_("As printed on your receipt, for example PPID-2026-000123."),
            attrs={"autocomplete": "off", "autocapitalize": "characters"},
            value=form.get("ticket", ""),
        ),
        schema_form.Field(
            "access_code",
            _("Access code"),
            "text",
            required=True,
            hint=_("The code you received with the ticket."),
            attrs=code_attrs,
            value=form.get("access_code", "") if keep_code else "",
        ),
    ]


def _objection_page(schema, form, errors, code: int = 200, access=None):
    fields, general = _fields(schema, form, errors, extra=access or _access_fields(form))
    return render_template(
        "portal/objection.html",
        access=fields[:2],
        grounds=next(f for f in fields if f.name == "alasan"),
        others=[f for f in fields[2:] if f.name != "alasan"],
        all_fields=fields,
        general=general,
        has_errors=bool(errors),
        plain=GROUNDS_PLAIN,
        submission_key=portal_repeats.key_for(form if request.method == "POST" else None),
    ), code


@bp.route("/publik/pengaduan", methods=["GET", "POST"])
def portal_complaint():
    rt = runtime()
    schema = _dressed(rt.forms.schema("pengaduan.json"), COMPLAINT_DRESSING, drop=("nomor_lapor",))
    portal_repeats.prune()
    if request.method == "GET":
        return _complaint_page(schema, None, None)
    if again := portal_receipts.sent_again("pengaduan", portal_receipts.complaint_receipt):
        return again
    data = schema_form.parse(schema, request.form, _tz(rt))
    if data.get("mode") == "anonim":
        data.pop("pelapor", None)  # never stored, never checked: an anonymous report carries no identity
    try:
        public.admit_filing()
        result = complaints.submit_complaint(db.session, rt, data, locale=current_language())
    except TooMany as refused:
        return _complaint_page(schema, request.form, {"_schema": [str(_busy_message(refused))]}, refused.status)
    except Invalid as error:
        db.session.rollback()
        return _complaint_page(schema, request.form, error.fields, 422)
    return portal_receipts.filed("pengaduan", portal_receipts.complaint_receipt, result.case, result.access_code)


def _complaint_page(schema, values, errors, code: int = 200):
    fields, general = _fields(schema, values, errors)
    by_name = {f.name: f for f in fields}
    return render_template(
        "portal/complaint.html",
        mode=by_name["mode"],
        identity=by_name["pelapor"],
        others=[f for f in fields if f.name not in ("mode", "pelapor")],
        all_fields=fields,
        general=general,
        has_errors=bool(errors),
        modes=MODES,
        submission_key=portal_repeats.key_for(values),
    ), code


@bp.get("/publik/tanda-terima")
def portal_receipt():
    portal_repeats.prune()
    # Shown once: a reload finds nothing (a repeated form shows it again).
    receipt = session.pop(portal_receipts.RECEIPT_KEY, None)
    if receipt and receipt.get("due_at"):
        receipt["due_at"] = datetime.fromisoformat(receipt["due_at"])
    return _no_store(render_template("portal/receipt.html", receipt=receipt))


# -- following a case ---------------------------------------------------------------------------------


@bp.route("/publik/status", methods=["GET", "POST"])
def portal_status():
    if request.method == "GET":
        case = _verified_case(request.args.get("kasus"))
        if case is None:
            return _lookup_page(request.args.get("kasus", ""), None, 200)
        return _status_page(case)
    ticket = request.form.get("ticket", "")
    try:
        case = public.case_by_code(ticket, request.form.get("access_code", ""))
    except TooMany as refused:
        return _lookup_page(ticket, _busy_message(refused), 429)
    except NotFound:
        return _lookup_page(ticket, NOT_FOUND, 404)
    _remember(case)
    db.session.commit()
    return _status_page(case)


@bp.post("/publik/status/tutup")
def portal_forget():
    sessions.end(db.session, session.pop(VERIFIED_KEY, None))  # a copy of the cookie opens nothing now
    portal_repeats.forget()  # the receipts of forms sent here, with their codes, go too
    db.session.commit()
    flash(_("Your case is closed on this device. Enter the ticket and access code to open it again."), "success")
    return redirect(url_for("web.portal_status"), 303)


def _lookup_page(ticket: str, error, code: int):
    fields = _access_fields(MultiDict({"ticket": ticket}), keep_code=False)
    fields[0].label = _("Ticket number")
    fields[0].hint = _("As printed on your receipt, for example PPID-2026-000123 or ADU-2026-000045.")
    if error:
        fields[1].errors.append(str(error))
    return _no_store(render_template("portal/lookup.html", fields=fields, error=error), code)


def _status_page(case: Case, reply_errors: dict | None = None, reply_values=None, code: int = 200):
    rt, locale = runtime(), current_language()
    view = queries.public_status(db.session, case, locale, rt)
    is_complaint = case.kind == complaints.COMPLAINT_PROCESS
    conversation = complaints.messages_view(case, db.session, for_reporter=True) if is_complaint else []
    verified = _verified_tickets()
    linked = [dict(item, openable=item["ticket"] in verified) for item in view["linked"]]
    reply = {"errors": _reply_errors(reply_errors or {}), "typed": reply_values or MultiDict()}
    return _no_store(
        render_template(
            "portal/status.html",
            case=case,
            view=view,
            linked=linked,
            process_label=display.process_label(case.kind, locale),
            path=legal_path(case, view["milestones"]),
            letters=letters(rt, case, locale),
            conversation=conversation,
            questions=[m for m in conversation if m["direction"] == "to_reporter"],
            is_complaint=is_complaint,
            can_reply=is_complaint and case.status != "diarsipkan",
            reply=reply,
            max_files=MAX_FILES,
            max_mb=max(1, rt.settings.max_attachment_bytes // (1024 * 1024)),
            verified_minutes=VERIFIED_FOR // 60,
        ),
        code,
    )


def _reply_errors(errors: dict) -> dict[str, list[str]]:
    """The engine's errors on a message, by the reply form's field (``attachments.N`` name their file)."""
    out: dict[str, list[str]] = {}
    for path, messages in errors.items():
        name, _dot, number = path.partition(".")
        name = name if name in ("body", "reply_to", "attachments") else "body"
        prefix = _("File %(num)d:", num=int(number) + 1) + " " if number.isdigit() else ""
        out.setdefault(name, []).extend(prefix + localized(str(m)) for m in messages)
    return out


def _remember(case: Case) -> None:
    """Mark the ticket, and the cases of its chain that open with the same code, as verified here.

    The tickets live in a server-side session; the cookie gets only its id. The caller commits.
    """
    same_code = [m.ticket for m in chain.members(db.session, case) if m.access_code_hash == case.access_code_hash]
    sessions.end(db.session, session.get(VERIFIED_KEY))  # one verified case at a time, as before
    data = {"ticket": case.ticket, "tickets": same_code or [case.ticket]}
    session[VERIFIED_KEY] = sessions.open_session(db.session, "portal", VERIFIED_FOR, data=data)


def _marker():
    """The visitor's open portal session (its row), or None once it has ended or lapsed."""
    row = sessions.find(db.session, "portal", session.get(VERIFIED_KEY))
    if row is None:
        session.pop(VERIFIED_KEY, None)
    return row


def _verified_tickets() -> list[str]:
    row = _marker()
    return list(row.data.get("tickets", [])) if row is not None else []


def _verified_case(ticket: str | None = None) -> Case | None:
    """The case the visitor opened with its code not long ago (``ticket``: another case of its chain)."""
    row = _marker()
    if row is None:
        return None
    wanted = (ticket or row.data["ticket"]).strip().upper()
    if wanted not in row.data["tickets"]:
        return None
    case = db.session.scalar(select(Case).where(Case.ticket == wanted))
    if case is not None:
        row.data = {**row.data, "ticket": wanted}
        sessions.extend(row, VERIFIED_FOR)
        db.session.commit()
    return case


def _busy_message(refused: TooMany):
    """A refusal that passes with time (wrong codes, quotas), in the visitor's language, with the wait."""
    minutes = max(1, -(-refused.retry_after // 60))
    return _("Too many attempts from here. Wait %(minutes)d minutes and try again.", minutes=minutes)


# -- a complaint's conversation -------------------------------------------------------------------


def _complaint_or_expired() -> Case | None:
    case = _verified_case()
    if case is None or case.kind != complaints.COMPLAINT_PROCESS:
        flash(_("For your security, enter your ticket and access code again."), "info")
        return None
    return case


@bp.post("/publik/pengaduan/pesan")
def portal_complaint_reply():
    case = _complaint_or_expired()
    if case is None:
        return redirect(url_for("web.portal_status"), 303)
    rt = runtime()
    uploads = [Upload.from_storage(f) for f in request.files.getlist("attachments") if f.filename]
    try:
        reply_to = _reply_to(request.form.get("reply_to"))
        public.admit_message(case, sum(len(u.data) for u in uploads))
        store = FileStore(rt.settings.files_dir, rt.vault)
        complaints.reporter_message(db.session, rt, store, case, request.form.get("body"), uploads, reply_to)
    except TooMany as refused:
        return _status_page(case, {"body": [str(_busy_message(refused))]}, request.form, refused.status)
    except InsufficientStorage as refused:
        return _status_page(case, {"attachments": [localized(refused.message)]}, request.form, refused.status)
    except Invalid as error:
        db.session.rollback()
        return _status_page(case, error.fields, request.form, 422)
    except Conflict as error:
        db.session.rollback()
        flash(localized(error.message), "error")
        return redirect(url_for("web.portal_status"), 303)
    commit(case)
    flash(_("Your message has been sent to the complaint team."), "success")
    return redirect(url_for("web.portal_status"), 303)


def _reply_to(value) -> int | None:
    return parse_id(value, "reply_to")


@bp.get("/publik/pengaduan/lampiran/<id:attachment_id>")
def portal_attachment(attachment_id: int):
    """A file of the verified complaint, always as a download (the code is in no URL: the session marks it)."""
    case = _complaint_or_expired()
    if case is None:
        return redirect(url_for("web.portal_status"), 303)
    rt = runtime()
    row = complaints.attachment_for(db.session, case, attachment_id)
    data = complaints.read_attachment(FileStore(rt.settings.files_dir, rt.vault), row)
    return Response(
        data,
        mimetype=row.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{row.file_name}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )
