"""How Kawal's facts read on a page: due states, dates, process and stage labels, task titles.

Nothing here is stored: a due state is derived from the stored due date each time it is shown
(STYLE.md rule 6), and labels come from the engine's bilingual vocabularies where it has them.
"""

from __future__ import annotations

import re
from datetime import datetime

from babel import dates as babel_dates
from flask import g
from flask_babel import format_date, format_datetime, format_decimal, format_number, get_timezone
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from api.extensions import db
from api.reports.labels import CHANNELS
from api.web.i18n import current_language
from engine import chain, citations, clock, inbox_list, kinds, queries, status
from engine.models import HumanTask, User
from engine.runtime import Runtime

# A task is "due soon" from this many working days before its due date: the first reminder of the
# BPMN reminder policies ("-3:group") goes out then, so the inbox and the e-mails agree.
DUE_SOON_WORKING_DAYS = 3

OVERDUE, DUE_SOON, ON_TRACK, NO_DEADLINE = "overdue", "due_soon", "on_track", "none"
# Past on the strict (earliest) reading, still open on the lenient one, for a task refused only once its deadline
# lapsed on every reading (api.web.lenient_window): the office counts itself late only then (legal-process.md §2.2),
# so not "Overdue".
STRICT_PASSED = "strict_passed"
DUE_STATES = {
    OVERDUE: _l("Overdue"),
    STRICT_PASSED: _l("Past on the earliest reading"),
    DUE_SOON: _l("Due soon"),
    ON_TRACK: _l("On track"),
    NO_DEADLINE: _l("No deadline"),
}
# The groups (BPMN lanes) as officers call them; the code is never shown.
GROUP_LABELS = {
    "petugas_layanan": _l("Front-desk officers"),
    "ppid": _l("PPID"),
    "unit_pengolah": _l("Processing unit"),
    "atasan_ppid": _l("PPID superior"),
    "pimpinan": _l("Head of the public body"),
    "tim_pengaduan": _l("Complaint team"),
    "pengelola_wbs": _l("WBS managers"),
    "auditor": _l("Auditors"),
    "admin": _l("Administrators"),
}
# How a case reached the office (engine.models.Case.channel), named as the registers name it.
CHANNEL_LABELS = CHANNELS
# The two readings of the working-day calendar (engine.calendar).
CALENDAR_LABELS = {"strict": _l("earliest reading"), "lenient": _l("latest reading")}
# The complaint process is not part of the request chain, so engine.chain has no label for it.
COMPLAINT_LABEL = ("Pengaduan Masyarakat", "Public complaint")


def due_state(due_at: datetime | None, working_days_left: int | None, as_of: datetime | None = None) -> str:
    """Overdue, due soon, on track or no deadline, now (or ``as_of``: a closed task's when it closed)."""
    if due_at is None:
        return NO_DEADLINE
    if due_at < (as_of or clock.now()):
        return OVERDUE
    if as_of is not None:  # closed in time: nothing is "due soon" any more
        return ON_TRACK
    if working_days_left is not None and working_days_left <= DUE_SOON_WORKING_DAYS:
        return DUE_SOON
    return ON_TRACK


def task_count(count: inbox_list.Count) -> str:
    """A count of tasks in the reader's numbers: "1.000+" in Indonesian when counting stopped (inbox_list.Count)."""
    return format_number(count.value) + ("+" if count.more else "")


def group_label(code: str | None) -> str:
    return str(GROUP_LABELS.get(code, code or ""))


def channel_label(code: str | None) -> str:
    return str(CHANNEL_LABELS.get(code, code or ""))


def calendar_label(code: str | None) -> str:
    return str(CALENDAR_LABELS.get(code, code or ""))


def legal_basis(text: str | None) -> str:
    """A deadline's stored legal basis (Indonesian) as the page's language writes it (engine.citations)."""
    return citations.legal_basis(text, current_language())


def _index(locale: str) -> int:
    return 1 if locale == "en" else 0


def process_label(process: str, locale: str) -> str:
    if process == kinds.COMPLAINT:
        return COMPLAINT_LABEL[_index(locale)]
    return chain.kind_label(process, locale)


def stage_label(code: str, locale: str) -> str:
    return status.label(code, locale)


def task_title(rt: Runtime, task: HumanTask, locale: str) -> str:
    """The task's name in the visitor's language: the BPMN name, or its form's English title."""
    return queries.task_title(rt, task, locale)


def task_instructions(rt: Runtime, task: HumanTask, locale: str) -> str | None:
    """The task's instructions in the visitor's language (``engine.queries.task_instructions``)."""
    return queries.task_instructions(rt, task, locale)


def office_date(value: datetime | None) -> str:
    """``16 Des 2026`` / ``16 Dec 2026``, the day in the office's time zone."""
    return format_date(value, "d MMM y") if value is not None else "—"


def iso_date(value: str | None) -> str:
    """An ISO 8601 date or instant kept as text (a form's date field, a chronology row) as ``office_date``."""
    if not value:
        return "—"
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:  # a bare date: the day itself, not an instant moved into the office's zone
        return format_date(parsed.date(), "d MMM y")
    return office_date(parsed)


def office_day(value) -> str:
    """A calendar day (a ``date``), ``16 Des 2026`` / ``16 Dec 2026``."""
    return format_date(value, "d MMM y") if value is not None else "—"


def office_datetime(value: datetime | None) -> str:
    """``16 Des 2026, 16:00 WIB``: the zone is named as Indonesians name it, in either language."""
    if value is None:
        return "—"
    zone = babel_dates.format_datetime(value, "zzz", tzinfo=get_timezone(), locale="id")
    return f"{format_datetime(value, 'd MMM y, HH:mm')} {zone}"


# A reporter's file is kept under a neutral name (engine.scrub: "lampiran-1.pdf", never the name it had on their
# device); it is shown and downloaded under that name in the reader's language ("attachment-1.pdf"), kept as stored.
NEUTRAL_FILE_NAME = re.compile(r"lampiran-(\d+)(\.[A-Za-z0-9]+)?")


def attachment_name(name: str | None) -> str:
    """A stored file's name as the reader reads it: a neutral one (``NEUTRAL_FILE_NAME``) in their language."""
    neutral = NEUTRAL_FILE_NAME.fullmatch(name or "")
    if neutral is None:
        return name or ""
    return _("attachment-%(num)s", num=neutral[1]) + (neutral[2] or "")


def file_size(size: int | None) -> str:
    """A file's size as the reader writes numbers: "36,8 KB" in Indonesian, "1.2 MB" in English."""
    size = size or 0
    if size >= 1024 * 1024:
        return f"{format_decimal(size / (1024 * 1024), format='#,##0.0')} MB"
    return f"{format_decimal(max(size, 1) / 1024, format='#,##0.0')} KB"


# The server's own commands, as the pages name the one who ran them (an account's or a unit's record, ``cli``).
SERVER_COMMANDS = {
    "users": _l("the server (kawal users)"),
    "units": _l("the server (kawal units)"),
    "calendar": _l("the server (kawal calendar)"),
}


def changed_by(actor: str, command: str) -> str:
    """Who made an administrative change: an officer by name, or the server's ``kawal users`` / ``kawal units``."""
    return str(SERVER_COMMANDS[command]) if actor == "cli" else officer_name(actor)


def officer_name(username: str | None) -> str:
    """An officer as the pages name them (their display name), not by their login; once per request and name."""
    if not username:
        return ""
    known = g.setdefault("officer_names", {})
    if username not in known:
        name = db.session.scalar(select(User.display_name).where(User.username == username))
        known[username] = name or username
    return known[username]
