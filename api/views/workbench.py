"""The officers' workbench: internal notes on a case (with files and @mentions), leave with a substitute,
and the workload of the officers a superior oversees. Each handler is load -> authorize -> act."""

from flask import Response, request
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from api.auth import current_user, login_required
from api.boundary import commit, runtime
from api.extensions import db
from api.schemas import OfficeDateTime
from engine import absence, access, notes
from engine.errors import Invalid
from engine.files import FileStore, Upload
from engine.messages import msg

blp = Blueprint("workbench", __name__, description="Internal notes, leave and workload")


class NoteAttachment(Schema):
    id = fields.Integer()
    file_name = fields.String()
    media_type = fields.String()
    size = fields.Integer()
    sha256 = fields.String()


class NoteView(Schema):
    id = fields.Integer()
    author = fields.String(attribute="author.username")
    body = fields.String()
    mentions = fields.List(fields.String())
    created_at = OfficeDateTime()
    attachments = fields.List(fields.Nested(NoteAttachment))


class NoteList(Schema):
    ticket = fields.String()
    items = fields.List(fields.Nested(NoteView))


class AbsenceIn(Schema):
    username = fields.String(metadata={"description": "the officer on leave; the caller when left out"})
    substitute = fields.String(required=True, validate=validate.Length(min=1, max=80))
    first_day = fields.Date(required=True)
    last_day = fields.Date(required=True)
    grant_lanes = fields.Boolean(
        load_default=False,
        metadata={
            "description": "a superior naming a stand-in who does not work in every lane of the officer grants them"
            " those lanes for the period (recorded in the access log, /audit/access); refused without it"
        },
    )


class AbsenceOut(Schema):
    id = fields.Integer()
    username = fields.String(attribute="user.username")
    substitute = fields.String(attribute="substitute.username")
    first_day = fields.Date()
    last_day = fields.Date()
    created_by = fields.String()
    cancelled = fields.Function(lambda a: a.cancelled_at is not None)
    granted_lanes = fields.Function(
        lambda a: absence.granted_lanes(db.session, a),
        metadata={"description": "the lanes the leave granted the stand-in for the period (access log)"},
    )


class AbsenceList(Schema):
    items = fields.List(fields.Nested(AbsenceOut))


class WorkloadLeave(Schema):
    first_day = fields.Date()
    last_day = fields.Date()
    substitute = fields.String()
    now = fields.Boolean()


class WorkloadRow(Schema):
    username = fields.String()
    display_name = fields.String()
    open = fields.Integer(metadata={"description": "open tasks the officer holds"})
    overdue = fields.Integer()
    absence = fields.Nested(WorkloadLeave, allow_none=True)


class Workload(Schema):
    items = fields.List(fields.Nested(WorkloadRow))


def _store() -> FileStore:
    rt = runtime()
    return FileStore.of(rt.settings, rt.vault)


@blp.get("/cases/<string:ticket>/notes")
@login_required
@blp.response(200, NoteList)
def list_notes(ticket):
    """The case's internal notes, oldest first: never shown to the requester or in a letter."""
    user = current_user()
    case = access.require_staff_case(db.session, user, ticket)
    access.require_read_notes(user, case)
    return {"ticket": case.ticket, "items": notes.notes_of(db.session, user, case)}


@blp.post("/cases/<string:ticket>/notes")
@login_required
@blp.response(201, NoteView)
@blp.doc(
    description="JSON {body}, or multipart/form-data with `body` and up to 5 files in `attachments` (PDF, PNG,"
    " JPEG). `@username` in the body tells that colleague (they must be able to read the case's notes)."
)
def add_note(ticket):
    user = current_user()
    case = access.require_staff_case(db.session, user, ticket)
    if request.mimetype == "multipart/form-data":
        body = request.form.get("body")
        uploads = [Upload.from_storage(f) for f in request.files.getlist("attachments")]
    else:
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise Invalid("json_object_expected", fields={"_schema": [msg("object_expected")]})
        body, uploads = data.get("body"), []
    if not isinstance(body, str):
        raise Invalid("invalid_data", fields={"body": [msg("note_empty")]})
    note = notes.add_note(db.session, runtime(), _store(), user, case, body, uploads)
    commit(case)
    return note


@blp.get("/cases/<string:ticket>/notes/attachments/<id:attachment_id>")
@login_required
@blp.response(200, content_type="application/octet-stream")
def get_note_attachment(ticket, attachment_id):
    """A file of an internal note, for a reader of the case's notes; always as a download."""
    user = current_user()
    case = access.require_staff_case(db.session, user, ticket)
    row = notes.note_attachment(db.session, user, case, attachment_id)
    data = _store().get(row.storage_key, row.key_id)
    return Response(
        data,
        mimetype=row.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{row.file_name}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )


@blp.get("/absences")
@login_required
@blp.response(200, AbsenceList)
def list_absences():
    """Leave the caller may see: their own, where they stand in, and that of the officers they oversee (an auditor:
    every leave)."""
    return {"items": absence.visible_to(db.session, current_user())}


@blp.post("/absences")
@login_required
@blp.arguments(AbsenceIn)
@blp.response(201, AbsenceOut)
def mark_absence(body):
    """Mark leave with a substitute: the officer's tasks and reminders go to the substitute for the period."""
    user = current_user()
    row, handed = absence.mark_absence(
        db.session,
        runtime(),
        user,
        body.get("username") or user.username,
        body["substitute"],
        body["first_day"],
        body["last_day"],
        body["grant_lanes"],
    )
    commit(*{t.case for t in handed})
    return row


@blp.delete("/absences/<id:absence_id>")
@login_required
@blp.response(204)
def cancel_absence(absence_id):
    """Cancel the leave from now: the tasks the stand-in still holds under it go back to the officer (or to the
    lane's queue), and the lanes it granted them are withdrawn."""
    _row, returned = absence.cancel_absence(db.session, runtime(), current_user(), absence_id)
    commit(*{t.case for t in returned})


@blp.get("/workload")
@login_required
@blp.response(200, Workload)
def workload():
    """Per officer of the lanes the caller supervises: open tasks held, overdue, leave (superiors only)."""
    return {"items": absence.workload(db.session, runtime(), current_user())}
