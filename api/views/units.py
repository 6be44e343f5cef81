"""The office's units, for administrators (engine.units): a new unit, one unit with its officers, open tasks and
what was done to it, its name corrected, and a unit dissolved or merged deactivated (or activated again). Every
officer reads the list of active ones (``GET /units``, api.views.tasks): the values a referral takes.
"""

from __future__ import annotations

from flask_smorest import Blueprint
from marshmallow import Schema, fields

from api.auth import current_user, login_required
from api.extensions import db
from engine import access, units
from engine.models import Unit

blp = Blueprint("units", __name__, description="The office's units (changes: administrators only)")


class UnitEventView(Schema):
    at = fields.DateTime()
    actor = fields.String()
    type = fields.String(metadata={"description": "unit_created, unit_renamed, unit_deactivated or unit_activated"})
    data = fields.Dict(metadata={"description": "unit_renamed: name [before, after]"})


class UnitView(Schema):
    code = fields.String()
    name = fields.String()
    active = fields.Boolean(metadata={"description": "false: no referral or account may choose it any more"})
    officers = fields.Integer(metadata={"description": "active officers of the unit"})
    open_tasks = fields.Integer(metadata={"description": "the unit's tasks not done yet"})
    history = fields.List(fields.Nested(UnitEventView), metadata={"description": "newest first"})


class UnitCreateBody(Schema):
    code = fields.String(
        required=True, metadata={"description": "letters, digits, '.', '_', '-'; at most 40; never changes"}
    )
    name = fields.String(required=True)


class UnitRenameBody(Schema):
    name = fields.String(required=True)


def _admin():
    user = current_user()
    access.require_admin(user)
    return user


def _view(unit: Unit) -> dict:
    listed = units.listed(db.session, unit)
    return {
        "code": unit.code,
        "name": unit.name,
        "active": unit.active,
        "officers": listed.officers,
        "open_tasks": listed.open_tasks,
        "history": units.history(db.session, unit),
    }


def _changed(code: str, change) -> dict:
    """``change(admin's username, unit)`` of engine.units on the unit ``code``, committed; the unit as it is now."""
    admin = _admin()
    unit = units.require(db.session, code)
    change(admin.username, unit)
    db.session.commit()
    return _view(unit)


@blp.post("/units")
@login_required
@blp.arguments(UnitCreateBody)
@blp.response(201, UnitView)
def create_unit(body):
    """A new unit: its code is what referrals, registers and statistics name it by, and never changes."""
    unit = units.create(db.session, _admin().username, body["code"], body["name"])
    db.session.commit()
    return _view(unit)


@blp.get("/units/<string:code>")
@login_required
@blp.response(200, UnitView)
def read_unit(code):
    """One unit, its active officers and open tasks, and what was done to it."""
    _admin()
    return _view(units.require(db.session, code))


@blp.put("/units/<string:code>")
@login_required
@blp.arguments(UnitRenameBody)
@blp.response(200, UnitView)
def rename_unit(body, code):
    """Correct the unit's name (pages and letters show it); the renaming is recorded with the name before."""
    return _changed(code, lambda admin, unit: units.rename(db.session, admin, unit, body["name"]))


@blp.post("/units/<string:code>/deactivation")
@login_required
@blp.response(200, UnitView)
def deactivate_unit(code):
    """A unit dissolved or merged: no referral or officer's account may choose it any more (409 while an active
    officer belongs to it or a task of it is open; the office's own unit stays)."""
    return _changed(code, lambda admin, unit: units.deactivate(db.session, admin, unit))


@blp.post("/units/<string:code>/activation")
@login_required
@blp.response(200, UnitView)
def activate_unit(code):
    """A deactivated unit may be chosen again."""
    return _changed(code, lambda admin, unit: units.activate(db.session, admin, unit))
