"""``kawal audit export``: the tamper-evident history written to a file on the server, exactly as the API's export
(GET /api/v1/audit/export) writes it, for one case or a period; ``kawal audit verify FILE`` checks what it wrote.
A date, a ticket or a file the command cannot use is named, with an exit code other than 0, and leaves no file."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from api.cli import main
from engine import clock
from tests.conftest import complaint_payload, sqlite_only

API = "/api/v1"
OFFICE = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def kawal(db_url, monkeypatch):
    monkeypatch.setenv("KAWAL_DATABASE_URL", db_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    runner = CliRunner()

    def run(*args, input=None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return run


@pytest.fixture
def history(desk, client):
    """An information request one step in and a whistleblower's complaint: their tickets."""
    request = desk.submit()
    desk.complete(request["ticket"], "periksa_kelengkapan")
    r = client.post(f"{API}/complaints", json=complaint_payload("whistleblower"))
    assert r.status_code == 201, r.json
    return request["ticket"], r.json["ticket"]


def api_export(client, login, **query) -> bytes:
    r = client.get(f"{API}/audit/export", query_string=query, headers=login("auditor"))
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_data()
    r.close()
    return body


# On PostgreSQL too: the export read from the database in each format, byte for byte the API's; a period of office
# days as the SQL compares the events' timestamps; the export recorded for the auditor's console (its scope a JSON
# column, in order). The others are @sqlite_only: arguments refused before the database is read, files, wording,
# and one case's export again (test_an_export_on_the_server_is_recorded_... exports a case on PostgreSQL).
def test_the_cli_export_is_the_api_export_byte_for_byte_in_each_format(kawal, history, client, login, tmp_path):
    for args, query in [
        ((), {}),
        (("--format", "jsonl"), {"format": "jsonl"}),
        (("--format", "csv"), {"format": "csv"}),
        (("--format", "csv", "--lang", "en"), {"format": "csv", "lang": "en"}),
    ]:
        out = tmp_path / "riwayat.out"
        done = kawal("audit", "export", *args, "--output", str(out))
        assert done.exit_code == 0, done.output
        assert out.read_bytes() == api_export(client, login, **query), args
    lines = out.read_bytes()  # the CSV in English: the event in words beside its name
    assert b"event_in_words" in lines.splitlines()[0]


def test_a_period_is_office_days_the_last_included_as_the_console_reads_it(kawal, history, client, login, tmp_path):
    day = clock.now().astimezone(OFFICE).date()
    start = datetime.combine(day, datetime.min.time(), tzinfo=OFFICE)
    window = {"from": start.isoformat(), "to": (start + timedelta(days=1)).isoformat()}
    out = tmp_path / "hari-ini.jsonl"
    done = kawal("audit", "export", "--from", day.isoformat(), "--to", day.isoformat(), "--output", str(out))
    assert done.exit_code == 0, done.output
    assert out.read_bytes() == api_export(client, login, **window)
    assert {json.loads(line)["ticket"] for line in out.read_text().splitlines()} == set(history)
    yesterday = (day - timedelta(days=1)).isoformat()
    assert kawal("audit", "export", "--to", yesterday, "--output", str(out)).exit_code == 0
    assert out.read_bytes() == b""  # nothing happened before today


# One case's export: the same query as the whole one's; the file is checked in Python.
@sqlite_only
def test_one_case_s_history_is_the_api_export_s_lines_of_that_case_and_verifies(
    kawal, history, client, login, tmp_path
):
    request, complaint = history
    out = tmp_path / "satu-kasus.jsonl"
    done = kawal("audit", "export", "--case", complaint.lower(), "--output", str(out))
    assert done.exit_code == 0, done.output
    whole = api_export(client, login).splitlines(keepends=True)
    assert out.read_bytes().splitlines(keepends=True) == [x for x in whole if json.loads(x)["ticket"] == complaint]
    assert f"{len(out.read_bytes().splitlines())} event(s) of 1 case(s) written to {out}" in done.output
    checked = kawal("audit", "verify", str(out))  # the file as a plain argument, as --file
    assert checked.exit_code == 0, checked.output
    assert f"every chain in {out} is intact" in checked.output
    rows = out.read_text().splitlines()
    first = json.loads(rows[0])
    rows[0] = json.dumps({**first, "actor": "someone-else"}, ensure_ascii=False, sort_keys=True)
    out.write_text("\n".join(rows) + "\n")
    broken = kawal("audit", "verify", str(out))
    assert broken.exit_code == 1
    assert f"case {complaint}, event 1 (line 1): content does not match its hash" in broken.output
    csv_out = tmp_path / "satu-kasus.csv"
    assert kawal("audit", "export", "--case", request, "--format", "csv", "--output", str(csv_out)).exit_code == 0
    assert {line.split(",")[1] for line in csv_out.read_text().splitlines()[1:]} == {request}
    told = kawal("audit", "verify", str(csv_out))
    assert told.exit_code != 0
    assert "is a CSV export, for reading: check the JSON lines export" in told.output


@sqlite_only
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--from", "2026-13-01"), "--from: 2026-13-01 is not a date: write it as YYYY-MM-DD (an office day)"),
        (("--to", "kemarin"), "--to: kemarin is not a date: write it as YYYY-MM-DD (an office day)"),
        (("--from", "2026-12-02", "--to", "2026-12-01"), "--to: 2026-12-01 is before --from (2026-12-02)"),
        (("--case", "PPID-2026-999999"), "--case PPID-2026-999999: case not found"),
        # An unset $TICKET in a script: refused, never the whole history.
        (("--case", ""), "--case '': a ticket like PPID-"),
        (("--case", "  "), "--case '  ': a ticket like PPID-"),
        # One case is taken whole: a period or a process beside it would leave part of it, or nothing, out.
        (
            ("--case", "{request}", "--from", "2026-01-01"),
            "--case {request}: one case is exported and checked whole: leave the period and the process empty",
        ),
        (("--case", "{request}", "--process", "keberatan"), "exported and checked whole"),
    ],
)
def test_a_date_or_a_ticket_the_export_cannot_use_is_named_and_writes_nothing(kawal, history, tmp_path, args, said):
    request, _complaint = history
    out = tmp_path / "riwayat.jsonl"
    done = kawal("audit", "export", *(a.format(request=request) for a in args), "--output", str(out))
    assert done.exit_code != 0
    assert said.format(request=request) in done.output
    assert list(tmp_path.iterdir()) == []


@sqlite_only
def test_a_file_the_export_cannot_write_is_named(kawal, history, tmp_path):
    missing = tmp_path / "tidak-ada" / "riwayat.jsonl"
    done = kawal("audit", "export", "--output", str(missing))
    assert done.exit_code != 0
    assert f"cannot write {missing}: no folder {missing.parent}" in done.output
    folder = tmp_path / "folder"
    folder.mkdir()
    done = kawal("audit", "export", "--output", str(folder))
    assert done.exit_code != 0
    assert f"cannot write {folder}: it is a folder" in done.output
    assert list(folder.iterdir()) == []
    assert "--output" in kawal("audit", "export").output  # required: a missing file is said, not a traceback


@sqlite_only
def test_a_csv_saved_again_by_a_spreadsheet_with_a_bom_is_still_refused_as_a_csv(kawal, history, tmp_path):
    csv_out = tmp_path / "riwayat.csv"
    assert kawal("audit", "export", "--format", "csv", "--output", str(csv_out)).exit_code == 0
    excel = tmp_path / "riwayat-excel.csv"  # Excel's "CSV UTF-8" keeps the export's byte order mark first
    excel.write_bytes(csv_out.read_bytes())
    assert excel.read_bytes().startswith("\ufeff".encode())
    told = kawal("audit", "verify", str(excel))
    assert told.exit_code != 0
    assert f"{excel} is a CSV export, for reading: check the JSON lines export" in told.output


def test_an_export_on_the_server_is_recorded_for_the_auditor_s_console(kawal, history, app, tmp_path):
    """Who read what (engine.audit.record_read): an export written on the server is listed on the console as the
    command's, with its case or period and its format."""
    from api.extensions import db
    from engine.audit import EXPORT_BY, recent_reads

    request, _complaint = history
    assert kawal("audit", "export", "--case", request, "--output", str(tmp_path / "a.jsonl")).exit_code == 0
    done = kawal("audit", "export", "--from", "2026-01-01", "--format", "csv", "--output", str(tmp_path / "b.csv"))
    assert done.exit_code == 0, done.output
    assert kawal("audit", "export", "--case", "", "--output", str(tmp_path / "c.jsonl")).exit_code != 0
    with app.app_context():
        reads = [(r.by, r.action, r.channel, r.scope, r.format) for r in recent_reads(db.session)]
    assert reads == [
        (EXPORT_BY, "export", "cli", {"from": "2026-01-01"}, "csv"),
        (EXPORT_BY, "export", "cli", {"ticket": request}, "jsonl"),
    ]
