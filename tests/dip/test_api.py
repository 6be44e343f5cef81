"""The DIP over the REST API: anyone reads the published list; officers keep it; bad input is a 422 naming fields."""

import io

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.delivery.conftest import pdf
from tests.dip.conftest import item_data
from tests.dip.test_import_export import office_list, workbook

PDF = pdf("Izin operasional madrasah swasta", "Daftar izin yang terbit tahun 2026")  # read by the scan: clean


def create(client, login, user="ppid", publish=True, **overrides):
    return client.post(
        "/api/v1/dip/items", json={"data": item_data(**overrides), "publish": publish}, headers=login(user)
    )


def test_anyone_searches_the_published_list_and_reads_an_item(client, login):
    item = create(client, login, title="Izin operasional madrasah swasta", category="setiap_saat", rhythm_months=None)
    create(client, login, publish=False, title="Izin yang masih draf", category="setiap_saat", rhythm_months=None)
    found = client.get("/api/v1/dip?q=perizinan")
    assert found.status_code == 200
    assert [i["id"] for i in found.json["items"]] == [item.json["id"]]
    assert found.json["terms"] == ["izin"]
    assert client.get(f"/api/v1/dip/{item.json['id']}").json["portal_url"] == f"/publik/informasi/{item.json['id']}"
    assert client.get("/api/v1/dip?category=rahasia").status_code == 422
    assert client.get("/api/v1/dip?unit=NOWHERE").status_code == 422


def test_drafts_are_for_staff_only(client, login):
    draft = create(client, login, publish=False).json
    assert draft["status"] == "draft"
    assert client.get(f"/api/v1/dip/{draft['id']}").status_code == 404
    assert client.get(f"/api/v1/dip/items/{draft['id']}").status_code == 401
    assert client.get(f"/api/v1/dip/items/{draft['id']}", headers=login("petugas")).status_code == 200
    assert client.get(f"/api/v1/dip/items/{draft['id']}", headers=login("tim")).status_code == 403


def test_an_update_keeps_versions_and_a_stale_version_is_409(client, login):
    item = create(client, login).json
    body = {"data": item_data(format="XLSX"), "version": item["version"]}
    assert client.put(f"/api/v1/dip/items/{item['id']}", json=body, headers=login("ppid")).status_code == 200
    assert client.put(f"/api/v1/dip/items/{item['id']}", json=body, headers=login("ppid")).status_code == 409
    versions = client.get(f"/api/v1/dip/items/{item['id']}/versions", headers=login("ppid")).json
    assert [(v["version"], v["action"]) for v in versions] == [(2, "updated"), (1, "created")]


def test_bad_item_data_is_422_with_field_paths_and_nothing_changes(client, login, unchanged):
    with unchanged():
        r = create(client, login, category="dikecualikan", rhythm_months=None)
    assert r.status_code == 422
    assert set(r.json["errors"]) == {"exemption_id", "url"}
    with unchanged():
        assert create(client, login, user="unitmad", unit="KANWIL").status_code == 403


def test_a_file_is_attached_and_downloaded_by_anyone(client, login):
    item = create(client, login, category="setiap_saat", rhythm_months=None, url=None).json
    r = client.post(
        f"/api/v1/dip/items/{item['id']}/file",
        data={"file": (io.BytesIO(PDF), "laporan.pdf")},
        content_type="multipart/form-data",
        headers=login("ppid"),
    )
    assert r.status_code == 200, r.json
    assert r.json["file"]["sha256"]
    download = client.get(r.json["file_url"])
    assert download.data == PDF
    refused = client.post(
        f"/api/v1/dip/items/{item['id']}/file",
        data={"file": (io.BytesIO(b"MZ not a document"), "x.exe")},
        content_type="multipart/form-data",
        headers=login("ppid"),
    )
    assert refused.status_code == 422
    assert "file" in refused.json["errors"]


def test_the_import_answers_with_the_rows_it_refused(client, login):
    rows = office_list(5, units=("KANWIL",))
    rows[2]["Kategori"] = "rahasia"
    bad = client.post(
        "/api/v1/dip/import",
        data={"file": (io.BytesIO(workbook(rows)), "dip.xlsx")},
        content_type="multipart/form-data",
        headers=login("ppid"),
    )
    assert bad.status_code == 422
    assert list(bad.json["errors"]) == ["baris 4.category"]
    good = client.post(
        "/api/v1/dip/import",
        data={"file": (io.BytesIO(workbook(office_list(5, units=("KANWIL",)))), "dip.xlsx")},
        content_type="multipart/form-data",
        headers=login("ppid"),
    )
    assert good.status_code == 201
    assert good.json["imported"] == 5
    export = client.get("/api/v1/dip/export?format=xlsx")
    assert export.headers["Content-Disposition"] == "attachment; filename=daftar-informasi-publik.xlsx"
    assert client.get("/api/v1/dip/import-template", headers=login("ppid")).status_code == 200


def test_service_pages_are_published_by_the_ppid_and_read_by_anyone(client, login):
    assert client.get("/api/v1/service-pages/maklumat").status_code == 404
    body = {"body_id": "Kami sanggup melayani dalam 10 hari kerja.", "body_en": "We serve within 10 working days."}
    assert client.put("/api/v1/service-pages/maklumat", json=body, headers=login("petugas")).status_code == 403
    assert client.put("/api/v1/service-pages/maklumat", json=body, headers=login("ppid")).status_code == 200
    assert client.put("/api/v1/service-pages/maklumat", json={"body_id": " "}, headers=login("ppid")).status_code == 422
    assert client.put("/api/v1/service-pages/harga", json=body, headers=login("ppid")).status_code == 404
    page = client.get("/api/v1/service-pages/maklumat").json
    assert (page["version"], page["body_en"]) == (1, "We serve within 10 working days.")
    assert [p["slug"] for p in client.get("/api/v1/service-pages").json] == ["maklumat"]


def test_overdue_items_are_listed_for_staff(client, login):
    assert client.get("/api/v1/dip/overdue", headers=login("ppid")).json == []
    assert client.get("/api/v1/dip/overdue").status_code == 401


def test_personal_data_in_a_public_text_is_refused_unless_the_officer_confirms_it_may_be_published(
    client, login, unchanged
):
    """A summary naming a person's NIK, mobile number and e-mail was published, and found by anyone's search."""
    named = "Penerima bantuan: Ahmad Fauzi NIK 3171234507900123 HP 0812-3456-7890 ahmad.fauzi@gmail.com"
    with unchanged():
        r = create(client, login, summary=named)
    assert r.status_code == 422
    assert set(r.json["errors"]) == {"summary"}
    (said,) = r.json["errors"]["summary"]
    assert "3171********0123" in said
    assert "a***@gmail.com" in said
    assert "3171234507900123" not in said  # the error does not repeat what it refuses
    assert "Ahmad" not in client.get("/api/v1/dip?q=bantuan").get_data(as_text=True)
    office = create(client, login, summary="Hubungi ppid@kemenag.go.id atau (021) 3811642")  # the office's own
    assert office.status_code == 201, office.json
    confirmed = create(client, login, summary=named, data_pribadi_diperiksa=True)  # e.g. the owner agreed
    assert confirmed.status_code == 201, confirmed.json
    assert "data_pribadi_diperiksa" not in confirmed.json


def test_an_item_keeps_a_unit_deactivated_since_but_no_item_is_put_under_one(client, login):
    """A unit merged away (engine.units) still holds its items until the keeper moves them; no new item names it."""
    held = create(client, login, unit="PENDMAD").json
    admin = login("admin")
    assert client.post("/api/v1/users/unitmad/deactivation", headers=admin).status_code == 200
    assert client.post("/api/v1/units/PENDMAD/deactivation", headers=admin).status_code == 200
    refused = create(client, login, unit="PENDMAD")
    assert refused.status_code == 422
    assert refused.json["errors"]["unit"] == ["unit PENDMAD sudah dinonaktifkan"]
    body = {"data": item_data(unit="PENDMAD", format="XLSX"), "version": held["version"]}
    kept = client.put(f"/api/v1/dip/items/{held['id']}", json=body, headers=login("ppid"))
    assert kept.status_code == 200, kept.json
    moved = {"data": item_data(unit="KANWIL", format="XLSX"), "version": kept.json["version"]}
    assert client.put(f"/api/v1/dip/items/{held['id']}", json=moved, headers=login("ppid")).status_code == 200


def test_a_periodic_item_s_page_gives_its_own_rhythm_not_the_six_months_beside_it(client, login):
    """A yearly item said "sekurang-kurangnya setiap enam bulan" beside "Diumumkan setiap 12 bulan"."""
    yearly = create(client, login, rhythm_months=12).json
    page = client.get(f"/publik/informasi/{yearly['id']}").get_data(as_text=True)
    assert "setiap 12 bulan" in page
    assert "enam bulan" not in page
    assert "mengikuti ritme yang tertera di bawah" in page
