"""Following a case at the portal: the status page, closing it on this device, a complaint's conversation.

A wrong ticket or code gets one generic answer that does not say whether the ticket exists; wrong codes
and a reporter's messages are counted in the database (api.public), exactly as at the API. Once the
code was given, the server-side marker (``access``) lets the status page be reloaded, a complaint's
reporter answer the team and download their own files, and linked cases of the same chain be opened
without typing the code again.
"""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from api import public
from api.boundary import commit, runtime
from api.errors import status_of
from api.extensions import db
from api.web import display
from api.web.blueprint import bp
from api.web.i18n import current_language, translated
from api.web.letters import download as letter_download
from api.web.letters import for_status_page as letter_rows
from api.web.portal import correction, repeats, summary
from api.web.portal.access import (
    NOT_FOUND,
    VERIFIED_FOR,
    busy_message,
    code_fields,
    forget,
    missing,
    no_store,
    remember,
    verified_case,
    verified_tickets,
)
from api.web.portal.letters import decision, letters
from api.web.portal.paths import legal_path
from engine import (
    casework,
    complaints,
    confirmations,
    delivery,
    evidence_lapse,
    kinds,
    milestone_words,
    proxy_corrections,
    queries,
    reporter_contact,
    requester_data,
    requester_messages,
    status,
    survey,
)
from engine.errors import Conflict, Gone, Invalid, NotFound, TooMany
from engine.files import MAX_FILES, FileStore, Upload
from engine.ids import parse_id
from engine.letters import records as letter_records
from engine.models import Case
from engine.quotas import InsufficientStorage

# -- following a case ---------------------------------------------------------------------------------


@bp.route("/publik/status", methods=["GET", "POST"])
def portal_status():
    if request.method == "GET":
        case = verified_case(request.args.get("kasus"))
        if case is None:
            return _lookup_page(request.args.get("kasus", ""), None, 200)
        return _status_page(case)
    ticket = request.form.get("ticket", "")
    kept = _kept_reply(request.form)
    if empty := missing(request.form):
        return _lookup_page(ticket, None, 422, empty, kept)
    try:
        case = public.case_by_code(ticket, request.form.get("access_code", ""))
    except TooMany as refused:
        return _lookup_page(ticket, busy_message(refused), 429, kept=kept)
    except NotFound:
        return _lookup_page(ticket, NOT_FOUND, 404, kept=kept)
    remember(case)
    db.session.commit()
    if kept and (case.kind == kinds.COMPLAINT or requester_messages.takes_messages(case)):
        # the message typed before the time ran out, back in its form (a complaint's, or "Write to the desk")
        return _status_page(case, reply_values=MultiDict(kept))
    return _status_page(case)


# A message to the complaint team (or a request's or objection's to the desk, api.web.portal.desk_message) typed
# while the page's time ran out is carried through the code's form, so nothing typed is lost (WCAG 2.2.1): it comes
# back in its form, to be sent (its files attached again).
KEPT_REPLY = ("body", "reply_to")


def _kept_reply(form) -> dict[str, str]:
    return {key: form[f"kept_{key}"] for key in KEPT_REPLY if form.get(f"kept_{key}")}


@bp.get("/publik/surat/<id:letter_id>")
def portal_letter(letter_id: int):
    """A letter sent to the requester of the case they opened with its code (the session marks it)."""
    case = verified_case(request.args.get("kasus"))
    if case is None:  # never opened here, or its 15 minutes ran out: the code again, as the survey asks it
        flash(_("For your security, enter your ticket and access code again."), "info")
        return redirect(url_for("web.portal_status", kasus=request.args.get("kasus") or None), 303)
    letter = letter_records.require_requester_letter(db.session, case, letter_id)
    if letter.status != "ready":
        raise NotFound("letter_being_prepared")
    return letter_download(letter, scan=letter.scan_storage_key is not None)


@bp.post("/publik/status/cabut")
def portal_withdraw():
    """The requester withdraws the request (``POST /api/v1/requests/withdraw`` on a page): the ticket must have
    been opened with its code on this device, and the box "I withdraw" ticked."""
    case = verified_case(request.form.get("kasus"))
    if case is None or case.kind != kinds.REQUEST:
        flash(_("For your security, enter your ticket and access code again."), "info")
        return redirect(url_for("web.portal_status"), 303)
    if request.form.get("confirm") != "yes":  # said beside the box; the reason typed stays
        withdraw = {
            "error": _("Tick the box to confirm that you withdraw the request."),
            "typed": request.form.get("reason", ""),
        }
        return _status_page(case, code=422, withdraw=withdraw)
    try:
        result = casework.withdraw_request(db.session, runtime(), case, (request.form.get("reason") or "").strip())
    except Conflict as error:
        db.session.rollback()
        flash(translated(error.message), "error")
        return redirect(url_for("web.portal_status", kasus=case.ticket), 303)
    commit(*result.touched)
    flash(_("Your request is withdrawn. The office will not process it further."), "success")
    return redirect(url_for("web.portal_status", kasus=case.ticket), 303)


@bp.post("/publik/status/konfirmasi")
def portal_confirm():
    """The requester confirms a request an officer recorded from WhatsApp or social media: the portal, opened with
    the ticket and its access code on this device, is the formal channel (legal-process.md §3.1)."""
    case = verified_case(request.form.get("kasus"))
    if case is None or case.kind != kinds.REQUEST:
        flash(_("For your security, enter your ticket and access code again."), "info")
        return redirect(url_for("web.portal_status"), 303)
    try:
        confirmations.confirm(db.session, case, confirmations.REQUESTER, confirmations.PORTAL)
    except Conflict as error:
        db.session.rollback()
        flash(translated(error.message), "error")
        return redirect(url_for("web.portal_status", kasus=case.ticket), 303)
    db.session.commit()
    flash(_("Thank you: your request is confirmed. The office goes on processing it."), "success")
    return redirect(url_for("web.portal_status", kasus=case.ticket), 303)


@bp.post("/publik/status/tutup")
def portal_forget():
    forget()  # a copy of the cookie opens nothing from now on
    repeats.forget()  # the receipts of forms sent here, with their codes, go too
    db.session.commit()
    flash(_("Your case is closed on this device. Enter the ticket and access code to open it again."), "success")
    return redirect(url_for("web.portal_status"), 303)


def _lookup_page(ticket: str, error, code: int, empty: dict | None = None, kept: dict | None = None):
    fields = code_fields(MultiDict({"ticket": ticket}), keep_code=False)
    fields[0].label = _("Ticket number")
    fields[0].hint = _("As printed on your receipt, for example PPID-2026-000123 or ADU-2026-000045.")
    if error:
        fields[1].errors.append(str(error))
    for f in fields:
        f.errors.extend((empty or {}).get(f.name, []))
    empty_fields = [f for f in fields if f.errors] if empty else []
    page = render_template("portal/lookup.html", fields=fields, error=error, empty=empty_fields, kept=kept or {})
    return no_store(page, code)


def _status_page(
    case: Case, reply_errors: dict | None = None, reply_values=None, code: int = 200, withdraw: dict | None = None
):
    rt, locale = runtime(), current_language()
    view = milestone_words.worded(rt, queries.public_status(db.session, case, locale, rt, words=True), locale)
    is_complaint = case.kind == kinds.COMPLAINT
    conversation = complaints.messages_view(case, db.session, for_reporter=True, locale=locale) if is_complaint else []
    verified = verified_tickets()
    linked = [dict(item, openable=item["ticket"] in verified) for item in view["linked"]]
    path = legal_path(case, view["milestones"], view["status"], locale)  # the stages alone
    view["milestones"] = summary.with_payment(rt, case, view["milestones"])
    writes = requester_messages.takes_messages(case)  # a request's or an objection's "Write to the desk"
    desk_messages = requester_messages.for_requester(db.session, case) if writes else []
    # their messages and the desk's answers among the stages, each linked to its words in "Messages to the desk"
    view["milestones"] = requester_messages.milestones(rt, view["milestones"], desk_messages, locale)
    view["next_step"] = summary.proxy_papers(rt, case) or view["next_step"]  # what the receipt asked of a proxy
    reply = {"errors": _reply_errors(reply_errors or {}), "typed": reply_values or MultiDict()}
    return no_store(
        render_template(
            "portal/status.html",
            case=case,
            view=view,
            linked=linked,
            process_label=display.process_label(case.kind, locale),
            path=path,  # the stage the headline shows
            letters=letters(rt, case, locale),
            letter_files=letter_rows(case, locale),
            conversation=conversation,
            questions=[m for m in conversation if m["direction"] == "to_reporter"],
            is_complaint=is_complaint,
            # what the reporter's silence leads to, by the case's process version (engine.evidence_lapse): said under
            # the reporter's evidence deadline alone
            evidence_lapse=evidence_lapse.consequence(db.session, case, rt) if view["due_name"] == "BUKTI" else None,
            reopenable=status.REOPENABLE,
            review_classifies=is_complaint and complaints.review_classifies(db.session, rt, case),
            statutory=queries.statutory_limit(rt, case),  # when the reporter may go to the Ombudsman (its lenient end)
            can_reply=is_complaint and case.status != "diarsipkan",
            can_withdraw=case.kind == kinds.REQUEST and case.closed_at is None,
            writes_to_desk=writes,
            desk_messages=desk_messages,
            can_write=writes and requester_messages.can_write(db.session, rt, case),
            # why not (engine.requester_messages.why_not), and the objections written to instead of a closed request
            cannot_write=requester_messages.why_not(db.session, rt, case) if writes else None,
            objections_filed=requester_messages.objections(db.session, case) if writes else [],
            max_message=requester_messages.MAX_BODY,
            to_confirm=view["confirmation_asked"],
            recorded=summary.recorded_request(rt, case, locale) if view["confirmation_asked"] else [],
            # The notice's decision, until a granted objection reopened the request (the superior's answer stands).
            decision=None if summary.reopened(view) else decision(rt, case, locale),
            still_open=summary.still_open(view),
            hours_page=summary.hours_published() if view["missing"] else False,
            withdraw=withdraw or {},
            reply=reply,
            max_files=MAX_FILES,
            scrubbed=case.reporter_mode in complaints.SCRUBBED_MODES,
            max_mb=max(1, rt.settings.max_attachment_bytes // (1024 * 1024)),
            verified_minutes=VERIFIED_FOR // 60,
            survey_open=survey.can_answer(db.session, rt, case),
            your_data=requester_data.names_requester(case),
            office=rt.settings,  # where to hand in what a request lacks
            your_contact=reporter_contact.can_change(case) and case.status != "diarsipkan",
            correction_waiting=correction.waiting(case),
            proxy_acts=proxy_corrections.can_ask(case),  # the proxy corrects their own contacts too
            proxy_correction_waiting=correction.proxy_waiting(case),
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
        out.setdefault(name, []).extend(prefix + translated(m) for m in messages)
    return out


# -- a complaint's conversation -------------------------------------------------------------------


def _complaint_or_expired() -> Case | None:
    case = verified_case()
    if case is None or case.kind != kinds.COMPLAINT:
        flash(_("For your security, enter your ticket and access code again."), "info")
        return None
    return case


@bp.post("/publik/pengaduan/pesan")
def portal_complaint_reply():
    case = verified_case()
    if case is None or case.kind != kinds.COMPLAINT:  # the time ran out: the code again, the message kept
        kept = {key: request.form[key] for key in KEPT_REPLY if request.form.get(key)}
        return _lookup_page(request.form.get("kasus", ""), None, 200, kept=kept)
    rt = runtime()
    uploads = [Upload.from_storage(f) for f in request.files.getlist("attachments") if f.filename]
    try:
        reply_to = parse_id(request.form.get("reply_to"), "reply_to")
        public.admit_message(case, sum(len(u.data) for u in uploads))
        store = FileStore.of(rt.settings, rt.vault)
        complaints.reporter_message(db.session, rt, store, case, request.form.get("body"), uploads, reply_to)
    except TooMany as refused:
        return _status_page(case, {"body": [str(busy_message(refused))]}, request.form, status_of(refused))
    except InsufficientStorage as refused:
        return _status_page(case, {"attachments": [translated(refused.message)]}, request.form, status_of(refused))
    except Invalid as error:
        db.session.rollback()
        fields = dict(error.fields)
        if uploads and not any(path.startswith("attachments") for path in fields):
            # A browser never fills a file field again: the reporter who mends the text alone sends no file.
            names = ", ".join(u.name for u in uploads)
            again = _("Choose your files again (%(names)s): a form sent back keeps no files.", names=names)
            fields["attachments"] = [again]
        return _status_page(case, fields, request.form, 422)
    except Conflict as error:
        db.session.rollback()
        flash(translated(error.message), "error")
        return redirect(url_for("web.portal_status"), 303)
    commit(case)
    flash(_("Your message has been sent to the complaint team."), "success")
    return redirect(url_for("web.portal_status"), 303)


@bp.get("/publik/pengaduan/lampiran/<id:attachment_id>")
def portal_attachment(attachment_id: int):
    """A file of the verified complaint, always as a download (the code is in no URL: the session marks it)."""
    case = _complaint_or_expired()
    if case is None:
        return redirect(url_for("web.portal_status"), 303)
    rt = runtime()
    row = complaints.attachment_for(db.session, case, attachment_id)
    data = complaints.read_attachment(FileStore.of(rt.settings, rt.vault), row)
    return Response(
        data,
        mimetype=row.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{display.attachment_name(row.file_name)}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )


# -- the information handed over (engine.delivery) ------------------------------------------------


@bp.get("/publik/permohonan/berkas/<id:file_id>")
def portal_delivered_file(file_id: int):
    """A file of the information handed over, as a download; each download is recorded, none after its date."""
    case = verified_case(request.args.get("kasus"))
    if case is None:
        flash(_("For your security, enter your ticket and access code again."), "info")
        return redirect(url_for("web.portal_status"), 303)
    try:
        row, data = delivery.download(db.session, runtime(), case, file_id)
    except Gone as error:
        db.session.rollback()
        flash(translated(error.message), "error")
        return redirect(url_for("web.portal_status", kasus=case.ticket), 303)
    db.session.commit()
    return Response(
        data,
        mimetype=row.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{row.file_name}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )
