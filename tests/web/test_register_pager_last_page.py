"""A register's pager names the page shown and goes to the last page (reports/_register.html ``register_pager``).

Review: the pager had "Halaman pertama", "Halaman sebelumnya" and "Halaman berikutnya" but no way to the last page of
a long register, and did not say which page of how many was shown. It now says "Halaman N dari M" (the current page,
``aria-current="page"``) and links to the last page, its filters kept, where "next" does not already go there.
"""

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


def _current(page: str) -> str | None:
    found = re.search(r'<nav class="pager"[^>]*>.*?<span aria-current="page">([^<]+)</span>', page, re.S)
    return found[1] if found else None


def test_the_pager_says_which_page_of_how_many_and_goes_to_the_last(desk, browser, monkeypatch):
    monkeypatch.setattr(reports, "PAGE_ROWS", 1)
    tickets = [desk.submit(name=f"Pemohon {c}", nik=f"317123450789000{n}")["ticket"] for n, c in enumerate("ABCD", 1)]
    ppid = browser("ppid")
    first = text(ppid.get(REGISTER, query_string={"state": "open"}))
    assert _current(first) == "Halaman 1 dari 4"
    last_url = _link(first, "Halaman terakhir")
    assert "halaman=4" in last_url
    assert "state=open" in last_url
    last = text(ppid.get(last_url))
    assert _tickets(last) == tickets[3:]
    assert _current(last) == "Halaman 4 dari 4"
    assert _link(last, "Halaman terakhir") is None
    assert _link(last, "Halaman berikutnya") is None
    assert _link(last, "Halaman pertama") is not None
    # The page before the last: "next" goes there already, so no second link to the same page.
    third = text(ppid.get(_link(last, "Halaman sebelumnya")))
    assert _current(third) == "Halaman 3 dari 4"
    assert _link(third, "Halaman terakhir") is None
    assert "halaman=4" in _link(third, "Halaman berikutnya")
    second = text(ppid.get(REGISTER, query_string={"state": "open", "halaman": "2"}))
    assert _current(second) == "Halaman 2 dari 4"
    assert "halaman=4" in _link(second, "Halaman terakhir")


def test_the_pager_speaks_english_to_an_english_reader(desk, browser, monkeypatch):
    monkeypatch.setattr(reports, "PAGE_ROWS", 1)
    for n in range(1, 4):
        desk.submit(name=f"Pemohon {n}", nik=f"317123450789000{n}")
    ppid = browser("ppid")
    ppid.get("/bahasa/en")  # the header's switch of language
    page = text(ppid.get(REGISTER))
    assert _current(page) == "Page 1 of 3"
    assert _link(page, "Last page") is not None


def test_the_register_of_exempt_information_says_its_page_too(app, desk, browser, monkeypatch):
    monkeypatch.setattr(reports, "PAGE_ROWS", 1)
    two_entries(app, desk)
    first = text(browser("ppid").get(EXEMPTIONS))
    assert _current(first) == "Halaman 1 dari 2"
    assert _link(first, "Halaman terakhir") is None  # "next" is the last page


def test_a_register_on_one_page_names_no_page(desk, browser):
    desk.submit()
    assert _current(text(browser("ppid").get(REGISTER))) is None
