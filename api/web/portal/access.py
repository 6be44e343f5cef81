"""The access code at the portal: its two fields, the verified-ticket marker and the wrong-code count.

The code is a credential: typed into a POST form, never put in a URL or a log. After a successful
look-up the session keeps a marker of the verified tickets (never the code) for ``VERIFIED_FOR``
seconds of inactivity.
"""

from __future__ import annotations

import time

from flask import Response, session
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from api.extensions import db
from api.web import schema_form
from engine import chain
from engine.models import Case

VERIFIED_KEY = "portal_verified"  # tickets whose code was given, and until when (never the code)
TRIES_KEY = "portal_wrong_codes"
VERIFIED_FOR = 15 * 60  # seconds without activity before the code must be typed again (a shared computer)
WRONG_CODE_LIMIT = 10  # wrong ticket/code pairs a browser session may try within WRONG_CODE_WINDOW
WRONG_CODE_WINDOW = 15 * 60
NOT_FOUND = _l("We found no case with this ticket and access code. Check both and try again.")


def code_fields(form, keep_code: bool = True) -> list[schema_form.Field]:
    code_attrs = {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
    return [
        schema_form.Field(
            "ticket",
            _("Ticket number of your request"),
            "text",
            required=True,
            hint=_("As printed on your receipt, for example PPID-2026-000123."),
            attrs={"autocomplete": "off", "autocapitalize": "characters"},
            value=form.get("ticket", ""),
        ),
        schema_form.Field(
            "access_code",
            _("Access code"),
            "text",
            required=True,
            hint=_("The code you received with the ticket."),
            attrs=code_attrs,
            value=form.get("access_code", "") if keep_code else "",
        ),
    ]


def remember(case: Case) -> None:
    """Mark the ticket, and the cases of its chain that open with the same code, as verified here."""
    same_code = [m.ticket for m in chain.members(db.session, case) if m.access_code_hash == case.access_code_hash]
    session[VERIFIED_KEY] = {"ticket": case.ticket, "tickets": same_code or [case.ticket], "until": _later()}
    session.pop(TRIES_KEY, None)


def _later() -> float:
    return time.time() + VERIFIED_FOR


def verified_case(ticket: str | None = None) -> Case | None:
    """The case the visitor opened with its code not long ago (``ticket``: another case of its chain)."""
    marker = session.get(VERIFIED_KEY)
    if not marker or marker.get("until", 0) < time.time():
        session.pop(VERIFIED_KEY, None)
        return None
    wanted = (ticket or marker["ticket"]).strip().upper()
    if wanted not in marker["tickets"]:
        return None
    case = db.session.scalar(select(Case).where(Case.ticket == wanted))
    if case is not None:
        session[VERIFIED_KEY] = {**marker, "ticket": wanted, "until": _later()}
    return case


def too_many_wrong_codes() -> bool:
    tries = session.get(TRIES_KEY)
    if not tries or tries["since"] + WRONG_CODE_WINDOW < time.time():
        return False
    return tries["count"] >= WRONG_CODE_LIMIT


def count_wrong_code() -> None:
    tries = session.get(TRIES_KEY)
    if not tries or tries["since"] + WRONG_CODE_WINDOW < time.time():
        tries = {"count": 0, "since": time.time()}
    session[TRIES_KEY] = {**tries, "count": tries["count"] + 1}


def too_many_message():
    return _("Too many wrong attempts. Wait %(minutes)d minutes and try again.", minutes=WRONG_CODE_WINDOW // 60)


def office_tz(rt):
    return rt.calendars["strict"].tz


def no_store(body, code: int = 200) -> Response:
    response = Response(body, code, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response
