"""The agency's letters (engine.letters): listed and downloaded by the case's team, read by the requester
with ticket and access code, verified by anyone, corrected by a new letter, the signed scan uploaded back;
and the register of exempt information (engine.exemptions) with its export for the Commission.

A letter still being made into a PDF is listed with ``status`` ``pending`` ("sedang disiapkan"); asking
for its PDF then is 409. The verification answers with no personal data.
"""

from __future__ import annotations

from flask import Response, request
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from api import language, public
from api.auth import current_user, login_required
from api.boundary import commit, noted_letter, runtime
from api.extensions import db
from api.schemas import TicketAccess
from engine import access, exemptions
from engine.errors import Conflict, Invalid
from engine.files import FileStore, Upload
from engine.letters import issue, production, records, render
from engine.letters.context import verify_url
from engine.letters.types import TYPES
from engine.messages import msg
from engine.models import Letter

blp = Blueprint("letters", __name__, description="The agency's letters, their verification, the exemption register")

STATUS_LABELS = {
    "pending": ("sedang disiapkan", "being prepared"),
    "ready": ("siap", "ready"),
    "failed": ("gagal dibuat: admin sedang menanganinya", "could not be made: an admin is handling it"),
}


class LetterItem(Schema):
    id = fields.Integer()
    kind = fields.String()
    title = fields.String()
    title_en = fields.String()
    number = fields.String()
    date = fields.Date()
    locale = fields.String()
    status = fields.String(metadata={"description": "pending (being prepared), ready or failed"})
    status_label = fields.String()
    sha256 = fields.String(allow_none=True)
    signed = fields.Boolean()
    scan_sha256 = fields.String(allow_none=True)
    of_record = fields.String(metadata={"description": "generated, or scan once a signed scan was uploaded"})
    corrects = fields.Integer(allow_none=True)
    translation_of = fields.Integer(allow_none=True)
    verify_url = fields.String()


class LetterList(Schema):
    ticket = fields.String()
    items = fields.List(fields.Nested(LetterItem))


class Correction(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class Translation(Schema):
    locale = fields.String(required=True, validate=validate.OneOf(["id", "en"]))


class RequesterLetter(TicketAccess):
    letter = fields.Integer(required=True, validate=validate.Range(1, 2**31 - 1))


class VerificationQuery(Schema):
    sha256 = fields.String(load_default=None, metadata={"description": "the sha256 of the file you hold"})


class VerificationView(Schema):
    code = fields.String()
    number = fields.String()
    letter_date = fields.Date()
    kind = fields.String()
    title_id = fields.String()
    title_en = fields.String()
    locale = fields.String()
    office = fields.String()
    agency = fields.String()
    status = fields.String()
    sha256 = fields.String(allow_none=True)
    scan_sha256 = fields.String(allow_none=True)
    signed = fields.Boolean()
    corrected_by = fields.String(allow_none=True)
    corrects = fields.String(allow_none=True)
    checked = fields.String(
        allow_none=True, metadata={"description": "generated or scan (the hash is this letter's), or mismatch"}
    )


class ExemptionView(Schema):
    no = fields.Integer(metadata={"description": "the entry's number in the list given, 1..n (the export's No.)"})
    id = fields.Integer(metadata={"description": "the entry's own number, which a decision cites"})
    request_ticket = fields.String(
        allow_none=True, metadata={"description": "the request the determination was made on"}
    )
    information = fields.String()
    exempted_parts = fields.String()
    letters = fields.List(fields.String())
    legal_basis = fields.String()
    harm_test = fields.String()
    public_interest_test = fields.String()
    valid_until = fields.Date()
    decree_number = fields.String()
    decree_date = fields.Date()
    decided_as = fields.String()
    decided_by_name = fields.String(
        allow_none=True,
        metadata={
            "description": "the determining official's name: the decree's signer; none for an entry the PPID recorded"
            " directly"
        },
    )
    in_force = fields.Boolean()
    ended_on = fields.Date(
        allow_none=True, metadata={"description": "ended before its period: the refusal it rests on overturned"}
    )
    ended_reason = fields.String(
        allow_none=True, metadata={"description": "why: the objection or dispute whose decision overturned it"}
    )
    note = fields.String(allow_none=True)


class ExemptionList(Schema):
    items = fields.List(fields.Nested(ExemptionView))


class ExportQuery(Schema):
    format = fields.String(load_default="csv", validate=validate.OneOf(["csv", "xlsx"]))
    lang = fields.String(load_default="id", validate=validate.OneOf(["id", "en"]))


def item(letter: Letter, locale: str = "id", outcome: str | None = None) -> dict:
    """A letter as the API lists it; its title by its case's decision ``outcome`` (a decree rejecting in part says
    so)."""
    title_id, title_en = TYPES[letter.kind].titles(outcome)
    return {
        "id": letter.id,
        "kind": letter.kind,
        "title": title_id,
        "title_en": title_en,
        "number": letter.number,
        "date": letter.letter_date,
        "locale": letter.locale,
        "status": letter.status,
        "status_label": STATUS_LABELS[letter.status][1 if locale == "en" else 0],
        "sha256": letter.sha256,
        "signed": letter.signed,
        "scan_sha256": letter.scan_sha256,
        "of_record": records.of_record(letter),
        "corrects": letter.corrects_id,
        "translation_of": letter.translation_of_id,
        "verify_url": verify_url(runtime().settings, letter.code),
    }


def _store() -> FileStore:
    rt = runtime()
    return FileStore.of(rt.settings, rt.vault)


def _locale() -> str:
    return request.accept_languages.best_match(["id", "en"], default="id")


def pdf_response(letter: Letter, scan: bool = False) -> Response:
    if letter.status != "ready" and not scan:
        raise Conflict("letter_being_prepared")
    if scan and letter.scan_storage_key is None:
        raise Conflict("letter_no_scan")
    data = production.file_bytes(_store(), letter, scan=scan)
    media_type = letter.scan_media_type if scan else "application/pdf"
    extension = {"image/png": "png", "image/jpeg": "jpg"}.get(media_type, "pdf")
    name = letter.number.replace("/", "-") + ("-scan" if scan else "") + f".{letter.locale}.{extension}"
    return Response(data, mimetype=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _staff_letter(ticket: str, letter_id: int):
    user = current_user()
    case = access.require_staff_case(db.session, user, ticket)
    letter = records.require_letter(db.session, case, letter_id)
    access.require_read_letter(user, case, letter)
    return user, case, letter


@blp.get("/cases/<string:ticket>/letters")
@login_required
@blp.response(200, LetterList)
def list_letters(ticket):
    """Every letter of the case, oldest first; ``pending`` ones are still being made into PDFs."""
    user = current_user()
    case = access.require_staff_case(db.session, user, ticket)
    shown = [x for x in records.for_case(db.session, case) if access.can_read_letter(user, case, x)]
    return {"ticket": case.ticket, "items": [item(x, _locale(), case.outcome) for x in shown]}


@blp.get("/cases/<string:ticket>/letters/<id:letter_id>/pdf")
@login_required
@blp.response(200, content_type="application/octet-stream")
def get_letter_pdf(ticket, letter_id):
    """The letter's PDF (``?scan=1``: the signed scan of record), checked against its stored sha256."""
    user, case, letter = _staff_letter(ticket, letter_id)
    response = pdf_response(letter, scan=request.args.get("scan") == "1")
    noted_letter(user, case, letter)
    return response


@blp.get("/cases/<string:ticket>/letters/<id:letter_id>/print")
@login_required
@blp.response(200, content_type="text/html")
def print_letter(ticket, letter_id):
    """The letter as a printable page, for an office that prints, signs by hand and uploads the scan."""
    user, case, letter = _staff_letter(ticket, letter_id)
    rt = runtime()
    page = render.html(
        rt.settings, issue.unseal(rt, letter), stylesheet_href="/api/v1/letters/letter.css", print_view=True
    )
    noted_letter(user, case, letter)
    return Response(page, mimetype="text/html")


@blp.get("/letters/letter.css")
@blp.response(200, content_type="text/css")
def letter_stylesheet():
    """The letters' stylesheet (the agency's own when it has one)."""
    return Response(render.stylesheet_path(runtime().settings).read_text(), mimetype="text/css")


@blp.post("/cases/<string:ticket>/letters/<id:letter_id>/scan")
@login_required
@blp.response(200, LetterItem)
def upload_scan(ticket, letter_id):
    """The signed scan (PDF, PNG or JPEG, multipart field ``file``) becomes the letter of record, once."""
    user, case, letter = _staff_letter(ticket, letter_id)
    access.require_letter_writer(user, case)
    files = request.files.getlist("file")
    if len(files) != 1:
        raise Invalid("exactly_one_file", fields={"file": [msg("exactly_one_file")]})
    records.record_scan(db.session, runtime(), _store(), user, letter, Upload.from_storage(files[0]))
    commit(case)
    return item(letter, _locale(), case.outcome)


@blp.post("/cases/<string:ticket>/letters/<id:letter_id>/correction")
@login_required
@blp.arguments(Correction)
@blp.response(201, LetterItem)
def correct_letter(body, ticket, letter_id):
    """A new letter in place of this one (next number, today's date), naming it and why; it stays as it was."""
    user, case, letter = _staff_letter(ticket, letter_id)
    access.require_letter_writer(user, case)
    new = issue.correct(db.session, runtime(), user, letter, body["reason"])
    commit(case)
    return item(new, _locale(), case.outcome)


@blp.post("/cases/<string:ticket>/letters/<id:letter_id>/translation")
@login_required
@blp.arguments(Translation)
@blp.response(201, LetterItem)
def translate_letter(body, ticket, letter_id):
    """A copy of the letter in another language under the same number (a requester asked for English)."""
    user, case, letter = _staff_letter(ticket, letter_id)
    access.require_letter_writer(user, case)
    copy = issue.translate(db.session, runtime(), user, letter, body["locale"])
    commit(case)
    return item(copy, _locale(), case.outcome)


@blp.post("/status/letters")
@blp.arguments(TicketAccess)
@blp.response(200, LetterList)
def requester_letters(body):
    """The letters addressed to the requester that have been sent, with ticket and access code."""
    case = public.case_by_code(body["ticket"], body["access_code"])
    items = [item(x, _locale(), case.outcome) for x in records.for_requester(db.session, case)]
    return {"ticket": case.ticket, "items": items}


@blp.post("/status/letters/pdf")
@blp.arguments(RequesterLetter)
@blp.response(200, content_type="application/octet-stream")
def requester_letter_pdf(body):
    """One of those letters as PDF (a POST: the access code never sits in a URL)."""
    case = public.case_by_code(body["ticket"], body["access_code"])
    letter = records.require_requester_letter(db.session, case, body["letter"])
    return pdf_response(letter, scan=letter.scan_storage_key is not None)


@blp.get("/verifications/<string:code>")
@blp.arguments(VerificationQuery, location="query")
@blp.response(200, VerificationView)
def verify_letter(query, code):
    """Anyone: the letter's number, date, type, issuing office and sha256; with ``sha256``, whether a file
    is this letter's. No personal data."""
    return records.verify(db.session, runtime(), code, query.get("sha256")).__dict__


@blp.get("/exemptions")
@login_required
@blp.response(200, ExemptionList)
def list_exemptions():
    """The register of exempt information (UU 14/2008 Pasal 17-20), with whether each entry is in force; an ended
    entry's reason in the caller's language (``Accept-Language``)."""
    access.require_staff(current_user())
    rt = runtime()
    return {"items": exemptions.register(db.session, rt.today(), locale=language.requested(), rt=rt)}


@blp.get("/exemptions/export")
@login_required
@blp.arguments(ExportQuery, location="query")
@blp.response(200, content_type="application/octet-stream")
def export_exemptions(query):
    """The register as CSV or XLSX for the Komisi Informasi (Indonesian headers, or English with lang=en)."""
    access.require_staff(current_user())
    rt = runtime()
    rows = exemptions.register(db.session, rt.today(), locale=query["lang"], rt=rt)
    if query["format"] == "xlsx":
        data = exemptions.export_xlsx(rows, query["lang"])
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        data, mimetype = exemptions.export_csv(rows, query["lang"]), "text/csv"
    name = f"register-informasi-dikecualikan.{query['format']}"
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})
