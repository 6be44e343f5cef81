"""The handover receipt (Berita Acara Serah Terima) reads as one record: no empty gap after its facts.

A tester saw three empty lines between the receipt's facts (the requester, the request's number, how it went) and the
sentence saying what went. fpdf2 leaves an empty line after each table, drawn before the next paragraph; the
requester's rows and the case's were two tables in a row, so two such lines piled up (engine.letters.render). They
are one table now, unless the paragraph naming the proxy who received it stands between them: the sentence after the
facts is as far from them as the closing sentence is from the table of files.
"""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a letter's layout
from tests.delivery.conftest import DELIVERY, handover, multipart, pdf, walk_to_delivery

CONTENT = pdf("DAFTAR PENERIMA BEASISWA 2026", "1. Siti Aminah, MAN 1")


def _deliver(client, login, desk, ticket, data, files=()):
    task = desk.task(ticket, "penyerahan_informasi")
    r = client.post(
        f"/api/v1/tasks/{task['id']}/complete-with-files",
        data=multipart(handover(desk, ticket, {**DELIVERY, **data}), berkas_informasi=list(files)),
        content_type="multipart/form-data",
        headers=login("petugas"),
    )
    assert r.status_code == 200, r.json


def _lines(app, client, login, ticket) -> list[tuple[float, str]]:
    """The receipt's first page as (height from the bottom, text) of each piece of text, top to bottom."""
    from api.extensions import db
    from engine.letters import production

    items = client.get(f"/api/v1/cases/{ticket}/letters", headers=login("ppid")).json["items"]
    [letter] = [x for x in items if x["kind"] == "berita_acara_serah_terima" and x["locale"] == "id"]
    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        made = production.produce(rt, production.prepare(db.session, rt, letter["id"]))
    found = []
    PdfReader(io.BytesIO(made)).pages[0].extract_text(
        visitor_text=lambda text, cm, tm, font, size: text.strip() and found.append((tm[5], text.strip()))
    )
    return sorted(found, key=lambda line: -line[0])


def _gap_after(lines, start: str) -> float:
    """From the line starting with ``start`` down to the next line below it."""
    y = next(height for height, text in lines if text.startswith(start))
    return y - max(height for height, _ in lines if height < y)


def _gap_before(lines, start: str) -> float:
    """From the line above the one starting with ``start`` down to it."""
    y = next(height for height, text in lines if text.startswith(start))
    return min(height for height, _ in lines if height > y) - y


def test_the_receipt_s_facts_are_followed_by_no_more_space_than_its_table_of_files(app, client, login, desk):
    by_email = walk_to_delivery(desk)["ticket"]
    _deliver(client, login, desk, by_email, {"cara_penyerahan": "email"}, [("rekap-beasiswa.pdf", CONTENT)])
    lines = _lines(app, client, login, by_email)
    after_files = _gap_before(lines, "Demikian")  # the closing sentence, after the last file's row
    assert _gap_after(lines, "Cara penyerahan") <= after_files + 2, (after_files, lines)

    on_paper = walk_to_delivery(desk, obtain_method="salinan_hardcopy", delivery_method="langsung")["ticket"]
    _deliver(client, login, desk, on_paper, {"cara_penyerahan": "langsung"})
    lines = _lines(app, client, login, on_paper)
    assert _gap_after(lines, "Cara penyerahan") <= after_files + 2, (after_files, lines)
