"""The delivery task page for a partial grant (issue 15, point 3): the officer sends the redacted file and its
original with the redaction record in rows; a NIK the scan finds is shown beside the file with its code, and a
confirmation row comes back ready with that code, so the officer picks why it may go out (or blacks it out)."""

from __future__ import annotations

import hashlib
import io
import re

from engine.models import Attachment
from tests.delivery.conftest import handover, pdf, walk_to_delivery
from tests.web.pages import text

PLANTED = "3273015208900002"
ORIGINAL = pdf("DAFTAR PENERIMA", f"1. Siti Aminah, NIK {PLANTED}\n2. Rudi, NIK 3273011508910003")
REDACTED = pdf("DAFTAR PENERIMA", f"1. Siti Aminah, NIK {PLANTED}\n2. Rudi, NIK [DIHITAMKAN]")


def _form(desk, ticket, **fields) -> dict:
    data = handover(desk, ticket, cara_penyerahan="langsung")
    form = {k: str(v) for k, v in data.items()}
    form |= {"penghitaman.0.berkas": "1", "penghitaman.0.asli": "1", "penghitaman.0.pasal": "h"}
    form |= {"penghitaman.1.berkas": "", "penghitaman.1.asli": "", "penghitaman.1.pasal": ""}  # an empty row
    form["berkas_informasi"] = (io.BytesIO(REDACTED), "daftar.pdf")
    form["berkas_asli"] = (io.BytesIO(ORIGINAL), "daftar-asli.pdf")
    return form | fields


def test_a_finding_comes_back_with_its_code_ready_to_confirm_and_the_pair_is_recorded(app, browser, desk):
    ticket = walk_to_delivery(desk, "dikabulkan_sebagian")["ticket"]
    task_id = desk.task(ticket, "penyerahan_informasi")["id"]
    b = browser("petugas")
    page = b.get(f"/tugas/{task_id}")
    shown = text(page)
    assert "Bagian yang dihitamkan" in shown
    assert 'name="penghitaman.0.pasal"' in shown
    assert 'name="berkas_asli"' in shown

    r = b.post(f"/tugas/{task_id}", _form(desk, ticket), content_type="multipart/form-data")
    assert r.status_code == 422
    ref = f"{hashlib.sha256(REDACTED).hexdigest()[:12]}-1"
    page = text(r)
    assert f"NIK 3273********0002 (hlm. 2; temuan {ref})" in page
    assert PLANTED not in page
    row = re.search(r'<input[^>]*name="konfirmasi_temuan\.0\.temuan"[^>]*>', page)
    assert row, "no confirmation row"
    assert f'value="{ref}"' in row[0]  # ready with the finding's code

    confirmed = {"konfirmasi_temuan.0.temuan": ref, "konfirmasi_temuan.0.alasan": "persetujuan_tertulis"}
    r = b.post(f"/tugas/{task_id}", _form(desk, ticket, **confirmed), content_type="multipart/form-data")
    assert r.status_code == 302, text(r)[:2000]
    from api.extensions import db

    with app.app_context():
        rows = {a.field: a for a in db.session.query(Attachment)}
        assert rows["berkas_informasi"].original_id == rows["berkas_asli"].id
        assert [r["letter"] for r in rows["berkas_informasi"].redactions] == ["h"]
        assert rows["berkas_informasi"].scan["reasons"] == {"persetujuan_tertulis": 1}
    # The case page names the pair for the team: the redacted file, what it was made from, and why.
    shown = text(b.get(f"/kasus/{ticket}"))
    assert "Versi hitam dari daftar-asli.pdf:" in shown
    assert "Pasal 17 huruf h" in shown
    assert "Berkas asli sebelum dihitamkan: internal, tidak pernah diserahkan." in shown
