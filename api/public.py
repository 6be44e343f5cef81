"""The public's way in, without an account: access codes and quotas, checked before acting.

Thin wrappers over engine.codes and engine.quotas for the API and the portal. A refusal has added its
own count (a wrong code, a refused filing); it is committed here before the refusal is raised, so the
error handler's rollback cannot undo it.
"""

from __future__ import annotations

from flask import current_app

from api.auth import client_address
from api.extensions import db
from engine import casework, codes, quotas
from engine.errors import KawalError, NotFound, TooMany
from engine.models import Case


def _settings():
    return current_app.config["KAWAL"]


def case_by_code(ticket: str | None, code: str | None) -> Case:
    """The case a ticket and its access code open (NotFound for a wrong pair, TooMany after many).

    The first use of a new code mailed for a lost one ends the old code (engine.lost_codes): committed here,
    so that it holds whatever the request does next.
    """
    try:
        case = codes.open_case(db.session, _settings(), ticket, code, client_address())
    except (NotFound, TooMany):
        db.session.commit()
        raise
    if db.session.info.pop(casework.NEW_CODE_TAKEN, False):
        db.session.commit()
    return case


def admit_filing() -> None:
    """Count a filing by the public (not by an officer), or refuse it past the address's quota."""
    try:
        quotas.admit_filing(db.session, _settings(), client_address())
    except KawalError:
        db.session.commit()
        raise


def admit_message(case: Case, size: int) -> None:
    """Count a reporter's message and its attachment bytes, or refuse it (quota, disk nearly full)."""
    try:
        quotas.admit_message(db.session, _settings(), case, client_address(), size)
    except KawalError:
        db.session.commit()
        raise
