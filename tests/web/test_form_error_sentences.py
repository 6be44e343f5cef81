"""A refused form's errors read as sentences in both languages, in the summary and under each field.

The walk found the summary joining a field's label and the engine's fragment with a colon: "Full name: is
required", "Permohonan lengkap?: wajib diisi", "Identitas pemohon: isi salah satu: e-mail atau telepon". A field left
empty now says so in a sentence that names it ("Nama lengkap wajib diisi." / "Full name is required."), a question
asks to be answered, a confirmation to be ticked; any other message follows its label after one colon and ends with
a full stop; under the field the message starts with a capital. The API's JSON keeps its shape and its words.
"""

import re

import pytest

from tests.web.pages import text
from tests.web.test_portal import complaint_form, request_form


def _summary(page: str) -> dict[str, str]:
    """The error summary's links: target id -> the words of the link."""
    found = re.search(r'<div class="error-summary" role="alert"[^>]*>(.*?)</div>', page, re.S)
    assert found, page
    return {target: words.strip() for target, words in re.findall(r'<a href="#([\w-]+)">(.*?)</a>', found[1], re.S)}


def _under(page: str) -> dict[str, str]:
    """Each field's own error, without its hidden "Error:" prefix."""
    found = re.findall(
        r'<p class="field-error" id="(f-[\w-]+)-error">(?:<span class="visually-hidden">[^<]*</span>)?(.*?)</p>',
        page,
        re.S,
    )
    return {target: " ".join(words.split()) for target, words in found}


@pytest.mark.parametrize(
    ("language", "name", "group", "kind"),
    [
        (
            "id",
            "Nama lengkap wajib diisi.",
            "Identitas pemohon: isi alamat e-mail atau nomor telepon.",
            "Jenis pemohon wajib dipilih.",
        ),
        (
            "en",
            "Full name is required.",
            "Requester: give an e-mail address or a phone number.",
            "Requester type must be chosen.",
        ),
    ],
)
def test_the_portal_request_form_says_each_missing_field_in_a_sentence(browser, unchanged, language, name, group, kind):
    b = browser()
    b.get(f"/bahasa/{language}")
    form = request_form() | {"requester.name": "", "requester.email": "", "requester.phone": "", "requester_type": ""}
    with unchanged():
        r = b.post("/publik/permohonan", form)
    assert r.status_code == 422
    page = text(r)
    summary = _summary(page)
    assert summary["f-requester-name"] == name
    assert summary["f-requester-email"] == group  # a group's own error lands on the field it asks for
    assert summary["f-requester_type-1"] == kind
    assert _under(page)["f-requester-name"] == name  # the same sentence under the field
    assert not any(": is required" in s or ": wajib diisi" in s for s in summary.values())
    assert "salah satu:" not in page  # "Identitas pemohon: isi salah satu: e-mail atau telepon"


def test_a_task_question_left_unanswered_asks_for_an_answer_and_a_wrong_value_is_its_own_sentence(desk, browser):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    b = browser("petugas")
    b.get(f"/tugas/{task['id']}")
    page = text(b.post(f"/tugas/{task['id']}", {"kekurangan": ""}))
    assert _summary(page)["f-lengkap-1"] == "Jawab “Permohonan lengkap?”."
    assert "?:" not in page
    page = text(b.post(f"/tugas/{task['id']}", {"lengkap": "mungkin"}))
    assert _summary(page)["f-lengkap-1"] == "Permohonan lengkap? Jenis isian salah."
    assert _under(page)["f-lengkap"] == "Jenis isian salah."
    page = text(b.post(f"/tugas/{task['id']}", {"lengkap": "false", "kekurangan": "   "}))
    assert _summary(page)["f-kekurangan"] == "Kekurangan yang harus dilengkapi wajib diisi."


def test_the_api_keeps_its_field_messages(desk, client, login):
    """The JSON refusal is unchanged: field -> the engine's messages, in the caller's language."""
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    url = f"/api/v1/tasks/{task['id']}/complete"
    r = client.post(url, json={"data": {}}, headers=login("petugas"))
    assert r.status_code == 422
    assert r.json["errors"] == {"lengkap": ["wajib diisi"]}
    r = client.post(url, json={"data": {}}, headers=login("petugas") | {"Accept-Language": "en"})
    assert r.json["errors"] == {"lengkap": ["is required"]}


def test_a_wrong_nik_does_not_say_its_label_twice(browser, unchanged):
    """Review: the complaint form's summary read "NIK: NIK terdiri atas 16 angka; …": the message after the label
    starts with what the NIK is made of."""
    with unchanged():
        r = browser().post("/publik/pengaduan", complaint_form("rahasia") | {"pelapor.nik": "12345"})
    assert r.status_code == 422
    page = text(r)
    said = (
        "NIK: terdiri atas 16 angka; warga negara asing mengisi nomor paspor: 6 sampai 12 huruf atau angka, "
        "sekurang-kurangnya satu angka."
    )
    assert said in _summary(page).values()
    assert "NIK: NIK" not in page
