"""The auditor's case search (``/audit/kasus``, "Find a case" in the auditor's menu): the officers' inbox search, read
only.

An auditor works no task, so has no inbox; to open a case (its history, its export) they find it here by its ticket
or by words of its subject, as an officer does in the inbox: the same search (engine.inbox_search through
engine.inbox_list's ``search``), the same access rule as the case page (``access.cases_visible_to``: an auditor reads
every case) and the same lists of cases, open and finished, newest received first. What the inbox adds for the work
is not here: no task, no claiming or assigning, no saved views. A requester's identity is the PPID desk's, not the
auditor's (``inbox_list.identity_kinds``): the search reads no names or NIKs, and shows none.
"""

from __future__ import annotations

from flask import render_template, request
from flask_login import login_required

from api.boundary import runtime
from api.extensions import db
from api.web import display
from api.web.blueprint import bp
from api.web.i18n import current_language, translated
from api.web.session import officer
from engine import access, inbox_list, kinds
from engine.errors import Invalid


@bp.get("/audit/kasus")
@login_required
def audit_cases():
    """The search form; with ``q``, the open and the finished cases it matches (``process`` narrows them)."""
    user = officer()
    access.require_auditor(user)
    locale = current_language()
    typed = {key: request.args.get(key, "").strip() for key in ("q", "process")}
    processes = [(kind, display.process_label(kind, locale)) for kind in kinds.ALL]
    page = {"typed": typed, "processes": processes, "errors": {}, "opened": None, "closed": None}
    page["needs_words"] = bool(typed["process"] and not typed["q"])  # a process alone finds nothing: say so
    try:
        filters = inbox_list.parse(typed)
    except Invalid as error:
        page["errors"] = {key: "; ".join(map(translated, messages)) for key, messages in error.fields.items()}
        return render_template("audit_cases.html", **page), 422
    rt = runtime()
    found = inbox_list.search(db.session, rt, user, filters)
    if found is not None:
        # No task is listed here: every open case matched is (the inbox leaves out those its tasks show).
        opened = inbox_list.open_cases(db.session, rt, user, filters, found, exclude_listed=False)
        page["opened"] = _labelled(opened, locale)
        page["closed"] = _labelled(inbox_list.closed_cases(db.session, rt, user, filters, found), locale)
    return render_template("audit_cases.html", **page)


def _labelled(cases: inbox_list.Cases, locale: str) -> inbox_list.Cases:
    """A search's cases with their process and stage in the visitor's words (as the inbox labels its own)."""
    for item in cases.items:
        item["process_label"] = display.process_label(item["kind"], locale)
        item["stage_label"] = display.stage_label(item["status"], locale)
    return cases
