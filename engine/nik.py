"""A person's NIK (Nomor Induk Kependudukan, UU 24/2013) as a filer types it: refused when it cannot exist.

A NIK is 16 digits: the region (2 province, 2 regency or city, 2 district), the birth date as DDMMYY (a woman's day
+ 40: 01-31 or 41-71), and a serial number 0001-9999. The forms that ask for one (a request's and an objection's
requester, a complaint's reporter; the desk's correction of a requester's data) check it through the JSON Schema
format ``nik`` (engine.forms), which calls ``problem`` here: one rule for every way in.

Only what no NIK can be is refused, naming the part that is wrong, never the digits (a NIK is personal data):

- the region: a province code below 11 or ending in 0 (Kemendagri numbers the provinces of each island group from
  1: 11 Aceh ... 96 Papua Barat Daya), a regency or district 00;
- the birth date: a day or month out of range, or a date no year of that century has (29 February of a year that is
  not a leap year in either century: the two digits do not say which);
- the serial: 0000.

A province or regency code the office's table lacks is not refused (a province made later keeps its NIKs; the
table is the office's, not the civil registry's): the case page flags it for the desk to check against the ID card
(api.web.facts, engine.pii_scan's stricter reading). A value that is not 16 digits is another kind of identity
number (a legal entity's decree number, a foreigner's passport where the form takes one): left to the form's own
pattern.
"""

from __future__ import annotations

import re

from engine import pii_scan
from engine.messages import Message, msg

LENGTH = 16
_SEPARATORS = re.compile(r"[\s.-]")  # "3171 2345 0789 0001" and "3171.2345.0789.0001" are read as the 16 digits


def digits(value: str) -> str | None:
    """The NIK ``value`` is as 16 digits (its grouping spaces, dots or dashes dropped), or None when it is not one."""
    bare = _SEPARATORS.sub("", value)
    return bare if len(bare) == LENGTH and bare.isdigit() else None


def problem(value: str) -> Message | None:
    """Why ``value`` cannot be a NIK, naming the part; None for a possible NIK, and for a value that is not 16 digits
    (another kind of identity number, or a typo the form's pattern refuses in its own words)."""
    nik = digits(value)
    if nik is None:
        return None
    province, regency, district = nik[0:2], nik[2:4], nik[4:6]
    if int(province) < 11 or province.endswith("0") or regency == "00" or district == "00":
        return msg("nik_region")
    if not pii_scan.birth_date_valid(nik[6:12]):
        return msg("nik_birth_date")
    if nik[12:] == "0000":
        return msg("nik_serial")
    return None


class NotANik(ValueError):
    """Raised by the forms' ``nik`` format check: its ``message`` says which part cannot exist."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message
