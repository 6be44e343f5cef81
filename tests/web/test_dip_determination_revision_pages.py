"""The PPID's page to record an exemption determination without a request, then cite it from an exempt item; a unit's
change to its published item as a revision the PPID publishes; the responsible and the place on the item's pages."""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from api.extensions import db
from engine.models import DipItem
from tests.web.pages import text
from tests.web.test_dip_pages import item_form, new_item


def office_today():
    """The office's day (the default KAWAL_OFFICE_TZ), which the determination's dates are checked against."""
    return datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date()


def determination_form(**overrides) -> dict:
    data = {
        "dokumen": "Berkas pemeriksaan disiplin pegawai",
        "bagian_dikecualikan": "Seluruh berkas",
        "pasal_pengecualian": ["h"],
        "dasar_hukum": "UU 14/2008 Pasal 17 huruf h",
        "konsekuensi": "Membuka rahasia pribadi pegawai yang diperiksa",
        "kepentingan_publik": "Kepentingan publik tidak lebih besar",
        "nomor_penetapan": "KW.09/PPID/12/2019",
        "tanggal_penetapan": "2019-12-02",
        "ditetapkan_oleh": "pimpinan",
        "berlaku_sampai": (office_today() + timedelta(days=5 * 365)).isoformat(),
    }
    data.update(overrides)
    return data


def test_the_ppid_records_a_determination_and_lists_the_item_citing_it(browser):
    ppid = browser("ppid")
    assert 'href="/dip/pengecualian/baru"' in text(ppid.get("/dip"))
    page = text(ppid.get("/dip/pengecualian/baru"))
    assert "Konsekuensi yang timbul apabila informasi dibuka" in page  # the refusal path's fields
    assert "Nomor keputusan (SK) penetapan" in page
    r = ppid.post("/dip/pengecualian/baru", determination_form())
    assert r.status_code == 302, text(r)
    location = r.headers["Location"]
    entry = int(re.search(r"exemption_id=(\d+)", location)[1])
    form = text(ppid.get(location))  # the new item's form, filled with the determination it cites
    (cited,) = re.findall(r'<input[^>]*name="exemption_id"[^>]*>', form)
    assert f'value="{entry}"' in cited
    created = new_item(
        ppid,
        category="dikecualikan",
        rhythm_months="",
        url="",
        title="Berkas pemeriksaan disiplin",
        exemption_id=entry,
    )
    public = text(browser().get(f"/publik/informasi/{created}"))
    assert f"register pengecualian no. {entry}" in public
    register = text(ppid.get("/laporan/register/dikecualikan"))
    assert "KW.09/PPID/12/2019" in register


def test_a_refused_determination_is_told_beside_its_fields_and_nothing_is_saved(browser):
    ppid = browser("ppid")
    ppid.get("/dip/pengecualian/baru")
    r = ppid.post(
        "/dip/pengecualian/baru",
        determination_form(konsekuensi="", berlaku_sampai=office_today().isoformat()),
    )
    assert r.status_code == 422
    page = text(r)
    assert 'id="f-konsekuensi-error"' in page or re.search(r'id="[^"]*konsekuensi[^"]*-error"', page)
    assert "Pasal 20" in page
    assert "KW.09/PPID/12/2019" not in text(ppid.get("/laporan/register/dikecualikan"))


@pytest.mark.parametrize("username", ["unitmad", "auditor"])
def test_a_unit_or_an_auditor_cannot_record_a_determination(browser, username):
    officer = browser(username)
    assert officer.get("/dip/pengecualian/baru").status_code == 403
    assert officer.post("/dip/pengecualian/baru", determination_form()).status_code == 403
    assert 'href="/dip/pengecualian/baru"' not in text(officer.get("/dip"))


def test_a_units_change_to_its_published_item_waits_for_the_ppid_on_the_pages(browser):
    ppid, unit = browser("ppid"), browser("unitmad")
    item_id = new_item(ppid, unit="PENDMAD", title="Data madrasah", responsible="Kepala Bidang", made_in="Jakarta")
    unit.get(f"/dip/{item_id}")
    form = {**item_form(unit="PENDMAD", title="Data madrasah terbaru"), "responsible": "Kepala Bidang"}
    r = unit.post(f"/dip/{item_id}", {**form, "action": "save"})
    assert r.status_code == 302, text(r)
    assert "Data madrasah terbaru" not in text(browser().get(f"/publik/informasi/{item_id}"))
    assert "Data madrasah terbaru" in text(unit.get(f"/dip/{item_id}"))  # the unit's form holds its revision
    assert re.search(rf'<span class="tag">revisi</span> <a href="/dip/{item_id}#revision">', text(ppid.get("/dip")))
    page = text(ppid.get(f"/dip/{item_id}"))
    assert 'id="revision"' in page
    assert "Data madrasah terbaru" in page
    assert ppid.post(f"/dip/{item_id}/revisi/terbitkan").status_code == 302
    public = text(browser().get(f"/publik/informasi/{item_id}"))
    assert "Data madrasah terbaru" in public
    assert "Kepala Bidang" in public


def test_the_public_page_leaves_out_what_an_old_item_does_not_state(app, browser):
    ppid = browser("ppid")
    stated = new_item(ppid, title="Laporan", responsible="Kepala Bagian Umum", made_in="Jakarta")
    old = new_item(ppid, publish=False, title="Laporan lama", responsible="")
    with app.app_context():  # published before a published item had to name who answers for it
        item = db.session.get(DipItem, old)
        item.status, item.published_at = "published", item.created_at
        db.session.commit()
    page = text(browser().get(f"/publik/informasi/{stated}"))
    assert "Penanggung jawab pembuatan/penerbitan</dt><dd>Kepala Bagian Umum" in page
    assert "Tempat pembuatan</dt><dd>Jakarta" in page
    assert "Penanggung jawab" not in text(browser().get(f"/publik/informasi/{old}"))
