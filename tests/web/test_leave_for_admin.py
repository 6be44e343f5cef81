"""An administrator records an officer's leave (README: "an admin may record leave"; engine.absence.can_mark).

The walker found no way there: the menu offered the leave page only to the lanes' officers, /pengguna did not link to
it, and /cuti opened on "Cuti Administrator", the admin's own leave (who works in no lane), offering lane officers as
the admin's stand-ins; after recording Budi's leave through ``?untuk=``, the page went back to the admin's own. Now the
admin's menu and each lane officer's row on /pengguna lead to it, the page asks whose leave first, and after saving it
stays on that officer.
"""

import re

from tests.web.pages import text


def _options(page: str, name: str) -> list[str]:
    found = re.search(rf'<select id="absence-{name}" name="\w+"[^>]*>(.*?)</select>', page, re.S)
    assert found, f"no {name} select"
    return re.findall(r'<option value="(\w*)"', found[1])


def test_the_admin_s_menu_and_each_lane_officer_s_row_on_the_users_page_lead_to_the_leave_page(browser):
    b = browser("admin")
    page = text(b.get("/pengguna"))
    nav = page[page.index('class="main-nav"') : page.index("</nav>", page.index('class="main-nav"'))]
    assert 'href="/cuti"' in nav
    links = set(re.findall(r'href="/cuti\?untuk=(\w+)"', page))
    assert {"petugas", "ppid", "unit", "tim", "unitmad"} <= links
    assert not links & {"admin", "auditor", "kepala", "wbs"}  # no lane a stand-in can hold: no leave to hand over
    assert "Catat cuti" in page


def test_the_leave_page_asks_an_admin_whose_leave_first_not_the_admin_s_own(browser, unchanged):
    with unchanged():
        page = text(browser("admin").get("/cuti"))
    assert "Cuti Administrator" not in page
    assert 'name="substitute"' not in page  # nobody offered as the admin's stand-in
    officers = _options(page, "username")
    assert officers[0] == ""  # "choose the officer", selected until one is chosen
    assert {"petugas", "ppid", "unit", "unitmad"} <= set(officers[1:])  # of every unit
    assert "admin" not in officers
    assert "auditor" not in officers
    assert "Pilih petugas yang cutinya Anda catat" in page


def test_the_admin_records_an_officer_s_leave_and_the_page_stays_on_that_officer(browser):
    b = browser("admin")
    page = text(b.get("/cuti?untuk=petugas"))
    assert 'name="username" value="petugas"' in page
    assert "petugas2" in _options(page, "substitute")
    r = b.post(
        "/cuti",
        data={"username": "petugas", "substitute": "petugas2", "first_day": "2030-01-07", "last_day": "2030-01-08"},
    )
    assert r.status_code == 302, text(r)
    assert r.headers["Location"].endswith("/cuti?untuk=petugas")
    after = text(b.get(r.headers["Location"]))
    assert "Cuti dicatat: Petugas2 menjadi pengganti." in after
    assert 'name="username" value="petugas"' in after  # still Petugas's leave, not the admin's own


def test_an_officer_recording_their_own_leave_comes_back_to_their_own(browser):
    b = browser("petugas")
    b.get("/cuti")
    r = b.post("/cuti", data={"substitute": "petugas2", "first_day": "2030-02-04", "last_day": "2030-02-05"})
    assert r.status_code == 302, text(r)
    assert r.headers["Location"].endswith("/cuti")
