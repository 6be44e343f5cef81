"""The portal as an English-speaking requester walked it: a request for printed copies, extended, granted in part
with a fee, its notice e-mailed on Monday 7 Dec 2026 at 13:43 WIB, the fee paid (and its Indonesian twin).

What the walk found: the objection window's explanation stated a receipt hour nobody recorded ("received 7 Dec 2026,
16:00 WIB, outside office hours"); the letters' summaries doubled a full stop and started a reason with a capital
mid-sentence; the copies of a letter were named by their language only, not as the letter of record and its
translation; the payment showed nowhere; the status form said "Access code: is required"; nothing told a foreign
visitor who may file; the desk did not see which language the requester filed in.
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.helpers import decision
from tests.web.pages import text
from tests.web.test_fee_pages import _today
from tests.web.test_portal import receipt_of, request_form
from tests.web.test_portal_status_page import section, words

PAYMENT = {"jumlah_dibayar": 29000, "nomor_tanda_bukti_pembayaran": "KW-2026-017"}  # 8 pages x 500 + post 25,000
NOTICE_SENT = datetime(2026, 12, 7, 6, 43, tzinfo=UTC)  # Mon 7 Dec 2026, 13:43 WIB: the notice is e-mailed


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOTICE_SENT, tick=True):
        yield


def _fee_standard(app, client, login):
    today = _today(app)
    for code, amount in (("halaman", 500), ("pos", 25000)):
        body = {"code": code, "amount": amount, "effective_from": today, "legal_basis": "Keputusan Kepala Kantor"}
        assert client.post("/api/v1/fee-standard", json=body, headers=login("admin")).status_code == 201


def _walk(app, client, login, desk, browser):
    """The walk's case, filed in English on the portal: (the visitor's browser, ticket, code)."""
    _fee_standard(app, client, login)
    today = _today(app)
    b = browser()
    b.get("/bahasa/en")
    form = request_form(obtain_method="salinan_hardcopy", delivery_method="pos")
    ticket, code = receipt_of(b, "/publik/permohonan", form)
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan"):
        desk.complete(ticket, step)
    extension = {
        "langkah": "perpanjang",
        "alasan_perpanjangan": "belum_didokumentasikan",
        "rincian_alasan_perpanjangan": "Arsip 2026 masih dipindai",
        "tanggal_pemberitahuan_perpanjangan": today,
    }
    desk.complete(ticket, "tentukan_langkah", extension)
    desk.complete(ticket, "putuskan", decision("dikabulkan_sebagian"))
    desk.complete(ticket, "uji_konsekuensi")
    desk.complete(ticket, "tetapkan_pengecualian")
    notice = {
        "informasi_dikuasai": True,
        "materi_diberikan": "Daftar penerima beasiswa 2026 (dengan penghitaman).",
        "penghitaman": True,
        "alasan_penghitaman": "NIK dan alamat penerima dihitamkan (Pasal 17 huruf h)",
        "media_format": "Salinan cetak",
        "jumlah_halaman": 8,
        "dikirim_pos": True,
        "cara_pembayaran": "Tunai di loket",
        "jadwal_penyerahan": today,
        "tanggal_pemberitahuan": today,
        "dikirim_melalui": "email",
    }
    desk.complete(ticket, "pemberitahuan_tertulis", notice)
    return b, ticket, code


# Most tests start from the walk's case: it is walked once per worker and copied for every later test
# (kept_database). The visitor's browser is not in the database: each test gets its own, in English as the
# walk left it.
@pytest.fixture
def walked(app, client, login, desk, browser, kept_database):
    """``walked()``: the walk's case: (a visitor's browser in English, ticket, code)."""

    def build():
        _b, ticket, code = _walk(app, client, login, desk, browser)
        return ticket, code

    def _walked():
        ticket, code = kept_database("portal_english_walk-walked", build)
        b = browser()
        b.get("/bahasa/en")
        return b, ticket, code

    return _walked


def status_page(b, ticket, code, language="en") -> str:
    b.get(f"/bahasa/{language}")
    r = b.post("/publik/status", {"ticket": ticket, "access_code": code})
    assert r.status_code == 200, text(r)
    return text(r)


# -- 3: the receipt hour nobody recorded ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "received", "false_hour"),
    [
        ("en", "day zero: received 7 Dec 2026, 13:43 WIB in office hours", "received 7 Dec 2026, 16:00"),
        ("id", "hari ke-0: diterima 7 Des 2026, 13:43 WIB dalam jam kerja", "diterima 7 Des 2026, 16:00"),
    ],
)
def test_a_notice_kawal_e_mailed_counts_from_the_moment_it_went_and_no_other_hour_is_claimed_legal_process_2_2(
    walked, language, received, false_hour
):
    """legal-process.md §2.2: the requester's window is counted on the reading that ends latest, from the receipt:
    a notice Kawal itself e-mailed at 13:43, in office hours on a working day, was received then (UU ITE Pasal 8), so
    that day is day zero. It was counted from the end of that day, as if its hour were unknown (a walk: a day later
    than any reading); before that the explanation said "received 7 Dec 2026, 16:00 WIB, outside office hours", an
    hour nobody recorded."""
    b, ticket, code = walked()
    window = re.search(r'<div class="window">(.*?)</div>', status_page(b, ticket, code, language), re.S)[1]
    explained = words(window)
    assert received in explained, explained
    assert false_hour not in explained


# -- 7: the letters' summaries -------------------------------------------------------------------------------------


def test_the_notice_s_summary_ends_the_officer_s_words_with_one_full_stop(walked):
    b, ticket, code = walked()
    letters = words(section(status_page(b, ticket, code), "letters-title"))
    assert "What you are given: Daftar penerima beasiswa 2026 (dengan penghitaman)." in letters
    assert ".." not in letters


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "extended by 7 working days, because the information has not been documented yet."),
        ("id", "diperpanjang 7 hari kerja, karena informasi belum didokumentasikan."),
    ],
)
def test_the_extension_s_reason_is_said_mid_sentence(walked, language, said):
    """UU 14/2008 Pasal 22(8): the extension is told with its reason; it read "because: Not yet documented."."""
    b, ticket, code = walked()
    letters = words(section(status_page(b, ticket, code, language), "letters-title"))
    assert said in letters, letters
    assert "because: Not yet documented" not in letters


@pytest.mark.parametrize(
    ("language", "original", "translation"),
    [
        ("en", "(Indonesian original, the letter of record)", "(English translation)"),
        ("id", "(asli berbahasa Indonesia, surat yang berlaku)", "(terjemahan bahasa Inggris)"),
    ],
)
def test_a_letter_s_copies_are_named_as_the_letter_of_record_and_its_translation(
    app, walked, language, original, translation
):
    """The mails name them so ("the Indonesian original, which is the letter of record, and its English
    translation"); the list said "(Bahasa Indonesia)" and "(English)" only."""
    from tests.notifications.test_mail_words import render_letters

    b, ticket, code = walked()
    render_letters(app)
    files = section(status_page(b, ticket, code, language), "letter-files-title")
    names = [words(name) for name in re.findall(r"<a [^>]*>(.*?)</a>", files, re.S)]
    assert any(name.endswith(original) for name in names), names
    assert any(name.endswith(translation) for name in names), names


# -- 9: the payment ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "history", "letter", "how"),
    [
        ("en", "Fee paid: IDR 29,000, receipt number KW-2026-017", "Paid on 7 Dec 2026", "How to pay"),
        ("id", "Biaya dibayar: Rp29.000, nomor tanda bukti KW-2026-017", "Dibayar pada 7 Des 2026", "Cara pembayaran"),
    ],
)
def test_a_paid_fee_is_shown_paid_with_its_date_and_receipt_number_and_no_longer_how_to_pay(
    app, desk, walked, language, history, letter, how
):
    """UU 14/2008 Pasal 22(7)(g) and legal-process.md §3.8 (payment against a receipt): once paid, the page still
    said how to pay and never that it was paid, while the receipt (KWT) was listed."""
    b, ticket, code = walked()
    unpaid = status_page(b, ticket, code, language)
    assert how in words(section(unpaid, "letters-title"))
    desk.complete(ticket, "catat_pembayaran", PAYMENT | {"tanggal_pembayaran": _today(app)})
    page = status_page(b, ticket, code, language)
    assert history in words(section(page, "history-title"))
    letters = words(section(page, "letters-title"))
    assert letter in letters, letters
    assert "KW-2026-017" in letters
    assert how not in letters


# -- 16: the status form, who may file, the language on the desk's facts ------------------------------------------


@pytest.mark.parametrize(("language", "said"), [("en", "Enter your access code."), ("id", "Isi kode akses Anda.")])
def test_an_empty_access_code_is_said_in_a_sentence_not_a_label_and_a_colon(browser, language, said):
    b = browser()
    b.get(f"/bahasa/{language}")
    r = b.post("/publik/status", {"ticket": "PPID-2026-000001", "access_code": ""})
    assert r.status_code == 422
    page = words(text(r))
    assert said in page
    assert "Access code: is required" not in page
    assert "Kode akses: wajib diisi" not in page


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Public information may be requested by Indonesian citizens and Indonesian legal entities"),
        ("id", "Informasi publik dapat diminta oleh warga negara Indonesia dan badan hukum Indonesia"),
    ],
)
def test_the_request_form_says_who_may_request_above_the_identity_fields(browser, language, said):
    """legal-process.md §3.2: eligibility, Indonesian citizens and/or Indonesian legal entities (UU 14/2008 Pasal 1
    angka 12). A foreign visitor read nothing of it."""
    b = browser()
    b.get(f"/bahasa/{language}")
    page = text(b.get("/publik/permohonan"))
    shown = words(page)
    assert said in shown
    assert shown.index(said) < shown.index("NIK")  # beside the identity fields, before the first of them


def test_the_desk_sees_the_language_the_requester_filed_in(browser):
    b = browser()
    b.get("/bahasa/en")
    ticket, _code = receipt_of(b, "/publik/permohonan", request_form())
    ppid = browser("ppid")
    page = words(text(ppid.get(f"/kasus/{ticket}")))
    assert "Bahasa English" in page, page
