"""Wrong access codes, counted in the database per ticket and per address (as the login throttle counts).

A ticket is a sequential register number, so the access code is the only secret; its 120 bits make
guessing hopeless, but unlimited tries still cost a hash each and fill logs. Every way in with a code
(the API's status, withdrawal, objection and complaint-message endpoints, the portal's status and
objection forms) goes through ``open_case``, with two limits within ``code_window_seconds``:

- ``code_max_failures_per_address`` wrong codes from one address, for any tickets: that address gets
  429 with Retry-After before its code is even checked;
- ``code_max_failures`` wrong codes for one ticket, from anywhere: every further wrong code for it is
  answered 429 instead of 404, while the right code still opens the case. A ticket number is public
  and sequential, so a hard lock would let anyone shut a requester out of their own case; the code
  itself (120 bits) is what keeps the case closed, as the password plus second factor does for an
  officer whose username strangers have tried (engine.throttle).

Before, the portal kept this count in the visitor's own cookie, which a script simply drops, and the
API kept none.

Why the ticket's limit does not lock: it would have to refuse the right code too, so a stranger sending ten wrong
codes every quarter of an hour, from rotating addresses, would keep the requester out for good (and a script could
shut every ticket of the office, which are sequential); a new code mailed for a lost one (engine.lost_codes) would be
locked out the same way. What a rotating client gains instead is a 2^-120 chance per try.

An address is counted by what one client holds (``quotas.counted_address``): an IPv6 address by its /64 network (a home
line, a phone or a rented server has a whole /64, which counted address by address let one client rotate through
2^64 budgets), an IPv4 address as it is (``::ffff:a.b.c.d`` too), anything else (a text's sender) as given.

Failures are ``Tally`` rows (engine.quotas); the address only as a keyed hash. A wrong code raises
``NotFound`` after adding its row: the boundary commits before answering, so it counts.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from engine import clock, quotas
from engine.casework import find_by_code  # the one rule for a ticket and its code
from engine.config import Settings
from engine.errors import NotFound, TooMany
from engine.models import Case

KIND = "wrong_code"


def _ticket_key(ticket: str | None) -> str:
    return "ticket:" + (ticket or "").strip().upper()[:60]


def _limited(session: Session, key: str, limit: int, window: timedelta) -> TooMany | None:
    """The refusal to give while ``key`` has ``limit`` wrong codes in the window, else None."""
    if quotas.count(session, KIND, key, clock.now() - window) < limit:
        return None
    wait = quotas.retry_after(session, KIND, key, window)
    minutes = max(1, -(-wait // 60))
    return TooMany("too_many_codes", minutes=minutes, retry_after=wait)


def open_case(session: Session, settings: Settings, ticket: str | None, code: str | None, address: str | None) -> Case:
    """The case of ``ticket`` when ``code`` is its access code.

    A wrong pair is counted, then NotFound (or TooMany once the ticket has had too many). Raises
    TooMany at once while the address has had too many.
    """
    window = timedelta(seconds=settings.code_window_seconds)
    where = quotas.address_key(settings, address)
    refused = _limited(session, where, settings.code_max_failures_per_address, window)
    if refused is not None:
        raise refused
    try:
        return find_by_code(session, ticket or "", code or "")
    except NotFound:
        refused = _limited(session, _ticket_key(ticket), settings.code_max_failures, window)
        quotas.add(session, KIND, _ticket_key(ticket))
        quotas.add(session, KIND, where)
        if refused is not None:
            raise refused from None
        raise
