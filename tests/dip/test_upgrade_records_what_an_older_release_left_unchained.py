"""`kawal db upgrade` counts, and `kawal repair chain-gaps --apply` records once the administrator has checked them,
the rows written without their record in the chains of engine.access_log (engine.chain_gaps).

Walk report (an office upgraded from 154d8a5 as README step 9 said then): the old web process, still running after the
migrations, recorded an exemption determination; the entry had no record in the register's hash chain (migration 0056's
snapshot is one-time) and `kawal audit verify` failed for good. A later review: recording such rows on every upgrade
silently hid what `kawal audit verify` exists to raise (a row inserted by SQL, a record deleted). Now the upgrade only
counts them and names the command; the command lists them, and with --apply records each by ``system``, now, marked
``found_unchained`` (never as made by whom the row names, when it says), and the auditor's list says so; a second
--apply records nothing.

On PostgreSQL too: the rows are stored and read back through each chain's lock and order.
"""

from datetime import UTC, date, datetime

import pytest
from babel.dates import format_date
from click.testing import CliRunner
from sqlalchemy import func, select

from api.cli import main
from engine import access_log
from engine.models import CalendarEvent, ExemptionEvent, FeeEvent
from tests.dip.test_direct_determination import determination, record
from tests.dip.test_exemption_register_chain import tamper
from tests.web.pages import text


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


def test_upgrade_counts_rows_without_their_record_and_only_chain_gaps_apply_records_them_marked(
    keeper, kawal, db_url, browser
):
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

    upgraded = kawal("db", "upgrade")
    assert upgraded.exit_code == 0, upgraded.output
    said = [line for line in upgraded.output.splitlines() if "no record in their hash chain" in line]
    assert said == [
        "4 changes have no record in their hash chain (1 exemption register entries, 2 holiday override changes,"
        " 1 fee standard prices): written by an older release still running after the migrations, by hand, or their"
        " record deleted; `kawal audit verify` reports them. Check them (`kawal repair chain-gaps` lists them), then"
        " record them with `kawal repair chain-gaps --apply`"
    ]
    assert _records(keeper) == before  # counted, nothing recorded
    assert kawal("audit", "verify").exit_code == 1

    listed = kawal("repair", "chain-gaps")
    assert listed.exit_code == 0, listed.output
    assert f"exemption register, entry {unchained}: decree KW.09/PPID/12/2020, no record in its hash chain" in (
        listed.output
    )
    assert "calendar, day 2027-03-03: set" in listed.output
    assert "calendar, day 2027-03-04: its setting is gone without a record of its removal" in listed.output
    assert "fee standard: halaman at 700 from 2027-01-01 without its record" in listed.output
    assert "4 without their record; check them, then run with --apply to record them" in listed.output
    assert _records(keeper) == before
    assert kawal("audit", "verify").exit_code == 1

    applied = kawal("repair", "chain-gaps", "--apply")
    assert applied.exit_code == 0, applied.output
    today = keeper.rt.office_today()
    assert f"4 recorded by system on {today}, marked as found without a record" in applied.output
    assert _records(keeper) == {k: n + 1 + (k == "calendar") for k, n in before.items()}
    marker = {"found_unchained": True, "found_on": today}
    with keeper.sessions() as s:
        last = s.scalars(select(ExemptionEvent).order_by(ExemptionEvent.id.desc())).first()
        assert (last.exemption_id, last.type, last.actor) == (unchained, "exemption_snapshot", "system")
        assert last.data["format"] == access_log.EXEMPTION_FORMAT
        assert {k: last.data[k] for k in marker} == marker
        calendar = s.scalars(select(CalendarEvent).order_by(CalendarEvent.id)).all()[-2:]
        assert [(e.type, e.actor, e.data["day"], e.data["found_unchained"]) for e in calendar] == [
            ("override_added", "system", "2027-03-03", True),
            ("override_removed", "system", "2027-03-04", True),
        ]
        assert calendar[0].at != at  # not as the row says it was made: who and when are unknown
        fee = s.scalars(select(FeeEvent).order_by(FeeEvent.id.desc())).first()
        assert (fee.actor, fee.data["amount"], fee.data["found_unchained"]) == ("system", 700, True)
        assert all(state.ok for state in access_log.verify(s).values())
    verified = kawal("audit", "verify")
    assert verified.exit_code == 0, verified.output
    assert f"entry {chained}" not in verified.output

    again = kawal("repair", "chain-gaps", "--apply")
    assert again.exit_code == 0, again.output
    assert "no rows without their record in a hash chain" in again.output
    assert _records(keeper) == {k: n + 1 + (k == "calendar") for k, n in before.items()}
    assert "no record in their hash chain" not in kawal("db", "upgrade").output

    # The auditor's list: by the system, found without a record, who and when unknown.
    page = text(browser("auditor").get("/audit/akses"))
    day = format_date(date.fromisoformat(today), "d MMM y", locale="id")
    found = f"ditemukan tanpa catatan; dicatat oleh sistem pada {day}; siapa yang membuatnya dan kapan tidak diketahui"
    assert page.count(found) == 4
    assert "<td>sistem</td>" in page
