"""What went out, and the requester's downloads (issue 15, point 2): the delivery record is in the case's
history, the evidence bundle and the audit export with hashes only; the requester downloads the files
with the ticket and access code until they expire, and each download is an event."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from datetime import UTC, datetime, timedelta

import time_machine

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.delivery.conftest import DELIVERY, handover, multipart, pdf, walk_to_delivery

REDACTED = pdf("DAFTAR PENERIMA BEASISWA 2026", "1. Siti Aminah, MAN 1, NIK [DIHITAMKAN]", "Halaman 3")
PLANTED = pdf("DAFTAR PENERIMA BEASISWA 2026", "1. Siti Aminah, MAN 1, NIK 3273015208900002", "Halaman 3")


def _deliver(client, login, desk, ticket, content, data=DELIVERY):
    task = desk.task(ticket, "penyerahan_informasi")
    return client.post(
        f"/api/v1/tasks/{task['id']}/complete-with-files",
        data=multipart(handover(desk, ticket, data), berkas_informasi=[("daftar-penerima.pdf", content)]),
        content_type="multipart/form-data",
        headers=login("petugas"),
    )


def _download(client, receipt, file_id):
    return client.post(
        f"/api/v1/requests/files/{file_id}",
        json={"ticket": receipt["ticket"], "access_code": receipt["access_code"]},
    )


def test_a_partial_grant_goes_out_redacted_and_the_record_shows_it_everywhere(client, login, desk, at_delivery):
    receipt = at_delivery("dikabulkan_sebagian")
    ticket = receipt["ticket"]
    assert _deliver(client, login, desk, ticket, PLANTED).status_code == 422  # the scan finds the NIK
    assert _deliver(client, login, desk, ticket, REDACTED).status_code == 200
    digest = hashlib.sha256(REDACTED).hexdigest()

    # The requester sees the file on the status page and downloads it with the code.
    status = desk.status(receipt)
    (shown,) = status["files"]
    assert (shown["file_name"], shown["sha256"], shown["expired"]) == ("daftar-penerima.pdf", digest, False)
    got = _download(client, receipt, shown["id"])
    assert got.status_code == 200
    assert got.data == REDACTED

    # The case history: how, when and what went out (with its pages), and the download.
    events = client.get(f"/api/v1/cases/{ticket}/events", headers=login("ppid")).json["items"]
    delivered = next(e["data"] for e in events if e["type"] == "information_delivered")
    assert delivered["method"] == "email"
    assert delivered["delivered_on"] == handover(desk, ticket)["tanggal_penyerahan"]
    assert delivered["files"] == [
        {
            "id": shown["id"],
            "field": "berkas_informasi",
            "sha256": digest,
            "size": len(REDACTED),
            "media_type": "application/pdf",
            "pages": 3,
        }
    ]
    downloaded = [e for e in events if e["type"] == "information_downloaded"]
    assert [(e["actor"], e["data"]) for e in downloaded] == [("pemohon", {"file_id": shown["id"], "sha256": digest})]

    # The evidence bundle's history and the audit export carry the record: hashes, never the file's name.
    bundle = client.get(f"/api/v1/cases/{ticket}/bundle", headers=login("ppid"))
    assert bundle.status_code == 200
    with zipfile.ZipFile(io.BytesIO(bundle.data)) as archive:
        history = archive.read(f"riwayat/{ticket}.jsonl").decode()
    assert "information_delivered" in history
    assert digest in history
    export = client.get("/api/v1/audit/export?format=jsonl", headers=login("auditor")).get_data(as_text=True)
    rows = [json.loads(line) for line in export.splitlines()]
    assert any(r["type"] == "information_delivered" and r["data"]["files"][0]["sha256"] == digest for r in rows)
    assert "daftar-penerima" not in export
    assert "daftar-penerima" not in history


def test_a_download_after_the_files_expired_is_refused_and_nothing_is_recorded(
    client, login, desk, at_delivery, unchanged
):
    receipt = at_delivery()
    assert _deliver(client, login, desk, receipt["ticket"], REDACTED).status_code == 200
    (shown,) = desk.status(receipt)["files"]
    with time_machine.travel(datetime.now(UTC) + timedelta(days=31), tick=True):
        assert desk.status(receipt)["files"][0]["expired"] is True
        with unchanged():
            r = _download(client, receipt, shown["id"])
    assert r.status_code == 410
    assert r.json["code"] == "expired"
    # The day and hour it ended as the status page writes them ("6 Jan 2027, 09:30 WIB"), not an ISO date.
    assert re.search(r"tersedia sampai \d{1,2} \w{3} \d{4}, \d{2}:\d{2} WIB;", r.json["message"]), r.json["message"]


def test_a_wrong_access_code_or_another_cases_file_downloads_nothing(client, login, desk, at_delivery, unchanged):
    receipt = at_delivery()
    other = desk.submit()
    assert _deliver(client, login, desk, receipt["ticket"], REDACTED).status_code == 200
    (shown,) = desk.status(receipt)["files"]
    with unchanged():
        wrong = client.post(
            f"/api/v1/requests/files/{shown['id']}", json={"ticket": receipt["ticket"], "access_code": "AAAA-BBBB"}
        )
        assert wrong.status_code == 404
        assert _download(client, other, shown["id"]).status_code == 404


def test_information_handed_over_on_paper_is_recorded_with_its_date_and_no_files(client, login, desk):
    receipt = walk_to_delivery(desk, obtain_method="salinan_hardcopy", delivery_method="langsung")  # a printed copy
    data = handover(desk, receipt["ticket"], cara_penyerahan="langsung", nomor_berita_acara="BA-12/PPID/2026")
    desk.complete(receipt["ticket"], "penyerahan_informasi", data)
    events = client.get(f"/api/v1/cases/{receipt['ticket']}/events", headers=login("ppid")).json["items"]
    delivered = next(e["data"] for e in events if e["type"] == "information_delivered")
    assert (delivered["method"], delivered["delivered_on"], delivered["files"]) == (
        "langsung",
        data["tanggal_penyerahan"],
        [],
    )
    assert desk.status(receipt)["files"] == []
    letters = client.get(f"/api/v1/cases/{receipt['ticket']}/letters", headers=login("ppid")).json["items"]
    assert "berita_acara_serah_terima" not in {x["kind"] for x in letters}  # the office's own, numbered BA-12


def test_the_handover_issues_its_receipt_naming_each_file_by_its_digest(app, client, login, desk, at_delivery):
    """legal-process.md §10b: the delivery's Tanda Bukti Penyerahan / Berita Acara Serah Terima, numbered and
    signed by both sides, listing what went out by name and SHA-256 (the requester checks the files by it)."""
    from pypdf import PdfReader

    from api.extensions import db
    from engine.letters import production

    receipt = at_delivery()
    ticket = receipt["ticket"]
    assert _deliver(client, login, desk, ticket, REDACTED).status_code == 200
    letters = client.get(f"/api/v1/cases/{ticket}/letters", headers=login("ppid")).json["items"]
    [bast] = [x for x in letters if x["kind"] == "berita_acara_serah_terima" and x["locale"] == "id"]
    assert "/BAST/" in bast["number"]
    digest = hashlib.sha256(REDACTED).hexdigest()
    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        made = production.produce(rt, production.prepare(db.session, rt, bast["id"]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(made)).pages)
    assert "TANDA BUKTI PENYERAHAN" in text.upper()
    assert "daftar-penerima.pdf" in text
    assert all(digest[i : i + 16] in text for i in range(0, 64, 16))
    assert "Yang menerima" in text
    assert "Yang menyerahkan" in text
