"""The auditor console: who may open it, the downloads (the API export's rows, streamed as attachments),
the process filter, the hash chain check and its breaks, both languages."""

import csv
import hashlib
import io
import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from api.extensions import db
from engine.audit import VERIFY_BY, record, verify_chains
from engine.models import Case, CaseEvent
from tests.conftest import complaint_payload
from tests.web.pages import text

API = "/api/v1"
OFFICE = ZoneInfo("Asia/Jakarta")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def two_cases(desk, client):
    """An information request one step in, and a confidential complaint: (request ticket, complaint ticket)."""
    request = desk.submit()
    desk.complete(request["ticket"], "periksa_kelengkapan")
    r = client.post(f"{API}/complaints", json=complaint_payload("rahasia"))
    assert r.status_code == 201, r.json
    return request["ticket"], r.json["ticket"]


@pytest.fixture
def auditor(browser):
    return browser("auditor")


def today() -> str:
    return datetime.now(OFFICE).date().isoformat()


def api_export(client, login, fmt, **query):
    r = client.get(f"{API}/audit/export", query_string={"format": fmt, **query}, headers=login("auditor"))
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_data()
    r.close()
    return body


def download(b, fmt, **query):
    """The console's download: status 200, buffered, closed as a WSGI server closes it (XLSX: its file)."""
    r = b.client.get("/audit/unduh", query_string={"format": fmt, **query})  # bytes: not Browser.get's text
    assert r.status_code == 200, r.status
    r.get_data()
    r.close()
    return r


def csv_tickets(body: bytes) -> set[str]:
    return {row[1] for row in list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[1:]}


def sheet(body: bytes) -> list[list]:
    return [list(row) for row in load_workbook(io.BytesIO(body), read_only=True).active.iter_rows(values_only=True)]


def tamper(app, ticket, seq=2):
    """Change an event's data behind the engine's back, as someone with database access might."""
    with app.app_context():
        case_id = db.session.scalar(select(Case.id).where(Case.ticket == ticket))
        db.session.execute(
            update(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.seq == seq).values(data={"forged": True})
        )
        db.session.commit()


# --- who may open it ------------------------------------------------------------------------------


def test_the_console_renders_for_the_auditor_in_bahasa_indonesia(auditor):
    r = auditor.get("/audit")
    assert r.status_code == 200
    page = text(r)
    assert "<h1>Konsol auditor</h1>" in page
    assert '<label for="audit-from">Hari pertama</label>' in page
    assert '<label for="audit-to">Hari terakhir</label>' in page
    assert "<legend>Periode</legend>" in page
    assert '<option value="pengaduan">Pengaduan Masyarakat</option>' in page
    assert '<option value="permohonan_informasi">Permohonan Informasi Publik</option>' in page
    for fmt in ("csv", "jsonl", "xlsx"):
        assert f'name="format" value="{fmt}"' in page
    assert 'action="/audit/unduh"' in page
    assert 'role="status" aria-live="polite"' in page
    assert '<script src="/assets/audit.js" defer></script>' in page
    assert "<script>" not in page  # the CSP allows no inline script
    assert "Periksa rantai hash" in page


def test_the_console_speaks_english_by_choice(auditor):
    auditor.get("/bahasa/en")
    page = text(auditor.get("/audit"))
    assert "<h1>Auditor console</h1>" in page
    assert '<label for="audit-from">First day</label>' in page
    assert '<option value="pengaduan">Public complaint</option>' in page
    assert "Check the hash chains" in page


@pytest.mark.parametrize("username", ["ppid", "petugas", "atasan", "admin"])
@pytest.mark.parametrize("path", ["/audit", "/audit/unduh?format=csv", "/audit?periksa=1", "/audit/jangkar"])
def test_other_officers_get_the_403_page(browser, username, path):
    r = browser(username).get(path)
    assert r.status_code == 403
    assert r.mimetype == "text/html"
    assert "khusus auditor" in text(r)


@pytest.mark.parametrize("path", ["/audit", "/audit/unduh?format=jsonl"])
def test_anonymous_visitors_are_sent_to_the_login(browser, path):
    r = browser().get(path)
    assert r.status_code == 302
    assert r.location.startswith("/masuk?next=")


def test_the_progress_script_is_served(browser):
    r = browser().get("/assets/audit.js")
    assert r.status_code == 200
    assert "X-Kawal-Events" in text(r)
    r.close()


# --- downloads ------------------------------------------------------------------------------------


def test_csv_download_has_the_api_exports_rows(two_cases, auditor, client, login):
    r = download(auditor, "csv")
    assert r.mimetype == "text/csv"
    assert r.headers["Content-Disposition"] == "attachment; filename=kawal-audit.csv"
    assert r.headers["Cache-Control"] == "no-store"
    body = r.get_data()
    assert body == api_export(client, login, "csv")
    assert csv_tickets(body) == set(two_cases)
    assert int(r.headers["X-Kawal-Events"]) == len(body.decode().splitlines()) - 1


def test_jsonl_download_has_the_api_exports_rows(two_cases, auditor, client, login):
    r = download(auditor, "jsonl")
    assert r.mimetype == "application/x-ndjson"
    assert r.headers["Content-Disposition"] == "attachment; filename=kawal-audit.jsonl"
    body = r.get_data()
    assert body == api_export(client, login, "jsonl")
    lines = body.decode().splitlines()
    assert {json.loads(line)["ticket"] for line in lines} == set(two_cases)
    assert r.headers["X-Kawal-Events"] == str(len(lines))


def test_xlsx_download_has_the_api_exports_rows(two_cases, auditor, client, login):
    r = download(auditor, "xlsx")
    assert r.mimetype == XLSX
    assert r.headers["Content-Disposition"] == "attachment; filename=kawal-audit.xlsx"
    body = r.get_data()
    assert r.headers["Content-Length"] == str(len(body))
    rows = sheet(body)
    assert rows == sheet(api_export(client, login, "xlsx"))
    assert rows[1][:6] == ["instansi", "tiket", "urutan", "waktu", "peristiwa", "pelaku"]  # under the title row
    assert {row[1] for row in rows[2:]} == set(two_cases)
    assert r.headers["X-Kawal-Events"] == str(len(rows) - 2)


def test_the_period_is_office_days_with_the_last_day_included(two_cases, auditor, client, login):
    day = today()
    start = datetime.fromisoformat(day).replace(tzinfo=OFFICE)
    window = {"from": start.isoformat(), "to": (start + timedelta(days=1)).isoformat()}
    r = download(auditor, "csv", **{"from": day, "to": day})
    assert r.headers["Content-Disposition"] == f"attachment; filename=kawal-audit-{day}_{day}.csv"
    assert r.get_data() == api_export(client, login, "csv", **window)
    assert csv_tickets(r.get_data()) == set(two_cases)
    # A period that ended yesterday holds none of today's cases: the header line only.
    yesterday = (start - timedelta(days=1)).date().isoformat()
    r = download(auditor, "csv", to=yesterday)
    assert r.get_data().decode("utf-8-sig").splitlines() == [
        "instansi,tiket,urutan,waktu,peristiwa,pelaku,uraian_peristiwa,hash_sebelumnya,hash"
    ]
    assert r.headers["X-Kawal-Events"] == "0"
    r = download(auditor, "jsonl", **{"from": (start + timedelta(days=1)).date().isoformat()})
    assert r.get_data() == b""


@pytest.mark.parametrize(("process", "index"), [("permohonan_informasi", 0), ("pengaduan", 1)])
def test_the_process_filter_narrows_every_format(two_cases, auditor, client, login, process, index):
    expected = {two_cases[index]}
    r = download(auditor, "csv", process=process)
    assert csv_tickets(r.get_data()) == expected
    assert r.get_data() == api_export(client, login, "csv", process=process)
    assert r.headers["Content-Disposition"] == f"attachment; filename=kawal-audit-{process}.csv"
    body = download(auditor, "jsonl", process=process).get_data().decode()
    assert {json.loads(line)["ticket"] for line in body.splitlines()} == expected
    rows = sheet(download(auditor, "xlsx", process=process).get_data())
    assert {row[1] for row in rows[2:]} == expected


def test_a_wrong_choice_comes_back_as_the_form_with_messages(auditor):
    r = auditor.get("/audit/unduh", query_string={"from": "2026-03-31", "to": "2026-01-01", "process": "pajak"})
    assert r.status_code == 422
    page = text(r)
    assert 'id="audit-to" name="to" value="2026-01-01"' in page
    assert "Hari terakhir tidak boleh sebelum hari pertama." in page
    assert "Pilih salah satu proses dalam daftar." in page
    assert "Pilih CSV, JSON lines atau XLSX." in page
    assert 'aria-invalid="true"' in page
    r = auditor.get("/audit", query_string={"from": "31/03/2026", "periksa": "1"})
    assert r.status_code == 200
    assert "Masukkan tanggal seperti 2026-03-31." in text(r)
    assert "verify-ok" not in text(r)


# --- the hash chain check -------------------------------------------------------------------------


def test_the_check_says_ok_on_a_clean_database(two_cases, auditor, client, login):
    events = int(download(auditor, "csv").headers["X-Kawal-Events"])
    page = text(auditor.get("/audit", query_string={"periksa": "1"}))
    assert '<div class="flash flash-success verify-ok">' in page
    assert "<strong>OK:</strong> semua rantai hash terverifikasi." in page
    assert f"Diperiksa: 2 kasus dan {events} peristiwa." in page
    assert "<table" not in page.split('<section class="audit-reads"')[0]  # no break listed (the export is, below)
    assert "Periode: seluruh riwayat" in page
    assert (
        "Rantai hash terverifikasi: 0 catatan akun, 0 catatan unit, 0 catatan kalender, 0 catatan standar biaya dan 0"
        " catatan penetapan pengecualian" in page
    )  # the access changes' chains too


def test_a_long_check_sends_the_page_at_once_then_its_progress_then_the_verdict(monkeypatch, two_cases, auditor):
    """A province's history takes minutes to hash, and a proxy answers a page silent for 70 s with a 504: the
    page's top goes first, a line of progress follows every PROGRESS_EVERY events, the verdict comes last."""
    from engine import audit as engine_audit

    events = int(download(auditor, "csv").headers["X-Kawal-Events"])
    monkeypatch.setattr(engine_audit, "PROGRESS_EVERY", 2)
    r = auditor.client.get("/audit", query_string={"periksa": "1"}, buffered=False)
    parts = [chunk.decode() if isinstance(chunk, bytes) else chunk for chunk in r.response]
    r.close()
    assert r.headers["X-Accel-Buffering"] == "no"
    assert "Periode: seluruh riwayat" in parts[0]
    assert "verify-ok" not in parts[0]
    told = [p for p in parts if "check-progress" in p]
    assert [re.search(r"Memeriksa… (\d+) peristiwa sejauh ini", p)[1] for p in told] == [
        str(n) for n in [*range(2, events + 1, 2), events, events]
    ]
    verdict = next(i for i, p in enumerate(parts) if "verify-ok" in p)
    assert verdict > parts.index(told[-1])
    assert "</html>" in parts[-1]


def test_a_workbook_of_more_events_than_it_may_hold_is_refused_naming_the_other_formats(
    monkeypatch, two_cases, auditor
):
    """A workbook is written whole before its first byte: past XLSX_MAX_EVENTS (half a minute of writing) the
    proxy's 70 s would answer 504. The console says so on the format, with the count; CSV still downloads."""
    from api import exports

    events = int(download(auditor, "csv").headers["X-Kawal-Events"])
    monkeypatch.setattr(exports, "XLSX_MAX_EVENTS", events - 1)
    r = auditor.client.get("/audit/unduh", query_string={"format": "xlsx"})
    assert r.status_code == 422
    page = text(r)
    told = f"{events} peristiwa terlalu banyak untuk satu buku kerja (paling banyak {events - 1})"
    assert told in page
    assert "unduh CSV atau JSON lines" in page
    assert download(auditor, "csv").status_code == 200
    monkeypatch.setattr(exports, "XLSX_MAX_EVENTS", events)
    assert download(auditor, "xlsx").mimetype.endswith("spreadsheetml.sheet")


def test_the_console_lists_the_last_checks_its_own_and_the_servers(two_cases, auditor, app):
    """The nightly `kawal audit verify` writes to a journal the auditor cannot read: every check that ran to its
    end is listed on the console, who ran it, over what, and what it found."""
    assert "Pemeriksaan rantai terakhir" not in text(auditor.get("/audit"))
    auditor.get("/audit", query_string={"periksa": "1", "process": "pengaduan"}).get_data()
    with app.app_context():
        verification = verify_chains(db.session)
        record(db.session, verification, VERIFY_BY, {}, 12.0)
        db.session.commit()
    page = text(auditor.get("/audit"))
    listed = page.split('id="checks-title"')[1].split("</table>")[0]
    rows = listed.split("<tr")[2:]  # after the header's row
    assert "server (kawal audit verify)" in rows[0]
    assert "seluruh riwayat: 2 kasus" in rows[0]
    assert ">OK</td>" in rows[0]
    assert ">Auditor<" in rows[1]  # the auditor by name (the test office names each officer by login, titled)
    assert "seluruh riwayat · Pengaduan Masyarakat: 1 kasus" in rows[1]
    auditor.get("/audit", query_string={"periksa": "1", "from": "2020-01-01"}).get_data()
    newest = text(auditor.get("/audit")).split('id="checks-title"')[1].split("<tr")[2]
    assert "2020-01-01 sampai hari ini: 2 kasus" in newest


def test_the_console_without_a_check_shows_no_verdict(two_cases, auditor):
    page = text(auditor.get("/audit"))
    assert "verify-ok" not in page
    assert "verify-broken" not in page


def test_the_check_lists_a_tampered_event(two_cases, auditor, app):
    request_ticket, complaint_ticket = two_cases
    tamper(app, request_ticket)
    page = text(auditor.get("/audit", query_string={"periksa": "1", "from": today(), "to": today()}))
    assert '<div class="flash flash-error verify-broken">' in page
    assert "<strong>RUSAK:</strong> 1 dari 2 kasus tidak terverifikasi." in page
    assert f'<td data-label="Kasus">{request_ticket}</td>' in page
    assert '<td data-label="Peristiwa">2</td>' in page
    assert "isi tidak cocok dengan hash-nya" in page
    assert complaint_ticket not in page
    # The complaint's chain alone verifies; in English the break reads as the engine says it.
    page = text(auditor.get("/audit", query_string={"periksa": "1", "process": "pengaduan"}))
    assert "verify-ok" in page
    assert "Diperiksa: 1 kasus dan" in page
    auditor.get("/bahasa/en")
    page = text(auditor.get("/audit", query_string={"periksa": "1"}))
    assert "<strong>BROKEN:</strong> 1 of 2 cases does not verify." in page
    assert "Checked: 2 cases and " in page
    assert '<td data-label="What is wrong">content does not match its hash</td>' in page


def test_the_check_names_a_cut_off_history(two_cases, auditor, app):
    request_ticket, _ = two_cases
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == request_ticket))
        last = case.event_seq
        db.session.execute(CaseEvent.__table__.delete().where(CaseEvent.case_id == case.id, CaseEvent.seq == last))
        db.session.commit()
    page = text(auditor.get("/audit", query_string={"periksa": "1"}))
    assert "verify-broken" in page
    assert f'<td data-label="Peristiwa">{last}</td>' in page
    assert f"riwayat berakhir pada peristiwa {last - 1}" in page


def test_a_check_broken_in_more_cases_than_the_page_lists_counts_them_all(monkeypatch, two_cases, auditor, app):
    """Rows bulk-changed break as many chains: the page counts every broken case and lists the first."""
    from api.web import audit

    with app.app_context():
        for ticket in two_cases:  # each case's last event removed, its head left: the chain ends early
            case = db.session.scalar(select(Case).where(Case.ticket == ticket))
            db.session.execute(
                CaseEvent.__table__.delete().where(CaseEvent.case_id == case.id, CaseEvent.seq == case.event_seq)
            )
        db.session.commit()
    monkeypatch.setattr(audit, "BREAKS_LISTED", 1)
    page = text(auditor.get("/audit", query_string={"periksa": "1"}))
    assert "<strong>RUSAK:</strong> 2 dari 2 kasus tidak terverifikasi." in page
    listed = page.split("verify-broken")[1].split("</table>")[0]
    assert listed.count('<td data-label="Kasus">') == 1
    assert "Hanya 1 yang pertama dicantumkan di sini." in page


# --- anchors ------------------------------------------------------------------------------------------


def anchor_check(b, body: bytes, name: str = "kawal-jangkar.jsonl"):
    """Upload an anchor from the console's form (opened first, as the auditor does: its CSRF token)."""
    b.get("/audit")
    return b.post("/audit/jangkar/periksa", {"anchor": (io.BytesIO(body), name)}, content_type="multipart/form-data")


def cut_and_reseal(app, ticket) -> int:
    """What one who can write to the database does to hide a case's last step: delete it and wind the case's head
    back to the event before, so that every chain inside the database still verifies."""
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        seq = case.event_seq
        last = db.session.scalar(select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.seq == seq))
        prev_hash = last.prev_hash
        db.session.delete(last)
        db.session.execute(update(Case).where(Case.id == case.id).values(event_seq=seq - 1, event_hash=prev_hash))
        db.session.commit()
    return seq


def test_an_anchor_from_the_console_later_shows_a_history_cut_and_resealed_that_the_chains_miss(
    two_cases, auditor, app
):
    """The auditor, who has no shell on the server, downloads an anchor, keeps it, and later checks the database
    against it: a case's last event deleted and its head wound back passes the hash chain check, not the anchor's."""
    request_ticket, complaint_ticket = two_cases
    r = auditor.client.get("/audit/jangkar")
    body = r.get_data()
    r.close()  # as the WSGI server does once it has sent the file
    assert r.status_code == 200
    assert r.headers["Content-Disposition"].startswith("attachment; filename=kawal-jangkar-")
    assert r.headers["Cache-Control"] == "no-store"
    lines = body.decode().splitlines()
    assert json.loads(lines[-1]) == {"digest": r.headers["X-Kawal-Anchor-Digest"]}
    assert {json.loads(line).get("ticket") for line in lines} >= {request_ticket, complaint_ticket}
    assert r.headers["X-Kawal-Cases"] == "2"

    page = text(anchor_check(auditor, body))
    assert '<div class="flash flash-success anchor-ok" role="status">' in page
    assert "setiap peristiwa pada jangkar masih ada dalam rantainya" in page
    assert "(kawal-jangkar.jsonl, 2 kasus, digest " + r.headers["X-Kawal-Anchor-Digest"][:16] in page

    seq = cut_and_reseal(app, request_ticket)
    assert "verify-ok" in text(auditor.get("/audit", query_string={"periksa": "1"}))  # the chains see nothing
    page = text(anchor_check(auditor, body))
    assert "<strong>RUSAK:</strong> 1 kasus pada jangkar tidak lagi seperti semula." in page
    assert f'<td data-label="Kasus">{request_ticket}</td>' in page
    assert f'<td data-label="Peristiwa">{seq}</td>' in page
    assert re.search(rf"riwayat dipotong: jangkar \d+ \w+ \d{{4}}, \d\d:\d\d WIB memuat peristiwa {seq}", page)
    assert complaint_ticket not in page.split("anchor-broken")[1].split("</table>")[0]
    auditor.get("/bahasa/en")
    page = text(anchor_check(auditor, body))
    assert re.search(rf"the history was cut: the anchor of \d+ \w+ \d{{4}}, \d\d:\d\d WIB holds event {seq}", page)


def test_an_anchor_broken_in_more_cases_than_the_page_lists_counts_them_all(monkeypatch, two_cases, auditor, app):
    """A database restored from a backup older than the anchor breaks every case changed since: the page counts
    them all and lists the first, in ticket order."""
    from api.web import audit

    download = auditor.client.get("/audit/jangkar")
    body = download.get_data()
    download.close()
    for ticket in two_cases:
        cut_and_reseal(app, ticket)
    monkeypatch.setattr(audit, "BREAKS_LISTED", 1)
    page = text(anchor_check(auditor, body))
    assert "<strong>RUSAK:</strong> 2 kasus pada jangkar tidak lagi seperti semula." in page
    listed = page.split("anchor-broken")[1].split("</table>")[0]
    assert listed.count('<td data-label="Kasus">') == 1
    assert min(two_cases) in listed
    assert "Hanya 1 yang pertama dicantumkan di sini, menurut urutan tiket." in page


def test_an_anchor_file_that_was_edited_or_is_missing_is_refused_with_the_reason(two_cases, auditor):
    download = auditor.client.get("/audit/jangkar")
    body = download.get_data()
    download.close()
    ticket = two_cases[0]
    forged = body.replace(ticket.encode(), ticket[:-1].encode() + b"9", 1)
    r = anchor_check(auditor, forged)
    assert r.status_code == 422
    page = text(r)
    assert "Berkas ini tidak dapat dipercaya sebagai jangkar: digest-nya tidak cocok dengan isinya" in page
    assert 'aria-invalid="true"' in page
    assert "anchor-ok" not in page
    assert "anchor-broken" not in page
    cut = anchor_check(auditor, b"\n".join(body.splitlines()[:-1]) + b"\n")
    assert (cut.status_code, "berkas terpotong" in text(cut)) == (422, True)
    picture = anchor_check(auditor, b"\x89PNG\r\n\x1a\n", "foto.png")
    assert (picture.status_code, "baris 1: bukan JSON" in text(picture)) == (422, True)
    header, *_heads = body.splitlines(keepends=True)
    no_number = header + json.dumps({"ticket": ticket, "hash": "0" * 64}).encode() + b"\n"  # whole, yet no head
    sealed = no_number + json.dumps({"digest": hashlib.sha256(no_number).hexdigest()}).encode() + b"\n"
    r = anchor_check(auditor, sealed)
    assert (r.status_code, "baris 2: bukan ujung rantai kasus" in text(r)) == (422, True)
    again = anchor_check(auditor, body)  # the refused file left nothing behind on the worker's connection
    assert (again.status_code, "anchor-ok" in text(again)) == (200, True)
    auditor.get("/audit")
    none = auditor.post("/audit/jangkar/periksa", {}, content_type="multipart/form-data")
    assert (none.status_code, "Pilih berkas jangkar yang menjadi pembanding." in text(none)) == (422, True)


@pytest.mark.parametrize("username", ["ppid", "admin"])
def test_only_an_auditor_checks_against_an_anchor(browser, username):
    officer = browser(username)
    officer.get("/kotak-masuk")  # a page with a form: its CSRF token
    r = officer.post("/audit/jangkar/periksa", {"anchor": (io.BytesIO(b"{}"), "a.jsonl")})
    assert r.status_code == 403


def test_an_anchor_larger_than_any_attachment_is_taken_on_its_own_path(monkeypatch, app, auditor):
    """An anchor holds about 100 bytes a case: a province's is far larger than the app's body limit, which is set for
    five attachments (51 MiB; here 200 KiB: the test client sends a body under 500 KiB from memory, not a temporary
    file). The anchor's path takes it; every other form keeps the limit."""
    limit = 200 * 1024
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", limit)
    header = {"anchor": "kawal-audit-anchor/1", "made_at": "2026-12-05T09:00:00+00:00", "agency": "x" * limit}
    line = (json.dumps(header, sort_keys=True, separators=(",", ":")) + "\n").encode()
    body = line + (json.dumps({"digest": hashlib.sha256(line).hexdigest()}) + "\n").encode()
    assert len(body) > limit
    r = anchor_check(auditor, body)
    page = text(r)
    assert r.status_code == 200, re.findall(r"<h1>.*?</h1>|<p[^>]*>[^<]*</p>", page)[:6]
    assert '<div class="flash flash-success anchor-ok" role="status">' in page
    auditor.get("/audit")
    other = auditor.post("/publik/status", {"ticket": "x" * limit, "access_code": "y"})
    assert other.status_code == 413


def test_the_console_lists_who_took_the_history_out_exports_and_anchors_by_every_way(
    two_cases, auditor, client, login, app
):
    """Separation of duties: who read what is kept as who changed what. Every export (the console's, the API's,
    ``kawal audit export``'s, engine.audit.record_read) and every anchor downloaded or checked on the console is
    listed: who, when, the period, process or case, the format; never a requester's or a reporter's data."""
    request, _complaint = two_cases
    assert "Ekspor dan jangkar terakhir" not in text(auditor.get("/audit"))
    download(auditor, "csv", ticket=request)
    api_export(client, login, "jsonl", process="pengaduan", **{"from": "2020-01-01T00:00:00+07:00"})
    r = auditor.client.get("/audit/jangkar")
    anchor = r.get_data()
    r.close()
    anchor_check(auditor, anchor)
    page = text(auditor.get("/audit"))
    listed = page.split('id="reads-title"')[1].split("</table>")[0]
    rows = listed.split("<tr")[2:]  # after the header's row, newest first
    assert len(rows) == 4
    assert "Diperiksa terhadap jangkar · Konsol" in rows[0]
    assert "Semua kasus" in rows[0]
    assert "Jangkar diunduh · Konsol" in rows[1]
    assert "Ekspor (JSON lines) · API" in rows[2]
    assert "2020-01-01 sampai hari ini · Pengaduan Masyarakat" in rows[2]
    assert "Ekspor (CSV) · Konsol" in rows[3]
    assert f"Kasus {request}" in rows[3]
    assert all(">Auditor<" in row for row in rows)
    auditor.get("/bahasa/en")
    english = text(auditor.get("/audit"))
    assert "Last exports and anchors" in english
    assert "Export (CSV) · Console" in english
