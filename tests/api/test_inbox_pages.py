"""Issue 11 point 8: the inbox for volume (GET /api/v1/tasks): pages of fifty in one statement, sorts,
search by ticket, name, NIK or subject, saved filters and bulk claim, release and assign.

The inbox's queries run on PostgreSQL too (the statement budget, the cursor, the sorts and the filters, a task with no
deadline last, the search, the saved filters, the bulk claim's all-or-none, the queue of reveals). A refused cursor,
the blind index's hashes, who may assign, the count and the wording of a bulk change and the contract are Python's:
their PostgreSQL twins ran the same Python again."""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import event, select

from api.extensions import db
from engine import blind_index
from engine.config import load_settings
from engine.models import PartyToken
from tests.api.test_complaint_documents import Team
from tests.conftest import REPORTER_NAME, complaint_payload, sqlite_only
from tests.helpers import STEP
from tests.web.pages import text
from tests.workflows.test_pengaduan_paths import CATAT

API = "/api/v1"


@contextmanager
def statements(app):
    """Every SQL statement the app sends meanwhile."""
    seen: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def received(days_ago: float) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).isoformat()


def filed(desk, login, days_ago: float = 0.01, **payload):
    """A request recorded at the front desk (no public quota), received ``days_ago``."""
    return desk.submit(headers=login("petugas"), channel="langsung", received_at=received(days_ago), **payload)


def listing(client, login, who="petugas", **params):
    r = client.get(f"{API}/tasks", query_string=params, headers=login(who))
    assert r.status_code == 200, r.json
    return r.json


def test_a_page_of_the_inbox_is_one_statement_however_many_tasks_there_are(app, client, desk, login):
    for _ in range(3):
        filed(desk, login)
    listing(client, login)  # the token's session and the officer are read once per request either way
    with statements(app) as few:
        listing(client, login)
    for _ in range(57):
        filed(desk, login)
    with statements(app) as many:
        page = listing(client, login)
    assert len(page["items"]) == 50
    assert page["total"] == 60
    assert len(many) == len(few)  # no statement per task: 200 tasks once cost 204
    assert sum("human_task" in s for s in many) == 2  # the page, and the count of "of 60"


def test_pages_of_fifty_follow_each_other_by_cursor_without_repeats_or_gaps(client, desk, login):
    tickets = {filed(desk, login, d)["ticket"] for d in [0.1 * n for n in range(55)]}
    first = listing(client, login)
    assert len(first["items"]) == 50
    assert first["next_cursor"]
    second = listing(client, login, cursor=first["next_cursor"])
    assert len(second["items"]) == 5
    assert second["next_cursor"] is None
    seen = [t["ticket"] for t in first["items"] + second["items"]]
    assert len(seen) == len(set(seen))
    assert set(seen) == tickets
    dues = [t["due_at"] for t in first["items"] + second["items"]]
    assert dues == sorted(dues)  # most urgent first, across the page boundary


@sqlite_only
def test_a_cursor_from_another_sort_or_tampered_with_is_refused(client, desk, login):
    for _ in range(3):
        filed(desk, login)
    cursor = listing(client, login, limit=1)["next_cursor"]
    for params in ({"cursor": cursor, "sort": "received"}, {"cursor": "bm90IGpzb24"}, {"cursor": cursor[:-3]}):
        r = client.get(f"{API}/tasks", query_string={"limit": 1, **params}, headers=login("petugas"))
        assert r.status_code == 422, params
        assert "cursor" in r.json["errors"]


def test_the_inbox_sorts_by_received_date_and_stage_either_way(client, desk, login):
    old, new, middle = filed(desk, login, 4), filed(desk, login), filed(desk, login, 2)
    desk.complete(middle["ticket"], "periksa_kelengkapan")
    desk.complete(middle["ticket"], "registrasi")  # registered: the PPID's task of a case at another stage
    order = [t["ticket"] for t in listing(client, login, "ppid", scope="all", sort="received")["items"]]
    assert order == [old["ticket"], middle["ticket"], new["ticket"]]
    order = [t["ticket"] for t in listing(client, login, "ppid", scope="all", sort="-received")["items"]]
    assert order == [new["ticket"], middle["ticket"], old["ticket"]]
    stages = [t["stage"] for t in listing(client, login, "ppid", scope="all", sort="status")["items"]]
    assert stages == sorted(stages)
    assert len(set(stages)) == 2
    reverse = [t["stage"] for t in listing(client, login, "ppid", scope="all", sort="-status")["items"]]
    assert reverse == sorted(stages, reverse=True)


def test_each_row_has_the_subject_stage_receipt_and_the_requester_for_those_who_may_read_it(client, desk, login):
    receipt = filed(desk, login, name="Budi Santoso", information="Daftar penerima bantuan rumah ibadah 2026")
    (row,) = listing(client, login)["items"]
    assert row["ticket"] == receipt["ticket"]
    assert row["requester_name"] == "Budi Santoso"
    assert row["subject"] == "Daftar penerima bantuan rumah ibadah 2026"
    assert row["stage"] == "diterima"
    assert row["received_at"]
    assert row["due_at"]


def test_most_urgent_first_lists_a_task_without_a_deadline_last_and_takes_it_last(client, login):
    """A task with no clock (a closed complaint's file to archive) was ranked by its case's receipt: above the
    tasks due in the days after it, and "take the next task" took it first. It comes after every task with a due
    date, in the list, page by page, and for "take the next task"; reversed, it comes first."""
    waiting = Team(client, login, mode="rahasia")
    waiting.complete("catat_pengaduan", CATAT)
    waiting.complete("verifikasi", NOT_ACTIONABLE)  # closed: its archiving next, with no clock of its own
    fresh = Team(client, login, mode="anonim")  # just received: the review's 3 working days run from now
    items = listing(client, login, who="tim")["items"]
    assert [t["ticket"] for t in items] == [fresh.ticket, waiting.ticket]
    assert items[0]["due_at"] is not None
    assert items[1]["due_at"] is None
    assert items[0]["requester_name"] is None
    assert items[1]["requester_name"] is None
    first = listing(client, login, who="tim", limit=1)  # the cursor crosses from the dated tasks to the others
    second = listing(client, login, who="tim", limit=1, cursor=first["next_cursor"])
    assert [first["items"][0]["ticket"], second["items"][0]["ticket"]] == [fresh.ticket, waiting.ticket]
    assert second["next_cursor"] is None
    reverse = [t["ticket"] for t in listing(client, login, who="tim", sort="-due")["items"]]
    assert reverse == [waiting.ticket, fresh.ticket]
    taken = client.post(f"{API}/tasks/next", headers=login("tim"))
    assert (taken.status_code, taken.json["ticket"]) == (200, fresh.ticket)


NOT_ACTIONABLE = {
    "hasil": "tidak_dapat_ditindaklanjuti",
    "jenis_alasan": "pihak_tidak_jelas",
    "alasan": "Terlapor tidak jelas dan tidak dapat dikonfirmasi",
    "alasan_untuk_pelapor": "Pihak yang dilaporkan tidak dapat kami kenali dari laporan ini.",
}
LETTER_RECEIVED = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)  # Mon 2 Nov 2026: a letter by post, its T10 long gone
RECORDED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB: typed in a month later


def test_a_late_case_s_task_is_late_first_in_the_list_and_in_its_overdue_filter_though_due_later(desk, login, client):
    """A case escalated for its lapsed T10, then found incomplete: its next task is due on the requester's days, on
    time by its own date. The header counted it late and its link ("due=overdue") listed nothing; "most urgent
    first" put it below a request still on time but due before it. It is late, as ``access.is_late`` says."""
    with time_machine.travel(RECORDED, tick=True):
        late = desk.submit(headers=login("petugas"), channel="pos", received_at=LETTER_RECEIVED.isoformat())["ticket"]
        on_time = filed(desk, login, days_ago=12)["ticket"]
        desk.complete(late, "periksa_kelengkapan", STEP["periksa_kelengkapan_kurang"])
        task, other = desk.task(late, "terima_kelengkapan"), desk.task(on_time, "periksa_kelengkapan")
        assert other["due_at"] < task["due_at"]  # on time, due first: yet the late case's task is more urgent
        assert datetime.fromisoformat(task["due_at"]) > datetime.now(UTC)
        items = listing(client, login)["items"]
        assert [(t["ticket"], t["case_overdue"]) for t in items] == [(late, True), (on_time, False)]
        for overdue in ({"due": "overdue"}, {"overdue": "true"}):
            found = listing(client, login, **overdue)
            assert ([t["id"] for t in found["items"]], found["total"]) == ([task["id"]], 1)
        for state in ("due_soon", "on_track", "none"):  # the four due states share no task
            assert task["id"] not in [t["id"] for t in listing(client, login, due=state)["items"]]
        assert [t["ticket"] for t in listing(client, login, overdue="false")["items"]] == [on_time]
        escalation = desk.task(late, "eskalasi_t10")
        found = listing(client, login, "atasan", scope="all", due="overdue")
        assert sorted(t["id"] for t in found["items"]) == sorted([task["id"], escalation["id"]])
        taken = client.post(f"{API}/tasks/next", headers=login("petugas"))
        assert (taken.status_code, taken.json["id"]) == (200, task["id"])


def test_search_finds_a_case_by_ticket_name_nik_or_words_of_its_subject(client, desk, login):
    ani = filed(desk, login)  # Ani Wijaya, NIK 3171234507890001, "Daftar penerima beasiswa tahun 2026"
    other = filed(desk, login, name="Rudi Hartono", nik="3171234507890002", information="Anggaran rehabilitasi gedung")

    def found(q, who="petugas"):
        return {t["ticket"] for t in listing(client, login, who=who, q=q)["items"]}

    assert found(ani["ticket"]) == {ani["ticket"]}
    assert found(ani["ticket"].lower()) == {ani["ticket"]}
    assert found("3171234507890001") == {ani["ticket"]}
    assert found("3171 2345 0789 0002") == {other["ticket"]}
    assert found("wijaya") == {ani["ticket"]}
    assert found("Wijaya ANI") == {ani["ticket"]}  # every word, any order, any case
    assert found("Ani Hartono") == set()
    assert found("beasiswa") == {ani["ticket"]}
    assert found("REHABILITASI gedung") == {other["ticket"]}
    assert found("100%") == set()  # a LIKE wildcard is a character here
    r = client.get(f"{API}/tasks", query_string={"q": "x" * 101}, headers=login("petugas"))
    assert r.status_code == 422
    assert "q" in r.json["errors"]


def test_a_complaint_reporter_is_never_found_by_name_or_nik_and_a_unit_searches_no_hidden_subject(client, login):
    team = Team(client, login, mode="rahasia")
    items = listing(client, login, who="tim", q=REPORTER_NAME)["items"]
    assert items == []
    assert listing(client, login, who="tim", q=complaint_payload()["pelapor"]["nik"])["items"] == []
    assert [t["ticket"] for t in listing(client, login, who="tim", q="pungutan liar")["items"]] == [team.ticket]


@sqlite_only
def test_the_blind_index_holds_keyed_hashes_never_a_name_or_nik(app, desk):
    desk.submit()
    with app.app_context():
        tokens = set(db.session.scalars(select(PartyToken.token)))
    assert len(tokens) == 3  # the NIK and the name's two words
    plain = {"ani", "wijaya", "3171234507890001"}
    assert not any(p in t for t in tokens for p in plain)
    # Under another key the same identity gives other tokens: a stolen table cannot be tested by guessing.
    other = load_settings({"KAWAL_ENV": "test", "KAWAL_SECRET_KEY": "another-secret-key-of-enough-length-xyz"})
    again = blind_index.tokens_of(blind_index.search_key(other), {"name": "Ani Wijaya", "nik": "3171234507890001"})
    assert again.isdisjoint(tokens)
    assert len(again) == 3


def test_saved_filters_are_the_officers_own_and_replace_by_name(client, login):
    r = client.post(
        f"{API}/tasks/filters",
        json={"name": "Terlambat", "params": {"due": "overdue", "sort": "received"}},
        headers=login("petugas"),
    )
    assert r.status_code == 201, r.json
    assert r.json["params"] == {"scope": "group", "sort": "received", "due": "overdue"}
    client.post(
        f"{API}/tasks/filters", json={"name": "Terlambat", "params": {"due": "due_soon"}}, headers=login("petugas")
    )
    (saved,) = client.get(f"{API}/tasks/filters", headers=login("petugas")).json["items"]
    assert saved["params"]["due"] == "due_soon"
    assert client.get(f"{API}/tasks/filters", headers=login("petugas2")).json["items"] == []
    assert client.delete(f"{API}/tasks/filters/{saved['id']}", headers=login("petugas2")).status_code == 404
    bad = client.post(
        f"{API}/tasks/filters", json={"name": "x", "params": {"due": "kemarin", "hack": "1"}}, headers=login("petugas")
    )
    assert bad.status_code == 422
    assert set(bad.json["errors"]) >= {"params.hack"}
    assert client.delete(f"{API}/tasks/filters/{saved['id']}", headers=login("petugas")).status_code == 204
    assert client.get(f"{API}/tasks/filters", headers=login("petugas")).json["items"] == []


def test_bulk_claim_takes_all_or_none_and_names_the_one_refused(client, desk, login):
    ids = [desk.task(filed(desk, login)["ticket"], "periksa_kelengkapan")["id"] for _ in range(3)]
    assert client.post(f"{API}/tasks/{ids[1]}/claim", headers=login("petugas2")).status_code == 200
    r = client.post(f"{API}/tasks/bulk", json={"action": "claim", "ids": ids}, headers=login("petugas"))
    assert r.status_code == 422
    assert set(r.json["errors"]) == {"ids.1"}
    assert "Petugas2" in r.json["errors"]["ids.1"][0]  # the holder by name (the test office titles logins)
    assert [t["assignee"] for t in listing(client, login, sort="received")["items"]] == [None, "petugas2", None]
    r = client.post(f"{API}/tasks/bulk", json={"action": "claim", "ids": [ids[0], ids[2]]}, headers=login("petugas"))
    assert r.status_code == 200
    assert [t["assignee"] for t in listing(client, login, sort="received")["items"]] == [
        "petugas",
        "petugas2",
        "petugas",
    ]


@sqlite_only
def test_bulk_release_counts_only_the_tasks_it_changed(client, desk, login, browser):
    """Releasing a task nobody holds changes nothing: the page said "1 tugas diubah" for it."""
    ids = [desk.task(filed(desk, login)["ticket"], "periksa_kelengkapan")["id"] for _ in range(2)]
    assert client.post(f"{API}/tasks/{ids[0]}/claim", headers=login("petugas")).status_code == 200
    r = client.post(f"{API}/tasks/bulk", json={"action": "unclaim", "ids": ids}, headers=login("petugas"))
    assert (r.status_code, r.json["changed"], len(r.json["items"])) == (200, 1, 2)
    b = browser("petugas")
    b.get("/kotak-masuk")
    r = b.post("/tugas/massal", data={"action": "unclaim", "task": [str(i) for i in ids]})
    page = text(b.get(r.headers["Location"]))
    assert "Tidak ada tugas yang berubah" in page
    assert "tugas diubah" not in page


@sqlite_only
@pytest.mark.parametrize("who", ["petugas", "ppid"])
def test_bulk_assign_is_for_the_lanes_superior(client, desk, login, who):
    ids = [desk.task(filed(desk, login)["ticket"], "periksa_kelengkapan")["id"] for _ in range(2)]
    r = client.post(
        f"{API}/tasks/bulk", json={"action": "assign", "ids": ids, "username": "petugas2"}, headers=login(who)
    )
    if who == "petugas":
        assert r.status_code == 422
        assert set(r.json["errors"]) == {"ids.0", "ids.1"}
        assert {t["assignee"] for t in listing(client, login)["items"]} == {None}
    else:
        assert r.status_code == 200, r.json
        assert {t["assignee"] for t in listing(client, login)["items"]} == {"petugas2"}


@sqlite_only
def test_a_change_to_several_tasks_says_what_was_done_to_which_for_whom(desk, login, browser):
    """The inbox's confirmation said only "2 tugas diubah": it names the change, each task by ticket and title,
    and the officer they went to."""
    tickets = [filed(desk, login)["ticket"] for _ in range(2)]
    ids = [str(desk.task(t, "periksa_kelengkapan")["id"]) for t in tickets]
    listed = ", ".join(f"{t} (Periksa kelengkapan permohonan)" for t in tickets)
    ppid = browser("ppid")
    ppid.get("/kotak-masuk")
    r = ppid.post("/tugas/massal", data={"action": "assign", "username": "petugas2", "task": ids})
    assert f"2 tugas diserahkan kepada Petugas2: {listed}." in text(ppid.get(r.headers["Location"]))
    desk2 = browser("petugas2")
    desk2.get("/kotak-masuk")
    r = desk2.post("/tugas/massal", data={"action": "unclaim", "task": ids[:1]})
    assert f"Anda melepas 1 tugas ke kelompoknya: {tickets[0]} (Periksa kelengkapan permohonan)." in text(
        desk2.get(r.headers["Location"])
    )
    r = desk2.post("/tugas/massal", data={"action": "claim", "task": ids})
    assert f"Anda mengambil 1 tugas: {tickets[0]} (Periksa kelengkapan permohonan)." in text(
        desk2.get(r.headers["Location"])
    )


def test_the_reveals_waiting_for_a_wbs_manager_s_decision_are_listed_beside_the_tasks_without_their_reason(
    client, login
):
    """A reveal request is no task: ``GET /tasks`` never listed it, so a WBS manager's client had no queue of the
    sealed identities waiting for their decision. ``GET /tasks/reveal-requests`` lists those the caller may decide:
    another officer's (the one who asked never decides), of a complaint the caller sees; the ticket, when and who
    asked, never the reason nor anything of the reporter."""
    ticket = Team(client, login, mode="whistleblower").ticket
    reason = "LPSK meminta identitas pelapor untuk perlindungan saksi (surat 12/LPSK/2026)"
    asked = client.post(f"{API}/complaints/{ticket}/reveal-requests", json={"reason": reason}, headers=login("wbs"))
    assert asked.status_code == 201, asked.json
    r = client.get(f"{API}/tasks/reveal-requests", headers=login("wbs2"))
    assert r.status_code == 200, r.json
    (item,) = r.json["items"]
    assert (item["id"], item["ticket"], item["requested_by"]) == (asked.json["id"], ticket, "wbs")
    assert item["requested_at"] == asked.json["requested_at"]
    assert r.json["total"] == 1
    assert reason not in r.get_data(as_text=True)
    assert REPORTER_NAME not in r.get_data(as_text=True)
    for who in ("wbs", "tim", "auditor", "ppid", "admin"):  # the one who asked, and everyone else
        other = client.get(f"{API}/tasks/reveal-requests", headers=login(who))
        assert (other.status_code, other.json["items"], other.json["total"]) == (200, [], 0), who
    refused = client.post(
        f"{API}/complaints/{ticket}/reveal-requests/{item['id']}/refuse",
        json={"note": "Belum perlu"},
        headers=login("wbs2"),
    )
    assert refused.status_code == 200, refused.json
    assert client.get(f"{API}/tasks/reveal-requests", headers=login("wbs2")).json["items"] == []
    assert client.get(f"{API}/tasks/reveal-requests").status_code == 401


@sqlite_only
def test_the_reveals_queue_is_in_the_openapi_contract_beside_the_task_list(client):
    spec = client.get(f"{API}/openapi.json").json
    listed = spec["paths"][f"{API}/tasks/reveal-requests"]["get"]
    assert "tasks" in listed["tags"]
    item = listed["responses"]["200"]["content"]["application/json"]["schema"]
    assert item["$ref"].endswith("/WaitingReveals")
    fields = spec["components"]["schemas"]["WaitingReveal"]["properties"]
    assert set(fields) == {"id", "ticket", "requested_at", "requested_by"}
