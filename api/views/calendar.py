from flask_smorest import Blueprint

from api.schemas import DueQuery, DueResult
from api.views import runtime

blp = Blueprint("calendar", __name__, description="Working-day arithmetic, explained")


@blp.get("/calendar/due")
@blp.arguments(DueQuery, location="query")
@blp.response(200, DueResult)
def due(query):
    """When a deadline of N working days from ``start`` falls due, and which days were skipped and why."""
    result = runtime().calendars[query["calendar"]].add_working_days(query["start"], query["working_days"])
    return {"due_at": result.due_at, "provenance": result.to_dict()}
