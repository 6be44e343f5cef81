"""`kawal db upgrade` ends an exemption register entry whose refusal was overturned, but an entry with no record in the
register's hash chain keeps its gap for `kawal repair chain-gaps` to list: its end adds no record that would close it.

Walk report: the upgrade counted the rows without their chain record (engine.chain_gaps), then ended the entries an
objection granted in full had overturned (engine.exemption_ends.end_overturned); an unchained entry that was also
overturned got its ``exemption_ended`` record, its first in the chain, and `kawal repair chain-gaps` then found
nothing: a row written past the chain (an older release, SQL by hand, a deleted record) vouched for without anyone
checking it. Now the entry is ended all the same (the refusal is overturned: it may not be cited again) and the
request's history says so, but the register's chain gets nothing until the administrator has checked the gap and
recorded it with --apply, as it then stands, its end included.

On PostgreSQL too: the end reads the entry's chain records (a new query) and the upgrade writes and reads them back.
"""

from click.testing import CliRunner
from sqlalchemy import select

from api.cli import main
from engine import access_log, run
from engine.models import ExemptionEvent
from tests.dip.test_exemption_register_chain import tamper
from tests.workflows.test_exemption_overturned import (
    _ended_events,
    _entries,
    _objection_decided,
    _refused,
    _today,
    clock,  # noqa: F401 - the fixture
)


def _records(office, entry_id) -> list[tuple[str, str, bool]]:
    with office.sessions() as s:
        return [
            (e.type, e.actor, bool((e.data or {}).get("found_unchained")))
            for e in s.scalars(
                select(ExemptionEvent).where(ExemptionEvent.exemption_id == entry_id).order_by(ExemptionEvent.id)
            )
        ]


def test_the_upgrade_ends_an_overturned_entry_without_a_chain_record_and_leaves_its_gap_listed(
    office,
    clock,  # noqa: F811 - the fixture
    settings,
    db_url,
    monkeypatch,
):
    request = _refused(office)
    monkeypatch.setattr(run.exemption_ends, "end_for_objection", lambda *a, **k: [])  # the Kawal before
    objection = _objection_decided(office, request, ("a",), "keberatan_dikabulkan_seluruhnya")
    monkeypatch.undo()
    (entry,) = _entries(office)
    assert entry.ended_on is None
    # As an older release still running after the migrations wrote it: no record in the register's chain (the entry's
    # records are the chain's only ones, so the chain itself stays whole).
    tamper(db_url, "DELETE FROM exemption_event WHERE exemption_id = :id", id=entry.id)
    monkeypatch.setenv("KAWAL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KAWAL_FILES_DIR", str(settings.files_dir))
    monkeypatch.setenv("KAWAL_ENV", "test")
    kawal = lambda *args: CliRunner().invoke(main, list(args), catch_exceptions=False)  # noqa: E731

    upgraded = kawal("db", "upgrade")
    assert "1 exemption entries ended: the refusal they rested on was overturned" in upgraded.output
    assert "1 changes have no record in their hash chain (1 exemption register entries)" in upgraded.output
    (entry,) = _entries(office)
    assert entry.ended_on == _today(office)  # ended: it may not be cited to refuse anyone again
    assert objection in entry.ended_reason
    assert [e["by"] for e in _ended_events(office, request)] == [objection]  # the request's history says so
    assert _records(office, entry.id) == []  # the register's chain: nothing yet

    listed = kawal("repair", "chain-gaps")
    assert f"exemption register, entry {entry.id}: decree {entry.decree_number}, no record in its hash chain" in (
        listed.output
    )
    # where the administrator checks its end: the overturning case, on the request's history
    assert f"; ended on {entry.ended_on.isoformat()} by {objection} (request {request}'s history)" in listed.output
    verified = kawal("audit", "verify")
    assert verified.exit_code == 1
    assert f"exemption register, entry {entry.id}: {access_log.ENTRY_MISSING}" in verified.output
    again = kawal("db", "upgrade")  # ended once: the next upgrade still counts the gap, and ends nothing
    assert "exemption entries ended" not in again.output
    assert "1 changes have no record in their hash chain" in again.output

    applied = kawal("repair", "chain-gaps", "--apply")
    assert "1 recorded by system" in applied.output
    assert _records(office, entry.id) == [("exemption_snapshot", "system", True)]
    with office.sessions() as s:
        (snapshot,) = s.scalars(select(ExemptionEvent.data).where(ExemptionEvent.exemption_id == entry.id)).all()
    assert snapshot["ended_on"] == entry.ended_on.isoformat()  # recorded as it stands: its end included
    assert kawal("audit", "verify").exit_code == 0
    office.verify()


def test_an_overturned_entry_with_its_chain_record_is_ended_in_the_chain_too(office, clock):  # noqa: F811
    """The rule's other side, unchanged: a chained entry's end is its chain's record, as it always was."""
    request = _refused(office)
    _objection_decided(office, request, ("a",), "keberatan_dikabulkan_seluruhnya")
    (entry,) = _entries(office)
    assert entry.ended_on == _today(office)
    assert [t for t, _actor, _found in _records(office, entry.id)][-1] == "exemption_ended"
    office.verify()
