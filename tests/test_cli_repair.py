"""`kawal repair stuck-requests` on the server: the requests a notice sent in time but recorded after the T10 timer
fired left at their end join before commit 789bf38 (engine.repair) are listed by ticket with what is wrong; `--apply`
repairs each, recorded in its history as the command's; a second run finds nothing.
"""

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from api.cli import main
from engine import lateness
from engine import repair as repairs
from engine.models import Case, CaseEvent
from engine.runtime import Runtime
from tests.conftest import sqlite_only
from tests.workflows.conftest import Office
from tests.workflows.test_keberatan_paths import _decide, _to_superior
from tests.workflows.test_repair_stuck_requests import (
    _refused_in_time_after_t10_fired,
    _waits_for_an_objection,
    _withdrawn_as_before_the_fix,
    clock,  # noqa: F401
)


@pytest.fixture
def kawal(settings, monkeypatch):
    monkeypatch.setenv("KAWAL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KAWAL_FILES_DIR", str(settings.files_dir))
    monkeypatch.setenv("KAWAL_ENV", "test")
    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return run


@pytest.fixture
def office(settings, session_factory_):
    return Office(session_factory_, Runtime(settings))


@pytest.fixture
def stuck(office, clock, monkeypatch):  # noqa: F811
    """Two requests stuck as the code before the fix left them; on the second an objection was granted meanwhile."""
    with monkeypatch.context() as before_the_fix:
        before_the_fix.setattr(lateness, "_withdraw_escalation", _withdrawn_as_before_the_fix)
        first = _refused_in_time_after_t10_fired(office, clock)
        clock.move_to("2026-12-02T03:00:00Z")
        second = _refused_in_time_after_t10_fired(office, clock)
    objection = office.objection(second, ["a"])
    _to_superior(office, objection)
    _decide(office, objection, "keberatan_dikabulkan_seluruhnya")
    return first, second, objection


# On PostgreSQL too: a case's repair that fails rolled back, the next case still repaired, and the next run repairing
# the first (the list, the repair and its record, each case in its own transaction). The list's words and a plain
# run, the same queries and repair, are @sqlite_only: each builds two stuck requests again, the cost of a twin.
@sqlite_only
def test_the_list_names_each_stuck_request_and_what_is_wrong_and_changes_nothing(kawal, office, stuck):
    first, second, objection = stuck
    listed = kawal("repair", "stuck-requests")
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert lines[0].startswith(f"{first}\tselesai\tpenanganan waits at its end join for an escalation withdrawn when")
    assert "T10 met by the notice dated 2026-12-02 was recorded after its timer fired" in lines[0]
    assert lines[0].endswith("fired: the request does not wait for an objection")
    assert lines[1].startswith(f"{second}\t")
    assert lines[2] == f"  granted objection {objection}: its order is carried out, the delivery reopens"
    assert lines[-1] == "2 stuck; run with --apply to repair them"
    assert not _waits_for_an_objection(office, first)  # a list repairs nothing


@sqlite_only
def test_apply_repairs_each_request_once_recorded_as_the_command_s(kawal, office, stuck):
    first, second, _objection = stuck
    applied = kawal("repair", "stuck-requests", "--apply")
    assert applied.exit_code == 0, applied.output
    assert f"  repaired: {first} runs on" in applied.output.splitlines()
    assert _waits_for_an_objection(office, first)
    assert office.open_tasks(second) == ["penyerahan_lanjutan"]  # the order granted meanwhile, carried out
    with office.sessions() as s:
        actors = s.scalars(select(CaseEvent.actor).join(Case).where(CaseEvent.type == "case_repaired")).all()
    assert actors == ["cli", "cli"]
    again = kawal("repair", "stuck-requests", "--apply")
    assert again.output == "no stuck requests\n"
    office.verify()


def test_a_case_whose_repair_fails_is_rolled_back_and_named_and_the_others_are_still_repaired(
    kawal, office, stuck, monkeypatch
):
    first, second, _objection = stuck
    repair = repairs.repair_stuck_case

    def fails_on_the_first(session, rt, case, actor):
        result = repair(session, rt, case, actor)  # its work done in the session, then a fault before the commit
        if case.ticket == first:
            raise RuntimeError("disk full")
        return result

    with monkeypatch.context() as faulty:
        faulty.setattr(repairs, "repair_stuck_case", fails_on_the_first)
        applied = kawal("repair", "stuck-requests", "--apply")
    assert applied.exit_code == 1
    assert "Traceback" not in applied.output
    lines = applied.output.splitlines()
    assert f"{first}: not repaired: RuntimeError" in lines
    assert f"  repaired: {second} runs on" in lines  # the case after it was not skipped
    assert "1 of 2 not repaired" in applied.output
    assert not _waits_for_an_objection(office, first)  # its session work rolled back: still stuck, no record of it
    with office.sessions() as s:
        repaired = s.scalars(select(Case.ticket).join(CaseEvent).where(CaseEvent.type == "case_repaired")).all()
    assert repaired == [second]
    again = kawal("repair", "stuck-requests", "--apply")  # the fault gone: the first is repaired on the next run
    assert again.exit_code == 0, again.output
    assert f"  repaired: {first} runs on" in again.output.splitlines()
    office.verify()
