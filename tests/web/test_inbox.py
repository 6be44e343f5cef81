"""The officer's inbox: the queue most urgent first, due states in words, filters, claim/unclaim/assign."""

import re
from datetime import UTC, datetime, timedelta

from tests.api.test_inbox_search import more_open_tasks
from tests.conftest import (
    REPORTER_NAME,
    db_url,  # noqa: F401 - both databases again (tests/web/conftest.py takes SQLite alone): the queue's queries
    sqlite_only,
)
from tests.web.pages import text


def _late_request(desk, login, days=20):
    """A paper request recorded at the front desk long after it arrived: its T10 has passed."""
    received = (datetime.now(UTC) - timedelta(days=days)).isoformat()
    return desk.submit(headers=login("petugas"), channel="langsung", received_at=received)


def _rows(page: str) -> list[str]:
    return re.findall(r"<tr class=\"row-[a-z_]+\">.*?</tr>", page, re.S)


# Words: the due state's words are Python's; the queue's order, filters and counters are kept on PostgreSQL below.
@sqlite_only
def test_the_inbox_lists_the_case_task_with_its_due_state_in_words(desk, browser):
    receipt = desk.submit()
    page = text(browser("petugas").get("/kotak-masuk"))
    (row,) = _rows(page)
    assert receipt["ticket"] in row
    assert f'href="/kasus/{receipt["ticket"]}"' in row
    assert "Periksa kelengkapan permohonan" in row
    assert "Permohonan Informasi Publik" in row
    assert "Diterima" in row  # the case's stage
    assert 'class="due due-on_track">Sesuai jadwal<' in row
    assert "hari kerja lagi" in row


def test_overdue_tasks_come_first_and_say_so(desk, login, browser):
    fresh = desk.submit()
    late = _late_request(desk, login)
    page = text(browser("petugas").get("/kotak-masuk"))
    rows = _rows(page)
    assert late["ticket"] in rows[0]
    assert fresh["ticket"] in rows[-1]
    assert "Melewati batas" in rows[0]
    assert "terlambat" in rows[0]
    assert "Lewat batas: 1" in page  # the header's counter


def test_filters_narrow_the_list_by_due_state_stage_and_process(desk, login, browser):
    fresh = desk.submit()
    late = _late_request(desk, login)
    b = browser("petugas")
    page = text(b.get("/kotak-masuk?due=overdue"))
    assert late["ticket"] in page
    assert fresh["ticket"] not in page
    page = text(b.get("/kotak-masuk?due=on_track"))
    assert fresh["ticket"] in page
    assert late["ticket"] not in page
    assert len(_rows(text(b.get("/kotak-masuk?stage=diterima")))) == 2
    assert _rows(text(b.get("/kotak-masuk?stage=selesai"))) == []
    assert _rows(text(b.get("/kotak-masuk?process=pengaduan"))) == []
    assert len(_rows(text(b.get("/kotak-masuk?process=permohonan_informasi")))) == 2
    page = text(b.get("/kotak-masuk?unit=1"))
    assert len(_rows(page)) == 2
    assert '<option value="1" selected>Kantor Wilayah (KANWIL)</option>' in page  # as the other unit filters


# Who may claim, assign and see what, and in which words: Python over the rows (tests/api/test_take_next.py keeps
# claims on PostgreSQL).
@sqlite_only
def test_claim_then_release_from_the_inbox(desk, browser):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    b = browser("petugas")
    b.get("/kotak-masuk")
    r = b.post(f"/tugas/{task['id']}/ambil", {"next": "/kotak-masuk?scope=mine"})
    assert r.location == "/kotak-masuk?scope=mine"
    page = text(b.get(r.location))
    assert "Tugas sudah Anda ambil." in page
    assert receipt["ticket"] in page
    assert desk.task(receipt["ticket"], "periksa_kelengkapan")["assignee"] == "petugas"
    r = b.post(f"/tugas/{task['id']}/lepas", {"next": "/kotak-masuk"})
    assert "Tugas kembali ke antrean." in text(b.get(r.location))
    assert desk.task(receipt["ticket"], "periksa_kelengkapan")["assignee"] is None


@sqlite_only
def test_a_task_claimed_by_another_officer_cannot_be_claimed_and_says_by_whom(desk, browser):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    first, second = browser("petugas"), browser("petugas2")
    first.get("/kotak-masuk")
    first.post(f"/tugas/{task['id']}/ambil")
    second.get("/kotak-masuk")
    r = second.post(f"/tugas/{task['id']}/ambil")
    assert r.status_code == 302
    assert "sudah diambil oleh Petugas" in text(second.get(r.location))  # their name, not login
    assert desk.task(receipt["ticket"], "periksa_kelengkapan")["assignee"] == "petugas"
    second.get("/bahasa/en")
    r = second.post(f"/tugas/{task['id']}/ambil")
    assert "already claimed by Petugas" in text(second.get(r.location))  # the visitor's language, not both


@sqlite_only
def test_only_the_lanes_superior_is_offered_assign_and_may_assign(desk, browser):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    officer = browser("petugas")
    assert 'name="username"' not in text(officer.get("/kotak-masuk"))
    assert officer.post(f"/tugas/{task['id']}/tugaskan", {"username": "petugas2"}).status_code == 403
    superior = browser("ppid")
    page = text(superior.get("/kotak-masuk?scope=all"))
    options = re.search(rf'<select id="assign-{task["id"]}" name="username">(.*?)</select>', page, re.S)[1]
    assert 'value="petugas"' in options
    assert 'value="petugas2"' in options
    assert 'value="unit"' not in options  # not in the task's lane
    r = superior.post(f"/tugas/{task['id']}/tugaskan", {"username": "petugas2", "next": "/kotak-masuk?scope=all"})
    assert "Tugas sudah ditugaskan." in text(superior.get(r.location))
    assert desk.task(receipt["ticket"], "periksa_kelengkapan")["assignee"] == "petugas2"
    r = superior.post(f"/tugas/{task['id']}/tugaskan", {"username": "unit"})
    refused = text(superior.get(r.location))
    assert "bukan anggota Petugas layanan" in refused  # the group as the pages name it, never its code
    assert "petugas_layanan" not in refused
    assert desk.task(receipt["ticket"], "periksa_kelengkapan")["assignee"] == "petugas2"


@sqlite_only
def test_my_tasks_and_the_whole_unit_are_their_own_tabs(desk, browser):
    receipt = desk.submit()
    officer = browser("petugas")
    page = text(officer.get("/kotak-masuk?scope=mine"))
    assert receipt["ticket"] not in page
    assert "Tugas saya" in page
    assert "scope=all" not in page  # no whole-unit tab for an officer who supervises nobody
    assert officer.get("/kotak-masuk?scope=all").status_code == 403
    page = text(browser("atasan").get("/kotak-masuk?scope=all"))
    assert "Seluruh unit" in page
    assert receipt["ticket"] in page


@sqlite_only
def test_a_complaint_officer_does_not_see_ppid_tasks(desk, browser):
    receipt = desk.submit()
    page = text(browser("tim").get("/kotak-masuk"))
    assert receipt["ticket"] not in page
    assert "Tidak ada tugas di sini." in page


def test_a_queue_of_more_than_a_thousand_says_so_and_a_small_one_is_counted_exactly(app, desk, login, browser):
    receipt = desk.submit()
    page = text(browser("petugas").get("/kotak-masuk"))
    assert "Terbuka: 1" in page
    assert "1 dari 1 tugas ditampilkan" in page
    more_open_tasks(app, receipt["ticket"], 1000)
    page = text(browser("petugas").get("/kotak-masuk"))
    assert "Terbuka: 1.000+" in page  # the header: counting stopped at a thousand
    assert "50 dari 1.000+ tugas ditampilkan" in page
    english = browser("petugas")
    english.get("/bahasa/en")
    assert "50 of 1,000+ tasks shown" in text(english.get("/kotak-masuk"))


def _stage_groups(page: str) -> dict[str, list[str]]:
    stage = re.search(r'<select[^>]*name="stage"[^>]*>(.*?)</select>', page, re.S)
    assert stage, "no stage filter"
    return {
        label: re.findall(r"<option[^>]*>([^<]+)</option>", group)
        for label, group in re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', stage[1], re.S)
    }


# The filters' options, a refused filter and the due words: Python; the filters' queries are kept on PostgreSQL.
@sqlite_only
def test_the_stage_filter_offers_the_stages_of_the_officer_s_processes_each_under_its_process(browser):
    """It listed every stage of the four processes in one alphabetical list ("Selesai" four times, the complaint's
    stages to the PPID's desk): each process's stages now come under its name, in the order a case goes through
    them, for the processes the officer's cases can be of, and only the chosen process's once one is chosen."""
    desk = _stage_groups(text(browser("petugas").get("/kotak-masuk")))
    assert list(desk) == ["Permohonan Informasi Publik", "Keberatan", "Sengketa Informasi Publik"]
    assert desk["Keberatan"][:3] == ["Keberatan Diterima", "Keberatan Terdaftar", "Penyelesaian secara Musyawarah"]
    assert "Mediasi" in desk["Sengketa Informasi Publik"]
    assert all(len(names) == len(set(names)) for names in desk.values())
    chosen = _stage_groups(text(browser("petugas").get("/kotak-masuk?process=keberatan")))
    assert list(chosen) == ["Keberatan"]
    team = _stage_groups(text(browser("tim").get("/kotak-masuk")))
    assert list(team) == ["Pengaduan Masyarakat"]
    assert team["Pengaduan Masyarakat"][0] == "Baru / Belum Diverifikasi"


@sqlite_only
def test_a_filter_the_list_does_not_offer_is_named_as_the_page_names_it(browser):
    """An edited or old link: "data tidak sah salah satu dari permohonan_informasi, ..." said nothing a person
    could act on. The list comes back without it, saying which; a too long search says its limit."""
    b = browser("petugas")
    r = b.get("/kotak-masuk?process=zzz&sort=bogus")
    assert r.status_code == 302
    page = text(b.get(r.location))
    assert "Daftar ditampilkan tanpa pilihan yang tidak tersedia: Urutkan menurut, Proses." in page
    assert "salah satu dari" not in page
    page = text(b.get(b.get("/kotak-masuk?q=" + "x" * 600).location))
    assert "Pencarian: paling banyak 100 karakter." in page


def _withdrawn(desk, client, **payload):
    receipt = desk.submit(**payload)
    r = client.post("/api/v1/requests/withdraw", json={**{k: receipt[k] for k in ("ticket", "access_code")}})
    assert r.status_code == 200, r.json
    return receipt


def test_a_search_finds_finished_cases_too_with_their_requester_for_the_desk_only(desk, client, browser):
    """A caller asks about last month's request: it has no open task, so the inbox's task rows cannot show it.
    The search lists the finished cases it matches under the tasks, for those who may open them."""
    done = _withdrawn(desk, client, name="Rudi Hartono", nik="3171234507890002", information="Anggaran rehabilitasi")
    open_ = desk.submit(name="Rudi Hartono", nik="3171234507890003", information="Daftar madrasah penerima")
    page = text(browser("petugas").get("/kotak-masuk?q=rudi+hartono"))
    tasks, finished = page.split("Kasus selesai yang cocok dengan “rudi hartono”")
    assert open_["ticket"] in tasks
    assert done["ticket"] not in tasks
    assert f'href="/kasus/{done["ticket"]}"' in finished
    assert open_["ticket"] not in finished
    assert "Rudi Hartono" in finished
    assert "Anggaran rehabilitasi" in finished
    assert "Dicabut" in finished  # its stage when it closed
    page = text(browser("petugas").get(f"/kotak-masuk?q={done['ticket']}"))
    assert "Tidak ada tugas di sini." in page
    assert f'href="/kasus/{done["ticket"]}"' in page
    assert "Tidak ada kasus selesai yang cocok." in text(browser("petugas").get("/kotak-masuk?q=zzzz"))
    assert "Kasus selesai" not in text(browser("petugas").get("/kotak-masuk"))  # no search, no such list
    # The complaint team may not open a request: its search lists none of them, finished or not.
    page = text(browser("tim").get(f"/kotak-masuk?q={done['ticket']}"))
    assert f'href="/kasus/{done["ticket"]}"' not in page
    assert "Tidak ada kasus selesai yang cocok." in page


# The law's deadline in words, computed in Python.
@sqlite_only
def test_a_task_past_its_deadline_since_the_last_working_day_is_late_not_due_today(app):
    """Due Fri 4 Dec 2026, 16:00 WIB, read on Sunday 6 Dec: no working day has passed since, but the deadline has;
    the inbox said "jatuh tempo hari ini" beside its red "Melewati batas" badge."""
    import time_machine

    from api.web.inbox import due_words

    due = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    with app.test_request_context(headers={"Accept-Language": "id"}):
        with time_machine.travel(datetime(2026, 12, 6, 3, 0, tzinfo=UTC)):
            assert due_words({"due_at": due, "working_days_left": 0}) == "terlambat kurang dari 1 hari kerja"
        with time_machine.travel(datetime(2026, 12, 4, 2, 0, tzinfo=UTC)):  # the same Friday, 09:00 WIB
            assert due_words({"due_at": due, "working_days_left": 0}) == "jatuh tempo hari ini"


# Layout and who may do what: Python over the rows.
@sqlite_only
def test_the_complaint_team_s_inbox_has_no_requester_column_it_could_never_fill(browser, client, desk):
    """The complaint team read "Pemohon: —" on every row and a search hint promising names and NIKs: a
    complaint's reporter is never shown with the case."""
    from tests.conftest import complaint_payload

    assert client.post("/api/v1/complaints", json=complaint_payload("rahasia")).status_code == 201
    page = text(browser("tim").get("/kotak-masuk"))
    assert len(_rows(page)) == 1
    assert '<th scope="col">Pemohon</th>' not in page
    assert "Nomor tiket atau kata dalam perihal" in page
    desk.submit()
    assert '<th scope="col">Pemohon</th>' in text(browser("petugas").get("/kotak-masuk"))


def test_take_the_next_task_opens_the_most_urgent_untaken_one_and_says_when_none_waits(desk, login, browser):
    late = _late_request(desk, login)["ticket"]
    fresh = desk.submit()["ticket"]
    b = browser("petugas")
    page = text(b.get("/kotak-masuk?process=permohonan_informasi"))
    assert ">Ambil tugas berikutnya</button>" in page
    assert '<input type="hidden" name="process" value="permohonan_informasi">' in page  # the filters chosen
    r = b.post("/kotak-masuk/berikutnya", {"process": "permohonan_informasi"})
    task = desk.task(late, "periksa_kelengkapan")
    assert r.location == f"/tugas/{task['id']}"
    assert task["assignee"] == "petugas"
    assert f"Anda mengambil tugas: {late}." in text(b.get(r.location))
    r = b.post("/kotak-masuk/berikutnya", {})
    assert desk.task(fresh, "periksa_kelengkapan")["assignee"] == "petugas"
    r = b.post("/kotak-masuk/berikutnya", {"process": "permohonan_informasi"})
    assert r.location == "/kotak-masuk?process=permohonan_informasi"
    assert "Tidak ada tugas di antrean Anda yang belum diambil." in text(b.get(r.location))


def test_the_overdue_counter_links_to_the_tasks_it_counts_a_late_case_s_task_too(desk, login, browser):
    """A case escalated for its lapsed T10, then found incomplete: its tasks are on time by their own dates. The
    header said "Lewat batas: 1" (the Atasan PPID: 2) and its link listed "0 dari 0 tugas"; both count the late
    tasks the reader answers for, and the list says why each is late."""
    import time_machine

    from tests.api.test_inbox_pages import LETTER_RECEIVED, RECORDED
    from tests.helpers import STEP

    with time_machine.travel(RECORDED, tick=True):
        ticket = desk.submit(headers=login("petugas"), channel="pos", received_at=LETTER_RECEIVED.isoformat())["ticket"]
        desk.complete(ticket, "periksa_kelengkapan", STEP["periksa_kelengkapan_kurang"])
        desk.submit()  # on time: counted and listed by neither
        for who, late in (("petugas", 1), ("ppid", 1), ("atasan", 2)):
            b = browser(who)
            link, counted = re.search(
                r'<a href="([^"]*due=overdue[^"]*)"[^>]*>Lewat batas: (\d+)<', text(b.get("/kotak-masuk"))
            ).groups()
            rows = _rows(text(b.get(link.replace("&amp;", "&"))))
            assert len(rows) == int(counted) == late, who
            assert all(ticket in row and "Melewati batas" in row for row in rows), who
        (row,) = _rows(text(browser("petugas").get("/kotak-masuk?due=overdue")))
        assert "hari kerja lagi" in row  # on time by its own date...
        assert "kasusnya melewati batas waktu" in row  # ...late by its case's


def _with_the_ppid(desk, **payload) -> str:
    """A request checked and registered at the desk: now the PPID's task, in no queue of the desk's."""
    ticket = desk.submit(**payload)["ticket"]
    desk.complete(ticket, "periksa_kelengkapan")
    desk.complete(ticket, "registrasi")
    return ticket


def test_the_desk_s_search_finds_an_open_case_the_ppid_holds_and_never_a_case_it_may_not_open(desk, client, browser):
    """A requester telephones the desk about a request now with the PPID: the desk's search said "Tidak ada tugas di
    sini" and "Tidak ada kasus selesai yang cocok". The open cases the search matches that the reader may open but
    none of whose tasks the list shows are listed under it, each a link to its case; never a case the reader may not
    open, and never a case whose task the list shows already."""
    from tests.conftest import complaint_payload

    ticket = _with_the_ppid(desk, name="Rudi Hartono", nik="3171234507890002", information="Anggaran rehabilitasi")
    complaint = client.post("/api/v1/complaints", json=complaint_payload("rahasia")).json["ticket"]
    desk_ = browser("petugas")
    for q in (ticket, "rudi hartono", "anggaran rehabilitasi"):
        page = text(desk_.get("/kotak-masuk", query_string={"q": q}))
        assert "Tidak ada tugas di sini." in page
        others = page.split(f"Kasus terbuka lain yang cocok dengan “{q}”")[1].split("</section>")[0]
        assert f'<a href="/kasus/{ticket}">{ticket}</a>' in others
        assert "Terdaftar" in others  # its stage
        assert "Rudi Hartono" in others
    assert desk_.get(f"/kasus/{ticket}").status_code == 200  # the link opens
    page = text(browser("ppid").get("/kotak-masuk", query_string={"q": ticket}))
    assert len(_rows(page)) == 1  # the PPID's own task: listed once, as a task
    assert "Kasus terbuka lain" not in page
    for who, q in (("petugas", complaint), ("tim", ticket), ("unit", ticket)):  # cases they may not open
        page = text(browser(who).get("/kotak-masuk", query_string={"q": q}))
        assert f'href="/kasus/{q}"' not in page, who
        assert "Kasus terbuka lain" not in page, who
        assert browser(who).get(f"/kasus/{q}").status_code == 404, who
    page = text(browser("tim").get("/kotak-masuk", query_string={"q": complaint}))
    assert len(_rows(page)) == 1
    assert "Kasus terbuka lain" not in page


def _bulk_actions(page: str) -> list[str]:
    found = re.search(r'<select id="bulk-action" name="action">(.*?)</select>', page, re.S)
    return re.findall(r'<option value="(\w+)">', found[1]) if found else []


@sqlite_only
def test_the_bulk_form_offers_only_what_the_reader_may_do_and_a_refusal_of_every_task_says_none_changed(desk, browser):
    """The PPID was offered "Tugaskan" for the PPID's own tasks, then told "sebagian tugas ditolak" when every one
    was refused: the form offers an action when the reader may take it on a task of the page, and a refusal of every
    task says that none changed, and why, once."""
    tickets = [_with_the_ppid(desk) for _ in range(2)]
    own = [str(desk.task(t, "proses_permohonan")["id"]) for t in tickets]
    ppid = browser("ppid")
    page = text(ppid.get("/kotak-masuk"))
    assert _bulk_actions(page) == ["claim"]
    assert 'id="bulk-username"' not in page
    r = ppid.post("/tugas/massal", data={"action": "assign", "username": "ppid", "task": own, "next": "/kotak-masuk"})
    flashed = text(ppid.get(r.location))
    assert "Tidak ada tugas yang diubah. " in flashed
    assert f"{tickets[1]} (Proses permohonan): hanya atasan yang dapat menugaskan.<" in flashed
    assert "sebagian tugas" not in flashed
    assert flashed.count("hanya atasan yang dapat menugaskan") == 1
    front = desk.task(desk.submit()["ticket"], "periksa_kelengkapan")["id"]  # the desk's: the PPID assigns it
    assert _bulk_actions(text(ppid.get("/kotak-masuk?scope=all"))) == ["claim", "assign"]
    r = ppid.post("/tugas/massal", data={"action": "assign", "username": "petugas", "task": [str(front), own[0]]})
    assert "hanya atasan yang dapat menugaskan. Tugas lain tetap dicentang" in text(ppid.get(r.location))
    ppid.post(f"/tugas/{own[0]}/ambil")
    assert _bulk_actions(text(ppid.get("/kotak-masuk"))) == ["claim", "unclaim"]
    assert _bulk_actions(text(browser("petugas").get("/kotak-masuk"))) == ["claim"]


# A register's ticket as a link: layout (the registers' queries run on PostgreSQL in tests/reports).
@sqlite_only
def test_a_register_s_ticket_opens_its_case_for_its_readers(desk, client, browser):
    """The register listed the desk's requests as plain text: each ticket is now a link to its case, which every
    reader of the register may open (its rows are the cases the reader may see)."""
    from tests.conftest import complaint_payload

    ticket = _with_the_ppid(desk)
    complaint = client.post("/api/v1/complaints", json=complaint_payload("rahasia")).json["ticket"]
    for who, register, listed in (
        ("petugas", "permohonan", ticket),
        ("auditor", "permohonan", ticket),
        ("tim", "pengaduan", complaint),
    ):
        b = browser(who)
        page = text(b.get(f"/laporan/register/{register}"))
        assert f'<th scope="row"><a href="/kasus/{listed}">{listed}</a></th>' in page, who
        assert b.get(f"/kasus/{listed}").status_code == 200, who


REVEAL_REASON = "Pelapor perlu dipanggil sebagai saksi dalam pemeriksaan lanjutan."


def _reveal_asked(client, login, by="wbs") -> tuple[str, int]:
    """A whistleblower's complaint whose sealed identity ``by`` asked to open (engine.complaints.request_reveal)."""
    from tests.conftest import complaint_payload

    ticket = client.post("/api/v1/complaints", json=complaint_payload("whistleblower")).json["ticket"]
    r = client.post(f"/api/v1/complaints/{ticket}/reveal-requests", json={"reason": REVEAL_REASON}, headers=login(by))
    assert r.status_code == 201, r.json
    return ticket, r.json["id"]


def _reveals(page: str) -> str:
    """The inbox's section of the identity reveals waiting for the reader's decision ("" when it has none)."""
    found = re.search(r'<section class="notice reveals" aria-labelledby="reveals-title">.*?</section>', page, re.S)
    return found[0] if found else ""


# Whom a reveal waits for: who may decide it, in Python (the reveals' rows: tests/api/test_complaints_api.py).
@sqlite_only
def test_a_wbs_manager_s_inbox_lists_the_reveals_another_manager_asked_with_a_link_to_decide_them(
    client, login, browser
):
    """The inbox said "Tidak ada tugas di sini." while a reveal waited for wbs2: only the case page (and an e-mail,
    to an officer whose address is set) said so. The second WBS manager's inbox lists it at the top, by ticket,
    when and who asked, and links to the case page's reveal section; never the reason, never the reporter."""
    ticket, _ = _reveal_asked(client, login, by="wbs")
    b = browser("wbs2")
    page = text(b.get("/kotak-masuk"))
    section = _reveals(page)
    assert "1 permintaan pembukaan identitas menunggu keputusan Anda" in section
    assert f'<a href="/kasus/{ticket}#identity-title">{ticket}</a>' in section
    assert "diajukan oleh Wbs pada " in section  # who asked, by name
    assert page.index('id="reveals-title"') < page.index('class="tabs"')  # at the top, above the task lists
    assert "Pembukaan identitas: 1" in page  # the header's counter, beside the tasks'
    assert REVEAL_REASON not in page
    assert REPORTER_NAME not in page
    b.get("/bahasa/en")
    english = text(b.get("/kotak-masuk"))
    assert "1 identity reveal waits for your decision" in _reveals(english)
    assert "asked by Wbs on " in _reveals(english)
    assert "Identity reveals: 1" in english


@sqlite_only
def test_the_manager_who_asked_and_nobody_outside_the_wbs_managers_is_shown_a_reveal_to_decide(client, login, browser):
    """The one who asked may not decide (engine.complaints.decide_reveal); the complaint team, the auditor and the
    PPID decide no reveal at all."""
    ticket, _ = _reveal_asked(client, login, by="wbs")
    for who in ("wbs", "tim", "auditor", "ppid", "petugas"):
        page = text(browser(who).get("/kotak-masuk"))
        assert _reveals(page) == "", who
        assert f"/kasus/{ticket}#identity-title" not in page, who
        assert "Pembukaan identitas:" not in page or who == "wbs", who  # the counter is the WBS managers' alone
    assert "Pembukaan identitas: 0" in text(browser("wbs").get("/kotak-masuk"))


@sqlite_only
def test_a_reveal_asked_by_a_handler_waits_for_every_wbs_manager_until_one_decides_it(client, login, browser):
    ticket, request_id = _reveal_asked(client, login, by="tim")
    for who in ("wbs", "wbs2"):
        assert ticket in _reveals(text(browser(who).get("/kotak-masuk"))), who
    r = client.post(
        f"/api/v1/complaints/{ticket}/reveal-requests/{request_id}/refuse",
        json={"note": "Belum perlu"},
        headers=login("wbs2"),
    )
    assert r.status_code == 200, r.json
    for who in ("wbs", "wbs2"):
        page = text(browser(who).get("/kotak-masuk"))
        assert _reveals(page) == "", who
        assert "Pembukaan identitas: 0" in page, who
