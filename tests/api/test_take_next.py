"""The inbox's "take the next task" (POST /api/v1/tasks/next, the inbox page's button; engine.inbox.claim_next):
the most urgent task of the officer's queue that no one has taken becomes theirs, under the inbox's filters; two
officers asking at the same moment never get the same task. On SQLite and PostgreSQL."""

import threading

from sqlalchemy import select

from api.extensions import db
from engine.models import Case, CaseEvent
from tests.api.test_inbox_pages import filed, listing

API = "/api/v1"


def take(client, login, who="petugas", **filters):
    return client.post(f"{API}/tasks/next", query_string=filters, headers=login(who))


def test_the_officer_takes_the_most_urgent_untaken_task_of_their_queue_until_none_waits(app, client, desk, login):
    # A week apart each, so that their due dates differ whatever today is (a weekend's receipt counts from Monday).
    oldest, newest, middle = (filed(desk, login, days_ago=days)["ticket"] for days in (21, 7, 14))
    held = desk.task(oldest, "periksa_kelengkapan")["id"]
    assert client.post(f"{API}/tasks/{held}/claim", headers=login("petugas2")).status_code == 200
    first = take(client, login)
    assert first.status_code == 200, first.json
    assert (first.json["ticket"], first.json["name"], first.json["assignee"]) == (
        middle,
        "periksa_kelengkapan",
        "petugas",
    )
    assert take(client, login).json["ticket"] == newest
    assert take(client, login).status_code == 204  # the one left is petugas2's
    mine = listing(client, login, scope="mine")["items"]
    assert sorted(t["ticket"] for t in mine) == sorted([middle, newest])
    with app.app_context():  # each claim is in the case's history, by who took it
        case_id = db.session.scalar(select(Case.id).where(Case.ticket == middle))
        claims = db.session.scalars(
            select(CaseEvent.actor).where(CaseEvent.case_id == case_id, CaseEvent.type == "task_claimed")
        ).all()
    assert claims == ["petugas"]


def test_the_next_task_follows_the_filters_and_never_leaves_the_officer_s_own_queue(client, desk, login):
    filed(desk, login)
    assert take(client, login, process="pengaduan").status_code == 204  # no complaint waits in the desk's lanes
    assert take(client, login, "tim").status_code == 204  # the complaint team never gets the desk's requests
    refused = take(client, login, process="permohonan_lain")
    assert refused.status_code == 422
    assert "process" in refused.json["errors"]
    assert take(client, login, process="permohonan_informasi").status_code == 200


def test_officers_asking_at_the_same_moment_never_get_the_same_task(app, client, desk, login):
    """Two officers, each in two browser tabs, press "take the next task" together until nothing is left: each of
    the eight tasks is taken once, by one of them."""
    tickets = {filed(desk, login, days_ago=1 + i / 10)["ticket"] for i in range(8)}
    headers = [login(who) for who in ("petugas", "petugas", "petugas2", "petugas2")]
    start, taken, failures = threading.Barrier(len(headers)), [], []

    def officer(auth):
        tab = app.test_client()
        start.wait()
        while True:
            r = tab.post(f"{API}/tasks/next", headers=auth)
            if r.status_code == 204:
                return
            if r.status_code != 200:
                failures.append((r.status_code, r.get_json()))
                return
            taken.append((auth["Authorization"], r.get_json()["ticket"], r.get_json()["assignee"]))

    threads = [threading.Thread(target=officer, args=(auth,)) for auth in headers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert sorted(ticket for _who, ticket, _assignee in taken) == sorted(tickets)  # each once, none left
    holders = {t["ticket"]: t["assignee"] for t in listing(client, login, sort="received")["items"]}
    assert {ticket: assignee for _who, ticket, assignee in taken} == holders
