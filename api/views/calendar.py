from flask_smorest import Blueprint

from api.auth import current_user, login_required
from api.boundary import calendar_change, commit_moved, runtime
from api.extensions import db
from api.schemas import (
    DueQuery,
    DueResult,
    HolidayYearConfirm,
    HolidayYearView,
    OverrideChange,
    OverrideCreate,
    OverrideList,
)
from engine import access, holiday_years, holidays
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
        raise Invalid("date_out_of_range", fields={"start": [str(exc)]}) from None
    return {"due_at": result.due_at, "provenance": result.to_dict()}


@blp.get("/calendar/overrides")
@login_required
@blp.response(200, OverrideList)
def list_overrides():
    """The admin's override table: extra days off, office closures and corrections, by day."""
    access.require_staff(current_user())
    return {"items": [holidays.override_view(r) for r in holidays.list_overrides(db.session)]}


@blp.post("/calendar/overrides")
@login_required
@blp.arguments(OverrideCreate)
@blp.response(201, OverrideChange)
def add_override(body):
    """Add an override (admins); every open deadline it moves is recomputed, with its timer and reminders."""
    user = current_user()
    access.require_admin(user)
    rt = runtime()
    with calendar_change(rt):
        row = holidays.add_override(db.session, rt, actor=user.username, **body)
        moved = holidays.recompute_open_deadlines(db.session, rt, user.username, holidays.change_reason(row, "added"))
        commit_moved(moved)
    return {**holidays.override_view(row), "recomputed": moved}


@blp.delete("/calendar/overrides/<id:override_id>")
@login_required
@blp.response(200, OverrideChange)
def remove_override(override_id):
    """Remove an override (admins); the open deadlines it had moved move back."""
    user = current_user()
    access.require_admin(user)
    rt = runtime()
    with calendar_change(rt):
        row = holidays.remove_override(db.session, rt, override_id, user.username)
        moved = holidays.recompute_open_deadlines(db.session, rt, user.username, holidays.change_reason(row, "removed"))
        removed = holidays.override_view(row)  # read before the commit detaches the deleted row
        commit_moved(moved)
    return {**removed, "recomputed": moved}


@blp.get("/calendar/years/<int:year>")
@login_required
@blp.response(200, HolidayYearView)
def holiday_year(year):
    """Whether a year's cuti bersama are confirmed (by the holidays package or the admin), and its estimated dates."""
    access.require_staff(current_user())
    return holiday_years.year_view(db.session, year)


@blp.post("/calendar/years/<int:year>/confirm")
@login_required
@blp.arguments(HolidayYearConfirm)
@blp.response(201, HolidayYearView)
def confirm_holiday_year(body, year):
    """Confirm a year's holidays and cuti bersama against the SKB (admins), after entering its days as overrides."""
    user = current_user()
    access.require_admin(user)
    holiday_years.confirm_year(db.session, year, user.username, body.get("note"))
    db.session.commit()
    return holiday_years.year_view(db.session, year)
