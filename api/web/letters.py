"""The letters on pages: the officers' list on the case page with the PDF and the print view, the rows
of the requester's PDFs on the portal's status page (their download is api.web.portal.following's), and
the public verification page (``/verifikasi/<code>``) that the QR code on every letter opens. The
verification shows no personal data (engine.letters.records).
"""

from __future__ import annotations

import hashlib

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from api.boundary import commit, noted_letter, runtime
from api.extensions import db
from api.web.blueprint import bp
from api.web.i18n import current_language, default_to, translated
from api.web.inbox import refusal_message
from api.web.session import officer
from engine import access
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.files import FileStore, Upload
from engine.letters import issue, production, records, render
from engine.letters.types import TYPES
from engine.messages import msg
from engine.models import Case, Letter

STATUS = {"pending": ("sedang disiapkan", "being prepared"), "failed": ("gagal dibuat", "could not be made")}


def rows(letters: list[Letter], locale: str, outcome: str | None = None) -> list[dict]:
    """The letters as a list shows them: title (by the case's decision ``outcome``: a decree rejecting in part says
    so), number, date, language, and whether the PDF is there yet."""
    i = 1 if locale == "en" else 0
    return [
        {
            "id": x.id,
            "title": TYPES[x.kind].title(locale, outcome),
            "number": x.number,
            "date": x.letter_date,
            "locale": x.locale,
            "ready": x.status == "ready",
            "status": STATUS.get(x.status, ("", ""))[i],
            "scan": x.scan_storage_key is not None,
            "sha256": x.sha256,
        }
        for x in letters
    ]


def for_case_page(user, case: Case, locale: str) -> list[dict]:
    """The case's letters this officer reads (a unit: the clarification request it was sent)."""
    readable = [x for x in records.for_case(db.session, case) if access.can_read_letter(user, case, x)]
    return rows(readable, locale, case.outcome)


def scan_form(user, case: Case, letters: list[dict]) -> dict | None:
    """The signed-scan upload on the case page: for who may upload one, the letters that have none yet."""
    try:
        access.require_letter_writer(user, case)
    except Forbidden:
        return None
    open_ = [x for x in letters if not x["scan"]]
    return {"letters": open_, "max_mb": runtime().settings.max_attachment_bytes // (1024 * 1024)} if open_ else None


def for_status_page(case: Case, locale: str) -> list[dict]:
    return rows(records.for_requester(db.session, case), locale, case.outcome)


def download(letter: Letter, scan: bool = False) -> Response:
    rt = runtime()
    data = production.file_bytes(FileStore.of(rt.settings, rt.vault), letter, scan=scan)
    media_type = letter.scan_media_type if scan else "application/pdf"
    extension = {"image/png": "png", "image/jpeg": "jpg"}.get(media_type, "pdf")
    name = f"{letter.number.replace('/', '-')}.{letter.locale}.{extension}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    return Response(data, mimetype=media_type, headers=headers)


@bp.get("/kasus/<ticket>/surat/<id:letter_id>")
@login_required
def case_letter(ticket: str, letter_id: int):
    """A letter's PDF (``?pindaian=1``: its signed scan of record)."""
    user = officer()
    case = access.require_staff_case(db.session, user, ticket)
    letter = records.require_letter(db.session, case, letter_id)
    access.require_read_letter(user, case, letter)
    scan = request.args.get("pindaian") == "1" and letter.scan_storage_key is not None
    if letter.status != "ready" and not scan:
        raise NotFound("letter_being_prepared")
    noted_letter(user, case, letter)
    return download(letter, scan)


@bp.get("/kasus/<ticket>/surat/<id:letter_id>/cetak")
@login_required
def case_letter_print(ticket: str, letter_id: int):
    """The letter as a page to print and sign by hand."""
    user = officer()
    case = access.require_staff_case(db.session, user, ticket)
    letter = records.require_letter(db.session, case, letter_id)
    access.require_read_letter(user, case, letter)
    rt = runtime()
    page = render.html(
        rt.settings, issue.unseal(rt, letter), stylesheet_href="/api/v1/letters/letter.css", print_view=True
    )
    noted_letter(user, case, letter)
    return Response(page, mimetype="text/html", headers={"Cache-Control": "no-store"})


@bp.post("/kasus/<ticket>/surat/pindaian")
@login_required
def case_letter_scan(ticket: str):
    """The signed scan of a printed letter becomes its letter of record (``POST .../letters/{id}/scan`` on a page)."""
    user = officer()
    case = access.require_staff_case(db.session, user, ticket)
    back = url_for("web.case", ticket=case.ticket) + "#letters-title"
    letter_id = request.form.get("letter", "")
    letter = records.require_letter(db.session, case, int(letter_id) if letter_id.isdigit() else 0)
    access.require_read_letter(user, case, letter)
    access.require_letter_writer(user, case)
    files = [f for f in request.files.getlist("file") if f.filename]
    try:
        if len(files) != 1:
            raise Invalid("exactly_one_file", fields={"file": [msg("exactly_one_file")]})
        rt = runtime()
        records.record_scan(
            db.session, rt, FileStore.of(rt.settings, rt.vault), user, letter, Upload.from_storage(files[0])
        )
    except (Invalid, Conflict) as refused:
        db.session.rollback()
        flash(refusal_message(refused), "error")
        return redirect(back)
    commit(case)
    flash(_("The signed scan of letter %(number)s is now its letter of record.", number=letter.number), "success")
    return redirect(back)


@bp.route("/verifikasi/<code>", methods=["GET", "POST"])
def verify_page(code: str):
    """Anyone checks a printout: the letter's public facts; a sha256 typed in, or a file, is compared.

    The page speaks the letter's language (the QR of an English copy opens it in English on a fresh phone, as a
    case's pages at the portal speak the language it was filed in), unless the visitor chose one (i18n.default_to).
    """
    given, error = None, None
    if request.method == "POST" and request.files.get("file"):
        given = hashlib.sha256(request.files["file"].read()).hexdigest()
    elif request.values.get("sha256"):
        given = request.values["sha256"]
    shown = records.verify(db.session, runtime(), code)
    default_to(lambda: shown.locale)
    if given is not None:
        try:
            shown = records.verify(db.session, runtime(), code, given)
        except Invalid as refused:
            error = translated(refused.fields["sha256"][0])
    locale = current_language()
    return render_template(
        "verify.html",
        v=shown,
        title=shown.title_en if locale == "en" else shown.title_id,
        given=given,
        error=error,
    )
