"""A complaint's conversation with its reporter on the case page (issue 11, point 2): the complaint team reads
what the reporter sent, downloads the attachments and writes back, without the API.

The same rules as ``/api/v1/complaints/{t}/messages``: the complaint team only (``access.require_complaint_team``),
every read of a confidential complaint is an event (``complaints.note_read``), an officer's message is a question
to the reporter (``complaints.officer_message``), and files are always downloads.
"""

from __future__ import annotations

from flask import Response, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from api.boundary import commit, runtime
from api.extensions import db
from api.web import display
from api.web.blueprint import bp
from api.web.i18n import current_language, refusal_details, translated
from api.web.session import officer
from engine import access, complaints
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.files import FileStore
from engine.models import Case, User


def conversation(user: User, case: Case) -> list[dict] | None:
    """The messages for the case page, or None when the officer is not of the complaint team."""
    if not access.is_complaint_team(user):
        return None
    complaints.note_read(db.session, user, case, "messages")
    # Kawal's own words to the reporter (engine.reporter_words) in the page's language, as the reporter reads them.
    return complaints.messages_view(case, db.session, for_reporter=False, locale=current_language())


def _team_case(ticket: str) -> tuple[User, Case]:
    user = officer()
    case = access.require_staff_case(db.session, user, ticket)
    complaints.require_complaint(case)
    access.require_complaint_team(user)
    return user, case


@bp.post("/kasus/<ticket>/pesan")
@login_required
def case_message(ticket: str):
    """The team writes to the reporter (a question: the reporter reads it on the portal and is told)."""
    user, case = _team_case(ticket)
    back = url_for("web.case", ticket=case.ticket) + "#messages-title"
    try:
        complaints.officer_message(db.session, runtime(), user, case, request.form.get("body"))
    except (Invalid, Conflict) as error:
        return sent_back(case, "reply", error, request.form.get("body", ""))
    commit(case)
    flash(_("Your message was sent to the reporter."), "success")
    return redirect(back, 303)


@bp.get("/kasus/<ticket>/lampiran/<id:attachment_id>")
@login_required
def case_attachment(ticket: str, attachment_id: int):
    """A file the reporter sent, for the complaint team; always a download, the read recorded."""
    user, case = _team_case(ticket)
    rt = runtime()
    row = complaints.attachment_for(db.session, case, attachment_id)
    data = complaints.read_attachment(FileStore.of(rt.settings, rt.vault), row)
    complaints.note_read(db.session, user, case, f"attachment:{attachment_id}")
    db.session.commit()
    return Response(
        data,
        mimetype=row.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{display.attachment_name(row.file_name)}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )


# -- the reporter's identity: read (confidential), ask to reveal and decide (whistleblower) ------------------


def identity_panel(user: User, case: Case) -> dict | None:
    """What the case page offers about the reporter's identity; None for officers outside the complaint team."""
    if not access.is_complaint_team(user):
        return None
    rt = runtime()
    reveals = complaints.reveal_requests(db.session, rt, case) if case.reporter_mode == "whistleblower" else []
    mine_open = case.reporter_mode == "whistleblower" and complaints.open_grant(db.session, rt, user, case) is not None
    return {
        "mode": case.reporter_mode,
        "reveals": reveals,
        "can_read": case.reporter_mode == "rahasia" or mine_open,
        "can_decide": "pengelola_wbs" in user.group_codes,
        "second_factor": bool(getattr(current_user, "second_factor", False)),
    }


@bp.post("/kasus/<ticket>/identitas")
@login_required
def case_identity(ticket: str):
    """Read the reporter's identity (confidential, or sealed after an approved reveal); the read is an event."""
    from api.web.case import case as case_page  # the page, drawn with the identity this once

    user, case = _team_case(ticket)
    try:
        identity = complaints.read_reporter(db.session, runtime(), user, case)
    except (Conflict, Forbidden) as error:
        db.session.rollback()
        flash(translated(error.message), "error")
        return redirect(url_for("web.case", ticket=case.ticket) + "#identity-title", 303)
    db.session.commit()
    response = case_page(case.ticket, reporter=identity)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/kasus/<ticket>/buka-identitas")
@login_required
def case_reveal_request(ticket: str):
    user, case = _team_case(ticket)
    try:
        complaints.request_reveal(db.session, runtime(), user, case, request.form.get("reason", ""))
    except (Invalid, Conflict, Forbidden) as error:
        return sent_back(case, "reveal", error, request.form.get("reason", ""))
    commit(case)  # the deciders' message on its way now, not at the next reconcile
    flash(_("Your request is recorded. Another WBS manager must approve it with their second factor."), "success")
    return redirect(url_for("web.case", ticket=case.ticket) + "#identity-title", 303)


@bp.post("/kasus/<ticket>/buka-identitas/<id:request_id>/<decision>")
@login_required
def case_reveal_decision(ticket: str, request_id: int, decision: str):
    user, case = _team_case(ticket)
    if decision not in ("setujui", "tolak"):
        return redirect(url_for("web.case", ticket=case.ticket), 303)
    try:
        complaints.decide_reveal(
            db.session,
            runtime(),
            user,
            case,
            request_id,
            decision == "setujui",
            request.form.get("note"),
            second_factor=bool(getattr(current_user, "second_factor", False)),
        )
    except Invalid as error:  # the note: beside its field, what was typed kept
        return sent_back(case, "decide", error, request.form.get("note", ""), request_id=request_id)
    except (Conflict, Forbidden, NotFound) as error:
        return _refused(case, error)
    commit(case)  # the asker's message on its way now, not at the next reconcile
    done = _("The reveal request is approved.") if decision == "setujui" else _("The reveal request is refused.")
    flash(done, "success")
    return redirect(url_for("web.case", ticket=case.ticket) + "#identity-title", 303)


def sent_back(case: Case, form: str, error, typed: str, files: bool = False, request_id: int | None = None) -> Response:
    """The case page again, the form's error beside its field and in the page's summary, what was typed kept
    (``files``: the form's files were sent, and must be chosen again; ``request_id``: the reveal decided)."""
    from api.web.case import case as case_page

    db.session.rollback()
    details = refusal_details(error)
    message = sentences(details) or translated(error.message)
    refused = {"form": form, "message": message, "typed": typed, "files": files, "request_id": request_id}
    response = case_page(case.ticket, refused=refused)
    response.headers["Cache-Control"] = "no-store"
    return response


def sentences(said: list[str]) -> str:
    """A refusal's messages (a field's each its own, engine.officer_text), each a sentence of its own: a capital, a
    full stop ("Menyebut pelapor…: tulis tanpa namanya. Memuat data pribadi…."), never one run-on line."""
    out = []
    for text in (str(s).strip() for s in said):
        if text:
            text = text[:1].upper() + text[1:]
            out.append(text if text.endswith((".", "?", "!", "…")) else f"{text}.")
    return " ".join(out)


def _refused(case: Case, error) -> Response:
    db.session.rollback()
    details = refusal_details(error)
    flash(sentences([translated(error.message), *details]), "error")
    return redirect(url_for("web.case", ticket=case.ticket) + "#identity-title", 303)
