"""The access code at the portal: its two fields, the verified-ticket marker, and what a refusal says.

The code is a credential: typed into a POST form, never put in a URL or a log. After a successful
look-up a server-side session (engine.sessions) keeps the verified tickets (never the code) for
``VERIFIED_FOR`` seconds of inactivity; the cookie holds only its random id, so "close my case on this
device" ends it for a copy of the cookie too. The receipt shown after filing waits on the server the same
way (api.web.portal.receipts): the cookie, signed but readable, never holds a ticket, a code or a
reporter's mode. Wrong codes are counted in the database per ticket and per address (engine.codes,
through api.public), exactly as the API counts them; before, the count lived in the visitor's own
cookie, which a script simply drops.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Response, session
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from api.boundary import runtime
from api.extensions import db
from api.web import schema_form
from api.web.i18n import default_to, translated
from engine import chain, clock, sessions
from engine.errors import TooMany
from engine.letters.context import requester_locale
from engine.messages import msg
from engine.models import AuthSession, Case

VERIFIED_KEY = "portal_session"  # the id of the server-side session that holds the verified tickets
VERIFIED_FOR = 15 * 60  # seconds without activity before the code must be typed again (a shared computer)
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


# What an empty code field says, as a sentence of its own: the summary links it alone, and beside the field it reads
# on its own too ("Access code: is required" joined a label and the engine's "is required").
EMPTY = {"ticket": _l("Enter your ticket number."), "access_code": _l("Enter your access code.")}


def missing(form, names=("ticket", "access_code")) -> dict[str, list[str]]:
    """The code fields left empty, each said beside its field before any lookup: an empty ticket is not a case
    "not found" (nor, on the lost-code page, one a new code goes to)."""
    return {
        name: [str(EMPTY[name]) if name in EMPTY else translated(msg("required"))]
        for name in names
        if not (form.get(name) or "").strip()
    }


def remember(case: Case) -> None:
    """Mark the ticket, and the cases of its chain that open with the same code, as verified here.

    The tickets live in a server-side session; the cookie gets only its id. The caller commits.
    """
    same_code = [m.ticket for m in chain.members(db.session, case) if m.access_code_hash == case.access_code_hash]
    sessions.end(db.session, session.get(VERIFIED_KEY))  # one verified case at a time, as before
    data = {"ticket": case.ticket, "tickets": same_code or [case.ticket]}
    session[VERIFIED_KEY] = sessions.open_session(db.session, "portal", VERIFIED_FOR, data=data)
    in_its_language(case)


def forget() -> None:
    """End the visitor's verified session ("close my case on this device"); the caller commits."""
    sessions.end(db.session, session.pop(VERIFIED_KEY, None))


def _marker() -> AuthSession | None:
    """The visitor's open portal session (its row), or None once it has ended or lapsed."""
    row = sessions.find(db.session, "portal", session.get(VERIFIED_KEY))
    if row is None:
        session.pop(VERIFIED_KEY, None)
    return row


def verified_tickets() -> list[str]:
    row = _marker()
    return list(row.data.get("tickets", [])) if row is not None else []


def verified_case(ticket: str | None = None) -> Case | None:
    """The case the visitor opened with its code not long ago (``ticket``: another case of its chain)."""
    row = _marker()
    if row is None:
        return None
    wanted = (ticket or row.data["ticket"]).strip().upper()
    if wanted not in row.data["tickets"]:
        return None
    case = db.session.scalar(select(Case).where(Case.ticket == wanted))
    if case is not None:
        row.data = {**row.data, "ticket": wanted}
        sessions.extend(row, VERIFIED_FOR)
        db.session.commit()
        in_its_language(case)
    return case


def in_its_language(case: Case) -> None:
    """The case's own pages speak the language it was filed in (engine.languages.written_in: the requester's, an
    objection's own), unless the visitor chose one: who filed in English and comes back on another device, or from
    the link of their mail or letter, reads their case in English without looking for the switch."""
    default_to(lambda: requester_locale(runtime(), db.session, case))


def busy_message(refused: TooMany):
    """A refusal that passes with time (wrong codes, quotas), in the visitor's language, with the wait."""
    minutes = max(1, -(-refused.retry_after // 60))
    return _("Too many attempts from here. Wait %(minutes)d minutes and try again.", minutes=minutes)


def quota_refusal(refused: TooMany, form: str) -> dict:
    """What a filing form says when the public's quota refused it (engine.quotas): not an error of the form, whose
    fields stay as typed, but when it can be sent again and how the office takes ``form`` (``request``,
    ``objection``, ``complaint``, ``correction``) meanwhile (portal/_forms.html ``quota_notice``)."""
    minutes = max(1, -(-refused.retry_after // 60))
    return {"form": form, "minutes": minutes, "until": clock.now() + timedelta(seconds=refused.retry_after)}


def office_tz(rt):
    return rt.calendars["strict"].tz


def no_store(body, code: int = 200) -> Response:
    response = Response(body, code, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response
