"""The requester's objection window counts a notice handed over on a day the desk recorded without an hour from the
end of that day, and says so (legal-process.md §2.2: the reading that ends latest; engine.chain ``received_on``): its
explanation never states the close of office hours it counts from as an hour someone recorded. (A notice Kawal itself
e-mailed counts from the moment its mail went: tests/api/test_window_from_kawals_own_delivery.py.)

On SQLite alone: the window is counted in Python from the notice's recorded date, over rows either database
returns alike; the windows read from a case's history on PostgreSQL are
tests/notifications/test_kawals_mail_moment.py's."""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import dated, decision, default_data

NOTICE_SENT = datetime(2026, 12, 7, 6, 43, tzinfo=UTC)  # Mon 7 Dec 2026, 13:43 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOTICE_SENT, tick=True):
        yield


def test_a_notice_handed_over_on_a_day_without_an_hour_opens_the_objection_window_from_the_end_of_its_day(desk, client):
    receipt = desk.submit()
    ticket = receipt["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    desk.complete(ticket, "uji_konsekuensi")
    desk.complete(ticket, "tetapkan_pengecualian")
    notice = dated(default_data("pemberitahuan_tertulis", desk.decisions, ticket), "2026-12-07")
    desk.complete(ticket, "pemberitahuan_tertulis", {**notice, "dikirim_melalui": "langsung"})  # in person, no hour
    english = client.post(
        "/api/v1/status",
        json={"ticket": receipt["ticket"], "access_code": receipt["access_code"]},
        headers={"Accept-Language": "en"},
    ).json
    (window,) = english["windows"]
    said = window["explanation"]
    assert "day zero: moved: dated 2026-12-07 without an hour: counted from the end of that day" in said
    assert "16:00" not in said.split("due")[0]  # no receipt hour; the due day ends at 16:00
    assert window["due_at"].startswith("2027-01-25")  # 30 working days from Tue 8 Dec 2026, on the lenient calendar
