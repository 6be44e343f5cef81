"""A requester's correction on the portal (/publik/status/perbaikan-data) changes only what they fill in: a field left
blank keeps the data on file (walk report s41, finding 3: an occupation left blank was erased, and a rejection
letter prints it, legal-process.md §3.7); an optional field goes only when they tick to remove it. The desk's answer
page sets the data on file beside what was asked. A legal entity is not asked for a "national identity number"."""

import html
import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_request_proxy import PROXY
from tests.conftest import request_payload
from tests.web.pages import text

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)  # Thu 3 Dec 2026, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


def _open(browser, receipt):
    visitor = browser()
    visitor.get("/publik/status")
    visitor.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    return visitor


def _ask(browser, receipt, form: dict):
    visitor = _open(browser, receipt)
    visitor.get(f"/publik/status/perbaikan-data?kasus={receipt['ticket']}")
    response = visitor.post("/publik/status/perbaikan-data", {**form, "kasus": receipt["ticket"]})
    assert response.status_code == 303, text(response)


def _answer_page(browser, receipt):
    officer = browser("petugas")
    link = re.search(
        rf'href="(/kasus/{receipt["ticket"]}/data-pemohon\?permintaan=(\d+))"', text(officer.get("/kotak-masuk"))
    )
    return officer, html.unescape(text(officer.get(link[1]))), link[2]


def test_a_blank_field_in_the_requester_s_correction_keeps_the_data_on_file(browser, desk):
    receipt = desk.submit()
    _ask(browser, receipt, {"requester.address": "Jl. Asia Afrika 8, Bandung"})  # everything else left blank
    officer, page, request_id = _answer_page(browser, receipt)
    assert 'value="Peneliti" id="f-requester-occupation"' in page  # the occupation on file, not erased
    assert 'value="ani@example.org" id="f-requester-email"' in page
    assert re.search(r'id="f-requester-address"[^>]*>Jl. Asia Afrika 8, Bandung</textarea>', page)
    form = {f"requester.{k}": v for k, v in request_payload()["requester"].items()}
    form.update({"requester.address": "Jl. Asia Afrika 8, Bandung", "requester_type": "perorangan"})
    response = officer.post(
        f"/kasus/{receipt['ticket']}/data-pemohon", {**form, "reason": "permintaan_pemohon", "permintaan": request_id}
    )
    assert response.status_code == 303, text(response)
    case = html.unescape(text(officer.get(f"/kasus/{receipt['ticket']}")))
    assert "Data pemohon telah diperbaiki: Alamat. Pemohon diberi tahu." in case
    assert "Peneliti" in case


def test_the_requester_removes_an_optional_field_only_by_ticking_it(browser, desk):
    receipt = desk.submit()
    visitor = _open(browser, receipt)
    form = text(visitor.get(f"/publik/status/perbaikan-data?kasus={receipt['ticket']}"))
    assert "kosong" in form  # the form says that a blank field keeps what is on file
    assert 'name="cleared" value="occupation"' in form
    assert 'name="cleared" value="name"' not in form  # a required field cannot be removed
    response = visitor.post("/publik/status/perbaikan-data", {"cleared": "occupation", "kasus": receipt["ticket"]})
    assert response.status_code == 303, text(response)
    _officer, page, _id = _answer_page(browser, receipt)
    assert not re.search(r'value="Peneliti" id="f-requester-occupation"', page)
    assert re.search(r'id="f-requester-address"[^>]*>Jl. Merdeka 1, Jakarta Pusat</textarea>', page)


def test_removing_both_the_e_mail_and_the_phone_is_refused_as_a_filing_is(browser, desk, unchanged):
    receipt = desk.submit()
    visitor = _open(browser, receipt)
    visitor.get(f"/publik/status/perbaikan-data?kasus={receipt['ticket']}")
    with unchanged():
        response = visitor.post(
            "/publik/status/perbaikan-data", {"cleared": ["email", "phone"], "kasus": receipt["ticket"]}
        )
    assert response.status_code == 422
    assert "error-summary" in text(response)


def test_the_desk_s_answer_page_sets_the_data_on_file_beside_what_was_asked(browser, desk):
    receipt = desk.submit()
    _ask(browser, receipt, {"requester.address": "Jl. Asia Afrika 8, Bandung", "cleared": "occupation"})
    _officer, page, _id = _answer_page(browser, receipt)
    table = page.split('id="asked-compared"', 1)[1].split("</table>", 1)[0]
    assert re.search(r"Alamat</th>\s*<td>Jl. Merdeka 1, Jakarta Pusat</td>\s*<td><strong>Jl. Asia Afrika 8", table), (
        table
    )
    assert re.search(r"Pekerjaan</th>\s*<td>Peneliti</td>\s*<td><strong>\(dihapus\)", table), table
    assert re.search(r"Nama lengkap</th>\s*<td>Ani Wijaya</td>\s*<td>Ani Wijaya</td>", table), table


def test_a_legal_entity_s_correction_page_does_not_ask_for_a_national_identity_number(browser, desk):
    receipt = desk.submit(
        requester={**request_payload()["requester"], "nik": "AHU-0012345.AH.01.04"}, requester_type="badan_hukum"
    )
    visitor = _open(browser, receipt)
    visitor.get("/bahasa/en")
    page = html.unescape(text(visitor.get(f"/publik/status/perbaikan-data?kasus={receipt['ticket']}")))
    main = page.split("<h1>", 1)[1].split("</form>", 1)[0]
    assert "national identity number" not in main
    assert "The number of your organisation's legal-entity decree." in main


def test_a_proxy_is_told_how_to_have_their_own_details_corrected(browser, desk):
    receipt = desk.submit(kuasa=PROXY)
    visitor = _open(browser, receipt)
    page = html.unescape(text(visitor.get(f"/publik/status/perbaikan-data?kasus={receipt['ticket']}")))
    assert 'id="proxy-own-data"' in page
    assert (
        "Perbaiki data kontak kuasa" in page
    )  # the proxy corrects their own contacts (tests/web/test_proxy_own_contacts.py)
    in_person = desk.submit()
    page = text(_open(browser, in_person).get(f"/publik/status/perbaikan-data?kasus={in_person['ticket']}"))
    assert 'id="proxy-own-data"' not in page
