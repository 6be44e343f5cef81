"""An officer's NIP (Nomor Induk Pegawai): the civil servant's number, printed under their name on the letters they
sign (engine.letters.signers).

A NIP is 18 digits, often written in groups ("19700101 199003 2 001"): the birth date (YYYYMMDD) in digits 1-8, the
month of appointment (YYYYMM) in 9-14, the sex in 15 (1 a man, 2 a woman), a serial number in 16-18. It is kept as
its 18 digits alone (the database checks their number and kind: ``User.nip``); an officer who is not a civil servant
(honorer, PPNPN) has none. A refusal names the part that is wrong, never the digits: a NIP is personal data.
"""

from __future__ import annotations

import re
from datetime import date

from engine.messages import Message, msg

LENGTH = 18
FIRST_YEAR = 1900  # no officer serving today was born, nor appointed, before it: an earlier year is a typo
_DIGITS = re.compile(rf"[0-9]{{{LENGTH}}}")


def normalized(raw: str | None) -> str | None:
    """The NIP as typed without the spaces that group it; None when nothing was typed (the officer has none)."""
    return "".join((raw or "").split()) or None


def problem(nip: str | None) -> Message | None:
    """Why ``nip`` (``normalized``) is not a NIP, naming the part that is wrong; None for a NIP, or for none."""
    if nip is None:
        return None
    if not _DIGITS.fullmatch(nip):
        return msg("nip_digits", length=LENGTH)
    if not _real(int(nip[0:4]), int(nip[4:6]), int(nip[6:8])):
        return msg("nip_birth_date")
    if not _real(int(nip[8:12]), int(nip[12:14]), 1):
        return msg("nip_appointment")
    if nip[14] not in "12":
        return msg("nip_sex")
    return None


def _real(year: int, month: int, day: int) -> bool:
    if year < FIRST_YEAR:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
