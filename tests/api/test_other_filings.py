"""The desk sees the other requests and objections filed with the NIK of a case's requester (engine.other_filings,
GET /api/v1/cases/{ticket}/other-filings, the case page's "Permohonan lain dari pemohon ini"): joined by the NIK's
blind-index token, never the case's own chain, never a complaint's reporter; the desk alone. On SQLite and
PostgreSQL."""

from engine import other_filings, requester_data
from tests.api.test_chain_api import objected
from tests.conftest import complaint_payload, request_payload, sqlite_only

API = "/api/v1"
NIK = request_payload()["requester"]["nik"]  # the NIK every desk.submit() files with unless told otherwise


def filings(client, login, ticket, who="petugas"):
    return client.get(f"{API}/cases/{ticket}/other-filings", headers=login(who))


def listed(client, login, ticket) -> list[tuple[str, str, str]]:
    r = filings(client, login, ticket)
    assert r.status_code == 200, r.json
    return [(i["ticket"], i["process"], i["name"]) for i in r.json["items"]]


def test_the_same_nik_lists_the_other_requests_and_their_objections_never_the_cases_own_chain(desk, client, login):
    first, objection = objected(desk, client)  # Ani Wijaya's request, refused, and her objection: one chain
    second = desk.submit(name="Ani W.")  # the same NIK, the name typed shorter
    desk.submit(name="Budi Santoso", nik="3171010111112222")  # another person
    reporter = complaint_payload("rahasia")
    reporter["pelapor"]["nik"] = NIK  # a whistleblower with the same NIK: never indexed, never listed
    assert client.post(f"{API}/complaints", json=reporter).status_code == 201

    assert listed(client, login, first["ticket"]) == [(second["ticket"], "permohonan_informasi", "Ani W.")]
    assert listed(client, login, objection["ticket"]) == [(second["ticket"], "permohonan_informasi", "Ani W.")]
    # the most recent first: the objection was filed after the first request
    assert listed(client, login, second["ticket"]) == [
        (objection["ticket"], "keberatan", "Ani Wijaya"),
        (first["ticket"], "permohonan_informasi", "Ani Wijaya"),
    ]
    r = filings(client, login, second["ticket"], "ppid")
    assert (r.json["matched"], r.json["total"]) == (True, 2)
    request = r.json["items"][1]
    assert (request["subject"], request["status"]) == (request_payload()["information"], "selesai")
    assert request["received_at"].startswith(str(first["received_at"])[:10])


# No NIK to match: Python's answer before the query; none matched: the same query again (kept above).
@sqlite_only
def test_a_requester_alone_with_their_nik_has_none_and_one_without_a_nik_is_not_matched(desk, client, login):
    alone = desk.submit(nik="3171010103334444")
    r = filings(client, login, alone["ticket"])
    assert (r.json["matched"], r.json["total"], r.json["items"]) == (True, 0, [])
    deed = "AHU-0012345.AH.01.04"  # a legal entity gives its deed's number, not a NIK
    entity = request_payload(name="Yayasan Cahaya", nik=deed)["requester"]
    for _ in range(2):
        foundation = desk.submit(requester_type="badan_hukum", requester=entity)
    r = filings(client, login, foundation["ticket"])
    assert (r.json["matched"], r.json["total"], r.json["items"]) == (False, 0, [])


def test_the_ten_most_recent_are_listed_and_the_total_counts_them_all(desk, client, login, monkeypatch):
    monkeypatch.setattr(other_filings, "SHOWN", 2)
    tickets = [desk.submit()["ticket"] for _ in range(4)]
    r = filings(client, login, tickets[0])
    assert r.json["total"] == 3
    assert [i["ticket"] for i in r.json["items"]] == [tickets[3], tickets[2]]


# The same query again, over the tokens the correction writes (the first test keeps it on PostgreSQL).
@sqlite_only
def test_a_correction_of_the_nik_moves_the_request_to_the_new_persons_filings(desk, client, login):
    first, second = desk.submit()["ticket"], desk.submit()["ticket"]
    corrected = request_payload(nik="3171010105556666")
    reason = requester_data.RECORDING_ERROR
    body = {"requester": corrected["requester"], "requester_type": "perorangan", "reason": reason}
    r = client.put(f"{API}/cases/{second}/requester", json=body, headers=login("petugas"))
    assert r.status_code == 200, r.json
    assert listed(client, login, first) == []
    assert listed(client, login, second) == []


# Who may read them: Python (engine.access).
@sqlite_only
def test_only_the_desk_reads_them_and_a_complaint_has_none(desk, client, login):
    ticket = desk.submit()["ticket"]
    for who in ("auditor", "admin"):
        assert filings(client, login, ticket, who).status_code in (403, 404)
    r = filings(client, login, ticket, "auditor")
    assert r.status_code == 403
    assert r.json["message"] == "hanya petugas PPID yang membaca permohonan lain dari seorang pemohon"
    complaint = client.post(f"{API}/complaints", json=complaint_payload("rahasia")).json["ticket"]
    r = filings(client, login, complaint, "tim")
    assert (r.status_code, r.json["message"]) == (404, "kasus ini tidak menyebut pemohon")
