"""The officers' pages say things in words, never in the codes behind them: an officer by their name (not their login),
a unit by its name (not its code), a confirmed personal-data finding by its file and reason (not its code), a day as
every page writes days, and a time a browser's date-time field gives without a zone by what the officer can fix.

On SQLite alone, as the package's pages are (tests/web/conftest.py): the words are Python's over rows either database
returns alike; the inbox's queries are read on PostgreSQL by tests/web/test_inbox.py."""

import hashlib
import re
from datetime import UTC, datetime, timedelta

from babel.dates import format_date
from sqlalchemy import update

from api.extensions import db
from engine.models import User
from tests.conftest import request_payload
from tests.delivery.conftest import walk_to_delivery
from tests.helpers import STEP, decision
from tests.web.pages import text
from tests.web.test_event_pages import SUMMONS, objection  # noqa: F401 - the fixture, for the summons form
from tests.web.test_redaction_page import REDACTED
from tests.web.test_redaction_page import _form as redacted_handover

API = "/api/v1"


def _named(app, **names):
    """Give officers display names of their own ("ppid" -> "Budi Santoso"), as an office does."""
    with app.app_context():
        for login, name in names.items():
            db.session.execute(update(User).where(User.username == login).values(display_name=name))
        db.session.commit()


def test_the_inbox_the_case_page_and_a_refused_claim_name_the_officer_holding_a_task_by_name(
    app, desk, client, login, browser
):
    _named(app, petugas="Ani Lestari")
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    assert client.post(f"{API}/tasks/{task['id']}/claim", headers=login("petugas")).status_code == 200
    colleague = browser("petugas2")
    inbox = text(colleague.get("/kotak-masuk?scope=group"))
    assert '<td data-label="Dikerjakan oleh">Ani Lestari</td>' in inbox
    assert '<td data-label="Dikerjakan oleh">petugas</td>' not in inbox
    assert "Dikerjakan oleh: Ani Lestari" in text(colleague.get(f"/kasus/{receipt['ticket']}"))
    refused = colleague.post(f"/tugas/{task['id']}/ambil", {"next": "/kotak-masuk"})
    assert "sudah diambil oleh Ani Lestari" in text(colleague.get(refused.location))


def test_a_document_of_the_case_says_who_recorded_it_by_name_and_an_assignment_to_whom(
    app, desk, client, login, browser
):
    _named(app, ppid="Budi Santoso", petugas2="Rina Wulandari")
    receipt = desk.submit()
    ticket = receipt["ticket"]
    task = desk.task(ticket, "periksa_kelengkapan")
    assign = {"username": "petugas2"}
    assert client.post(f"{API}/tasks/{task['id']}/assign", json=assign, headers=login("ppid")).status_code == 200
    desk.complete(ticket, "periksa_kelengkapan", username="petugas2")
    for step in ("registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    page = text(browser("ppid").get(f"/kasus/{ticket}"))
    assert "Dicatat oleh Budi Santoso." in page  # the PPID's decision
    assert "Dicatat oleh ppid." not in page
    assert "→ Rina Wulandari" in page  # the history's assignment
    assert "→ petugas2" not in page


def test_the_unit_asked_reads_as_the_unit_s_name_on_the_tasks_after_the_request(desk, browser):
    receipt = desk.submit()
    ticket = receipt["ticket"]
    for step in ("periksa_kelengkapan", "registrasi"):
        desk.complete(ticket, step)
    desk.complete(ticket, "proses_permohonan", STEP["proses_permohonan_unit"])
    task = desk.task(ticket, "tanggapan_unit")
    page = text(browser("unit").get(f"/tugas/{task['id']}"))
    asked = re.search(r"<dt>Unit pengolah yang diminta</dt>\s*<dd>([^<]*)</dd>", page)
    assert asked, "the unit asked is not among what earlier steps recorded"
    assert asked[1] == "Kantor Wilayah (KANWIL)"


def test_a_confirmed_finding_reads_as_its_file_and_reason_never_its_code(desk, browser):
    ticket = walk_to_delivery(desk, "dikabulkan_sebagian")["ticket"]
    task_id = desk.task(ticket, "penyerahan_informasi")["id"]
    b = browser("petugas")
    b.get(f"/tugas/{task_id}")
    ref = f"{hashlib.sha256(REDACTED).hexdigest()[:12]}-1"
    confirmed = {"konfirmasi_temuan.0.temuan": ref, "konfirmasi_temuan.0.alasan": "jabatan_publik"}
    sent = b.post(f"/tugas/{task_id}", redacted_handover(desk, ticket, **confirmed), content_type="multipart/form-data")
    assert sent.status_code == 302, text(sent)[:2000]
    page = text(browser("ppid").get(f"/kasus/{ticket}"))
    reason = "Berkaitan dengan jabatan publik (Pasal 18 ayat 2 huruf b)"
    assert f"<dd>daftar.pdf, temuan ke-1: {reason}</dd>" in page  # the handover record on the case page
    assert ref not in page
    assert "jabatan_publik" not in page
    # Each redaction's row by its fields, the Article 17 letter by its words ("1; 1; h" before).
    assert "Berkas yang diserahkan (urutan): 1, Berkas asli (urutan): 1, Alasan: Pasal 17 huruf — huruf h" in page


def test_a_follow_up_on_a_day_off_names_the_next_working_day_as_the_pages_write_days(app, desk, browser):
    receipt = desk.submit()
    task = desk.task(receipt["ticket"], "periksa_kelengkapan")
    b = browser("petugas")
    b.get(f"/tugas/{task['id']}")
    b.post(f"/tugas/{task['id']}/ambil", {"next": f"/tugas/{task['id']}"})
    b.get(f"/tugas/{task['id']}")
    rt = app.extensions["kawal_runtime"]
    with app.app_context():
        today = rt.today()
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 or 7)
    office = rt.calendars["lenient"]
    after = next(d for d in (saturday + timedelta(days=n) for n in range(1, 30)) if office.is_working_day(d))
    refused = text(b.post(f"/tugas/{task['id']}/tindak-lanjut", {"on": str(saturday)}))
    assert f"hari kerja berikutnya {format_date(after, 'd MMM y', locale='id')}" in refused
    assert after.isoformat() not in refused


def test_the_desk_form_asks_for_a_past_time_of_receipt_without_a_time_zone(browser, client, login, unchanged):
    desk = browser("petugas")
    desk.get("/loket/permohonan")
    payload = request_payload()
    form = {f"requester.{k}": v for k, v in payload.pop("requester").items()} | payload
    coming = (datetime.now(UTC) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    with unchanged():
        r = desk.post("/loket/permohonan", form | {"channel": "pos", "received_at": coming})
    assert r.status_code == 422
    error = re.search(r'id="f-received_at-error"[^>]*>(.*?)</p>', text(r), re.S)
    assert error, "no error beside the time of receipt"
    assert "Waktu yang sudah lewat, paling lama setahun lalu." in error[1]
    assert "zona waktu" not in text(r)
    # The API's caller sends the zone itself: its message still asks for one.
    body = request_payload(channel="pos", received_at=(datetime.now(UTC) + timedelta(days=2)).isoformat())
    with unchanged():
        api = client.post(f"{API}/requests", json=body, headers=login("petugas"))
    assert "zona waktu" in api.json["errors"]["received_at"][0]


def test_the_summons_form_asks_for_a_past_time_it_was_received_without_a_time_zone(browser, objection):  # noqa: F811
    b = browser("ppid")
    b.get(f"/sengketa/baru?perkara={objection}")
    coming = (datetime.now(UTC) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    r = b.post("/sengketa/baru", data={"perkara": objection, **SUMMONS, "alasan": "a", "panggilan_diterima_at": coming})
    assert r.status_code == 422
    error = re.search(r'id="f-panggilan_diterima_at-error"[^>]*>(.*?)</p>', text(r), re.S)
    assert error, "no error beside the time the summons was received"
    assert "Waktu yang sudah lewat." in error[1]
    assert "zona waktu" not in text(r)
