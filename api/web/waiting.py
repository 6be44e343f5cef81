"""The inbox's "Waiting on others": the open cases no officer holds a task in (engine.waiting), each with the clocks
it runs, the one due first at the top. The same list as ``GET /api/v1/waiting-cases``."""

from __future__ import annotations

from flask import render_template
from flask_login import login_required

from api.extensions import db
from api.web import display
from api.web.blueprint import bp
from api.web.case import clock_kind_label, clock_label
from api.web.events import message_title
from api.web.i18n import current_language
from api.web.inbox import scopes_of
from api.web.session import officer
from engine import access, clock, waiting


@bp.get("/kotak-masuk/menunggu")
@login_required
def waiting_cases():
    user, locale = officer(), current_language()
    access.require_staff(user)
    total, found = waiting.waiting(db.session, user)
    now = clock.now()
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
        }
        for w in found
    ]
    return render_template("waiting.html", rows=rows, total=total, scopes=scopes_of(user))
