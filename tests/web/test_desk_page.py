"""The front desk records a request that came in person or on paper (/loket/permohonan), in the browser.

Only the portal's public form existed: a walk-in request was filed as "web" by the requester at the click's time,
and a letter that arrived days earlier (T10 counts from its receipt) could be recorded over the API alone.
"""

import html
import io
import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.conftest import request_payload
from tests.helpers import SAMPLE_PDF
from tests.web.pages import text

API = "/api/v1"
NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)  # Thu 3 Dec 2026, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


def _form(**overrides) -> dict:
    payload = request_payload()
    form = {f"requester.{k}": v for k, v in payload.pop("requester").items()}
    form.update(payload)
    form.update(overrides)
    return form


def test_the_desk_records_a_letter_received_two_days_ago_with_its_scan(browser, client, login):
    desk = browser("petugas")
    assert "/loket/permohonan" in text(desk.get("/kotak-masuk"))
    desk.get("/loket/permohonan")
    form = _form(channel="pos", received_at="2026-12-01T09:30")
    response = desk.client.post(
        "/loket/permohonan",
        data={**form, "csrf_token": desk.token, "pindaian_permohonan": (io.BytesIO(SAMPLE_PDF), "surat.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303, text(response)
    ticket = response.headers["Location"].rsplit("/", 1)[-1]
    page = text(desk.get(f"/kasus/{ticket}"))
    shown = re.search(r"Berikan nomor tiket dan kode akses (\S+) kepada pemohon", page)
    assert shown, page
    case = client.get(f"{API}/cases/{ticket}", headers=login("ppid")).json
    assert case["channel"] == "pos"
    assert case["received_at"].startswith("2026-12-01T09:30")  # T10 counts from the letter's receipt
    status = client.post(f"{API}/status", json={"ticket": ticket, "access_code": shown[1]})
    assert status.status_code == 200  # the code shown once opens the requester's case
    assert shown[1] not in text(desk.get(f"/kasus/{ticket}"))  # and is not shown again


def test_a_desk_form_with_errors_keeps_what_was_typed_and_records_nothing(browser, unchanged):
    desk = browser("petugas")
    desk.get("/loket/permohonan")
    with unchanged():
        response = desk.post("/loket/permohonan", _form(information="", received_at="2030-01-01T10:00"))
    assert response.status_code == 422
    page = text(response)
    assert 'id="f-channel-error"' in page
    assert 'id="f-information-error"' in page  # the form's other errors in the same answer, not a round later
    # Someone else's details, typed by the officer: nothing for the browser to fill in from the officer's own.
    assert re.search(r'id="f-requester-name" name="requester.name"[^>]*autocomplete="off"', page)
    assert 'autocomplete="name"' not in page
    assert 'value="Ani Wijaya"' in page


def test_a_desk_form_sent_back_asks_for_its_scan_again(browser, unchanged):
    """A browser keeps no file in a form sent back: the page showed "No file chosen" without a word, and an officer
    who mended the NIK alone recorded the request without its scanned letter (a review of a day's work)."""
    desk = browser("petugas")
    desk.get("/loket/permohonan")
    form = _form(channel="pos", **{"requester.nik": "12345678901"})
    with unchanged():
        response = desk.client.post(
            "/loket/permohonan",
            data={**form, "csrf_token": desk.token, "pindaian_permohonan": (io.BytesIO(SAMPLE_PDF), "surat.pdf")},
            content_type="multipart/form-data",
        )
    assert response.status_code == 422
    page = text(response)
    assert 'id="f-requester-nik-error"' in page
    assert "Pilih lagi berkas pindaiannya (surat.pdf)" in page
    assert 'id="f-pindaian_permohonan-error"' in page


@pytest.mark.parametrize("username", ["auditor", "unit", "tim"])
def test_only_the_request_desk_records_a_request_there(browser, username):
    page = browser(username)
    assert page.get("/loket/permohonan").status_code == 403
    assert "/loket/permohonan" not in text(page.get("/kotak-masuk"))


def test_the_desk_form_sent_twice_records_one_request_and_gives_a_new_code(browser, client, login):
    """A second click (or an answer lost on the way) recorded the same walk-in request twice."""
    desk = browser("petugas")
    page = text(desk.get("/loket/permohonan"))
    key = re.search(r'name="submission_key" value="([^"]+)"', page)[1]
    form = _form(channel="langsung", submission_key=key)
    open_before = len(client.get(f"{API}/tasks?scope=group", headers=login("petugas")).json["items"])
    first = desk.post("/loket/permohonan", form)
    assert first.status_code == 303
    ticket = first.headers["Location"].rsplit("/", 1)[-1]
    shown = re.search(r"kode akses (\S+) kepada pemohon", text(desk.get(f"/kasus/{ticket}")))[1]
    again = desk.post("/loket/permohonan", form)
    assert again.headers["Location"].endswith(f"/kasus/{ticket}")  # the same case, nothing new recorded
    told = text(desk.get(f"/kasus/{ticket}"))
    assert f"Permohonan ini sudah tercatat sebagai {ticket}" in told
    new_code = re.search(r"Kode akses barunya (\S+):", told)[1]
    open_after = len(client.get(f"{API}/tasks?scope=group", headers=login("petugas")).json["items"])
    assert open_after == open_before + 1  # one request's first task, not two
    assert client.post(f"{API}/status", json={"ticket": ticket, "access_code": shown}).status_code == 404
    assert client.post(f"{API}/status", json={"ticket": ticket, "access_code": new_code}).status_code == 200


def test_the_desk_form_s_proxy_section_speaks_to_the_officer_not_to_the_one_filing(browser):
    page = html.unescape(text(browser("petugas").get("/loket/permohonan")))
    assert 'id="f-kuasa-tanggal_surat_kuasa"' in page
    assert "salin datanya dari surat kuasa khusus, lalu periksa surat kuasa itu dan salinan KTP pemohon" in page
    assert "Isi hanya jika Anda mengajukan" not in page  # the portal's words to a proxy filing online


def test_the_desk_records_the_language_the_requester_is_written_to_bahasa_indonesia_unless_chosen(
    browser, client, login, unchanged
):
    """A requester writing in English got the receipt "Tanda Bukti Penerimaan..." in Indonesian until a correction
    changed the language: the desk's form had no choice of language (a walk report)."""
    desk = browser("petugas")
    form = html.unescape(text(desk.get("/loket/permohonan")))
    assert "Bahasa pesan dan surat untuk pemohon" in form
    assert re.search(r'<input type="radio"[^>]*name="locale" value="id"[^>]*checked', form), form  # the default
    with unchanged():
        unknown = desk.post("/loket/permohonan", _form(channel="langsung", locale="fr"))
    assert unknown.status_code == 422
    assert 'id="f-locale-error"' in text(unknown)
    english = desk.post("/loket/permohonan", _form(channel="langsung", locale="en"))
    assert english.status_code == 303, text(english)
    indonesian = desk.post("/loket/permohonan", _form(channel="langsung", **{"requester.name": "Budi Santoso"}))
    assert indonesian.status_code == 303, text(indonesian)
    for response, locale in ((english, "en"), (indonesian, "id")):
        ticket = response.headers["Location"].rsplit("/", 1)[-1]
        assert client.get(f"{API}/cases/{ticket}", headers=login("ppid")).json["requester"]["locale"] == locale
