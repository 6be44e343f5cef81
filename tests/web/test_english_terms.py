"""English says it in English: the staff pages, the portal, the English mails and the forms' English cite laws as the
English letters do (engine.citations: "Law 14/2008", "Information Commission Regulation 1/2021", "Government
Regulation 61/2010", "Presidential Regulation 76/2013"), never "UU 14/2008", "Perki", "PP", "Perpres", "Permenpan" or
"Pasal"; and a term English has no word for is given in English with the Indonesian in brackets: "national identity
number (NIK)", "collective leave days (cuti bersama)", "joint ministerial decree (SKB)". A walk in English read "Cuti
bersama count as days off", "the SKB of the three ministers", "requester's NIK" and "(PP 61/2010 Pasal 14)".

The Indonesian words may stand in brackets, after their English ("Law 14/2008 (UU 14/2008)"); what the office wrote
itself and marked Indonesian (``lang="id"``) and what officers type into a field are theirs, not checked here."""

import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from notifications import rendering
from notifications.rendering import EVENTS, render
from tests.conftest import complaint_payload, request_payload
from tests.notifications.test_templates import full_context
from tests.web.pages import text
from tests.web.test_dip_pages import new_item
from tests.web.test_portal_english_words import Languages

ROOT = Path(__file__).resolve().parents[2]
# An Indonesian citation or term as the English must not write it outside brackets.
INDONESIAN = re.compile(
    r"\b(?:UU|PP|Perki|Perpres|Permenpan(?:-RB)?) (?:\d|PER/)|\bPerki\b|\bPermenpan\b|\bPerpres\b|\bPasal\b"
    r"|\bNIK\b|\b[Cc]uti [Bb]ersama\b|\bSKB\b"
)
# Links the walk does not follow: leaving, switching language, files, and the auditor's console (its own walk).
SKIP = re.compile(
    r"^/(keluar|bahasa|audit|verifikasi|static|assets)|/(berkas|lampiran|dokumen|surat|unduh|cetak|salinan|templat)\b|\.bpmn$"
)


def unbracketed(words: str) -> list[str]:
    """Each Indonesian citation or term of ``words`` that stands outside brackets, with a little of its context."""
    found = []
    for match in INDONESIAN.finditer(words):
        before = words[: match.start()]
        if before.rfind("(") > before.rfind(")"):
            continue  # in brackets, after its English
        found.append(words[max(0, match.start() - 50) : match.end() + 30])
    return found


def english_words(page: str) -> str:
    """The page's visible English: its text but what is marked Indonesian or typed into a field, and the hints a field
    or link carries."""
    page = re.sub(r"(?s)(<textarea[^>]*>).*?(</textarea>)", r"\1\2", page)
    hints = " ".join(html.unescape(h) for h in re.findall(r'(?:title|aria-label|placeholder)="([^"]*)"', page))
    return f"{Languages(page).read('en')} {hints}"


def walk(visitor, roots: list[str], limit: int = 60) -> dict[str, str]:
    """The English words of the pages reachable from ``roots`` (links on the site, GET only), by path."""
    visitor.get("/bahasa/en")
    seen: dict[str, str] = {}
    queue = list(roots)
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen or SKIP.search(urlsplit(path).path):
            continue
        response = visitor.get(path)
        page = text(response) if response.status_code == 200 and response.mimetype == "text/html" else ""
        response.close()
        seen[path] = ""
        if not page:
            continue
        seen[path] = english_words(page)
        for href in re.findall(r'href="([^"#]+)"', page):
            link = urlsplit(urljoin(f"http://localhost{path}", html.unescape(href)))
            if link.netloc == "localhost" and "tahun=" not in link.query:
                queue.append(link.path + (f"?{link.query}" if link.query else ""))
    return seen


def offenders(pages: dict[str, str]) -> dict[str, list[str]]:
    return {path: found for path, words in pages.items() if (found := unbracketed(words))}


def test_the_check_allows_the_bracketed_form_only():
    assert unbracketed("under Law 14/2008 (UU 14/2008) Articles 35 and 36") == []
    assert unbracketed("a national identity number (NIK, 16 digits)") == []
    assert unbracketed("(one bearing a duty stamp (meterai): Information Commission Regulation 1/2021)") == []
    assert len(unbracketed("Cuti bersama count as days off (Perki 1/2021)")) == 1
    assert len(unbracketed("open it (see below) under PP 61/2010 Pasal 14")) == 2
    assert len(unbracketed("the requester's NIK, or words of the subject")) == 1


# -- the staff pages ---------------------------------------------------------------------------------------------


def test_the_staff_pages_in_english_cite_laws_in_english_and_bracket_the_indonesian_terms(client, desk, browser):
    first = desk.submit()["ticket"]
    desk.submit()  # the same NIK again: the case and task pages list the other filing
    complaint = client.post("/api/v1/complaints", json=complaint_payload("rahasia")).json["ticket"]
    item = new_item(browser("ppid"))
    desk_pages = walk(browser("petugas"), ["/kotak-masuk", f"/kasus/{first}", f"/kasus/{first}/data-pemohon"])
    pages = dict(desk_pages)
    pages |= walk(
        browser("ppid"),
        ["/dip", f"/dip/{item}", "/dip/baru", f"/kasus/{first}/data-kuasa/baru", "/laporan", "/dasbor"],
    )
    pages |= walk(browser("tim"), ["/kotak-masuk", f"/kasus/{complaint}", f"/kasus/{complaint}/terlapor"])
    pages |= walk(browser("admin"), ["/kalender", "/kalender?tahun=2028", "/pengguna", "/biaya", "/unit"], limit=30)
    assert len([p for p, words in pages.items() if words]) >= 40
    assert any(p.startswith("/tugas/") for p in pages)  # a task page, its form and its instructions
    assert offenders(pages) == {}
    # The terms are given in English, the Indonesian in brackets.
    assert "requester's national identity number (NIK)" in desk_pages["/kotak-masuk"]
    assert "with the same national identity number (NIK)" in " ".join(pages.values())
    assert "Collective leave days (cuti bersama) count as days off" in pages["/kalender"]
    assert "the joint decree of the three ministers (SKB)" in pages["/kalender"]
    assert "Minister of Administrative Reform Regulation PER/05/M.PAN/4/2009" in pages[f"/kasus/{complaint}/terlapor"]


# -- the portal --------------------------------------------------------------------------------------------------


def test_the_portal_in_english_cites_laws_in_english_and_brackets_the_indonesian_terms(browser, desk):
    receipt = desk.submit()
    new_item(browser("ppid"))
    visitor = browser()
    visitor.get("/bahasa/en")
    visitor.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    roots = [
        "/publik",
        "/publik/permohonan",
        "/publik/keberatan",
        "/publik/keberatan/tanpa-tiket",
        "/publik/pengaduan",
        "/publik/informasi",
        "/publik/pengumuman",
        "/publik/kode-hilang",
        "/publik/status",
        f"/publik/status/perbaikan-data?kasus={receipt['ticket']}",
    ]
    pages = walk(visitor, roots)
    assert len([p for p, words in pages.items() if words]) >= 12
    assert offenders(pages) == {}
    correction = pages[f"/publik/status/perbaikan-data?kasus={receipt['ticket']}"]
    assert "national identity number (NIK)" in correction


# -- the English mails -------------------------------------------------------------------------------------------

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


@pytest.mark.parametrize("event", list(EVENTS))
def test_an_english_mail_cites_laws_in_english(event):
    """As the notification tests render it (with every optional fact its template may print), and its template's
    every branch, whatever the case takes."""
    context = full_context(
        event,
        window_ends_on="2027-01-20",
        window_from_dispatch=True,
        letters=[],
        letters_attached=False,
        fee_amount=26000,
        fee_method="Transfer",
        filed_by_proxy=True,
    )
    subject, body = render(event, "en", context)
    assert unbracketed(subject) == []
    assert unbracketed(body) == []


def test_no_english_mail_template_writes_an_indonesian_citation_in_any_branch():
    templates = sorted(Path(rendering.__file__).parent.joinpath("templates").glob("*.en.txt"))
    assert len(templates) >= len(EVENTS)
    words = {t.name: JINJA.sub(" ", t.read_text(encoding="utf-8")) for t in templates}
    assert {name: found for name, text_ in words.items() if (found := unbracketed(text_))} == {}


# -- the forms' English ------------------------------------------------------------------------------------------


def _english_of(node, where: str, out: dict[str, str]) -> None:
    """Each text a form shows in English (api.web.schema_form: ``x-<key>-en``, else the key's own), by its place."""
    if isinstance(node, dict):
        for key in ("title", "description"):
            words = node.get(f"x-{key}-en") or node.get(key)
            if isinstance(words, str):
                out[f"{where}/{key}"] = words
        titles = node.get("x-enum-titles-en") or node.get("x-enum-titles") or {}
        out |= {f"{where}/enum/{code}": words for code, words in titles.items()}
        instructions = node.get("x-instructions-en")
        if isinstance(instructions, str):
            out[f"{where}/instructions"] = instructions
        elif isinstance(instructions, dict):
            out |= {f"{where}/instructions/{task}": words for task, words in instructions.items()}
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                for name, child in value.items():
                    _english_of(child, f"{where}/{name}", out)
            elif key in ("items", "oneOf", "anyOf", "allOf", "then", "else", "$defs", "definitions"):
                for child in value if isinstance(value, list) else [value]:
                    _english_of(child, f"{where}/{key}", out)


def test_every_form_s_english_cites_laws_in_english_and_brackets_the_indonesian_terms():
    words: dict[str, str] = {}
    for form in sorted((ROOT / "forms").glob("*.json")):
        _english_of(json.loads(form.read_text(encoding="utf-8")), form.name, words)
    assert len(words) >= 400
    assert {place: found for place, text_ in words.items() if (found := unbracketed(text_))} == {}
    assert (
        "(Law 25/2009 Article 50; Presidential Regulation 76/2013)" in words["eskalasi.json/instructions/eskalasi_s60"]
    )


def test_the_request_form_in_english_names_the_national_identity_number(browser):
    visitor = browser()
    visitor.get("/bahasa/en")
    page = english_words(text(visitor.get("/publik/permohonan")))
    assert unbracketed(page) == []
    assert request_payload()["requester"]["nik"] not in page
