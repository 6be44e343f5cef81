"""Public complaints: intake, the reporter's two-way follow-up, attachments, and the sealed identity.

The reporter has no account: the ticket and the access code (sent in the ``X-Access-Code`` header,
never in a URL) open the complaint's messages and the files addressed to them. Officers of the
complaint team use their token; every read of a confidential or sealed complaint is an event.
"""

from flask import Response, current_app, request
from flask_smorest import Blueprint

from api import public
from api.auth import current_session, current_user, login_required
from api.boundary import commit, runtime
from api.extensions import db
from api.language import requested
from api.schemas import (
    ComplaintReceipt,
    ComplaintSubmit,
    ConversationView,
    ReportedPersons,
    ReportedView,
    ReporterContact,
    ReporterContactChanged,
    RevealDecision,
    RevealList,
    RevealRequestCreate,
    RevealRequestView,
)
from engine import access, complaints, reported_party, reporter_contact, status
from engine.errors import Invalid
from engine.files import FileStore, Upload
from engine.ids import parse_id
from engine.letters import issue as letter_issue
from engine.messages import msg
from engine.models import Case, User

blp = Blueprint("complaints", __name__, description="Public complaints and whistleblower protection")

CODE_HEADER = "X-Access-Code"


def _store() -> FileStore:
    rt = runtime()
    return FileStore.of(rt.settings, rt.vault)


def _case_for_caller(ticket: str, what: str) -> tuple[Case, User | None]:
    """The complaint for its reporter (access code) or for an officer of the complaint team (token)."""
    user = current_user(required=False)
    if user is None:
        case = public.case_by_code(ticket, request.headers.get(CODE_HEADER, ""))
        complaints.require_complaint(case)
        return case, None
    case = access.require_staff_case(db.session, user, ticket)
    complaints.require_complaint(case)
    access.require_complaint_team(user)
    complaints.note_read(db.session, user, case, what)
    return case, user


@blp.post("/complaints")
@blp.arguments(ComplaintSubmit)
@blp.response(201, ComplaintReceipt)
def submit(body):
    """File a complaint: anonymously, confidentially or as a whistleblower. Returns ticket and access code (once)."""
    user = current_user(required=False)
    if user is None:
        public.admit_filing()
    channel, received_at = body.pop("channel", None), body.pop("received_at", None)
    locale = requested()
    result = complaints.submit_complaint(
        db.session, runtime(), body, user=user, channel=channel, received_at=received_at, locale=locale
    )
    commit(result.case)
    return {
        "ticket": result.case.ticket,
        "access_code": result.access_code,
        "mode": result.case.reporter_mode,
        "status": result.case.status,
        "received_at": result.case.received_at,
    }


@blp.get("/complaints/<string:ticket>/messages")
@blp.response(200, ConversationView)
@blp.doc(parameters=[{"in": "header", "name": CODE_HEADER, "schema": {"type": "string"}, "required": False}])
def list_messages(ticket):
    """The questions addressed to the reporter and the answers (reporter: X-Access-Code; or the team's token)."""
    case, user = _case_for_caller(ticket, "messages")
    view = _conversation(case, user)
    db.session.commit()  # the read is an event
    return view


@blp.post("/complaints/<string:ticket>/messages")
@blp.response(201, ConversationView)
@blp.doc(
    description="Reporter: multipart/form-data with `body`, optional `reply_to` and up to 5 files in"
    " `attachments` (PDF, PNG or JPEG), or JSON {body, reply_to}; X-Access-Code header. Officer of the"
    " complaint team: JSON {body}, a question to the reporter."
)
def post_message(ticket):
    """The reporter answers (with attachments), or an officer asks the reporter a question."""
    case, user = _case_for_caller(ticket, "messages")
    rt = runtime()
    if request.mimetype == "multipart/form-data":
        form = request.form
        body, reply_to = form.get("body"), form.get("reply_to")
        uploads = [Upload.from_storage(f) for f in request.files.getlist("attachments")]
    else:
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise Invalid("json_object_expected", fields={"_schema": [msg("object_expected")]})
        body, reply_to, uploads = data.get("body"), data.get("reply_to"), []
    if user is None:
        public.admit_message(case, sum(len(u.data) for u in uploads))
        complaints.reporter_message(db.session, rt, _store(), case, body, uploads, _reply_to(reply_to))
    else:
        if uploads:
            raise Invalid("invalid_data", fields={"attachments": [msg("reporters_only")]})
        complaints.officer_message(db.session, rt, user, case, body)
    view = _conversation(case, user)
    commit(case)
    return view


def _reply_to(value) -> int | None:
    return parse_id(value, "reply_to")


def _conversation(case: Case, user: User | None) -> dict:
    locale = requested()
    return {
        "ticket": case.ticket,
        "status": case.status,
        "status_label": status.label(case.status, locale),
        "next_step": status.next_step(case.status, locale),
        "items": complaints.messages_view(case, db.session, for_reporter=user is None, locale=locale),
    }


@blp.put("/complaints/<string:ticket>/contact")
@blp.arguments(ReporterContact)
@blp.response(200, ReporterContactChanged)
@blp.doc(parameters=[{"in": "header", "name": CODE_HEADER, "schema": {"type": "string"}, "required": True}])
def change_contact(body, ticket):
    """The reporter (X-Access-Code) changes where they are told of the report: e-mail, phone (a field left out is
    removed) and the language (left out, kept). The history records which fields changed, never the values; the
    reporter is told at the new contact. 404 for an anonymous report, which has no contact."""
    case = public.case_by_code(ticket, request.headers.get(CODE_HEADER, ""))
    complaints.require_complaint(case)
    changed = reporter_contact.change(db.session, runtime(), case, body)
    commit(case)
    return {"ticket": case.ticket, "changed": list(changed)}


@blp.get("/complaints/<string:ticket>/attachments/<id:attachment_id>")
@blp.response(200, content_type="application/octet-stream")
def get_attachment(ticket, attachment_id):
    """A file of the complaint, for its reporter or the complaint team only; always as a download."""
    case, _user = _case_for_caller(ticket, f"attachment:{attachment_id}")
    row = complaints.attachment_for(db.session, case, attachment_id)
    data = complaints.read_attachment(_store(), row)
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


@blp.post("/complaints/<string:ticket>/reveal-requests")
@login_required
@blp.arguments(RevealRequestCreate)
@blp.response(201, RevealRequestView)
def request_reveal(body, ticket):
    """Ask, with a reason, to open a whistleblower's sealed identity."""
    user = current_user()
    case = _team_case(user, ticket)
    row = complaints.request_reveal(db.session, runtime(), user, case, body["reason"])
    commit(case)  # the deciders' message on its way now, not at the next reconcile
    return _reveal_view(row.id, case)


@blp.get("/complaints/<string:ticket>/reveal-requests")
@login_required
@blp.response(200, RevealList)
def list_reveals(ticket):
    user = current_user()
    case = _team_case(user, ticket)
    return {"ticket": case.ticket, "items": complaints.reveal_requests(db.session, runtime(), case)}


@blp.post("/complaints/<string:ticket>/reveal-requests/<id:request_id>/<string:decision>")
@login_required
@blp.arguments(RevealDecision)
@blp.response(200, RevealRequestView)
def decide_reveal(body, ticket, request_id, decision):
    """A second WBS manager approves or refuses (``approve`` / ``refuse``)."""
    if decision not in ("approve", "refuse"):
        raise Invalid("decision_unknown", fields={"decision": [msg("one_of", choices="approve, refuse")]})
    user = current_user()
    case = _team_case(user, ticket)
    login = current_session()
    complaints.decide_reveal(
        db.session,
        runtime(),
        user,
        case,
        request_id,
        decision == "approve",
        body.get("note"),
        second_factor=bool(login and login.second_factor),
    )
    commit(case)  # the asker's message on its way now, not at the next reconcile
    return _reveal_view(request_id, case)


@blp.get("/complaints/<string:ticket>/reporter")
@login_required
@blp.response(200)
def reporter(ticket):
    """The reporter's identity: confidential complaints for the team; sealed ones to the one who asked, while an
    approved reveal is open (KAWAL_REVEAL_DAYS from its decision; then 403 ``reveal_expired``: ask again)."""
    user = current_user()
    case = _team_case(user, ticket)
    identity = complaints.read_reporter(db.session, runtime(), user, case)
    db.session.commit()  # the read is an event
    response = current_app.response_class(
        current_app.json.dumps({"ticket": case.ticket, "mode": case.reporter_mode, "reporter": identity}),
        mimetype="application/json",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@blp.get("/complaints/<string:ticket>/reported")
@login_required
@blp.response(200, ReportedView)
def reported(ticket):
    """The persons the complaint reports (terlapor) and its witnesses (saksi), for the complaint team only: empty
    lists when none is recorded. Every read is an event of the case."""
    user, rt = current_user(), runtime()
    case = _team_case(user, ticket)
    persons = reported_party.read(db.session, rt, user, case)
    witnesses = reported_party.witnesses(db.session, rt, user, case)
    reported_party.note_read(db.session, user, case)
    db.session.commit()
    none = bool((case.details or {}).get(reported_party.NONE_KEY))
    view = {"ticket": case.ticket, "changed": False, "terlapor": persons, "tidak_teridentifikasi": none}
    return {**view, "saksi": witnesses}


@blp.put("/complaints/<string:ticket>/reported")
@login_required
@blp.arguments(ReportedPersons)
@blp.response(200, ReportedView)
def record_reported(body, ticket):
    """The complaint team records the persons the complaint reports (legal-process.md §7.2 stage 2): the whole list
    again, an empty one removing them; an empty one with ``tidak_teridentifikasi`` says no person is identified
    (the outcome notice waits until one or the other is said). ``saksi``: the witnesses, again in full, left out to
    keep them as they are; a text the reporter or a unit reads is then refused when it names one of them, as when it
    names a reported person. Sealed in the vault, never in the workflow or its history, which records how many and
    which fields, not the values; no unit, auditor or reporter reads them. The same lists sent again change nothing
    (``changed`` false). Recorded after the complaint was referred to the
    Inspectorate General, and no annex issued with the memo, they get the annex naming them (``annex``: its
    number). 403 for anyone but the complaint team; 404 for a case not a complaint."""
    user = current_user()
    case = _team_case(user, ticket)
    done, annex = letter_issue.record_reported(db.session, runtime(), user, case, body)
    commit(case)
    number = annex.number if annex is not None else None
    changed = done.changed or done.witnesses_changed
    view = {"ticket": case.ticket, "changed": changed, "terlapor": done.persons, "annex": number}
    return {**view, "tidak_teridentifikasi": done.none, "saksi": done.witnesses}


def _team_case(user: User, ticket: str) -> Case:
    case = access.require_staff_case(db.session, user, ticket)
    complaints.require_complaint(case)
    access.require_complaint_team(user)
    return case


def _reveal_view(request_id: int, case: Case) -> dict:
    return next(r for r in complaints.reveal_requests(db.session, runtime(), case) if r["id"] == request_id)
