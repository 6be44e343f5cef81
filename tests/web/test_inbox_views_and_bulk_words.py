"""The inbox's saved views, its actions on the ticked tasks and the task's follow-up, as walk w4 found them.

A view saved under a name in use replaced the first one with the same "Tampilan disimpan"; a blank name and an
assignment to nobody said "data tidak sah: ..."; a refusal of some ticked tasks did not say which, and lost the
ticks; the PPID was offered actions and colleagues that could never apply, told the reason twice, and "2 tugas
diserahkan" when one was hers already; the follow-up's note read "Catatan untuk diri sendiri" though whoever holds
the task reads it."""

import re

import pytest

from tests.web.pages import text

API = "/api/v1"
CHECK = "Periksa kelengkapan permohonan"


def _saved(page: str) -> list[tuple[str, str]]:
    """The saved views' links: (name, href)."""
    nav = page.split('<nav class="saved-views"')[1].split("</nav>")[0] if 'class="saved-views"' in page else ""
    return [(name, href.replace("&amp;", "&")) for href, name in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)]


def _ticked(page: str) -> list[str]:
    return re.findall(r'<input type="checkbox" name="task" value="(\d+)"[^>]* checked', page)


def _desk_tasks(desk, n: int) -> tuple[list[str], list[str]]:
    tickets = [desk.submit()["ticket"] for _ in range(n)]
    return tickets, [str(desk.task(t, "periksa_kelengkapan")["id"]) for t in tickets]


def test_saving_a_view_under_a_name_in_use_asks_before_replacing_it(browser):
    b = browser("petugas")
    b.get("/kotak-masuk")
    r = b.post("/kotak-masuk/simpan", {"name": "Terlambat", "scope": "group", "due": "overdue"})
    assert "Tampilan disimpan: Terlambat" in text(b.get(r.location))
    r = b.post("/kotak-masuk/simpan", {"name": " Terlambat ", "scope": "group", "due": "due_soon"})
    page = text(b.get(r.location))
    assert "Tampilan disimpan" not in page
    assert "Sudah ada tampilan bernama “Terlambat”. Pilih nama lain, atau ganti tampilan itu" in page
    ((name, href),) = _saved(page)
    assert (name, "due=overdue" in href) == ("Terlambat", True)  # the first view is kept
    assert re.search(r'<button type="submit" name="replace" value="1"[^>]*>Ganti “Terlambat”</button>', page)
    assert re.search(r'<input type="text" id="view-name" name="name"[^>]* value="Terlambat"', page)
    assert '<details class="filter-fold" open>' in page  # the form in view, with its choice
    r = b.post("/kotak-masuk/simpan", {"name": "Terlambat", "scope": "group", "due": "due_soon", "replace": "1"})
    page = text(b.get(r.location))
    assert "Tampilan diganti: Terlambat" in page
    ((name, href),) = _saved(page)
    assert "due=due_soon" in href
    assert "Ganti “Terlambat”" not in text(b.get("/kotak-masuk"))  # the offer was for that clash only


@pytest.mark.parametrize(
    ("lang", "blank", "too_long", "nobody"),
    [
        (
            "id",
            "Nama tampilan wajib diisi.",
            "Nama tampilan: paling banyak 80 karakter.",
            "Tugaskan kepada wajib dipilih.",
        ),
        ("en", "View name is required.", "View name: at most 80 characters.", "Assign to must be chosen."),
    ],
)
def test_a_blank_view_name_and_an_assignment_to_nobody_are_sentences_naming_the_field(
    desk, browser, lang, blank, too_long, nobody
):
    ppid = browser("ppid")
    ppid.get(f"/bahasa/{lang}")
    ppid.get("/kotak-masuk")
    r = ppid.post("/kotak-masuk/simpan", {"name": "   ", "scope": "group"})
    page = text(ppid.get(r.location))
    assert blank in page
    r = ppid.post("/kotak-masuk/simpan", {"name": "x" * 81, "scope": "group"})
    assert too_long in text(ppid.get(r.location))
    _, ids = _desk_tasks(desk, 2)
    r = ppid.post("/tugas/massal", {"action": "assign", "username": "", "task": ids, "next": "/kotak-masuk?scope=all"})
    page = text(ppid.get(r.location))
    assert nobody in page
    assert sorted(_ticked(page)) == sorted(ids)  # ticked still: choose the officer and apply again
    for generic in ("data tidak sah", "invalid data", "wajib diisi<", "is required<"):
        assert generic not in page


def test_a_bulk_refusal_names_each_refused_task_and_keeps_the_others_ticked(desk, client, login, browser):
    tickets, ids = _desk_tasks(desk, 3)
    b = browser("petugas")
    b.get("/kotak-masuk")
    assert client.post(f"{API}/tasks/{ids[1]}/claim", headers=login("petugas2")).status_code == 200
    r = b.post("/tugas/massal", {"action": "claim", "task": ids, "next": "/kotak-masuk"})
    page = text(b.get(r.location))
    assert (
        f"Tidak ada tugas yang diubah. {tickets[1]} ({CHECK}): sudah diambil oleh Petugas2. "
        "Tugas lain tetap dicentang: terapkan lagi untuk mengubahnya." in page
    )
    assert "sebagian tugas ditolak" not in page
    assert sorted(_ticked(page)) == sorted([ids[0], ids[2]])
    assert '<option value="claim" selected>' in page
    assert '<details class="bulk-fold" open>' in page
    assert _ticked(text(b.get("/kotak-masuk"))) == []  # the ticks were kept for that refusal only
    r = b.post("/tugas/massal", {"action": "claim", "task": [ids[0], ids[2]], "next": "/kotak-masuk"})
    assert "Anda mengambil 2 tugas" in text(b.get(r.location))


def test_every_task_refused_is_said_once_per_reason_with_the_tickets_and_in_english_too(desk, browser):
    tickets, ids = _desk_tasks(desk, 2)
    ppid = browser("ppid")
    ppid.get("/bahasa/en")
    ppid.get("/kotak-masuk")
    r = ppid.post("/tugas/massal", {"action": "assign", "username": "ppid", "task": ids, "next": "/kotak-masuk"})
    page = text(ppid.get(r.location))
    listed = ", ".join(f"{t} (Check the request is complete)" for t in tickets)
    assert f"No task was changed. {listed}: Ppid is not in Front-desk officers." in page
    assert "the task&#39;s group" not in page
    assert "task's group" not in page
    assert _ticked(page) == []  # nothing left to retry


def _bulk_options(page: str, select_id: str) -> list[str]:
    found = re.search(rf'<select id="{select_id}" name="\w+">(.*?)</select>', page, re.S)
    return re.findall(r'<option value="(\w*)"', found[1]) if found else []


def _row_offers(page: str, task_id: str) -> tuple[set[str], set[str]]:
    found = re.search(rf'<input type="checkbox" name="task" value="{task_id}"[^>]*>', page)
    tag = found[0]
    actions = re.search(r'data-actions="([^"]*)"', tag)[1].split()
    people = re.search(r'data-people="([^"]*)"', tag)[1].split()
    return set(actions), set(people)


def test_the_bulk_form_offers_for_each_task_only_what_can_apply_to_it_and_counts_what_changed(desk, browser):
    from tests.web.test_inbox import _with_the_ppid

    own = str(desk.task(_with_the_ppid(desk), "proses_permohonan")["id"])
    tickets, front = _desk_tasks(desk, 2)
    ppid = browser("ppid")
    page = text(ppid.get("/kotak-masuk?scope=all"))
    # The PPID never claims the desk's tasks, nor is given them: each row says what may be done to it, and whom to.
    assert _row_offers(page, front[0]) == ({"assign"}, {"petugas", "petugas2"})
    assert _row_offers(page, own)[0] == {"claim"}
    assert "ppid" not in _row_offers(page, own)[1]
    assert _bulk_options(page, "bulk-action")[0] == "assign"  # what most of the rows take comes first
    assert '<script src="/assets/inbox-bulk.js" defer></script>' in page
    ppid.post(f"/tugas/{front[1]}/tugaskan", {"username": "petugas"})
    r = ppid.post("/tugas/massal", {"action": "assign", "username": "petugas", "task": front, "next": "/kotak-masuk"})
    page = text(ppid.get(r.location))
    assert f"1 tugas diserahkan kepada Petugas: {tickets[0]} ({CHECK})." in page
    assert "2 tugas diserahkan" not in page
    r = ppid.post("/tugas/massal", {"action": "assign", "username": "petugas", "task": front, "next": "/kotak-masuk"})
    assert "Tidak ada tugas yang berubah: semuanya sudah seperti yang dipilih." in text(ppid.get(r.location))


@pytest.mark.parametrize(
    ("lang", "label", "private"),
    [
        ("id", "Catatan tindak lanjut", ("Catatan untuk diri sendiri", "Ingatkan saya", "Anda akan diingatkan")),
        ("en", "Follow-up note", ("Note to yourself", "Remind me", "You will be reminded")),
    ],
)
def test_the_follow_up_is_worded_as_the_task_s_seen_and_told_to_whoever_holds_it(
    app, desk, browser, lang, label, private
):
    from tests.api.test_follow_up import working_day

    _, (task_id,) = _desk_tasks(desk, 1)
    b = browser("petugas")
    b.get(f"/bahasa/{lang}")
    b.get(f"/tugas/{task_id}")
    b.post(f"/tugas/{task_id}/ambil", {"next": f"/tugas/{task_id}"})
    page = text(b.get(f"/tugas/{task_id}"))
    assert f'<label for="follow-up-note">{label}' in page
    hint = re.search(r'<p class="hint" id="follow-up-on-hint">([^<]*)</p>', page)[1]
    if lang == "id":
        assert "siapa pun yang memegang tugas ini" in hint
        assert "ikut berpindah bersama tugas" in page
    else:
        assert "whoever holds the task" in hint
        assert "goes with the task" in page
    b.post(f"/tugas/{task_id}/tindak-lanjut", {"on": str(working_day(app, 2)), "note": "Telepon unit"})
    page = text(b.get(f"/tugas/{task_id}"))
    for words in private:
        assert words not in page


def test_assigning_a_task_to_the_officer_who_holds_it_changes_nothing_and_tells_them_nothing_again(
    desk, client, login, app
):
    from sqlalchemy import func, select

    from api.extensions import db
    from engine.models import Notification

    def assignments() -> int:
        with app.app_context():
            return db.session.scalar(select(func.count()).where(Notification.event == "task_assigned"))

    _, ids = _desk_tasks(desk, 2)
    assert client.post(f"{API}/tasks/{ids[0]}/claim", headers=login("petugas")).status_code == 200
    before = assignments()
    r = client.post(
        f"{API}/tasks/bulk", json={"action": "assign", "ids": ids, "username": "petugas"}, headers=login("ppid")
    )
    assert (r.status_code, r.json["changed"]) == (200, 1), r.json
    once = assignments() - before  # the task newly given: its message (one a channel)
    r = client.post(
        f"{API}/tasks/bulk", json={"action": "assign", "ids": ids, "username": "petugas"}, headers=login("ppid")
    )
    assert (r.status_code, r.json["changed"]) == (200, 0), r.json
    assert once >= 1
    assert assignments() - before == once  # nobody told twice
