"""``kawal calendar overrides`` as an admin runs it: the table changes and the open deadlines it moves are printed."""

from datetime import UTC, datetime

import pytest
import time_machine
from click.testing import CliRunner
from sqlalchemy import select

from api.cli import main
from engine import intake
from engine.models import Case, CaseEvent, Deadline
from engine.runtime import Runtime
from tests.conftest import request_payload, sqlite_only

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB: T10 on Wed 16 Dec, 16:00 WIB


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


# On PostgreSQL too: the first test, the CLI writing, listing and removing an override, the open deadlines it moves and
# each move recorded (its event's JSON). The others are @sqlite_only: options, years and days refused in Python
# (engine.holidays) before or over the same rows, and which readings an override moves (their PostgreSQL twin ran the
# same Python again).
def test_cli_adds_lists_and_removes_an_override_and_prints_the_deadlines_it_moved(kawal, ticket, session_factory_):
    with time_machine.travel(RECEIVED, tick=True):
        added = kawal(
            "calendar", "overrides", "add", "--date", "2026-12-07", "--reason", "Libur daerah", "--kind", "holiday"
        )
        assert added.exit_code == 0, added.output
        assert f"{ticket}\tT10\t2026-12-16 16:00 -> 2026-12-17 16:00" in added.output
        assert "1 open deadline(s) moved" in added.output

        listed = kawal("calendar", "overrides", "list")
        override_id, rest = listed.output.strip().split("\t", 1)
        assert rest == "2026-12-07\tday off\tstrict,lenient\tLibur daerah"

        explained = kawal("calendar", "explain", "--start", "2026-12-02T10:00+07:00", "--days", "10")
        assert '"due_date": "2026-12-17"' in explained.output
        assert "2026-12-07 (Libur daerah)" in explained.output  # the explanation a requester reads

        removed = kawal("calendar", "overrides", "remove", override_id)
        assert removed.exit_code == 0, removed.output
        assert f"{ticket}\tT10\t2026-12-17 16:00 -> 2026-12-16 16:00" in removed.output
        assert kawal("calendar", "overrides", "list").output.strip() == "no holiday overrides"

    with session_factory_() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        assert case.due_at == s.scalar(select(Deadline.due_at).where(Deadline.case_id == case.id))
        assert case.due_at == datetime(2026, 12, 16, 9, 0, tzinfo=UTC)
        events = s.scalars(
            select(CaseEvent)
            .where(CaseEvent.case_id == case.id, CaseEvent.type == "deadline_recomputed")
            .order_by(CaseEvent.seq)
        ).all()
        assert [(e.actor, e.data["new_due_at"]) for e in events] == [
            ("cli", "2026-12-17T16:00:00+07:00"),
            ("cli", "2026-12-16T16:00:00+07:00"),
        ]


@sqlite_only
def test_cli_override_for_the_lenient_calendar_only_moves_no_strict_deadline(kawal, ticket):
    with time_machine.travel(RECEIVED, tick=True):
        result = kawal(
            "calendar", "overrides", "add", "--date", "2026-12-07", "--reason", "Cuti", "--calendar", "lenient"
        )
    assert result.exit_code == 0, result.output
    assert "0 open deadline(s) moved" in result.output


@sqlite_only
@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["add", "--date", "2026-12-07"], 2, "--reason"),
        (["add", "--date", "7 Dec", "--reason", "Libur"], 2, "--date"),
        (["add", "--date", "2026-12-07", "--reason", "Libur", "--calendar", "julian"], 2, "--calendar"),
        (["add", "--date", "2026-12-07", "--reason", "   "], 1, "--reason: is required"),
        (["add", "--date", "9999-12-31", "--reason", "Libur"], 1, "--date: a year from 2000 to 2100"),
        (["remove", "99"], 1, "not found"),
    ],
)
def test_cli_refuses_bad_overrides_naming_the_option(kawal, args, code, message):
    result = kawal("calendar", "overrides", *args)
    assert result.exit_code == code
    assert message in result.output
    assert kawal("calendar", "overrides", "list").output.strip() == "no holiday overrides"


@sqlite_only
def test_cli_refuses_a_second_override_for_the_same_day_and_calendars(kawal):
    holiday = ("calendar", "overrides", "add", "--date", "2026-12-07", "--kind", "holiday")
    assert kawal(*holiday, "--reason", "Libur").exit_code == 0
    again = kawal(*holiday, "--reason", "Libur lagi")
    assert again.exit_code == 1
    assert "--date: " in again.output
    assert len(kawal("calendar", "overrides", "list").output.strip().splitlines()) == 1


@sqlite_only
def test_cli_refuses_an_override_that_contradicts_one_already_set_for_that_day_on_a_calendar(kawal):
    """A day off on the strict calendar, then a working day on both: both were kept and the later won silently."""
    off = ("calendar", "overrides", "add", "--date", "2026-12-28", "--reason", "Tutup", "--calendar", "strict")
    assert kawal(*off).exit_code == 0
    working = kawal("calendar", "overrides", "add", "--date", "2026-12-28", "--reason", "Masuk", "--working")
    assert working.exit_code == 1
    assert "override #1 exists for 2026-12-28 (strict); remove it first" in working.output
    lenient = ("calendar", "overrides", "add", "--date", "2026-12-28", "--reason", "Cuti", "--calendar", "lenient")
    assert kawal(*lenient).exit_code == 0  # another calendar's reading of the same day
    assert len(kawal("calendar", "overrides", "list").output.strip().splitlines()) == 2


@sqlite_only
@pytest.mark.parametrize("year", ["0", "1999", "2101", "99999"])
def test_cli_refuses_a_calendar_year_outside_the_calendar_s_years(kawal, year):
    result = kawal("calendar", "year", year)
    assert result.exit_code == 1
    assert "year: a year from 2000 to 2100" in result.output


@sqlite_only
def test_cli_shows_a_calendar_year_within_the_calendar_s_years(kawal):
    result = kawal("calendar", "year", "2027")
    assert result.exit_code == 0, result.output
    assert '"year": 2027' in result.output


@sqlite_only
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["--date", "2026-12-25", "--kind", "holiday"],
            "--date: 2026-12-25 is a day off already on the chosen readings (Christmas Day)",
        ),
        (
            ["--date", "2027-08-17", "--calendar", "strict"],
            "--date: 2027-08-17 is a day off already on the chosen readings (Independence Day)",
        ),
        (
            ["--date", "2026-12-05", "--kind", "holiday"],
            "--date: 2026-12-05 is a day off already on the chosen readings (Saturday)",
        ),
        (
            ["--date", "2026-12-24", "--calendar", "lenient"],
            "--date: 2026-12-24 is a day off already on the chosen readings (Christmas Joint Holiday)",
        ),
        (["--date", "2026-12-08", "--working"], "--date: 2026-12-08 is a working day already on the chosen readings"),
    ],
    ids=["christmas", "independence-day", "a-saturday", "a-cuti-bersama-on-the-latest-reading", "a-working-tuesday"],
)
def test_cli_refuses_an_override_that_changes_no_reading_and_names_what_the_day_is(kawal, args, said):
    """A day off on 25 Dec or 17 Aug, on a Saturday, a working day on an ordinary Tuesday: accepted without a word,
    moving nothing, and the day's explanation then named the override instead of the holiday."""
    result = kawal("calendar", "overrides", "add", *args, "--reason", "SKB 3 Menteri")
    assert result.exit_code == 1
    assert said in result.output
    assert "an override would change nothing" in result.output
    assert kawal("calendar", "overrides", "list").output.strip() == "no holiday overrides"


@sqlite_only
def test_cli_keeps_an_override_that_changes_one_of_its_readings(kawal):
    """A cuti bersama (a day off on the latest reading only) made a day off on both readings changes the earliest; a
    public holiday made a working day is a correction."""
    keppres = ("--reason", "Keppres: libur nasional", "--kind", "holiday")
    both = kawal("calendar", "overrides", "add", "--date", "2026-12-24", *keppres)
    assert both.exit_code == 0, both.output
    working = kawal("calendar", "overrides", "add", "--date", "2026-12-25", "--reason", "Koreksi", "--working")
    assert working.exit_code == 0, working.output
    assert len(kawal("calendar", "overrides", "list").output.strip().splitlines()) == 2
