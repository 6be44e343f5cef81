"""The administrator's pages of officers' accounts (/pengguna, engine.accounts): a new officer from a form that says
what is wrong beside each field, an officer's groups changed and recorded, a password set, an officer deactivated;
nobody else opens them, and an administrator is never offered to deactivate their own account."""

import re

from tests.api.test_users_api import SARI as NEW
from tests.web.pages import text


def test_only_the_administrator_opens_the_officers_pages(browser):
    for who in ("ppid", "auditor"):
        b = browser(who)
        assert b.get("/pengguna").status_code == 403
        assert b.get("/pengguna/petugas").status_code == 403
        assert b.post("/pengguna/petugas/nonaktifkan").status_code == 403
    page = text(browser("admin").get("/pengguna"))
    assert "<h1>Akun petugas</h1>" in page
    assert re.search(r'<a href="/pengguna/ppid">[^<]+</a></td>\s*<td[^>]*>ppid</td>\s*<td[^>]*>PPID</td>', page)


def test_a_new_officer_refused_beside_each_field_changes_nothing_then_is_added(browser, unchanged):
    admin = browser("admin")
    assert "<h1>Tambah petugas</h1>" in text(admin.get("/pengguna/baru"))
    with unchanged():
        refused = admin.post("/pengguna/baru", {**NEW, "username": "ppid", "password": "12345678", "groups": []})
    assert refused.status_code == 422
    page = text(refused)
    assert 'class="error-summary" role="alert"' in page
    assert '<a href="#user-username">Nama pengguna: sudah ada.</a>' in page  # each error after its field's name
    assert '<a href="#user-groups">Kelompok: minimal satu kelompok.</a>' in page
    assert 'id="user-password-error"' in page
    assert 'value="Sari Wulandari, S.Kom."' in page  # what was typed stays, but never the password
    assert "12345678" not in page
    done = admin.post("/pengguna/baru", NEW)
    assert done.status_code == 303
    assert done.headers["Location"].endswith("/pengguna/sari.w")
    page = text(admin.get("/pengguna/sari.w"))
    assert "Sari Wulandari, S.Kom. sekarang dapat masuk." in page
    assert "<td>Akun dibuat</td><td>Admin</td>" in page
    assert browser().login("sari.w", NEW["password"]).status_code == 302  # she logs in on the pages


def test_groups_changed_on_the_officer_s_page_are_recorded_by_name(browser):
    admin = browser("admin")
    admin.get("/pengguna/petugas2")
    form = {"display_name": "Petugas Dua", "email": "", "unit": "KANWIL", "groups": ["petugas_layanan", "ppid"]}
    assert admin.post("/pengguna/petugas2", form).status_code == 303
    page = text(admin.get("/pengguna/petugas2"))
    assert "Akun disimpan." in page
    assert "<td>Akun diubah: Nama, Kelompok. Kelompok ditambahkan: PPID</td><td>Admin</td>" in page
    assert 'value="ppid" checked' in page


def test_a_weak_password_is_refused_beside_its_field_and_a_deactivated_officer_is_said_so(browser, unchanged):
    admin = browser("admin")
    admin.get("/pengguna/unit")
    with unchanged():
        weak = admin.post("/pengguna/unit/kata-sandi", {"password": "password"})
    assert weak.status_code == 422
    assert '<a href="#user-password">Kata sandi: terlalu mudah ditebak' in text(weak)
    assert admin.post("/pengguna/unit/kata-sandi", {"password": "meja-depan-77"}).status_code == 303
    assert admin.post("/pengguna/unit/nonaktifkan").status_code == 303
    page = text(admin.get("/pengguna/unit"))
    assert "tidak dapat masuk lagi. Sesi diakhiri: 0; tugas yang diambilnya dikembalikan ke antrean: 0." in page
    assert "<strong>Nonaktif: tidak dapat masuk</strong>" in page
    assert "Kata sandi baru ditetapkan</td>" in page
    assert 'action="/pengguna/unit/aktifkan"' in page


def test_the_administrator_s_own_page_offers_no_deactivation_and_refuses_one(browser):
    admin = browser("admin")
    page = text(admin.get("/pengguna/admin"))
    assert 'action="/pengguna/admin/nonaktifkan"' not in page
    assert admin.post("/pengguna/admin/nonaktifkan").status_code == 303
    assert "akun Anda hanya dapat dinonaktifkan oleh administrator lain" in text(admin.get("/pengguna/admin"))


def test_the_help_desk_ends_an_officer_s_sessions_and_removes_their_second_factor_from_the_page(browser):
    ppid = browser("ppid")
    assert ppid.get("/kotak-masuk").status_code == 200
    admin = browser("admin")
    admin.get("/pengguna/ppid")
    assert admin.post("/pengguna/ppid/sesi").status_code == 303
    assert "Sesi diakhiri: 1." in text(admin.get("/pengguna/ppid"))
    assert ppid.get("/kotak-masuk").status_code == 302  # logged out: back to the login page
    assert admin.post("/pengguna/ppid/faktor-kedua").status_code == 303
    page = text(admin.get("/pengguna/ppid"))
    assert "Faktor kedua dihapus: petugas memasangnya lagi saat masuk berikutnya." in page
    assert "<td>Faktor kedua dihapus</td><td>Admin</td>" in page
    assert "<td>Sesi diakhiri</td><td>Admin</td>" in page


def test_an_officer_s_nip_is_set_on_their_page_refused_beside_its_field_when_not_real_and_recorded_by_name(
    browser, unchanged
):
    """The NIP printed under the officer's name on the letters they sign: the administrator types it as it is written,
    in groups; a birth date that is no date is refused beside the field, naming the part, and nothing is saved."""
    admin = browser("admin")
    page = text(admin.get("/pengguna/petugas2"))
    assert '<label for="user-nip">NIP</label>' in page
    assert "Kosongkan untuk petugas yang bukan PNS (honorer, PPNPN)." in page
    form = {"display_name": "Petugas Dua", "email": "", "unit": "KANWIL", "groups": ["petugas_layanan"]}
    with unchanged():
        refused = admin.post("/pengguna/petugas2", {**form, "nip": "19820230 200604 1 002"})
    assert refused.status_code == 422
    page = text(refused)
    said = "angka ke-1 sampai ke-8 NIP adalah tanggal lahir pegawai (tahun, bulan, tanggal): bukan tanggal yang valid"
    assert f'<a href="#user-nip">NIP: {said}.</a>' in page
    assert f'<p class="field-error" id="user-nip-error">A{said[1:]}.</p>' in page
    assert 'value="19820230 200604 1 002"' in page  # what was typed stays, to be corrected
    assert admin.post("/pengguna/petugas2", {**form, "nip": "19820315 200604 1 002"}).status_code == 303
    page = text(admin.get("/pengguna/petugas2"))
    assert 'id="user-nip" name="nip" type="text" value="198203152006041002"' in page
    assert "<td>Akun diubah: Nama, NIP</td><td>Admin</td>" in page
    admin.get("/bahasa/en")
    page = text(admin.get("/pengguna/petugas2"))
    assert "Empty for an officer who is not a civil servant (honorer, PPNPN)." in page
    assert admin.post("/pengguna/petugas2", {**form, "nip": ""}).status_code == 303
    page = text(admin.get("/pengguna/petugas2"))
    assert 'id="user-nip" name="nip" type="text" value=""' in page
    assert "<td>Account changed: NIP</td><td>Admin</td>" in page


def test_a_new_officer_is_added_with_their_nip(browser):
    admin = browser("admin")
    admin.get("/pengguna/baru")
    assert admin.post("/pengguna/baru", {**NEW, "nip": "198203152006041002"}).status_code == 303
    assert 'value="198203152006041002"' in text(admin.get("/pengguna/sari.w"))
