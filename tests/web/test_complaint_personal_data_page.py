"""On the pages as at the API (tests/api/test_complaint_personal_data.py): a complaint's task form or note that holds
the reporter's phone or e-mail, however written, comes back with the error beside its field, saying which kind of
data and where it belongs, never the value; nothing is saved (engine.officer_text)."""

import html
import re

from sqlalchemy import select

from api.extensions import db
from engine.models import CaseNote
from tests.api.test_complaint_personal_data import PHONE, file_complaint, history, open_task, referred_to_unit
from tests.web.pages import text


def _error(page: str, field_id: str) -> str:
    found = re.search(rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', page, re.S)
    assert found is not None, page
    return html.unescape(re.sub(r"<[^>]+>", "", found[1]))


def test_the_unit_s_answer_with_the_reporter_s_phone_comes_back_beside_the_field(
    app, client, login, browser, unchanged
):
    ticket = referred_to_unit(client, login)
    task_id = open_task(client, login, ticket, "klarifikasi_unit", "unitmad")
    unit = browser("unitmad")
    unit.get(f"/tugas/{task_id}")
    typed = "Pelapor kami hubungi di 0812-3456-7890; pungutan sudah dikembalikan."
    events = history(app, ticket)
    with unchanged():
        r = unit.post(f"/tugas/{task_id}", {"tanggapan": typed, "tindakan_yang_diambil": "Teguran"})
    assert r.status_code == 422
    page = text(r)
    said = _error(page, "f-tanggapan")
    assert "data pribadi (nomor telepon)" in said
    assert "Identitas pelapor" in said
    assert "Terlapor" in said
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S)
    assert summary is not None
    assert "Tanggapan unit" in summary[0]
    for value in ("0812-3456-7890", PHONE, "3456"):
        assert value not in said
        assert value not in summary[0]
    assert html.escape(typed) in page  # what was typed stays in the box, to be mended
    assert history(app, ticket) == events
    assert open_task(client, login, ticket, "klarifikasi_unit", "unitmad")

    done = unit.post(f"/tugas/{task_id}", {"tanggapan": "Pungutan sudah dikembalikan.", "tindakan_yang_diambil": "-"})
    assert done.status_code in (302, 303), text(done)


def test_a_note_with_the_reporter_s_e_mail_comes_back_beside_the_box_and_is_not_kept(app, client, browser):
    ticket = file_complaint(client)
    team = browser("tim")
    team.get(f"/kasus/{ticket}")
    r = team.post(f"/kasus/{ticket}/catatan", {"body": "Kontak pelapor: PELAPOR.rahasia@example.org"})
    assert r.status_code == 422
    assert "note_added" not in history(app, ticket)  # the page drawn again records its read, and nothing else
    said = _error(text(r), "note-body")
    assert "data pribadi (alamat e-mail)" in said
    assert "rahasia@" not in said.casefold()
    ok = team.post(f"/kasus/{ticket}/catatan", {"body": "Pelapor minta dihubungi lewat e-mail."})
    assert ok.status_code in (302, 303), text(ok)
    with app.app_context():
        assert [n.body for n in db.session.scalars(select(CaseNote))] == ["Pelapor minta dihubungi lewat e-mail."]
