"""Officers' accounts, for administrators (engine.accounts): the list, one officer and what was done to their
account, a new officer, changes to their name, e-mail, NIP, unit and groups, and the verbs a help desk needs
(deactivate, activate, a new password, remove the second factor, end the sessions).

Passwords go in only (``POST /users``, ``PUT /users/{username}/password``) and are never answered, nor recorded.
"""

from __future__ import annotations

from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from api.auth import current_user, login_required
from api.extensions import db
from engine import access, accounts, users
from engine.models import User

blp = Blueprint("users", __name__, description="Officers' accounts (administrators only)")

GROUP = fields.String(validate=validate.OneOf(sorted(users.GROUPS)))
NIP = (
    "the civil servant's 18 digits (spaces between them are left out), printed under their name on the letters they"
    " sign; empty or null: none (an officer who is not a civil servant)"
)


class OfficerView(Schema):
    username = fields.String()
    display_name = fields.String()
    email = fields.String(allow_none=True)
    nip = fields.String(allow_none=True, metadata={"description": "the officer's NIP (18 digits), or null"})
    unit = fields.String(metadata={"description": "the code of the officer's unit"})
    groups = fields.List(fields.String())
    active = fields.Boolean()
    second_factor = fields.Boolean(metadata={"description": "whether a second factor is set up"})
    created_at = fields.DateTime()


class AccountEventView(Schema):
    at = fields.DateTime()
    actor = fields.String()
    type = fields.String()
    data = fields.Dict()


class OfficerDetailView(OfficerView):
    claimed_tasks = fields.Integer(metadata={"description": "open tasks the officer has claimed"})
    history = fields.List(fields.Nested(AccountEventView), metadata={"description": "newest first"})


class ChangeBody(Schema):
    display_name = fields.String(required=True)
    email = fields.String(
        required=True, allow_none=True, metadata={"description": "empty or null: none (their mail is skipped)"}
    )
    nip = fields.String(allow_none=True, metadata={"description": NIP + "; left out: it stays as it is"})
    unit = fields.String(required=True, metadata={"description": "the code of one of the office's units"})
    groups = fields.List(GROUP, required=True)


class CreateBody(ChangeBody):
    username = fields.String(required=True)
    password = fields.String(required=True, load_only=True, metadata={"description": "the first password"})
    display_name = fields.String(load_default="")
    email = fields.String(load_default=None, allow_none=True, metadata={"description": "where their mail goes"})
    nip = fields.String(load_default=None, allow_none=True, metadata={"description": NIP})
    unit = fields.String(load_default=None, metadata={"description": "a unit's code; the office's own by default"})


class PasswordBody(Schema):
    password = fields.String(required=True, load_only=True)


class ChangedView(Schema):
    changed = fields.List(fields.String(), metadata={"description": "the fields that changed"})
    officer = fields.Nested(OfficerView)


class SessionsEndedView(Schema):
    sessions_ended = fields.Integer()


class DeactivatedView(SessionsEndedView):
    tasks_released = fields.Integer(metadata={"description": "claimed tasks sent back to their queues"})


def _admin():
    user = current_user()
    access.require_admin(user)
    return user


def _detail(user: User) -> dict:
    return {
        **accounts.summary(db.session, user),
        "claimed_tasks": accounts.claimed(db.session, user),
        "history": accounts.history(db.session, user),
    }


@blp.get("/users")
@login_required
@blp.response(200, OfficerView(many=True))
def list_officers():
    """Every officer, the active ones first, by username."""
    _admin()
    return [accounts.summary(db.session, user) for user in accounts.officers(db.session)]


@blp.post("/users")
@login_required
@blp.arguments(CreateBody)
@blp.response(201, OfficerDetailView)
def create_officer(body):
    """A new officer; they log in with the password given here."""
    user = accounts.create(db.session, _admin().username, body)
    db.session.commit()
    return _detail(user)


@blp.get("/users/<string:username>")
@login_required
@blp.response(200, OfficerDetailView)
def read_officer(username):
    """One officer, the tasks they hold and what was done to their account."""
    _admin()
    return _detail(accounts.require(db.session, username))


@blp.put("/users/<string:username>")
@login_required
@blp.arguments(ChangeBody)
@blp.response(200, ChangedView)
def change_officer(body, username):
    """Set the officer's name, e-mail, unit and groups (all given again) and their NIP (when given); what changed is
    recorded."""
    admin = _admin()
    user = accounts.require(db.session, username)
    changed = accounts.change(db.session, admin.username, user, body)
    db.session.commit()
    return {"changed": list(changed), "officer": accounts.summary(db.session, user)}


@blp.post("/users/<string:username>/deactivation")
@login_required
@blp.response(200, DeactivatedView)
def deactivate_officer(username):
    """The officer can no longer log in: their sessions end and their claimed tasks go back to their queues."""
    admin = _admin()
    done = accounts.deactivate(db.session, admin.username, accounts.require(db.session, username))
    db.session.commit()
    return {"sessions_ended": done.sessions, "tasks_released": done.released}


@blp.post("/users/<string:username>/activation")
@login_required
@blp.response(200, OfficerView)
def activate_officer(username):
    """A deactivated officer may log in again."""
    admin = _admin()
    user = accounts.require(db.session, username)
    accounts.activate(db.session, admin.username, user)
    db.session.commit()
    return accounts.summary(db.session, user)


@blp.put("/users/<string:username>/password")
@login_required
@blp.arguments(PasswordBody)
@blp.response(200, SessionsEndedView)
def set_password(body, username):
    """A new password (a forgotten one): every session and token opened with the old one ends."""
    admin = _admin()
    ended = accounts.set_password(db.session, admin.username, accounts.require(db.session, username), body["password"])
    db.session.commit()
    return {"sessions_ended": ended}


@blp.delete("/users/<string:username>/second-factor")
@login_required
@blp.response(200, SessionsEndedView)
def remove_second_factor(username):
    """Remove the officer's second factor (a lost phone): they set it up again at their next login."""
    admin = _admin()
    ended = accounts.remove_second_factor(db.session, admin.username, accounts.require(db.session, username))
    db.session.commit()
    return {"sessions_ended": ended}


@blp.delete("/users/<string:username>/sessions")
@login_required
@blp.response(200, SessionsEndedView)
def end_sessions(username):
    """End every page session and API token of the officer (a lost laptop, a copied cookie)."""
    admin = _admin()
    ended = accounts.end_sessions(db.session, admin.username, accounts.require(db.session, username))
    db.session.commit()
    return {"sessions_ended": ended}
