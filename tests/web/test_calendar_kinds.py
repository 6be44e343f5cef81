"""The override form: the kind of day chooses its readings (legal-process.md §2.2: the strict calendar holds
holidays only; a cuti bersama of the SKB counts as a day off on the lenient reading alone).

A tester typed the SKB's 2028 cuti bersama into /kalender with the form's defaults ("a day off", both readings
ticked): every open T10, T17 and A30 moved later, silently. The form now asks what the day is, preselects nothing,
and a cuti bersama goes to the lenient reading unless the admin deliberately names the readings; a cuti bersama on
the strict reading is refused beside its field.
"""

import html
import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_deadlines_and_overrides import T10, T10_AFTER_EXTRA_DAY_OFF, _deadlines
from tests.web.pages import text

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB: T10 on Wed 16 Dec
MONDAY = "2026-12-07"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def page_of(response) -> str:
    return html.unescape(text(response))


def _add_form(page: str) -> str:
    return page[page.index('id="add-title"') :]


def _overrides(client, login) -> list[dict]:
    return client.get("/api/v1/calendar/overrides", headers=login("admin")).json["items"]


def test_the_add_form_preselects_no_kind_of_day_and_ticks_no_reading(browser):
    form = _add_form(page_of(browser("admin").get("/kalender?tahun=2028")))
    assert "Hari libur nasional atau kantor tutup" in form
    assert "Cuti bersama menurut SKB" in form
    assert " checked" not in form  # neither a kind nor a reading until the admin chooses
    assert 'name="kind" value="cuti_bersama"' in form


def test_a_cuti_bersama_entered_with_the_form_s_defaults_counts_on_the_latest_reading_only(
    browser, desk, client, login
):
    ticket = desk.submit()["ticket"]
    admin = browser("admin")
    admin.get("/kalender?tahun=2026")
    added = admin.post("/kalender/penyesuaian", {"day": MONDAY, "kind": "cuti_bersama", "reason": "Cuti bersama (SKB)"})
    assert added.status_code == 303, text(added)
    assert "Tidak ada batas waktu berjalan yang bergeser." in page_of(admin.get(added.headers["Location"]))
    assert [(o["day"], o["is_working"], o["calendars"]) for o in _overrides(client, login)] == [
        (MONDAY, False, ["lenient"])
    ]
    assert _deadlines(client, login, ticket)["T10"]["due_at"] == T10  # the office's own deadline did not move


def test_a_national_holiday_or_an_office_closure_counts_on_both_readings(browser, desk, client, login):
    ticket = desk.submit()["ticket"]
    admin = browser("admin")
    admin.get("/kalender?tahun=2026")
    added = admin.post("/kalender/penyesuaian", {"day": MONDAY, "kind": "holiday", "reason": "Kantor tutup (banjir)"})
    assert added.status_code == 303, text(added)
    assert [o["calendars"] for o in _overrides(client, login)] == [["strict", "lenient"]]
    assert _deadlines(client, login, ticket)["T10"]["due_at"] == T10_AFTER_EXTRA_DAY_OFF


def test_a_working_day_correction_is_a_kind_of_its_own(browser, client, login):
    admin = browser("admin")
    admin.get("/kalender?tahun=2027")
    form = {"day": "2027-02-05", "kind": "working", "reason": "SKB: cuti bersama Imlek dibatalkan"}
    assert admin.post("/kalender/penyesuaian", form).status_code == 303
    assert [(o["is_working"], o["calendars"]) for o in _overrides(client, login)] == [(True, ["strict", "lenient"])]


@pytest.mark.parametrize(
    ("form", "field", "said_id", "said_en"),
    [
        (
            {"reason": "SKB"},
            "kind",
            "pilih jenis harinya",
            "choose what the day is",
        ),
        (
            {"kind": "cuti_bersama", "calendars": ["strict", "lenient"], "reason": "SKB"},
            "calendars",
            "cuti bersama hanya libur pada pembacaan paling akhir",
            "a collective leave day (cuti bersama) is a day off on the latest reading only",
        ),
    ],
    ids=["no-kind", "cuti-bersama-on-the-earliest-reading"],
)
def test_a_missing_kind_or_a_cuti_bersama_on_the_earliest_reading_is_refused_beside_its_field(
    browser, unchanged, form, field, said_id, said_en
):
    admin = browser("admin")
    admin.get("/kalender?tahun=2026")
    with unchanged():
        refused = admin.post("/kalender/penyesuaian", {"day": MONDAY, **form})
        assert refused.status_code == 422
        page = page_of(refused)
        assert f'id="override-{field}-error"' in page
        assert said_id in page.lower()
        assert f'<a href="#override-{field}">' in page  # the error summary leads to the field
        if field == "calendars":  # the deliberate choice stays visible and ticked, to be corrected
            assert re.search(r"<details[^>]* open", page)
    admin.get("/bahasa/en")
    with unchanged():
        assert said_en in page_of(admin.post("/kalender/penyesuaian", {"day": MONDAY, **form})).lower()


def test_a_deliberate_choice_of_readings_is_kept(browser, client, login):
    """A day off on the latest reading only, named as such (say a correction of the package): kept as asked."""
    admin = browser("admin")
    admin.get("/kalender?tahun=2026")
    form = {"day": MONDAY, "kind": "holiday", "calendars": ["lenient"], "reason": "Koreksi"}
    assert admin.post("/kalender/penyesuaian", form).status_code == 303
    assert [o["calendars"] for o in _overrides(client, login)] == [["lenient"]]


def test_the_page_speaks_of_the_built_in_holiday_list_not_the_python_package(browser):
    page = page_of(browser("admin").get("/kalender?tahun=2027"))
    assert "paket holidays" not in page.lower()
    assert "daftar hari libur bawaan" in page.lower()


def test_a_confirmed_year_no_longer_calls_its_dates_estimates(browser):
    """After "Konfirmasi 2028" the page still said "(perkiraan) · periksa tanggalnya pada SKB"."""
    admin = browser("admin")
    page = page_of(admin.get("/kalender?tahun=2028"))
    assert "(perkiraan) · <strong>periksa tanggalnya pada SKB</strong>" in page
    form = {"day": "2028-01-28", "kind": "cuti_bersama", "reason": "Cuti bersama Imlek (SKB)"}
    assert admin.post("/kalender/penyesuaian", form).status_code == 303
    assert admin.post("/kalender/2028/konfirmasi", {"note": "SKB 3 Menteri 2027"}).status_code == 303
    page = page_of(admin.get("/kalender?tahun=2028"))
    assert "perkiraan" not in page
    assert "periksa tanggalnya" not in page
    assert "Hari Raya Idul Fitri" in page
