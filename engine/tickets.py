"""Register numbers and access codes.

The ticket (``PPID-2026-000123``) is the register number: sequential, printed on the receipt, never a
credential. The access code is the secret that goes with it: 120 random bits in Crockford base32,
shown once, stored only as its SHA-256 (ASVS 6.5.2 allows a fast hash above 112 bits).
"""

import hashlib
import hmac
import secrets

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engine.models import TicketCounter

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_CHARS = 24  # x 5 bits = 120 bits
GROUP = 4
# Letters people confuse, read the way Crockford base32 reads them.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def next_ticket(session: Session, prefix: str, year: int) -> str:
    """The next register number of the year; atomic on SQLite and PostgreSQL alike."""
    return f"{prefix}-{year}-{next_in_series(session, prefix, year):06d}"


def next_in_series(session: Session, series: str, year: int) -> int:
    """The next value of a yearly counter (a register's, or a letter type's: engine.letters.numbering).

    The increment is one UPDATE ... RETURNING: the row stays locked until the transaction ends, so two
    transactions never get the same value; a rolled-back one gives its value back (nothing was issued).
    Plain statements on the table: no counter is ever held in the session as an object, and the change in
    hand needs nothing flushed for them.
    """
    for _ in range(3):
        last = session.execute(_INCREMENT, {"series": series, "in_year": year}).scalar()
        if last is not None:
            return last
        try:
            with session.begin_nested():
                session.execute(_CREATE, {"series": series, "in_year": year})
        except IntegrityError:
            pass  # another transaction created the counter first; increment it
    raise RuntimeError("could not allocate a number")


_COUNTERS = TicketCounter.__table__
_INCREMENT = (  # built once: every case and every letter takes a number
    update(_COUNTERS)
    .where(_COUNTERS.c.prefix == bindparam("series"), _COUNTERS.c.year == bindparam("in_year"))
    .values(last=_COUNTERS.c.last + 1)
    .returning(_COUNTERS.c.last)
)
_CREATE = insert(_COUNTERS).values(prefix=bindparam("series"), year=bindparam("in_year"), last=0)


def new_access_code() -> tuple[str, str]:
    """A fresh code as shown to the requester, and the hash to store."""
    raw = "".join(secrets.choice(CROCKFORD) for _ in range(CODE_CHARS))
    shown = "-".join(raw[i : i + GROUP] for i in range(0, CODE_CHARS, GROUP))
    return shown, hash_code(shown)


def normalize(code: str) -> str:
    return code.upper().replace("-", "").replace(" ", "").translate(_READ_AS)


def hash_code(code: str) -> str:
    return hashlib.sha256(normalize(code).encode()).hexdigest()


_DUMMY = hash_code("0" * CODE_CHARS)


def code_matches(stored_hash: str | None, code: str) -> bool:
    """Constant-time check; with no stored hash it still does the same work (no timing oracle)."""
    given = hash_code(code or "")
    return hmac.compare_digest(stored_hash or _DUMMY, given) and stored_hash is not None


def counter(session: Session, prefix: str, year: int) -> int:
    return (
        session.execute(
            select(TicketCounter.last).where(TicketCounter.prefix == prefix, TicketCounter.year == year)
        ).scalar()
        or 0
    )
