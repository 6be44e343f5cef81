"""The access changes over the API and their hash chains (engine.access_log, /api/v1/audit/access): for auditors
only; a record rewritten or removed from the middle in the database breaks its chain; records kept before the chain
existed are chained by the upgrade. On SQLite and PostgreSQL (its advisory lock)."""

from tests.conftest import sqlite_only

# On PostgreSQL too: each chain's records stored and read back (their JSON data hashed again), a record rewritten in
# the database, the migrations that chain the older records, the administrators at once (the advisory lock). Who may
# read the list, and a second way of breaking a chain, are @sqlite_only: Python's decision over the same rows.


@sqlite_only
def test_the_access_changes_over_the_api_are_for_auditors(client, login):
    admin = login("admin")
    client.post("/api/v1/units", json={"code": "KANKEMENAG-MLG", "name": "Kankemenag Malang"}, headers=admin)
    assert client.get("/api/v1/audit/access", headers=admin).status_code == 403
    r = client.get("/api/v1/audit/access", headers=login("auditor"))
    assert r.status_code == 200
    assert [(c["type"], c["actor"], c["subject_kind"], c["subject"]) for c in r.json] == [
        ("unit_created", "admin", "unit", "KANKEMENAG-MLG")
    ]
    empty = client.get(
        "/api/v1/audit/access?from=2000-01-01T00:00:00%2B07:00&to=2000-02-01T00:00:00%2B07:00", headers=login("auditor")
    )
    assert empty.json == []


def _tamper(db_url, statement: str) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy import text as sql

    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sql(statement))
    engine.dispose()


def _three_changes(client, login):
    admin = login("admin")
    for name in ("Bidang Satu", "Bidang Dua"):
        assert client.put("/api/v1/units/PENDMAD", json={"name": name}, headers=admin).status_code == 200
    changed = {"display_name": "Petugas Dua", "email": None, "unit": "KANWIL", "groups": ["petugas_layanan", "ppid"]}
    assert client.put("/api/v1/users/petugas2", json=changed, headers=admin).status_code == 200


def test_the_access_changes_are_hash_chained_and_verify(client, login):
    _three_changes(client, login)
    r = client.get("/api/v1/audit/access/verify", headers=login("auditor"))
    assert r.json == {
        "officer": {"records": 1, "broken_at": None},
        "unit": {"records": 2, "broken_at": None},
        "calendar": {"records": 0, "broken_at": None},
        "fee": {"records": 0, "broken_at": None},
        "exemption": {"records": 0, "broken_at": None},  # the determinations the PPID recorded without a request
    }


def test_a_group_change_rewritten_in_the_database_breaks_the_account_chain(client, login, db_url):
    """An administrator with database access who hides that they gave someone the WBS managers' group."""
    _three_changes(client, login)
    _tamper(db_url, """UPDATE account_event SET data = '{"fields": ["display_name"]}'""")
    r = client.get("/api/v1/audit/access/verify", headers=login("auditor"))
    assert r.json["officer"]["broken_at"] is not None
    assert r.json["unit"]["broken_at"] is None


@sqlite_only
def test_a_record_removed_from_the_middle_breaks_the_unit_chain(client, login, db_url):
    _three_changes(client, login)
    _tamper(db_url, "DELETE FROM unit_event WHERE id = (SELECT min(id) FROM unit_event)")
    r = client.get("/api/v1/audit/access/verify", headers=login("auditor"))
    assert r.json["unit"] == {"records": 1, "broken_at": r.json["unit"]["broken_at"]}
    assert r.json["unit"]["broken_at"] is not None


def test_records_kept_before_the_chain_are_chained_by_the_upgrade(client, login, db_url):
    """Migration 0037 chains the account and unit records made before it, in their order, as they are written."""
    from alembic import command

    from engine.db import alembic_config

    _three_changes(client, login)
    before = client.get("/api/v1/audit/access", headers=login("auditor")).json
    command.downgrade(alembic_config(db_url), "0036")
    command.upgrade(alembic_config(db_url), "head")
    r = client.get("/api/v1/audit/access/verify", headers=login("auditor"))
    assert r.json == {
        "officer": {"records": 1, "broken_at": None},
        "unit": {"records": 2, "broken_at": None},
        "calendar": {"records": 0, "broken_at": None},
        "fee": {"records": 0, "broken_at": None},
        "exemption": {"records": 0, "broken_at": None},
    }
    assert client.get("/api/v1/audit/access", headers=login("auditor")).json == before
    _three_changes(client, login)  # and the chain goes on from them
    r = client.get("/api/v1/audit/access/verify", headers=login("auditor"))
    assert r.json == {
        "officer": {"records": 1, "broken_at": None},
        "unit": {"records": 4, "broken_at": None},
        "calendar": {"records": 0, "broken_at": None},
        "fee": {"records": 0, "broken_at": None},
        "exemption": {"records": 0, "broken_at": None},
    }


def test_administrators_at_once_never_fork_a_chain(app, db_url):
    """Four administrators' sessions each append five records at the same moment: one chain of twenty."""
    import threading

    from engine import access_log
    from engine.db import make_engine, session_factory
    from engine.models import Unit

    engine = make_engine(db_url)
    sessions = session_factory(engine)
    with sessions() as s:
        unit_id = s.query(Unit.id).filter(Unit.code == "PENDMAD").scalar()
    start, failures = threading.Barrier(4), []

    def admin(n: int) -> None:
        start.wait()
        try:
            for i in range(5):
                with sessions.begin() as s:
                    access_log.record(s, access_log.UNIT, unit_id, f"admin{n}", "unit_renamed", {"name": [str(i), "x"]})
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=admin, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    with sessions() as s:
        assert access_log.verify(s)[access_log.UNIT] == access_log.ChainState(20, None)
    engine.dispose()


def test_the_working_day_calendar_s_changes_are_chained_and_listed_for_the_auditor(client, login, db_url):
    """A day off added to the calendar and removed again (which moves legal deadlines both times), and a year
    confirmed: each recorded in the calendar's own chain, the removed day's record kept after its row is gone."""
    admin = login("admin")
    day_off = {"day": "2028-03-27", "reason": "Cuti bersama Nyepi (SKB 2028)", "calendars": ["lenient"]}
    added = client.post("/api/v1/calendar/overrides", json=day_off, headers=admin)
    assert added.status_code == 201, added.json
    assert client.delete(f"/api/v1/calendar/overrides/{added.json['id']}", headers=admin).status_code == 200
    client.post("/api/v1/calendar/overrides", json=day_off, headers=admin)
    confirmed = client.post("/api/v1/calendar/years/2028/confirm", json={"note": "SKB 2028"}, headers=admin)
    assert confirmed.status_code == 201, confirmed.json
    changes = client.get("/api/v1/audit/access", headers=login("auditor")).json
    calendar = [(c["type"], c["subject"], c["actor"]) for c in changes if c["subject_kind"] == "calendar"]
    assert calendar == [
        ("year_confirmed", "2028", "admin"),
        ("override_added", "2028-03-27", "admin"),
        ("override_removed", "2028-03-27", "admin"),
        ("override_added", "2028-03-27", "admin"),
    ]
    chains = client.get("/api/v1/audit/access/verify", headers=login("auditor")).json
    assert chains["calendar"] == {"records": 4, "broken_at": None}
    _tamper(db_url, "DELETE FROM calendar_event WHERE type = 'override_removed'")  # hide that it was removed
    assert client.get("/api/v1/audit/access/verify", headers=login("auditor")).json["calendar"]["broken_at"]


def test_the_calendar_as_it_stands_starts_its_chain_at_the_upgrade(client, login, db_url):
    """Migration 0038 records the overrides in the table and the years confirmed, as they were made."""
    from alembic import command

    from engine.db import alembic_config

    admin = login("admin")
    day_off = {"day": "2028-03-27", "reason": "Cuti bersama Nyepi (SKB 2028)", "calendars": ["lenient"]}
    assert client.post("/api/v1/calendar/overrides", json=day_off, headers=admin).status_code == 201
    assert client.post("/api/v1/calendar/years/2028/confirm", json={}, headers=admin).status_code == 201
    command.downgrade(alembic_config(db_url), "0037")
    command.upgrade(alembic_config(db_url), "head")
    chains = client.get("/api/v1/audit/access/verify", headers=login("auditor")).json
    assert chains["calendar"] == {"records": 2, "broken_at": None}
    changes = client.get("/api/v1/audit/access", headers=login("auditor")).json
    assert [c["type"] for c in changes if c["subject_kind"] == "calendar"] == ["year_confirmed", "override_added"]


def _prices(client, login) -> None:
    """The administrator prices a printed page from a future day, then postage."""
    admin = login("admin")
    for code, amount in (("halaman", 500), ("pos", 25000)):
        rate = {
            "code": code,
            "amount": amount,
            "effective_from": "2099-01-04",
            "legal_basis": "Keputusan Kepala 7/2098",
        }
        r = client.post("/api/v1/fee-standard", json=rate, headers=admin)
        assert r.status_code == 201, r.json


def test_the_fee_standard_s_prices_are_chained_and_listed_for_the_auditor(client, login, db_url):
    """What a requester pays for copies and postage (UU 14/2008 Pasal 21) is the administrator's to set: each price
    is recorded in the fee standard's own chain, and a price rewritten in the record breaks it."""
    _prices(client, login)
    changes = client.get("/api/v1/audit/access", headers=login("auditor")).json
    fees = [(c["type"], c["subject"], c["actor"], c["data"]["amount"]) for c in changes if c["subject_kind"] == "fee"]
    assert fees == [("fee_rate_added", "pos", "admin", 25000), ("fee_rate_added", "halaman", "admin", 500)]
    chains = client.get("/api/v1/audit/access/verify", headers=login("auditor")).json
    assert chains["fee"] == {"records": 2, "broken_at": None}
    _tamper(db_url, """UPDATE fee_event SET data = '{"code": "halaman", "amount": 5000}' WHERE id = 1""")
    assert client.get("/api/v1/audit/access/verify", headers=login("auditor")).json["fee"]["broken_at"] == 1


def test_the_fee_standard_as_it_stands_starts_its_chain_at_the_upgrade(client, login, db_url):
    """Migration 0042 records the prices set before it, as they were set."""
    from alembic import command

    from engine.db import alembic_config

    _prices(client, login)
    before = client.get("/api/v1/audit/access", headers=login("auditor")).json
    command.downgrade(alembic_config(db_url), "0041")
    command.upgrade(alembic_config(db_url), "head")
    assert client.get("/api/v1/audit/access/verify", headers=login("auditor")).json["fee"] == {
        "records": 2,
        "broken_at": None,
    }
    assert client.get("/api/v1/audit/access", headers=login("auditor")).json == before
    _prices_again = {"code": "cd", "amount": 10000, "effective_from": "2099-01-04", "legal_basis": "Keputusan 7/2098"}
    assert client.post("/api/v1/fee-standard", json=_prices_again, headers=login("admin")).status_code == 201
    assert client.get("/api/v1/audit/access/verify", headers=login("auditor")).json["fee"] == {
        "records": 3,
        "broken_at": None,
    }
