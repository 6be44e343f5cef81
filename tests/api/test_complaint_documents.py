"""The papers a complaint produces and who reads them (legal-process.md §7.3, §10b).

Documents that leave the complaint team speak of "the report we received" and never of the
reporter; a unit sees a complaint only once it is referred to it, and then only the clarification
request, never the team's internal papers. The receipt and the disposition sheet are letters of
record only (numbered PDFs), with no text version beside them.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine.models import Unit
from tests.api.test_bad_input import assert_refused
from tests.conftest import REPORTER_NAME, REPORTER_NIK, complaint_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import WHO
from tests.reported import OUTCOME, say_who_was_reported
from tests.workflows.test_pengaduan_paths import CATAT, KE_ITJEN, KE_UNIT, NOTICE, QUESTION

API = "/api/v1"
RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB
CLARIFIED = {"hasil": "perlu_bukti_pelapor", "ringkasan": "Klarifikasi kepada unit telah dilakukan."}
TO_PENDMAD = {**KE_UNIT, "unit_tujuan": "PENDMAD"}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


class Team:
    def __init__(self, client, login, mode="whistleblower", ticket=None):
        """The complaint team on a complaint filed online in ``mode`` (or on the one filed already, ``ticket``)."""
        self.client, self.login = client, login
        if ticket is None:
            r = client.post(f"{API}/complaints", json=complaint_payload(mode))
            assert r.status_code == 201, r.json
            ticket = r.json["ticket"]
        self.ticket = ticket

    def complete(self, name, data, username=None):
        if name == OUTCOME:
            say_who_was_reported(self.client, self.login, self.ticket)
        case = self.client.get(f"{API}/cases/{self.ticket}", headers=self.login("tim")).json
        (task,) = [t for t in case["open_tasks"] if t["name"] == name]
        r = self.client.post(
            f"{API}/tasks/{task['id']}/complete", json={"data": data}, headers=self.login(username or WHO[task["lane"]])
        )
        assert r.status_code == 200, r.json

    def verified(self):
        self.complete("catat_pengaduan", CATAT)
        self.complete("verifikasi", {"hasil": "layak"})
        return self

    def documents(self, who="tim"):
        r = self.client.get(f"{API}/cases/{self.ticket}/documents", headers=self.login(who))
        assert r.status_code == 200, r.json
        return [d["name"] for d in r.json["items"]]

    def document(self, name, who="tim", lang="id"):
        return self.client.get(f"{API}/cases/{self.ticket}/documents/{name}?lang={lang}", headers=self.login(who))

    def letters(self, who="tim"):
        r = self.client.get(f"{API}/cases/{self.ticket}/letters", headers=self.login(who))
        assert r.status_code == 200, r.json
        return [x["kind"] for x in r.json["items"]]


# Most tests start from a whistleblower's complaint recorded and verified: built once per worker and copied for every
# later test (kept_database).
@pytest.fixture
def verified_team(client, login, kept_database):
    """``verified_team()``: the team on a whistleblower's complaint, recorded and verified."""

    def _verified_team():
        ticket = kept_database("complaint_documents-verified", lambda: Team(client, login).verified().ticket)
        return Team(client, login, ticket=ticket)

    return _verified_team


def test_each_step_issues_its_document_and_letter_in_the_register_order(client, login):
    team = Team(client, login)
    assert (team.documents(), team.letters()) == ([], [])
    team.verified()
    assert (team.documents(), team.letters()) == ([], ["tanda_terima_pengaduan"])
    team.complete("klasifikasi", TO_PENDMAD)
    assert team.documents() == ["surat_permintaan_klarifikasi"]
    assert team.letters() == ["tanda_terima_pengaduan", "lembar_disposisi", "surat_permintaan_klarifikasi"]
    team.complete("klarifikasi_unit", {"tanggapan": "Sudah ditegur", "tindakan_yang_diambil": "Teguran"}, "unitmad")
    team.complete("klarifikasi", CLARIFIED)
    team.complete("minta_bukti", {"pertanyaan": QUESTION})
    assert team.documents()[-1] == "surat_permintaan_bukti"
    assert team.letters()[-1] == "surat_permintaan_bukti"


def test_the_receipt_and_the_disposition_sheet_are_letters_with_no_text_version(verified_team):
    team = verified_team()
    team.complete("klasifikasi", TO_PENDMAD)
    assert {"tanda_terima_pengaduan", "lembar_disposisi"} <= set(team.letters())
    for old_text in ("tanda_terima", "lembar_disposisi"):
        assert_refused(team.document(old_text), 404)


def test_a_referral_to_the_inspectorate_issues_a_memo_and_no_unit_letter(verified_team):
    team = verified_team()
    team.complete("klasifikasi", KE_ITJEN)
    team.complete("rujukan_itjen", {"nomor_nota_dinas": "ND-12/Kw.13/PS.00/01/2027", "tanggal": "2027-01-11"})
    assert team.documents() == ["nota_dinas_itjen"]
    assert team.letters() == ["tanda_terima_pengaduan", "lembar_disposisi"]  # the memo has the office's number
    memo = team.document("nota_dinas_itjen")
    assert memo.status_code == 200
    assert "laporan yang kami terima" in memo.get_data(as_text=True).lower()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_documents_sent_out_speak_of_the_report_and_never_of_the_reporter(verified_team, lang):
    team = verified_team()
    team.complete("klasifikasi", TO_PENDMAD)
    team.complete("klarifikasi_unit", {"tanggapan": "Sudah ditegur", "tindakan_yang_diambil": "Teguran"}, "unitmad")
    team.complete("klarifikasi", CLARIFIED)
    team.complete("minta_bukti", {"pertanyaan": QUESTION})
    letter = team.document("surat_permintaan_klarifikasi", lang=lang)
    assert letter.status_code == 200
    assert letter.mimetype == "text/plain"
    body = letter.get_data(as_text=True)
    assert ("laporan yang kami terima" if lang == "id" else "the report we received") in body.lower()
    assert CATAT["pokok_masalah"] in body  # the team's own summary of the report
    assert "pelapor" not in body.lower()
    assert "reporter" not in body.lower()
    for name in team.documents():
        text = team.document(name, lang=lang).get_data(as_text=True)
        assert REPORTER_NAME not in text, name
        assert REPORTER_NIK not in text, name
        assert "{{" not in text, name


def test_the_clarification_request_is_addressed_to_the_head_of_the_unit_by_its_name(app, client, login):
    with app.app_context():
        db.session.scalar(select(Unit).where(Unit.code == "PENDMAD")).name = "Bidang Pendidikan Madrasah"
        db.session.commit()
    team = Team(client, login).verified()
    team.complete("klasifikasi", TO_PENDMAD)
    letter = team.document("surat_permintaan_klarifikasi").get_data(as_text=True)
    assert "Kepada Yth. Kepala Bidang Pendidikan Madrasah\n" in letter
    assert "PENDMAD" not in letter
    english = team.document("surat_permintaan_klarifikasi", lang="en").get_data(as_text=True)
    assert "To the Head of Bidang Pendidikan Madrasah\n" in english
    letters = client.get(f"{API}/cases/{team.ticket}/letters", headers=login("tim")).json["items"]
    (sheet,) = [x["id"] for x in letters if x["kind"] == "lembar_disposisi"]
    printed = client.get(f"{API}/cases/{team.ticket}/letters/{sheet}/print", headers=login("tim"))
    sheet = printed.get_data(as_text=True)
    assert "Bidang Pendidikan Madrasah" in sheet
    assert "(PENDMAD)" not in sheet


def test_the_outcome_notice_greets_the_reporter_without_a_name(client, login):
    team = Team(client, login, "rahasia").verified()
    team.complete("klasifikasi", TO_PENDMAD)
    team.complete("klarifikasi_unit", {"tanggapan": "Sudah ditegur", "tindakan_yang_diambil": "Teguran"}, "unitmad")
    team.complete("klarifikasi", {**CLARIFIED, "hasil": "tidak_cukup_bukti"})
    team.complete("pemberitahuan_hasil", NOTICE)
    notice = team.document("pemberitahuan_hasil").get_data(as_text=True)
    assert NOTICE["ringkasan_untuk_pelapor"] in notice
    assert "Pelapor" in notice
    assert REPORTER_NAME not in notice


def test_a_document_not_issued_yet_is_404(verified_team):
    team = verified_team()
    assert_refused(team.document("pemberitahuan_hasil"), 404)
    assert_refused(team.document("no_such_paper"), 404)


def test_a_unit_sees_a_complaint_only_once_it_is_referred_to_it_and_then_only_its_letter(verified_team, client, login):
    team = verified_team()
    case_url = f"{API}/cases/{team.ticket}"
    assert_refused(client.get(case_url, headers=login("unitmad")), 404)  # not referred yet: it does not exist
    team.complete("klasifikasi", TO_PENDMAD)
    seen = client.get(case_url, headers=login("unitmad"))
    assert seen.status_code == 200, seen.json
    assert seen.json["requester"] is None
    assert [t["name"] for t in seen.json["open_tasks"]] == ["klarifikasi_unit"]
    assert_refused(client.get(case_url, headers=login("unit")), 404)  # another unit: still nothing
    assert team.documents("unitmad") == ["surat_permintaan_klarifikasi"]
    assert team.document("surat_permintaan_klarifikasi", who="unitmad").status_code == 200
    assert_refused(team.document("lembar_disposisi", who="unitmad"), 403)
    # The disposition sheet and the clarification request addressed to it (legal-process.md §10b); not the receipt.
    assert team.letters("unitmad") == ["lembar_disposisi", "surat_permintaan_klarifikasi"]
    # It knows the case now, so the conversation and the identity are refused, not hidden.
    assert_refused(client.get(f"{API}/complaints/{team.ticket}/messages", headers=login("unitmad")), 403)
    assert_refused(client.get(f"{API}/complaints/{team.ticket}/reporter", headers=login("unitmad")), 403)


DOCUMENTS_BY_GROUP = {
    "tim": 200,
    "wbs": 200,
    "auditor": 200,
    "petugas": 404,
    "ppid": 404,
    "atasan": 404,
    "admin": 404,
    "unit": 404,
}


@pytest.mark.parametrize(("group", "expected"), DOCUMENTS_BY_GROUP.items(), ids=list(DOCUMENTS_BY_GROUP))
def test_who_reads_the_documents(verified_team, client, login, group, expected):
    team = verified_team()
    assert client.get(f"{API}/cases/{team.ticket}/documents", headers=login(group)).status_code == expected
    listed = client.get(f"{API}/cases/{team.ticket}/letters", headers=login(group))
    assert listed.status_code == expected
    if expected == 200:
        (receipt,) = [x["id"] for x in listed.json["items"] if x["kind"] == "tanda_terima_pengaduan"]
        printed = client.get(f"{API}/cases/{team.ticket}/letters/{receipt}/print", headers=login(group))
        assert printed.status_code == 200


def test_documents_need_a_login(verified_team, client):
    team = verified_team()
    assert_refused(client.get(f"{API}/cases/{team.ticket}/documents"), 401)


def test_a_complaints_letters_of_record_are_read_by_the_team_and_a_unit_reads_only_the_one_sent_to_it(
    app, client, login
):
    with app.app_context():
        db.session.scalar(select(Unit).where(Unit.code == "PENDMAD")).name = "Bidang Pendidikan Madrasah"
        db.session.commit()
    team = Team(client, login).verified()
    team.complete("klasifikasi", TO_PENDMAD)
    team.complete("klarifikasi_unit", {"tanggapan": "Sudah ditegur", "tindakan_yang_diambil": "Teguran"}, "unitmad")
    team.complete("klarifikasi", CLARIFIED)
    team.complete("minta_bukti", {"pertanyaan": QUESTION})

    def listed(who):
        r = client.get(f"{API}/cases/{team.ticket}/letters", headers=login(who))
        assert r.status_code == 200, r.json
        return {x["kind"]: x for x in r.json["items"]}

    mine = listed("tim")
    assert sorted(mine) == [
        "lembar_disposisi",
        "surat_permintaan_bukti",
        "surat_permintaan_klarifikasi",
        "tanda_terima_pengaduan",
    ]
    assert mine["surat_permintaan_klarifikasi"]["number"].startswith("B-1/")
    unit = listed("unitmad")
    assert list(unit) == ["lembar_disposisi", "surat_permintaan_klarifikasi"]  # the two addressed to it
    clarification = unit["surat_permintaan_klarifikasi"]["id"]
    printed = client.get(f"{API}/cases/{team.ticket}/letters/{clarification}/print", headers=login("unitmad"))
    assert printed.status_code == 200
    page = printed.get_data(as_text=True)
    assert "Kepala Bidang Pendidikan Madrasah" in page  # a unit's head: "Kepala <unit>"
    assert REPORTER_NAME not in page
    evidence = mine["surat_permintaan_bukti"]["id"]
    assert_refused(client.get(f"{API}/cases/{team.ticket}/letters/{evidence}/print", headers=login("unitmad")), 404)
    assert client.get(f"{API}/cases/{team.ticket}/letters/{evidence}/print", headers=login("tim")).status_code == 200
