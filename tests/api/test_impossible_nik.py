"""Every way a NIK comes in refuses one that cannot exist, with the field's message in the reader's language.

The walk filed a request with a NIK whose birth month is 13 and a complaint whose reporter's NIK ends in 0000, and
both were registered. Now the portal's and the desk's request, the objection without a request, the complaint and the
desk's correction of a requester's data all answer 422 on the NIK's field, saying which part cannot exist (never the
digits), and keep nothing; a woman's NIK (day + 40) is filed as before. The rule itself: tests/unit/test_nik.py.
"""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.conftest import complaint_payload, request_payload
from tests.workflows.test_legal_requester_windows import OBJECTION_B

API = "/api/v1"
MONTH_13 = "3174051213900001"  # a birth month 13
SERIAL_0000 = "3174055208900000"
A_WOMAN = "3174055208900001"  # born 12 Aug 1990: day 12 + 40
SAYS_ID = "NIK ini tidak mungkin ada: angka ke-7 sampai ke-12 adalah tanggal lahir"
SAYS_EN = "this NIK cannot exist: digits 7 to 12 are the birth date as DDMMYY"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=True):  # Wed 2 Dec 2026, 10:00 WIB
        yield


def _refused(r, field: str) -> list[str]:
    assert r.status_code == 422, r.get_data(as_text=True)[:500]
    assert set(r.json["errors"]) == {field}, r.json["errors"]
    return r.json["errors"][field]


def test_the_portal_and_the_desk_refuse_a_requester_s_impossible_nik_and_file_a_woman_s(client, login, unchanged):
    with unchanged():
        said = _refused(client.post(f"{API}/requests", json=request_payload(nik=MONTH_13)), "requester.nik")
        assert said[0].startswith(SAYS_ID)
        english = client.post(f"{API}/requests", json=request_payload(nik=MONTH_13), headers={"Accept-Language": "en"})
        assert _refused(english, "requester.nik")[0].startswith(SAYS_EN)
        at_desk = client.post(f"{API}/requests", json=request_payload(nik=SERIAL_0000), headers=login("petugas"))
        assert "nomor urut, tidak pernah 0000" in _refused(at_desk, "requester.nik")[0]
        grouped = request_payload(nik="3174 0512 1390 0001")  # as on the card: read as its digits, then checked
        assert _refused(client.post(f"{API}/requests", json=grouped), "requester.nik")[0].startswith(SAYS_ID)
    assert client.post(f"{API}/requests", json=request_payload(nik=A_WOMAN)).status_code == 201
    assert (
        client.post(f"{API}/requests", json=request_payload(nik=A_WOMAN), headers=login("petugas")).status_code == 201
    )


def test_an_objection_without_a_request_refuses_an_impossible_nik(client, unchanged):
    body = {**OBJECTION_B, "pemohon": {**OBJECTION_B["pemohon"], "nik": MONTH_13}}
    with unchanged():
        said = _refused(client.post(f"{API}/objections/without-request", json=body), "pemohon.nik")
    assert said[0].startswith(SAYS_ID)
    body["pemohon"]["nik"] = A_WOMAN
    assert client.post(f"{API}/objections/without-request", json=body).status_code == 201


def test_a_complaint_refuses_its_reporter_s_impossible_nik_and_keeps_a_passport(client, unchanged):
    reporter = complaint_payload()["pelapor"]
    with unchanged():
        r = client.post(f"{API}/complaints", json=complaint_payload(pelapor={**reporter, "nik": "0000000000000000"}))
        assert _refused(r, "pelapor.nik")[0].startswith("NIK ini tidak mungkin ada: 6 angka pertamanya kode wilayah")
    assert (
        client.post(f"{API}/complaints", json=complaint_payload(pelapor={**reporter, "nik": A_WOMAN})).status_code
        == 201
    )
    passport = complaint_payload(pelapor={**reporter, "nik": "A1234567"})  # a foreigner's: no NIK to check
    assert client.post(f"{API}/complaints", json=passport).status_code == 201


def test_the_desk_s_correction_of_a_requester_refuses_an_impossible_nik(client, desk, login):
    ticket = desk.submit()["ticket"]
    body = {
        "requester": {**request_payload()["requester"], "nik": MONTH_13},
        "requester_type": "perorangan",
        "reason": "kesalahan_pencatatan",
    }
    r = client.put(f"{API}/cases/{ticket}/requester", json=body, headers=login("petugas"))
    assert _refused(r, "requester.nik")[0].startswith(SAYS_ID)
    body["requester"]["nik"] = A_WOMAN
    r = client.put(f"{API}/cases/{ticket}/requester", json=body, headers=login("petugas"))
    assert r.status_code == 200, r.json
    assert r.json["changed"] == ["nik"]
