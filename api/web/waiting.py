"""The inbox's "Waiting on others": the open cases no officer holds a task in (engine.waiting), each with the clocks
it runs, the one due first at the top. The same list as ``GET /api/v1/waiting-cases``.

A complaint whose reporter let the evidence window (BUKTI) lapse waits for the team's confirmation that nothing came
(engine.waiting reads which: ``Waiting.to_confirm``): its row says the window ended and links the confirmation, it
comes first (among the first hundred however many wait), the tab counts such cases on every inbox page
(``lapses_to_confirm``), and ``?perlu_konfirmasi=1`` lists them alone.
"""

from __future__ import annotations

from flask import g, render_template, request
from flask_login import current_user, login_required

from api.boundary import runtime
from api.extensions import db
from api.web import display
from api.web.blueprint import bp
from api.web.case import clock_kind_label, clock_label
from api.web.events import message_title
from api.web.i18n import current_language
from api.web.inbox import scopes_of
from api.web.session import officer
from engine import access, clock, waiting
from engine.errors import Forbidden


@bp.get("/kotak-masuk/menunggu")
@login_required
def waiting_cases():
    user, locale = officer(), current_language()
    access.require_staff(user)
    only = request.args.get("perlu_konfirmasi") == "1"  # the lapses the reader must confirm, alone
    total, found = waiting.waiting(db.session, user, to_confirm=only)
    now, rt = clock.now(), runtime()
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
            # The reporter's evidence window ended: the team's confirmation is due (its form's link); listed first.
            "lapse": w.to_confirm.ended_at if w.to_confirm else None,
            "lapse_event": w.to_confirm.event if w.to_confirm else None,
            # Its last day is still the reporter's: the confirmation is dated from the next day (check_event_dates).
            "lapse_from": w.to_confirm.confirm_from(rt) if w.to_confirm else None,
        }
        for w in found
    ]
    lapsed = total if only else _lapse_count(user)
    return render_template("waiting.html", rows=rows, total=total, lapsed=lapsed, only=only, scopes=scopes_of(user))


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
    return _lapse_count(current_user.user)


def _lapse_count(user) -> int:
    """How many lapses ``user`` must confirm (engine.waiting.lapses), read once a request: the page and its tabs."""
    if "kawal_lapses_to_confirm" not in g:
        g.kawal_lapses_to_confirm = len(waiting.lapses(db.session, user))
    return g.kawal_lapses_to_confirm
