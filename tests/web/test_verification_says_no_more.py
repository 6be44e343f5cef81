"""The public verification of a letter (``/verifikasi/<code>``) confirms it is genuine and says no more than needed.

A complaint's letters named their type to whoever held the code: "Lampiran Nota Dinas: Daftar Terlapor" told the
public that a complaint named persons, "Nota Dinas Penerusan Pengaduan ke Inspektorat Jenderal" where it went. Every
letter of a complaint is confirmed as a complaint's document (engine.letters.records.COMPLAINT_DOCUMENT), on the
page and in the API; a request's letters keep their title. The issuing office is named as the letterhead names it:
the agency, the office under it.
"""

from datetime import UTC, datetime

import pytest
import time_machine

from engine.letters.types import TYPES
from tests.api.test_complaint_documents import Team
from tests.api.test_letters_api import render_letters, to_notice
from tests.api.test_reported_persons import HARTO, put
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.web.pages import text
from tests.workflows.test_pengaduan_paths import KE_ITJEN

API = "/api/v1"
OFFICE = "KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI JAWA TIMUR"
AGENCY = "KEMENTERIAN AGAMA REPUBLIK INDONESIA"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2027, 1, 11, 3, 0, tzinfo=UTC), tick=True):
        yield


def _codes(client, login, ticket, who) -> dict[str, str]:
    items = client.get(f"{API}/cases/{ticket}/letters", headers=login(who)).json["items"]
    return {x["kind"]: x["verify_url"].rsplit("/", 1)[1] for x in items}


def test_every_letter_of_a_complaint_is_verified_as_a_complaint_s_document_and_no_more(app, client, login, browser):
    team = Team(client, login, mode="rahasia").verified()
    assert put(client, login, team.ticket, [HARTO]).status_code == 200
    team.complete("klasifikasi", KE_ITJEN)
    team.complete("rujukan_itjen", {"tanggal": "2027-01-11"})
    render_letters(app)
    codes = _codes(client, login, team.ticket, "tim")
    assert set(codes) == {"tanda_terima_pengaduan", "lembar_disposisi", "nota_dinas_itjen", "lampiran_terlapor"}
    public = browser()
    for kind, code in codes.items():
        for language, neutral in (("id", "Dokumen Pengaduan"), ("en", "Complaint Document")):
            public.get(f"/bahasa/{language}")
            page = text(public.get(f"/verifikasi/{code}"))
            assert f"<dd>{neutral}</dd>" in page, (kind, language)
            for title in (TYPES[kind].title_id, TYPES[kind].title_en, "Terlapor", "Inspektorat", "Disposisi"):
                assert title not in page, (kind, language, title)
            assert HARTO["nama"] not in page
        shown = client.get(f"{API}/verifications/{code}").json
        assert (shown["kind"], shown["title_id"], shown["title_en"]) == (
            "dokumen_pengaduan",
            "Dokumen Pengaduan",
            "Complaint Document",
        ), kind


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_OFFICE_NAME": OFFICE, "KAWAL_AGENCY_NAME": AGENCY}])
def test_a_request_s_letter_keeps_its_title_and_is_issued_by_the_office_under_its_agency(app, desk, browser):
    receipt = to_notice(desk)
    render_letters(app)
    codes = _codes(desk.client, desk.login, receipt["ticket"], "ppid")
    page = text(browser().get(f"/verifikasi/{codes['tanda_bukti_penerimaan']}"))
    assert "<dd>Tanda Bukti Penerimaan Permintaan Informasi Publik</dd>" in page
    assert f"<dd>{AGENCY}<br>{OFFICE}</dd>" in page  # as the letterhead: the agency, the office under it
