"""What the office's deadline opens for the requester is dated on the reading that ends latest (legal-process.md §2.2).

The status page of an information request said "the office must act by <T10>. If it has not answered by then, you
may file an objection on ground c ... or g ...": the strict reading's date (collective leave, cuti bersama, counted as
a working day), though the office is late, and the objection on ground c or g opens, only once the deadline has lapsed
on every reading (engine.lateness). "The office must act by" keeps the strict date (the office's own target); the
sentence telling what follows names the latest reading's date, on a request (T10) and on an objection (A30, the
dispute), in both languages. ``POST /api/v1/status`` carries that date (``due_latest_at``) and, for a complaint, the
statutory limit the page ties the Ombudsman to (``statutory_due_at``, S60 on its latest reading).
"""

from datetime import datetime

import pytest
import time_machine

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the page's wording of stored clocks
from tests.helpers import Desk
from tests.web.test_portal_complaint_ombudsman_date import _page, _referred
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import wib

API = "/api/v1"


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _status(client, ticket, code) -> dict:
    r = client.post(f"{API}/status", json={"ticket": ticket, "access_code": code})
    assert r.status_code == 200, r.json
    return r.json


def test_the_objection_and_dispute_sentences_name_the_office_s_deadline_on_its_latest_reading(
    browser, client, login, office
):
    with time_machine.travel(wib("2026-12-15"), tick=True):
        receipt = Desk(client, login).submit()
        ticket, code = receipt["ticket"], receipt["access_code"]
        t10 = office.deadline(ticket, "T10")
        page, page_en = _page(browser, ticket, code), _page(browser, ticket, code, "en")
        api = _status(client, ticket, code)
        body = {
            "ticket": ticket,
            "access_code": code,
            "alasan": ["b"],
            "kasus_posisi": "Informasi tidak diumumkan",
            "tanggal_alasan_ditemukan": "2026-12-15",
        }
        r = client.post(f"{API}/objections", json=body)
        assert r.status_code == 201, r.json
        objection, objection_code = r.json["ticket"], r.json.get("access_code", code)
        a30 = office.deadline(objection, "A30")
        on_objection = _page(browser, objection, objection_code)
        on_objection_en = _page(browser, objection, objection_code, "en")
        objection_api = _status(client, objection, objection_code)
    assert (t10.due_at, a30.due_at) == (wib("2026-12-30", 16), wib("2027-01-29", 16))  # cuti bersama counted
    assert "kantor wajib bertindak paling lambat 30 Des 2026, 16:00 WIB." in page  # the office's target stays
    assert (
        "Bila kantor belum menjawab sampai 31 Des 2026, 16:00 WIB, Anda dapat mengajukan keberatan dengan alasan"
        in page
    )
    assert "If it has not answered by 31 Dec 2026, 16:00 WIB, you may file an objection on ground c" in page_en
    assert "sampai tanggal itu" not in page
    assert datetime.fromisoformat(api["due_latest_at"]) == wib("2026-12-31", 16)
    assert "kantor wajib bertindak paling lambat 29 Jan 2027, 16:00 WIB." in on_objection
    assert (
        "Bila Atasan PPID belum menjawab sampai 1 Feb 2027, 16:00 WIB, Anda dapat mengajukan sengketa kepada Komisi"
        " Informasi" in on_objection
    )
    assert (
        "If the PPID's superior has not answered by 1 Feb 2027, 16:00 WIB, you may bring a dispute before the"
        " Information Commission" in on_objection_en
    )
    assert datetime.fromisoformat(objection_api["due_latest_at"]) == wib("2027-02-01", 16)


def test_the_api_carries_a_complaint_s_statutory_limit_on_its_latest_reading(browser, client, office):
    with time_machine.travel(wib("2026-12-08"), tick=True):
        ticket, code = _referred(office)
        api = _status(client, ticket, code)
    assert datetime.fromisoformat(api["statutory_due_at"]) == wib("2027-02-08", 16)  # strict: Fri 5 Feb
    assert datetime.fromisoformat(api["due_at"]) == wib("2026-12-29", 16)  # the service standard, strict
    assert datetime.fromisoformat(api["due_latest_at"]) == wib("2026-12-30", 16)
