"""The team's confirmation that the reporter sent no evidence opens the day after the window's last day
(legal-process.md §2.2, §7.4; workflows/pengaduan.bpmn ``bukti_tidak_dikirim``, allowed_after BUKTI).

A reviewer found that on the evening of the window's last day (after 16:00 WIB, its end) the confirmation was open
(engine.windows allowed it once the due time passed) while every date was refused (engine.casework.check_event_dates
asks for a date after the last day, and none later than today). It now waits until the day after the last day, from
its start in the office's time zone (409, saying from which date, in both languages); the team's mail about the
lapse says the same date. The day is reckoned by one function (engine.windows.confirm_from) for the refusal, the date
check, the confirmation's page, the waiting list and the mail.

Python's decisions on SQLite alone: nothing new is stored."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from api.language import say
from engine import windows
from engine.errors import Conflict
from notifications.rendering import render
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a refusal's timing and wording
from tests.web.pages import text
from tests.web.test_complaint_lapse_pages import EVENT, short_day
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import RECEIVED, _awaiting_evidence, clock_today

WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def test_on_the_evening_of_the_last_day_the_confirmation_waits_for_the_next_day_and_says_from_when(office, clock):
    ticket, _code = _awaiting_evidence(office)
    ended = office.deadline(ticket, "BUKTI").due_at  # 16:00 WIB on its last day, on the latest reading
    clock.move_to(ended + timedelta(hours=1))  # that evening: the window has ended, its day is still the reporter's
    office.run(ticket)
    with pytest.raises(Conflict) as early:
        office.message(ticket, EVENT, {"tanggal": clock_today()}, "tim")
    assert early.value.reason == "window_not_ended"
    next_day = ended + timedelta(days=1)
    assert say(early.value.message, "id").endswith(f"konfirmasikan mulai {short_day(next_day)}")
    assert say(early.value.message, "en").endswith(f"confirm it from {short_day(next_day, 'en')}")
    clock.move_to(datetime.combine(next_day.astimezone(WIB).date(), datetime.min.time(), WIB) - timedelta(minutes=1))
    with pytest.raises(Conflict):  # 23:59 WIB on the last day
        office.message(ticket, EVENT, {"tanggal": clock_today()}, "tim")
    clock.move_to(datetime.combine(next_day.astimezone(WIB).date(), datetime.min.time(), WIB) + timedelta(minutes=1))
    office.message(ticket, EVENT, {"tanggal": clock_today()}, "tim")  # 00:01 WIB the next day, dated that day
    assert office.case(ticket).status == "dianggap_dicabut"


def test_the_evening_s_refusal_on_the_page_says_from_which_date(office, clock, browser):
    ticket, _code = _awaiting_evidence(office)
    ended = office.deadline(ticket, "BUKTI").due_at
    clock.move_to(ended + timedelta(hours=1))
    office.run(ticket)
    team = browser("tim")
    assert team.get(f"/kasus/{ticket}/peristiwa/{EVENT}").status_code == 200  # the form opens
    page = team.post(
        f"/kasus/{ticket}/peristiwa/{EVENT}",
        data={"tanggal": clock_today(), "keterangan": "Tidak ada jawaban."},
        follow_redirects=True,
    )
    assert f"konfirmasikan mulai {short_day(ended + timedelta(days=1))}" in text(page)
    assert office.case(ticket).status == "menunggu_kelengkapan_pelapor"


@pytest.mark.parametrize(
    ("event", "locale", "says"),
    [
        ("deadline_overdue", "id", "pada halaman kasus mulai 11 Februari 2027"),
        ("deadline_overdue", "en", "on the case's page from 11 February 2027"),
        ("deadline_reminder", "id", "pada halaman kasus mulai 11 Februari 2027"),
        ("deadline_reminder", "en", "on the case's page from 11 February 2027"),
    ],
)
def test_the_team_s_lapse_mail_says_the_date_from_which_to_confirm(event, locale, says):
    context = {
        "ticket": "ADU-2027-000001",
        "deadline": "BUKTI",
        "legal_basis": "UU 25/2009 Pasal 45",
        "due_at": "2027-02-10T16:00+07:00",
        "working_days_left": -1,
        "day_unit": "calendar_days",
    }
    # The overdue mail at 17:00 WIB on the last day; the "+1" reminder the next morning.
    at = (
        datetime(2027, 2, 10, 10, 0, tzinfo=UTC)
        if event == "deadline_overdue"
        else datetime(2027, 2, 11, 2, 0, tzinfo=UTC)
    )
    with time_machine.travel(at, tick=False):
        _subject, body = render(event, locale, context)
    assert says in body, body


def test_the_day_after_the_last_day_is_read_in_the_office_s_zone():
    """16:00 WIB on 10 Feb is 09:00 UTC the same day; 23:30 WIB on 10 Feb is 16:30 UTC: still 10 Feb in the office."""
    zone = WIB
    assert windows.confirm_from(datetime(2027, 2, 10, 9, 0, tzinfo=UTC), zone).isoformat() == "2027-02-11"
    assert windows.confirm_from(datetime(2027, 2, 10, 16, 30, tzinfo=UTC), zone).isoformat() == "2027-02-11"
