"""The personal-data scan on the delivery task (issue 15, point 3): a planted NIK in a file to be handed
over stops the delivery, beside the file, until it is blacked out or an officer confirms it; the
requester's own data is not a finding; the history keeps counts, never the numbers."""

from __future__ import annotations

import hashlib
import json

from engine.models import Attachment, CaseEvent
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.delivery.conftest import DELIVERY, handover, multipart, pdf, walk_to_delivery

PLANTED = "3273015208900002"  # a woman's NIK (day 52 = 12 + 40), Kota Bandung: not the requester's
REQUESTER_NIK = "3174051208900001"


def _letter(nik_line: str) -> bytes:
    return pdf(
        "PEMERINTAH KOTA CONTOH\nDINAS PENDIDIKAN\nDaftar penerima beasiswa 2026",
        f"1. Siti Aminah, MAN 1, {nik_line}\n2. Rudi Hartono, MAN 2",
    )


def _ref(content: bytes, k: int = 1) -> str:
    """The code of the file's k-th finding: its sha256 prefix and the number (engine.task_files.finding_ref)."""
    return f"{hashlib.sha256(content).hexdigest()[:12]}-{k}"


def _deliver(client, login, desk, ticket, data, *files, language="id"):
    task = desk.task(ticket, "penyerahan_informasi")
    return client.post(
        f"/api/v1/tasks/{task['id']}/complete-with-files",
        data=multipart(handover(desk, ticket, data), berkas_informasi=list(files)),
        content_type="multipart/form-data",
        headers={**login("petugas"), "Accept-Language": language},
    )


def test_a_planted_nik_stops_the_delivery_until_it_is_blacked_out(
    app, client, login, desk, at_delivery, unchanged, settings
):
    ticket = at_delivery("dikabulkan_sebagian")["ticket"]
    with unchanged():
        r = _deliver(client, login, desk, ticket, DELIVERY, ("salinan.pdf", _letter(f"NIK {PLANTED}")))
    ref = _ref(_letter(f"NIK {PLANTED}"))
    assert r.status_code == 422
    assert r.json["errors"]["berkas_informasi.0"] == [f"NIK 3273********0002 (hlm. 2; temuan {ref})"]
    assert r.json["reason"] == "files_hold_personal_data"
    with unchanged():
        r = _deliver(client, login, desk, ticket, DELIVERY, ("salinan.pdf", _letter(f"NIK {PLANTED}")), language="en")
    assert r.json["errors"]["berkas_informasi.0"] == [f"identity no. (NIK) 3273********0002 (p. 2; finding {ref})"]
    assert "konfirmasi_temuan" in r.json["errors"]
    assert PLANTED not in json.dumps(r.json)  # the answer shows the number masked
    assert not settings.files_dir.exists() or not any(settings.files_dir.iterdir())

    # Blacked out: the same letter with the number gone goes out, and its row says nothing was found.
    r = _deliver(client, login, desk, ticket, DELIVERY, ("salinan.pdf", _letter("NIK [DIHITAMKAN]")))
    assert r.status_code == 200, r.json
    from api.extensions import db

    with app.app_context():
        assert db.session.query(Attachment.scan).scalar() == {"found": {}, "confirmed": False, "reasons": {}}


def test_an_officer_confirms_each_finding_with_its_reason_and_the_history_keeps_only_counts(
    app, client, login, desk, at_delivery, unchanged
):
    ticket = at_delivery()["ticket"]
    letter = _letter(f"NIK {PLANTED}, HP 0813-9876-5432")
    nik, phone = _ref(letter, 1), _ref(letter, 2)
    # One finding confirmed is not both: the other is still named beside the file, and nothing is kept.
    one = {**DELIVERY, "konfirmasi_temuan": [{"temuan": nik, "alasan": "persetujuan_tertulis"}]}
    with unchanged():
        r = _deliver(client, login, desk, ticket, one, ("a.pdf", letter))
    assert r.status_code == 422
    assert r.json["errors"]["berkas_informasi.0"] == [f"nomor HP 6281*****5432 (hlm. 2; temuan {phone})"]
    # A code that is no finding of these files (another file's, or made up) is refused.
    stray = {**DELIVERY, "konfirmasi_temuan": [{"temuan": "0123456789ab-1", "alasan": "milik_pemohon"}]}
    with unchanged():
        r = _deliver(client, login, desk, ticket, stray, ("a.pdf", letter))
    assert r.json["errors"]["konfirmasi_temuan.0.temuan"] == [
        "tidak ada temuan dengan kode ini pada berkas yang dikirim"
    ]
    # The form sent back after the refusal keeps the confirmation but no file (a browser keeps none): it says so.
    with unchanged():
        r = _deliver(client, login, desk, ticket, one)
    assert r.json["errors"]["konfirmasi_temuan.0.temuan"] == [
        "pilih lagi berkasnya: konfirmasi menyertai berkas tempat data itu ditemukan"
    ]
    both = {
        **DELIVERY,
        "konfirmasi_temuan": [
            {"temuan": nik, "alasan": "persetujuan_tertulis"},
            {"temuan": phone, "alasan": "jabatan_publik"},
        ],
    }
    r = _deliver(client, login, desk, ticket, both, ("a.pdf", letter))
    assert r.status_code == 200, r.json
    from api.extensions import db

    with app.app_context():
        row = db.session.query(Attachment).one()
        reasons = {"persetujuan_tertulis": 1, "jabatan_publik": 1}
        assert row.scan == {"found": {"nik": 1, "telepon": 1}, "confirmed": True, "reasons": reasons}
        events = {e.type: e.data for e in db.session.query(CaseEvent)}
    assert events["personal_data_confirmed"] == {
        "task_id": events["files_attached"]["task_id"],
        "files": [{"id": row.id, "found": {"nik": 1, "telepon": 1}, "reasons": reasons}],
    }
    everything = json.dumps(events)
    assert PLANTED not in everything
    assert "9876" not in everything


def test_the_requesters_own_nik_phone_and_e_mail_are_not_findings(client, login, desk):
    ticket = walk_to_delivery(desk, nik=REQUESTER_NIK)["ticket"]
    own = pdf(f"Tanda terima untuk pemohon\nNIK {REQUESTER_NIK}\nHP +62 812 1234 5678\nSurel ani@example.org")
    r = _deliver(client, login, desk, ticket, DELIVERY, ("tanda-terima.pdf", own))
    assert r.status_code == 200, r.json


def test_a_file_whose_text_cannot_be_read_needs_the_officers_confirmation(client, login, desk, at_delivery, unchanged):
    ticket = at_delivery()["ticket"]
    with unchanged():
        r = _deliver(client, login, desk, ticket, DELIVERY, ("pindaian.pdf", pdf("")))
    assert r.status_code == 422
    ref = _ref(pdf(""))
    assert r.json["errors"]["berkas_informasi.0"] == [f"teksnya tidak terbaca: periksa secara manual (temuan {ref})"]
    # "checked by eye" fits only an unreadable file; here it is what the officer did.
    r = _deliver(
        client,
        login,
        desk,
        ticket,
        {**DELIVERY, "konfirmasi_temuan": [{"temuan": ref, "alasan": "diperiksa_manual"}]},
        ("pindaian.pdf", pdf("")),
    )
    assert r.status_code == 200, r.json


def test_the_api_scans_files_before_they_are_sent_and_stores_nothing(client, login, desk, at_delivery, unchanged):
    ticket = at_delivery()["ticket"]
    task = desk.task(ticket, "penyerahan_informasi")
    with unchanged():
        r = client.post(
            f"/api/v1/tasks/{task['id']}/scan",
            data=multipart({}, berkas_informasi=[("a.pdf", _letter(f"NIK {PLANTED}")), ("b.pdf", _letter("-"))]),
            content_type="multipart/form-data",
            headers=login("petugas"),
        )
    assert r.status_code == 200, r.json
    assert r.json["files"] == [
        {
            "field": "berkas_informasi",
            "index": 0,
            "file_name": "a.pdf",
            "findings": [
                {
                    "ref": _ref(_letter(f"NIK {PLANTED}")),
                    "kind": "nik",
                    "masked": "3273********0002",
                    "page": 2,
                    "label": "NIK 3273********0002 (hlm. 2)",
                    "label_en": "NIK 3273********0002 (p. 2)",
                }
            ],
        },
        {"field": "berkas_informasi", "index": 1, "file_name": "b.pdf", "findings": []},
    ]
    # Only an officer who may work the task scans for it.
    r = client.post(
        f"/api/v1/tasks/{task['id']}/scan",
        data=multipart({}, berkas_informasi=[("a.pdf", _letter("-"))]),
        content_type="multipart/form-data",
        headers=login("unit"),
    )
    assert r.status_code == 404  # the unit does not even see a task of the front desk
