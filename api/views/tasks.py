from flask_smorest import Blueprint

from api.auth import current_user, login_required
from api.boundary import commit, noted, runtime
from api.extensions import db
from api.schemas import Assign, CompleteResult, CompleteTask, TaskDetail, TaskItem, TaskList, TaskQuery
from engine import access, dip_match, inbox, instructions, queries

blp = Blueprint("tasks", __name__, description="The officers' task inbox")


@blp.get("/tasks")
@login_required
@blp.arguments(TaskQuery, location="query")
@blp.response(200, TaskList)
def list_tasks(query):
    """Open tasks, most urgent first (fewest legal working days left)."""
    items, total = queries.list_tasks(
        db.session, runtime(), current_user(), query["scope"], query.get("process"), query.get("overdue")
    )
    return {"items": items, "total": total}


@blp.get("/tasks/<id:task_id>")
@login_required
@blp.response(200, TaskDetail)
def get_task(task_id):
    user = current_user()
    task = access.require_task(db.session, user, task_id)
    rt = runtime()
    detail = queries.task_detail(db.session, rt, task, user)  # only the fields the caller may see
    filled = instructions.for_task(db.session, rt, task)  # the placeholders filled with the case's facts
    detail.update(instructions=filled["id"], instructions_en=filled["en"])
    detail["dip_suggestions"] = [
        {"id": i.id, "title": i.title, "category": i.category, "portal_url": dip_match.public_path(i)}
        for i in dip_match.for_case(db.session, task.case)
    ]
    noted(user, task.case, f"task:{task.bpmn_id}")
    return detail


@blp.post("/tasks/<id:task_id>/claim")
@login_required
@blp.response(200, TaskItem)
def claim(task_id):
    task = inbox.claim_task(db.session, current_user(), task_id)
    db.session.commit()
    return queries.task_item(runtime(), task)


@blp.post("/tasks/<id:task_id>/unclaim")
@login_required
@blp.response(200, TaskItem)
def unclaim(task_id):
    task = inbox.unclaim_task(db.session, current_user(), task_id)
    db.session.commit()
    return queries.task_item(runtime(), task)


@blp.post("/tasks/<id:task_id>/assign")
@login_required
@blp.arguments(Assign)
@blp.response(200, TaskItem)
def assign(body, task_id):
    task = inbox.assign_task(db.session, runtime(), current_user(), task_id, body["username"])
    commit(task.case)
    return queries.task_item(runtime(), task)


@blp.post("/tasks/<id:task_id>/complete")
@login_required
@blp.arguments(CompleteTask)
@blp.response(200, CompleteResult)
def complete(body, task_id):
    """Complete a task with its form data; returns the case and its next open tasks."""
    rt, user = runtime(), current_user()
    result = inbox.complete_task(db.session, rt, user, task_id, body["data"])
    # Read in the same transaction; the chain is left out of this answer (GET the case for it).
    view = queries.case_view(db.session, rt, user, result.case, with_identity=False, with_chain=False)
    commit(*result.touched)  # a granted objection may have reopened its request
    return {"case": view, "next_tasks": view["open_tasks"]}
