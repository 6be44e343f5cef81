"""The handover receipt records what was handed over (legal-process.md §3.10 INFORMASI_DISERAHKAN, §10b).

A tester walking the paper outputs found a request delivered "by e-mail" with no file: the case closed as "selesai",
nothing was sent, and the Tanda Bukti Penyerahan said "by e-mail" and then "handed over on paper or shown in person".
A delivery that carries files (by e-mail, or a digital copy on a CD or flash drive) is refused without them; the
receipt names each way in its own words and lists the files that went. The requester's occupation, optional on the
request form, prints "-" when not given, never an empty "Pekerjaan :" line (§3.2, §3.7).
"""

from __future__ import annotations

import hashlib
import io
import re

from tests.conftest import request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a form's rule, a letter's words
from tests.delivery.conftest import DELIVERY, handover, multipart, pdf, walk_to_delivery
from tests.helpers import decision

CONTENT = pdf("DAFTAR PENERIMA BEASISWA 2026", "1. Siti Aminah, MAN 1")
# What the tester sent: e-mail, a date, the requester as receiver, and no file.
EMAIL_NO_FILES = {"cara_penyerahan": "email", "tanggal_penyerahan": "2026-12-07", "penerima": "pemohon"}
PAPER_WORDS = ("cetak", "ditunjukkan", "diperlihatkan")


def _deliver(client, login, desk, ticket, data, files=()):
    task = desk.task(ticket, "penyerahan_informasi")
    return client.post(
        f"/api/v1/tasks/{task['id']}/complete-with-files",
        data=multipart(handover(desk, ticket, {**DELIVERY, **data}), berkas_informasi=list(files)),
        content_type="multipart/form-data",
        headers=login("petugas"),
    )


def _letter_text(app, client, login, ticket, kind, locale="id") -> str:
    from pypdf import PdfReader

    from api.extensions import db
    from engine.letters import production

    items = client.get(f"/api/v1/cases/{ticket}/letters", headers=login("ppid")).json["items"]
    [letter] = [x for x in items if x["kind"] == kind and x["locale"] == locale]
    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        made = production.produce(rt, production.prepare(db.session, rt, letter["id"]))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(made)).pages))


def test_an_email_delivery_without_files_is_refused_naming_the_files_and_nothing_changes(
    client, login, desk, unchanged
):
    ticket = walk_to_delivery(desk)["ticket"]  # a soft copy asked for by e-mail (the demo's PPID-2026-000006)
    with unchanged():
        r = _deliver(client, login, desk, ticket, EMAIL_NO_FILES)
    assert r.status_code == 422, r.json
    assert set(r.json["errors"]) == {"berkas_informasi"}
    (said,) = r.json["errors"]["berkas_informasi"]
    assert "e-mail" in said
    assert "lampirkan berkas informasi" in said
    # The same refusal through the plain JSON completion (no multipart at all).
    task = desk.task(ticket, "penyerahan_informasi")
    with unchanged():
        r = client.post(
            f"/api/v1/tasks/{task['id']}/complete",
            json={"data": handover(desk, ticket, EMAIL_NO_FILES)},
            headers=login("petugas"),
        )
    assert r.status_code == 422
    assert "berkas_informasi" in r.json["errors"]
    assert desk.case(ticket)["status"] != "selesai"
    assert "penyerahan_informasi" in desk.open_tasks(ticket)


def test_a_digital_copy_handed_over_in_person_or_by_post_needs_its_files_too(client, login, desk, unchanged):
    """The notice gives a digital copy: on a CD or flash drive in person, by courier or by post, the receipt lists
    the files on it, so they are attached as for an e-mail."""
    ticket = walk_to_delivery(desk, obtain_method="salinan_softcopy", delivery_method="langsung")["ticket"]
    for way in ("langsung", "pos"):
        with unchanged():
            r = _deliver(client, login, desk, ticket, {"cara_penyerahan": way})
        assert r.status_code == 422, r.json
        (said,) = r.json["errors"]["berkas_informasi"]
        assert "salinan elektronik" in said
    r = _deliver(client, login, desk, ticket, {"cara_penyerahan": "langsung"}, [("rekap.pdf", CONTENT)])
    assert r.status_code == 200, r.json
    assert desk.case(ticket)["status"] == "selesai"


def test_an_email_delivery_with_files_gets_a_receipt_listing_them_and_claiming_no_paper(app, client, login, desk):
    ticket = walk_to_delivery(desk)["ticket"]
    r = _deliver(client, login, desk, ticket, {"cara_penyerahan": "email"}, [("rekap-beasiswa.pdf", CONTENT)])
    assert r.status_code == 200, r.json
    text = _letter_text(app, client, login, ticket, "berita_acara_serah_terima")
    assert "Cara penyerahan : melalui e-mail" in text
    assert "rekap-beasiswa.pdf" in text
    digest = hashlib.sha256(CONTENT).hexdigest()
    assert all(digest[i : i + 16] in text for i in range(0, 64, 16))
    assert "dikirim melalui e-mail" in text
    for words in PAPER_WORDS + ("tidak ada berkas",):
        assert words not in text, words


def test_a_printed_copy_or_an_inspection_needs_no_file_and_the_receipt_says_how_it_went(app, client, login, desk):
    cases = {
        ("salinan_hardcopy", "langsung"): "Salinan cetak informasi diserahkan langsung kepada penerima",
        ("salinan_hardcopy", "pos"): "Salinan cetak informasi dikirim melalui pos",
        ("melihat", "langsung"): "Informasi diperlihatkan langsung kepada penerima untuk dilihat",
    }
    for (obtain, way), sentence in cases.items():
        ticket = walk_to_delivery(desk, obtain_method=obtain, delivery_method=way)["ticket"]
        r = _deliver(client, login, desk, ticket, {"cara_penyerahan": way})
        assert r.status_code == 200, (obtain, way, r.json)
        text = _letter_text(app, client, login, ticket, "berita_acara_serah_terima")
        assert sentence in text, (obtain, way, text)
        assert "melalui e-mail" not in text


def test_a_missing_occupation_prints_a_dash_on_the_receipt_and_the_refusal(app, client, login, desk):
    """§3.2: the occupation is needed for the rejection notice; the request form leaves it optional. Every letter
    with the line prints "-" when the requester gave none, never an empty "Pekerjaan :"."""
    requester = {k: v for k, v in request_payload()["requester"].items() if k != "occupation"}
    ticket = desk.submit(requester=requester)["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    for step in ("uji_konsekuensi", "tetapkan_pengecualian", "pemberitahuan_tertulis"):
        desk.complete(ticket, step)
    for kind in ("tanda_bukti_penerimaan", "keputusan_penolakan"):
        text = _letter_text(app, client, login, ticket, kind)
        assert re.search(r"Pekerjaan : - ", text), (kind, text)
