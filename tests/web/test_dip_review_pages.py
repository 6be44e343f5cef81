"""The item page after a review: a unit is not offered to replace its published item's public file (the PPID gives
it), and publishing an old exempt draft that cites no determination says why beside the item, not on an error page."""

import io

from sqlalchemy import select

from engine import clock
from engine.models import DipItem, Unit
from tests.web.pages import text
from tests.web.test_dip_pages import PDF, new_item


def test_a_unit_is_not_offered_to_replace_the_file_of_its_published_item(browser):
    ppid, unit = browser("ppid"), browser("unitmad")
    item_id = new_item(ppid, unit="PENDMAD", title="Data madrasah")
    page = text(unit.get(f"/dip/{item_id}"))
    assert f'action="/dip/{item_id}/berkas"' not in page
    r = unit.client.post(
        f"/dip/{item_id}/berkas", data={"csrf_token": unit.token, "file": (io.BytesIO(PDF), "ganti.pdf")}
    )
    assert r.status_code == 403
    assert f'action="/dip/{item_id}/berkas"' in text(ppid.get(f"/dip/{item_id}"))
    draft = new_item(unit, publish=False, unit="PENDMAD", title="Draf madrasah")
    assert f'action="/dip/{draft}/berkas"' in text(unit.get(f"/dip/{draft}"))


def test_publishing_an_old_exempt_draft_without_a_determination_says_why_on_the_item(browser, session_factory_):
    with session_factory_.begin() as s:
        unit = s.scalar(select(Unit).where(Unit.code == "KANWIL"))
        now = clock.now()
        row = DipItem(
            title="Berkas lama",
            summary="",
            category="dikecualikan",
            unit_id=unit.id,
            retention="",
            format="",
            legal_basis="",
            exemption_note="Rahasia",
            status="draft",
            created_at=now,
            updated_at=now,
            updated_by="ppid",
        )
        s.add(row)
        s.flush()
        item_id = row.id
    ppid = browser("ppid")
    ppid.get(f"/dip/{item_id}")
    r = ppid.post(f"/dip/{item_id}/terbitkan")
    assert r.status_code == 302
    assert r.headers["Location"].endswith(f"/dip/{item_id}")
    page = text(ppid.get(f"/dip/{item_id}"))
    assert "catatan saja tidak cukup" in page  # the field message, said beside the item
    assert "Diterbitkan" not in page.split('class="meta"')[1].split("</p>")[0]
