"""The inbox's "Waiting on others": the open cases no officer holds a task in (engine.waiting), each with the clocks
it runs, the one due first at the top. The same list as ``GET /api/v1/waiting-cases``.

A complaint whose reporter let the evidence window (BUKTI) lapse waits for the team's confirmation that nothing came
(workflows/pengaduan.bpmn: the lapse closes nothing by itself) and has no clock left: its row says the window ended
and links the confirmation, it comes first, and the tab counts such cases on every inbox page (``lapses_to_confirm``).
"""

from __future__ import annotations

from datetime import datetime

from flask import render_template
from flask_login import current_user, login_required
from sqlalchemy import or_, select

from api.extensions import db
from api.web import display
from api.web.blueprint import bp
from api.web.case import clock_kind_label, clock_label
from api.web.events import LAPSE_CONFIRMATION, LAPSE_WINDOW, message_title
from api.web.i18n import current_language
from api.web.inbox import scopes_of
from api.web.session import officer
from engine import access, clock, waiting
from engine.errors import Forbidden
from engine.models import Case, Deadline, User


@bp.get("/kotak-masuk/menunggu")
@login_required
def waiting_cases():
    user, locale = officer(), current_language()
    access.require_staff(user)
    total, found = waiting.waiting(db.session, user)
    now = clock.now()
    lapses = _lapses(user)
    rows = [
        {
            "ticket": w.case.ticket,
            "process": display.process_label(w.case.kind, locale),
            "stage": display.stage_label(w.case.status, locale),
            "subject": w.case.subject,
            "since": w.case.awaiting_since,
            # What it waits to hear, each a link to its form where the reader records it (the case page's own).
            "events": [{"name": name, "title": message_title(name, locale)} for name in w.events],
            "clocks": [
                {
                    "label": clock_label(d.name),
                    "due_at": d.due_at,
                    "passed": d.due_at < now,
                    "whose": clock_kind_label(d.kind, d.calendar, d.name),
                }
                for d in w.clocks
            ],
            # The reporter's evidence window ended: the team's confirmation is due (its form's link).
            "lapse": lapses.get(w.case.id),
            "lapse_event": LAPSE_CONFIRMATION,
        }
        for w in found
    ]
    rows.sort(key=lambda row: row["lapse"] is None)  # those the team must confirm first, else as listed
    return render_template("waiting.html", rows=rows, total=total, lapsed=len(lapses), scopes=scopes_of(user))


def _lapses(user: User) -> dict[int, datetime]:
    """The waiting complaints ``user`` may see whose reporter's evidence window has ended (lapsed, or due and not yet
    swept) and whose confirmation ``user`` records (``engine.waiting``'s lane rule): their ids and the window's end."""
    ended = or_(Deadline.status == "lapsed", (Deadline.status == "pending") & (Deadline.due_at <= clock.now()))
    query = (
        access.cases_visible_to(user, select(Case, Deadline.due_at))
        .join(Deadline, Deadline.case_id == Case.id)
        .where(Case.awaiting_since.is_not(None), Deadline.name == LAPSE_WINDOW, ended)
    )
    lanes = access.supervised_lanes(user)
    return {
        case.id: due_at
        for case, due_at in db.session.execute(query).all()
        if any(e["name"] == LAPSE_CONFIRMATION and e["lane"] in (None, *lanes) for e in case.awaiting_events or ())
    }


@bp.app_template_global()
def lapses_to_confirm() -> int:
    """How many waiting complaints the reader must confirm the reporter's lapse of (the inbox tabs say it); 0 for
    anyone else, and on a page without a logged-in officer."""
    if not getattr(current_user, "is_authenticated", False):
        return 0
    try:
        access.require_staff(current_user.user)
    except Forbidden:
        return 0
    return len(_lapses(current_user.user))
