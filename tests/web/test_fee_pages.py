"""Fees on the pages (issue 15, point 4): the admin keeps the fee standard on /biaya; the officer records the
payment on the task page, where a wrong amount is refused beside its field and changes nothing."""

import re

from engine import clock
from tests.helpers import decision
from tests.web.pages import text

BASIS = "Keputusan Kepala Kantor Wilayah Nomor 12 Tahun 2026"


def _today(app) -> str:
    return clock.now().astimezone(app.extensions["kawal_runtime"].calendars["strict"].tz).date().isoformat()


def test_the_admin_adds_a_version_of_the_fee_standard_on_its_page_and_others_may_not(app, browser, unchanged):
    assert browser("ppid").get("/biaya").status_code == 403
    admin = browser("admin")
    page = text(admin.get("/biaya"))
    assert "<h1>Standar biaya</h1>" in page
    assert "Belum ada item yang bertarif: setiap salinan gratis." in page
    with unchanged():
        refused = admin.post(
            "/biaya", {"code": "halaman", "amount": "lima ratus", "effective_from": "", "legal_basis": ""}
        )
    assert refused.status_code == 422
    assert 'class="error-summary" role="alert"' in text(refused)
    done = admin.post(
        "/biaya", {"code": "halaman", "amount": "1.000", "effective_from": _today(app), "legal_basis": BASIS}
    )
    assert done.status_code == 302
    page = text(admin.get("/biaya"))
    assert "Berlaku hari ini" in page
    assert '<td>Halaman cetak</td><td class="num">1.000</td>' in page
    assert BASIS in page
    assert "<td>Admin</td>" in page  # who set it, by their name (the test's officer is "Admin")
    assert "<td>admin</td>" not in page  # not by the login
    # The public reads it on the portal's fee page: one table, and a page title that is words, not the table.
    public = text(browser().get("/publik/halaman/biaya"))
    assert re.search(r"<title>(.*?)</title>", public, re.S)[1] == "Standar biaya · Kawal"
    assert public.count('<td>Halaman cetak</td><td class="num">1.000</td>') == 1
    # An English reader reads the amounts as English writes numbers, on both pages.
    visitor = browser()
    visitor.get("/bahasa/en")
    assert '<td class="num">1,000</td>' in text(visitor.get("/publik/halaman/biaya"))
    admin.get("/bahasa/en")
    assert '<td class="num">1,000</td>' in text(admin.get("/biaya"))


def test_the_officer_records_the_payment_on_the_task_page_and_a_wrong_amount_is_refused(
    app, client, login, desk, browser, unchanged
):
    today = _today(app)
    body = {"code": "halaman", "amount": 500, "effective_from": today, "legal_basis": BASIS}
    assert client.post("/api/v1/fee-standard", json=body, headers=login("admin")).status_code == 201
    ticket = desk.submit(obtain_method="salinan_hardcopy", delivery_method="langsung")["ticket"]  # paper, collected
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    notice = {
        "informasi_dikuasai": True,
        "materi_diberikan": "Daftar penerima",
        "media_format": "Salinan cetak",
        "jumlah_halaman": 8,
        "cara_pembayaran": "Tunai di loket",
        "jadwal_penyerahan": today,
        "tanggal_pemberitahuan": today,
        "dikirim_melalui": "langsung",
    }
    desk.complete(ticket, "pemberitahuan_tertulis", notice)
    task = desk.task(ticket, "catat_pembayaran")
    b = browser("petugas")
    page = text(b.get(f"/tugas/{task['id']}"))
    assert "<h1>Catat pembayaran biaya</h1>" in page
    assert "tepat sebesar biaya yang diberitahukan (Rp4.000)" in page  # as the letters write it
    form = {"jumlah_dibayar": "3000", "nomor_tanda_bukti_pembayaran": "KW-01", "tanggal_pembayaran": today}
    with unchanged():
        refused = b.post(f"/tugas/{task['id']}", form)
    assert refused.status_code == 422
    assert "harus sama dengan biaya dalam pemberitahuan tertulis: Rp4.000" in text(refused)
    assert b.post(f"/tugas/{task['id']}", {**form, "jumlah_dibayar": "4000"}).status_code == 302
    assert "penyerahan_informasi" in desk.open_tasks(ticket)
