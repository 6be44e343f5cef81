"""The administrator's units page (/unit, engine.units): the office's units with their officers and open
tasks, a new unit refused beside its field or added, a unit's name corrected and recorded; nobody else opens it."""

import re

from tests.web.pages import text


def test_only_the_administrator_opens_the_units_pages(browser):
    for who in ("ppid", "tim", "auditor"):
        b = browser(who)
        assert b.get("/unit").status_code == 403
        assert b.get("/unit/PENDMAD").status_code == 403
        assert b.post("/unit", {"code": "X", "name": "Unit X"}).status_code == 403
    page = text(browser("admin").get("/unit"))
    assert "<h1>Unit kantor</h1>" in page
    # PENDMAD has one active officer (unitmad) in the test office
    assert re.search(r'<a href="/unit/PENDMAD">[^<]+</a></td><td>PENDMAD</td><td class="num">1</td>', page)


def test_a_new_unit_refused_beside_its_field_changes_nothing_then_is_added(browser, unchanged):
    admin = browser("admin")
    admin.get("/unit")
    with unchanged():
        refused = admin.post("/unit", {"code": "pendmad", "name": ""})
    assert refused.status_code == 422
    page = text(refused)
    assert 'class="error-summary" role="alert"' in page
    assert re.search(r'<a href="#user-code">Kode: sudah dipakai unit [^<]+\.</a>', page)
    assert '<a href="#user-name">Nama wajib diisi.</a>' in page  # a sentence naming the field
    assert 'value="pendmad"' in page  # what was typed stays
    done = admin.post("/unit", {"code": "KANKEMENAG-MLG", "name": "Kankemenag Kabupaten Malang"})
    assert done.status_code == 303
    page = text(admin.get("/unit"))
    assert "Unit Kankemenag Kabupaten Malang (KANKEMENAG-MLG) ditambahkan." in page
    new_officer = text(admin.get("/pengguna/baru"))
    assert '<option value="KANKEMENAG-MLG">Kankemenag Kabupaten Malang</option>' in new_officer


def test_a_unit_renamed_on_its_page_is_recorded_with_its_name_before(browser):
    admin = browser("admin")
    page = text(admin.get("/unit/PENDMAD"))
    before = re.search(r'id="user-name" name="name" type="text" value="([^"]+)"', page).group(1)
    assert admin.post("/unit/PENDMAD", {"name": ""}).status_code == 422
    assert admin.post("/unit/PENDMAD", {"name": "Bidang Pendidikan Madrasah"}).status_code == 303
    page = text(admin.get("/unit/PENDMAD"))
    assert "Unit diganti namanya." in page
    assert f"<td>Diganti nama: {before} → Bidang Pendidikan Madrasah</td><td>Admin</td>" in page
    assert "<h1>Bidang Pendidikan Madrasah" in page


def test_a_unit_deactivated_on_its_page_is_refused_while_staffed_then_leaves_the_referral_choices(
    browser, client, login
):
    admin = browser("admin")
    admin.get("/unit/PENDMAD")
    refused = admin.post("/unit/PENDMAD/nonaktifkan")
    assert refused.status_code == 303
    page = text(admin.get("/unit/PENDMAD"))
    assert "1 petugas aktif masih berada di unit ini" in page
    assert client.post("/api/v1/users/unitmad/deactivation", headers=login("admin")).status_code == 200
    assert admin.post("/unit/PENDMAD/nonaktifkan").status_code == 303
    page = text(admin.get("/unit/PENDMAD"))
    assert "tidak dapat lagi dipilih untuk disposisi atau akun petugas." in page
    assert "<td>Nonaktif</td><td>Admin</td>" in page
    assert "Aktifkan kembali unit" in page
    listing = text(admin.get("/unit"))
    assert re.search(r"<td>PENDMAD</td>.*?<strong>Nonaktif</strong>", listing, re.S)
    assert 'value="PENDMAD"' not in text(admin.get("/pengguna/baru"))  # a new officer cannot be put there
    assert 'value="PENDMAD"' in text(admin.get("/pengguna/unitmad"))  # its former officer's page still shows it
    # the filters still list it, saying it is deactivated
    assert ">PENDMAD, nonaktif</option>" in text(browser("ppid").get("/laporan/register/permohonan"))
