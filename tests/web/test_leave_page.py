"""The leave page (/cuti) as an officer uses it for their own leave.

For their own leave an officer names a colleague of their unit who already works in their lanes (engine.absence);
the page offered everyone with any lane, so every choice was refused. A superior recording someone's leave
may name anyone of the unit. An officer whom nobody can stand in for is told who records their leave.
"""

import re

from tests.web.pages import text


def _options(page: str, name: str) -> list[str]:
    found = re.search(rf'<select id="absence-{name}" name="\w+"[^>]*>(.*?)</select>', page, re.S)
    assert found, f"no {name} select"
    return re.findall(r'<option value="(\w+)"', found[1])


def test_an_officer_is_offered_only_colleagues_who_already_work_in_their_lanes(browser):
    page = text(browser("petugas").get("/cuti"))
    assert 'id="absence-username"' not in page  # only their own leave: nothing to choose
    assert 'name="username" value="petugas"' in page
    assert _options(page, "substitute") == ["petugas2"]
    assert "Yang tercantum: rekan yang sudah bertugas di kelompok Anda." in page


def test_a_superior_chooses_whose_leave_then_may_name_anyone_of_the_unit_with_a_lane(browser):
    """The superior's own leave was offered everyone, and every one was refused; an officer's own name was offered
    as their stand-in."""
    b = browser("ppid")
    page = text(b.get("/cuti?untuk=petugas"))
    assert {"ppid", "petugas", "unit"} <= set(_options(page, "username"))
    assert 'name="username" value="petugas"' in page
    assert {"petugas2", "unit", "tim", "atasan"} <= set(_options(page, "substitute"))
    assert "petugas" not in _options(page, "substitute")
    own = text(b.get("/cuti"))  # the superior's own leave: only colleagues who already work as PPID (none here)
    assert "Tidak ada rekan lain di unit Anda yang bertugas di kelompok Anda (PPID)" in own
    assert 'name="substitute"' not in own


def test_an_officer_nobody_can_stand_in_for_is_told_that_their_superior_records_their_leave(browser):
    page = text(browser("unit").get("/cuti"))
    assert "Tidak ada rekan lain di unit Anda yang bertugas di kelompok Anda" in page
    assert 'name="substitute"' not in page


def test_naming_a_colleague_without_the_lanes_is_refused_with_the_lanes_named(browser):
    b = browser("petugas")
    b.get("/cuti")
    r = b.post("/cuti", data={"substitute": "tim", "first_day": "2030-01-07", "last_day": "2030-01-08"})
    assert r.status_code == 422
    page = text(r)
    assert "Petugas Pelayanan Informasi" in page
    assert "petugas_layanan" not in page


def test_a_refused_leave_keeps_what_was_typed_and_says_which_field_is_wrong(browser, unchanged):
    """The last day before the first was refused with a banner naming no field, and both dates and the stand-in
    came back empty."""
    b = browser("ppid")
    b.get("/cuti?untuk=petugas")
    with unchanged():
        r = b.post(
            "/cuti",
            data={"username": "petugas", "substitute": "unit", "first_day": "2030-01-09", "last_day": "2030-01-07"},
        )
    assert r.status_code == 422
    page = text(r)
    assert 'id="absence-last_day-error"' in page
    assert 'value="2030-01-09"' in page
    assert 'value="2030-01-07"' in page
    assert '<option value="unit" selected>' in page
    assert 'name="username" value="petugas"' in page  # still the leave of the officer chosen


def test_cancelling_a_leave_asks_first_and_only_its_recorder_may(browser, unchanged):
    """One click in the list cancelled the leave at once, with nothing said of the tasks already handed over (then
    the page said they stayed with the stand-in: they go back to the officer)."""
    b = browser("ppid")
    b.get("/cuti?untuk=petugas")
    r = b.post(
        "/cuti",
        data={"username": "petugas", "substitute": "petugas2", "first_day": "2030-01-07", "last_day": "2030-01-08"},
    )
    assert r.status_code == 302, text(r)
    (link,) = re.findall(r'href="(/cuti/\d+/batal)"', text(b.get("/cuti")))
    with unchanged():
        page = text(b.get(link))
    assert "Batalkan cuti Petugas?" in page
    assert "Tugas yang dialihkan kepada Petugas2 untuk cuti ini dan masih dipegangnya kembali kepada Petugas" in page
    assert browser("tim").get(link).status_code == 404  # not theirs to cancel
    r = b.post(link)
    assert "Cuti Petugas dibatalkan." in text(b.get(r.headers["Location"]))
    assert b.get(link).status_code == 302  # already cancelled: back to the list
