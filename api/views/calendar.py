from flask_smorest import Blueprint

from api.schemas import DueQuery, DueResult
from api.views import runtime
from engine.errors import Invalid

blp = Blueprint("calendar", __name__, description="Working-day arithmetic, explained")


@blp.get("/calendar/due")
@blp.arguments(DueQuery, location="query")
@blp.response(200, DueResult)
def due(query):
    """When a deadline of N working days from ``start`` falls due, and which days were skipped and why."""
    try:
        result = runtime().calendars[query["calendar"]].add_working_days(query["start"], query["working_days"])
    except (OverflowError, ValueError) as exc:
        raise Invalid("tanggal di luar jangkauan / date out of range", fields={"start": [str(exc)]}) from None
    return {"due_at": result.due_at, "provenance": result.to_dict()}
