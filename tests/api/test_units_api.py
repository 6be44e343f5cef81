"""GET /api/v1/units: the office's units, for a client building a task form whose field is marked
``"x-references": "unit"`` (the unit a complaint is referred to, forms/pengaduan_klasifikasi.json)."""

from tests.browser.journeys import ComplaintDesk
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_pengaduan_paths import CATAT


def test_an_officer_reads_the_office_s_units_by_name_with_their_codes(client, login):
    r = client.get("/api/v1/units", headers=login("petugas"))
    assert r.status_code == 200, r.json
    units = r.json["items"]
    assert {"code": "KANWIL", "name": "Kantor Wilayah"} in units
    assert {"code": "PENDMAD", "name": "PENDMAD"} in units  # a unit with no name of its own
    assert [u["name"] for u in units] == sorted(u["name"] for u in units)


def test_the_units_are_not_told_to_someone_not_logged_in(client):
    r = client.get("/api/v1/units")
    assert r.status_code == 401
    assert "items" not in r.json


def test_a_listed_unit_is_what_the_referral_field_takes_and_it_gets_the_clarification(client, login):
    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    task = client.get(f"/api/v1/tasks/{complaint.task('klasifikasi')['id']}", headers=login("tim")).json
    field = task["form_schema"]["properties"]["unit_tujuan"]
    assert field["x-references"] == "unit"
    codes = [u["code"] for u in client.get("/api/v1/units", headers=login("tim")).json["items"]]
    assert "PENDMAD" in codes
    referral = {"kode_masalah": "02", "kategori": "beasiswa_bantuan", "berkadar_pengawasan": False}
    complaint.complete("klasifikasi", {**referral, "unit_tujuan": "PENDMAD"})
    assert complaint.task("klarifikasi_unit")["id"]
    assert client.get("/api/v1/tasks", headers=login("unitmad")).json["items"], "the unit got nothing"


def test_a_unit_answering_not_its_matter_over_the_api_hands_the_clarification_to_the_unit_the_team_names(client, login):
    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    referral = {"kode_masalah": "02", "kategori": "beasiswa_bantuan", "berkadar_pengawasan": False}
    complaint.complete("klasifikasi", {**referral, "unit_tujuan": "PENDMAD"})
    complaint.complete("klarifikasi_unit", {"tanggapan": "Bukan urusan kami", "bukan_kewenangan": True}, "unitmad")
    task = client.get(f"/api/v1/tasks/{complaint.task('disposisi_ulang')['id']}", headers=login("tim")).json
    assert task["form_schema"]["properties"]["unit_tujuan"]["x-references"] == "unit"
    r = client.post(
        f"/api/v1/tasks/{task['id']}/complete",
        json={"data": {"langkah_disposisi": "unit_lain", "unit_tujuan": "TIDAKADA"}},
        headers=login("tim"),
    )
    assert r.status_code == 422, r.json
    assert "unit_tujuan" in r.json["errors"]
    complaint.complete("disposisi_ulang", {"langkah_disposisi": "unit_lain", "unit_tujuan": "KANWIL"})
    open_for = {
        who: [t["name"] for t in client.get("/api/v1/tasks", headers=login(who)).json["items"]]
        for who in ("unit", "unitmad")
    }
    assert open_for == {"unit": ["klarifikasi_unit"], "unitmad": []}
