"""The public portal: a requester and a reporter file and follow their cases without an account.

The access code is shown once and never travels in a URL; a wrong code says nothing about the
ticket; an anonymous report keeps no identity; every form needs its CSRF token.
"""

import html
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from api.web.portal import paths as portal_paths
from engine import status
from engine.scrub import without_metadata
from tests.api.test_chain_api import decided
from tests.conftest import REPORTER_NAME, REPORTER_NIK, complaint_payload, request_payload
from tests.helpers import SAMPLE_PDF, STEP, dated
from tests.web.pages import text

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
PDF = SAMPLE_PDF
RECEIPT = re.compile(
    r'<dd class="secret">([A-Z]+-\d{4}-\d{6})</dd>\s*<dt>[^<]+</dt>\s*<dd class="secret">([0-9A-Z-]+)</dd>'
)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def request_form(**overrides) -> dict:
    """The request payload as the form's fields (dotted names for the requester's identity)."""
    payload = request_payload(**overrides)
    form = {f"requester.{k}": v for k, v in payload.pop("requester").items()}
    return form | payload


def complaint_form(mode, **overrides) -> dict:
    payload = complaint_payload(mode, **overrides)
    form = {f"pelapor.{k}": v for k, v in payload.pop("pelapor", {}).items()}
    return form | payload


def receipt_of(b, path, form) -> tuple[str, str]:
    r = b.post(path, form)
    assert r.status_code == 303, text(r)
    assert r.headers["Location"].endswith("/publik/tanda-terima")
    shown = b.get("/publik/tanda-terima")
    found = RECEIPT.search(text(shown))
    assert found, text(shown)
    return found[1], found[2]


def open_case(b, ticket, code):
    return b.post("/publik/status", {"ticket": ticket, "access_code": code})


# --- an information request ----------------------------------------------------------------------


def test_an_incomplete_request_s_status_says_what_is_missing_and_until_when(browser, desk):
    """It showed T10 with "nothing for you to do for this deadline" and "supply the missing items" without saying
    which or by when (§3.10)."""
    receipt = desk.submit()
    missing = "Salinan KTP dan tujuan penggunaan informasi"
    desk.complete(receipt["ticket"], "periksa_kelengkapan", {"lengkap": False, "kekurangan": missing})
    page = text(open_case(browser(), receipt["ticket"], receipt["access_code"]))
    assert f"<strong>Yang perlu dilengkapi:</strong> <span>{missing}</span>" in page
    assert "lengkapi kekurangan permohonan Anda paling lambat 7 Des 2026, 16:00 WIB" in page  # the window, not T10
    assert "serahkan ke meja layanan informasi" in page  # how: it named no place nor way (a review of a day's work)
    assert f"dengan menyebut nomor tiket {receipt['ticket']}" in page


def test_a_completed_request_s_status_no_longer_asks_for_what_was_missing(browser, desk):
    """Recorded as completed, the request waited at "Menunggu Kelengkapan", still telling the requester to supply
    what was missing, until the desk registered it."""
    receipt = desk.submit()
    desk.complete(receipt["ticket"], "periksa_kelengkapan", {"lengkap": False, "kekurangan": "Salinan KTP"})
    desk.complete(receipt["ticket"], "terima_kelengkapan", {"dilengkapi_pada": "2026-12-02"})
    page = text(open_case(browser(), receipt["ticket"], receipt["access_code"]))
    assert "Dilengkapi" in page
    assert "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan." in page
    assert "Yang perlu dilengkapi" not in page
    assert "Lengkapi kekurangan permohonan Anda" not in page
    assert "2 Des 2026, 10:00 WIB: Dilengkapi" in page  # in the case's history, after its wait


def test_a_request_filed_on_the_portal_shows_its_ticket_and_code_once(browser, desk):
    b = browser()
    assert "Ajukan permohonan informasi" in text(b.get("/publik"))
    form = b.get("/publik/permohonan")
    assert form.status_code == 200
    assert '<label for="f-information">Rincian informasi yang dibutuhkan' in text(form)
    r = b.post("/publik/permohonan", request_form())
    assert r.status_code == 303
    assert "access_code" not in r.headers["Location"]
    shown = b.get("/publik/tanda-terima")
    page = text(shown)
    ticket, code = RECEIPT.search(page).groups()
    assert ticket.startswith("PPID-2026-")
    assert shown.headers["Cache-Control"] == "no-store"
    assert "Catat nomor tiket dan kode akses sekarang" in page
    again = text(b.get("/publik/tanda-terima"))
    assert code not in again
    assert ticket not in again
    assert "sudah ditampilkan" in again
    assert desk.status({"ticket": ticket, "access_code": code})["status"] == "diterima"  # the code is real


PROXY_FIELDS = ("name", "address", "phone", "nomor_surat_kuasa", "tanggal_surat_kuasa")


def test_a_request_is_filed_on_the_portal_by_a_proxy_or_with_the_proxy_s_fields_left_empty(browser, desk):
    """A browser sends the proxy's fields empty when nobody files for the requester: no proxy is recorded. Filled,
    the proxy is recorded for the desk (a private power of attorney has no number); half filled, the missing field
    is asked for beside it."""
    b = browser()
    form = text(b.get("/publik/permohonan"))
    assert "Kuasa pemohon (jika diajukan oleh kuasa, dengan surat kuasa khusus)" in form
    assert 'id="f-kuasa-tanggal_surat_kuasa"' in form
    empty = {f"kuasa.{k}": "" for k in PROXY_FIELDS}
    alone, _code = receipt_of(b, "/publik/permohonan", request_form() | empty)
    assert desk.case(alone, "petugas")["proxy"] is None
    proxy = {"name": "Rahmat Hidayat, S.H.", "address": "Jl. Cikini Raya 5", "tanggal_surat_kuasa": "2026-12-01"}
    fields = {f"kuasa.{k}": v for k, v in proxy.items()} | {"kuasa.phone": "", "kuasa.nomor_surat_kuasa": ""}
    refused = b.post("/publik/permohonan", request_form() | fields | {"kuasa.tanggal_surat_kuasa": ""})
    assert refused.status_code == 422
    assert 'id="f-kuasa-tanggal_surat_kuasa-error"' in text(refused)
    filed, _code = receipt_of(b, "/publik/permohonan", request_form() | fields)
    assert desk.case(filed, "petugas")["proxy"] == proxy | {"revoked": False}


def test_an_invalid_request_shows_each_error_beside_its_field_keeps_the_values_and_files_nothing(browser, unchanged):
    b = browser()
    b.get("/publik/permohonan")
    form = request_form(information="pendek") | {"requester.name": "", "requester.email": "", "requester.phone": ""}
    with unchanged():
        r = b.post("/publik/permohonan", form)
    page = text(r)
    assert r.status_code == 422
    assert 'class="error-summary" role="alert"' in page
    assert '<a href="#f-requester-name">Nama lengkap wajib diisi.</a>' in page
    assert '<p class="field-error" id="f-information-error">' in page
    assert re.search(
        r'<textarea [^>]*id="f-information"[^>]*aria-invalid="true"'
        r' aria-describedby="f-information-hint f-information-error"',
        page,
    )
    assert "isi alamat e-mail atau nomor telepon" in page  # the identity needs a way to reach the requester
    # The group's own error is its description, and its summary link lands on a field it asks for, not on the
    # fieldset (which takes no focus).
    assert re.search(
        r'<fieldset class="field-group has-error" id="f-requester" aria-describedby="[^"]*f-requester-error"', page
    )
    assert re.search(r'<a href="#f-requester-email">Identitas pemohon: [^<]*isi alamat e-mail', page)  # asks what
    assert 'value="Penelitian kebijakan pendidikan"' in page or ">Penelitian kebijakan pendidikan</textarea>" in page
    assert "Jl. Merdeka 1, Jakarta Pusat" in page  # values kept


def test_a_request_without_any_identity_says_each_missing_field_beside_it(browser, unchanged):
    """All of name, NIK and address empty gave one "Identitas pemohon: wajib diisi" above the group."""
    b = browser()
    b.get("/publik/permohonan")
    form = {k: v for k, v in request_form().items() if not k.startswith("requester.")}
    with unchanged():
        r = b.post("/publik/permohonan", form)
    assert r.status_code == 422
    errors = dict(re.findall(r'<p class="field-error" id="f-([\w-]+)-error">(.*?)</p>', text(r), re.S))
    for name in ("requester-name", "requester-nik", "requester-address"):
        assert "wajib diisi" in errors.get(name, ""), (name, errors)


def test_the_status_page_shows_the_stage_the_path_the_due_date_and_the_next_step(browser):
    b = browser()
    ticket, code = receipt_of(b, "/publik/permohonan", request_form())
    r = open_case(b, ticket, code)
    page = text(r)
    assert r.status_code == 200
    assert r.headers["Cache-Control"] == "no-store"
    assert '<p class="stage-now">Diterima</p>' in page
    assert re.search(r'<li class="step step-current" aria-current="step">\s*<span class="step-label">Diterima', page)
    assert "Pemberitahuan tertulis" in page
    assert "akan datang" in page
    assert "Batas waktu kantor:" in page  # whose deadline it is (issue 11, point 3)
    assert "kantor wajib bertindak paling lambat" in page
    assert "10 hari kerja dihitung sejak" in page  # why this date
    assert "tidak ada yang perlu Anda lakukan" in page  # the next step
    assert code not in page
    # The session remembers the verified ticket (not the code): a reload needs no code.
    assert "Diterima" in text(b.get("/publik/status"))


def test_a_wrong_code_gets_one_generic_answer_whether_or_not_the_ticket_exists(browser):
    b = browser()
    ticket, _code = receipt_of(b, "/publik/permohonan", request_form())
    wrong = open_case(b, ticket, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")
    unknown = open_case(b, "PPID-2026-999999", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")
    assert wrong.status_code == unknown.status_code == 404
    message = "Kami tidak menemukan kasus dengan nomor tiket dan kode akses ini."
    assert message in text(wrong)
    assert message in text(unknown)
    assert "Diterima" not in text(wrong)


def test_too_many_wrong_codes_are_refused_for_a_while(browser, settings):
    b = browser()
    b.get("/publik/status")
    for _ in range(settings.code_max_failures):
        assert open_case(b, "PPID-2026-000001", "SALAH").status_code == 404
    assert open_case(b, "PPID-2026-000001", "SALAH").status_code == 429


def test_the_requester_reads_the_written_notice_addressed_to_them(browser, desk):
    receipt = decided(desk, "dikabulkan_seluruhnya")
    page = text(open_case(browser(), receipt["ticket"], receipt["access_code"]))
    assert "Pemberitahuan Tertulis" in page
    assert "Daftar penerima" in page  # d. the material given
    assert "Waktu untuk mengajukan keberatan" in page  # the objection window opened by the notice
    assert f"/publik/keberatan?tiket={receipt['ticket']}" in page
    assert receipt["access_code"] not in page
    # The office's running deadline is now the hand-over (SERAH): the page said the office had not answered.
    assert "Kantor sudah menjawab; ini batas waktunya untuk menyerahkan informasi." in page
    assert "Bila kantor belum menjawab sampai tanggal itu" not in page


def test_the_requester_reads_why_their_request_was_extended(browser, desk):
    """UU 14/2008 Pasal 22(8): the extension is told in writing, with its reasons; the status page shows it."""
    receipt = desk.submit()
    ticket = receipt["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan"):
        desk.complete(ticket, step)
    extension = dated(STEP["tentukan_langkah_perpanjang"], desk.case(ticket)["received_at"][:10])
    desk.complete(ticket, "tentukan_langkah", extension)
    page = html.unescape(text(open_case(browser(), ticket, receipt["access_code"])))
    assert "diperpanjang 7 hari kerja" in page
    assert "karena informasi belum dikuasai kantor." in page  # the reason, in words
    assert "Data masih dihimpun unit pengolah" in page  # and its details, as the letter gives them


# --- an objection --------------------------------------------------------------------------------


def test_an_objection_to_a_refused_request_is_filed_on_the_portal_and_followed_with_the_request_code(browser, desk):
    receipt = decided(desk)  # refused as exempt, written notice sent
    b = browser()
    form = b.get(f"/publik/keberatan?tiket={receipt['ticket']}")
    assert f'value="{receipt["ticket"]}"' in text(form)
    assert "Permintaan saya ditolak karena informasinya dinyatakan dikecualikan" in text(form)
    r = b.post(
        "/publik/keberatan",
        {
            "ticket": receipt["ticket"],
            "access_code": receipt["access_code"],
            "alasan": ["a", "e"],
            "kasus_posisi": "Informasi ditolak tanpa uji konsekuensi yang layak",
        },
    )
    assert r.status_code == 303, text(r)
    page = text(b.get("/publik/tanda-terima"))
    objection = re.search(r'<dd class="secret">(KEB-2026-\d{6})</dd>', page)[1]
    assert receipt["access_code"] not in page  # the requester's code is not shown again
    assert receipt["ticket"] in page
    status_page = text(open_case(b, objection, receipt["access_code"]))
    assert "Keberatan Diterima" in status_page
    assert receipt["ticket"] in status_page  # the linked request, openable without the code again
    assert "Ditolak (Informasi Dikecualikan)" in text(b.get(f"/publik/status?kasus={receipt['ticket']}"))


def test_an_objection_filed_before_the_office_had_to_answer_says_so_on_its_receipt(browser, desk):
    """Ground c ("not answered") minutes after the request was registered, with no word that the office still had
    until its deadline: the objection is registered (never refused, legal-process.md §4.2), and the receipt says it."""
    receipt = desk.submit()
    b = browser()
    r = b.post(
        "/publik/keberatan",
        {
            "ticket": receipt["ticket"],
            "access_code": receipt["access_code"],
            "alasan": ["c"],
            "kasus_posisi": "Permintaan saya tidak ditanggapi",
        },
    )
    assert r.status_code == 303, text(r)
    page = text(b.get("/publik/tanda-terima"))
    assert "diajukan sebelum batas waktu kantor menjawab permohonan Anda: kantor masih dapat menjawabnya sampai" in page
    assert "Keberatan tetap dicatat" in page


def test_an_objection_with_a_wrong_code_files_nothing_and_says_only_not_found(browser, desk, unchanged):
    receipt = decided(desk)
    b = browser()
    b.get("/publik/keberatan")
    with unchanged():
        r = b.post("/publik/keberatan", {"ticket": receipt["ticket"], "access_code": "SALAH", "kasus_posisi": "x"})
    page = text(r)
    assert r.status_code == 404
    assert "Kami tidak menemukan kasus dengan nomor tiket dan kode akses ini." in page
    assert '<a href="#f-alasan-1">' in page  # the missing grounds are named too
    assert 'value="SALAH"' not in page


# --- complaints ----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["anonim", "rahasia", "whistleblower"])
def test_a_complaint_is_filed_in_each_mode_and_its_status_never_shows_the_reporter(browser, mode):
    b = browser()
    page = text(b.get("/publik/pengaduan"))
    assert "Hanya tim pengaduan yang tahu siapa Anda." in page  # the three modes in plain words
    form = complaint_form(mode)
    if mode == "anonim":  # typed anyway, as a browser without CSS :has() would let a person do
        form |= {"pelapor.name": REPORTER_NAME, "pelapor.nik": REPORTER_NIK}
    ticket, code = receipt_of(b, "/publik/pengaduan", form)
    assert ticket.startswith("ADU-2026-")
    r = open_case(b, ticket, code)
    assert r.status_code == 200
    assert "Baru / Belum Diverifikasi" in text(r)
    assert REPORTER_NAME not in text(r)
    assert REPORTER_NIK not in text(r)
    # The verification runs (V3, the team's own): it said "no deadline is running for the office".
    assert (
        "Tim menelaah, memverifikasi dan mengklasifikasikan pengaduan paling lambat 3 hari kerja sejak diterima"
        in text(r)
    )
    assert "tidak ada batas waktu yang berjalan bagi kantor" not in text(r)


@pytest.mark.parametrize("mode", ["anonim", "rahasia"])
def test_the_receipt_says_the_ticket_was_sent_only_to_a_reporter_who_gave_a_contact(browser, mode):
    """An anonymous report keeps no contact: its receipt said the ticket had been sent to the e-mail given."""
    b = browser()
    b.get("/publik/pengaduan")
    assert b.post("/publik/pengaduan", complaint_form(mode)).status_code == 303
    page = text(b.get("/publik/tanda-terima"))
    assert ("nomor tiket sudah kami kirim ke sana" in page) is (mode != "anonim")
    assert ("Anda melapor secara anonim, jadi tidak ada yang kami kirim" in page) is (mode == "anonim")


def test_an_anonymous_complaint_keeps_no_identity(app, browser):
    b = browser()
    form = complaint_form("anonim") | {"pelapor.name": REPORTER_NAME, "pelapor.email": "x@example.org"}
    ticket, _code = receipt_of(b, "/publik/pengaduan", form)
    with app.app_context():
        from sqlalchemy import select

        from api.extensions import db
        from engine.models import Case, Party

        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        assert (case.reporter_mode, case.requester_party_id, case.confidential) == ("anonim", None, False)
        assert db.session.scalars(select(Party)).all() == []


def test_a_confidential_complaint_without_identity_shows_the_error_at_the_identity(browser, unchanged):
    b = browser()
    b.get("/publik/pengaduan")
    form = {k: v for k, v in complaint_form("rahasia").items() if not k.startswith("pelapor.")}
    with unchanged():
        r = b.post("/publik/pengaduan", form)
    assert r.status_code == 422
    # Said beside the name (the identity's required field), not only once above the whole group.
    assert '<a href="#f-pelapor-name">Nama lengkap wajib diisi.</a>' in text(r)
    assert re.search(
        r'<p class="field-error" id="f-pelapor-name-error">.*?Nama lengkap wajib diisi\.</p>', text(r), re.S
    )


def test_the_reporter_reads_a_question_and_answers_with_an_attachment(browser, client, login):
    b = browser()
    ticket, code = receipt_of(b, "/publik/pengaduan", complaint_form("whistleblower"))
    asked = client.post(
        f"/api/v1/complaints/{ticket}/messages",
        json={"body": "Mohon kirim bukti kuitansi pungutan tersebut."},
        headers=login("tim"),
    )
    assert asked.status_code == 201
    page = text(open_case(b, ticket, code))
    assert "Pesan dari tim" in page  # a message the team wrote, not the evidence request
    assert "Mohon kirim bukti kuitansi pungutan tersebut." in page
    question_id = asked.json["items"][0]["id"]
    r = b.post(
        "/publik/pengaduan/pesan",
        {"body": "Kuitansi terlampir.", "reply_to": str(question_id), "attachments": (io.BytesIO(PDF), "kuitansi.pdf")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 303, text(r)
    page = text(b.get("/publik/status"))
    assert "Pesan Anda telah dikirim kepada tim pengaduan." in page
    assert "Kuitansi terlampir." in page
    link = re.search(r'href="(/publik/pengaduan/lampiran/\d+)"', page)[1]
    download = b.client.get(link)
    assert download.data == without_metadata("application/pdf", PDF)  # an anonymous reporter's: scrubbed
    assert download.headers["Content-Disposition"] == 'attachment; filename="lampiran-1.pdf"'  # a neutral name
    seen = client.get(f"/api/v1/complaints/{ticket}/messages", headers=login("tim")).json["items"]
    assert (seen[-1]["body"], seen[-1]["reply_to"], len(seen[-1]["attachments"])) == (
        "Kuitansi terlampir.",
        question_id,
        1,
    )


def test_a_refused_attachment_is_shown_beside_the_file_field_and_nothing_is_sent(browser):
    b = browser()
    ticket, code = receipt_of(b, "/publik/pengaduan", complaint_form("rahasia"))
    open_case(b, ticket, code)
    r = b.post(
        "/publik/pengaduan/pesan",
        {"body": "Foto terlampir.", "attachments": (io.BytesIO(b"not a picture"), "foto.exe")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 422
    assert "Berkas 1: hanya PDF, PNG atau JPEG" in text(r)
    assert "Foto terlampir.</textarea>" in text(r)


def test_an_empty_message_with_a_file_says_to_write_it_and_to_choose_the_file_again(browser, unchanged):
    """It said only "1 sampai 4000 karakter", and the chosen file was gone without a word."""
    b = browser()
    ticket, code = receipt_of(b, "/publik/pengaduan", complaint_form("rahasia"))
    open_case(b, ticket, code)
    with unchanged():
        r = b.post(
            "/publik/pengaduan/pesan",
            {"body": "  ", "attachments": (io.BytesIO(PDF), "kuitansi.pdf")},
            content_type="multipart/form-data",
        )
    assert r.status_code == 422
    assert "tulis pesan Anda (paling banyak 4000 karakter)" in text(r)
    assert "Pilih lagi berkas Anda (kuitansi.pdf)" in text(r)


def test_a_message_typed_while_the_page_s_time_ran_out_is_kept_through_the_code(browser, client, login):
    """WCAG 2.2.1: the verified page lasts 15 minutes without activity; a reporter slow to write (a screen reader,
    a switch) lost the message when it ran out. It now comes back in the form after the code, unsent."""
    b = browser()
    ticket, code = receipt_of(b, "/publik/pengaduan", complaint_form("rahasia"))
    open_case(b, ticket, code)
    with time_machine.travel(RECEIVED + timedelta(minutes=16), tick=True):
        r = b.post("/publik/pengaduan/pesan", {"body": "Kuitansi <asli> ada pada saya.", "kasus": ticket})
        assert r.status_code == 200
        page = text(r)
        assert "Pesan Anda tetap tersimpan" in page
        assert f'value="{ticket}"' in page  # the ticket typed already
        again = b.post(
            "/publik/status", {"ticket": ticket, "access_code": code, "kept_body": "Kuitansi <asli> ada pada saya."}
        )
    assert again.status_code == 200
    assert (
        'name="body" rows="5" maxlength="4000" aria-required="true">Kuitansi &lt;asli&gt; ada pada saya.</textarea>'
        in text(again)
    )
    sent = client.get(f"/api/v1/complaints/{ticket}/messages", headers=login("tim")).json["items"]
    assert [m for m in sent if m["direction"] == "from_reporter"] == []  # kept, not sent behind their back


def test_answering_needs_a_case_opened_with_its_code_on_this_browser(browser):
    b = browser()
    ticket, code = receipt_of(b, "/publik/pengaduan", complaint_form("anonim"))
    r = b.post("/publik/pengaduan/pesan", {"body": "Halo"})
    assert r.status_code == 200  # the code's form, the message kept in it; nothing sent
    assert "masukkan kembali nomor tiket dan kode akses. Pesan Anda tetap tersimpan" in text(r)
    assert '<input type="hidden" name="kept_body" value="Halo">' in text(r)
    assert b.get("/publik/pengaduan/lampiran/1").status_code == 303
    stranger = browser()
    stranger.get("/publik/status")
    assert stranger.get(f"/publik/status?kasus={ticket}").status_code == 200
    assert "Baru / Belum Diverifikasi" not in text(stranger.get(f"/publik/status?kasus={ticket}"))


# --- the frame ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/publik/permohonan", "/publik/keberatan", "/publik/pengaduan", "/publik/status", "/publik/pengaduan/pesan"],
)
def test_every_portal_form_without_its_csrf_token_gets_the_expired_form_page(browser, path, unchanged):
    b = browser()
    with unchanged():
        r = b.post(path, request_form(), csrf=False)
    assert r.status_code == 400
    assert "Formulir ini sudah kedaluwarsa" in text(r)


def test_the_portal_speaks_english_when_chosen(browser):
    b = browser()
    b.get("/bahasa/en?next=/publik/permohonan")
    page = text(b.get("/publik/permohonan"))
    assert "Request public information" in page
    assert '<label for="f-information">Information requested' in page
    assert "Get a digital copy" in page
    refused = text(b.post("/publik/permohonan", request_form() | {"requester.name": ""}))
    assert "Full name is required.</a>" in refused
    assert "wajib diisi" not in refused


def test_every_engine_status_has_its_place_on_a_legal_path():
    placed = [s for steps in portal_paths.PATHS.values() for step in steps for s in step.statuses]
    assert len(placed) == len(set(placed))
    assert set(placed) == set(status.STATUSES)


def _path(status_, closed, *reached):
    from engine import kinds
    from engine.models import Case

    case = Case(kind=kinds.DISPUTE, status=status_, closed_at=RECEIVED if closed else None)
    steps = portal_paths.legal_path(case, [{"name": name} for name in ("sengketa_teregistrasi", *reached)])
    return [(str(step["label"]), step["state"]) for step in steps]  # outside a request: the English ids


def test_a_dispute_ended_by_an_interlocutory_decision_stands_at_its_end():
    """The rail said "Preliminary examination: where you are now ... Completed: to come" beside "your case is
    closed"."""
    assert _path("putusan_sela", True, "pemeriksaan_awal", "putusan_sela") == [
        ("Registered", "done"),
        ("Preliminary examination", "done"),
        ("Mediation or adjudication", "skipped"),
        ("Court", "skipped"),
        ("Carrying out the decision", "skipped"),
        ("Completed", "current"),
    ]


def test_a_decision_final_without_a_court_has_not_been_through_one():
    """Compliance after the Commission's decision became final said "Court: done" though no court sat; and
    "Completed: where you are now" before anything was carried out (an acceptance walk)."""
    reached = ("pemeriksaan_awal", "ajudikasi", "putusan_ajudikasi", "berkekuatan_hukum_tetap", "pelaksanaan_putusan")
    assert _path("pelaksanaan_putusan", False, *reached)[3:] == [
        ("Court", "skipped"),
        ("Carrying out the decision", "current"),
        ("Completed", "upcoming"),
    ]
    # A dismissed application is final and binding with nothing to carry out: completed, compliance not reached.
    dismissed = ("pemeriksaan_awal", "ajudikasi", "putusan_ajudikasi", "berkekuatan_hukum_tetap", "sengketa_selesai")
    assert _path("sengketa_selesai", True, *dismissed)[3:] == [
        ("Court", "skipped"),
        ("Carrying out the decision", "skipped"),
        ("Completed", "current"),
    ]
    assert "pengadilan" in status.next_step("putusan_ajudikasi")  # the applicant's own 14 working days to go to court
    assert "Komisi Informasi" not in status.next_step("pelaksanaan_putusan")


@pytest.mark.parametrize(
    ("path", "form", "empty"),
    [
        ("/publik/status", {"ticket": "", "access_code": ""}, ["ticket", "access_code"]),
        ("/publik/status", {"ticket": "PPID-2026-000001", "access_code": " "}, ["access_code"]),
        ("/publik/keberatan", {"ticket": "", "access_code": "", "alasan": "a"}, ["ticket", "access_code"]),
        ("/publik/kode-hilang", {"ticket": ""}, ["ticket"]),
    ],
)
def test_an_empty_ticket_or_code_is_required_beside_its_field_not_a_case_not_found(
    browser, unchanged, path, form, empty
):
    """An empty ticket said "we found no case" (or, for a lost code, "a new code is on its way")."""
    b = browser()
    b.get(path)
    with unchanged():
        r = b.post(path, form)
    page = text(r)
    assert r.status_code == 422, page
    errors = dict(re.findall(r'<p class="field-error" id="f-([\w-]+)-error">(.*?)</p>', page, re.S))
    said = {"ticket": "Isi nomor tiket Anda.", "access_code": "Isi kode akses Anda."}  # a sentence, not "wajib diisi"
    for name in empty:
        assert said[name] in errors.get(name, ""), (name, errors)
    assert "Kami tidak menemukan kasus" not in page
    assert "kode akses baru sedang dikirim" not in page
    assert "<title>Galat:" in page
    assert 'class="error-summary"' in page  # each page with the summary forms.js puts the focus on


def test_withdrawing_without_ticking_the_box_says_so_beside_it_and_keeps_the_reason(browser, unchanged):
    """The refusal was a banner above the page and the reason typed was lost."""
    b = browser()
    ticket, code = receipt_of(b, "/publik/permohonan", request_form())
    open_case(b, ticket, code)
    with unchanged():
        r = b.post("/publik/status/cabut", {"kasus": ticket, "reason": "Sudah tidak diperlukan"})
    page = text(r)
    assert r.status_code == 422
    assert re.search(r'<p class="field-error" id="withdraw-confirm-error">.*?Centang kotak', page, re.S)
    assert 'aria-describedby="withdraw-confirm-error"' in page
    assert ">Sudah tidak diperlukan</textarea>" in page
    assert "<title>Galat:" in page


@pytest.mark.parametrize(("path", "group"), [("/publik/permohonan", "requester"), ("/publik/pengaduan", "pelapor")])
def test_the_visitors_own_details_name_their_purpose_for_the_browser_to_fill(browser, path, group):
    """WCAG 1.3.5: the fields of one's own name, address, e-mail, phone and occupation say what they hold."""
    page = text(browser().get(path))
    for name, token in (("name", "name"), ("address", "street-address"), ("email", "email"), ("phone", "tel")):
        assert re.search(rf'id="f-{group}-{name}" name="{group}.{name}"[^>]*autocomplete="{token}"', page), name
    assert re.search(rf'<input type="tel" value="" id="f-{group}-phone"', page)


def test_a_complaint_s_incident_date_to_come_is_refused_with_the_form_s_other_errors(browser, unchanged):
    """The date check ran only once the rest of the form was right: a reporter mending the other fields was told
    of the date a round later."""
    b = browser()
    b.get("/publik/pengaduan")
    form = complaint_form("anonim") | {"waktu_kejadian": "2030-12-01", "pokok_masalah": ""}
    with unchanged():
        r = b.post("/publik/pengaduan", form)
    assert r.status_code == 422
    page = text(r)
    assert 'id="f-pokok_masalah-error"' in page
    assert 'id="f-waktu_kejadian-error"' in page


def test_an_objection_without_a_ticket_is_filed_on_the_portal_with_a_code_of_its_own(browser):
    """Refused at the desk with no ticket, a requester could object on ground b only through the API."""
    b = browser()
    assert "Ajukan keberatan alasan huruf b tanpa tiket" in text(b.get("/publik/keberatan"))
    page = text(b.get("/publik/keberatan/tanpa-tiket"))
    assert "Keberatan tanpa nomor tiket" in page
    form = {
        "pemohon.name": "Budi Santoso",
        "pemohon.nik": "3171234507890002",
        "pemohon.address": "Jl. Kenanga 3, Jakarta",
        "pemohon.email": "budi@example.org",
        "informasi_yang_diminta": "Laporan keuangan berkala 2025",
        "kasus_posisi": "Petugas loket menolak menerima permohonan saya tanpa alasan",
        "tanggal_alasan_ditemukan": "2026-11-30",
    }
    refused = b.post("/publik/keberatan/tanpa-tiket", {**form, "kasus_posisi": ""})
    assert refused.status_code == 422
    assert 'value="Budi Santoso"' in text(refused)  # kept as typed
    r = b.post("/publik/keberatan/tanpa-tiket", form)
    assert r.status_code == 303, text(r)
    receipt = text(b.get("/publik/tanda-terima"))
    ticket, code = re.findall(r'<dd class="secret">([^<]+)</dd>', receipt)
    assert ticket.startswith("KEB-")
    assert "Keberatan Diterima" in text(open_case(b, ticket, code))
