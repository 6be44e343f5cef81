"""The ``kawal`` command as an operator runs it (click's runner, the real database)."""

import hashlib
import json
import re
from collections import Counter
from datetime import datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from api.cli import main
from engine.db import make_engine
from tests.conftest import sqlite_only
from tests.reminders.conftest import free_port, mailbox  # noqa: F401 - mailbox: the SMTP sink, a fixture


@pytest.fixture
def db_template():
    return "empty"  # `kawal demo` sets up its office only in a database without users


@pytest.fixture
def kawal(db_url, monkeypatch):
    monkeypatch.setenv("KAWAL_DATABASE_URL", db_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    runner = CliRunner()

    def run(*args, input=None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return run


# On PostgreSQL too, what each command does to a database: `db upgrade` (its derivation interrupted and resumed),
# `users create` (a name taken, a unit), `units add`, `users set-nip` (set, removed), `demo`, `reconcile`'s timers,
# `calendar overrides add` and `confirm`, `search reindex`, `db backup`'s answer there, and `audit verify` and
# `audit anchor`: the chains' heads, the registers' tickets, the anchors' heads compared in a temporary table (a
# refusal mid-COPY rolled back, a ticket longer than the column), the access chains. The others are @sqlite_only:
# wording, argument and form checks, mail, files, and Python's checks over rows a kept test reads on PostgreSQL.
def test_db_upgrade_is_safe_to_run_again(kawal):
    result = kawal("db", "upgrade")
    assert result.exit_code == 0
    assert "up to date" in result.output


def test_users_create_reads_the_password_from_stdin(kawal):
    result = kawal(
        "users",
        "create",
        "siti",
        "--group",
        "ppid",
        "--group",
        "atasan_ppid",
        "--password-stdin",
        input="rahasia-sekali\n",
    )
    assert result.exit_code == 0, result.output
    again = kawal("users", "create", "siti", "--group", "ppid", "--password-stdin", input="rahasia-sekali\n")
    assert again.exit_code == 1
    assert "username: already exists" in again.output


# Refused before the database is written: the account's checks, in Python.
@sqlite_only
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--group", "ppid"], "password: at least 8 characters"),
        (["--group", "penyihir"], "groups: unknown group(s): penyihir"),
    ],
)
def test_users_create_names_the_problem(kawal, args, message):
    result = kawal(
        "users", "create", "dewi", *args, "--password-stdin", input="short\n" if "ppid" in args else "long-enough-pw\n"
    )
    assert result.exit_code == 1
    assert message in result.output


def test_demo_prints_logins_and_cases_once(kawal):
    first = kawal("demo")
    assert first.exit_code == 0, first.output
    assert "petugas" in first.output
    # Each case is a line that starts with its ticket (an access code beside it may hold "KEB-" by chance).
    tickets = Counter(re.findall(r"^\s+([A-Z]+)-\d{4}-\d{6}\s", first.output, flags=re.MULTILINE))
    assert tickets["PPID"] == 4  # requests, the last one refused
    assert tickets["KEB"] == 1  # its objection
    assert tickets["SIP"] == 1  # and the dispute before the Commission
    assert tickets["ADU"] == 2  # a whistleblower's complaint and an anonymous one
    assert "Pelapor Contoh" not in first.output
    second = kawal("demo")
    assert second.exit_code == 0
    assert "already has users" in second.output


# The demo's rows read back as written: test_demo_prints_logins_and_cases_once keeps the demo on PostgreSQL.
@sqlite_only
def test_the_demo_prices_copies_and_names_its_officers(kawal, db_url):
    """A day's work on the demo found a paper-copy request whose written notice could not be sent (no fee standard)
    and officers shown as "Ppid" and "Wbs2" in the header, the history and the assignee lists."""
    assert kawal("demo").exit_code == 0
    engine = make_engine(db_url)
    with engine.connect() as conn:
        priced = dict(conn.execute(text("SELECT code, amount FROM fee_rate")).all())
        names = dict(conn.execute(text('SELECT username, display_name FROM "user"')).all())
        nips = dict(conn.execute(text('SELECT username, nip FROM "user"')).all())
    engine.dispose()
    assert priced == {"halaman": 500, "cd": 10_000, "dvd": 15_000, "flashdisk": 50_000, "pos": 25_000}
    assert names["ppid"] == "Budi Santoso"  # a person: the pages name the role by the group, in the reader's language
    # The civil servants' letters print a NIP under their name; an officer who is none has no NIP.
    assert (nips["ppid"], nips["atasan"], nips["auditor"]) == ("198203152006041002", "197505102000031001", None)
    assert all(name != username.title() for username, name in names.items())


# The demo's chains are verified whole on PostgreSQL by test_a_history_cut_and_resealed_in_the_database_....
@sqlite_only
def test_audit_verify_passes_on_an_intact_history(kawal):
    kawal("demo")
    result = kawal("audit", "verify")
    assert result.exit_code == 0
    assert "intact" in result.output


# A chain's hashes and its order are checked in Python over the rows read: the anchors' tests below read the chains
# on PostgreSQL, test_audit_verify_catches_a_history_cut_short the heads.
@sqlite_only
def test_audit_verify_names_the_first_tampered_case_and_event(kawal, db_url):
    kawal("demo")
    engine = make_engine(db_url)
    with engine.begin() as conn:
        case_id, ticket = conn.execute(text('SELECT id, ticket FROM "case" ORDER BY id LIMIT 1 OFFSET 1')).one()
        conn.execute(
            text("UPDATE case_event SET actor = 'someone-else' WHERE case_id = :c AND seq = 2"), {"c": case_id}
        )
    engine.dispose()
    result = kawal("audit", "verify")
    assert result.exit_code == 1
    assert f"case {ticket}, event 2" in result.output


# As above: a gap in a chain is told by Python over the rows read.
@sqlite_only
def test_audit_verify_catches_a_deleted_event(kawal, db_url):
    kawal("demo")
    engine = make_engine(db_url)
    with engine.begin() as conn:
        ticket = conn.execute(text('SELECT ticket FROM "case" ORDER BY id LIMIT 1')).scalar()
        conn.execute(
            text('DELETE FROM case_event WHERE seq = 3 AND case_id = (SELECT id FROM "case" WHERE ticket = :t)'),
            {"t": ticket},
        )
    engine.dispose()
    result = kawal("audit", "verify")
    assert result.exit_code == 1
    assert f"case {ticket}, event 4" in result.output


# The calendar's count and its wording, in Python.
@sqlite_only
def test_calendar_explain_prints_the_worked_example(kawal):
    result = kawal("calendar", "explain", "--start", "2025-03-26T10:00+07:00", "--days", "10")
    assert result.exit_code == 0
    assert '"due_date": "2025-04-11"' in result.output
    explained = json.loads(result.output)
    assert "2025-03-29 (Sabtu)" in explained["explanation_id"]
    assert "2025-03-31 (Hari Raya Idul Fitri)" in explained["explanation_id"]
    # The English explanation names the weekend and the holidays in English.
    assert "2025-03-29 (Saturday), 2025-03-30 (Sunday), 2025-03-31 (Eid al-Fitr)" in explained["explanation_en"]
    assert "Sabtu" not in explained["explanation_en"]
    bad = kawal("calendar", "explain", "--start", "2025-03-26T10:00", "--days", "10")
    assert bad.exit_code == 1
    assert "--start" in bad.output


def test_calendar_explain_warns_when_the_count_reaches_a_year_whose_cuti_bersama_nobody_confirmed(kawal):
    """20 Dec 2027 + 10 working days ends in 2028, whose cuti bersama the holidays package does not list: the case page
    flags such a deadline, `kawal calendar explain` said nothing (legal-process.md §2.3)."""
    into_2028 = ("calendar", "explain", "--start", "2027-12-20T10:00+07:00", "--days", "10")
    result = kawal(*into_2028)
    assert result.exit_code == 0, result.output
    explained = json.loads(result.stdout)
    assert (explained["due_date"], explained["unconfirmed_years"]) == ("2028-01-03", [2028])
    assert "warning: this count reaches into 2028, whose holidays and cuti bersama nobody has confirmed yet" in (
        result.stderr
    )
    assert "kawal calendar confirm 2028" in result.stderr
    within_2027 = kawal("calendar", "explain", "--start", "2027-12-01T10:00+07:00", "--days", "10")
    assert "unconfirmed_years" not in json.loads(within_2027.stdout)
    assert "warning" not in within_2027.stderr
    skb = ("--date", "2028-01-27", "--reason", "Cuti bersama Imlek (SKB 2028)", "--calendar", "lenient")
    assert kawal("calendar", "overrides", "add", *skb).exit_code == 0
    assert kawal("calendar", "confirm", "2028").exit_code == 0
    confirmed = kawal(*into_2028)
    assert "unconfirmed_years" not in json.loads(confirmed.stdout)
    assert "warning" not in confirmed.stderr


def test_production_refuses_to_start_without_its_secrets(monkeypatch):
    monkeypatch.setenv("KAWAL_ENV", "production")
    monkeypatch.delenv("KAWAL_SECRET_KEY", raising=False)
    monkeypatch.delenv("KAWAL_VAULT_KEY", raising=False)
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 1
    assert "KAWAL_SECRET_KEY" in result.output
    assert "KAWAL_VAULT_KEY" in result.output


def test_reconcile_escalates_a_lapsed_request_once(kawal, db_url):
    from datetime import UTC, datetime, timedelta

    import time_machine

    kawal("demo")
    with time_machine.travel(datetime.now(UTC) + timedelta(days=30), tick=True):
        first = kawal("reconcile")
        second = kawal("reconcile")
    assert first.exit_code == 0
    assert "ran 5 timer(s)" in first.output  # T10 of two open requests, the referred complaint's SLA, the
    # anonymous complaint's review (V3: from its receipt, though it is not recorded yet), the dispute's preparation
    # (PERSIAPAN: the power of attorney not issued by the working day before the first hearing)
    assert "ran 0 timer(s)" in second.output


# The demo's dates, computed in Python on the working-day calendar.
@sqlite_only
@pytest.mark.parametrize("today", ["2026-12-07T09:00+07:00", "2027-01-04T09:00+07:00"])
def test_the_demos_late_request_has_lapsed_whatever_the_day_it_is_loaded(kawal, db_url, today):
    """The demo shows a request whose T10 has lapsed and is with the superior: 11 working days back, which over
    the year-end holidays (2027-01-04) is more than the 16 calendar days it once took."""
    import time_machine

    with time_machine.travel(datetime.fromisoformat(today), tick=True):
        kawal("demo")
    engine = make_engine(db_url)
    with engine.connect() as conn:
        escalated = conn.execute(
            text(
                'SELECT c.subject FROM human_task t JOIN "case" c ON c.id = t.case_id '
                "WHERE t.bpmn_id = 'eskalasi_t10' AND t.state = 'open'"
            )
        ).scalars()
        assert list(escalated) == ["Salinan kontrak pengadaan rehabilitasi gedung 2025"]
    engine.dispose()


def test_audit_verify_catches_a_history_cut_short(kawal, db_url):
    kawal("demo")
    engine = make_engine(db_url)
    with engine.begin() as conn:
        case_id, ticket, last = conn.execute(text('SELECT id, ticket, event_seq FROM "case" ORDER BY id LIMIT 1')).one()
        conn.execute(text("DELETE FROM case_event WHERE case_id = :c AND seq = :s"), {"c": case_id, "s": last})
    engine.dispose()
    result = kawal("audit", "verify")
    assert result.exit_code == 1
    assert f"case {ticket}, event {last}" in result.output


def test_an_upgrade_interrupted_while_deriving_the_facts_resumes_on_the_next_run(kawal, db_url, monkeypatch):
    """Facts derived before the derivation changed are derived again by `kawal db upgrade`. Interrupted there (a
    Ctrl-C, a lost connection), the next run does not say "up to date" over stale registers: it derives what
    is left, and once all is done, nothing more."""
    from engine import facts

    kawal("demo")
    engine = make_engine(db_url)
    with engine.begin() as conn:
        total = conn.execute(text("SELECT count(*) FROM case_facts")).scalar()
        conn.execute(text("UPDATE case_facts SET derived = NULL, decided_on = NULL"))  # as before the upgrade
    refresh = facts.refresh
    calls = []

    def interrupted(session, rt, case):
        calls.append(case.id)
        if len(calls) == 3:
            raise KeyboardInterrupt
        refresh(session, rt, case)

    monkeypatch.setattr(facts, "refresh", interrupted)
    monkeypatch.setattr(facts, "REBUILD_BATCH", 2)  # stopped in its second batch: the first is committed
    stopped = kawal("db", "upgrade")
    assert (stopped.exit_code, stopped.output.strip()) == (1, "Aborted!")
    monkeypatch.setattr(facts, "refresh", refresh)
    resumed = kawal("db", "upgrade")
    assert f"facts of {total - 2} cases derived again" in resumed.output  # what was left, not all again
    with engine.connect() as conn:
        assert (
            conn.execute(
                text("SELECT count(*) FROM case_facts WHERE derived = :v"), {"v": facts.DERIVED_SINCE}
            ).scalar()
            == total
        )
    engine.dispose()
    done = kawal("db", "upgrade")
    assert "derived again" not in done.output
    assert "up to date" in done.output


def test_search_reindex_rebuilds_the_blind_index_and_says_how_many(kawal):
    kawal("db", "upgrade")
    result = kawal("search", "reindex")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "0 requester(s) and proxies indexed"


# The settings' address: nothing of the database.
@sqlite_only
@pytest.mark.parametrize(
    ("args", "configured", "expected"),
    [
        (["--port", "5082"], None, "http://127.0.0.1:5082"),
        (["--host", "0.0.0.0", "--port", "8080"], None, "http://127.0.0.1:8080"),  # noqa: S104 - an argument
        (["--port", "5082"], "https://ppid.example.go.id", "https://ppid.example.go.id"),
    ],
)
def test_serve_names_the_address_it_serves_on_in_letters_unless_a_public_url_is_configured(
    kawal, monkeypatch, args, configured, expected
):
    """`make run PORT=5082` served on 5082 while the letters' QR codes pointed at 5000."""
    from api import server

    if configured:
        monkeypatch.setenv("KAWAL_PUBLIC_URL", configured)
    else:
        monkeypatch.delenv("KAWAL_PUBLIC_URL", raising=False)
    served = {}
    monkeypatch.setattr(server, "serve_embedded", lambda settings, *_a: served.update(url=settings.public_url))
    result = kawal("serve", *args)
    assert result.exit_code == 0, result.output
    assert served["url"] == expected


@pytest.mark.parametrize(
    "args",
    [
        ["audit", "verify"],
        ["incidents", "list"],
        ["calendar", "overrides", "list"],
        ["users", "deactivate", "siti"],
        ["reconcile"],
    ],
)
def test_a_command_on_a_database_without_its_schema_says_to_upgrade_it(monkeypatch, tmp_path, args):
    """These printed a Python traceback ("no such table")."""
    monkeypatch.setenv("KAWAL_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    monkeypatch.setenv("KAWAL_ENV", "test")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "the database has no schema yet: run `kawal db upgrade` first" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("garbage", "KAWAL_DATABASE_URL is not a database URL"),
        ("sqlite:////nonexistent-dir/kawal.db", "cannot open the database (KAWAL_DATABASE_URL)"),
    ],
)
def test_a_database_that_cannot_be_opened_is_named_in_one_line(monkeypatch, url, said):
    monkeypatch.setenv("KAWAL_DATABASE_URL", url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    for args in (["db", "upgrade"], ["audit", "verify"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        assert said in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


# Argument checks, refused before the database.
@sqlite_only
@pytest.mark.parametrize(
    ("start", "said"),
    [
        ("2025-03-26T10:00", "--start: give its time zone"),
        ("9999-12-30T10:00+07:00", "--start: the due date would fall outside the calendar's years"),
    ],
)
def test_calendar_explain_names_a_start_it_cannot_count_from(kawal, start, said):
    result = kawal("calendar", "explain", "--start", start, "--days", "10")
    assert result.exit_code == 1
    assert said in result.output


def test_users_create_refuses_a_unit_the_office_does_not_have_and_names_the_known_ones(kawal, db_url):
    """A mistyped --unit quietly became a unit of the office (which the complaint referral then offered), where the
    API refuses it: units are added with `kawal units add`; the office's own, KANWIL, needs none."""
    typo = kawal("users", "create", "rina", "--group", "ppid", "--unit", "PENDMADD", "--password-stdin",
                 input="rahasia-sekali\n")  # fmt: skip
    assert typo.exit_code == 1
    assert "unit PENDMADD is unknown; the office's units: KANWIL (add a unit first: kawal units add" in typo.output
    assert kawal("units", "add", "PENDMAD", "Bidang Pendidikan Madrasah").exit_code == 0
    for name, unit in (("rina", "PENDMAD"), ("rudi", "KANWIL")):
        made = kawal("users", "create", name, "--group", "ppid", "--unit", unit, "--password-stdin",
                     input="rahasia-sekali\n")  # fmt: skip
        assert made.exit_code == 0, made.output
    again = kawal("users", "create", "rosa", "--group", "ppid", "--unit", "PENDMADD", "--password-stdin",
                  input="rahasia-sekali\n")  # fmt: skip
    assert "unit PENDMADD is unknown; the office's units: PENDMAD, KANWIL (" in again.output
    engine = make_engine(db_url)
    with engine.connect() as conn:
        assert sorted(conn.execute(text("select code, name from unit")).all()) == [
            ("KANWIL", "Kantor Wilayah"),
            ("PENDMAD", "Bidang Pendidikan Madrasah"),
        ]
        assert conn.execute(text('select username from "user" order by username')).scalars().all() == ["rina", "rudi"]
    engine.dispose()


# Refused before the database is written: the password's checks, in Python.
@sqlite_only
@pytest.mark.parametrize(
    ("password", "message"),
    [("password", "too easy to guess"), ("abababab", "too easy to guess"), ("dewi-2026-kanwil", "the username")],
    ids=["most-common", "a-pattern", "has-the-username"],
)
def test_users_create_refuses_a_password_anyone_would_guess_first(kawal, password, message):
    """`password` was accepted for an officer, who then logged in with it."""
    result = kawal("users", "create", "dewi", "--group", "ppid", "--password-stdin", input=password + "\n")
    assert result.exit_code == 1
    assert message in result.output


# A user's column set and read back, as test_an_officer_gets_a_nip_... keeps on PostgreSQL (NULL too).
@sqlite_only
def test_an_officer_gets_the_address_their_mail_goes_to(kawal, db_url):
    """Officers had no e-mail address: every new-task message and staff reminder on smtp was skipped."""
    from sqlalchemy import create_engine

    made = kawal("users", "create", "sari", "--group", "ppid", "--email", "sari@kanwil.example", "--password-stdin",
                 input="rahasia-sekali\n")  # fmt: skip
    assert made.exit_code == 0, made.output
    assert kawal("users", "create", "sulis", "--group", "ppid", "--email", "sulis", "--password-stdin",
                 input="rahasia-sekali\n").exit_code == 1  # fmt: skip
    assert kawal("users", "set-email", "sari", "sari.w@kanwil.example").exit_code == 0
    assert kawal("users", "set-email", "sari", "not-an-address").exit_code == 1
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert (
            conn.exec_driver_sql("select email from \"user\" where username = 'sari'").scalar()
            == "sari.w@kanwil.example"
        )
    engine.dispose()


# Refused before the database is opened.
@sqlite_only
@pytest.mark.parametrize("args", [("demo",), ("demo", "year", "--cases", "1")], ids=["demo", "demo-year"])
def test_demo_data_is_refused_in_production(kawal, monkeypatch, args):
    """`kawal demo year` on the production database made active officers with the public password kawal-demo and
    mailed its fake requesters through the office's SMTP server."""
    import base64
    import os

    monkeypatch.setenv("KAWAL_ENV", "production")
    monkeypatch.setenv("KAWAL_SECRET_KEY", base64.b64encode(os.urandom(48)).decode())
    monkeypatch.setenv("KAWAL_VAULT_KEY", base64.b64encode(os.urandom(32)).decode())
    monkeypatch.setenv("KAWAL_PUBLIC_URL", "https://ppid.kanwil-jatim.go.id")
    monkeypatch.setenv("KAWAL_OFFICE_NAME", "KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI JAWA TIMUR")
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 1
    assert "refused in production" in result.output


def test_db_upgrade_says_what_it_applied_to_a_new_database(tmp_path, monkeypatch):
    """On an empty database it said only "database is up to date", after creating the whole schema."""
    monkeypatch.setenv("KAWAL_DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    monkeypatch.setenv("KAWAL_ENV", "test")
    first = CliRunner().invoke(main, ["db", "upgrade"])
    assert first.exit_code == 0, first.output
    assert "migrations 0001 to " in first.output
    again = CliRunner().invoke(main, ["db", "upgrade"])
    assert "applied" not in again.output


def test_db_backup_copies_a_running_sqlite_database_with_what_its_log_holds(kawal, db_url, tmp_path):
    """A plain copy of a WAL database misses the log's latest writes; the backup has them and verifies."""
    if not db_url.startswith("sqlite"):
        assert "pg_dump" in kawal("db", "backup", str(tmp_path / "x.db")).output
        return
    kawal("demo")
    engine = make_engine(db_url)
    with engine.connect() as live:  # a reader holding the log open, as a running server does
        live.execute(text("SELECT 1 FROM case_event LIMIT 1")).all()
        with make_engine(db_url).begin() as conn:
            events = conn.execute(text("SELECT count(*) FROM case_event")).scalar()
        copy = tmp_path / "kawal-copy.db"
        result = kawal("db", "backup", str(copy))
    engine.dispose()
    assert result.exit_code == 0, result.output
    assert f"database copied to {copy}" in result.output
    with make_engine(f"sqlite:///{copy}").connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM case_event")).scalar() == events
    again = kawal("db", "backup", str(copy))
    assert (again.exit_code, "exists already" in again.output) == (1, True)
    nowhere = kawal("db", "backup", str(tmp_path / "no-such-folder" / "copy.db"))
    assert (nowhere.exit_code, "no folder" in nowhere.output) == (1, True)


def _cut_last_event(conn, ticket):
    """What one who can write to the database does to hide a case's last step: delete it, wind the head back."""
    case_id, seq, prev = conn.execute(
        text(
            'SELECT c.id, c.event_seq, e.prev_hash FROM "case" c JOIN case_event e ON e.case_id = c.id'
            " AND e.seq = c.event_seq WHERE c.ticket = :t"
        ),
        {"t": ticket},
    ).one()
    conn.execute(text("DELETE FROM case_event WHERE case_id = :c AND seq = :s"), {"c": case_id, "s": seq})
    rewound = {"s": seq - 1, "h": prev, "c": case_id}
    conn.execute(text('UPDATE "case" SET event_seq = :s, event_hash = :h WHERE id = :c'), rewound)
    return seq


def test_a_history_cut_and_resealed_in_the_database_passes_the_chains_but_not_an_anchor(kawal, db_url, tmp_path):
    """The chain's head lives on the case row: one who can write to the database can cut a chain's tail and wind
    the head back, and the chains still verify. An anchor written before, kept outside, shows it."""
    kawal("demo")
    anchor = tmp_path / "anchor.jsonl"
    nowhere = kawal("audit", "anchor", str(tmp_path / "no-such-folder" / "anchor.jsonl"))
    assert (nowhere.exit_code, "no folder" in nowhere.output) == (1, True)
    made = kawal("audit", "anchor", str(anchor))
    assert made.exit_code == 0, made.output
    again = kawal("audit", "anchor", str(anchor))
    assert (again.exit_code, "exists already" in again.output) == (1, True)
    digest = made.output.split("its digest: ")[1].strip()
    assert len(digest) == 64
    ok = kawal("audit", "verify", "--anchor", str(anchor))
    assert (ok.exit_code, "is in place" in ok.output) == (0, True)
    engine = make_engine(db_url)
    with engine.begin() as conn:
        ticket = conn.execute(text('SELECT ticket FROM "case" WHERE event_seq > 2 ORDER BY id LIMIT 1')).scalar()
        seq = _cut_last_event(conn, ticket)
    engine.dispose()
    assert kawal("audit", "verify").exit_code == 0  # resealed: inside the database nothing shows
    caught = kawal("audit", "verify", "--anchor", str(anchor))
    assert caught.exit_code == 1
    assert f"case {ticket}, event {seq}: the history was cut" in caught.output
    anchor.write_text(anchor.read_text().replace(ticket, ticket[:-1] + "9", 1))  # the anchor itself edited
    forged = kawal("audit", "verify", "--anchor", str(anchor))
    assert forged.exit_code == 1
    assert "is not to be trusted: its digest does not match its lines" in forged.output


def test_an_anchor_shows_an_event_rewritten_and_a_case_removed_and_two_anchors_are_checked_in_one_run(
    kawal, db_url, tmp_path
):
    """The database compares the anchor's heads in a temporary table: each anchor given is checked in its turn,
    on the same connection, and every kind of break it can tell is told."""
    kawal("demo")
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    assert kawal("audit", "anchor", str(first)).exit_code == 0
    assert kawal("audit", "anchor", str(second)).exit_code == 0
    engine = make_engine(db_url)
    with engine.begin() as conn:
        rewritten, removed = conn.execute(
            text(CASES + " WHERE event_seq > 2 AND ticket LIKE 'PPID-%' ORDER BY id LIMIT 2")
        ).all()
        seq = conn.execute(text('SELECT event_seq FROM "case" WHERE id = :c'), {"c": rewritten.id}).scalar()
        conn.execute(
            text("UPDATE case_event SET hash = :h WHERE case_id = :c AND seq = :s"),
            {"h": "0" * 64, "c": rewritten.id, "s": seq},
        )
        removed_seq = conn.execute(text('SELECT event_seq FROM "case" WHERE id = :c'), {"c": removed.id}).scalar()
        for table in CASE_TABLES:
            conn.execute(text(f"DELETE FROM {table} WHERE case_id = :c"), {"c": removed.id})  # noqa: S608 - names
        conn.execute(text('DELETE FROM "case" WHERE id = :c'), {"c": removed.id})
    engine.dispose()
    caught = kawal("audit", "verify", "--anchor", str(first), "--anchor", str(second))
    assert caught.exit_code == 1
    for anchor in (first, second):
        made = json.loads(anchor.read_text().splitlines()[0])["made_at"]
        told = f"case {rewritten.ticket}, event {seq}: the history was rewritten: event {seq} is not the anchor's"
        assert f"{told} of {made}" in caught.output
        gone = f"case {removed.ticket}, event {removed_seq}: the case is gone: the anchor of {made} holds it"
        assert gone in caught.output


def test_the_access_changes_cut_after_an_anchor_or_rewritten_are_caught_by_kawal_audit_verify(kawal, db_url, tmp_path):
    """The officers' accounts and the units are two hash chains more (engine.access_log): an anchor holds each one's
    last record, so even the newest cut off is seen; a record rewritten in the middle breaks the chain itself."""
    assert kawal("units", "add", "KANKEMENAG-MLG", "Kankemenag Malang").exit_code == 0
    assert kawal("units", "rename", "KANKEMENAG-MLG", "Kankemenag Kabupaten Malang").exit_code == 0
    anchor = tmp_path / "anchor.jsonl"
    assert kawal("audit", "anchor", str(anchor)).exit_code == 0
    assert '"access":"unit"' in anchor.read_text()
    assert "every hash chain is intact" in kawal("audit", "verify", "--anchor", str(anchor)).output
    engine = make_engine(db_url)
    with engine.begin() as conn:  # the renaming hidden: the newest record deleted, the chain still whole
        newest = conn.execute(text("SELECT max(id) FROM unit_event")).scalar()
        conn.execute(text("DELETE FROM unit_event WHERE id = :i"), {"i": newest})
    assert kawal("audit", "verify").exit_code == 0  # inside the database nothing shows
    caught = kawal("audit", "verify", "--anchor", str(anchor))
    assert caught.exit_code == 1
    assert f"access changes (unit), record {newest}: the access changes were cut" in caught.output
    with engine.begin() as conn:  # who added the unit, rewritten
        conn.execute(text("UPDATE unit_event SET actor = 'admin'"))
    engine.dispose()
    broken = kawal("audit", "verify")
    assert broken.exit_code == 1
    assert "access changes (unit), record" in broken.output
    assert "the access changes' chain breaks here" in broken.output


def _sealed_anchor(path, *lines: dict):
    """An anchor file made by hand, its digest right: the digest proves only that the file is whole."""
    header = {"anchor": "kawal-audit-anchor/1", "made_at": "2026-12-05T09:00:00+00:00", "agency": "x"}
    body = "".join(json.dumps(line) + "\n" for line in (header, *lines))
    path.write_text(body + json.dumps({"digest": hashlib.sha256(body.encode()).hexdigest()}) + "\n")
    return path


NOT_HEADS = [
    {"ticket": "PPID-2026-000001", "seq": "x", "hash": 1},
    {"ticket": "PPID-2026-000001", "seq": 2**40, "hash": "0" * 64},
    {"series": "PPID", "year": 2026, "last": 10**9},  # a counter no register reaches: not a range to walk
    [1, 2],
]


# On PostgreSQL the heads are copied in (COPY) as the file is read: one refusal there, its transaction rolled back
# and the next check still run, is proven by the seq beyond the column's integer; the others are the same Python.
@pytest.mark.parametrize(
    ("db_url", "line"),
    [*(("sqlite", line) for line in NOT_HEADS), pytest.param("postgres", NOT_HEADS[1], marks=pytest.mark.postgres)],
    indirect=["db_url"],
)
def test_an_anchor_whose_digest_holds_but_whose_lines_are_not_heads_is_refused(kawal, tmp_path, line):
    kawal("demo")
    anchor = _sealed_anchor(tmp_path / "anchor.jsonl", line)
    refused = kawal("audit", "verify", "--anchor", str(anchor))
    assert refused.exit_code == 1
    assert "is not to be trusted: line 2: neither a case's head nor a register's counter" in refused.output
    ok_after = tmp_path / "ok.jsonl"
    kawal("audit", "anchor", str(ok_after))
    assert "is in place" in kawal("audit", "verify", "--anchor", str(ok_after)).output


def test_an_anchored_ticket_longer_than_any_case_is_a_case_gone_not_an_error(kawal, tmp_path):
    kawal("demo")
    ticket = "PPID-2026-" + "9" * 90
    anchor = _sealed_anchor(tmp_path / "anchor.jsonl", {"ticket": ticket, "seq": 1, "hash": "0" * 64})
    told = kawal("audit", "verify", "--anchor", str(anchor))
    assert told.exit_code == 1
    assert f"case {ticket}, event 1: the case is gone" in told.output


# The anchor's file, its name and its mail: the anchor's heads read on PostgreSQL are kept above.
@sqlite_only
def test_a_monthly_anchor_goes_into_its_folder_and_its_digest_by_mail_to_someone_outside(
    kawal,
    tmp_path,
    mailbox,  # noqa: F811 - the fixture imported above
    monkeypatch,
):
    """kawal-audit-anchor.timer: `kawal audit anchor --into DIR`, its digest mailed to KAWAL_ANCHOR_DIGEST_TO. The
    server's administrators can change the file, not the digest in the inspectorate's mailbox."""
    monkeypatch.setenv("KAWAL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KAWAL_SMTP_PORT", str(mailbox.port))
    kawal("demo")
    neither = kawal("audit", "anchor")
    assert (neither.exit_code, "one of the two" in neither.output) == (1, True)
    april, may = tmp_path / "april", tmp_path / "may"
    april.mkdir()
    made = kawal("audit", "anchor", "--into", str(april), "--mail-digest-to", "inspektorat@itjen.example")
    assert made.exit_code == 0, made.output
    [written] = april.iterdir()
    assert re.fullmatch(r"kawal-jangkar-\d{4}-\d\d-\d\d-\d{4}\.jsonl", written.name)
    digest = json.loads(written.read_text().splitlines()[-1])["digest"]
    [mail] = mailbox.by_event("Jangkar audit")
    body = mail.get_payload(decode=True).decode()
    assert mail["To"] == "inspektorat@itjen.example"
    assert f"Digest (SHA-256) : {digest}" in body
    assert f"Berkas di server : {written}" in body
    unfolded = re.sub(r"\r?\n(?=[ \t])", "", str(mail["Subject"]))  # RFC 5322 2.2.3: a long subject is folded
    assert unfolded.endswith(f"digest {digest[:16]}")
    assert "its digest mailed to inspektorat@itjen.example" in made.output

    monkeypatch.setenv("KAWAL_ANCHOR_DIGEST_TO", "inspektorat@itjen.example auditor@bpk.example")  # the unit's file
    may.mkdir()
    assert kawal("audit", "anchor", "--into", str(may), "--mail-language", "en").exit_code == 0
    assert sorted(m["To"] for m in mailbox.by_event("Kawal audit anchor")) == [
        "auditor@bpk.example",
        "inspektorat@itjen.example",
    ]
    assert sorted(p.name.endswith(".jsonl") for p in [*april.iterdir(), *may.iterdir()]) == [True, True]  # no .part

    monkeypatch.delenv("KAWAL_SMTP_HOST")  # no mail server: said before any file is written
    june = tmp_path / "june"
    june.mkdir()
    refused = kawal("audit", "anchor", "--into", str(june))
    assert (refused.exit_code, "no SMTP server is configured" in refused.output) == (1, True)
    assert list(june.iterdir()) == []


# Mail settings and an SMTP server: nothing of the database.
@sqlite_only
def test_kawal_mail_test_sends_through_the_configured_server_and_names_what_stops_it(
    kawal,
    mailbox,  # noqa: F811 - the fixture imported above
    monkeypatch,
):
    """The administrator's check of the mail settings at setup, before officers' tasks and requesters' notices
    fail one by one: the message reaches a real SMTP server, and a server that is not there is named."""
    none = kawal("mail", "test", "admin@kanwil.example")
    assert (none.exit_code, "no SMTP server is configured" in none.output) == (1, True)
    monkeypatch.setenv("KAWAL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KAWAL_SMTP_PORT", str(mailbox.port))
    monkeypatch.setenv("KAWAL_AGENCY_NAME", "Kanwil Kemenag Contoh")
    sent = kawal("mail", "test", "admin@kanwil.example")
    assert sent.exit_code == 0, sent.output
    assert f"127.0.0.1:{mailbox.port} took the test message for admin@kanwil.example" in sent.output
    assert "KAWAL_NOTIFY_CHANNELS does not name smtp" in sent.output  # the test settings log messages instead
    [mail] = mailbox.by_event("Uji surel Kawal")
    assert mail["To"] == "admin@kanwil.example"
    assert str(mail["Subject"]) == "Uji surel Kawal Kanwil Kemenag Contoh"
    assert "kawal mail test" in mail.get_payload(decode=True).decode()
    assert kawal("mail", "test", "admin@kanwil.example", "--language", "en").exit_code == 0
    assert len(mailbox.by_event("Kawal mail test, Kanwil Kemenag Contoh")) == 1
    bad = kawal("mail", "test", "admin@kanwil.example, other@kanwil.example")
    assert (bad.exit_code, "is not one e-mail address" in bad.output) == (1, True)

    monkeypatch.setenv("KAWAL_SMTP_PORT", str(free_port()))  # nothing listens there
    refused = kawal("mail", "test", "admin@kanwil.example")
    assert refused.exit_code == 1
    assert "the mail server did not take the test message for admin@kanwil.example: smtp 127.0.0.1:" in refused.output
    assert len(mailbox.messages) == 2


# A refused write, simulated in Python.
@sqlite_only
def test_a_check_on_a_database_it_may_not_write_to_still_answers_and_says_it_was_not_recorded(kawal, monkeypatch):
    """An auditor's read-only role, or a replica: the check stands; only its line on the console is missing."""
    from sqlalchemy.exc import OperationalError

    from engine import audit

    def read_only(*_args, **_kwargs):
        raise OperationalError("INSERT INTO chain_check", {}, Exception("attempt to write a readonly database"))

    kawal("demo")
    monkeypatch.setattr(audit, "record", read_only)
    result = kawal("audit", "verify")
    assert result.exit_code == 0, result.output
    assert "note: the check was not recorded for the console (OperationalError)" in result.output
    assert "every hash chain is intact" in result.output


# The file's handling, in Python.
@sqlite_only
def test_an_anchor_stopped_halfway_leaves_no_file_cut_short(kawal, tmp_path, monkeypatch):
    """A month's anchor that a lost connection stops halfway is no anchor at all, not one that reads as cut."""
    from engine import anchors

    def halfway(session, out, agency, series):
        out.write(b'{"anchor": "kawal-audit-anchor/1"}\n')
        raise ConnectionResetError("the database went away")

    kawal("demo")
    monkeypatch.setattr(anchors, "write", halfway)
    with pytest.raises(ConnectionResetError):
        kawal("audit", "anchor", "--into", str(tmp_path))
    assert list(tmp_path.iterdir()) == []


CASES = 'SELECT id, ticket FROM "case"'
# What holds a case's rows besides the case itself (deleted with it by one who hides a case).
CASE_TABLES = (
    "case_event",
    "case_facts",
    "deadline",
    "reminder",
    "notification",
    "human_task",
    "workflow_state",
    "letter",
)


def test_a_deleted_case_or_a_case_row_changed_without_its_history_is_found(kawal, db_url):
    kawal("demo")
    engine = make_engine(db_url)
    with engine.begin() as conn:
        first, second = conn.execute(text(CASES + " WHERE ticket LIKE 'PPID-%' ORDER BY id LIMIT 2")).all()
        for table in CASE_TABLES:
            conn.execute(text(f"DELETE FROM {table} WHERE case_id = :c"), {"c": first.id})  # noqa: S608 - names above
        conn.execute(text('DELETE FROM "case" WHERE id = :c'), {"c": first.id})
        conn.execute(text("UPDATE \"case\" SET status = 'selesai' WHERE id = :c"), {"c": second.id})
        closed = conn.execute(text(CASES + " WHERE closed_at IS NOT NULL ORDER BY id LIMIT 1")).one()
        conn.execute(  # closed a fortnight later than it was: its on-time figures change
            text('UPDATE "case" SET closed_at = :at WHERE id = :c'),
            {"at": datetime(2030, 1, 2, 3, 0), "c": closed.id},
        )
    engine.dispose()
    result = kawal("audit", "verify")
    assert result.exit_code == 1
    assert f"case {first.ticket}: no case holds this ticket, though its register issued it" in result.output
    changed = f"case {second.ticket}: the case's stage (selesai) is not the last its history reached"
    assert changed in result.output
    assert f"case {closed.ticket}: the case's closing (2030-01-02T03:00:00" in result.output


# A file checked in Python: the export is read on PostgreSQL in tests/test_cli_audit_export.py, the anchor above.
@sqlite_only
def test_an_exported_history_is_checked_on_its_own_and_against_an_anchor(kawal, db_url, tmp_path):
    from sqlalchemy import select

    from engine.audit import EventLog, iter_export
    from engine.db import session_factory
    from engine.models import Case

    kawal("demo")
    anchor = tmp_path / "anchor.jsonl"
    kawal("audit", "anchor", str(anchor))
    engine = make_engine(db_url)
    with session_factory(engine)() as session:
        later = session.scalars(select(Case).order_by(Case.id.desc())).first()
        EventLog(session).append(later, "case_note_added", "ppid", {})  # the office works on after the anchor
        session.commit()
        later_ticket = later.ticket
        rows = list(iter_export(session))
    engine.dispose()
    exported = tmp_path / "riwayat.jsonl"
    exported.write_text("".join(json.dumps(r) + "\n" for r in rows))
    ok = kawal("audit", "verify", "--file", str(exported), "--anchor", str(anchor))
    assert ok.exit_code == 0, ok.output
    assert f"every chain in {exported} is intact" in ok.output
    last = next(r for r in reversed(rows) if r["ticket"] != later_ticket)  # a case not touched since the anchor
    exported.write_text("".join(json.dumps(r) + "\n" for r in rows if r is not last))  # its last event dropped
    assert kawal("audit", "verify", "--file", str(exported)).exit_code == 0  # a chain cut at its end still chains
    cut = kawal("audit", "verify", "--file", str(exported), "--anchor", str(anchor))
    assert cut.exit_code == 1
    assert f"case {last['ticket']}, event {last['seq']}: the history was cut" in cut.output
    # An export with nothing after the anchor may be older than it: a cut cannot be told, and the check says so
    # instead of "in place"; said to be a whole export made after the anchor, a cut or missing case is found.
    before = [r for r in rows if r["ticket"] != later_ticket and r is not last]
    exported.write_text("".join(json.dumps(r) + "\n" for r in before))
    unsure = kawal("audit", "verify", "--file", str(exported), "--anchor", str(anchor))
    assert unsure.exit_code == 0
    assert "(cut or removed: not checked)" in unsure.output
    assert "is in place" not in unsure.output
    told = kawal("audit", "verify", "--file", str(exported), "--anchor", str(anchor), "--made-after-anchor")
    assert told.exit_code == 1
    assert f"case {last['ticket']}, event {last['seq']}: the history was cut" in told.output
    assert f"case {later_ticket}, event" in told.output
    assert "the case is not in the export" in told.output


def test_an_officer_gets_a_nip_at_creation_and_the_server_sets_or_removes_it(kawal, db_url):
    """Letters an officer signed printed no NIP: accounts had none. `--nip` and `set-nip` take its 18 digits, spaced as
    it is often written; a NIP whose dates are not real is refused, naming the part, and nothing is written."""
    from sqlalchemy import create_engine

    def held(username):
        engine = create_engine(db_url)
        with engine.connect() as conn:
            nip = conn.execute(text('select nip from "user" where username = :u'), {"u": username}).scalar()
        engine.dispose()
        return nip

    made = kawal("users", "create", "sari", "--group", "ppid", "--nip", "19820315 200604 1 002", "--password-stdin",
                 input="rahasia-sekali\n")  # fmt: skip
    assert made.exit_code == 0, made.output
    assert "198203152006041002" not in made.output
    assert held("sari") == "198203152006041002"
    wrong = kawal("users", "create", "sulis", "--group", "ppid", "--nip", "19820230200604 1 002", "--password-stdin",
                  input="rahasia-sekali\n")  # fmt: skip
    assert wrong.exit_code == 1
    assert (
        "nip: digits 1 to 8 of a NIP are the officer's birth date (year, month, day): not a real date" in wrong.output
    )
    short = kawal("users", "set-nip", "sari", "1982031520060410")
    assert short.exit_code == 1
    assert "nip: a NIP has 18 digits" in short.output
    assert held("sari") == "198203152006041002"
    assert kawal("users", "set-nip", "sari", "198203152006042001").output == "user sari: NIP set\n"
    assert held("sari") == "198203152006042001"
    assert kawal("users", "set-nip", "sari", "").output == "user sari: NIP removed\n"
    assert held("sari") is None
