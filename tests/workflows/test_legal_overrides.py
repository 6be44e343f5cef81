"""Issue 13, point 1: the admin's override table reaches the lenient calendar as well as the strict one.

Every requester window (O30, D14) and every timeliness verdict is counted on the lenient calendar, so an
office closure entered by the admin must move them too.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from engine.calendar import CALENDARS
from engine.models import HolidayOverrideRow
from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)

WIB = ZoneInfo("Asia/Jakarta")


def test_override_table_reaches_the_lenient_calendar_d14_from_16_december_2027_ends_7_january(
    settings, session_factory_
):
    """D14 (UU 14/2008 Pasal 37(2)), 14 working days on the lenient calendar from Thu 16 Dec 2027, 10:00 WIB.

    Without the override: Fri 17 (1), Mon 20 (2), Tue 21 (3), Wed 22 (4), Thu 23 (5); Fri 24 Dec is
    Cuti Bersama Natal, Sat 25 Natal (a weekend anyway); Mon 27 (6), Tue 28 (7), Wed 29 (8), Thu 30 (9),
    Fri 31 (10); Sat 1 Jan 2028; Mon 3 (11), Tue 4 (12), Wed 5 (13), Thu 6 Jan 2028 (14).
    With the office closed on Fri 31 Dec 2027 (an override row for both calendars) the count shifts by
    one: Thu 6 is the 13th working day and Fri 7 Jan 2028 the 14th.
    """
    with session_factory_.begin() as s:
        s.add(
            HolidayOverrideRow(
                day=date(2027, 12, 31),
                is_working=False,
                reason="Kantor tutup akhir tahun",
                calendars=",".join(CALENDARS),
                created_at=datetime(2027, 12, 1, tzinfo=WIB),
                created_by="admin",
            )
        )
    rt = Runtime(settings)
    start = datetime(2027, 12, 16, 10, 0, tzinfo=WIB)
    assert rt.calendars["lenient"].add_working_days(start, 14).due_date == date(2028, 1, 6)  # no table yet
    with session_factory_() as s:
        rt.load_overrides(s)
    lenient = rt.calendars["lenient"].add_working_days(start, 14)
    assert lenient.due_date == date(2028, 1, 7)
    assert {(d.day, d.kind) for d in lenient.skipped} >= {(date(2027, 12, 31), "override")}
    # The strict calendar, which counts Cuti Bersama Natal (24 Dec) as a working day, moves as well:
    # 17, 20, 21, 22, 23, 24, 27, 28, 29, 30 (10), [31 closed], 3, 4, 5, 6 Jan 2028 (14) instead of 5 Jan.
    assert rt.calendars["strict"].add_working_days(start, 14).due_date == date(2028, 1, 6)
