"""The complaint team records the persons a complaint reports on a page (/kasus/<ticket>/terlapor, api.web.reported)
as the API does (tests/api/test_reported_persons.py); the case page shows them to the team alone."""

import html
import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_complaint_documents import Team
from tests.web.pages import text
from tests.workflows.test_pengaduan_paths import KE_UNIT

NOW = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB
ROW = {
    "terlapor.0.nama": "Suharto Wibisono",
    "terlapor.0.nip_nrp": "19750312 200003 1 004",
    "terlapor.0.jabatan": "Petugas pendaftaran",
    "terlapor.0.instansi": "MAN 3 Kota Contoh",
    "terlapor.0.kategori_instansi": "satuan_pendidikan",
    "terlapor.0.alamat": "",
    "terlapor.1.nama": "",
}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


def test_the_team_records_a_reported_person_on_a_page_and_reads_them_on_the_case_page(browser, client, login):
    team = Team(client, login, "rahasia")
    officer = browser("tim")
    page = html.unescape(text(officer.get(f"/kasus/{team.ticket}")))
    assert "Belum ada terlapor yang dicatat." in page
    form = text(officer.get(f"/kasus/{team.ticket}/terlapor"))
    assert 'id="f-terlapor-0-nama"' in form
    assert "Permenpan PER/05/M.PAN/4/2009" in form
    response = officer.post(f"/kasus/{team.ticket}/terlapor", ROW)
    assert response.status_code == 303, text(response)
    page = html.unescape(text(officer.get(f"/kasus/{team.ticket}")))
    assert "Data terlapor telah dicatat: 1 orang." in page
    assert "1 orang tercatat." in page
    assert "Suharto Wibisono" not in page  # the case page counts them; their own page, a recorded read, shows them
    assert re.search(r"Data terlapor dicatat</[^>]+>\s*<[^>]+>[^<]*1 orang", page), page  # how many, never who
    again = html.unescape(text(officer.get(f"/kasus/{team.ticket}/terlapor")))
    assert re.search(r'value="Suharto Wibisono" id="f-terlapor-0-nama"', again), again  # the data on file
    assert re.search(r'<option value="satuan_pendidikan" selected>Satuan pendidikan \(madrasah', again), again
    page = html.unescape(text(officer.get(f"/kasus/{team.ticket}")))
    assert re.search(r"(Data terlapor dibaca|dibaca)</[^>]+>\s*<[^>]+>[^<]*data terlapor", page), page  # the opening


def test_a_wrong_nip_comes_back_beside_it_and_nothing_is_recorded(browser, client, login, unchanged):
    team = Team(client, login)
    officer = browser("tim")
    officer.get(f"/kasus/{team.ticket}/terlapor")
    with unchanged():
        response = officer.post(f"/kasus/{team.ticket}/terlapor", {**ROW, "terlapor.0.nip_nrp": "NIP-nya?"})
    assert response.status_code == 422
    page = html.unescape(text(response))
    assert 'id="f-terlapor-0-nip_nrp-error"' in page
    assert "NIP atau NRP: 8 sampai 30 angka, spasi atau titik" in page
    assert 'value="Suharto Wibisono"' in page  # what was typed is kept


def test_a_unit_reads_neither_the_reported_persons_nor_their_page(browser, client, login):
    team = Team(client, login, "rahasia").verified()
    team.complete("klasifikasi", KE_UNIT)
    browser("tim").post(f"/kasus/{team.ticket}/terlapor", ROW)
    unit = browser("unit")
    page = text(unit.get(f"/kasus/{team.ticket}"))
    assert "Wibisono" not in page
    assert "/terlapor" not in page
    assert unit.get(f"/kasus/{team.ticket}/terlapor").status_code == 403
