"""A complaint referred on from one unit to another: each unit reads the clarification request it was sent, not the
one the other unit was sent (engine.access.can_read_letter, ``Letter.unit_id``); the plain-text request, which
names the unit the complaint is referred to now, is the current unit's only. Both databases: migration 0041 finds
each letter's unit again in the history of a database upgraded from before it."""

from tests.browser.journeys import ComplaintDesk
from tests.conftest import sqlite_only
from tests.workflows.test_pengaduan_paths import CATAT

CLARIFICATION = "surat_permintaan_klarifikasi"
REFERRAL = {"kode_masalah": "02", "kategori": "beasiswa_bantuan", "berkadar_pengawasan": False}


def referred_on(client, login) -> ComplaintDesk:
    """Referred to PENDMAD, who answers it is not its matter; the team refers it on to KANWIL."""
    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    complaint.complete("klasifikasi", {**REFERRAL, "unit_tujuan": "PENDMAD"})
    complaint.complete("klarifikasi_unit", {"tanggapan": "Bukan urusan kami", "bukan_kewenangan": True}, "unitmad")
    complaint.complete("disposisi_ulang", {"langkah_disposisi": "unit_lain", "unit_tujuan": "KANWIL"})
    return complaint


def requests_read(client, login, ticket) -> dict[str, list[str]]:
    """The clarification requests each unit and the team list, by number."""
    read = {}
    for who in ("unitmad", "unit", "tim"):
        r = client.get(f"/api/v1/cases/{ticket}/letters", headers=login(who))
        assert r.status_code == 200, r.json
        read[who] = [x["number"] for x in r.json["items"] if x["kind"] == CLARIFICATION]
    return read


# Who reads which letter, in Python (engine.access); the upgrade's test below reads the same lists on PostgreSQL.
@sqlite_only
def test_each_unit_reads_the_clarification_request_it_was_sent_and_not_the_next_units(client, login):
    complaint = referred_on(client, login)
    ticket = complaint.ticket
    letters = client.get(f"/api/v1/cases/{ticket}/letters", headers=login("tim")).json["items"]
    first, second = [x for x in letters if x["kind"] == CLARIFICATION]
    assert requests_read(client, login, ticket) == {
        "unitmad": [first["number"]],
        "unit": [second["number"]],
        "tim": [first["number"], second["number"]],
    }
    other = client.get(f"/api/v1/cases/{ticket}/letters/{second['id']}/pdf", headers=login("unitmad"))
    assert other.status_code == 404
    # An English copy of the first request is the first unit's too.
    r = client.post(
        f"/api/v1/cases/{ticket}/letters/{first['id']}/translation", json={"locale": "en"}, headers=login("tim")
    )
    assert r.status_code == 201, r.json
    assert requests_read(client, login, ticket)["unitmad"] == [first["number"], first["number"]]
    assert requests_read(client, login, ticket)["unit"] == [second["number"]]
    # The plain-text request names the unit the complaint is referred to now: that unit's alone.
    for who, listed in (("unit", [CLARIFICATION]), ("unitmad", [])):
        r = client.get(f"/api/v1/cases/{ticket}/documents", headers=login(who))
        assert [x["name"] for x in r.json["items"]] == listed, who
    assert client.get(f"/api/v1/cases/{ticket}/documents/{CLARIFICATION}", headers=login("unit")).status_code == 200
    refused = client.get(f"/api/v1/cases/{ticket}/documents/{CLARIFICATION}", headers=login("unitmad"))
    assert refused.status_code == 403


def test_the_upgrade_finds_each_clarification_requests_unit_in_the_history(client, login, db_url):
    """Migration 0041 on letters issued before it: the referral of the task that issued each, a copy's original's."""
    from alembic import command

    from engine.db import alembic_config

    complaint = referred_on(client, login)
    letters = client.get(f"/api/v1/cases/{complaint.ticket}/letters", headers=login("tim")).json["items"]
    first = next(x for x in letters if x["kind"] == CLARIFICATION)
    r = client.post(
        f"/api/v1/cases/{complaint.ticket}/letters/{first['id']}/translation",
        json={"locale": "en"},
        headers=login("tim"),
    )
    assert r.status_code == 201, r.json
    before = requests_read(client, login, complaint.ticket)
    command.downgrade(alembic_config(db_url), "0040")
    command.upgrade(alembic_config(db_url), "head")
    assert requests_read(client, login, complaint.ticket) == before
    assert len(before["unitmad"]) == 2
    assert len(before["unit"]) == 1
