"""Objections, disputes and Komisi Informasi messages through the HTTP API (legal-process.md §4-§5).

Who may do what on the new endpoints, bad input (4xx with field messages, nothing changed), the chain
on every member, and the requester's filing windows on the public status.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from engine import clock
from tests.api.test_bad_input import assert_refused
from tests.conftest import PASSWORD, complaint_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import decision

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
OBJECTION = {"alasan": ["a"], "kasus_posisi": "Informasi ditolak tanpa uji konsekuensi yang layak"}
SUMMONS = {
    "ki": "Komisi Informasi Pusat",
    "nomor_register": "001/REG-PSI/XII/2026",
    "diajukan_ke_ki": "2026-12-02",  # filed with the Commission before its summons reaches the office
    "sidang_pertama": "2027-01-06T09:00:00+07:00",
}
GROUPS = ("petugas", "ppid", "unit", "atasan", "auditor", "admin")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def decided(desk, outcome="ditolak_dikecualikan"):
    """A request brought to a decision and its written notice through the API: its receipt."""
    receipt = desk.submit()
    ticket = receipt["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision(outcome))
    if outcome in ("ditolak_dikecualikan", "dikabulkan_sebagian"):
        desk.complete(ticket, "uji_konsekuensi")
        desk.complete(ticket, "tetapkan_pengecualian")
    desk.complete(ticket, "pemberitahuan_tertulis")
    return receipt


def objected(desk, client):
    receipt = decided(desk)
    r = client.post(
        f"{API}/objections", json={"ticket": receipt["ticket"], "access_code": receipt["access_code"], **OBJECTION}
    )
    assert r.status_code == 201, r.json
    return receipt, r.json


def disputed(desk, client, login):
    receipt, objection = objected(desk, client)
    r = client.post(f"{API}/disputes", json={"perkara": objection["ticket"], **SUMMONS}, headers=login("ppid"))
    assert r.status_code == 201, r.json
    return receipt, objection, r.json


# The chain's three starting points are each built once per worker and copied for every later test that starts
# there (kept_database): most of this module's tests begin from a decided, objected or disputed request.
@pytest.fixture
def kept_decided(desk, kept_database):
    """``kept_decided()``: a request refused with its written notice sent: its receipt."""
    return lambda: kept_database("chain-decided", lambda: decided(desk))


@pytest.fixture
def kept_objected(kept_decided, client, kept_database):
    """``kept_objected()``: the refused request's objection, filed by the requester: (receipt, objection)."""

    def build():
        receipt = kept_decided()
        body = {"ticket": receipt["ticket"], "access_code": receipt["access_code"], **OBJECTION}
        with time_machine.travel(RECEIVED + timedelta(minutes=2), tick=True):  # after the decision: see kept_disputed
            r = client.post(f"{API}/objections", json=body)
        assert r.status_code == 201, r.json
        return receipt, r.json

    return lambda: kept_database("chain-objected", build)


@pytest.fixture
def kept_disputed(kept_objected, client, login, kept_database):
    """``kept_disputed()``: the objection's dispute, registered from the Commission's summons: (receipt, objection,
    dispute)."""

    def build():
        receipt, objection = kept_objected()
        # Recorded after the kept objection's events whichever test built them: each test's clock starts again at
        # RECEIVED, and a slow build of the request in an earlier test ends seconds after it (the chronology of a
        # summons recorded before the request it disputes began with the summons, seen under a loaded run).
        headers = login("ppid")  # issued at the test's own time: a token from five minutes on is refused after
        with time_machine.travel(RECEIVED + timedelta(minutes=5), tick=True):
            r = client.post(f"{API}/disputes", json={"perkara": objection["ticket"], **SUMMONS}, headers=headers)
        assert r.status_code == 201, r.json
        return receipt, objection, r.json

    return lambda: kept_database("chain-disputed", build)


# --- objections ---------------------------------------------------------------------------------


def test_requester_files_an_objection_with_the_request_code_and_follows_it_with_the_same_code(kept_objected, client):
    receipt, objection = kept_objected()
    assert objection["ticket"].startswith("KEB-")
    assert (objection["request"], objection["status"], objection["timeliness"]) == (
        receipt["ticket"],
        "keberatan_diterima",
        "tepat_waktu",
    )
    assert objection["due_at"] is not None  # A30
    status = client.post(f"{API}/status", json={"ticket": objection["ticket"], "access_code": receipt["access_code"]})
    assert status.status_code == 200
    assert status.json["linked"] == [
        {"ticket": receipt["ticket"], "kind": "permohonan_informasi", "status_label": "Selesai"}
    ]


def test_public_status_of_a_decided_request_says_until_when_and_how_to_object(kept_decided, desk, client):
    receipt = kept_decided()
    status = desk.status(receipt)
    (window,) = status["windows"]
    assert (window["name"], window["open"], window["legal_basis"]) == ("O30", True, "UU 14/2008 Pasal 36(1)")
    assert "30 hari kerja" in window["explanation"]
    assert "keberatan" in window["how"]
    english = client.post(
        f"{API}/status",
        json={"ticket": receipt["ticket"], "access_code": receipt["access_code"]},
        headers={"Accept-Language": "en"},
    )
    assert "objection" in english.json["windows"][0]["how"]


def test_a_discovery_date_or_an_incident_after_the_filing_is_refused_beside_its_field(kept_decided, client, unchanged):
    """A date the filer gives tells of the past: ground b's discovery date in 2030 made the objection
    "tepat_waktu" with a window to 2030; a complaint's incident in 2030 was filed as given."""
    receipt = kept_decided()
    future = (clock.now() + timedelta(days=2)).date().isoformat()
    objection = {
        "ticket": receipt["ticket"],
        "access_code": receipt["access_code"],
        "alasan": ["b"],
        "kasus_posisi": "Baru tahu ada informasi yang tidak disediakan",
        "tanggal_alasan_ditemukan": future,
    }
    with unchanged():
        r = client.post(f"{API}/objections", json=objection)
        assert r.status_code == 422, r.json
        assert r.json["errors"]["tanggal_alasan_ditemukan"] == ["tidak boleh sesudah tanggal pengajuan"]
        r = client.post(f"{API}/complaints", json=complaint_payload("anonim", waktu_kejadian=future))
        assert r.status_code == 422, r.json
        assert r.json["errors"]["waktu_kejadian"] == ["tidak boleh sesudah tanggal pengajuan"]
    today = clock.now().astimezone(ZoneInfo("Asia/Jakarta")).date().isoformat()
    r = client.post(f"{API}/objections", json={**objection, "tanggal_alasan_ditemukan": today})
    assert r.status_code == 201, r.json


def test_an_objection_on_ground_b_states_when_the_ground_was_found(kept_decided, client, unchanged):
    """§4.2: for ground b the window runs from what the requester states; without it the superior's task said
    "timeliness cannot be counted"."""
    receipt = kept_decided()
    objection = {
        "ticket": receipt["ticket"],
        "access_code": receipt["access_code"],
        "alasan": ["a", "b"],
        "kasus_posisi": "Informasi berkala tidak disediakan",
    }
    with unchanged():
        r = client.post(f"{API}/objections", json=objection)
    assert r.status_code == 422, r.json
    assert r.json["errors"] == {"tanggal_alasan_ditemukan": ["wajib diisi"]}
    r = client.post(f"{API}/objections", json={**objection, "alasan": ["a"]})
    assert r.status_code == 201, r.json  # another ground needs no such date


def test_an_objection_filed_before_anything_opened_its_window_is_registered_as_premature(desk, client):
    """§4.2: ground c runs from the lapse of T10; filed minutes after the request, it was "cannot be computed yet",
    as if it might be in time. It is registered (never refused) and flagged premature."""
    receipt = desk.submit()
    body = {
        "ticket": receipt["ticket"],
        "access_code": receipt["access_code"],
        "alasan": ["c"],
        "kasus_posisi": "x" * 20,
    }
    r = client.post(f"{API}/objections", json=body)
    assert r.status_code == 201, r.json
    assert (r.json["timeliness"], r.json["status"]) == ("prematur", "keberatan_diterima")


def test_public_status_of_an_undecided_request_shows_no_objection_window_yet(desk):
    receipt = desk.submit()
    assert desk.status(receipt)["windows"] == []


def test_objection_with_a_wrong_code_is_404_and_changes_nothing(kept_decided, client, unchanged):
    receipt = kept_decided()
    with unchanged():
        r = client.post(f"{API}/objections", json={"ticket": receipt["ticket"], "access_code": "WRONG", **OBJECTION})
    assert_refused(r, 404)


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"alasan": []}, {"alasan"}),
        ({"alasan": ["z"]}, {"alasan.0"}),
        ({"kasus_posisi": ""}, {"kasus_posisi"}),
        ({"channel": "pos"}, {"channel"}),  # only officers record a paper objection
    ],
)
def test_invalid_objection_is_422_with_field_paths_and_changes_nothing(kept_decided, client, unchanged, change, fields):
    receipt = kept_decided()
    with unchanged():
        r = client.post(
            f"{API}/objections",
            json={"ticket": receipt["ticket"], "access_code": receipt["access_code"], **OBJECTION, **change},
        )
    assert_refused(r, 422, fields)


def test_front_desk_records_a_paper_objection_with_its_real_receipt_time(kept_decided, desk, client, login):
    receipt = kept_decided()
    paper = "2026-12-01T15:00:00+07:00"
    r = client.post(
        f"{API}/objections",
        json={"ticket": receipt["ticket"], **OBJECTION, "channel": "pos", "received_at": "2026-12-02T09:00:00+07:00"},
        headers=login("petugas"),
    )
    assert r.status_code == 201, r.json
    case = desk.case(r.json["ticket"])
    assert case["channel"] == "pos"
    assert case["received_at"] == "2026-12-02T09:00:00+07:00"
    assert paper  # the receipt time is the officer's, not the moment of recording


OBJECTION_BY_GROUP = {"petugas": 201, "ppid": 201, "atasan": 201, "unit": 403, "auditor": 403, "admin": 403}


@pytest.mark.parametrize(
    ("group", "expected"), OBJECTION_BY_GROUP.items(), ids=[f"{g}-{s}" for g, s in OBJECTION_BY_GROUP.items()]
)
def test_who_may_record_an_objection(kept_decided, client, login, group, expected):
    receipt = kept_decided()
    r = client.post(f"{API}/objections", json={"ticket": receipt["ticket"], **OBJECTION}, headers=login(group))
    assert r.status_code == expected, r.json


def test_objection_against_an_objection_is_422(kept_objected, client, login, unchanged):
    _, objection = kept_objected()
    with unchanged():
        r = client.post(
            f"{API}/objections", json={"ticket": objection["ticket"], **OBJECTION}, headers=login("petugas")
        )
    assert_refused(r, 422, {"ticket"})


# --- the chain ----------------------------------------------------------------------------------


def test_every_member_of_the_chain_shows_the_whole_chain_and_each_clock(kept_disputed, desk):
    receipt, objection, dispute = kept_disputed()
    tickets = [receipt["ticket"], objection["ticket"], dispute["ticket"]]
    for ticket in tickets:
        chain = desk.case(ticket, "atasan")["chain"]
        assert [m["ticket"] for m in chain] == tickets
        assert [m["current"] for m in chain] == [t == ticket for t in tickets]
    request, objection_view, dispute_view = desk.case(receipt["ticket"])["chain"]
    assert {c["name"]: c["holder"] for c in request["clocks"]} == {"T10": "agency", "O30": "requester"}
    assert [c["name"] for c in objection_view["clocks"]] == ["A30"]  # the dispute window opens with the response
    assert objection_view["parent"] == receipt["ticket"]
    assert dispute_view["parent"] == objection["ticket"]
    assert "K100" in [c["name"] for c in dispute_view["clocks"]]


# --- disputes -----------------------------------------------------------------------------------

DISPUTE_BY_GROUP = {"petugas": 201, "ppid": 201, "atasan": 201, "unit": 403, "auditor": 403, "admin": 403}


@pytest.mark.parametrize(
    ("group", "expected"), DISPUTE_BY_GROUP.items(), ids=[f"{g}-{s}" for g, s in DISPUTE_BY_GROUP.items()]
)
def test_who_may_record_a_summons(kept_objected, client, login, group, expected):
    _, objection = kept_objected()
    r = client.post(f"{API}/disputes", json={"perkara": objection["ticket"], **SUMMONS}, headers=login(group))
    assert r.status_code == expected, r.json
    if expected == 201:
        assert r.json["status"] == "persiapan_termohon"
        assert r.json["details"]["alasan"] == ["a"]  # from the objection


def test_recording_a_summons_needs_a_token(client):
    assert_refused(client.post(f"{API}/disputes", json={"perkara": "KEB-2026-000001", **SUMMONS}), 401)


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"perkara": "KEB-2099-999999"}, {"perkara"}),
        ({"diajukan_ke_ki": "14-12-2026"}, {"diajukan_ke_ki"}),
        # Filed with the Commission after its summons reached the office (2099: a typo made a case and incidents).
        ({"diajukan_ke_ki": "2099-12-01"}, {"diajukan_ke_ki"}),
        # The first hearing before the filing it hears.
        ({"diajukan_ke_ki": "2026-12-01", "sidang_pertama": "2026-11-30T09:00:00+07:00"}, {"sidang_pertama"}),
        ({"sidang_pertama": "besok"}, {"sidang_pertama"}),
        ({"alasan": ["h"]}, {"alasan.0"}),
    ],
)
def test_invalid_summons_is_422_and_changes_nothing(kept_objected, client, login, unchanged, change, fields):
    _, objection = kept_objected()
    with unchanged():
        r = client.post(
            f"{API}/disputes", json={"perkara": objection["ticket"], **SUMMONS, **change}, headers=login("ppid")
        )
    assert_refused(r, 422, fields)


def test_a_summons_recorded_twice_is_refused_naming_the_dispute_and_changes_nothing(
    kept_disputed, client, login, unchanged
):
    _, objection, dispute = kept_disputed()
    with unchanged():
        same = client.post(f"{API}/disputes", json={"perkara": objection["ticket"], **SUMMONS}, headers=login("ppid"))
        other = {**SUMMONS, "nomor_register": "002/REG-PSI/XII/2026"}
        open_ = client.post(f"{API}/disputes", json={"perkara": objection["ticket"], **other}, headers=login("ppid"))
    assert_refused(same, 422, {"nomor_register"})
    expected = f"panggilan ini sudah dicatat sebagai sengketa {dispute['ticket']}"
    assert same.json["errors"]["nomor_register"] == [expected]
    assert_refused(open_, 422, {"perkara"})
    assert dispute["ticket"] in open_.json["errors"]["perkara"][0]


def test_the_same_summons_recorded_against_the_request_of_a_disputed_objection_is_refused(
    kept_disputed, client, login, unchanged
):
    """A QA walk recorded the Commission's register number a second time through the request's page: it made a
    third dispute with the same number, its own tasks, and counted in the reports."""
    receipt, _objection, dispute = kept_disputed()
    with unchanged():
        r = client.post(f"{API}/disputes", json={"perkara": receipt["ticket"], **SUMMONS}, headers=login("ppid"))
    assert_refused(r, 422, {"nomor_register"})
    assert dispute["ticket"] in r.json["errors"]["nomor_register"][0]


def test_a_dispute_withdrawn_leaves_room_for_a_new_registration_on_the_same_objection(kept_disputed, client, login):
    _, objection, dispute = kept_disputed()
    r = client.post(
        f"{API}/cases/{dispute['ticket']}/messages/sengketa_dicabut", json={"data": WITHDRAWN}, headers=login("ppid")
    )
    assert r.status_code == 200, r.json
    again = {**SUMMONS, "nomor_register": "002/REG-PSI/XII/2026"}
    r = client.post(f"{API}/disputes", json={"perkara": objection["ticket"], **again}, headers=login("ppid"))
    assert r.status_code == 201, r.json


# --- messages from the Komisi Informasi ------------------------------------------------------------

WITHDRAWN = {"tanggal": "2026-12-02", "nomor_akta": "001/AKTA-PEMBATALAN/XII/2026"}
# sengketa_dicabut is caught in the ppid lane: the PPID and the superior above it record it.
MESSAGE_BY_GROUP = {"ppid": 200, "atasan": 200, "petugas": 403, "unit": 404, "auditor": 403, "admin": 403}


@pytest.mark.parametrize(
    ("group", "expected"), MESSAGE_BY_GROUP.items(), ids=[f"{g}-{s}" for g, s in MESSAGE_BY_GROUP.items()]
)
def test_who_may_record_a_commission_event(kept_disputed, client, login, group, expected):
    _, _, dispute = kept_disputed()
    r = client.post(
        f"{API}/cases/{dispute['ticket']}/messages/sengketa_dicabut", json={"data": WITHDRAWN}, headers=login(group)
    )
    assert r.status_code == expected, r.json
    if expected == 200:
        assert (r.json["status"], r.json["closed_at"] is not None) == ("sengketa_dicabut", True)


def test_a_message_the_case_is_not_waiting_for_is_409_and_changes_nothing(kept_disputed, client, login, unchanged):
    _, _, dispute = kept_disputed()
    with unchanged():
        r = client.post(
            f"{API}/cases/{dispute['ticket']}/messages/putusan_ajudikasi",
            json={"data": {"tanggal_dibacakan": "2027-02-01", "tanggal_diterima": "2027-02-02", "amar": "ditolak"}},
            headers=login("ppid"),
        )
    assert_refused(r, 409)


def test_a_message_the_case_s_process_does_not_know_is_404_and_changes_nothing(kept_disputed, client, login, unchanged):
    _, _, dispute = kept_disputed()
    with unchanged():
        r = client.post(f"{API}/cases/{dispute['ticket']}/messages/tidak_ada", json={"data": {}}, headers=login("ppid"))
    assert_refused(r, 404)
    assert r.json["reason"] == "message_not_in_process"
    assert "tidak_ada" in r.json["message"]


def test_an_invalid_message_payload_is_422_and_changes_nothing(kept_disputed, client, login, unchanged):
    _, _, dispute = kept_disputed()
    with unchanged():
        r = client.post(
            f"{API}/cases/{dispute['ticket']}/messages/sengketa_dicabut",
            json={"data": {"tanggal": "20-12-2026", "siapa": "x"}},
            headers=login("ppid"),
        )
    assert_refused(r, 422, {"tanggal", "siapa"})


def test_messages_kawal_sends_itself_cannot_be_posted(kept_decided, client, login, unchanged):
    receipt = kept_decided()
    with unchanged():
        r = client.post(
            f"{API}/cases/{receipt['ticket']}/messages/keberatan_dikabulkan", json={"data": {}}, headers=login("ppid")
        )
    assert_refused(r, 403)


def test_messages_need_a_token_and_a_known_case(client, login):
    assert_refused(client.post(f"{API}/cases/SIP-2026-000001/messages/sengketa_dicabut", json={"data": WITHDRAWN}), 401)
    assert_refused(
        client.post(
            f"{API}/cases/SIP-2099-000001/messages/sengketa_dicabut", json={"data": WITHDRAWN}, headers=login("ppid")
        ),
        404,
    )


def test_granted_objection_through_the_api_reopens_the_request(kept_objected, desk):
    receipt, objection = kept_objected()
    ticket = objection["ticket"]
    desk.complete(ticket, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    desk.complete(ticket, "susun_kronologi", {"kronologi": "Ditolak 2 Des 2026", "pertimbangan_ppid": "Dikecualikan"})
    desk.complete(
        ticket,
        "putuskan_keberatan",
        {
            "keputusan": "keberatan_dikabulkan_seluruhnya",
            "perintah_kepada_ppid": "Serahkan daftar penerima tanpa NIK",
            "tanggal_keputusan": "2026-12-02",
        },
    )
    desk.complete(ticket, "kirim_tanggapan", {"tanggal_dikirim": "2026-12-02", "dikirim_melalui": "email"})
    request = desk.case(receipt["ticket"])
    assert request["status"] == "dibuka_kembali"
    assert [t["name"] for t in request["open_tasks"]] == ["penyerahan_lanjutan"]
    status = desk.status(receipt)
    assert status["status"] == "dibuka_kembali"


def test_the_evidence_file_task_shows_the_chronology_of_the_whole_chain(kept_disputed, desk, client, login):
    receipt, objection, dispute = kept_disputed()
    desk.complete(
        dispute["ticket"],
        "surat_kuasa",
        {
            "nomor_surat": "B-12/Kw/2026",
            "tanggal": "2026-12-02",
            "penerima_kuasa": ["Kabag TU"],
        },
    )
    task = desk.task(dispute["ticket"], "siapkan_berkas")
    detail = client.get(f"{API}/tasks/{task['id']}", headers=login("ppid")).json
    story = [(row["ticket"], row["event"]) for row in detail["case"]["chronology"]]
    assert story[0] == (receipt["ticket"], "request_submitted")
    assert (receipt["ticket"], "status_changed") in story  # the decision and notice
    assert (objection["ticket"], "objection_filed") in story
    assert (dispute["ticket"], "dispute_recorded") in story
    assert all(row["at"].endswith("+07:00") for row in detail["case"]["chronology"])  # office time (WIB)


def test_upholding_the_ppid_without_written_reasons_is_422_and_the_task_stays_open(
    kept_objected, desk, client, login, unchanged
):
    _, objection = kept_objected()
    ticket = objection["ticket"]
    desk.complete(ticket, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    desk.complete(ticket, "susun_kronologi", {"kronologi": "Ditolak 2 Des 2026", "pertimbangan_ppid": "Dikecualikan"})
    task = desk.task(ticket, "putuskan_keberatan")
    with unchanged():
        r = client.post(
            f"{API}/tasks/{task['id']}/complete",
            json={"data": {"keputusan": "keberatan_ditolak", "tanggal_keputusan": "2026-12-02"}},
            headers=login("atasan"),
        )
    assert_refused(r, 422, {"alasan_tertulis"})


def test_an_objection_tasks_instructions_name_the_objection_and_its_request(kept_objected, client, login):
    receipt, objection = kept_objected()
    case = client.get(f"{API}/cases/{objection['ticket']}", headers=login("petugas")).json
    (task,) = case["open_tasks"]
    detail = client.get(f"{API}/tasks/{task['id']}", headers=login("petugas")).json
    assert detail["instructions"].startswith(
        f"Catat keberatan {objection['ticket']} atas permohonan {receipt['ticket']} di Register Keberatan"
    )
    assert detail["instructions_en"].startswith(
        f"Record objection {objection['ticket']} against request {receipt['ticket']} in the Objection Register"
    )


def test_a_stage_the_commission_moved_the_dispute_to_is_dated_by_its_hearing_not_by_its_recording(
    kept_disputed, desk, client, browser
):
    """The applicant's status listed "Ajudikasi" on the day an officer typed the hearing in, not the hearing's day."""
    from tests.workflows.test_sengketa_paths import BERKAS, SURAT_KUASA_GROUND_A

    receipt, _, dispute = kept_disputed()
    desk.complete(dispute["ticket"], "surat_kuasa", {**SURAT_KUASA_GROUND_A, "tanggal": "2026-12-02"})
    desk.complete(dispute["ticket"], "siapkan_berkas", BERKAS)
    with time_machine.travel(datetime(2027, 1, 8, 3, 0, tzinfo=UTC), tick=True):  # Fri 8 Jan: two days after
        token = client.post(f"{API}/auth/token", json={"username": "ppid", "password": PASSWORD}).json["token"]
        ppid = {"Authorization": f"Bearer {token}"}  # the fixture's token has expired meanwhile
        hearing = {"tanggal": "2027-01-06", "hasil": "dilanjutkan", "mediasi": False}
        r = client.post(
            f"{API}/cases/{dispute['ticket']}/messages/pemeriksaan_awal", json={"data": hearing}, headers=ppid
        )
        assert r.status_code == 200, r.json
        status = desk.status({"ticket": dispute["ticket"], "access_code": receipt["access_code"]})
        shown = browser().post(
            "/publik/status",
            {"ticket": dispute["ticket"], "access_code": receipt["access_code"]},
            follow_redirects=True,
        )
    page = shown.get_data(as_text=True)
    stages = {m["name"]: m for m in status["milestones"]}
    assert stages["ajudikasi"]["on"] == "2027-01-06"  # the hearing that sent it to adjudication
    assert stages["ajudikasi"]["at"].startswith("2027-01-08")  # typed in two days later
    assert stages["sengketa_teregistrasi"]["on"] is None  # the summons is dated by its own receipt
    assert "6 Jan 2027: Ajudikasi" in page
    assert "8 Jan 2027" not in page.split('class="milestones"')[-1]


@pytest.mark.parametrize("channel", ["telepon", "medsos"])
def test_an_objection_is_filed_in_writing_not_by_telephone_or_whatsapp(
    kept_decided, desk, client, login, unchanged, channel
):
    """Perki 1/2021 Pasal 39(3) (legal-process.md §4.2): the desk recorded an objection "by telephone" as it records
    an oral request; it is refused naming the written ways, and nothing is filed. By letter it is taken."""
    receipt = kept_decided()
    objection = {"ticket": receipt["ticket"], **OBJECTION}
    with unchanged():
        r = client.post(f"{API}/objections", json={**objection, "channel": channel}, headers=login("petugas"))
    assert r.status_code == 422, r.json
    assert r.json["errors"] == {
        "channel": [
            "keberatan diajukan secara tertulis: dengan formulir secara langsung, melalui surat, e-mail, atau portal, "
            "bukan melalui telepon atau WhatsApp; bantu pemohon menuliskannya"
        ]
    }
    r = client.post(f"{API}/objections", json={**objection, "channel": "pos"}, headers=login("petugas"))
    assert r.status_code == 201, r.json


def test_an_objection_on_a_ground_still_being_handled_is_refused_naming_the_one_to_follow(
    kept_objected, client, unchanged
):
    """The status page's invitation, followed twice, registered KEB-2026-000003 beside KEB-2026-000001 on ground a."""
    receipt, first = kept_objected()
    again = {"ticket": receipt["ticket"], "access_code": receipt["access_code"], **OBJECTION}
    with unchanged():
        r = client.post(f"{API}/objections", json=again)
    assert r.status_code == 422, r.json
    said = f"keberatan {first['ticket']} atas alasan huruf a sedang ditangani"
    assert r.json["errors"]["alasan"] == [f"{said}: ikuti perkembangannya dengan kode akses Anda"]
    other = {**again, "alasan": ["e"], "kasus_posisi": "Biaya yang dikenakan tidak wajar"}
    assert client.post(f"{API}/objections", json=other).status_code == 201  # a ground not yet raised


def test_the_chronology_names_an_event_from_outside_by_its_form_not_by_its_code(
    kept_disputed, desk, client, login, app
):
    """The evidence file's chronology read "Pemberitahuan dari Komisi Informasi/pengadilan: pemeriksaan_awal"."""
    from api.boundary import runtime
    from api.extensions import db
    from engine import chain
    from engine.models import Case
    from tests.workflows.test_sengketa_paths import BERKAS, SURAT_KUASA_GROUND_A

    _, _, dispute = kept_disputed()
    desk.complete(dispute["ticket"], "surat_kuasa", {**SURAT_KUASA_GROUND_A, "tanggal": "2026-12-02"})
    desk.complete(dispute["ticket"], "siapkan_berkas", BERKAS)
    hearing = {"tanggal": "2026-12-02", "hasil": "dilanjutkan", "mediasi": False}
    r = client.post(
        f"{API}/cases/{dispute['ticket']}/messages/pemeriksaan_awal", json={"data": hearing}, headers=login("ppid")
    )
    assert r.status_code == 200, r.json
    with app.app_context():
        case = db.session.query(Case).filter_by(ticket=dispute["ticket"]).one()
        said = {
            locale: [row["what"] for row in chain.chronology(db.session, case, locale, runtime().forms)]
            for locale in ("id", "en")
        }
    assert "Hasil pemeriksaan awal" in said["id"]
    assert "Outcome of the preliminary examination" in said["en"]
    assert not any("pemeriksaan_awal" in what for what in said["id"] + said["en"])
