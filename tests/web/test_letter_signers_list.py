"""Who signs which lane's letters, on the administrator's page of accounts (a walk of the office's first day found
it shown nowhere: a letter printed a blank line for the name, or an officer's name, and the admin could not see why
or change it).

As a letter issued now prints it (engine.letters.signers.overview): a signatory set on the server first; else the
lane's only active officer, with their NIP; else whoever of the lane completes the task."""

import re

import pytest

from tests.web.pages import text


def _rows(page: str) -> dict[str, list[str]]:
    section = page.split('id="signers-title"', 1)[1]
    rows = re.findall(r"<tr>\s*(.*?)</tr>", section.split("</table>", 1)[0], re.S)
    cells = [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)] for r in rows]
    return {c[0]: c[1:] for c in cells if c}


def test_the_admin_reads_who_signs_each_lanes_letters_and_why(browser):
    """The test office has one PPID and several desk officers: the PPID's letters bear the PPID's name, the desk's
    whoever completes the task; nobody has a NIP yet."""
    rows = _rows(text(browser("admin").get("/pengguna")))
    assert rows["PPID"] == [
        "Pejabat Pengelola Informasi dan Dokumentasi",
        "Ppid",
        "—",
        "satu-satunya petugas aktif jalur ini",
    ]
    assert rows["Petugas layanan"] == [
        "Petugas Pelayanan Informasi",
        "petugas jalur ini yang menyelesaikan tugasnya",
        "—",
        "petugas yang menyelesaikan tugasnya",
    ]
    assert list(rows) == ["PPID", "Atasan PPID", "Pimpinan Badan Publik", "Petugas layanan", "Tim pengaduan"]


@pytest.mark.parametrize(
    "settings_overrides", [{"KAWAL_SIGNATORY_PPID": "Dra. Siti Aminah; Kepala Bagian Tata Usaha; 197001011995032001"}]
)
def test_a_signatory_set_on_the_server_comes_first_and_says_so(browser, settings_overrides):
    ppid = _rows(text(browser("admin").get("/pengguna")))["PPID"]
    assert ppid == ["Kepala Bagian Tata Usaha", "Dra. Siti Aminah", "197001011995032001", "pengaturan server"]


def test_only_the_administrator_reads_the_page(browser):
    assert browser("ppid").get("/pengguna").status_code == 403
