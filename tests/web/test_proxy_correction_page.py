"""The case page shows an objection's proxy to the desk, which corrects it on a page (/kasus/<ticket>/data-kuasa,
api.web.proxy) as the API does (tests/api/test_proxy_correction.py): the form starts from the data on file, errors
come back beside their fields, the timeline names the fields that changed and never their old values."""

import html
import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_proxy_correction import PROXY, by_proxy
from tests.api.test_request_proxy import PROXY as REQUEST_PROXY
from tests.web.pages import text

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


# Most tests start from an objection filed by a proxy: built once per worker and copied for every later test
# (kept_database).
@pytest.fixture
def proxied(desk, client, kept_database):
    """``proxied()``: an objection filed by a proxy on the portal (``by_proxy``): its ticket."""
    return lambda: kept_database("proxy_correction_page-by_proxy", lambda: by_proxy(desk, client))


def _form(reason="kesalahan_pencatatan", **changes) -> dict:
    proxy = {k: v for k, v in {**PROXY, **changes}.items() if v is not None}
    return {**{f"kuasa.{k}": "true" if v is True else v for k, v in proxy.items()}, "reason": reason}


def test_the_desk_reads_the_proxy_on_the_case_page_and_corrects_the_power_of_attorney_number(proxied, browser):
    ticket = proxied()
    officer = browser("petugas")
    page = html.unescape(text(officer.get(f"/kasus/{ticket}")))
    assert "Kuasa pemohon (dengan surat kuasa khusus)" in page
    assert PROXY["name"] in page
    assert PROXY["nomor_surat_kuasa"] in page
    assert f"/kasus/{ticket}/data-kuasa" in page
    assert "party id" not in page.lower()  # the vault's reference is no fact of the case
    form = text(officer.get(f"/kasus/{ticket}/data-kuasa"))
    assert "nama, alamat, telepon, e-mail, atau nomor surat kuasanya" in " ".join(form.split())  # what it corrects
    assert re.search(r'value="SK-07/XII/2026" id="f-kuasa-nomor_surat_kuasa"', form), form  # the data on file
    response = officer.post(f"/kasus/{ticket}/data-kuasa", _form(nomor_surat_kuasa="SK-08/XII/2026"))
    assert response.status_code == 303, text(response)
    page = html.unescape(text(officer.get(f"/kasus/{ticket}")))
    assert "Data kuasa telah diperbaiki: Nomor surat kuasa." in page
    assert "SK-08/XII/2026" in page
    assert "SK-07/XII/2026" not in page  # the old number is nowhere, not even in the timeline
    timeline = r"Data kuasa diperbaiki</[^>]+>\s*<[^>]+>[^<]*Nomor surat kuasa · kesalahan pencatatan"
    assert re.search(timeline, page), page


def test_the_officer_registering_the_objection_reads_the_proxy_on_the_task_page(proxied, browser, desk):
    ticket = proxied()
    task = desk.task(ticket, "registrasi_keberatan")
    page = html.unescape(text(browser("petugas").get(f"/tugas/{task['id']}")))
    assert "Kuasa pemohon (dengan surat kuasa khusus)" in page
    assert PROXY["nomor_surat_kuasa"] in page  # to check against the paper power of attorney


def test_a_wrong_field_comes_back_beside_it_and_nothing_is_recorded(proxied, browser, unchanged):
    ticket = proxied()
    officer = browser("ppid")
    officer.get(f"/kasus/{ticket}/data-kuasa")
    with unchanged():
        response = officer.post(f"/kasus/{ticket}/data-kuasa", _form(phone="call me", name="B"))
    assert response.status_code == 422
    page = text(response)
    assert 'id="f-kuasa-phone-error"' in page
    assert 'id="f-kuasa-name-error"' in page
    assert 'value="call me"' in page  # what was typed stays


def test_the_same_form_sent_again_changes_nothing_and_says_so(proxied, browser):
    ticket = proxied()
    officer = browser("petugas")
    officer.get(f"/kasus/{ticket}/data-kuasa")
    assert officer.post(f"/kasus/{ticket}/data-kuasa", _form()).status_code == 303
    assert "Tidak ada yang diubah" in text(officer.get(f"/kasus/{ticket}"))


def test_an_auditor_reads_no_proxy_and_is_offered_no_correction(proxied, browser):
    ticket = proxied()
    auditor = browser("auditor")
    page = text(auditor.get(f"/kasus/{ticket}"))
    assert PROXY["name"] not in page
    assert "/data-kuasa" not in page
    assert auditor.get(f"/kasus/{ticket}/data-kuasa").status_code == 403


def test_a_request_filed_in_person_has_no_proxy_to_correct(browser, desk):
    ticket = desk.submit()["ticket"]
    officer = browser("petugas")
    assert f'href="/kasus/{ticket}/data-kuasa"' not in text(officer.get(f"/kasus/{ticket}"))
    assert officer.get(f"/kasus/{ticket}/data-kuasa").status_code == 404


def test_the_desk_records_that_the_power_of_attorney_ended_and_the_case_page_says_so(proxied, browser):
    ticket = proxied()
    officer = browser("petugas")
    form = html.unescape(text(officer.get(f"/kasus/{ticket}/data-kuasa")))
    assert "Catat bahwa kuasa berakhir" in form
    refused = officer.post(f"/kasus/{ticket}/data-kuasa/cabut", {})
    assert refused.status_code == 422
    assert 'id="revoke-error"' in text(refused)
    response = officer.post(f"/kasus/{ticket}/data-kuasa/cabut", {"reason": "dicabut_pemohon"})
    assert response.status_code == 303, text(response)
    page = html.unescape(text(officer.get(f"/kasus/{ticket}")))
    assert "Kuasa telah berakhir: surat yang terbit sejak saat ini" in page  # the flash
    assert "Kuasa pemohon (dengan surat kuasa khusus) · kuasa telah berakhir" in page
    assert PROXY["name"] in page  # who filed the objection stays on the case
    assert f'href="/kasus/{ticket}/data-kuasa"' not in page  # no longer corrected
    assert f'href="/kasus/{ticket}/data-kuasa/baru"' in page  # a new proxy may be recorded
    assert re.search(r"Kuasa berakhir</[^>]+>\s*<[^>]+>[^<]*Dicabut oleh pemohon", page), page
    again = officer.post(f"/kasus/{ticket}/data-kuasa/cabut", {"reason": "dicabut_pemohon"})  # a second click
    assert again.status_code == 303
    assert "kuasa tersebut telah berakhir" in html.unescape(text(officer.get(f"/kasus/{ticket}")))


def test_the_desk_records_a_proxy_appointed_after_the_filing(browser, desk, client):
    from tests.api.test_chain_api import objected

    _receipt, objection = objected(desk, client)
    ticket = objection["ticket"]
    officer = browser("petugas")
    page = html.unescape(text(officer.get(f"/kasus/{ticket}")))
    assert f"/kasus/{ticket}/data-kuasa/baru" in page
    assert "Kuasa pemohon (dengan surat kuasa khusus)" not in page  # no proxy yet
    officer.get(f"/kasus/{ticket}/data-kuasa/baru")
    refused = officer.post(f"/kasus/{ticket}/data-kuasa/baru", {"kuasa.name": "Siti Aminah, S.H."})
    assert refused.status_code == 422
    assert 'id="f-kuasa-tanggal_surat_kuasa-error"' in text(refused)
    form = {
        "kuasa.name": "Siti Aminah, S.H.",
        "kuasa.address": "Jl. Diponegoro 3",
        "kuasa.nomor_surat_kuasa": "SK-11",
        "kuasa.tanggal_surat_kuasa": "2026-11-30",
        "kuasa.bermeterai": "true",
    }
    assert officer.post(f"/kasus/{ticket}/data-kuasa/baru", form).status_code == 303
    page = html.unescape(text(officer.get(f"/kasus/{ticket}")))
    assert "Kuasa telah dicatat" in page
    assert "Siti Aminah, S.H." in page
    assert f"/kasus/{ticket}/data-kuasa/baru" not in page  # one proxy at a time
    assert re.search(r"Kuasa ditunjuk</[^>]+>", page)
    again = officer.get(f"/kasus/{ticket}/data-kuasa/baru")
    assert again.status_code == 303  # back to the case, which says why


def test_the_desk_records_a_request_s_proxy_whose_power_needs_no_meterai(browser, desk):
    ticket = desk.submit()["ticket"]
    officer = browser("petugas")
    assert f"/kasus/{ticket}/data-kuasa/baru" in text(officer.get(f"/kasus/{ticket}"))
    form = text(officer.get(f"/kasus/{ticket}/data-kuasa/baru"))
    assert 'id="f-kuasa-nomor_surat_kuasa"' in form
    assert "kuasa.bermeterai" not in form  # only an objection's power of attorney must bear meterai
    proxy = {
        "kuasa.name": "Rahmat Hidayat, S.H.",
        "kuasa.address": "Jl. Cikini Raya 5",
        "kuasa.tanggal_surat_kuasa": "2026-12-01",
    }
    assert officer.post(f"/kasus/{ticket}/data-kuasa/baru", proxy).status_code == 303
    page = html.unescape(text(officer.get(f"/kasus/{ticket}")))
    assert "Kuasa pemohon (dengan surat kuasa khusus)" in page
    assert "Rahmat Hidayat, S.H." in page
    assert f'href="/kasus/{ticket}/data-kuasa"' in page  # now corrected like an objection's


def test_a_complaint_offers_no_proxy_to_record(browser, client):
    from tests.conftest import complaint_payload

    ticket = client.post("/api/v1/complaints", json=complaint_payload()).json["ticket"]
    team = browser("tim")
    assert "/data-kuasa" not in text(team.get(f"/kasus/{ticket}"))
    assert team.get(f"/kasus/{ticket}/data-kuasa/baru").status_code in (403, 404)


@pytest.mark.parametrize(
    ("email", "hint"),
    [
        ("rahmat.hidayat@advokat.example", "Kawal mengirim tembusan pesan tentang surat itu ke e-mail kuasa"),
        (None, "kuasa tidak memberikan e-mail dan Kawal hanya mengirim kepada pemohon: kirimkan tembusannya"),
    ],
    ids=["e-mail", "none"],
)
def test_the_task_page_says_whether_kawal_e_mails_the_proxy_their_copy(browser, desk, email, hint):
    proxy = REQUEST_PROXY | ({"email": email} if email else {})
    ticket = desk.submit(kuasa=proxy)["ticket"]
    task = desk.task(ticket, "periksa_kelengkapan")
    page = " ".join(html.unescape(text(browser("petugas").get(f"/tugas/{task['id']}"))).split())
    assert hint in page
    assert ("E-mail kuasa" in page) is bool(email)  # the address on file is one of the proxy's facts
    assert email is None or email in page


def test_the_record_of_a_proxy_refuses_a_power_of_attorney_dated_tomorrow_beside_its_field(browser, desk, unchanged):
    """The desk's form took a power of attorney dated the next day, which the public form refuses (a walk report)."""
    ticket = desk.submit()["ticket"]
    officer = browser("petugas")
    officer.get(f"/kasus/{ticket}/data-kuasa/baru")
    proxy = {"kuasa.name": "Rahmat Hidayat, S.H.", "kuasa.address": "Jl. Cikini Raya 5"}
    with unchanged():
        refused = officer.post(f"/kasus/{ticket}/data-kuasa/baru", proxy | {"kuasa.tanggal_surat_kuasa": "2026-12-03"})
    assert refused.status_code == 422
    page = html.unescape(text(refused))
    error = (
        r'id="f-kuasa-tanggal_surat_kuasa-error">.*?</span> Tidak boleh sesudah tanggal kuasa dicatat \(2 Des 2026\)\.'
    )
    assert re.search(error, page), page
    assert 'value="2026-12-03"' in page  # what was typed stays


def test_a_withdrawn_request_offers_no_proxy_to_record_and_says_why(browser, desk, client):
    receipt = desk.submit()
    ticket = receipt["ticket"]
    client.post("/api/v1/requests/withdraw", json={"ticket": ticket, "access_code": receipt["access_code"]})
    officer = browser("petugas")
    assert f"/kasus/{ticket}/data-kuasa/baru" not in text(officer.get(f"/kasus/{ticket}"))
    typed = officer.get(f"/kasus/{ticket}/data-kuasa/baru")  # the address typed, or a page left open
    assert typed.status_code == 303
    assert "permohonan sudah dicabut" in html.unescape(text(officer.get(f"/kasus/{ticket}")))
