"""Fees over HTTP (issue 15, point 4): the admin's fee standard, the portal's fee page, and a request walked
from a notice with a fee to the requester's download: a payment that differs from the notified fee is refused
with nothing changed; the right one issues the receipt letter (kuitansi) and opens the delivery."""

from __future__ import annotations

import hashlib

from engine import clock
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.delivery.conftest import DELIVERY, multipart, pdf
from tests.helpers import decision

BASIS = "Keputusan Kepala Kantor Wilayah Nomor 12 Tahun 2026 tentang Standar Biaya Layanan Informasi Publik"
POSTAGE_ONLY_BY_POST = (
    "ongkos kirim hanya bila informasi dikirim melalui pos atau kurir: pemohon meminta informasi disampaikan"
)
DOCUMENT = pdf("DAFTAR PENERIMA BEASISWA 2026", "Halaman 2")


def _today(client) -> str:
    return (
        clock.now().astimezone(client.application.extensions["kawal_runtime"].calendars["strict"].tz).date().isoformat()
    )


def _price(client, login, code, amount, on, basis=BASIS, who="admin"):
    body = {"code": code, "amount": amount, "effective_from": on, "legal_basis": basis}
    return client.post("/api/v1/fee-standard", json=body, headers=login(who))


def test_only_the_admin_sets_the_fee_standard_and_never_from_a_past_date(client, login, unchanged):
    today = _today(client)
    with unchanged():
        assert _price(client, login, "halaman", 500, today, who="ppid").status_code == 403
        refused = _price(client, login, "halaman", -1, "2020-01-01", basis="")
        assert refused.status_code == 422
        assert set(refused.json["errors"]) == {"amount", "effective_from", "legal_basis"}
    made = _price(client, login, "halaman", 500, today)
    assert made.status_code == 201
    assert (made.json["amount"], made.json["effective_from"], made.json["legal_basis"]) == (500, today, BASIS)
    assert _price(client, login, "halaman", 600, today).status_code == 422  # one version per date: never an edit


def test_the_standard_on_a_day_is_each_items_latest_version_not_after_it(client, login):
    today = _today(client)
    assert _price(client, login, "halaman", 500, today).status_code == 201
    assert _price(client, login, "halaman", 750, "2099-01-01").status_code == 201
    assert _price(client, login, "pos", 20_000, today).status_code == 201
    now = client.get("/api/v1/fee-standard").json
    assert [(r["code"], r["amount"]) for r in now] == [("halaman", 500), ("pos", 20_000)]
    later = client.get("/api/v1/fee-standard?on=2099-06-01").json
    assert [(r["code"], r["amount"]) for r in later] == [("halaman", 750), ("pos", 20_000)]
    assert len(client.get("/api/v1/fee-standard/versions").json) == 3


def test_the_portal_fee_page_shows_the_standard_in_force(client, login):
    assert _price(client, login, "halaman", 500, _today(client)).status_code == 201
    html = client.get("/publik/halaman/biaya").get_data(as_text=True)
    assert "Standar biaya yang berlaku" in html
    assert "Halaman cetak" in html
    assert ">500<" in html
    assert BASIS in html


def test_a_fee_is_notified_paid_exactly_receipted_then_the_information_is_delivered_and_downloaded(
    client, login, desk, unchanged
):
    today = _today(client)
    assert _price(client, login, "halaman", 500, today).status_code == 201
    assert _price(client, login, "pos", 20_000, today).status_code == 201
    receipt = desk.submit(obtain_method="salinan_hardcopy", delivery_method="pos")  # a paper copy, by post
    ticket = receipt["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    notice = {
        "informasi_dikuasai": True,
        "materi_diberikan": "Daftar penerima beasiswa 2026",
        "bentuk_salinan": "softcopy_hardcopy",
        "media_format": "Kertas A4 dan PDF",
        "jumlah_halaman": 12,
        "dikirim_pos": True,
        "cara_pembayaran": "Transfer ke rekening BLU kantor",
        "jadwal_penyerahan": today,
        "tanggal_pemberitahuan": today,
        "dikirim_melalui": "email",
    }
    desk.complete(ticket, "pemberitahuan_tertulis", notice)
    fee = client.get(f"/api/v1/cases/{ticket}/fee", headers=login("petugas")).json
    assert [(i["code"], i["quantity"], i["amount"]) for i in fee["items"]] == [
        ("halaman", 12, 6_000),
        ("pos", 1, 20_000),
    ]
    assert (fee["total"], fee["paid"]) == (26_000, False)
    assert sorted(desk.open_tasks(ticket)) == ["catat_pembayaran"]  # delivery waits for the payment

    payment = {"jumlah_dibayar": 26_000, "nomor_tanda_bukti_pembayaran": "BRI-000123", "tanggal_pembayaran": today}
    with unchanged():
        wrong = desk.complete(ticket, "catat_pembayaran", {**payment, "jumlah_dibayar": 25_000}, expect=422)
    assert wrong["errors"] == {"jumlah_dibayar": ["harus sama dengan biaya dalam pemberitahuan tertulis: Rp26.000"]}
    desk.complete(ticket, "catat_pembayaran", payment)
    fee = client.get(f"/api/v1/cases/{ticket}/fee", headers=login("petugas")).json
    assert fee["payment"] == {"amount": 26_000, "receipt_number": "BRI-000123", "paid_on": today}
    letters = client.get(f"/api/v1/cases/{ticket}/letters", headers=login("ppid")).json["items"]
    kuitansi = [x for x in letters if x["kind"] == "kuitansi"]
    assert len(kuitansi) == 1
    assert "/KWT/" in kuitansi[0]["number"]
    serah = desk.deadlines(ticket)["SERAH"]
    assert serah["status"] == "pending"

    task = desk.task(ticket, "penyerahan_informasi")

    def deliver(paid):
        return client.post(
            f"/api/v1/tasks/{task['id']}/complete-with-files",
            data=multipart(
                {**DELIVERY, "biaya_dibayar": paid, "tanggal_penyerahan": today},
                berkas_informasi=[("daftar.pdf", DOCUMENT)],
            ),
            content_type="multipart/form-data",
            headers=login("petugas"),
        )

    with unchanged():  # a fee paid typed again on the delivery form must be the one recorded
        assert deliver(0).json["errors"] == {
            "biaya_dibayar": ["pembayaran yang tercatat untuk permohonan ini Rp26.000"]
        }
    done = deliver(26_000)
    assert done.status_code == 200, done.json
    (shown,) = desk.status(receipt)["files"]
    got = client.post(
        f"/api/v1/requests/files/{shown['id']}",
        json={"ticket": receipt["ticket"], "access_code": receipt["access_code"]},
    )
    assert got.status_code == 200
    assert hashlib.sha256(got.data).hexdigest() == hashlib.sha256(DOCUMENT).hexdigest()
    assert desk.deadlines(ticket)["SERAH"]["status"] == "met"
    events = [e["type"] for e in client.get(f"/api/v1/cases/{ticket}/events", headers=login("ppid")).json["items"]]
    assert events.index("fee_notified") < events.index("fee_paid") < events.index("information_delivered")


def test_a_fee_charges_only_the_copy_the_notice_gives_sent_the_way_the_requester_asked(client, login, desk, unchanged):
    """UU 14/2008 Pasal 2(3), 22(7)(f)-(g): a request for a digital copy by e-mail was charged Rp31.000 for 12 printed
    pages and a postal delivery, under a notice reading "Salinan cetak; delivered by e-mail". Such a notice is
    refused, each charge and the printed copy beside the field, with nothing changed; the digital copy is free."""
    today = _today(client)
    for code, amount in (("halaman", 500), ("pos", 25_000), ("cd", 10_000)):
        assert _price(client, login, code, amount, today).status_code == 201
    ticket = desk.submit()["ticket"]  # a digital copy (salinan_softcopy), by e-mail
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    notice = {
        "informasi_dikuasai": True,
        "materi_diberikan": "Daftar penerima beasiswa 2026",
        "media_format": "PDF",
        "jadwal_penyerahan": today,
        "tanggal_pemberitahuan": today,
        "dikirim_melalui": "email",
    }
    by_email = "cara penyampaian yang diminta pemohon"
    with unchanged():
        refused = desk.complete(
            ticket,
            "pemberitahuan_tertulis",
            {**notice, "jumlah_halaman": 12, "dikirim_pos": True, "cara_pembayaran": "Transfer"},
            expect=422,
        )
        assert refused["errors"] == {
            "jumlah_halaman": [
                f"salinan cetak tidak dapat dikirim melalui e-mail, {by_email}; salinan elektronik tanpa biaya"
            ],
            "dikirim_pos": [f"{POSTAGE_ONLY_BY_POST} melalui e-mail"],
        }
        printed = desk.complete(
            ticket, "pemberitahuan_tertulis", {**notice, "bentuk_salinan": "hardcopy"}, expect=422
        )  # "f. Salinan cetak; delivered by e-mail"
        assert list(printed["errors"]) == ["bentuk_salinan"]
        medium = desk.complete(
            ticket,
            "pemberitahuan_tertulis",
            {**notice, "media_salinan": "cd", "cara_pembayaran": "Transfer"},
            expect=422,
        )
        assert medium["errors"] == {
            "media_salinan": [f"media penyimpanan tidak dapat dikirim melalui e-mail, {by_email}"]
        }
    assert sorted(desk.open_tasks(ticket)) == ["pemberitahuan_tertulis"]
    desk.complete(ticket, "pemberitahuan_tertulis", notice)
    fee = client.get(f"/api/v1/cases/{ticket}/fee", headers=login("petugas")).json
    assert (fee["total"], fee["items"]) == (0, [])
    assert "penyerahan_informasi" in desk.open_tasks(ticket)  # free: straight to the delivery


def test_printed_pages_are_charged_only_for_a_printed_copy_the_notice_gives(client, login, desk, unchanged):
    """A request for a digital copy collected in person: printed pages need a notice that gives a printed copy
    (letter f); postage needs a delivery by post or courier."""
    today = _today(client)
    assert _price(client, login, "halaman", 500, today).status_code == 201
    ticket = desk.submit(delivery_method="langsung")["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    notice = {
        "informasi_dikuasai": True,
        "materi_diberikan": "Daftar penerima beasiswa 2026",
        "media_format": "Kertas A4",
        "jumlah_halaman": 12,
        "cara_pembayaran": "Tunai di loket",
        "jadwal_penyerahan": today,
        "tanggal_pemberitahuan": today,
        "dikirim_melalui": "langsung",
    }
    with unchanged():
        refused = desk.complete(ticket, "pemberitahuan_tertulis", {**notice, "dikirim_pos": True}, expect=422)
        assert refused["errors"] == {
            "jumlah_halaman": [
                "halaman cetak hanya untuk salinan cetak: pemberitahuan ini memberikan salinan elektronik (huruf f)"
            ],
            "dikirim_pos": [f"{POSTAGE_ONLY_BY_POST} secara langsung"],
        }
    desk.complete(ticket, "pemberitahuan_tertulis", {**notice, "bentuk_salinan": "hardcopy"})
    fee = client.get(f"/api/v1/cases/{ticket}/fee", headers=login("petugas")).json
    assert [(i["code"], i["quantity"], i["amount"]) for i in fee["items"]] == [("halaman", 12, 6_000)]
