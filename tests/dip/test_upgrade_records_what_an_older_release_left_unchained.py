"""`kawal db upgrade` records, each time it runs, what an older release wrote without its record in the chains of
engine.access_log (engine.chain_gaps).

Walk report (an office upgraded from 154d8a5 as README step 9 said then): the old web process, still running after the
migrations, recorded an exemption determination; the entry had no record in the register's hash chain (migration 0056's
snapshot is one-time) and `kawal audit verify` failed for good, a second `db upgrade` changing nothing. Now each run
records such an entry as it stands (an ``exemption_snapshot`` by ``system``), and a calendar override or a fee price the
old release wrote, or an override it removed, in their chains; a second run records nothing.

On PostgreSQL too: the rows are stored and read back through each chain's lock and order.
"""

from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from api.cli import main
from engine import access_log
from engine.models import CalendarEvent, ExemptionEvent, FeeEvent
from tests.dip.test_direct_determination import determination, record
from tests.dip.test_exemption_register_chain import tamper


@pytest.fixture
def kawal(settings, monkeypatch):
    monkeypatch.setenv("KAWAL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KAWAL_FILES_DIR", str(settings.files_dir))
    monkeypatch.setenv("KAWAL_ENV", "test")
    return lambda *args: CliRunner().invoke(main, list(args))


def _records(keeper) -> dict:
    with keeper.sessions() as s:
        return {
            kind: s.scalar(select(func.count()).select_from(model))
            for kind, model in (("exemption", ExemptionEvent), ("calendar", CalendarEvent), ("fee", FeeEvent))
        }


def test_an_entry_the_old_release_wrote_without_its_record_is_recorded_and_audit_verify_passes(keeper, kawal, db_url):
    chained = record(keeper, "ppid", determination(keeper))
    unchained = record(keeper, "ppid", determination(keeper, nomor_penetapan="KW.09/PPID/12/2020"))
    # As the old release wrote it: the entry, no record in the register's chain (its newest, so the chain is whole).
    tamper(db_url, "DELETE FROM exemption_event WHERE exemption_id = :id", id=unchained)
    # The calendar and the fee standard: an override and a price written without a record, and an override the old
    # release removed after the migration recorded it.
    at = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)
    tamper(
        db_url,
        "INSERT INTO holiday (day, is_working, reason, calendars, created_at, created_by)"
        " VALUES (:day, :no, 'Banjir', 'strict,lenient', :at, 'admin')",
        day=date(2027, 3, 3),
        no=False,
        at=at,
    )
    with keeper.sessions.begin() as s:
        removed = {"day": "2027-03-04", "is_working": False, "calendars": "strict,lenient", "reason": "Gempa"}
        access_log.record(s, access_log.CALENDAR, 999, "admin", "override_added", removed, at=at)
    tamper(
        db_url,
        "INSERT INTO fee_rate (code, amount, effective_from, legal_basis, actor, at)"
        " VALUES ('halaman', 700, :since, 'SK Kepala Kanwil 9/2026', 'admin', :at)",
        since=date(2027, 1, 1),
        at=at,
    )
    broken = kawal("audit", "verify")
    assert broken.exit_code == 1
    assert f"exemption register, entry {unchained}: {access_log.ENTRY_MISSING}" in broken.output
    before = _records(keeper)

    first = kawal("db", "upgrade")
    assert first.exit_code == 0, first.output
    assert "1 exemption register entries had no record in the register's hash chain" in first.output
    assert "2 holiday override changes recorded in the calendar's hash chain" in first.output
    assert "1 fee standard prices recorded in the fee standard's hash chain" in first.output
    assert _records(keeper) == {k: n + 1 + (k == "calendar") for k, n in before.items()}
    with keeper.sessions() as s:
        last = s.scalars(select(ExemptionEvent).order_by(ExemptionEvent.id.desc())).first()
        assert (last.exemption_id, last.type, last.actor) == (unchained, "exemption_snapshot", "system")
        assert last.data["format"] == access_log.EXEMPTION_FORMAT
        calendar = s.scalars(select(CalendarEvent).order_by(CalendarEvent.id)).all()[-2:]
        assert [(e.type, e.actor, e.data["day"]) for e in calendar] == [
            ("override_added", "admin", "2027-03-03"),
            ("override_removed", "system", "2027-03-04"),
        ]
        assert calendar[0].at == at  # as the row says it was made
        assert all(state.ok for state in access_log.verify(s).values())
    verified = kawal("audit", "verify")
    assert verified.exit_code == 0, verified.output
    assert f"entry {chained}" not in verified.output

    again = kawal("db", "upgrade")
    assert again.exit_code == 0, again.output
    assert "recorded" not in again.output
    assert _records(keeper) == {k: n + 1 + (k == "calendar") for k, n in before.items()}
