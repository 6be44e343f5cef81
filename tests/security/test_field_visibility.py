"""Finding 1: a task shows only the fields its reader may see; a referred unit, what the referral gives it.

The unit a complaint is referred to is usually the party complained about. Before, its clarification
task (``GET /api/v1/tasks/{id}`` and the task page) showed the union of every earlier task's data: the
team's verification reason, the classification, the reporter's own words. Now each form field is
private to the case's team unless its JSON Schema marks it ``x-visible-to`` a group (engine.visibility),
and every page and export that shows recorded data applies that one rule.
"""

import json
from pathlib import Path

import pytest

from engine import access, visibility
from engine.forms import FormRegistry
from engine.models import Case
from tests.api.test_complaint_documents import TO_PENDMAD, Team
from tests.conftest import complaint_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import STEP
from tests.workflows.test_pengaduan_paths import CATAT

API = "/api/v1"
FORMS = Path(__file__).resolve().parents[2] / "forms"
# The team's internal note planted in the verification: it names the reporter.
PLANTED = "Catatan internal tim: pelapor adalah Siti, guru honorer di madrasah itu"
REPORTERS_WORDS = complaint_payload()["uraian"]
# What the referral gives the unit: the team's summary (no names), the unit named, the unit's own answers.
UNIT_SEES = {
    "pokok_masalah",
    "uraian_ringkas",
    "lokasi_kejadian",
    "provinsi_kejadian",  # where it happened, by place: no one's identity
    "kabkota_kejadian",
    "waktu_kejadian",
    "unit_terlapor",
    "jabatan_terlapor",
}
UNIT_SEES |= {"unit_tujuan"}
TEAM_ONLY = {"hasil", "alasan", "kode_masalah", "kategori", "berkadar_pengawasan"}


@pytest.fixture
def referred(client, login):
    """A whistleblower's complaint, verified with an internal note, classified and referred to PENDMAD."""
    team = Team(client, login)
    team.complete("catat_pengaduan", CATAT)
    team.complete("verifikasi", {"hasil": "layak", "alasan": PLANTED})
    team.complete("klasifikasi", TO_PENDMAD)
    case = client.get(f"{API}/cases/{team.ticket}", headers=login("tim")).json
    (task,) = [t for t in case["open_tasks"] if t["name"] == "klarifikasi_unit"]
    return team, task["id"]


def test_the_referred_unit_reads_only_the_referral_on_its_task_in_the_api(client, login, referred):
    """GET /tasks/{id}: the team's summary and the unit named; no reason, no classification, no reporter's words."""
    _team, task_id = referred
    r = client.get(f"{API}/tasks/{task_id}", headers=login("unitmad"))
    assert r.status_code == 200
    assert set(r.json["data"]) == UNIT_SEES
    assert r.json["data"]["unit_tujuan"] == "PENDMAD"
    assert r.json["case"]["details"] == {}
    body = r.get_data(as_text=True)
    assert PLANTED not in body
    assert REPORTERS_WORDS not in body


def test_the_complaint_team_still_reads_every_field(client, login, referred):
    _team, task_id = referred
    for who in ("tim", "wbs", "auditor"):
        r = client.get(f"{API}/tasks/{task_id}", headers=login(who))
        assert r.status_code == 200, who
        assert set(r.json["data"]) >= UNIT_SEES | {"hasil", "alasan", "kode_masalah", "kategori"}
        assert r.json["data"]["alasan"] == PLANTED
        details = r.json["case"]["details"]
        if who == "auditor":  # the team's summary, never the reporter's own words (legal-process.md §7.3)
            assert "uraian" not in details
            assert details["uraian_ringkas"] == CATAT["uraian_ringkas"]
        else:
            assert details["uraian"] == REPORTERS_WORDS


def test_the_referred_unit_reads_only_the_referral_on_its_pages(app, login, referred):
    """The task page and the case page (facts, recorded data, instructions) apply the same rule."""
    team, task_id = referred
    client = app.test_client()
    app.config["WTF_CSRF_ENABLED"] = False
    r = client.post("/masuk", data={"username": "unitmad", "password": "test-password-1"})
    assert r.status_code == 302
    for path in (f"/tugas/{task_id}", f"/kasus/{team.ticket}"):
        page = client.get(path)
        assert page.status_code == 200, path
        html = page.get_data(as_text=True)
        assert PLANTED not in html, path
        assert REPORTERS_WORDS not in html, path
    assert "Petugas pendaftaran meminta uang" in client.get(f"/tugas/{task_id}").get_data(as_text=True)  # the summary


def test_the_referred_units_api_case_view_and_document_follow_the_rule(client, login, referred):
    team, _task_id = referred
    case = client.get(f"{API}/cases/{team.ticket}", headers=login("unitmad"))
    assert case.status_code == 200
    assert case.json["details"] == {}
    assert PLANTED not in case.get_data(as_text=True)
    letter = team.document("surat_permintaan_klarifikasi", who="unitmad")
    assert letter.status_code == 200
    text = letter.get_data(as_text=True)
    assert "PENDMAD" in text
    assert "Petugas pendaftaran meminta uang" in text  # built from the fields the unit may see
    assert PLANTED not in text


@pytest.mark.parametrize(
    ("path", "status"),
    [("/cases/{t}/events", 403), ("/cases/{t}/bundle", 403), ("/audit/export?format=jsonl", 403)],
)
def test_the_exports_that_hold_every_field_are_closed_to_the_unit(client, login, referred, path, status):
    """The history, the evidence bundle and the audit export carry every field: the team's and auditors' only."""
    team, _task_id = referred
    r = client.get(API + path.format(t=team.ticket), headers=login("unitmad"))
    assert r.status_code == status
    assert PLANTED not in r.get_data(as_text=True)


def test_a_unit_asked_for_information_reads_the_ppids_request_and_not_the_desks_notes(desk, client, login):
    """The same rule on an information request: the unit sees what it is asked, not the front desk's notes."""
    receipt = desk.submit()
    ticket = receipt["ticket"]
    desk.complete(ticket, "periksa_kelengkapan", STEP["periksa_kelengkapan"])
    desk.complete(ticket, "registrasi", STEP["registrasi"])
    desk.complete(ticket, "proses_permohonan", STEP["proses_permohonan_unit"])
    task = desk.task(ticket, "tanggapan_unit")
    r = client.get(f"{API}/tasks/{task['id']}", headers=login("unit"))
    assert r.status_code == 200
    assert set(r.json["data"]) == {"unit_tujuan", "permintaan_ke_unit"}
    assert set(r.json["case"]["details"]) == {"information", "obtain_method"}
    assert "cara_kirim_tanda_bukti" in client.get(f"{API}/tasks/{task['id']}", headers=login("ppid")).json["data"]


def test_a_request_referred_to_one_unit_is_not_another_unit_s_to_read_or_answer(desk, client, login):
    """The unit named was free text, so the answering task belonged to no unit and every unit read, claimed and
    answered it (and the case's notes, fees and letters with it)."""
    receipt = desk.submit()
    ticket = receipt["ticket"]
    desk.complete(ticket, "periksa_kelengkapan", STEP["periksa_kelengkapan"])
    desk.complete(ticket, "registrasi", STEP["registrasi"])
    desk.complete(ticket, "proses_permohonan", {**STEP["proses_permohonan_unit"], "unit_tujuan": "PENDMAD"})
    task = desk.task(ticket, "tanggapan_unit")
    assert client.get(f"{API}/tasks/{task['id']}", headers=login("unitmad")).status_code == 200
    for path in (f"/tasks/{task['id']}", f"/cases/{ticket}"):
        assert client.get(f"{API}{path}", headers=login("unit")).status_code == 404, path  # KANWIL's unit
    assert client.post(f"{API}/tasks/{task['id']}/claim", headers=login("unit")).status_code == 404
    assert client.post(f"{API}/tasks/{task['id']}/claim", headers=login("unitmad")).status_code == 200


def test_a_request_referred_to_a_unit_that_does_not_exist_is_refused(desk, client, login):
    receipt = desk.submit()
    ticket = receipt["ticket"]
    desk.complete(ticket, "periksa_kelengkapan", STEP["periksa_kelengkapan"])
    desk.complete(ticket, "registrasi", STEP["registrasi"])
    task = desk.task(ticket, "proses_permohonan")
    referral = {**STEP["proses_permohonan_unit"], "unit_tujuan": "Bidang Pendidikan Madrasah"}
    r = client.post(f"{API}/tasks/{task['id']}/complete", json={"data": referral}, headers=login("ppid"))
    assert r.status_code == 422
    assert set(r.json["errors"]) == {"unit_tujuan"}
    assert desk.task(ticket, "proses_permohonan")["state"] == "open"


def test_a_field_nobody_marked_is_private_to_the_team():
    """A new form field, or one whose form has gone, shows to nobody outside the case's team."""
    forms = FormRegistry(FORMS)
    data = {"unit_tujuan": "PENDMAD", "catatan_baru": "rahasia"}
    unit = frozenset({"unit_pengolah"})
    assert visibility.shown(forms, "pengaduan_klasifikasi.json", data, unit) == {"unit_tujuan": "PENDMAD"}
    assert visibility.shown(forms, "no-such-form.json", data, unit) == {}
    assert visibility.shown(forms, None, data, unit) == {}
    assert visibility.shown(forms, "pengaduan_klasifikasi.json", data, None) == data
    complaint, request = Case(kind=access.COMPLAINT), Case(kind="permohonan_informasi")
    assert access.field_readers(_user("unit_pengolah"), complaint) == unit
    assert access.field_readers(_user("tim_pengaduan"), complaint) is None
    assert access.field_readers(_user("ppid"), complaint) == frozenset({"ppid"})  # the PPID desk is no complaint team
    assert access.field_readers(_user("ppid"), request) is None


def _user(group):
    from engine.models import Group, User

    return User(username=group, groups=[Group(code=group, name=group)])


# Every field any form opens beyond the case's team. Opening one more is a decision a reviewer sees here.
OPENED = {
    "unit_pengolah": {
        "permohonan.json": {"information", "obtain_method"},
        "proses_permohonan.json": {"unit_tujuan", "permintaan_ke_unit"},
        # The unit's own answer: how the information reaches the PPID, its files, who holds it when the office does not.
        "tanggapan_unit.json": {"ketersediaan", "tanggapan", "penyampaian", "berkas_temuan", "badan_publik_penguasa"},
        "pengaduan_catat_pengaduan.json": (UNIT_SEES - {"unit_tujuan"}) | {"negara_kejadian"},
        "pengaduan_klasifikasi.json": {"unit_tujuan"},
        # A referral names the unit; its instructions and note reach the unit it is addressed to alone, never another
        # unit the complaint went to (engine.complaints.disposition), so they are not opened to every unit here.
        "pengaduan_disposisi_ulang.json": {"unit_tujuan"},
        # the unit's own answer and its supporting documents
        "pengaduan_klarifikasi_unit.json": {
            "tanggapan",
            "tindakan_yang_diambil",
            "bukan_kewenangan",
            "berkas_pendukung",
        },
    },
}


def test_the_fields_open_to_units_are_exactly_the_reviewed_list():
    """A field marked visible to a unit anywhere in forms/ must be listed here, so opening one is reviewed."""
    found: dict = {}
    for path in sorted(FORMS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        names = visibility.visible_names(schema, frozenset({"unit_pengolah"}))
        if names:
            found[path.name] = set(names)
    assert found == OPENED["unit_pengolah"]
    assert not TEAM_ONLY & set().union(*found.values())
