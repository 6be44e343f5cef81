"""The desk corrects a requester's data on a page (/kasus/<ticket>/data-pemohon, api.web.requester), as the API
does (tests/api/test_requester_correction.py): the form starts from the data on file, errors come back beside
their fields, the case page names the fields that changed and never their old values."""

import html
import json
import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.conftest import request_payload
from tests.web.pages import text

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)  # Thu 3 Dec 2026, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


def _form(reason="kesalahan_pencatatan", **changes) -> dict:
    identity = {**request_payload()["requester"], **changes}
    form = {f"requester.{k}": v for k, v in identity.items()}
    return {**form, "requester_type": "perorangan", "reason": reason}


def test_the_desk_corrects_an_address_from_the_case_page_and_the_timeline_names_the_field(browser, desk):
    ticket = desk.submit()["ticket"]
    officer = browser("petugas")
    page = text(officer.get(f"/kasus/{ticket}"))
    assert f"/kasus/{ticket}/data-pemohon" in page
    form = text(officer.get(f"/kasus/{ticket}/data-pemohon"))
    assert re.search(r'value="ani@example.org" id="f-requester-email"', form)  # starts from the data on file
    assert re.search(r'value="Ani Wijaya" id="f-requester-name"', form)
    response = officer.post(f"/kasus/{ticket}/data-pemohon", _form(address="Jl. Asia Afrika 8, Bandung"))
    assert response.status_code == 303, text(response)
    page = html.unescape(text(officer.get(f"/kasus/{ticket}")))
    assert "Data pemohon telah diperbaiki: Alamat. Pemohon diberi tahu." in page
    assert "Jl. Asia Afrika 8, Bandung" in page  # the requester's data as now on file
    assert "Jl. Merdeka 1" not in page  # the old address is nowhere, not even in the timeline
    assert re.search(r"Data pemohon diperbaiki</[^>]+>\s*<[^>]+>[^<]*Alamat · kesalahan pencatatan", page), page


def test_the_same_form_sent_again_changes_nothing_and_says_so(browser, desk):
    ticket = desk.submit()["ticket"]
    officer = browser("ppid")
    officer.get(f"/kasus/{ticket}/data-pemohon")
    response = officer.post(f"/kasus/{ticket}/data-pemohon", _form())
    assert response.status_code == 303
    assert "Tidak ada yang diubah" in text(officer.get(f"/kasus/{ticket}"))


def test_a_wrong_field_comes_back_beside_it_and_nothing_is_recorded(browser, desk, unchanged):
    ticket = desk.submit()["ticket"]
    officer = browser("petugas")
    officer.get(f"/kasus/{ticket}/data-pemohon")
    with unchanged():
        response = officer.post(f"/kasus/{ticket}/data-pemohon", _form(email="ani@@example", nik="123"))
    assert response.status_code == 422
    page = text(response)
    assert 'id="f-requester-email-error"' in page
    assert 'id="f-requester-nik-error"' in page
    assert 'value="ani@@example"' in page  # what was typed stays
    assert re.search(r'id="f-requester-name" name="requester.name"[^>]*autocomplete="off"', page)


@pytest.mark.parametrize("who", ["unit", "auditor"])
def test_only_the_desk_is_offered_the_correction(browser, desk, login, who):
    ticket = desk.submit()["ticket"]
    if who == "unit":  # a unit reads a request once a task is referred to it
        from tests.api.test_access_matrix import bring_to

        ticket, _task = bring_to(desk, login, "tanggapan_unit")
    officer = browser(who)
    assert "/data-pemohon" not in text(officer.get(f"/kasus/{ticket}"))
    assert officer.get(f"/kasus/{ticket}/data-pemohon").status_code == 403


# -- the requester's own request, and the desk's answer --------------------------------------------------------


def _asked_on_the_portal(browser, receipt, **changes):
    """The requester opens their case on the portal and asks for the correction: the portal after the redirect."""
    visitor = browser()
    visitor.get("/publik/status")
    visitor.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    status = text(visitor.get(f"/publik/status?kasus={receipt['ticket']}"))
    assert "/publik/status/perbaikan-data" in status
    form = text(visitor.get(f"/publik/status/perbaikan-data?kasus={receipt['ticket']}"))
    assert "Jl. Merdeka" not in form
    assert "3171234507890001" not in form
    data = {k: v for k, v in _form(**changes).items() if k != "reason"}
    response = visitor.post("/publik/status/perbaikan-data", {**data, "kasus": receipt["ticket"]})
    assert response.status_code == 303, text(response)
    return visitor


def test_the_requester_asks_on_the_portal_and_the_desk_applies_it_from_the_inbox(browser, desk):
    receipt = desk.submit()
    visitor = _asked_on_the_portal(browser, receipt, email="ani.baru@contoh.example")
    status = html.unescape(text(visitor.get(f"/publik/status?kasus={receipt['ticket']}")))
    assert "Permintaan Anda diterima" in status
    assert "Permintaan Anda untuk memperbaiki data diterima pada" in status
    officer = browser("petugas")
    inbox = text(officer.get("/kotak-masuk"))
    assert "Pemohon yang menunggu perbaikan datanya" in inbox
    link = re.search(rf'href="(/kasus/{receipt["ticket"]}/data-pemohon\?permintaan=\d+)"', inbox)
    assert link, inbox
    form = text(officer.get(link[1]))
    assert 'value="ani.baru@contoh.example" id="f-requester-email"' in form  # what the requester asked for
    assert re.search(r'value="permintaan_pemohon"[^>]*checked', form)
    request_id = link[1].rsplit("=", 1)[1]
    response = officer.post(
        f"/kasus/{receipt['ticket']}/data-pemohon", {**_form(email="ani.baru@contoh.example"), "permintaan": request_id}
    )
    assert response.status_code == 303, text(response)
    assert "Pemohon yang menunggu perbaikan datanya" not in text(officer.get("/kotak-masuk"))
    twice = officer.post(  # a second click, or a colleague who answered it meanwhile
        f"/kasus/{receipt['ticket']}/data-pemohon", {**_form(email="ani.baru@contoh.example"), "permintaan": request_id}
    )
    assert twice.status_code == 303
    assert "permintaan perbaikan data ini sudah ditindaklanjuti" in text(officer.get(f"/kasus/{receipt['ticket']}"))
    assert officer.get(f"/kasus/{receipt['ticket']}/data-pemohon?permintaan=999").status_code == 404
    page = html.unescape(text(officer.get(f"/kasus/{receipt['ticket']}")))
    assert "ani.baru@contoh.example" in page
    assert "Pemohon meminta perbaikan data" in page  # the timeline: asked, then corrected
    assert "Data pemohon diperbaiki" in page
    assert "Jawab permintaan" not in page


def test_a_request_for_what_is_on_file_already_is_answered_from_the_page_and_shown_in_the_timeline(browser, desk):
    receipt = desk.submit()
    _asked_on_the_portal(browser, receipt)  # the requester sends their data unchanged
    officer = browser("petugas")
    link = re.search(
        rf'href="(/kasus/{receipt["ticket"]}/data-pemohon\?permintaan=(\d+))"', text(officer.get("/kotak-masuk"))
    )
    officer.get(link[1])
    response = officer.post(f"/kasus/{receipt['ticket']}/data-pemohon", {**_form(), "permintaan": link[2]})
    assert response.status_code == 303, text(response)
    page = html.unescape(text(officer.get(f"/kasus/{receipt['ticket']}")))
    assert "data yang tercatat sudah sesuai dengan permintaan pemohon. Pemohon diberi tahu." in page
    assert "Permintaan perbaikan data pemohon dijawab: data yang tercatat sudah sesuai dengan permintaan" in page
    assert "Pemohon yang menunggu perbaikan datanya" not in text(officer.get("/kotak-masuk"))


def test_the_desk_refuses_a_request_only_with_a_reason(browser, desk, unchanged):
    receipt = desk.submit()
    _asked_on_the_portal(browser, receipt, name="Ani Wijaya Kusuma")
    officer = browser("petugas")
    link = re.search(r'href="(/kasus/[^"]+/data-pemohon\?permintaan=(\d+))"', text(officer.get("/kotak-masuk")))
    officer.get(link[1])
    refuse = f"/kasus/{receipt['ticket']}/data-pemohon/permintaan/{link[2]}/tolak"
    with unchanged():
        response = officer.post(refuse, {"refusal": ""})
    assert response.status_code == 422
    assert 'id="refusal-error"' in text(response)
    response = officer.post(refuse, {"refusal": "Nama pada KTP tetap Ani Wijaya."})
    assert response.status_code == 303
    page = html.unescape(text(officer.get(f"/kasus/{receipt['ticket']}")))
    assert "Permintaan perbaikan data pemohon ditolak" in page
    assert "Nama pada KTP" not in page  # the desk's words went to the requester, not into the history


def test_the_desk_downloads_a_copy_of_the_requester_s_data_from_the_case_page(browser, desk):
    ticket = desk.submit()["ticket"]
    officer = browser("petugas")
    assert f'<form method="post" action="/kasus/{ticket}/data-pemohon/salinan"' in text(officer.get(f"/kasus/{ticket}"))
    # A button: opening the address (a link checker, a prefetch) makes no copy and records nothing.
    assert officer.get(f"/kasus/{ticket}/data-pemohon/salinan").status_code == 405
    assert "Salinan data pribadi pemohon dibuat" not in html.unescape(text(officer.get(f"/kasus/{ticket}")))
    response = officer.post(f"/kasus/{ticket}/data-pemohon/salinan", {})
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.get_data())["records"][0]["identity"]["name"] == "Ani Wijaya"
    assert "Salinan data pribadi pemohon dibuat" in html.unescape(text(officer.get(f"/kasus/{ticket}")))
    auditor = browser("auditor")
    auditor.get("/audit")  # a page of the session, for its form token (the inbox sends an auditor to the search)
    assert auditor.post(f"/kasus/{ticket}/data-pemohon/salinan", {}).status_code == 403


def test_a_requester_s_request_with_errors_comes_back_beside_its_fields_and_asks_nothing(browser, desk, unchanged):
    receipt = desk.submit()
    visitor = browser()
    visitor.get("/publik/status")
    visitor.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    visitor.get(f"/publik/status/perbaikan-data?kasus={receipt['ticket']}")
    data = {k: v for k, v in _form(nik="123", email=None, phone=None).items() if k != "reason" and v is not None}
    with unchanged():
        response = visitor.post("/publik/status/perbaikan-data", {**data, "kasus": receipt["ticket"]})
    assert response.status_code == 422
    page = text(response)
    assert 'id="f-requester-nik-error"' in page
    assert "error-summary" in page
    assert 'value="Ani Wijaya"' in page  # what was typed stays
