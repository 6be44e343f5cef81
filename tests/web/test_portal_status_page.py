"""The requester's status page as an English-speaking acceptance tester walked it (and its Indonesian twin).

A late answer names both grounds it opens (UU 14/2008 Pasal 35(1) c and g) and prefills c; a request recorded from
WhatsApp shows what was recorded before it asks for a confirmation; the stage of a completed request is never
"Completed" twice over; an incomplete request says that the office's own 10 working days keep running and where to
send what is missing; a refusal says it was refused, on which ground, and until when it may be objected to; money is
written as the reader's language writes it; a letter's language is part of its link's name.
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_chain_api import decided, objected
from tests.web.pages import text
from tests.web.test_case_page import paper_fee_notice

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
LATE_RECEIPT = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)  # a letter by post, typed in a month later: T10 lapsed


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def opened(browser, receipt, language="id"):
    """The status page of ``receipt``'s case, opened with its ticket and code, in ``language``."""
    b = browser()
    b.get(f"/bahasa/{language}")
    r = b.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    assert r.status_code == 200, text(r)
    return b, text(r)


def section(page: str, title_id: str) -> str:
    """The page's ``<section aria-labelledby=title_id>``, as HTML."""
    found = re.search(rf'<section aria-labelledby="{title_id}"[^>]*>(.*?)</section>', page, re.S)
    assert found, f"no section {title_id}"
    return found[1]


def words(html: str) -> str:
    """What a reader reads of ``html``: its text, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# -- B: a late answer opens grounds c and g -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "named"),
    [
        ("en", ("ground c", "ground g", "your request was not answered")),
        ("id", ("huruf c", "huruf g", "permohonan Anda tidak ditanggapi")),
    ],
)
def test_an_unanswered_request_invites_an_objection_on_grounds_c_and_g_and_prefills_c(
    browser, desk, login, language, named
):
    """UU 14/2008 Pasal 35(1)(c), a request not responded to, is the direct ground when T10 lapses without a notice;
    legal-process.md §3.10: "objection ground 35(1)(c)/(g) becomes available". The page named g alone."""
    receipt = desk.submit(headers=login("petugas"), channel="pos", received_at=LATE_RECEIPT.isoformat())
    b, page = opened(browser, receipt, language)
    late = re.search(r'<div class="notice office-late">(.*?)</div>', page, re.S)[1]
    for said in named:
        assert said in words(late), words(late)
    link = re.search(r'href="(/publik/keberatan\?[^"]+)"', late)[1].replace("&amp;", "&")
    assert "alasan=c" in link
    assert "alasan=g" not in link
    form = text(b.get(link))
    assert re.search(r'<input type="checkbox"[^>]*value="c"[^>]*checked', form), "ground c is not ticked"
    assert not re.search(r'<input type="checkbox"[^>]*value="g"[^>]*checked', form)


def test_information_not_handed_over_in_time_invites_an_objection_on_ground_g_alone(browser, desk):
    """The notice came in time; the hand-over (SERAH) did not: ground g alone, and the page said the office had "not
    answered yet"."""
    receipt = decided(desk, "dikabulkan_seluruhnya")  # its notice sent, the information to hand over
    with time_machine.travel(datetime(2027, 2, 1, 3, 0, tzinfo=UTC), tick=True):
        _b, page = opened(browser, receipt, "en")
    late = words(re.search(r'<div class="notice office-late">(.*?)</div>', page, re.S)[1])
    assert "It had to hand the information over by" in late
    assert "has not answered yet" not in late
    assert "ground g" in late
    assert "ground c" not in late
    assert "alasan=g" in page


# -- C: a request from WhatsApp shows what was recorded --------------------------------------------------------------


RECORDED_WORDS = {  # the labels and choices of the portal's request form, in each language
    "id": (
        "Rincian informasi yang dibutuhkan",
        "Tujuan penggunaan informasi",
        "Mendapatkan salinan digital (softcopy)",
    ),
    "en": ("Information requested", "Purpose of use", "How to obtain", "Delivery method", "Get a digital copy"),
}


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_request_recorded_from_whatsapp_shows_what_was_recorded_above_the_confirmation(
    browser, desk, login, language
):
    """ "Please confirm that it says what you ask for", with nothing but the button: the requester could not judge."""
    receipt = desk.submit(
        headers=login("petugas"),
        channel="medsos",
        information="Rekap anggaran madrasah 2026 per kabupaten",
        purpose="Bahan liputan",
    )
    _b, page = opened(browser, receipt, language)
    confirm = re.search(r'<section aria-labelledby="confirm-title"[^>]*>(.*?)</section>', page, re.S)[1]
    recorded, button = confirm.split("<form", 1)
    for said in (*RECORDED_WORDS[language], "Rekap anggaran madrasah 2026 per kabupaten", "Bahan liputan"):
        assert said in words(recorded), words(recorded)
    assert "<button" in button
    assert "Ani Wijaya" not in confirm  # the requester's identity is not on the page: it stays off it
    assert "3171234507890001" not in page


# -- D: one meaning of "Completed" ---------------------------------------------------------------------------------


def test_a_request_whose_missing_items_were_supplied_is_not_called_completed_beside_the_step_completed(browser, desk):
    receipt = desk.submit()
    desk.complete(receipt["ticket"], "periksa_kelengkapan", {"lengkap": False, "kekurangan": "Salinan KTP"})
    desk.complete(receipt["ticket"], "terima_kelengkapan", {"dilengkapi_pada": "2026-12-02"})
    _b, page = opened(browser, receipt, "en")
    assert '<p class="stage-now">Missing Items Supplied</p>' in page
    assert "Completed by the Requester" not in page
    _b, indonesian = opened(browser, receipt, "id")
    assert '<p class="stage-now">Dilengkapi</p>' in indonesian  # "Dilengkapi" and the step "Selesai" do not clash


# -- E: an incomplete request: the office's clock, and where to send the missing items ------------------------------


def _incomplete(desk):
    receipt = desk.submit()
    desk.complete(receipt["ticket"], "periksa_kelengkapan", {"lengkap": False, "kekurangan": "Salinan KTP"})
    return receipt


def test_an_incomplete_request_says_the_office_s_ten_working_days_keep_running_from_the_receipt(browser, desk):
    """legal-process.md §3.10 and permohonan_informasi.bpmn: T10 runs from the receipt through the wait for the missing
    items (the closing notice answers it); supplying them does not start it again. The page said "This is not a
    deadline of the office" and hid T10."""
    receipt = _incomplete(desk)
    _b, page = opened(browser, receipt, "en")
    due = words(section(page, "due-title"))
    assert "supply what is missing from your request by 7 Dec 2026, 16:00 WIB" in due
    assert "This is not a deadline of the office." not in due
    assert "The office's own time to answer your request keeps running meanwhile" in due
    assert "16 Dec 2026, 16:00 WIB" in due  # T10: 10 working days from 2 Dec
    assert "Supplying the missing items does not start it again." in due
    _b, indonesian = opened(browser, receipt, "id")
    assert "16 Des 2026, 16:00 WIB" in words(section(indonesian, "due-title"))


def test_an_incomplete_request_without_the_office_s_address_set_says_plainly_where_the_items_go(browser, desk):
    """ "Send it by e-mail or post" with no address or e-mail anywhere (KAWAL_OFFICE_ADDRESS and _CONTACT unset)."""
    receipt = _incomplete(desk)
    _b, page = opened(browser, receipt, "en")
    how = words(section(page, "next-title"))
    assert "You cannot send them through this page." in how
    assert "by e-mail or post" not in how
    assert "Address:" not in how
    assert "Contact:" not in how
    assert "The office has not published its postal or e-mail address on this site" in how
    assert "hand them in at the information desk of" in how


@pytest.mark.parametrize(
    "settings_overrides",
    [{"KAWAL_OFFICE_ADDRESS": "Jl. Abdul Gani 1, Jakarta 10110", "KAWAL_OFFICE_CONTACT": "ppid@kanwil.example"}],
)
def test_an_incomplete_request_names_the_office_s_address_and_contact_when_set(browser, desk, settings_overrides):
    receipt = _incomplete(desk)
    _b, page = opened(browser, receipt, "en")
    how = words(section(page, "next-title"))
    assert "Address: Jl. Abdul Gani 1, Jakarta 10110." in how
    assert "Contact: ppid@kanwil.example." in how
    assert "You cannot send them through this page." in how
    assert "has not published" not in how


# -- F: a refusal is not the end of the requester's rights ---------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "refused", "ground", "until", "closed"),
    [
        (
            "en",
            "Your request was refused:",
            "exempt under Law 14/2008 Article 17 letter h (personal secrets)",
            "you may object to it until",
            "Your case is closed.",
        ),
        (
            "id",
            "Permohonan Anda ditolak:",
            "dikecualikan berdasarkan UU 14/2008 Pasal 17 huruf h (rahasia pribadi)",
            "Anda dapat mengajukan keberatan atasnya sampai",
            "Kasus Anda telah selesai.",
        ),
    ],
)
def test_a_refused_request_says_it_was_refused_on_which_ground_and_until_when_it_may_be_objected_to(
    browser, desk, language, refused, ground, until, closed
):
    receipt = decided(desk)  # refused as exempt (Pasal 17 letter h), its written notice sent
    _b, page = opened(browser, receipt, language)
    last_day = re.search(r"(?:You may file until|Anda dapat mengajukannya sampai) ([^.]+)\.", page)[1]
    stage = words(section(page, "stage-title"))
    assert refused in stage
    assert ground in stage
    assert f"{until} {last_day}" in stage
    survey = words(section(page, "survey-title"))
    assert closed not in survey  # not the end of the requester's rights while they may object
    assert last_day in survey
    notice = words(re.search(r"<h3>(?:Written Notice|Pemberitahuan Tertulis)</h3>(.*?)</article>", page, re.S)[1])
    assert refused in notice
    assert ground in notice


def test_a_refused_request_already_objected_to_no_longer_invites_an_objection(browser, desk, client):
    """The requester objected (Pasal 35): the page still said they may object until the window's last day."""
    receipt, _objection = objected(desk, client)
    _b, page = opened(browser, receipt, "en")
    assert "Your request was refused" in words(section(page, "stage-title"))
    assert "you may object to it until" not in page
    assert "what you may still do until" not in page


def test_a_refusal_undone_by_a_granted_objection_is_no_longer_told_as_the_decision(browser, desk, client, login):
    """The superior granted the objection (Pasal 36): the request is reopened, its notice's refusal no longer stands."""
    receipt, objection = objected(desk, client)
    ticket = objection["ticket"]
    desk.complete(ticket, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    desk.complete(ticket, "susun_kronologi", {"kronologi": "Ditolak 2 Des 2026", "pertimbangan_ppid": "Dikecualikan"})
    granted = {"keputusan": "keberatan_dikabulkan_seluruhnya", "perintah_kepada_ppid": "Serahkan daftar penerima"}
    desk.complete(ticket, "putuskan_keberatan", {**granted, "tanggal_keputusan": "2026-12-02"})
    desk.complete(ticket, "kirim_tanggapan", {"tanggal_dikirim": "2026-12-02", "dikirim_melalui": "email"})
    _b, page = opened(browser, receipt, "en")
    stage = words(section(page, "stage-title"))
    assert "Reopened (Objection Granted)" in stage
    assert "Your request was refused" not in stage


# -- G: money as the reader writes it ------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "money"), [("id", "Rp31.000"), ("en", "IDR\u00a031,000")])
def test_a_fee_on_the_status_page_is_written_as_the_reader_s_language_writes_money(
    app, client, login, browser, desk, language, money
):
    """ "Rp31000." read the page: no thousands separator."""
    receipt = paper_fee_notice(app, client, login, desk, page_rate=750)  # 8 pages x 750 + post 25,000
    _b, page = opened(browser, receipt, language)
    assert money in page
    assert "31000" not in page


# -- H: a letter's language inside its link ------------------------------------------------------------------------


def test_each_letter_and_its_translation_are_links_named_with_their_language(app, browser, desk):
    """Two links named "Receipt of Information Request" (the language outside them): a screen reader's list of links
    could not tell them apart."""
    from tests.notifications.test_mail_words import render_letters
    from tests.web.test_portal import receipt_of, request_form

    b = browser()
    b.get("/bahasa/en")
    ticket, code = receipt_of(b, "/publik/permohonan", request_form())  # filed in English: a copy in English
    for step in ("periksa_kelengkapan", "registrasi"):  # registered: its receipt letter, with its number
        desk.complete(ticket, step)
    render_letters(app)
    page = text(b.post("/publik/status", {"ticket": ticket, "access_code": code}))
    files = section(page, "letter-files-title")
    names = [words(name) for name in re.findall(r"<a [^>]*>(.*?)</a>", files, re.S)]
    assert "Receipt of Information Request (English translation)" in names, names
    assert "Receipt of Information Request (Indonesian original, the letter of record)" in names, names
