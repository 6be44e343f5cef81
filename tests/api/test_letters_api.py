"""The letters over HTTP: what the team, the requester and the public each get, and the notice's law checks.

The render job's work is done here as the job does it (engine.letters.production) on the app's database.
"""

import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from tests.conftest import request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import NOTICE, decision

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
NAME = request_payload()["requester"]["name"]
NIK = request_payload()["requester"]["nik"]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def render_letters(app) -> int:
    from api.extensions import db
    from engine.files import FileStore
    from engine.letters import production
    from engine.models import Letter

    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        store = FileStore.of(rt.settings, rt.vault)
        pending = db.session.scalars(select(Letter.id).where(Letter.status == "pending")).all()
        for letter_id in pending:
            pdf = production.produce(rt, production.prepare(db.session, rt, letter_id))
            production.record(db.session, rt, store, letter_id, pdf)
            db.session.commit()
    return len(pending)


def to_notice(desk, outcome="dikabulkan_seluruhnya", **request):
    """A request (``request``: its payload's overrides) walked to its written notice; returns the receipt."""
    receipt = desk.submit(**request)
    ticket = receipt["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision(outcome))
    if outcome in ("ditolak_dikecualikan", "dikabulkan_sebagian"):
        desk.complete(ticket, "uji_konsekuensi")
        desk.complete(ticket, "tetapkan_pengecualian")
    return receipt


def test_the_case_lists_its_letters_being_prepared_until_the_pdf_is_made(app, client, desk, login):
    receipt = to_notice(desk)
    desk.complete(receipt["ticket"], "pemberitahuan_tertulis")
    r = client.get(f"{API}/cases/{receipt['ticket']}/letters", headers=login("ppid"))
    assert r.status_code == 200
    kinds = [(x["kind"], x["status"], x["status_label"]) for x in r.json["items"]]
    assert kinds == [
        ("tanda_bukti_penerimaan", "pending", "sedang disiapkan"),
        ("pemberitahuan_tertulis", "pending", "sedang disiapkan"),
    ]
    notice = r.json["items"][1]
    pdf_url = f"{API}/cases/{receipt['ticket']}/letters/{notice['id']}/pdf"
    assert client.get(pdf_url, headers=login("ppid")).status_code == 409
    assert render_letters(app) == 2
    r = client.get(pdf_url, headers=login("ppid"))
    assert r.status_code == 200
    assert r.mimetype == "application/pdf"
    listed = client.get(f"{API}/cases/{receipt['ticket']}/letters", headers=login("ppid")).json["items"][1]
    assert hashlib.sha256(r.data).hexdigest() == listed["sha256"]
    assert client.get(pdf_url, headers=login("tim")).status_code == 404  # the complaint team sees no PPID case


@pytest.mark.parametrize("who", ["kepala", "admin", "auditor", "unit"])
def test_a_letter_to_the_requester_is_not_read_by_those_who_may_not_see_the_requester_s_identity(
    app, client, desk, login, who
):
    """A receipt or notice prints the requester's name, address and contact: a head, an administrator, an auditor or
    a unit (who get the case without ``requester``) read neither it nor its print view, nor see it listed."""
    receipt = to_notice(desk)
    ticket = receipt["ticket"]
    desk.complete(ticket, "pemberitahuan_tertulis")
    render_letters(app)
    base = f"{API}/cases/{ticket}/letters"
    letters = client.get(base, headers=login("ppid")).json["items"]
    assert {x["kind"] for x in letters} == {"tanda_bukti_penerimaan", "pemberitahuan_tertulis"}
    case = client.get(f"{API}/cases/{ticket}", headers=login(who))
    if case.status_code == 200:
        assert case.json["requester"] is None
    listed = client.get(base, headers=login(who))
    assert listed.status_code in (200, 403, 404)
    if listed.status_code == 200:
        assert listed.json["items"] == []
    for letter in letters:
        for view in ("print", "pdf"):
            r = client.get(f"{base}/{letter['id']}/{view}", headers=login(who))
            assert r.status_code in (403, 404), (letter["kind"], view, r.status_code)
            assert "Pemohon" not in r.get_data(as_text=True)
    assert client.get(f"{base}/{letters[0]['id']}/print", headers=login("ppid")).status_code == 200


def test_the_requester_reads_the_letters_sent_to_them_with_ticket_and_access_code(app, client, desk):
    receipt = to_notice(desk, "ditolak_dikecualikan")
    desk.complete(receipt["ticket"], "pemberitahuan_tertulis")
    render_letters(app)
    access = {"ticket": receipt["ticket"], "access_code": receipt["access_code"]}
    r = client.post(f"{API}/status/letters", json=access)
    assert r.status_code == 200
    kinds = [x["kind"] for x in r.json["items"]]
    assert kinds == ["tanda_bukti_penerimaan", "pemberitahuan_tertulis", "keputusan_penolakan"]  # not the decree
    r = client.post(f"{API}/status/letters/pdf", json={**access, "letter": r.json["items"][1]["id"]})
    assert r.status_code == 200
    assert r.data.startswith(b"%PDF-")
    wrong = client.post(f"{API}/status/letters", json={**access, "access_code": "WRONG-CODE"})
    assert wrong.status_code in (403, 404)


def test_the_public_verification_confirms_a_letter_and_refuses_a_forged_hash(app, client, desk, login):
    receipt = to_notice(desk)
    desk.complete(receipt["ticket"], "pemberitahuan_tertulis")
    render_letters(app)
    notice = client.get(f"{API}/cases/{receipt['ticket']}/letters", headers=login("ppid")).json["items"][1]
    code = notice["verify_url"].rsplit("/", 1)[1]
    genuine = client.get(f"{API}/verifications/{code}", query_string={"sha256": notice["sha256"]})
    assert genuine.status_code == 200
    assert genuine.json["checked"] == "generated"
    assert genuine.json["number"] == notice["number"]
    forged = client.get(f"{API}/verifications/{code}", query_string={"sha256": "ab" * 32})
    assert forged.json["checked"] == "mismatch"
    assert client.get(f"{API}/verifications/{code}", query_string={"sha256": "xyz"}).status_code == 422
    assert client.get(f"{API}/verifications/zzzzzzzzzz").status_code == 404
    public = json.dumps(genuine.json)
    assert NAME not in public
    assert receipt["ticket"] not in public


@pytest.mark.parametrize(
    ("outcome", "notice", "field"),
    [
        ("tidak_dikuasai", {**NOTICE["tidak_dikuasai"], "informasi_dikuasai": True}, "informasi_dikuasai"),
        ("dikabulkan_seluruhnya", {**NOTICE["dikabulkan_seluruhnya"], "biaya": 250000}, "cara_pembayaran"),
        ("dikabulkan_seluruhnya", {**NOTICE["dikabulkan_seluruhnya"], "jadwal_penyerahan": None}, "jadwal_penyerahan"),
        ("ditolak_dikecualikan", {**NOTICE["ditolak_dikecualikan"], "materi_diberikan": "Semua"}, "materi_diberikan"),
        (
            "dikabulkan_seluruhnya",
            {**NOTICE["dikabulkan_seluruhnya"], "tanggal_pemberitahuan": "2026-11-20"},
            "tanggal_pemberitahuan",
        ),
    ],
    ids=["not-held-but-held", "fee-without-payment", "grant-without-delivery", "refusal-gives-material", "before"],
)
def test_a_written_notice_that_contradicts_the_decision_or_the_law_is_refused(desk, outcome, notice, field):
    receipt = to_notice(desk, outcome)
    data = {k: v for k, v in notice.items() if v is not None}  # None: the field left out
    for name in ("tanggal_pemberitahuan", "jadwal_penyerahan"):  # on the day of receipt, unless the case's field
        if name in data and name != field:
            data[name] = "2026-12-02"
    r = desk.complete(receipt["ticket"], "pemberitahuan_tertulis", data, expect=422)
    assert field in json.dumps(r)
    assert desk.task(receipt["ticket"], "pemberitahuan_tertulis")  # still open: nothing changed


def test_the_bundle_carries_the_letters_index_and_the_decree_but_no_requester_identity(app, client, desk, login):
    receipt = to_notice(desk, "ditolak_dikecualikan")
    desk.complete(receipt["ticket"], "pemberitahuan_tertulis")
    render_letters(app)
    r = client.get(f"{API}/cases/{receipt['ticket']}/bundle", headers=login("ppid"))
    assert r.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(r.data))
    index = json.loads(archive.read("surat/daftar.json"))
    assert {row["type"] for row in index} == {
        "tanda_bukti_penerimaan",
        "penetapan_pengecualian",
        "pemberitahuan_tertulis",
        "keputusan_penolakan",
    }
    assert all(len(row["sha256"]) == 64 for row in index)
    (decree,) = [row for row in index if row["type"] == "penetapan_pengecualian"]
    assert hashlib.sha256(archive.read(decree["file"])).hexdigest() == decree["sha256"]
    assert all(row["file"] is None for row in index if row["to_requester"])
    for name in archive.namelist():
        assert NAME.encode() not in archive.read(name), name


def test_a_correction_and_a_signed_scan_keep_the_letter_as_it_was(app, client, desk, login):
    receipt = to_notice(desk)
    render_letters(app)
    base = f"{API}/cases/{receipt['ticket']}/letters"
    (first,) = client.get(base, headers=login("ppid")).json["items"]
    r = client.post(f"{base}/{first['id']}/correction", json={"reason": "Alamat salah"}, headers=login("ppid"))
    assert r.status_code == 201
    assert r.json["corrects"] == first["id"]
    assert r.json["number"] != first["number"]
    assert (
        client.post(f"{base}/{first['id']}/correction", json={"reason": ""}, headers=login("ppid")).status_code == 422
    )
    assert (
        client.post(f"{base}/{first['id']}/correction", json={"reason": "x"}, headers=login("auditor")).status_code
        == 404  # a letter to the requester prints their identity: an auditor does not even see it
    )
    scan = b"%PDF-1.4\n% signed scan\n%%EOF\n"
    r = client.post(
        f"{base}/{first['id']}/scan",
        data={"file": (io.BytesIO(scan), "scan.pdf")},
        headers=login("ppid"),
        content_type="multipart/form-data",
    )
    assert r.status_code == 200, r.json
    assert r.json["of_record"] == "scan"
    assert r.json["scan_sha256"] == hashlib.sha256(scan).hexdigest()
    assert r.json["sha256"] == first["sha256"] or first["sha256"] is None  # the generated PDF kept beside it
    page = client.get(f"{base}/{first['id']}/print", headers=login("ppid"))
    assert page.status_code == 200
    assert first["number"] in page.get_data(as_text=True)


def test_the_exemption_register_is_exported_for_the_commission(app, client, desk, login):
    receipt = to_notice(desk, "ditolak_dikecualikan")
    desk.complete(receipt["ticket"], "pemberitahuan_tertulis")
    r = client.get(f"{API}/exemptions", headers=login("ppid"))
    assert r.status_code == 200
    (entry,) = r.json["items"]
    assert entry["letters"] == ["h"]
    assert entry["in_force"] is True
    csv_text = client.get(f"{API}/exemptions/export", headers=login("ppid")).get_data(as_text=True)
    assert entry["decree_number"] in csv_text
    assert NAME not in csv_text
    assert NIK not in csv_text
    assert client.get(f"{API}/exemptions").status_code == 401


def test_an_english_copy_on_request_keeps_the_number_and_is_made_once(app, client, desk, login):
    receipt = to_notice(desk)
    base = f"{API}/cases/{receipt['ticket']}/letters"
    (original,) = client.get(base, headers=login("ppid")).json["items"]
    r = client.post(f"{base}/{original['id']}/translation", json={"locale": "en"}, headers=login("ppid"))
    assert r.status_code == 201
    assert r.json["number"] == original["number"]
    assert r.json["locale"] == "en"
    assert r.json["translation_of"] == original["id"]
    again = client.post(f"{base}/{original['id']}/translation", json={"locale": "en"}, headers=login("ppid"))
    assert again.status_code == 409
    assert render_letters(app) == 2
