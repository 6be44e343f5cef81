"""GET /api/v1/units: the office's units, for a client building a task form whose field is marked
``"x-references": "unit"`` (the unit a complaint is referred to, forms/pengaduan_klasifikasi.json)."""

from tests.browser.journeys import ComplaintDesk
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
