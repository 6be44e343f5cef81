import json

from flask import Response, request
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from api.auth import current_user, login_required
from api.boundary import commit, noted, runtime
from api.extensions import db
from api.schemas import (
    Assign,
    BulkAction,
    BulkResult,
    CompleteResult,
    CompleteTask,
    CompleteTaskForm,
    FollowUpIn,
    OfficeDateTime,
    SavedFilterIn,
    SavedFilterList,
    SavedFilterOut,
    ScanResult,
    TaskDetail,
    TaskItem,
    TaskList,
    TaskQuery,
    UnitList,
)
from engine import (
    access,
    dip_match,
    follow_ups,
    inbox,
    inbox_list,
    instructions,
    queries,
    reveal_queue,
    saved_filters,
    task_files,
    users,
)
from engine.errors import Invalid
from engine.files import Upload
from engine.messages import msg

blp = Blueprint("tasks", __name__, description="The officers' task inbox")


@blp.get("/tasks")
@login_required
@blp.arguments(TaskQuery, location="query")
@blp.response(200, TaskList)
def list_tasks(query):
    """Open tasks, 50 a page, most urgent first; sorted, filtered and searched (``next_cursor`` pages on).

    Each row has the case's subject and the requester's name where the caller may read them.
    """
    rt, user = runtime(), current_user()
    filters = inbox_list.parse(query)
    page = inbox_list.page(db.session, rt, user, filters)
    total = inbox_list.total(db.session, rt, user, filters, page)
    return {"items": page.items, "total": total.value, "total_more": total.more, "next_cursor": page.next_cursor}


class WaitingReveal(Schema):
    id = fields.Integer(
        metadata={"description": "the reveal request: decide it at /complaints/{ticket}/reveal-requests/{id}"}
    )
    ticket = fields.String(metadata={"description": "the complaint's ticket"})
    requested_at = OfficeDateTime()
    requested_by = fields.String(metadata={"description": "the officer who asked (username)"})


class WaitingReveals(Schema):
    items = fields.List(fields.Nested(WaitingReveal), metadata={"description": "the longest waiting first"})
    total = fields.Integer()


@blp.get("/tasks/reveal-requests")
@login_required
@blp.response(200, WaitingReveals)
def waiting_reveals():
    """The requests to open a whistleblower's sealed identity that wait for the caller's decision: no task of the
    process, so not in ``GET /tasks``. A WBS manager's, of the complaints they see, asked by another officer (the
    one who asked never decides); empty for anyone else. Never the reason (read it with the case's reveal
    requests, ``GET /complaints/{ticket}/reveal-requests``) nor anything of the reporter."""
    items = reveal_queue.waiting(db.session, current_user())
    return {"items": items, "total": len(items)}


@blp.post("/tasks/bulk")
@login_required
@blp.arguments(BulkAction)
@blp.response(200, BulkResult)
def bulk(body):
    """Claim, release or assign several tasks: all of them or none (422 names each task refused)."""
    rt = runtime()
    tasks, changed = inbox.bulk_tasks(db.session, rt, current_user(), body["action"], body["ids"], body.get("username"))
    commit(*{t.case for t in tasks})
    return {"items": [queries.task_item(rt, t) for t in tasks], "changed": len(changed)}


@blp.get("/units")
@login_required
@blp.response(200, UnitList)
def list_units():
    """The office's active units, by name: the values a task form's field marked ``"x-references": "unit"`` takes
    (the unit a complaint is referred to), for a client that builds its own form."""
    return {"items": users.units(db.session, active_only=True)}


@blp.get("/tasks/filters")
@login_required
@blp.response(200, SavedFilterList)
def list_filters():
    """The caller's saved inbox views."""
    return {"items": saved_filters.of_user(db.session, current_user())}


@blp.post("/tasks/filters")
@login_required
@blp.arguments(SavedFilterIn)
@blp.response(201, SavedFilterOut)
def save_filter(body):
    """Save the list's choices under a name (the same name replaces them)."""
    row = saved_filters.save_filter(db.session, current_user(), body["name"], body["params"])
    db.session.commit()
    return row


@blp.delete("/tasks/filters/<id:filter_id>")
@login_required
@blp.response(204)
def delete_filter(filter_id):
    saved_filters.delete_filter(db.session, current_user(), filter_id)
    db.session.commit()


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


@blp.post("/tasks/next")
@login_required
@blp.arguments(TaskQuery(only=("process", "stage", "due", "follow_up", "unit")), location="query")
@blp.response(200, TaskItem)
@blp.alt_response(204, description="nothing in the caller's queue waits untaken")
def claim_next(query):
    """Take the most urgent task of the caller's queue that no one has taken (the inbox's "due" order, under the
    filters given): claimed for the caller, who gets it; never a task another officer took, even at the same
    moment. 204 when nothing waits untaken."""
    rt = runtime()
    task = inbox.claim_next(db.session, rt, current_user(), inbox_list.parse(query))
    if task is None:
        return Response(status=204)
    commit(task.case)
    return queries.task_item(rt, task)


@blp.put("/tasks/<id:task_id>/follow-up")
@login_required
@blp.arguments(FollowUpIn)
@blp.response(200, TaskItem)
def set_follow_up(body, task_id):
    """The task's follow-up: a day to come back to it (a working day of the office after today, within a year) and a
    note read by whoever works the task (it stays with the task when released or assigned): when the office opens that
    day its holder then (its group if nobody holds it) is told, once. A new day replaces the one before. Only the
    officer holding the task sets it (409 otherwise)."""
    rt = runtime()
    data = {"on": body["on"].isoformat(), "note": body.get("note", "")}
    task = follow_ups.set_follow_up(db.session, rt, current_user(), task_id, data)
    commit(task.case)
    return queries.task_item(rt, task)


@blp.delete("/tasks/<id:task_id>/follow-up")
@login_required
@blp.response(200, TaskItem)
def clear_follow_up(task_id):
    """Remove the task's follow-up (its holder only)."""
    task = follow_ups.clear_follow_up(db.session, current_user(), task_id)
    commit(task.case)
    return queries.task_item(runtime(), task)


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


@blp.post("/tasks/<id:task_id>/complete-with-files")
@login_required
@blp.arguments(CompleteTaskForm, location="form")
@blp.response(200, CompleteResult)
@blp.doc(
    description="multipart/form-data: `data` (the form data as JSON text) and, for each file field of the"
    " task's form (`x-kawal-file` in its JSON Schema), its files as parts named by the field. Types are"
    " checked by content; size and count limits come from the field. Nothing is stored on a refusal."
)
def complete_with_files(form, task_id):
    """Complete a task whose form takes files; the workflow data gets the stored files' ids."""
    try:
        data = json.loads(form["data"])
    except ValueError:
        raise Invalid("invalid_data", fields={"data": [msg("malformed_json")]}) from None
    uploads = {name: [Upload.from_storage(f) for f in request.files.getlist(name)] for name in request.files}
    rt, user = runtime(), current_user()
    result = inbox.complete_task(db.session, rt, user, task_id, data, uploads)
    view = queries.case_view(db.session, rt, user, result.case, with_identity=False)
    commit(*result.touched)
    return {"case": view, "next_tasks": view["open_tasks"]}


@blp.post("/tasks/<id:task_id>/scan")
@login_required
@blp.response(200, ScanResult)
@blp.doc(
    description="multipart/form-data: the files meant for the task's file fields, as parts named by the field."
    " Returns what the personal-data scan finds in the files of each scanned field (NIK, KK, NPWP, mobile"
    " numbers, e-mail addresses that are not the requester's own, or text that cannot be read), masked."
    " Nothing is stored; completing the task scans the files again."
)
def scan(task_id):
    """Check files for others' personal data before handing them over with the task."""
    uploads = {name: [Upload.from_storage(f) for f in request.files.getlist(name)] for name in request.files}
    found = task_files.scan_task_files(db.session, runtime(), current_user(), task_id, uploads)
    db.session.rollback()  # nothing to keep: a scan changes nothing
    return {
        "files": [
            {
                "field": name,
                "index": n,
                "file_name": file_name,
                "findings": [
                    {
                        "ref": ref,
                        "kind": f.kind,
                        "masked": f.masked,
                        "page": f.page,
                        "label": f.describe("id"),
                        "label_en": f.describe("en"),
                    }
                    for ref, f in findings
                ],
            }
            for name, n, file_name, findings in found
        ]
    }
