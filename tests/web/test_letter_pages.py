"""The letters on pages: the case page's list, the print view, the requester's PDFs, the public check."""

import hashlib
import io
from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_letters_api import render_letters, to_notice
from tests.conftest import request_payload
from tests.web.pages import text

NAME = request_payload()["requester"]["name"]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=True):
        yield


# Most tests start from a request granted in full, its written notice due: built once per worker and copied for every
# later test (kept_database).
@pytest.fixture
def granted(desk, kept_database):
    """``granted()``: a request walked to its written notice, granted in full (``to_notice``): its receipt."""

    def _granted():
        receipt = kept_database("letter_pages-granted", lambda: to_notice(desk))
        desk.decisions[receipt["ticket"]] = "dikabulkan_seluruhnya"  # the notice's default form follows it
        return receipt

    return _granted


def test_the_case_page_lists_the_letters_being_prepared_then_as_pdf_and_print_view(granted, app, desk, browser):
    receipt = granted()
    ticket = receipt["ticket"]
    officer = browser("ppid")
    page = text(officer.get(f"/kasus/{ticket}"))
    assert "Tanda Bukti Penerimaan Permintaan Informasi Publik" in page
    assert "sedang disiapkan" in page
    assert "Tanda Bukti Penerimaan Permintaan Informasi Publik B-1/PPID/TBP/XII/2026 · PDF sedang disiapkan" in page
    render_letters(app)
    page = text(officer.get(f"/kasus/{ticket}"))
    assert "B-1/PPID/TBP/XII/2026" in page
    sha = desk.client.get(f"/api/v1/cases/{ticket}/letters", headers=desk.login("ppid")).json["items"][0]["sha256"]
    assert f"B-1/PPID/TBP/XII/2026 · PDF siap, SHA-256 {sha[:16]}…" in page  # the history, from the letter record
    assert f'href="/kasus/{ticket}/surat/1"' in page
    pdf = officer.client.get(f"/kasus/{ticket}/surat/1")
    assert pdf.status_code == 200
    assert pdf.data.startswith(b"%PDF-")
    printed = text(officer.get(f"/kasus/{ticket}/surat/1/cetak"))
    assert "Ini tampilan cetak surat" in printed
    assert "B-1/PPID/TBP/XII/2026" in printed
    assert browser("tim").client.get(f"/kasus/{ticket}/surat/1").status_code == 404


def test_the_requester_downloads_the_letters_sent_to_them_from_the_status_page(granted, app, desk, browser):
    receipt = granted()
    desk.complete(receipt["ticket"], "pemberitahuan_tertulis")
    render_letters(app)
    requester = browser()
    page = text(requester.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]}))
    assert "Surat resmi (PDF)" in page
    assert "Pemberitahuan Tertulis" in page
    pdf = requester.client.get(f"/publik/surat/2?kasus={receipt['ticket']}")
    assert pdf.status_code == 200
    assert pdf.data.startswith(b"%PDF-")
    unopened = browser().client.get(f"/publik/surat/2?kasus={receipt['ticket']}")  # no code given here
    assert unopened.status_code == 303
    assert unopened.headers["Location"].endswith(f"/publik/status?kasus={receipt['ticket']}")


def test_a_letter_and_its_english_copy_each_say_their_language_on_the_status_page(granted, app, browser, client, login):
    """The copy keeps the letter's title and number: listed twice with nothing apart, a requester cannot tell them."""
    receipt = granted()
    base = f"/api/v1/cases/{receipt['ticket']}/letters"
    (original,) = client.get(base, headers=login("ppid")).json["items"]
    assert (
        client.post(f"{base}/{original['id']}/translation", json={"locale": "en"}, headers=login("ppid")).status_code
        == 201
    )
    render_letters(app)
    requester = browser()
    requester.get("/bahasa/en")
    page = text(requester.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]}))
    listed = page.split('class="letter-files"')[1].split("</ul>")[0]
    assert listed.count(original["number"]) == 2
    assert "(Indonesian original, the letter of record)" in listed
    assert "(English translation)" in listed


def test_the_verification_page_confirms_the_pdf_and_refuses_another_file(granted, app, browser, login, client):
    receipt = granted()
    render_letters(app)
    (letter,) = client.get(f"/api/v1/cases/{receipt['ticket']}/letters", headers=login("ppid")).json["items"]
    code = letter["verify_url"].rsplit("/", 1)[1]
    pdf = browser("ppid").client.get(f"/kasus/{receipt['ticket']}/surat/{letter['id']}").data
    assert hashlib.sha256(pdf).hexdigest() == letter["sha256"]
    public = browser()
    page = text(public.get(f"/verifikasi/{code}"))
    assert "Verifikasi surat" in page
    assert letter["number"] in page
    assert letter["sha256"] in page
    assert NAME not in page
    genuine = text(public.post(f"/verifikasi/{code}", {"file": (io.BytesIO(pdf), "surat.pdf")}))
    assert "Asli:" in genuine
    forged = text(public.post(f"/verifikasi/{code}", {"file": (io.BytesIO(pdf + b" "), "surat.pdf")}))
    assert "Tidak asli:" in forged
    assert public.get("/verifikasi/zzzzzzzzzz").status_code == 404


def test_the_task_page_refuses_a_notice_that_contradicts_the_decision_beside_the_field(desk, browser):
    receipt = to_notice(desk, "tidak_dikuasai")
    task = desk.task(receipt["ticket"], "pemberitahuan_tertulis")
    officer = browser("ppid")
    officer.get(f"/tugas/{task['id']}")
    form = {
        "informasi_dikuasai": "true",  # the decision says the office does not hold it
        "biaya": "0",
        "tanggal_pemberitahuan": "2026-12-02",
        "dikirim_melalui": "email",
    }
    r = officer.post(f"/tugas/{task['id']}", form)
    page = text(r)
    assert r.status_code == 422
    assert '<p class="field-error" id="f-informasi_dikuasai-error">' in page
    assert "bertentangan dengan keputusan" in page
    assert desk.task(receipt["ticket"], "pemberitahuan_tertulis")  # still open


def test_the_signed_scan_form_needs_its_csrf_token_a_writer_and_takes_one_scan_per_letter(granted, app, desk, browser):
    ticket = granted()["ticket"]
    render_letters(app)
    scan = b"%PDF-1.4\n% signed\n%%EOF\n"

    def upload(who, csrf=True):
        who.get(f"/kasus/{ticket}")
        data = {"letter": "1", "file": (io.BytesIO(scan), "pindaian.pdf")}
        return who.post(f"/kasus/{ticket}/surat/pindaian", data, csrf=csrf, content_type="multipart/form-data")

    officer = browser("ppid")
    assert 'action="/kasus/' + ticket + '/surat/pindaian"' in text(officer.get(f"/kasus/{ticket}"))
    assert upload(officer, csrf=False).status_code == 400  # no token: nothing stored
    assert (
        desk.client.get(f"/api/v1/cases/{ticket}/letters", headers=desk.login("ppid")).json["items"][0]["scan_sha256"]
        is None
    )
    auditor = browser("auditor")
    assert "surat/pindaian" not in text(auditor.get(f"/kasus/{ticket}"))
    assert upload(auditor).status_code == 404  # the receipt prints the requester's identity: not the auditor's
    assert upload(officer).status_code == 302
    again = upload(officer)
    assert again.status_code == 302
    assert "sudah" in text(officer.get(f"/kasus/{ticket}")).lower()  # the second scan is refused in words
    (first,) = [
        x
        for x in desk.client.get(f"/api/v1/cases/{ticket}/letters", headers=desk.login("ppid")).json["items"]
        if x["id"] == 1
    ]
    assert first["scan_sha256"] == hashlib.sha256(scan).hexdigest()


def test_a_letters_date_out_of_bounds_is_refused_with_the_same_words_on_the_api_and_the_task_page(
    client, login, browser
):
    from tests.api.test_complaint_documents import Team
    from tests.workflows.test_pengaduan_paths import KE_ITJEN

    team = Team(client, login).verified()  # received today, 2 December 2026
    team.complete("klasifikasi", KE_ITJEN)
    case = client.get(f"/api/v1/cases/{team.ticket}", headers=login("tim")).json
    (task,) = [t for t in case["open_tasks"] if t["name"] == "rujukan_itjen"]
    api = client.post(
        f"/api/v1/tasks/{task['id']}/complete", json={"data": {"tanggal": "2026-12-03"}}, headers=login("tim")
    )
    assert api.status_code == 422
    assert api.json["errors"] == {"tanggal": ["antara 2 Des 2026 dan hari ini"]}
    officer = browser("tim")
    officer.get(f"/tugas/{task['id']}")
    page = officer.post(f"/tugas/{task['id']}", {"tanggal": "2026-12-03"})
    assert page.status_code == 422
    assert '<p class="field-error" id="f-tanggal-error">' in text(page)
    assert "antara 2 Des 2026 dan hari ini" in text(page)
    assert [t["name"] for t in client.get(f"/api/v1/cases/{team.ticket}", headers=login("tim")).json["open_tasks"]] == [
        "rujukan_itjen"
    ]
