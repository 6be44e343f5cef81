"""The office's units kept by an administrator (engine.units, /api/v1/units, `kawal units`): a new unit is what a
referral and an officer's account then take; its code is refused when it is taken or malformed, and never changes;
its name may be corrected; each creation and renaming is recorded, with the name before."""

from click.testing import CliRunner

from api.cli import main
from tests.conftest import sqlite_only

API = "/api/v1/units"
MALANG = {"code": "KANKEMENAG-MLG", "name": "Kantor Kementerian Agama Kabupaten Malang"}


def test_an_admin_adds_a_unit_that_referrals_and_accounts_then_take(client, login):
    r = client.post(API, json=MALANG, headers=login("admin"))
    assert r.status_code == 201, r.json
    assert (r.json["code"], r.json["name"], r.json["officers"], r.json["open_tasks"]) == (*MALANG.values(), 0, 0)
    assert [(h["type"], h["actor"], h["data"]) for h in r.json["history"]] == [("unit_created", "admin", MALANG)]
    listed = client.get(API, headers=login("petugas")).json["items"]
    assert MALANG in listed  # every officer reads the list a referral chooses from
    officer = {"username": "rina", "groups": ["unit_pengolah"], "unit": "KANKEMENAG-MLG", "password": "kankemenag-2026"}
    assert client.post("/api/v1/users", json=officer, headers=login("admin")).status_code == 201
    assert client.get(f"{API}/KANKEMENAG-MLG", headers=login("admin")).json["officers"] == 1


# A code refused by the form's check in Python; the code's case-folded look-up is the CLI test's on PostgreSQL.
@sqlite_only
def test_a_unit_s_code_taken_or_malformed_is_refused_beside_its_field_and_nothing_changes(client, login, unchanged):
    with unchanged():
        for body, field, words in (
            ({**MALANG, "code": "pendmad"}, "code", "sudah dipakai unit"),  # PENDMAD, in another letter case
            ({**MALANG, "code": "KAN KEMENAG"}, "code", "huruf, angka"),
            ({**MALANG, "code": "-MLG"}, "code", "huruf, angka"),
            ({**MALANG, "code": "X" * 41}, "code", "huruf, angka"),
            ({**MALANG, "name": "   "}, "name", "wajib diisi"),
        ):
            r = client.post(API, json=body, headers=login("admin"))
            assert r.status_code == 422, body
            assert words in " ".join(r.json["errors"][field]), r.json
        for who in ("ppid", "tim", "auditor"):
            assert client.post(API, json=MALANG, headers=login(who)).status_code == 403
            assert client.put(f"{API}/PENDMAD", json={"name": "Nama lain"}, headers=login(who)).status_code == 403
        assert client.post(API, json=MALANG).status_code == 401
        assert client.put(f"{API}/NOPE", json={"name": "Nama"}, headers=login("admin")).status_code == 404


# The same unit's row and history again (the first test and the CLI's keep them on PostgreSQL).
@sqlite_only
def test_a_renamed_unit_keeps_its_code_and_officers_and_the_renaming_is_recorded(client, login):
    before = client.get(f"{API}/PENDMAD", headers=login("admin")).json
    r = client.put(
        f"{API}/PENDMAD", json={"name": "  Bidang   Pendidikan Madrasah dan Pesantren "}, headers=login("admin")
    )
    assert r.status_code == 200, r.json
    assert (r.json["code"], r.json["name"]) == ("PENDMAD", "Bidang Pendidikan Madrasah dan Pesantren")
    assert r.json["officers"] == before["officers"] >= 1
    assert r.json["history"][0]["data"] == {"name": [before["name"], "Bidang Pendidikan Madrasah dan Pesantren"]}
    again = client.put(
        f"{API}/PENDMAD", json={"name": "Bidang Pendidikan Madrasah dan Pesantren"}, headers=login("admin")
    )
    assert len(again.json["history"]) == len(r.json["history"])  # the same name records nothing
    names = {u["code"]: u["name"] for u in client.get(API, headers=login("tim")).json["items"]}
    assert names["PENDMAD"] == "Bidang Pendidikan Madrasah dan Pesantren"


def test_the_server_adds_lists_and_renames_units_with_kawal_units(app, db_url):
    runner = CliRunner(env={"KAWAL_ENV": "test", "KAWAL_DATABASE_URL": db_url})
    added = runner.invoke(main, ["units", "add", "KANKEMENAG-BTU", "Kantor Kementerian Agama Kota Batu"])
    assert added.exit_code == 0, added.output
    assert "unit KANKEMENAG-BTU added" in added.output
    refused = runner.invoke(main, ["units", "add", "kankemenag-btu", "Lagi"])
    assert refused.exit_code != 0
    assert "code: already used by unit Kantor Kementerian Agama Kota Batu" in refused.output
    renamed = runner.invoke(main, ["units", "rename", "KANKEMENAG-BTU", "Kankemenag Kota Batu"])
    assert "unit KANKEMENAG-BTU renamed" in renamed.output
    unknown = runner.invoke(main, ["units", "rename", "NOPE", "X"])
    assert unknown.exit_code != 0
    assert "unit NOPE is unknown" in unknown.output
    unknown_unit = runner.invoke(
        main,
        ["users", "create", "rudi", "--group", "unit_pengolah", "--unit", "KANKEMENAG-KDR", "--password-stdin"],
        input="kankemenag-kediri-2026\n",
    )
    assert unknown_unit.exit_code != 0  # a unit is added with `kawal units add`, never by naming it
    assert "unit KANKEMENAG-KDR is unknown; the office's units: " in unknown_unit.output
    listed = runner.invoke(main, ["units", "list"]).output
    assert "KANKEMENAG-BTU\tKankemenag Kota Batu\t0 officer(s)\t0 open task(s)\n" in listed
    assert "unit KANKEMENAG-BTU deactivated" in runner.invoke(main, ["units", "deactivate", "KANKEMENAG-BTU"]).output
    assert "KANKEMENAG-BTU\tKankemenag Kota Batu\t0 officer(s)\t0 open task(s)\tdeactivated" in (
        runner.invoke(main, ["units", "list"]).output
    )
    kept = runner.invoke(main, ["units", "deactivate", "KANWIL"])
    assert kept.exit_code != 0
    assert "the office's own unit cannot be deactivated" in kept.output
    into_retired = runner.invoke(
        main,
        ["users", "create", "budi", "--group", "unit_pengolah", "--unit", "KANKEMENAG-BTU", "--password-stdin"],
        input="kankemenag-batu-2026\n",
    )
    assert into_retired.exit_code != 0
    assert "unit KANKEMENAG-BTU is deactivated: activate it first" in into_retired.output
    assert "unit KANKEMENAG-BTU activated" in runner.invoke(main, ["units", "activate", "KANKEMENAG-BTU"]).output
    from api.extensions import db
    from engine import units, users

    with app.app_context():
        unit = units.require(db.session, "KANKEMENAG-BTU")
        assert [(e.type, e.actor) for e in units.history(db.session, unit)] == [
            ("unit_activated", "cli"),
            ("unit_deactivated", "cli"),
            ("unit_renamed", "cli"),
            ("unit_created", "cli"),
        ]
        assert users.unit_of_code(db.session, "KANKEMENAG-KDR") is None


# Python's refusals over the counts the first and last tests keep on PostgreSQL.
@sqlite_only
def test_a_dissolved_unit_is_deactivated_once_empty_and_no_referral_or_account_may_choose_it(client, login, unchanged):
    """A unit dissolved or merged: refused while an officer or an open task is still in it; then neither a referral
    nor an officer's account may choose it, while its history stays; activated again, it may."""
    from tests.browser.journeys import ComplaintDesk
    from tests.workflows.test_pengaduan_paths import CATAT

    admin = login("admin")
    with unchanged():
        busy = client.post(f"{API}/PENDMAD/deactivation", headers=admin)
        assert busy.status_code == 409
        assert (
            busy.json["message"]
            == "1 petugas aktif masih berada di unit ini: pindahkan atau nonaktifkan mereka lebih dahulu"
        )
        assert client.post(f"{API}/KANWIL/deactivation", headers=admin).status_code == 409  # the office's own unit
        assert client.post(f"{API}/PENDMAD/deactivation", headers=login("ppid")).status_code == 403
    assert client.post("/api/v1/users/unitmad/deactivation", headers=admin).status_code == 200
    done = client.post(f"{API}/PENDMAD/deactivation", headers=admin)
    assert done.status_code == 200, done.json
    assert (done.json["active"], done.json["history"][0]["type"]) == (False, "unit_deactivated")
    assert "PENDMAD" not in [u["code"] for u in client.get(API, headers=login("tim")).json["items"]]
    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    task = complaint.task("klasifikasi")
    referral = {
        "kode_masalah": "02",
        "kategori": "beasiswa_bantuan",
        "berkadar_pengawasan": False,
        "unit_tujuan": "PENDMAD",
    }
    refused = client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": referral}, headers=login("tim"))
    assert refused.status_code == 422
    assert refused.json["errors"]["unit_tujuan"] == ["unit PENDMAD sudah dinonaktifkan"]
    moved = {"display_name": "Petugas", "email": None, "unit": "PENDMAD", "groups": ["unit_pengolah"]}
    r = client.put("/api/v1/users/unit", json=moved, headers=admin)
    assert r.status_code == 422
    assert r.json["errors"]["unit"] == ["unit PENDMAD sudah dinonaktifkan"]
    again = client.post(f"{API}/PENDMAD/activation", headers=admin)
    assert again.json["active"] is True
    assert client.put("/api/v1/users/unit", json=moved, headers=admin).status_code == 200


def test_a_unit_with_open_tasks_waits_for_them_before_it_is_deactivated(client, login):
    from tests.browser.journeys import ComplaintDesk
    from tests.workflows.test_pengaduan_paths import CATAT

    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    referral = {
        "kode_masalah": "02",
        "kategori": "beasiswa_bantuan",
        "berkadar_pengawasan": False,
        "unit_tujuan": "PENDMAD",
    }
    complaint.complete("klasifikasi", referral)
    assert client.post("/api/v1/users/unitmad/deactivation", headers=login("admin")).status_code == 200
    busy = client.post(f"{API}/PENDMAD/deactivation", headers=login("admin"))
    assert busy.status_code == 409
    assert busy.json["message"] == "unit ini masih memiliki 1 tugas terbuka: selesaikan lebih dahulu"
