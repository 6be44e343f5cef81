"""Walk w3, finding 3: the register of November said "117 kasus dalam register. 100 yang pertama ditampilkan;
unduhan memuat semuanya." and offered no way to read the 17 others on the page. A register's page is now one of
pages of ``PAGE_ROWS`` rows, oldest receipt first, with the links to the pages before and after it, its filters
kept; the register of exempt information too."""

import re

from api.web import reports
from tests.web.pages import text
from tests.web.test_exemption_register_page import URL as EXEMPTIONS
from tests.web.test_exemption_register_page import two_entries

REGISTER = "/laporan/register/permohonan"


def _tickets(page: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/kasus/([^"]+)">', page)


def _link(page: str, name: str) -> str | None:
    found = re.search(rf'<a href="([^"]+)"[^>]*>{name}</a>', page)
    return found[1].replace("&amp;", "&") if found else None


def test_every_row_of_a_register_is_on_one_of_its_pages_oldest_first(desk, browser, monkeypatch):
    monkeypatch.setattr(reports, "PAGE_ROWS", 2)
    tickets = [desk.submit(name=f"Pemohon {c}", nik=f"317123450789000{n}")["ticket"] for n, c in enumerate("ABCDE", 1)]
    ppid = browser("ppid")
    first = text(ppid.get(REGISTER, query_string={"state": "open"}))
    assert "5 kasus dalam register." in first
    assert "Kasus 1–2 dari 5 ditampilkan; unduhan memuat semuanya." in first
    assert _tickets(first) == tickets[:2]
    assert _link(first, "Halaman sebelumnya") is None
    second_url = _link(first, "Halaman berikutnya")
    assert "halaman=2" in second_url
    assert "state=open" in second_url  # the filters kept
    second = text(ppid.get(second_url))
    assert "Kasus 3–4 dari 5 ditampilkan" in second
    assert _tickets(second) == tickets[2:4]
    last = text(ppid.get(_link(second, "Halaman berikutnya")))
    assert _tickets(last) == tickets[4:]
    assert "Kasus 5–5 dari 5 ditampilkan" in last
    assert _link(last, "Halaman berikutnya") is None
    assert _tickets(text(ppid.get(_link(last, "Halaman sebelumnya")))) == tickets[2:4]
    assert _tickets(text(ppid.get(REGISTER, query_string={"halaman": "9"}))) == tickets[4:]  # past the end: the last
    assert _tickets(text(ppid.get(REGISTER, query_string={"halaman": "x"}))) == tickets[:2]  # not a number: the first


def test_a_register_on_one_page_has_no_pages_to_go_to(desk, browser):
    desk.submit()
    page = text(browser("ppid").get(REGISTER))
    assert "1 kasus dalam register." in page
    assert "ditampilkan; unduhan" not in page
    assert 'aria-label="Halaman register"' not in page


def test_the_register_of_exempt_information_has_pages_too(app, desk, browser, monkeypatch):
    monkeypatch.setattr(reports, "PAGE_ROWS", 1)
    two_entries(app, desk)
    officer = browser("ppid")
    first = text(officer.get(EXEMPTIONS))
    assert "2 entri dalam register." in first
    assert "Entri 1–1 dari 2 ditampilkan; unduhan memuat semuanya." in first
    second = text(officer.get(_link(first, "Halaman berikutnya")))
    assert "Entri 2–2 dari 2 ditampilkan" in second
    assert _link(second, "Halaman berikutnya") is None
    assert _link(second, "Halaman sebelumnya") is not None


def test_a_page_link_keeps_only_the_pages_own_filters(desk, browser, monkeypatch):
    """Review: every query parameter went into ``url_for``: ``?slug=x`` on a register of several pages answered 500
    (two values for ``slug``) and ``_anchor``/``_external`` were taken as url_for's options. A page's links now keep
    the filters the page reads, nothing else."""
    monkeypatch.setattr(reports, "PAGE_ROWS", 1)
    desk.submit(name="Pemohon A", nik="3171234507890001")
    desk.submit(name="Pemohon B", nik="3171234507890002")
    ppid = browser("ppid")
    asked = {"slug": "x", "_anchor": "atas", "_external": "1", "_scheme": "ftp", "state": "open", "kolom": "semua"}
    response = ppid.get(REGISTER, query_string=asked)
    assert response.status_code == 200
    second_url = _link(text(response), "Halaman berikutnya")
    assert second_url.startswith(REGISTER + "?")
    for kept in ("state=open", "kolom=semua", "halaman=2"):
        assert kept in second_url
    for dropped in ("slug", "_anchor", "#", "_external", "ftp"):
        assert dropped not in second_url
