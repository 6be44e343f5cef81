import json

from flask import Response, request
from flask_smorest import Blueprint
from marshmallow import ValidationError

from api import public
from api.auth import current_user, login_required
from api.boundary import commit, runtime
from api.errors import field_messages
from api.extensions import db
from api.language import requested
from api.schemas import (
    Confirmation,
    Confirmed,
    CorrectionAskReceipt,
    PaperRequestForm,
    PublicStatus,
    Receipt,
    RequesterCorrectionAsked,
    RequestSubmit,
    TicketAccess,
    Withdraw,
)
from engine import (
    access,
    casework,
    confirmations,
    delivery,
    intake,
    languages,
    milestone_words,
    queries,
    requester_data,
    requester_messages,
)
from engine.errors import Invalid
from engine.files import Upload
from engine.messages import msg

blp = Blueprint("requests", __name__, description="Public intake and status of information requests")
DESK_LOCALE = languages.DEFAULT  # a request the desk records: Bahasa Indonesia unless it says otherwise


@blp.post("/requests")
@blp.arguments(RequestSubmit)
@blp.response(201, Receipt)
def submit(body):
    """Submit an information request. Returns the ticket and the access code (shown once).

    ``locale``: the language the requester is written to; left out, a requester filing themselves is written to in
    their Accept-Language, one the desk records in Bahasa Indonesia (the officer's language is not theirs)."""
    user = current_user(required=False)
    if user is None:
        public.admit_filing()
    channel = body.pop("channel", None)
    received_at = body.pop("received_at", None)
    locale = body.pop("locale", None) or (requested() if user is None else DESK_LOCALE)
    result = intake.submit_request(
        db.session, runtime(), body, user=user, channel=channel, received_at=received_at, locale=locale
    )
    commit(result.case)
    case = result.case
    return {
        "ticket": case.ticket,
        "access_code": result.access_code,
        "status": case.status,
        "received_at": case.received_at,
        "due_at": case.due_at,
    }


@blp.post("/requests/paper")
@login_required
@blp.arguments(PaperRequestForm, location="form")
@blp.response(201, Receipt)
@blp.doc(
    description="Front desk: multipart/form-data with `data` (the request as JSON text, as for POST /requests,"
    " with its channel and real receipt time) and up to 5 scanned pages of the paper request in"
    " `pindaian_permohonan` (PDF, PNG or JPEG, checked by content). Nothing is stored on a refusal."
)
def submit_paper(form):
    """Record a request that came on paper, with its scanned pages."""
    try:
        body = RequestSubmit().load(json.loads(form["data"]))
    except ValueError:
        raise Invalid("invalid_data", fields={"data": [msg("malformed_json")]}) from None
    except ValidationError as error:
        raise Invalid("invalid_data", fields=field_messages(error.messages)) from None
    scans = [Upload.from_storage(f) for f in request.files.getlist(intake.PAPER_SCAN)]
    result = intake.submit_request(
        db.session,
        runtime(),
        body,
        user=current_user(),
        channel=body.pop("channel", None),
        received_at=body.pop("received_at", None),
        scans=scans,
        locale=body.pop("locale", None) or DESK_LOCALE,
    )
    commit(result.case)
    case = result.case
    return {
        "ticket": case.ticket,
        "access_code": result.access_code,
        "status": case.status,
        "received_at": case.received_at,
        "due_at": case.due_at,
    }


@blp.post("/requests/files/<id:file_id>")
@blp.arguments(TicketAccess)
@blp.response(200, content_type="application/octet-stream")
@blp.alt_response(410, description="the download was available until a date that has passed")
def download_file(body, file_id):
    """The requester downloads a file of the information handed over (ticket and access code in the body).

    Each download is recorded in the case's history; after ``KAWAL_DOWNLOAD_DAYS`` it is refused (410).
    """
    case = public.case_by_code(body["ticket"], body["access_code"])
    row, data = delivery.download(db.session, runtime(), case, file_id)
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


@blp.post("/status")
@blp.arguments(TicketAccess)
@blp.response(200, PublicStatus)
def status(body):
    """Follow a case with its ticket and access code (a POST, so the code never sits in a URL).

    A request's or an objection's messages to the desk come with it, each with the desk's answers (never an officer's
    name), and each message and answer is a milestone on its day, as the portal's status page shows them; the
    requester writes with ``POST /status/messages``.

    Wrong codes are counted per ticket and per address; too many answer 429 with Retry-After.
    """
    case = public.case_by_code(body["ticket"], body["access_code"])
    return _public_status(case)


@blp.post("/requests/withdraw")
@blp.arguments(Withdraw)
@blp.response(200, PublicStatus)
def withdraw(body):
    """The requester withdraws the request; its tasks and clocks end."""
    case = public.case_by_code(body["ticket"], body["access_code"])
    result = casework.withdraw_request(db.session, runtime(), case, body.get("reason"))
    commit(*result.touched)
    return _public_status(case)


@blp.post("/requests/correction")
@blp.arguments(RequesterCorrectionAsked)
@blp.response(202, CorrectionAskReceipt)
def ask_correction(body):
    """The requester asks, with the ticket and access code, for their data to be corrected (UU 27/2022): their data
    given in full, checked as at filing. The PPID desk answers within 3 x 24 hours: it corrects it (the requester is
    told which fields changed) or refuses with a reason. A later request replaces one still waiting."""
    case = public.case_by_code(body.pop("ticket"), body.pop("access_code"))
    public.admit_filing()
    row = requester_data.ask(db.session, runtime(), case, body)
    db.session.commit()
    return {"ticket": case.ticket, "asked_at": row.asked_at, "due_at": row.due_at}


@blp.post("/requests/confirm")
@blp.arguments(TicketAccess)
@blp.response(200, PublicStatus)
def confirm(body):
    """The requester confirms a request an officer recorded from WhatsApp or social media (``confirmation_asked``):
    the ticket and access code are the formal channel. 409 for any other request, or when it is confirmed already."""
    case = public.case_by_code(body["ticket"], body["access_code"])
    confirmations.confirm(db.session, case, confirmations.REQUESTER, confirmations.PORTAL)
    db.session.commit()
    return _public_status(case)


@blp.post("/cases/<string:ticket>/confirmation")
@login_required
@blp.arguments(Confirmation)
@blp.response(201, Confirmed)
def record_confirmation(body, ticket):
    """The PPID desk records the requester's confirmation of a request recorded from WhatsApp or social media, which
    reached it by e-mail, letter or in person. 409 for any other request, or when it is confirmed already."""
    user = current_user()
    case = access.require_staff_case(db.session, user, ticket)
    access.require_front_desk(user)
    row = confirmations.confirm(db.session, case, user.username, body["via"])
    db.session.commit()
    return {"ticket": case.ticket, "via": row["data"]["via"], "at": row["at"]}


def _public_status(case):
    """The case as its requester follows it, the milestones' details in the caller's words; a request's or an
    objection's messages to the desk and the desk's answers, as the portal's status page shows them: with the
    stages among the milestones, and in full (``desk_messages``)."""
    rt, locale = runtime(), requested()
    view = milestone_words.worded(rt, queries.public_status(db.session, case, locale, rt), locale)
    writes = requester_messages.takes_messages(case)
    messages = requester_messages.for_requester(db.session, case) if writes else []
    view["milestones"] = requester_messages.milestones(rt, view["milestones"], messages, locale)
    view["desk_messages"] = messages
    view["can_write_to_desk"] = writes and requester_messages.can_write(db.session, rt, case)
    return view
