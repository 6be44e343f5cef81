"""Each officer's navigation links to the pages they may open, and to no page they may not.

"Registers and reports" (/laporan) is shown to whoever may open at least one page behind it: the PPID's registers and
report (the request staff, the auditors), the complaint register and statistics (the complaint team, the auditors),
the complaints in figures (the head of the agency) and the register of exempt information, which every officer reads
(``access.require_staff``, as ``GET /api/v1/exemptions``): a unit's officers and the administrators too, to whom the
link was hidden although the page answered them; they find it after their own pages, and still land on their first.
Every link of the navigation, and of the index of registers and reports, answers 200 for the officer who sees it.
"""

import re

import pytest

from tests.conftest import STAFF
from tests.web.pages import text

NAV = re.compile(r'<nav class="main-nav"[^>]*>(.*?)</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)"')
MAIN = re.compile(r'<main id="main"[^>]*>(.*?)</main>', re.S)
GROUPS = {groups[0]: name for name, groups in STAFF.items()}  # one officer of each group


def nav_links(page: str) -> list[str]:
    return LINK.findall(NAV.search(page)[1])


@pytest.mark.parametrize("username", sorted(GROUPS.values()))
def test_every_link_of_an_officer_s_navigation_opens_for_them(browser, username):
    officer = browser(username)
    links = nav_links(text(officer.get("/akun")))
    assert links, username
    for link in links:
        answer = officer.get(link)
        assert answer.status_code == 200, (username, link, answer.status_code)


@pytest.mark.parametrize("username", sorted(GROUPS.values()))
def test_registers_and_reports_is_in_the_navigation_of_whoever_may_open_it(browser, username):
    officer = browser(username)
    shown = "/laporan" in nav_links(text(officer.get("/akun")))
    index = officer.get("/laporan")
    assert shown == (index.status_code == 200), (username, index.status_code)
    if shown:  # and every page the index links to opens for them too
        for link in LINK.findall(MAIN.search(text(index))[1]):
            assert officer.get(link).status_code == 200, (username, link)


@pytest.mark.parametrize("username", ["unit", "admin"])
def test_a_unit_officer_and_an_administrator_find_the_register_of_exempt_information(browser, username):
    officer = browser(username)
    assert "/laporan" in nav_links(text(officer.get("/akun")))
    index = text(officer.get("/laporan"))
    assert "/laporan/register/dikecualikan" in index
    assert "/laporan/tahunan" not in index  # the PPID's report is not theirs
    assert "/laporan/pengaduan" not in index
    assert officer.get("/laporan/tahunan").status_code == 403


@pytest.mark.parametrize(("username", "first"), [("unit", "/kotak-masuk"), ("admin", "/pengguna")])
def test_the_link_comes_after_their_own_pages_where_they_still_land(browser, username, first):
    officer = browser(username)
    links = nav_links(text(officer.get("/akun")))
    assert links[0] == first
    assert links[-1] == "/laporan"
    assert links.count("/laporan") == 1
    assert officer.get("/").headers["Location"].endswith(first)


def test_the_ppid_s_link_keeps_its_place_after_the_dashboard(browser):
    links = nav_links(text(browser("ppid").get("/akun")))
    assert links.index("/laporan") == links.index("/dasbor") + 1
    assert links.count("/laporan") == 1
