"""While a request waits for its fee to be paid, the fee's task and the case page say since when (UU 14/2008 Pasal
2(3); legal-process.md §3.8).

A tester found the task "Catat pembayaran biaya" and the case page showing no date at all once the written notice
had stated a fee ("Tugas ini tidak memiliki batas waktu hukum sendiri"; "Batas waktu: —"). No law sets a period to
pay a copying or delivery fee (Perki 1/2010 Pasal 27-28: what may be charged and how it is paid), and Kawal sets
none: so the pages say the day the requester was told, the notice's date, with the amount and the payment method the
notice stated as written (which may name a period the office set), and that Kawal counts no deadline for paying
(the law sets none: an office's own term typed there is not contradicted), the delivery deadline counting from the
payment. Never an invented date to pay by. Once paid, it is said no more.

On SQLite alone: the pages' words (the notice's row is the one tests/workflows/test_legal_fees_and_delivery.py
stores).
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see the module's docstring)
from tests.helpers import decision
from tests.web.pages import text
from tests.web.test_fee_pages import BASIS, _today

PAYMENT = "Tunai di loket PPID, paling lambat 7 hari kerja setelah pemberitahuan ini"


def _short(day: str, locale: str) -> str:
    """``8 Des 2026`` / ``8 Dec 2026``, as the pages write a day (api.web.display.office_day)."""
    return format_date(date.fromisoformat(day), "d MMM y", locale=locale)


def _awaiting_payment(app, client, login, desk) -> tuple[str, str]:
    today = _today(app)
    body = {"code": "halaman", "amount": 500, "effective_from": today, "legal_basis": BASIS}
    assert client.post("/api/v1/fee-standard", json=body, headers=login("admin")).status_code == 201
    ticket = desk.submit(obtain_method="salinan_hardcopy", delivery_method="langsung")["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    notice = {
        "informasi_dikuasai": True,
        "materi_diberikan": "Daftar penerima",
        "media_format": "Salinan cetak",
        "jumlah_halaman": 8,
        "cara_pembayaran": PAYMENT,
        "jadwal_penyerahan": today,
        "tanggal_pemberitahuan": today,
        "dikirim_melalui": "langsung",
    }
    desk.complete(ticket, "pemberitahuan_tertulis", notice)
    return ticket, today


def test_the_fee_task_and_the_case_page_say_since_when_the_payment_is_awaited_and_no_date_to_pay_by(
    app, client, login, desk, browser
):
    ticket, today = _awaiting_payment(app, client, login, desk)
    since = _short(today, "id")
    task = desk.task(ticket, "catat_pembayaran")
    b = browser("petugas")
    told = (
        f"Menunggu pembayaran biaya Rp4.000 sejak {since}, tanggal pemberitahuan tertulis"
        f" (cara pembayaran yang diberitahukan: {PAYMENT})."
    )
    # Kawal counts none, which the office's own term beside it (PAYMENT: "paling lambat 7 hari kerja") does not
    # contradict; never "the law sets no deadline" alone beside a term the officer typed.
    no_deadline = "Kawal tidak menghitung batas waktu pembayaran; undang-undang tidak menetapkannya."
    page = " ".join(text(b.get(f"/tugas/{task['id']}")).split())
    assert told in page
    assert no_deadline in page
    assert f"menunggu pembayaran sejak {since}" in page  # beside the task's title
    assert "Tugas ini tidak memiliki batas waktu hukum sendiri." not in page
    # What the notice recorded, its fee itemised in words as on the case page, not its rows' codes and rate ids.
    assert "Rincian biaya</dt><dd>8 lembar halaman cetak × Rp500 = Rp4.000</dd>" in page
    assert "printed page; 8; 500" not in page
    case = " ".join(text(b.get(f"/kasus/{ticket}")).split())
    assert told in case  # beside the case's due date, which no clock gives
    assert no_deadline in case
    assert case.count(f"menunggu pembayaran sejak {since}") == 2  # at the top, and beside the open task
    b.get("/bahasa/en")
    english = " ".join(text(b.get(f"/tugas/{task['id']}")).split())
    assert "Awaiting payment of the fee of IDR" in english
    assert f"since {_short(today, 'en')}, the date of the written notice" in english
    assert "Kawal does not count a deadline for paying; the law sets none." in english
    assert "The law sets no deadline for paying" not in english

    paid = {"jumlah_dibayar": 4000, "cara_bayar": "tunai", "tanggal_pembayaran": today}
    desk.complete(ticket, "catat_pembayaran", paid)
    b.get("/bahasa/id")
    case = text(b.get(f"/kasus/{ticket}"))
    assert "Menunggu pembayaran" not in case
    assert "menunggu pembayaran sejak" not in case
