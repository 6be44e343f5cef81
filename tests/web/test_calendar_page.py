"""The working calendar's page (/kalender, api.web.calendar): the admin checks a year's holidays and cuti bersama
against the SKB, enters an override that moves the open deadlines at once, removes it, and confirms a year
(legal-process.md §2); every officer reads it; a refusal comes back beside its field and changes nothing."""

import html
from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_deadlines_and_overrides import EXTRA_DAY_OFF, T10, T10_AFTER_EXTRA_DAY_OFF, _deadlines
from tests.web.pages import text

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB: T10 on Wed 16 Dec
DAY_OFF = {"day": EXTRA_DAY_OFF["day"], "reason": EXTRA_DAY_OFF["reason"], "kind": "holiday"}
BOTH = {"calendars": ["strict", "lenient"]}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def page_of(response) -> str:
    return html.unescape(text(response))


def test_the_admin_reads_the_year_s_days_off_by_reading_and_what_the_package_only_estimates(browser):
    admin = browser("admin")
    page = page_of(admin.get("/kalender?tahun=2027"))
    assert "Kalender kerja 2027" in page
    assert 'href="/kalender"' in page  # in the admin's navigation
    assert "Jumat, 5 Feb 2027" in page  # with its weekday, to check against the SKB's table
    assert "Cuti Bersama Tahun Baru Imlek" in page
    assert "Cuti bersama: hanya pembacaan paling akhir" in page
    assert "Hari Raya Idul Fitri (perkiraan) · <strong>periksa tanggalnya pada SKB</strong>" in page


def test_an_override_moves_the_open_deadlines_at_once_and_its_removal_moves_them_back(browser, desk, client, login):
    ticket = desk.submit()["ticket"]
    assert _deadlines(client, login, ticket)["T10"]["due_at"] == T10
    admin = browser("admin")
    admin.get("/kalender?tahun=2026")
    added = admin.post("/kalender/penyesuaian", {**DAY_OFF, **BOTH})
    assert added.status_code == 303, text(added)
    page = page_of(admin.get(added.headers["Location"]))
    assert "Penyesuaian telah disimpan. Batas waktu berjalan yang bergeser: 1, pada 1 kasus." in page
    assert "Senin, 7 Des 2026" in page
    assert EXTRA_DAY_OFF["reason"] in page
    assert _deadlines(client, login, ticket)["T10"]["due_at"] == T10_AFTER_EXTRA_DAY_OFF
    (override_id,) = [o["id"] for o in client.get("/api/v1/calendar/overrides", headers=login("admin")).json["items"]]
    removed = admin.post(f"/kalender/penyesuaian/{override_id}/hapus", {})
    assert removed.status_code == 303
    assert "Penyesuaian telah dihapus." in page_of(admin.get(removed.headers["Location"]))
    assert _deadlines(client, login, ticket)["T10"]["due_at"] == T10
    again = admin.post(f"/kalender/penyesuaian/{override_id}/hapus", {})  # a second click
    assert "Penyesuaian itu sudah tidak ada." in page_of(admin.get(again.headers["Location"]))


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({**DAY_OFF, "reason": "", **BOTH}, "reason", "wajib diisi"),
        ({**DAY_OFF, "day": "7/12/2026", **BOTH}, "day", ""),
        ({**DAY_OFF, "kind": ""}, "kind", ""),
    ],
)
def test_a_refused_override_comes_back_beside_its_field_and_changes_nothing(browser, unchanged, form, field, message):
    admin = browser("admin")
    admin.get("/kalender?tahun=2026")
    with unchanged():
        response = admin.post("/kalender/penyesuaian", form)
    assert response.status_code == 422
    page = page_of(response)
    assert f'id="override-{field}-error"' in page
    assert message in page
    assert f'value="{form["reason"]}"' in page  # what was typed is kept


def test_a_second_override_of_the_same_day_and_reading_is_refused_beside_the_date(browser, unchanged):
    admin = browser("admin")
    admin.get("/kalender?tahun=2026")
    assert admin.post("/kalender/penyesuaian", {**DAY_OFF, **BOTH}).status_code == 303
    with unchanged():
        response = admin.post("/kalender/penyesuaian", {**DAY_OFF, "calendars": ["lenient"]})
    assert response.status_code == 422
    assert 'id="override-day-error"' in page_of(response)


def test_a_year_is_confirmed_once_its_days_are_entered(browser):
    admin = browser("admin")
    page = page_of(admin.get("/kalender?tahun=2028"))  # the package lists no cuti bersama for 2028 yet
    assert "Belum dikonfirmasi" in page
    refused = admin.post("/kalender/2028/konfirmasi", {"note": "SKB 3 Menteri 2027"})
    assert refused.status_code == 422
    assert 'id="confirm-note-error"' in page_of(refused)
    day_off = {"day": "2028-01-28", "reason": "Cuti bersama Tahun Baru Imlek (SKB)", "kind": "cuti_bersama"}
    assert admin.post("/kalender/penyesuaian", day_off).status_code == 303
    confirmed = admin.post("/kalender/2028/konfirmasi", {"note": "SKB 3 Menteri 2027"})
    assert confirmed.status_code == 303
    page = page_of(admin.get(confirmed.headers["Location"]))
    assert "Tahun 2028 telah dikonfirmasi" in page
    assert "Dikonfirmasi oleh" in page
    assert "SKB 3 Menteri 2027" in page


def test_an_officer_reads_the_calendar_and_only_the_admin_changes_it(browser, unchanged):
    officer = browser("ppid")
    page = page_of(officer.get("/kalender?tahun=2026"))
    assert "Kalender kerja 2026" in page
    assert "Tambah penyesuaian" not in page
    with unchanged():
        assert officer.post("/kalender/penyesuaian", {**DAY_OFF, **BOTH}).status_code == 403
        assert officer.post("/kalender/2028/konfirmasi", {}).status_code == 403


def test_the_error_summary_names_the_field_of_each_message(browser):
    """The summary said only "wajib diisi", not which field: the task pages' summaries name it."""
    admin = browser("admin")
    admin.get("/kalender?tahun=2026")
    page = page_of(admin.post("/kalender/penyesuaian", {**DAY_OFF, "reason": "", **BOTH}))
    assert '<a href="#override-reason">Alasan wajib diisi.</a>' in page
    admin.get("/bahasa/en")
    page = page_of(admin.post("/kalender/penyesuaian", {**DAY_OFF, "reason": "", "day": "", "kind": ""}))
    assert '<a href="#override-reason">Reason is required.</a>' in page
    assert '<a href="#override-day">Date: ' in page
    assert '<a href="#override-kind">What the day is: ' in page


@pytest.mark.parametrize(
    ("form", "said_id", "said_en"),
    [
        (
            {"day": "2027-08-17", "kind": "holiday"},
            "17 Agu 2027 sudah hari libur pada pembacaan yang dipilih (Hari Kemerdekaan Republik Indonesia)",
            "17 Aug 2027 is a day off already on the chosen readings (Independence Day)",
        ),
        (
            {"day": "2026-12-26", "kind": "holiday"},
            "26 Des 2026 sudah hari libur pada pembacaan yang dipilih (Sabtu)",
            "26 Dec 2026 is a day off already on the chosen readings (Saturday)",
        ),
        (
            {"day": "2026-12-08", "kind": "working"},
            "8 Des 2026 sudah hari kerja pada pembacaan yang dipilih",
            "8 Dec 2026 is a working day already on the chosen readings",
        ),
    ],
    ids=["independence-day", "a-saturday", "a-working-tuesday"],
)
def test_an_override_that_changes_no_reading_is_refused_beside_the_date_naming_what_the_day_is(
    browser, unchanged, form, said_id, said_en
):
    """A day off on 17 Aug, on a Saturday, a working day on an ordinary Tuesday: saved without a word, moving
    nothing."""
    admin = browser("admin")
    admin.get("/kalender?tahun=2026")
    with unchanged():
        refused = admin.post("/kalender/penyesuaian", {**form, "reason": "SKB 3 Menteri"})
        assert refused.status_code == 422
        assert 'id="override-day-error"' in page_of(refused)
        assert said_id in page_of(refused)
    admin.get("/bahasa/en")
    with unchanged():
        assert said_en in page_of(admin.post("/kalender/penyesuaian", {**form, "reason": "SKB 3 Menteri"}))


def test_the_holidays_are_named_in_the_reader_s_language(browser):
    """In English the page kept the package's Indonesian names, where `kawal calendar explain` gives English ones."""
    admin = browser("admin")
    admin.get("/bahasa/en")
    page = page_of(admin.get("/kalender?tahun=2027"))
    assert "Working calendar 2027" in page
    assert "Lunar New Year Joint Holiday" in page
    assert "Independence Day" in page
    assert "Eid al-Fitr (estimated) · <strong>check its date in the joint ministerial decree</strong>" in page
    assert "Cuti Bersama Tahun Baru Imlek" not in page
    assert "Hari Kemerdekaan" not in page
