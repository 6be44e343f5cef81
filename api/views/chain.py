"""Objections, disputes and the events the Komisi Informasi or a court sends (legal-process.md §4-§5)."""

from flask_smorest import Blueprint

from api import public
from api.auth import current_user, login_required
from api.boundary import commit, runtime
from api.extensions import db
from api.language import requested, say
from api.schemas import (
    CaseMessage,
    CaseView,
    DisputeRecord,
    NoticeDelivered,
    NoticeDelivery,
    ObjectionReceipt,
    ObjectionSubmit,
    ObjectionWithoutRequest,
    ObjectionWithoutRequestReceipt,
)
from engine import access, casework, intake, notice_delivery, queries, unregistered
from engine.messages import msg
from engine.models import Case

blp = Blueprint("chain", __name__, description="Objections, disputes and Komisi Informasi events")


@blp.post("/objections")
@blp.arguments(ObjectionSubmit)
@blp.response(201, ObjectionReceipt)
def file_objection(body):
    """File an objection: the requester with the request's ticket and access code, or the front desk.

    A late objection is registered and flagged for the superior, never refused. Filed by the requester, it is
    written to in their Accept-Language (their request keeps its own); recorded by the desk, in the requester's.
    """
    user = current_user(required=False)
    ticket, code = body.pop("ticket"), body.pop("access_code", None)
    channel, received_at = body.pop("channel", None), body.pop("received_at", None)
    if user is None:
        request = public.case_by_code(ticket, code)
        public.admit_filing()
    else:
        access.require_front_desk(user)
        request = access.require_case(db.session, user, ticket)
    locale = requested() if user is None else None  # the requester's own filing: written to in its language
    case = intake.file_objection(
        db.session, runtime(), body, request, user=user, channel=channel, received_at=received_at, locale=locale
    )
    commit(case, request)
    return {
        "ticket": case.ticket,
        "request": request.ticket,
        "status": case.status,
        "received_at": case.received_at,
        "due_at": case.due_at,
        "timeliness": case.details["ketepatan_waktu"]["verdict"],
        "access": say(msg("access_code_hint"), requested()),
    }


@blp.post("/objections/without-request")
@blp.arguments(ObjectionWithoutRequest)
@blp.response(201, ObjectionWithoutRequestReceipt)
def file_objection_without_request(body):
    """Object on ground b (UU 14/2008 Pasal 35(1)(b)) to a request that was refused at the desk and never
    registered: a new objection with its own ticket and access code (shown once). Never refused as late."""
    user = current_user(required=False)
    channel, received_at = body.pop("channel", None), body.pop("received_at", None)
    locale = requested() if user is None else None  # the requester's own filing: written to in its language
    result = unregistered.file_objection_without_request(
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
        "timeliness": case.details["ketepatan_waktu"]["verdict"],
    }


@blp.post("/disputes")
@login_required
@blp.arguments(DisputeRecord)
@blp.response(201, CaseView)
def record_dispute(body):
    """Record a Komisi Informasi summons against an objection or a request (the agency is the respondent)."""
    rt, user = runtime(), current_user()
    case = intake.record_dispute(db.session, rt, user, body)
    view = queries.case_view(db.session, rt, user, case, with_identity=False)
    commit(case, db.session.get(Case, case.parent_id))
    return view


@blp.post("/cases/<string:ticket>/messages/<string:name>")
@login_required
@blp.arguments(CaseMessage)
@blp.response(200, CaseView)
def send_message(body, ticket, name):
    """Record an event from the Komisi Informasi or a court. 404 when the case's process has no such message,
    409 when the case is not waiting for it."""
    rt, user = runtime(), current_user()
    case = access.require_staff_case(db.session, user, ticket)
    result = casework.send_case_message(db.session, rt, user, case, name, body["data"])
    view = queries.case_view(db.session, rt, user, case, with_identity=False)
    commit(*result.touched)
    return view


@blp.post("/cases/<string:ticket>/notice-delivery")
@login_required
@blp.arguments(NoticeDelivery)
@blp.response(200, NoticeDelivered)
def record_notice_delivery(body, ticket):
    """Record when the requester received the case's latest notice (a post or courier receipt): their
    objection (O30) or dispute (D14) window starts then. 409 when no notice was sent."""
    rt, user = runtime(), current_user()
    case = access.require_staff_case(db.session, user, ticket)
    found = notice_delivery.record_delivery(db.session, rt, user, case, body["diterima_pada"])
    commit(case)
    return {"ticket": case.ticket, **found}
