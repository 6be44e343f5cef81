"""Leave and stand-ins on the pages (walk h8: C1, C2, C3, C5, C7, A6): the superior grants the lanes a stand-in lacks
only by ticking it; the cancel page says the tasks go back; the auditor's access changes list the grant; the inbox
tells the officer away and his stand-in of the leave, folds its filters on a narrow screen and says how many are
active; assigning to an officer on leave says the task went to his stand-in."""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from api.extensions import db
from engine.models import Absence
from tests.api.test_leave_stand_ins import _reconcile_at
from tests.web.pages import text

API = "/api/v1"
# A working Monday, mid-morning in WIB: the leave's days never cross the office's midnight or fall on a holiday.
FIXED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _pinned():
    with time_machine.travel(FIXED, tick=True):
        yield


def _today():
    return datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date()


def _days(first=0, last=2):
    return {"first_day": str(_today() + timedelta(days=first)), "last_day": str(_today() + timedelta(days=last))}


def test_a_stand_in_outside_the_officers_lanes_is_named_only_by_ticking_the_grant(browser):
    b = browser("atasan")
    page = text(b.get("/cuti?untuk=ppid"))
    assert re.search(r'<option value="petugas2">Petugas2 · tidak di PPID</option>', page)
    assert 'name="grant_lanes"' in page
    r = b.post("/cuti", data={"username": "ppid", "substitute": "petugas2", **_days()})
    assert r.status_code == 422
    assert "Petugas2 tidak bertugas di PPID" in text(r)
    r = b.post("/cuti", data={"username": "ppid", "substitute": "petugas2", "grant_lanes": "1", **_days()})
    assert r.status_code == 302, text(r)
    listed = text(b.get("/cuti"))
    assert "Kelompok yang diberikan selama cuti: PPID" in listed


def test_an_officers_own_leave_offers_no_grant(browser):
    page = text(browser("petugas").get("/cuti"))
    assert 'name="grant_lanes"' not in page


def test_the_cancel_page_says_the_tasks_go_back_and_the_granted_lanes_are_withdrawn(browser, client, login):
    r = client.post(
        f"{API}/absences",
        json={"username": "ppid", "substitute": "petugas2", "grant_lanes": True, **_days(7, 9)},
        headers=login("atasan"),
    )
    assert r.status_code == 201, r.json
    b = browser("atasan")
    page = text(b.get(f"/cuti/{r.json['id']}/batal"))
    assert "Tugas yang dialihkan kepada Petugas2 untuk cuti ini dan masih dipegangnya kembali kepada Ppid" in page
    assert "serahkan kembali dari kotak masuk" not in page
    assert "Petugas2 tidak lagi memegang kelompok yang diberikan selama cuti (PPID)" in page


def test_the_auditor_reads_the_leave_grant_and_its_withdrawal_among_the_access_changes(browser, client, login):
    r = client.post(
        f"{API}/absences",
        json={"username": "ppid", "substitute": "petugas2", "grant_lanes": True, **_days(7, 9)},
        headers=login("atasan"),
    )
    assert client.delete(f"{API}/absences/{r.json['id']}", headers=login("atasan")).status_code == 204
    page = text(browser("auditor").get("/audit/akses"))
    rows = re.findall(r"<tr><td>[^<]+</td><td>([^<]+)</td><td>([^<]+)</td><td>([^<]+)</td></tr>", page)
    assert [(by, subject) for by, _text, subject in rows] == [("Atasan", "petugas2"), ("Atasan", "petugas2")]
    withdrawn, granted = (change for _by, change, _subject in rows)
    assert granted.startswith("Kelompok diberikan untuk menggantikan rekan yang cuti: PPID. Untuk cuti Ppid, ")
    assert withdrawn.startswith("Cuti dibatalkan: kelompok yang diberikan untuknya dicabut: PPID.")


def test_the_inbox_tells_the_officer_away_and_his_stand_in_of_the_leave(browser, client, login):
    r = client.post(
        f"{API}/absences",
        json={"username": "ppid", "substitute": "petugas2", "grant_lanes": True, **_days(0, 2)},
        headers=login("atasan"),
    )
    assert r.status_code == 201, r.json
    away = text(browser("ppid").get("/kotak-masuk"))
    assert "Anda sedang cuti sampai" in away
    assert "Petugas2 menggantikan Anda" in away
    standing_in = text(browser("petugas2").get("/kotak-masuk"))
    assert "Anda menggantikan Ppid yang sedang cuti sampai" in standing_in


def test_assigning_to_an_officer_on_leave_says_the_task_went_to_his_stand_in(desk, browser, client, login):
    receipt = desk.submit()
    desk.complete(receipt["ticket"], "periksa_kelengkapan")
    desk.complete(receipt["ticket"], "registrasi")
    task = desk.task(receipt["ticket"], "proses_permohonan")
    r = client.post(
        f"{API}/absences",
        json={"username": "ppid", "substitute": "petugas2", "grant_lanes": True, **_days(0, 2)},
        headers=login("atasan"),
    )
    assert r.status_code == 201, r.json
    b = browser("atasan")
    b.get("/kotak-masuk?scope=all")
    r = b.post(f"/tugas/{task['id']}/tugaskan", data={"username": "ppid"})
    page = text(b.get(r.headers["Location"]))
    assert "Ppid sedang cuti: tugas diberikan kepada penggantinya, Petugas2." in page


def test_the_inbox_filters_fold_into_one_line_that_says_how_many_are_active(desk, browser):
    b = browser("petugas")
    page = text(b.get("/kotak-masuk"))
    fold = re.search(r'<details class="filter-fold"[^>]*>\s*<summary>(.*?)</summary>', page, re.S)
    assert fold, "the filters are not folded"
    assert "Saring dan cari" in fold[1]
    assert "aktif" not in fold[1]
    filtered = text(b.get("/kotak-masuk?process=permohonan_informasi&due=overdue"))
    fold = re.search(r'<details class="filter-fold">\s*<summary>(.*?)</summary>', filtered, re.S)
    assert "(2 aktif)" in fold[1]
    assert '<option value="overdue" selected>' in filtered  # folded, not gone


def test_the_auditor_reads_that_the_lanes_went_when_the_leave_ended(app, browser, client, login, settings):
    """A leave that ended wrote no withdrawal: the reconcile sweep records it, as its end, not a cancellation."""
    r = client.post(
        f"{API}/absences",
        json={"username": "ppid", "substitute": "petugas2", "grant_lanes": True, **_days(0, 0)},
        headers=login("atasan"),
    )
    assert r.status_code == 201, r.json
    with app.app_context():
        ends_at = db.session.get(Absence, r.json["id"]).ends_at
    _reconcile_at(settings, ends_at + timedelta(hours=9))
    page = text(browser("auditor").get("/audit/akses"))
    assert "Cuti berakhir: kelompok yang diberikan untuknya dicabut: PPID." in page
    assert "Cuti dibatalkan" not in page


def test_the_inbox_says_standing_in_only_of_the_tasks_held_for_the_officer_away(desk, browser, client, login):
    """The label was inferred from lanes: every task of a lane the stand-in already worked read as held for him."""
    handed = desk.task(desk.submit()["ticket"], "periksa_kelengkapan")
    own = desk.task(desk.submit()["ticket"], "periksa_kelengkapan")
    assert client.post(f"{API}/tasks/{handed['id']}/claim", headers=login("petugas")).status_code == 200
    assert client.post(f"{API}/tasks/{own['id']}/claim", headers=login("petugas2")).status_code == 200
    r = client.post(f"{API}/absences", json={"substitute": "petugas2", **_days(0, 2)}, headers=login("petugas"))
    assert r.status_code == 201, r.json
    page = text(browser("petugas2").get("/kotak-masuk?scope=mine"))
    labels = re.findall(r"<small>menggantikan ([^<]+)</small>", page)
    assert labels == ["Petugas"]


def test_the_leave_page_offers_no_grant_to_whoever_may_not_grant_the_lanes(browser):
    """An admin records a PPID's leave, but grants no lane (engine.access.grant_refusal): the tick box and the
    stand-ins it would need were offered, and refused when sent."""
    page = text(browser("admin").get("/cuti?untuk=ppid"))
    assert "Tidak ada rekan lain di unit ini yang dapat menggantikan Ppid." in page  # everyone lacks the lane
    assert 'name="grant_lanes"' not in page
    assert "tidak di PPID" not in page
    own = text(browser("atasan").get("/cuti?untuk=ppid"))
    assert 'name="grant_lanes"' in own
    offered = re.search(r'<select id="absence-substitute".*?</select>', own, re.S)[0]
    assert '<option value="petugas2">' in offered
    assert '<option value="atasan"' not in offered  # the superior grants no lane to himself
