"""Issue 15, "Done when": a request walked to a partial grant over HTTP. The written notice states a fee from
the fee standard and the requester pays exactly that (a wrong amount is refused), which issues the kuitansi.
The officer attaches the original (kept internal) and the redacted version with each redaction's Pasal 17
letter; the scan flags a NIK planted in the redacted file until it is removed; the requester gets the files
by e-mail (the real SMTP sink: the attachment's sha256 is the redacted file's) and downloads them with the
access code; the case, the evidence bundle and the audit export show what went out with its hashes: no
file bytes, no names, no personal data. Each refusal changes nothing, on disk or in the database."""

from __future__ import annotations

import hashlib
import io
import json
import random
import string
import zipfile

import pytest

from tests.conftest import sqlite_only
from tests.delivery.conftest import handover, multipart, notify_and_pay, pdf, walk_to_delivery, walk_to_notice

PLANTED = "3273015208900002"  # a woman's NIK (day 52 = 12 + 40), Kota Bandung: a third person's
ORIGINAL = pdf(
    "DAFTAR PENERIMA BEASISWA 2026\nPEMERINTAH KOTA CONTOH",
    f"1. Siti Aminah, MAN 1, NIK {PLANTED}\n2. Rudi Hartono, MAN 2, NIK 3273011508910003",
)
REDACTED_LEAKY = pdf(  # blacked out badly: one NIK is still in the text layer
    "DAFTAR PENERIMA BEASISWA 2026\nPEMERINTAH KOTA CONTOH",
    f"1. Siti Aminah, MAN 1, NIK {PLANTED}\n2. Rudi Hartono, MAN 2, NIK [DIHITAMKAN]",
)
REDACTED = pdf(
    "DAFTAR PENERIMA BEASISWA 2026\nPEMERINTAH KOTA CONTOH",
    "1. Siti Aminah, MAN 1, NIK [DIHITAMKAN]\n2. Rudi Hartono, MAN 2, NIK [DIHITAMKAN]",
)
CRITERIA = pdf("KRITERIA SELEKSI BEASISWA 2026\nNilai rapor minimal 85")  # handed over whole
RECORD = [  # two redactions on page 2 of the first file handed over, made from the first original
    {"berkas": 1, "asli": 1, "pasal": "h", "halaman": 2},
    {"berkas": 1, "asli": 1, "pasal": "h", "halaman": 2},
]


@pytest.fixture
def settings_overrides(mailbox):
    return {
        "KAWAL_NOTIFY_CHANNELS": "log,smtp",
        "KAWAL_SMTP_HOST": "127.0.0.1",
        "KAWAL_SMTP_PORT": str(mailbox.port),
        "KAWAL_SMTP_FROM": "ppid@kanwil.example",
        "KAWAL_EMAIL_ATTACHMENT_MAX_BYTES": "10000",  # the walk's two files fit; test_large_files_... sends more
    }


def _deliver(client, login, desk, ticket, data, **files):
    task = desk.task(ticket, "penyerahan_informasi")
    return client.post(
        f"/api/v1/tasks/{task['id']}/complete-with-files",
        data=multipart(handover(desk, ticket, **data), **files),
        content_type="multipart/form-data",
        headers=login("petugas"),
    )


def _text(mail) -> str:
    part = next(p for p in mail.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode("utf-8")


def _files_on_disk(settings) -> list[str]:
    return sorted(p.name for p in settings.files_dir.iterdir()) if settings.files_dir.exists() else []


def _send_outbox(app, settings, event: str) -> list[str]:
    """Run the sender (what the RQ job ``deliver_notification`` runs) for the e-mails of ``event``."""
    from sqlalchemy import select

    from api.extensions import db
    from engine.models import Notification
    from notifications import delivery
    from notifications.channels import channels_from_settings

    with app.app_context():
        ids = db.session.scalars(
            select(Notification.id).where(Notification.event == event, Notification.channel == "smtp")
        ).all()
        rt = app.extensions["kawal_runtime"]
        results = [delivery.deliver(db.session, rt, channels_from_settings(settings), i) for i in ids]
        db.session.remove()
    return results


def test_a_partial_grant_goes_out_redacted_by_e_mail_and_for_download_and_the_record_keeps_only_hashes(
    app, client, login, desk, mailbox, settings, unchanged
):
    # Through the head's determination (letter h); the requester collects a printed copy and is sent the files.
    receipt = walk_to_notice(desk, "dikabulkan_sebagian", delivery_method="langsung")
    ticket = receipt["ticket"]
    # The notice states 3 printed pages at the standard's Rp500; the requester pays exactly that (issue 15, point 4).
    fee = notify_and_pay(client, login, desk, ticket, unchanged, pages=3)

    data = {"cara_penyerahan": "email", "penghitaman": RECORD, "biaya_dibayar": fee}
    sent = {"berkas_informasi": [("daftar-penerima.pdf", REDACTED_LEAKY), ("kriteria.pdf", CRITERIA)]}
    sent["berkas_asli"] = [("daftar-penerima-asli.pdf", ORIGINAL)]
    before = _files_on_disk(settings)
    with unchanged():
        r = _deliver(client, login, desk, ticket, data, **sent)
    assert r.status_code == 422, r.json
    leak = f"{hashlib.sha256(REDACTED_LEAKY).hexdigest()[:12]}-1"
    assert r.json["errors"]["berkas_informasi.0"] == [f"NIK 3273********0002 (hlm. 2; temuan {leak})"]
    assert "berkas_asli.0" not in r.json["errors"]  # the original is internal: it is not scanned
    assert PLANTED not in json.dumps(r.json)
    assert _files_on_disk(settings) == before

    sent["berkas_informasi"][0] = ("daftar-penerima.pdf", REDACTED)  # the NIK removed
    r = _deliver(client, login, desk, ticket, data, **sent)
    assert r.status_code == 200, r.json
    redacted, criteria, original = (hashlib.sha256(f).hexdigest() for f in (REDACTED, CRITERIA, ORIGINAL))

    # The requester: the two files handed over on the status page, never the original.
    shown = desk.status(receipt)["files"]
    assert [(f["file_name"], f["sha256"]) for f in shown] == [
        ("daftar-penerima.pdf", redacted),
        ("kriteria.pdf", criteria),
    ]
    code = {"ticket": ticket, "access_code": receipt["access_code"]}
    got = client.post(f"/api/v1/requests/files/{shown[0]['id']}", json=code)
    assert (got.status_code, got.data) == (200, REDACTED)
    events = client.get(f"/api/v1/cases/{ticket}/events", headers=login("ppid")).json["items"]
    delivered = next(e["data"] for e in events if e["type"] == "information_delivered")
    original_id = delivered["files"][0]["original"]["id"]
    assert client.post(f"/api/v1/requests/files/{original_id}", json=code).status_code == 404

    # The record: every file with its hash and pages; the redacted one with its original and reasons.
    entry = client.get("/api/v1/exemptions", headers=login("ppid")).json["items"][0]
    reason = {"letter": "h", "page": 2, "exemption_id": entry["id"]}
    assert delivered == {
        "task_id": delivered["task_id"],
        "method": "email",
        "delivered_on": handover(desk, ticket)["tanggal_penyerahan"],
        "emailed": True,
        "files": [
            {
                "id": shown[0]["id"],
                "field": "berkas_informasi",
                "sha256": redacted,
                "size": len(REDACTED),
                "media_type": "application/pdf",
                "pages": 2,
                "original": {
                    "id": original_id,
                    "field": "berkas_asli",
                    "sha256": original,
                    "size": len(ORIGINAL),
                    "media_type": "application/pdf",
                    "pages": 2,
                },
                "redactions": [reason, reason],
            },
            {
                "id": shown[1]["id"],
                "field": "berkas_informasi",
                "sha256": criteria,
                "size": len(CRITERIA),
                "media_type": "application/pdf",
                "pages": 1,
            },
        ],
    }

    # The e-mail, through the outbox and its sender: both files attached, byte for byte.
    assert _send_outbox(app, settings, "information_sent") == ["sent"]
    (mail,) = mailbox.by_event(ticket)
    attached = {part.get_filename(): part.get_payload(decode=True) for part in mail.walk() if part.get_filename()}
    assert {name: hashlib.sha256(b).hexdigest() for name, b in attached.items()} == {
        "daftar-penerima.pdf": redacted,
        "kriteria.pdf": criteria,
    }
    assert "terlampir" in _text(mail)

    # The evidence bundle and the audit export: the record with its hashes, no file, no name, no NIK.
    bundle = client.get(f"/api/v1/cases/{ticket}/bundle", headers=login("ppid"))
    assert bundle.status_code == 200
    with zipfile.ZipFile(io.BytesIO(bundle.data)) as archive:
        history = archive.read(f"riwayat/{ticket}.jsonl").decode()
        everything = b"".join(archive.read(n) for n in archive.namelist())
    export = client.get("/api/v1/audit/export?format=jsonl", headers=login("auditor")).get_data(as_text=True)
    rows = [json.loads(line) for line in export.splitlines()]
    exported = next(r["data"] for r in rows if r["type"] == "information_delivered")
    assert exported["files"][0]["original"]["sha256"] == original
    assert exported["files"][0]["redactions"] == [reason, reason]
    for text in (history, export):
        assert redacted in text
        assert original in text
        assert "daftar-penerima" not in text  # a file's name may name a person: hashes only
        assert PLANTED not in text
    for content in (REDACTED, ORIGINAL, CRITERIA):
        assert content[200:400] not in everything  # no file's bytes travel in the bundle


# The others on SQLite alone: a mail's content, a form's rules and the law's dates checked in Python before anything
# is written. The walk above keeps on PostgreSQL the files' records, the fee, the outbox, the bundle and the export.
@sqlite_only
def test_large_files_are_not_attached_the_e_mail_says_where_to_download_them(
    app, client, login, desk, mailbox, settings
):
    ticket = walk_to_delivery(desk)["ticket"]
    words = random.Random(15)  # noqa: S311 - letters only (no number for the scan to find), not a secret
    big = pdf(*["\n".join("".join(words.choices(string.ascii_lowercase, k=90)) for _ in range(40)) for _ in range(4)])
    assert len(big) > 10000
    r = _deliver(client, login, desk, ticket, {"cara_penyerahan": "email"}, berkas_informasi=[("rekap.pdf", big)])
    assert r.status_code == 200, r.json
    assert _send_outbox(app, settings, "information_sent") == ["sent"]
    (mail,) = mailbox.by_event(ticket)
    assert [part.get_filename() for part in mail.walk() if part.get_filename()] == []
    body = _text(mail)
    assert "terlalu besar" in body
    assert f"/publik/status?kasus={ticket}" in body  # where to download them: the status page's link


@sqlite_only
def test_the_redaction_record_must_match_the_files_and_the_determination_or_nothing_is_kept(
    client, login, desk, settings, unchanged
):
    ticket = walk_to_delivery(desk, "dikabulkan_sebagian")["ticket"]
    base = {"cara_penyerahan": "langsung"}
    pair = {"berkas_informasi": [("a.pdf", REDACTED)], "berkas_asli": [("a-asli.pdf", ORIGINAL)]}
    cases = [
        # a letter the head did not determine (the register entry says h)
        ({"penghitaman": [{"berkas": 1, "asli": 1, "pasal": "c"}]}, pair, "penghitaman.0.pasal"),
        # a file or an original that was not sent
        ({"penghitaman": [{"berkas": 2, "asli": 1, "pasal": "h"}]}, pair, "penghitaman.0.berkas"),
        ({"penghitaman": [{"berkas": 1, "asli": 2, "pasal": "h"}]}, pair, "penghitaman.0.asli"),
        # one redacted file from two originals
        (
            {"penghitaman": [{"berkas": 1, "asli": 1, "pasal": "h"}, {"berkas": 1, "asli": 2, "pasal": "h"}]},
            {**pair, "berkas_asli": [("1.pdf", ORIGINAL), ("2.pdf", CRITERIA)]},
            "penghitaman.1.asli",
        ),
        # an original never travels alone: it needs its redacted version in the record
        ({}, pair, "berkas_asli.0"),
        # a page the file does not have
        ({"penghitaman": [{"berkas": 1, "asli": 1, "pasal": "h", "halaman": 9}]}, pair, "penghitaman.0.halaman"),
        # limits of the originals' field: type by content, count
        ({}, {**pair, "berkas_asli": [("asli.pdf", b"PK\x03\x04 a Word file")]}, "berkas_asli.0"),
        ({}, {**pair, "berkas_asli": [(f"{n}.pdf", ORIGINAL) for n in range(6)]}, "berkas_asli"),
    ]
    before = _files_on_disk(settings)
    for extra, files, field in cases:
        with unchanged():
            r = _deliver(client, login, desk, ticket, {**base, **extra}, **files)
        assert r.status_code == 422, (field, r.json)
        assert field in r.json["errors"], (field, r.json["errors"])
    assert _files_on_disk(settings) == before
    r = _deliver(client, login, desk, ticket, {**base, "penghitaman": [{"berkas": 1, "asli": 1, "pasal": "h"}]}, **pair)
    assert r.status_code == 200, r.json


@pytest.mark.parametrize("when", ["before the notice", "in the future"])
@sqlite_only
def test_a_delivery_date_before_the_notice_or_in_the_future_is_refused(client, login, desk, unchanged, when):
    ticket = walk_to_delivery(desk)["ticket"]
    from datetime import date, timedelta

    notice_day = date.fromisoformat(handover(desk, ticket)["tanggal_penyerahan"])
    day = notice_day - timedelta(days=1) if when == "before the notice" else notice_day + timedelta(days=3)
    task = desk.task(ticket, "penyerahan_informasi")
    data = handover(desk, ticket, cara_penyerahan="pos", tanggal_penyerahan=day.isoformat())
    with unchanged():
        r = client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": data}, headers=login("petugas"))
    assert r.status_code == 422
    assert r.json["reason"] == "delivery_date_invalid"
    assert list(r.json["errors"]) == ["tanggal_penyerahan"]


@sqlite_only
def test_files_cannot_be_e_mailed_to_a_requester_who_gave_no_address(client, login, desk, settings, unchanged):
    from tests.conftest import request_payload

    requester = {k: v for k, v in request_payload()["requester"].items() if k != "email"}
    ticket = walk_to_delivery(desk, requester=requester, delivery_method="pos")["ticket"]
    with unchanged():
        r = _deliver(client, login, desk, ticket, {"cara_penyerahan": "email"}, berkas_informasi=[("a.pdf", CRITERIA)])
    assert r.status_code == 422
    assert r.json["errors"]["cara_penyerahan"] == [
        "pemohon maupun kuasanya tidak mencantumkan alamat e-mail: serahkan informasi dengan cara lain"
    ]
    r = _deliver(client, login, desk, ticket, {"cara_penyerahan": "langsung"}, berkas_informasi=[("a.pdf", CRITERIA)])
    assert r.status_code == 200, r.json
