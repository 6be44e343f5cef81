"""The power of attorney of a dispute on ground a alone asks no authority to settle in mediation.

Mediation settles grounds b-g only (UU 14/2008 Pasal 35(1), Pasal 40; legal-process.md §5.2): a dispute over a
refusal under the exemptions (ground a) alone goes to adjudication, and its Surat Kuasa Khusus leaves the authority to
settle out. A walk found the task still asking "Penerima kuasa berwenang berdamai dalam mediasi" as required there:
the officer answered a question the letter drops. The field is marked ``x-case-when`` (engine.forms.for_case) and
left out of the task's form on such a dispute, on the page and in the completion alike (Runtime.task_form); on
other grounds it is asked and required as before.
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from engine.forms import for_case
from tests.web.pages import text
from tests.web.test_objection_dispute_desk import POWER, _dispute, _objection

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
FIELD = "wewenang_berdamai"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _power_task(desk, client, browser, grounds) -> tuple[str, dict]:
    dispute = _dispute(browser("ppid"), _objection(desk, client, grounds), grounds)
    return dispute, desk.task(dispute, "surat_kuasa")


def _asked(page: str) -> bool:
    return bool(re.search(rf'<input[^>]*name="{FIELD}"', page))


def _web_power(with_authority: bool = False) -> dict:
    form = {"nomor_surat": POWER["nomor_surat"], "tanggal": POWER["tanggal"], "penerima_kuasa": "Kabag TU"}
    return form | ({FIELD: "true"} if with_authority else {})


def test_on_ground_a_alone_the_page_does_not_ask_the_authority_to_settle_and_completes_without_it(
    desk, client, browser
):
    dispute, task = _power_task(desk, client, browser, ("a",))
    atasan = browser("atasan")
    page = text(atasan.get(f"/tugas/{task['id']}"))
    assert "penerima_kuasa" in page  # the form is there
    assert not _asked(page)
    assert "berwenang berdamai dalam mediasi" not in page
    r = atasan.post(f"/tugas/{task['id']}", _web_power())
    assert r.status_code == 302, text(r)[:3000]
    assert "surat_kuasa" not in desk.open_tasks(dispute)


def test_on_ground_a_alone_the_api_offers_no_authority_to_settle_and_completes_without_it(desk, client, browser, login):
    dispute, task = _power_task(desk, client, browser, ("a",))
    detail = client.get(f"{API}/tasks/{task['id']}", headers=login("atasan")).json
    assert FIELD not in detail["form_schema"]["properties"]
    assert FIELD not in detail["form_schema"]["required"]
    assert detail["form_schema"]["x-not-asked"] == [FIELD]
    desk.complete(dispute, "surat_kuasa", POWER)
    assert "siapkan_berkas" in desk.open_tasks(dispute)


def test_on_ground_a_alone_a_no_to_the_authority_to_settle_sent_anyway_is_not_recorded(desk, client, browser, login):
    """An API client that still sends "no" is not refused for it (the page never asks it; no authority is what the
    case holds anyway), and the answer is not kept: nothing acts on it. A "yes" is refused: see
    tests/web/test_settlement_authority_only_where_mediation_can_settle.py."""
    dispute, _task = _power_task(desk, client, browser, ("a",))
    desk.complete(dispute, "surat_kuasa", {**POWER, FIELD: False})
    events = client.get(f"{API}/cases/{dispute}/events", headers=login("atasan")).json["items"]
    (done,) = [e for e in events if e["type"] == "task_completed" and e["data"]["task"] == "surat_kuasa"]
    assert FIELD not in done["data"]["data"]
    assert done["data"]["data"]["penerima_kuasa"] == ["Kabag TU"]


@pytest.mark.parametrize("grounds", [("c",), ("a", "c")])
def test_on_grounds_mediation_can_settle_the_authority_is_asked_and_required(desk, client, browser, login, grounds):
    dispute, task = _power_task(desk, client, browser, grounds)
    atasan = browser("atasan")
    assert _asked(text(atasan.get(f"/tugas/{task['id']}")))
    detail = client.get(f"{API}/tasks/{task['id']}", headers=login("atasan")).json
    assert FIELD in detail["form_schema"]["required"]
    refused = desk.complete(dispute, "surat_kuasa", POWER, expect=422)
    assert FIELD in refused["errors"]
    page = atasan.post(f"/tugas/{task['id']}", _web_power())
    assert page.status_code == 422  # neither yes nor no chosen
    assert _asked(text(page))
    desk.complete(dispute, "surat_kuasa", {**POWER, FIELD: False})
    assert "siapkan_berkas" in desk.open_tasks(dispute)


def test_grounds_the_record_does_not_hold_keep_the_question(app):
    """A dispute whose record holds no grounds (none is recorded without them, but an older or repaired case may
    lack them) is asked as before: nothing says mediation is closed to it."""
    schema = app.extensions["kawal_runtime"].forms.schema("sengketa_surat_kuasa.json")
    assert FIELD in for_case(schema, lambda: {})["required"]
    assert FIELD in for_case(schema, lambda: {"alasan": []})["required"]
    assert FIELD not in for_case(schema, lambda: {"alasan": ["a"]})["properties"]
    assert for_case(schema, lambda: {"alasan": ["a", "g"]}) is schema  # the file's own, its validator cached


def test_the_objection_without_a_request_requires_the_day_its_ground_b_was_found(app):
    """UU 14/2008 Pasal 36(1): an objection is filed within 30 working days of finding its ground; on ground b there
    is no notice to count from, so the requester's date of discovery is required (legal-process.md §4.2), as
    keberatan.json requires it when ground b is chosen. The form without a request takes ground b only."""
    forms = app.extensions["kawal_runtime"].forms
    objection = {
        "pemohon": {
            "name": "Ani Lestari",
            "nik": "3171015505900001",
            "address": "Jl. Merdeka 1",
            "phone": "0812345678",
        },
        "alasan": ["b"],
        "kasus_posisi": "Laporan keuangan tidak diumumkan",
        "informasi_yang_diminta": "Laporan keuangan 2025",
    }
    assert [m.code for m in forms.errors("keberatan_tanpa_permohonan.json", objection)["tanggal_alasan_ditemukan"]] == [
        "required"
    ]
    assert [
        m.code
        for m in forms.errors("keberatan.json", {"alasan": ["b"], "kasus_posisi": "Tidak diumumkan"})[
            "tanggal_alasan_ditemukan"
        ]
    ] == ["required"]
    dated = {**objection, "tanggal_alasan_ditemukan": "2026-12-01"}
    assert "tanggal_alasan_ditemukan" not in forms.errors("keberatan_tanpa_permohonan.json", dated)
