"""Documents as an office makes them: small PDFs with text (fpdf2), and a PNG."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from fpdf import FPDF

from tests.helpers import NOTICE, STEP, dated, decision

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00"
    b"\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


CREATED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def pdf(*pages: str) -> bytes:
    """A PDF whose pages carry ``pages``' text (one string a page, lines split on newlines)."""
    doc = FPDF()
    doc.set_creation_date(CREATED)  # the same text makes the same bytes (a finding's code is the file's sha256)
    doc.set_font("helvetica", size=11)
    for text in pages or ("",):
        doc.add_page()
        for line in text.splitlines() or [""]:
            doc.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())


def walk_to_notice(desk, keputusan="dikabulkan_seluruhnya", **request):
    """A request (``request``: its payload's overrides) walked over HTTP to its written notice; returns the
    receipt (ticket, access code)."""
    receipt = desk.submit(**request)
    ticket = receipt["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision(keputusan))
    if keputusan == "dikabulkan_sebagian":
        desk.complete(ticket, "uji_konsekuensi")
        desk.complete(ticket, "tetapkan_pengecualian")  # the head's determination (engine.exemptions)
    assert "pemberitahuan_tertulis" in desk.open_tasks(ticket)
    return receipt


def walk_to_delivery(desk, keputusan="dikabulkan_seluruhnya", **request):
    """A request walked over HTTP to its delivery task, its written notice free of charge; returns the receipt."""
    receipt = walk_to_notice(desk, keputusan, **request)
    desk.complete(receipt["ticket"], "pemberitahuan_tertulis")
    assert "penyerahan_informasi" in desk.open_tasks(receipt["ticket"])
    return receipt


PAGE_PRICE = 500  # the fee standard ``notify_and_pay`` sets: a printed page


def notify_and_pay(client, login, desk, ticket: str, unchanged, pages: int = 3) -> int:
    """Issue 15, point 4 over HTTP: the admin prices a printed page; the written notice states ``pages`` printed
    pages (for a request whose delivery can carry paper: not e-mail), priced by it; a payment that differs from the
    notified fee is refused with nothing changed; the right one (a receipt number, paid today) issues the kuitansi
    and opens the delivery. Returns the fee."""
    from engine import clock

    tz = client.application.extensions["kawal_runtime"].calendars["strict"].tz
    today = clock.now().astimezone(tz).date().isoformat()
    rate = {"code": "halaman", "amount": PAGE_PRICE, "effective_from": today, "legal_basis": "Keputusan Kakanwil"}
    assert client.post("/api/v1/fee-standard", json=rate, headers=login("admin")).status_code == 201
    received_on = desk.case(ticket)["received_at"][:10]
    notice = {k: v for k, v in dated(NOTICE[desk.decisions[ticket]], received_on).items() if k != "biaya"}
    # printed pages, for a printed copy given beside the digital one (engine.fees.charges_not_asked)
    notice |= {"jumlah_halaman": pages, "bentuk_salinan": "softcopy_hardcopy"}
    notice["cara_pembayaran"] = "Transfer ke rekening BLU kantor"
    desk.complete(ticket, "pemberitahuan_tertulis", notice)
    fee = client.get(f"/api/v1/cases/{ticket}/fee", headers=login("petugas")).json
    assert (fee["total"], fee["paid"]) == (pages * PAGE_PRICE, False)
    assert sorted(desk.open_tasks(ticket)) == ["catat_pembayaran"]  # delivery waits for the payment
    paid = {"jumlah_dibayar": fee["total"], "nomor_tanda_bukti_pembayaran": "BRI-0001", "tanggal_pembayaran": today}
    with unchanged():
        desk.complete(ticket, "catat_pembayaran", {**paid, "jumlah_dibayar": fee["total"] - 1}, expect=422)
    desk.complete(ticket, "catat_pembayaran", paid)
    letters = client.get(f"/api/v1/cases/{ticket}/letters", headers=login("ppid")).json["items"]
    assert [x["kind"] for x in letters].count("kuitansi") == 1
    assert "penyerahan_informasi" in desk.open_tasks(ticket)
    return fee["total"]


@pytest.fixture
def at_delivery(desk):
    """``at_delivery()``: a new request at its delivery task (granted in full unless told otherwise)."""
    return lambda keputusan="dikabulkan_seluruhnya": walk_to_delivery(desk, keputusan)


def multipart(data: dict, **files: list[tuple[str, bytes]]) -> dict:
    """A multipart body: the form data as JSON text, and each field's files as (name, bytes)."""
    import json

    body: dict = {"data": json.dumps(data)}
    for field, items in files.items():
        body[field] = [(io.BytesIO(content), name) for name, content in items]
    return body


DELIVERY = STEP["penyerahan_informasi"]


def handover(desk, ticket: str, data: dict | None = None, **extra) -> dict:
    """The delivery form's data (``DELIVERY`` unless given) dated on the case's day of receipt, the day its
    written notice went out (a delivery date is bounded by the notice and today)."""
    return {**dated(DELIVERY if data is None else data, desk.case(ticket)["received_at"][:10]), **extra}
