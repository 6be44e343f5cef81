"""The personal-data scan on the delivery task (issue 15, point 3): a planted NIK in a file to be handed
over stops the delivery, beside the file, until it is blacked out or an officer confirms it; the
requester's own data is not a finding; the history keeps counts, never the numbers."""

from __future__ import annotations

import json

from engine.models import Attachment, CaseEvent
from tests.delivery.conftest import DELIVERY, multipart, pdf, walk_to_delivery

PLANTED = "3273015208900002"  # a woman's NIK (day 52 = 12 + 40), Kota Bandung: not the requester's
REQUESTER_NIK = "3174051208900001"


def _letter(nik_line: str) -> bytes:
    return pdf(
        "PEMERINTAH KOTA CONTOH\nDINAS PENDIDIKAN\nDaftar penerima beasiswa 2026",
        f"1. Siti Aminah, MAN 1, {nik_line}\n2. Rudi Hartono, MAN 2",
    )


def _deliver(client, login, desk, ticket, data, *files, language="id"):
    task = desk.task(ticket, "penyerahan_informasi")
    return client.post(
        f"/api/v1/tasks/{task['id']}/complete-with-files",
        data=multipart(data, berkas_informasi=list(files)),
        content_type="multipart/form-data",
        headers={**login("petugas"), "Accept-Language": language},
    )


def test_a_planted_nik_stops_the_delivery_until_it_is_blacked_out(
    app, client, login, desk, at_delivery, unchanged, settings
):
    ticket = at_delivery("dikabulkan_sebagian")["ticket"]
    with unchanged():
        r = _deliver(client, login, desk, ticket, DELIVERY, ("salinan.pdf", _letter(f"NIK {PLANTED}")))
    assert r.status_code == 422
    assert r.json["errors"]["berkas_informasi.0"] == ["NIK 3273********0002 (hlm. 2)"]
    assert r.json["reason"] == "files_hold_personal_data"
    with unchanged():
        r = _deliver(client, login, desk, ticket, DELIVERY, ("salinan.pdf", _letter(f"NIK {PLANTED}")), language="en")
    assert r.json["errors"]["berkas_informasi.0"] == ["NIK 3273********0002 (p. 2)"]
    assert "data_pribadi_dikonfirmasi" in r.json["errors"]
    assert PLANTED not in json.dumps(r.json)  # the answer shows the number masked
    assert not settings.files_dir.exists() or not any(settings.files_dir.iterdir())

    # Blacked out: the same letter with the number gone goes out, and its row says nothing was found.
    r = _deliver(client, login, desk, ticket, DELIVERY, ("salinan.pdf", _letter("NIK [DIHITAMKAN]")))
    assert r.status_code == 200, r.json
    from api.extensions import db

    with app.app_context():
        assert db.session.query(Attachment.scan).scalar() == {"found": {}, "confirmed": False}


def test_an_officer_may_confirm_the_findings_and_the_history_keeps_only_their_counts(
    app, client, login, desk, at_delivery
):
    ticket = at_delivery()["ticket"]
    letter = _letter(f"NIK {PLANTED}, HP 0813-9876-5432")
    r = _deliver(client, login, desk, ticket, {**DELIVERY, "data_pribadi_dikonfirmasi": True}, ("a.pdf", letter))
    assert r.status_code == 200, r.json
    from api.extensions import db

    with app.app_context():
        row = db.session.query(Attachment).one()
        assert row.scan == {"found": {"nik": 1, "telepon": 1}, "confirmed": True}
        events = {e.type: e.data for e in db.session.query(CaseEvent)}
    assert events["personal_data_confirmed"] == {
        "task_id": events["files_attached"]["task_id"],
        "files": [{"id": row.id, "found": {"nik": 1, "telepon": 1}}],
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
    assert r.json["errors"]["berkas_informasi.0"] == ["teksnya tidak terbaca: periksa secara manual"]


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
