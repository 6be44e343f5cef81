"""The auditor's list of access changes (/audit/akses, engine.access_log): what administrators changed in officers'
accounts and the office's units, newest first, over a period, with a CSV of the whole period; for auditors only."""

import re

from tests.web.pages import text


def test_the_auditor_reads_who_was_given_which_group_and_which_unit_was_renamed(browser, client, login):
    admin = login("admin")
    changed = {"display_name": "Petugas Dua", "email": None, "unit": "KANWIL", "groups": ["petugas_layanan", "ppid"]}
    assert client.put("/api/v1/users/petugas2", json=changed, headers=admin).status_code == 200
    renamed = client.put("/api/v1/units/PENDMAD", json={"name": "Bidang Pendidikan Madrasah"}, headers=admin)
    assert renamed.status_code == 200
    auditor = browser("auditor")
    assert 'href="/audit/akses"' in text(auditor.get("/audit"))
    page = text(auditor.get("/audit/akses"))
    assert "<h1>Perubahan akses</h1>" in page
    assert "2 perubahan" in page
    rows = re.findall(r"<tr><td>[^<]+</td><td>([^<]+)</td><td>([^<]+)</td><td>([^<]+)</td></tr>", page)
    assert rows == [
        ("Admin", "Diganti nama: PENDMAD → Bidang Pendidikan Madrasah", "unit PENDMAD"),
        ("Admin", "Akun diubah: Nama, Kelompok. Kelompok ditambahkan: PPID", "petugas2"),
    ]
    csv = auditor.get("/audit/akses", query_string={"format": "csv"})
    assert csv.headers["Content-Disposition"] == "attachment; filename=kawal-perubahan-akses.csv"
    lines = csv.get_data().decode("utf-8-sig").splitlines()  # opened by a byte order mark, as a spreadsheet reads it
    assert lines[0] == 'Waktu,Oleh,Perubahan,"Petugas, unit, hari atau biaya"'
    assert len(lines) == 3
    assert lines[2].endswith(",petugas2")
    before = text(auditor.get("/audit/akses", query_string={"from": "2000-01-01", "to": "2000-12-31"}))
    assert "Tidak ada perubahan dalam periode ini." in before


def test_only_auditors_read_the_access_changes_and_a_wrong_period_is_refused(browser):
    for who in ("admin", "ppid", "wbs"):
        assert browser(who).get("/audit/akses").status_code == 403
    refused = browser("auditor").get("/audit/akses", query_string={"from": "2026-12-31", "to": "2026-01-01"})
    assert refused.status_code == 422
    assert 'class="error-summary"' in text(refused)


def test_the_page_says_when_a_chain_is_broken(browser, settings):
    from sqlalchemy import create_engine
    from sqlalchemy import text as sql

    admin = browser("admin")
    admin.get("/unit")
    assert admin.post("/unit", {"code": "KANKEMENAG-MLG", "name": "Kankemenag Malang"}).status_code == 303
    assert (
        "Rantai hash terverifikasi: 0 catatan akun, 1 catatan unit, 0 catatan kalender, 0 catatan standar biaya dan 0"
        " catatan penetapan pengecualian" in text(browser("auditor").get("/audit/akses"))
    )
    engine = create_engine(settings.database_url)
    with engine.begin() as conn:
        conn.execute(sql("UPDATE unit_event SET actor = 'cli'"))
    engine.dispose()
    page = text(browser("auditor").get("/audit/akses"))
    assert "<strong>RUSAK:</strong>" in page
    assert 'class="flash flash-error" role="alert"' in page


def test_the_consoles_list_of_checks_keeps_what_each_found_of_the_access_chains(browser, settings):
    """The auditor reads the night's `kawal audit verify` on the console's list of the last checks: it walks the
    access changes' chains too, so the list says how many of their records it checked and which chain broke
    where, not only the cases' chains."""
    from sqlalchemy import create_engine
    from sqlalchemy import text as sql

    admin = browser("admin")
    admin.get("/unit")
    assert admin.post("/unit", {"code": "KANKEMENAG-MLG", "name": "Kankemenag Malang"}).status_code == 303
    auditor = browser("auditor")
    auditor.get("/audit", query_string={"periksa": "1"}).get_data()

    def newest_check():
        listed = text(auditor.get("/audit")).split('id="checks-title"')[1].split("</table>")[0]
        return listed.split("<tr")[2]

    row = newest_check()
    assert "1 catatan perubahan akses" in row
    assert ">OK</td>" in row
    assert "row-overdue" not in row
    engine = create_engine(settings.database_url)
    with engine.begin() as conn:
        first = conn.execute(sql("SELECT min(id) FROM unit_event")).scalar_one()
        conn.execute(sql("UPDATE unit_event SET actor = 'cli'"))
    engine.dispose()
    auditor.get("/audit", query_string={"periksa": "1"}).get_data()
    row = newest_check()
    assert "row-overdue" in row
    assert f"<strong>RUSAK:</strong> Perubahan akses: unit, catatan {first}</td>" in row
    assert ">OK</td>" not in row


def test_the_auditor_reads_a_price_of_the_fee_standard_set_by_the_administrator(browser):
    admin = browser("admin")
    admin.get("/biaya")
    basis = "Keputusan Kepala Kanwil Nomor 7 Tahun 2098"
    rate = {"code": "halaman", "amount": "1.500", "effective_from": "2099-01-05", "legal_basis": basis}
    assert admin.post("/biaya", rate).status_code == 302
    page = text(browser("auditor").get("/audit/akses"))
    row = re.search(r"<tr><td>[^<]+</td><td>([^<]+)</td><td>([^<]+)</td><td>([^<]+)</td></tr>", page)
    assert row.groups() == (
        "Admin",
        f"Standar biaya: Halaman cetak, Rp 1.500 mulai 5 Jan 2099 ({basis})",
        "standar biaya",
    )
    assert "0 catatan kalender, 1 catatan standar biaya dan 0 catatan penetapan pengecualian" in page
