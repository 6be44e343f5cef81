"""The fee standard and a case's fee (engine.fees): anyone reads the standard, the admin adds versions.

``GET /fee-standard`` is the standard in force on a day (today by default), each item with its price,
legal basis and effective date; ``GET /fee-standard/versions`` every version ever set. ``POST
/fee-standard`` adds a version of an item from a date not in the past (the admin's; nothing is edited).
``GET /cases/{ticket}/fee`` shows staff the fee the written notice stated, itemised, and its payment.
"""

from __future__ import annotations

from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from api.auth import current_user, login_required
from api.boundary import runtime
from api.extensions import db
from engine import access, fees
from engine.models import FEE_CODES

blp = Blueprint("fees", __name__, description="The fee standard (copying and delivery) and each case's fee")


class RateView(Schema):
    id = fields.Integer()
    code = fields.String()
    unit = fields.Method("_unit")
    amount = fields.Integer(metadata={"description": "whole rupiah per unit"})
    effective_from = fields.Date()
    legal_basis = fields.String()

    def _unit(self, row):
        return fees.unit_name(row.code)


class RateBody(Schema):
    code = fields.String(required=True, validate=validate.OneOf(FEE_CODES))
    amount = fields.Integer(required=True, strict=True, metadata={"description": "whole rupiah per unit"})
    effective_from = fields.String(required=True, metadata={"description": "YYYY-MM-DD, today or later"})
    legal_basis = fields.String(required=True, metadata={"description": "the head's decision that sets it"})


class StandardQuery(Schema):
    on = fields.Date(load_default=None, metadata={"description": "the day (YYYY-MM-DD); today by default"})


class FeeItemView(Schema):
    code = fields.String()
    unit = fields.String()
    quantity = fields.Integer()
    unit_amount = fields.Integer()
    amount = fields.Integer()
    effective_from = fields.String()
    legal_basis = fields.String()


class PaymentView(Schema):
    amount = fields.Integer()
    receipt_number = fields.String()
    paid_on = fields.Date()


class CaseFeeView(Schema):
    notice_date = fields.Date(allow_none=True)
    total = fields.Integer()
    items = fields.List(fields.Nested(FeeItemView))
    paid = fields.Boolean()
    payment = fields.Nested(PaymentView, allow_none=True)


@blp.get("/fee-standard")
@blp.arguments(StandardQuery, location="query")
@blp.response(200, RateView(many=True))
def standard(query):
    """The fee standard in force on a day (today by default): one version of each item priced by then."""
    on = query["on"] or runtime().today()
    rows = fees.in_force(db.session, on)
    return [rows[code] for code in FEE_CODES if code in rows]


@blp.get("/fee-standard/versions")
@blp.response(200, RateView(many=True))
def versions():
    """Every version of every item, newest effective date first: what was charged on any past day."""
    return fees.versions(db.session)


@blp.post("/fee-standard")
@login_required
@blp.arguments(RateBody)
@blp.response(201, RateView)
def add_version(body):
    """Add a version of an item from its effective date (admins only; earlier versions stay as they were)."""
    row = fees.add_rate(db.session, runtime(), current_user(), body)
    db.session.commit()
    return row


@blp.get("/cases/<string:ticket>/fee")
@login_required
@blp.response(200, CaseFeeView)
def case_fee(ticket):
    """The fee the case's written notice stated, itemised, and its payment (none: a free case or no notice yet)."""
    case = access.require_staff_case(db.session, current_user(), ticket)
    notice = fees.notified(db.session, case)
    paid = fees.payment(db.session, case)
    return {
        "notice_date": notice.notice_date if notice else None,
        "total": notice.total if notice else 0,
        "items": notice.items if notice else [],
        "paid": paid is not None,
        "payment": paid,
    }
