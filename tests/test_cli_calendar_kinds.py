"""`kawal calendar overrides add` as root runs it on the server: the kind of day chooses the readings, and the change
is recorded as the command line's (``cli``, as `kawal users` records its changes), never as the officer ``admin``.

The tester's findings: `--calendar` defaulted to both readings, so an SKB cuti bersama typed in without it moved every
open T10/T17/A30 (legal-process.md §2.2: the strict calendar holds holidays only); and `--by` defaulted to ``admin``,
the README's first administrator, so root's change was shown as that person's.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from click.testing import CliRunner
from sqlalchemy import select

from api.cli import main
from engine import intake
from engine.models import CalendarEvent, Case, CaseEvent, HolidayOverrideRow, HolidayYear, Incident
from engine.runtime import Runtime
from tests.conftest import request_payload, sqlite_only

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB: T10 on Wed 16 Dec, 16:00 WIB
MONDAY = "2026-12-07"


@pytest.fixture
def kawal(db_url, monkeypatch):
    monkeypatch.setenv("KAWAL_DATABASE_URL", db_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    monkeypatch.delenv("KAWAL_REDIS_URL", raising=False)
    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return run


@pytest.fixture
def ticket(settings, session_factory_):
    with time_machine.travel(RECEIVED, tick=True), session_factory_.begin() as s:
        return intake.submit_request(s, Runtime(settings), request_payload()).case.ticket


def _add(kawal, *args):
    with time_machine.travel(RECEIVED, tick=True):
        return kawal("calendar", "overrides", "add", "--date", MONDAY, "--reason", "SKB 3 Menteri", *args)


# On PostgreSQL too: test_the_command_line_s_changes_are_recorded_as_cli (the CLI writing overrides, moving a deadline,
# confirming a year and extending the calendar's chain). The others are @sqlite_only: which readings a kind chooses and
# which options are refused are Python's (engine.holidays, click), over rows either database returns alike; the
# overrides' round trip is tests/test_cli_overrides.py's on PostgreSQL, an incident retried on the command line
# tests/test_cli_incidents.py's.
@sqlite_only
def test_a_cuti_bersama_goes_to_the_latest_reading_only_and_moves_no_office_deadline(kawal, ticket):
    added = _add(kawal, "--kind", "cuti_bersama")
    assert added.exit_code == 0, added.output
    assert "0 open deadline(s) moved" in added.output
    assert kawal("calendar", "overrides", "list").output.strip().endswith(f"{MONDAY}\tday off\tlenient\tSKB 3 Menteri")


@sqlite_only
def test_a_holiday_goes_to_both_readings_and_moves_the_office_s_deadline(kawal, ticket):
    added = _add(kawal, "--kind", "holiday")
    assert added.exit_code == 0, added.output
    assert f"{ticket}\tT10\t2026-12-16 16:00 -> 2026-12-17 16:00" in added.output
    assert "\tday off\tstrict,lenient\t" in kawal("calendar", "overrides", "list").output


@sqlite_only
@pytest.mark.parametrize(
    ("args", "said"),
    [
        ((), "--kind: choose what the day is"),
        (("--kind", "cuti_bersama", "--calendar", "strict"), "--calendar: a collective leave day (cuti bersama) is"),
        (
            ("--kind", "cuti_bersama", "--calendar", "strict", "--calendar", "lenient"),
            "is a day off on the latest reading only",
        ),
        (("--kind", "holiday", "--working"), "--working contradicts --kind holiday"),
    ],
    ids=["no-kind", "cuti-bersama-strict", "cuti-bersama-both", "holiday-and-working"],
)
def test_an_ambiguous_override_is_refused_with_a_message_naming_the_option(kawal, session_factory_, args, said):
    refused = _add(kawal, *args)
    assert refused.exit_code != 0
    assert said in refused.output
    with session_factory_() as s:
        assert s.scalars(select(HolidayOverrideRow)).all() == []


@sqlite_only
def test_named_readings_without_a_kind_are_kept_as_asked(kawal):
    """A deliberate --calendar (a script written before --kind) still says what it means."""
    assert _add(kawal, "--calendar", "lenient").exit_code == 0
    assert "\tday off\tlenient\t" in kawal("calendar", "overrides", "list").output


def test_the_command_line_s_changes_are_recorded_as_cli_not_as_the_admin_account(kawal, ticket, session_factory_):
    added = _add(kawal, "--kind", "holiday")
    assert added.exit_code == 0, added.output
    override_id = kawal("calendar", "overrides", "list").output.split("\t", 1)[0]
    with time_machine.travel(RECEIVED, tick=True):
        assert kawal("calendar", "overrides", "remove", override_id).exit_code == 0
        form = ("--date", "2028-01-28", "--reason", "SKB 2028", "--kind", "cuti_bersama")
        assert kawal("calendar", "overrides", "add", *form).exit_code == 0
        confirmed = kawal("calendar", "confirm", "2028", "--note", "SKB 2028")
    assert confirmed.exit_code == 0, confirmed.output
    assert confirmed.output.strip() == "2028 confirmed by cli"
    with session_factory_() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        moved = s.scalars(
            select(CaseEvent.actor).where(CaseEvent.case_id == case.id, CaseEvent.type == "deadline_recomputed")
        )
        assert set(moved) == {"cli"}
        assert {r.created_by for r in s.scalars(select(HolidayOverrideRow))} == {"cli"}
        assert s.get(HolidayYear, 2028).confirmed_by == "cli"
        assert set(s.scalars(select(CalendarEvent.actor))) == {"cli"}  # the calendar's hash chain


@sqlite_only
def test_an_incident_retried_on_the_command_line_is_closed_by_cli(kawal, session_factory_):
    with session_factory_.begin() as s:
        s.add(Incident(subject="quota:filings", message="test", attempts=0, created_at=RECEIVED))
    with session_factory_() as s:
        incident_id = s.scalar(select(Incident.id))
    retried = kawal("incidents", "retry", str(incident_id))
    assert retried.exit_code == 0, retried.output
    with session_factory_() as s:
        assert s.get(Incident, incident_id).resolved_by == "cli"


@sqlite_only
def test_the_by_option_is_gone_so_no_one_else_s_name_is_recorded(kawal):
    refused = _add(kawal, "--kind", "holiday", "--by", "siti")
    assert refused.exit_code != 0
    assert "No such option '--by'" in refused.output
