"""The forms that draw their own error summary say each error as the task forms do (test_form_error_sentences).

The walk found the officer and unit account forms, the registers' and the dashboard's filters, a DIP item's file
and an incident's closing reason still saying a bare "wajib diisi" (or "Masukkan tanggal ...") without the field it
is of. Each now follows its field's name, or is a sentence naming it ("Nama wajib diisi."), linked to the field; under
the field it starts with a capital. The incident's words for an error of no known kind read right on the page and in
the API alike.
"""

import io
import re

from engine.incident_words import explain
from tests.web.pages import text
from tests.web.test_dip_pages import new_item
from tests.web.test_form_error_sentences import _summary


def test_a_unit_left_without_a_name_is_told_so_by_name_in_both_languages(browser, unchanged):
    admin = browser("admin")
    admin.get("/unit")
    with unchanged():
        page = text(admin.post("/unit", {"code": "KANKEMENAG-MLG", "name": ""}))
    assert _summary(page) == {"user-name": "Nama wajib diisi."}
    assert '<p class="field-error" id="user-name-error">Nama wajib diisi.</p>' in page
    admin.get("/bahasa/en")
    with unchanged():
        page = text(admin.post("/unit", {"code": "KANKEMENAG-MLG", "name": ""}))
    assert _summary(page) == {"user-name": "Name is required."}


def test_an_officer_s_form_says_each_error_after_its_field_s_name(browser, unchanged):
    admin = browser("admin")
    admin.get("/pengguna/baru")
    form = {"username": "sari w", "display_name": "", "password": "meja-depan-77", "unit": "KANWIL", "groups": []}
    with unchanged():
        page = text(admin.post("/pengguna/baru", form))
    summary = _summary(page)
    assert summary["user-username"] == "Nama pengguna: huruf, angka, titik dan garis bawah, paling banyak 80."
    assert summary["user-groups"] == "Kelompok: minimal satu kelompok."
    assert '<p class="field-error" id="user-groups-error">Minimal satu kelompok.</p>' in page


def test_a_register_filter_s_wrong_day_is_said_after_the_field_and_linked_to_it(browser):
    page = text(browser("ppid").get("/laporan/register/permohonan", query_string={"from": "31-03-2026"}))
    found = re.search(r'<div class="error-summary" role="alert".*?</div>', page, re.S)[0]
    assert re.search(
        r'<li><a href="#register-from">Hari pertama: Masukkan tanggal seperti 2026-03-31\.</a></li>', found
    )
    assert 'id="register-from"' in page


def test_a_dip_item_s_file_refused_is_said_after_the_field_s_name(browser):
    ppid = browser("ppid")
    item_id = new_item(ppid)
    ppid.get(f"/dip/{item_id}")
    bad = ppid.client.post(
        f"/dip/{item_id}/berkas", data={"csrf_token": ppid.token, "file": (io.BytesIO(b"MZ"), "x.exe")}
    )
    assert bad.status_code == 422
    page = text(bad)
    (said,) = _summary(page).values()
    assert said == "Dokumen (PDF, PNG atau JPEG): hanya PDF, PNG atau JPEG."
    under = re.search(r'<p class="field-error" id="dip-file-error">.*?</span>\s*(.*?)</p>', page, re.S)[1]
    assert under == "Hanya PDF, PNG atau JPEG."


def test_an_error_of_no_known_kind_reads_right_in_the_api_too():
    """Not "this page does not explain": the same words are the API's (api.views.incidents) and the CLI's."""
    for language in ("id", "en"):
        code, words = explain("FrobnicationError: the thing broke", job=False, language=language)
        assert code == "unexplained"
        assert "FrobnicationError" in words
        assert "halaman ini" not in words
        assert "this page" not in words
    assert explain("FrobnicationError: x", job=False, language="en")[1] == (
        "Kawal recorded an error of a kind it does not recognise (FrobnicationError): the server's log has the details."
    )
    assert explain("FrobnicationError: x", job=False, language="id")[1] == (
        "Kawal mencatat kesalahan yang jenisnya tidak dikenalinya (FrobnicationError): rinciannya ada di log server."
    )
