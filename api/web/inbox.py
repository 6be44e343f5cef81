"""The officer's inbox and the task actions it offers: claim, unclaim, assign.

The rows are ``engine.queries.list_tasks`` (the same query and scope rules as ``GET /api/v1/tasks``),
already most urgent first; the page adds the case's stage and unit and the due state, and filters on
them. The actions are the API's verbs (engine.inbox), each a small POST form that comes back here.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import login_required
from sqlalchemy import select

from api.boundary import commit, runtime
from api.extensions import db
from api.web import display
from api.web.blueprint import bp
from api.web.i18n import current_language, translated
from api.web.session import officer
from api.web.urls import safe_next
from engine import access, kinds, queries
from engine.errors import Conflict, Invalid
from engine.inbox import assign_task, claim_task, unclaim_task
from engine.models import Group, HumanTask, Unit, User
from engine.runtime import Runtime

SCOPES = {"mine": _l("My tasks"), "group": _l("My groups' queue"), "all": _l("Whole unit")}


@bp.get("/kotak-masuk")
@login_required
def inbox():
    user = officer()
    access.require_staff(user)
    scope = request.args.get("scope", "group")
    if scope not in SCOPES:
        abort(404)
    chosen = {key: request.args.get(key, "") for key in ("process", "stage", "due", "unit")}
    rt = runtime()
    items, _total = queries.list_tasks(db.session, rt, user, scope, chosen["process"] or None)
    rows = [_row(rt, item, user) for item in items]
    options = _filter_options(rows)
    shown = [row for row in rows if _matches(row, chosen)]
    scopes = {key: label for key, label in SCOPES.items() if key != "all" or access.is_superior(user)}
    return render_template(
        "inbox.html", rows=shown, total=len(rows), scope=scope, scopes=scopes, chosen=chosen, options=options
    )


def _row(rt: Runtime, item: dict, user: User) -> dict:
    """One inbox line: the API's task item plus what the page shows and which actions it offers."""
    locale = current_language()
    task = db.session.get(HumanTask, item["id"])  # already in the session: list_tasks loaded it
    case = task.case
    unit_id = task.unit_id or case.unit_id  # a task referred to a unit belongs to that unit
    can_work, can_assign = access.can_work_task(user, task), access.can_assign(user, task)
    return {
        **item,
        "title": display.task_title(rt, task, locale),
        "process_label": display.process_label(item["process"], locale),
        "stage": case.status,
        "stage_label": display.stage_label(case.status, locale),
        "unit_id": unit_id,
        "unit_name": _unit_name(unit_id),
        "due_state": display.due_state(item["due_at"], item["working_days_left"]),
        "can_claim": can_work and task.assignee_id is None,
        "can_unclaim": task.assignee_id is not None and (task.assignee_id == user.id or can_assign),
        "members": lane_members(task) if can_assign else [],
    }


def _unit_name(unit_id: int | None) -> str:
    unit = db.session.get(Unit, unit_id) if unit_id else None
    return unit.name if unit else "—"


def lane_members(task: HumanTask) -> list[User]:
    """Who may be given the task: active members of its lane who may work it (its unit, if referred)."""
    candidates = db.session.scalars(
        select(User).join(User.groups).where(Group.code == task.lane, User.active.is_(True)).order_by(User.username)
    )
    return [u for u in candidates if access.can_work_task(u, task)]


def _filter_options(rows: list[dict]) -> dict:
    """The choices each filter offers: the processes Kawal runs, and the stages and units in the list."""
    locale = current_language()
    return {
        "process": [(p, display.process_label(p, locale)) for p in kinds.ALL],
        "stage": sorted({(r["stage"], r["stage_label"]) for r in rows}, key=lambda o: o[1]),
        "due": list(display.DUE_STATES.items()),
        "unit": sorted({(str(r["unit_id"]), r["unit_name"]) for r in rows if r["unit_id"]}, key=lambda o: o[1]),
    }


def _matches(row: dict, chosen: dict) -> bool:
    return (
        (not chosen["stage"] or row["stage"] == chosen["stage"])
        and (not chosen["due"] or row["due_state"] == chosen["due"])
        and (not chosen["unit"] or str(row["unit_id"]) == chosen["unit"])
    )


@bp.post("/tugas/<id:task_id>/ambil")
@login_required
def claim(task_id: int):
    return _act(lambda user: claim_task(db.session, user, task_id), _l("You took the task."))


@bp.post("/tugas/<id:task_id>/lepas")
@login_required
def unclaim(task_id: int):
    return _act(lambda user: unclaim_task(db.session, user, task_id), _l("The task is back in the queue."))


@bp.post("/tugas/<id:task_id>/tugaskan")
@login_required
def assign(task_id: int):
    username = request.form.get("username", "")
    return _act(
        lambda user: assign_task(db.session, runtime(), user, task_id, username),
        _l("The task was assigned."),
    )


def _act(operation, done_message):
    """Run one task operation, commit, and go back with a message.

    A conflict or a wrong choice is something the officer can fix, so it comes back as a message;
    a task that is not visible (404) or not theirs to act on (403) is an error page.
    """
    back = safe_next(request.form.get("next")) or url_for("web.inbox")
    try:
        task = operation(officer())
    except (Conflict, Invalid) as error:
        db.session.rollback()
        flash(refusal_message(error), "error")
        return redirect(back)
    commit(task.case)
    flash(str(done_message), "success")
    return redirect(back)


def refusal_message(error: Conflict | Invalid) -> str:
    details = [translated(m) for messages in error.fields.values() for m in messages]
    return " ".join([translated(error.message), *details])


@bp.app_template_filter("due_words")
def due_words(row: dict) -> str:
    """How much time is left, in words (the badge beside it says the state)."""
    left = row["working_days_left"]
    if left is None:
        return _("no deadline")
    if left < 0:
        return ngettext("%(num)d working day late", "%(num)d working days late", -left)
    if left == 0:
        return _("due today")
    return ngettext("%(num)d working day left", "%(num)d working days left", left)
