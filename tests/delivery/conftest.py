"""Documents as an office makes them: small PDFs with text (fpdf2), and a PNG."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from fpdf import FPDF

from tests.helpers import STEP, dated, decision

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


def walk_to_delivery(desk, keputusan="dikabulkan_seluruhnya", **request):
    """A request (``request``: its payload's overrides) walked over HTTP to its delivery task; returns the
    receipt (ticket, access code)."""
    receipt = desk.submit(**request)
    ticket = receipt["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision(keputusan))
    if keputusan == "dikabulkan_sebagian":
        desk.complete(ticket, "uji_konsekuensi")
        desk.complete(ticket, "tetapkan_pengecualian")  # the head's determination (engine.exemptions)
    desk.complete(ticket, "pemberitahuan_tertulis")
    assert "penyerahan_informasi" in desk.open_tasks(ticket)
    return receipt


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
