"""The team's confirmation that the reporter sent no evidence is dated after the reporter's window ended
(legal-process.md §2.2, §7.4; workflows/pengaduan.bpmn ``bukti_tidak_dikirim``, allowed_after BUKTI).

An acceptance walk asked for evidence on Tue 8 Dec 2026: the reporter's 30 days (BUKTI, on the reading that ends
latest) ran to Thu 7 Jan 2027, 16:00 WIB. The next morning the team recorded "Bukti tidak dikirim" dated 7 Jan and
Kawal accepted it: the complaint stood deemed withdrawn on a day the reporter could still send the evidence (the
refusal while the window ran already said "confirm it after that day"). A confirmation dated the window's last day is
refused (422, on the date field, in both languages); the page says the first day it may give; the day after is
accepted. (That evening after 16:00 the confirmation is not yet open at all: tests/web/test_complaint_lapse_evening.py.)
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from api.language import say
from engine.errors import Invalid
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a form's date check, nothing stored anew
from tests.web.pages import text
from tests.web.test_complaint_lapse_pages import EVENT, lapsed, short_day
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import RECEIVED, _awaiting_evidence, clock_today


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


WIB = ZoneInfo("Asia/Jakarta")


def _day_after(at) -> str:
    return short_day(at + timedelta(days=1))


def test_a_confirmation_dated_the_last_day_of_the_reporter_s_window_is_refused_on_its_date_in_both_languages(
    office, clock
):
    ticket, _code = _awaiting_evidence(office)
    ended = office.deadline(ticket, "BUKTI").due_at  # 16:00 WIB on its last day, on the latest reading
    clock.move_to(ended + timedelta(hours=17))  # the next morning, 09:00 WIB
    office.run(ticket)
    last_day = (ended + timedelta(hours=1)).astimezone(WIB).date().isoformat()
    with pytest.raises(Invalid) as refused:  # the walk's confirmation: recorded the next morning, dated the last day
        office.message(ticket, EVENT, {"tanggal": last_day}, "tim")
    (field,) = refused.value.fields["tanggal"]
    assert say(field, "id") == (
        "jangka waktu pelapor untuk menyampaikan data atau bukti berlangsung sampai "
        f"{short_day(ended)} menurut pembacaan paling akhir: konfirmasi bahwa jangka waktu itu berakhir bertanggal "
        f"{_day_after(ended)} atau sesudahnya"
    )
    assert say(field, "en") == (
        f"the reporter's time to supply data or evidence runs until {short_day(ended, 'en')} on the latest reading: "
        f"a confirmation that it ended is dated {short_day(ended + timedelta(days=1), 'en')} or later"
    )
    assert office.case(ticket).status == "menunggu_kelengkapan_pelapor"
    office.message(ticket, EVENT, {"tanggal": clock_today()}, "tim")
    assert office.case(ticket).status == "dianggap_dicabut"


def test_the_confirmation_page_says_the_first_day_it_may_give_and_refuses_the_last_day_of_the_window_with_422(
    office, clock, browser
):
    ticket, _code, ended = lapsed(office, clock)  # the next morning
    team = browser("tim")
    page = text(team.get(f"/kasus/{ticket}/peristiwa/{EVENT}"))
    assert f"Waktu pelapor untuk melengkapi data/bukti yang diminta berakhir pada {short_day(ended)}." in page
    assert f"Tanggal konfirmasi: {_day_after(ended)} atau sesudahnya, paling lambat hari ini." in page
    refused = team.post(
        f"/kasus/{ticket}/peristiwa/{EVENT}",
        data={"tanggal": ended.date().isoformat(), "keterangan": "Tidak ada jawaban."},
    )
    assert refused.status_code == 422
    assert f"bertanggal {_day_after(ended)} atau sesudahnya" in text(refused)
    assert office.case(ticket).status == "menunggu_kelengkapan_pelapor"
    team.get("/bahasa/en")
    page = text(team.get(f"/kasus/{ticket}/peristiwa/{EVENT}"))
    assert f"Date of the confirmation: {short_day(ended + timedelta(days=1), 'en')} or later" in page
