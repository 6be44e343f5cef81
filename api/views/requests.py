from flask_smorest import Blueprint

from api import public
from api.auth import current_user
from api.boundary import commit, runtime
from api.extensions import db
from api.language import requested
from api.schemas import PublicStatus, Receipt, RequestSubmit, TicketAccess, Withdraw
from engine import casework, intake, queries

blp = Blueprint("requests", __name__, description="Public intake and status of information requests")


@blp.post("/requests")
@blp.arguments(RequestSubmit)
@blp.response(201, Receipt)
def submit(body):
    """Submit an information request. Returns the ticket and the access code (shown once)."""
    user = current_user(required=False)
    if user is None:
        public.admit_filing()
    channel = body.pop("channel", None)
    received_at = body.pop("received_at", None)
    result = intake.submit_request(
        db.session, runtime(), body, user=user, channel=channel, received_at=received_at, locale=requested()
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


@blp.post("/status")
@blp.arguments(TicketAccess)
@blp.response(200, PublicStatus)
def status(body):
    """Follow a case with its ticket and access code (a POST, so the code never sits in a URL).

    Wrong codes are counted per ticket and per address; too many answer 429 with Retry-After.
    """
    case = public.case_by_code(body["ticket"], body["access_code"])
    return queries.public_status(db.session, case, requested(), runtime())


@blp.post("/requests/withdraw")
@blp.arguments(Withdraw)
@blp.response(200, PublicStatus)
def withdraw(body):
    """The requester withdraws the request; its tasks and clocks end."""
    case = public.case_by_code(body["ticket"], body["access_code"])
    result = casework.withdraw_request(db.session, runtime(), case, body.get("reason"))
    commit(*result.touched)
    return queries.public_status(db.session, case, requested(), runtime())
