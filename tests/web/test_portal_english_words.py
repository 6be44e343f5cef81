"""The portal in English (a walk in English found Indonesian on its pages, unmarked): what the office wrote in Bahasa
Indonesia alone (a service page without its English version, the fee standard's legal basis, the public information
list's entries) is marked lang="id" and the page says once, plainly, that it is in Indonesian only (WCAG 3.1.2); an
English version the office wrote is shown instead; the pages cite laws as the English letters do ("Law 14/2008",
never "UU 14/2008"); and every field of a public form has a label of its own (two fields read "Phone")."""

import html
import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from engine import clock
from tests.web.pages import text
from tests.web.test_dip_pages import new_item

ONLY = "in Indonesian only"  # what a page says of the office's text it has in Indonesian alone
# A citation as Indonesian writes it: "UU 14/2008", "Perki 1/2021", "PP 61/2010", "Perpres 76/2013", "Pasal".
INDONESIAN_CITATION = re.compile(r"\b(UU|Perki|PP|Perpres) \d+/\d{4}|\bPasal\b|\bUU ITE\b")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HOURS = "- Senin-Kamis: 08.00-16.00\n- Jumat: 08.00-16.30"
BASIS = "Keputusan Kepala Kantor Wilayah Nomor 12 Tahun 2026"


class Languages(HTMLParser):
    """A page's visible text by the language its element declares (the nearest ``lang``), as a screen reader reads
    it; scripts and styles left out, and the head's title (an item's page is titled by the item, which no ``lang``
    can mark there)."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []
        self.text: dict[str, list[str]] = {}
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        parent = self.stack[-1] if self.stack else None
        if tag in ("script", "style", "title") or parent == "-":
            self.stack.append("-")  # not read out
        else:
            self.stack.append(dict(attrs).get("lang") or parent)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] not in (None, "-") and data.strip():
            self.text.setdefault(self.stack[-1], []).append(" ".join(data.split()))

    def read(self, lang: str) -> str:
        return " ".join(self.text.get(lang, []))


def english(visitor, path: str) -> Languages:
    visitor.get("/bahasa/en")
    response = visitor.get(path)
    assert response.status_code == 200, path
    return Languages(text(response))


def _published(browser, slug: str, body_id: str, body_en: str = "") -> None:
    ppid = browser("ppid")
    ppid.get(f"/dip/halaman/{slug}")
    assert ppid.post(f"/dip/halaman/{slug}", {"body_id": body_id, "body_en": body_en}).status_code == 302


def _fee(app, browser, basis: str = BASIS) -> None:
    today = clock.now().astimezone(app.extensions["kawal_runtime"].calendars["strict"].tz).date().isoformat()
    admin = browser("admin")
    admin.get("/biaya")
    form = {"code": "halaman", "amount": "1000", "effective_from": today, "legal_basis": basis}
    assert admin.post("/biaya", form).status_code == 302


# -- the office's own words --------------------------------------------------------------------------------------


def test_a_service_page_the_office_wrote_in_indonesian_alone_is_marked_so_and_says_it_once(browser):
    _published(browser, "jam_layanan", HOURS)
    page = english(browser(), "/publik/halaman/jam_layanan")
    assert "Senin-Kamis: 08.00-16.00" in page.read("id")
    assert "Senin" not in page.read("en")
    assert page.read("en").count(ONLY) == 1
    # In Bahasa Indonesia the page is simply the page: no note.
    indonesian = text(browser().get("/publik/halaman/jam_layanan"))
    assert "hanya dalam bahasa Indonesia" not in indonesian
    assert "Senin-Kamis: 08.00-16.00" in Languages(indonesian).read("id")


def test_a_service_page_the_office_also_wrote_in_english_shows_its_english(browser):
    _published(browser, "jam_layanan", HOURS, "- Monday to Thursday: 08.00-16.00\n- Friday: 08.00-16.30")
    page = english(browser(), "/publik/halaman/jam_layanan")
    assert "Monday to Thursday: 08.00-16.00" in page.read("en")
    assert "Senin" not in page.read("id") + page.read("en")
    assert ONLY not in page.read("en")


def test_the_fee_standard_s_legal_basis_as_the_admin_wrote_it_is_marked_indonesian(app, browser):
    _fee(app, browser)
    _published(browser, "biaya", "Akses informasi publik tidak dipungut biaya.", "Access is free.")
    page = english(browser(), "/publik/halaman/biaya")
    assert BASIS in page.read("id")
    assert BASIS not in page.read("en")
    assert page.read("en").count(ONLY) == 1  # the office's English body, its legal basis in Indonesian


def test_a_fee_s_legal_basis_that_is_only_a_citation_is_cited_as_the_english_letters_cite(app, browser):
    _fee(app, browser, "UU 14/2008 Pasal 2 ayat (3)")
    page = english(browser(), "/publik/halaman/biaya")
    assert "Law 14/2008 Article 2(3)" in page.read("en")
    assert "Pasal" not in page.read("id") + page.read("en")
    assert ONLY not in page.read("en")


def test_the_public_list_and_an_item_mark_what_the_office_wrote_as_indonesian(browser):
    item = new_item(browser("ppid"), title="Laporan Realisasi Anggaran Kantor Wilayah")
    visitor = browser()
    listed = english(visitor, "/publik/informasi")
    assert "Laporan Realisasi Anggaran Kantor Wilayah" in listed.read("id")
    assert "Realisasi belanja pegawai" in listed.read("id")  # the summary
    assert "Laporan Realisasi" not in listed.read("en")
    assert listed.read("en").count(ONLY) == 1
    shown = english(visitor, f"/publik/informasi/{item}")
    for words in ("Laporan Realisasi Anggaran Kantor Wilayah", "Realisasi belanja pegawai", "10 tahun"):
        assert words in shown.read("id")
        assert words not in shown.read("en")
    # The office's citation ("UU 14/2008 Pasal 9 ayat (2) huruf c"), nothing but citations: cited in English.
    assert "Law 14/2008 Article 9(2)(c)" in shown.read("en")
    assert shown.read("en").count(ONLY) == 1


def test_the_front_page_marks_an_immediate_notice_s_title_as_indonesian(browser):
    new_item(
        browser("ppid"),
        title="Peringatan dini cuaca ekstrem",
        category="serta_merta",
        rhythm_months="",
        made_on="",
        summary="Latihan manasik ditunda; jemaah berlatih di aula kantor kabupaten.",
    )
    page = english(browser(), "/publik")
    assert "Peringatan dini cuaca ekstrem" in page.read("id")
    assert "Peringatan dini" not in page.read("en")
    assert page.read("en").count(ONLY) == 1


# -- laws as the English letters cite them ---------------------------------------------------------------------


def test_the_english_portal_cites_laws_as_the_english_letters_do(app, browser, desk):
    """The letters write "Law 14/2008"; the portal wrote "UU 14/2008" (and "Perki 1/2021") beside them. What the
    office wrote itself (an item's legal basis) stays as written, marked Indonesian."""
    item = new_item(browser("ppid"), title="Laporan Realisasi Anggaran Kantor Wilayah")
    _fee(app, browser)
    receipt = desk.submit()
    visitor = browser()
    visitor.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    paths = [
        "/publik",
        "/publik/permohonan",
        "/publik/keberatan",
        "/publik/keberatan/tanpa-tiket",
        "/publik/pengaduan",
        "/publik/informasi",
        f"/publik/informasi/{item}",
        "/publik/halaman/biaya",
        "/publik/pengumuman",
        f"/publik/status/perbaikan-data?kasus={receipt['ticket']}",
    ]
    pages = {path: english(visitor, path).read("en") for path in paths}
    assert {
        path: INDONESIAN_CITATION.findall(words) for path, words in pages.items() if INDONESIAN_CITATION.search(words)
    } == {}
    assert "Law 14/2008 Article 22" in pages["/publik/permohonan"]
    assert "Law 14/2008 Article 9" in pages[f"/publik/informasi/{item}"]  # the category's hint
    # A term the English has no word for is glossed: the national identity number.
    assert "national identity number (NIK)" in pages[f"/publik/status/perbaikan-data?kasus={receipt['ticket']}"]


# -- the forms' labels -----------------------------------------------------------------------------------------

FORMS = ["/publik/permohonan", "/publik/keberatan", "/publik/keberatan/tanpa-tiket", "/publik/pengaduan"]
LABEL = re.compile(r'<label for="([^"]+)">(.*?)</label>', re.S)


def _labels(page: str) -> dict[str, str]:
    """Each field's label by its id, its words only (the required mark left out); a choice's own label left out."""
    return {
        field: " ".join(html.unescape(re.sub(r"<span[^>]*>.*?</span>|<[^>]+>", "", words)).split())
        for field, words in LABEL.findall(page)
        if not re.search(r"-\d+$", field)
    }


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("path", FORMS)
def test_every_field_of_a_public_form_has_a_label_of_its_own(browser, path, language):
    visitor = browser()
    visitor.get(f"/bahasa/{language}")
    labels = _labels(text(visitor.get(path)))
    assert labels
    assert {words: n for words, n in Counter(labels.values()).items() if n > 1} == {}


@pytest.mark.parametrize(
    ("language", "requester", "proxy"), [("id", "Telepon", "Telepon kuasa"), ("en", "Phone", "Proxy's phone")]
)
def test_the_request_form_names_the_requester_s_phone_and_the_proxy_s(browser, language, requester, proxy):
    visitor = browser()
    visitor.get(f"/bahasa/{language}")
    labels = _labels(text(visitor.get("/publik/permohonan")))
    assert labels["f-requester-phone"] == requester
    assert labels["f-kuasa-phone"] == proxy
