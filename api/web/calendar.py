"""The working calendar's page (``/kalender``): a year's holidays and cuti bersama, the admin's overrides, and the
year's confirmation against the SKB (legal-process.md §2), the verbs behind ``/api/v1/calendar/...`` on a page.

Every officer reads it (the case page sends them here when a deadline reaches into an unconfirmed year); the
admin adds and removes overrides and confirms the year. An override moves every open deadline it touches at once
(engine.holidays.recompute_open_deadlines, with their timers and reminders), and the page says how many moved.
A refusal comes back beside its field (422) and changes nothing.
"""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from api.boundary import calendar_change, commit_moved, runtime
from api.extensions import db
from api.web.blueprint import bp
from api.web.i18n import current_language, field_errors, translated
from api.web.layout import NAV, NavItem
from api.web.session import officer
from engine import access, holiday_years, holidays
from engine.calendar import CALENDARS, day_off_name
from engine.errors import Conflict, Invalid, NotFound
from engine.explanation import ESTIMATED_MARK

NAV.append(NavItem("web.calendar_page", _l("Working calendar"), frozenset({"admin"})))

KINDS = {
    "holiday": _l("Public holiday: both readings"),
    "cuti_bersama": _l("Collective leave day (cuti bersama): latest reading only"),
}
# The override form's fields as its labels name them: its error summary names the field of each message.
FIELDS = {
    "day": _l("Date"),
    "kind": _l("What the day is"),
    "calendars": _l("On which reading"),
    "reason": _l("Reason"),
}
# The override form's kinds of day (engine.holidays.KIND_READINGS), each saying the readings it sets: none is
# preselected, so that a cuti bersama is never entered as a holiday by a default (legal-process.md §2.2).
OVERRIDE_KINDS = {
    holidays.HOLIDAY: _l("A national holiday or an office closure: a day off on both readings"),
    holidays.CUTI_BERSAMA: _l(
        "A collective leave day (cuti bersama) of the joint ministerial decree (SKB): a day off on the latest"
        " reading only"
    ),
    holidays.WORKING: _l("A working day (a correction: the office works that day): both readings"),
}


@bp.get("/kalender")
@login_required
def calendar_page():
    user = officer()
    access.require_staff(user)
    return _page(user, _year(request.args.get("tahun")))


@bp.post("/kalender/penyesuaian")
@login_required
def calendar_add_override():
    user = officer()
    access.require_admin(user)
    rt, form = runtime(), request.form
    values = {
        "day": form.get("day", ""),
        "kind": form.get("kind", ""),
        "reason": form.get("reason", ""),
        "calendars": form.getlist("calendars"),  # none ticked: the kind's readings
    }
    year = _year(values["day"][:4])
    try:
        with calendar_change(rt):
            row = holidays.add_override(db.session, rt, actor=user.username, **values | {"day": _day(values["day"])})
            moved = holidays.recompute_open_deadlines(
                db.session, rt, user.username, holidays.change_reason(row, "added")
            )
            commit_moved(moved)
    except Invalid as error:
        errors = field_errors(error.fields)
        return _page(user, year, values=values, errors=errors, status=422)
    flash(_moved(_("The override is saved."), moved), "success")
    return redirect(url_for("web.calendar_page", tahun=row.day.year) + "#overrides-title", 303)


@bp.post("/kalender/penyesuaian/<id:override_id>/hapus")
@login_required
def calendar_remove_override(override_id: int):
    user = officer()
    access.require_admin(user)
    rt = runtime()
    try:
        with calendar_change(rt):
            row = holidays.remove_override(db.session, rt, override_id, user.username)
            year = row.day.year
            moved = holidays.recompute_open_deadlines(
                db.session, rt, user.username, holidays.change_reason(row, "removed")
            )
            commit_moved(moved)
    except NotFound:  # removed meanwhile (a second click, another admin): the page shows the table as it is
        flash(_("That override no longer exists."), "error")
        return redirect(url_for("web.calendar_page"), 303)
    flash(_moved(_("The override is removed."), moved), "success")
    return redirect(url_for("web.calendar_page", tahun=year) + "#overrides-title", 303)


@bp.post("/kalender/<int:year>/konfirmasi")
@login_required
def calendar_confirm_year(year: int):
    user = officer()
    access.require_admin(user)
    note = request.form.get("note", "").strip() or None
    try:
        holiday_years.confirm_year(db.session, year, user.username, note)
    except Conflict as error:  # confirmed meanwhile
        db.session.rollback()
        flash(translated(error.message), "error")
        return redirect(url_for("web.calendar_page", tahun=year), 303)
    except Invalid as error:
        db.session.rollback()
        errors = field_errors(error.fields)
        return _page(user, _year(str(year)), confirm_errors=errors, note=note or "", status=422)
    db.session.commit()
    flash(_("%(year)d is confirmed: its deadlines count on the days entered.", year=year), "success")
    return redirect(url_for("web.calendar_page", tahun=year), 303)


def _page(user, year: int, values=None, errors=None, confirm_errors=None, note="", status=200):
    view = holiday_years.year_view(db.session, year)
    language = current_language()
    overrides = [row for row in holidays.list_overrides(db.session) if row.day.year == year]
    checked = view["confirmed_by"] is not None  # the admin checked the year's dates against the SKB
    page = {
        "year": year,
        "view": view,
        "days": [
            {
                **d,
                "name": _name(d, language, checked),
                "estimated": d["estimated"] and not checked,
                "shown": _weekday_date(d["date"]),
                "kind_label": KINDS[d["kind"]],
            }
            for d in holiday_years.package_days_off(year)
        ],
        "overrides": [{"row": row, "shown": _weekday_date(row.day)} for row in overrides],
        "is_admin": "admin" in user.group_codes,
        "calendars": CALENDARS,
        "kinds": OVERRIDE_KINDS,
        "values": values or {"day": "", "kind": "", "reason": "", "calendars": []},
        "errors": errors or {},
        "fields": FIELDS,
        "confirm_errors": confirm_errors or {},
        "note": note,
        "has_errors": bool(errors or confirm_errors),
        "today": runtime().today(),
    }
    return render_template("calendar.html", **page), status


def _moved(done: str, moved: list[dict]) -> str:
    cases = len({m["case_id"] for m in moved})
    if not moved:
        return f"{done} {_('No open deadline moved.')}"
    return f"{done} {_('Open deadlines moved: %(num)d, in %(cases)d cases.', num=len(moved), cases=cases)}"


def _name(day: dict, language: str, checked: bool) -> str:
    """A day off of the holidays package named in the reader's language (the package's Indonesian name, else its
    English one, as ``kawal calendar explain`` names it); once the admin confirmed the year, without the package's
    "estimated" mark (as engine.explanation names it then)."""
    name = day_off_name({"date": day["date"].isoformat(), "kind": day["kind"], "reason": day["name"]}, language)
    return name.replace(f" ({ESTIMATED_MARK})", "").replace(" (estimated)", "") if checked else name


def _weekday_date(day: date) -> str:
    return format_date(day, "EEEE, d MMM y")


def _year(text: str | None) -> int:
    """The year asked for, else the office's current year (a year outside 2000-2100 is a typo: the current one)."""
    if text and text.isdigit() and holiday_years.FIRST_YEAR <= int(text) <= holiday_years.LAST_YEAR:
        return int(text)
    return runtime().today().year


def _day(text: str):
    """A typed date, or the text itself for the override's own check to refuse beside the field."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text
