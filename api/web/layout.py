"""What base.html shows on every page: the navigation for the officer's groups and the task counter.

A page added later joins the navigation by appending a ``NavItem`` to ``NAV`` (an item whose
endpoint is not registered is left out, so a half-built area never shows a dead link).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g, request, url_for
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from api.boundary import runtime
from api.extensions import db
from api.language import LANGUAGES
from api.web import display
from api.web.urls import here
from engine import access, inbox_list, reveal_queue


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object  # a lazy gettext string
    groups: frozenset[str] | None = None  # None: every logged-in officer
    trailing: bool = False  # after every other item (appended later too): a page that is nobody's first

    def shown_to(self, groups: frozenset[str]) -> bool:
        return self.groups is None or bool(self.groups & groups)


# Groups whose members work tasks (the BPMN lanes): they have an inbox and a task counter.
LANE_GROUPS = frozenset(access.SUPERIOR_OF) | frozenset(access.SUPERIOR_OF.values())

NAV: list[NavItem] = [
    NavItem("web.inbox", _l("Inbox"), LANE_GROUPS),
    NavItem("web.workload", _l("Workload"), frozenset(access.SUPERIOR_OF.values())),
    NavItem("web.absences", _l("Leave"), LANE_GROUPS),
    NavItem("web.audit", _l("Auditor console"), frozenset({"auditor"})),
    NavItem("web.audit_cases", _l("Find a case"), frozenset({"auditor"})),  # the auditor has no inbox to search
    # After the first page of each group (an officer lands on the first item: session.landing).
    NavItem("web.dashboard_page", _l("Dashboard"), access.DASHBOARD_READERS | access.COMPLAINT_REPORT_READERS),
    NavItem("web.reports_home", _l("Registers and reports"), access.REPORT_READERS | access.COMPLAINT_FIGURE_READERS),
    # Every other officer opens one page behind it, the register of exempt information (api.web.reports: every
    # officer reads it): a unit's officers and the administrators find it after their own pages, where they land.
    NavItem("web.reports_home", _l("Registers and reports"), access.STAFF_GROUPS, trailing=True),
]


def nav_items() -> list[dict]:
    if not current_user.is_authenticated:
        return []
    groups = current_user.group_codes
    shown = [
        item
        for item in sorted(NAV, key=lambda item: item.trailing)  # stable: each part keeps its order
        if item.endpoint in current_app.view_functions and item.shown_to(groups)
    ]
    endpoints = [item.endpoint for item in shown]
    return [
        {"url": url_for(item.endpoint), "label": item.label, "current": request.endpoint == item.endpoint}
        for n, item in enumerate(shown)
        if item.endpoint not in endpoints[:n]  # a page shown once, at its first place
    ]


def case_home() -> dict:
    """Where a case page's breadcrumb leads back to: the inbox of an officer who works tasks, the case search of an
    auditor, who has no inbox (api.web.audit_cases)."""
    groups = current_user.group_codes if current_user.is_authenticated else frozenset()
    if "auditor" in groups and not groups & LANE_GROUPS:
        return {"url": url_for("web.audit_cases"), "label": _l("Find a case")}
    return {"url": url_for("web.inbox"), "label": _l("Inbox")}


def task_counts() -> dict | None:
    """Open tasks in the officer's queue, how many are overdue and how many are theirs (once a request); for a WBS
    manager, also how many identity reveals wait for their decision (engine.reveal_queue; None for anyone else).
    A superior's overdue count is of the whole unit's lanes they answer for (engine.inbox_list.overdue_tasks), not
    of their own queue that "Open" counts: the header says so ("Lewat batas: 4 (seluruh unit)"), and links to that
    list."""
    if not current_user.is_authenticated or not (current_user.group_codes & LANE_GROUPS):
        return None
    if "task_counts" not in g:  # one counting statement (engine.inbox_list), however long the queue
        user = current_user.user
        counts = inbox_list.counts(db.session, runtime(), user)
        g.task_counts = {
            **counts,
            "overdue_scope": "all" if access.is_superior(user) else "group",
            "reveals": reveal_queue.count(db.session, user),
        }
    return g.task_counts


def agency_name() -> str:
    """The public body's name (``KAWAL_AGENCY_NAME``), in every page's header as on every export."""
    return runtime().settings.agency_name


def office_name() -> str:
    """The office's own name (``KAWAL_OFFICE_NAME``, the letterhead's second line), in every page's header: one Kanwil's
    portal is told from another's."""
    return runtime().settings.office_name


def text_number() -> str | None:
    """The number the public texts a status question to (``KAWAL_TEXT_NUMBER``), when the gateway that passes it
    on is configured (``KAWAL_WEBHOOK_SECRET``): the portal's receipt and lookup pages print it."""
    settings = runtime().settings
    return settings.text_number if settings.webhook_secret else None


def init_app(app) -> None:
    app.jinja_env.globals.update(
        nav_items=nav_items,
        task_counts=task_counts,
        case_home=case_home,
        here=here,
        agency_name=agency_name,
        office_name=office_name,
        text_number=text_number,
        languages=LANGUAGES,  # each language by its own name: "Bahasa Indonesia", "English"
    )
    app.jinja_env.filters.update(
        office_date=display.office_date,
        office_datetime=display.office_datetime,
        office_day=display.office_day,
        iso_date=display.iso_date,
        task_count=display.task_count,
        group_label=display.group_label,
        channel_label=display.channel_label,
        calendar_label=display.calendar_label,
        legal_basis=display.legal_basis,
        file_size=display.file_size,
        attachment_name=display.attachment_name,  # "lampiran-1.pdf" as "attachment-1.pdf" to an English reader
        officer_name=display.officer_name,
        number=format_decimal,  # 25.000 in Bahasa Indonesia, 25,000 in English
    )
