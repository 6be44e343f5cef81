from flask import Response
from flask_smorest import Blueprint

from api.auth import current_user, login_required
from api.boundary import noted, runtime
from api.extensions import db
from api.schemas import CaseView, DeadlineList, EventList
from engine import access, queries, task_files

blp = Blueprint("cases", __name__, description="Cases and their history")


@blp.get("/cases/<string:ticket>")
@login_required
@blp.response(200, CaseView)
def get_case(ticket):
    user = current_user()
    case = access.require_staff_case(db.session, user, ticket)
    view = queries.case_view(db.session, runtime(), user, case)
    noted(user, case, "case")
    return view


@blp.get("/cases/<string:ticket>/events")
@login_required
@blp.response(200, EventList)
def get_events(ticket):
    user = current_user()
    case = access.require_staff_case(db.session, user, ticket)
    access.require_read_history(user, case)
    items = queries.case_events(db.session, case)
    noted(user, case, "events")
    return {"ticket": case.ticket, "items": items}


@blp.get("/cases/<string:ticket>/deadlines")
@login_required
@blp.response(200, DeadlineList)
def get_deadlines(ticket):
    """The case's deadlines: legal basis, calendar, start, due instant, status and the days skipped and why."""
    user = current_user()
    case = access.require_staff_case(db.session, user, ticket)
    items = queries.explained_deadlines(case)
    noted(user, case, "deadlines")
    return {"ticket": case.ticket, "items": items}


@blp.get("/cases/<string:ticket>/files/<id:attachment_id>")
@login_required
@blp.response(200, content_type="application/octet-stream")
def get_file(ticket, attachment_id):
    """A file an officer attached to a task of the case (or to its filing); always as a download."""
    user, rt = current_user(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    row = task_files.file_for(db.session, rt.forms, user, case, attachment_id)
    data = task_files.read(rt, row)
    noted(user, case, f"file:{row.id}")  # a read of a confidential complaint's file is recorded
    return Response(
        data,
        mimetype=row.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{row.file_name}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )
