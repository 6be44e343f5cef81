"""`kawal db upgrade` says why it derived the case facts again by what changed, not by a migration that changed
nothing in them.

An administrator upgraded a database made at migration 0051 and read "facts of 16 cases derived again (migration 0053
changed what they hold)"; migration 0053 only creates an index (ix_case_event_type_at). DERIVED_SINCE is named by the
newest migration of its day: what changed was the code (a granted objection's order carried out on a request still
being handled counts as carried out), and that is what the upgrade says now (engine.facts.DERIVATIONS).

SQLite alone: what is said is Python's choice over the derivations the rows follow; the derivation itself, run
again by `kawal db upgrade` (interrupted and resumed), is proven on PostgreSQL by tests/test_cli.py.
"""

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from api.cli import main
from engine import facts
from engine.db import make_engine
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see the docstring)


@pytest.fixture
def db_template():
    return "empty"  # `kawal demo` sets up its office only in a database without users


@pytest.fixture
def kawal(db_url, monkeypatch):  # noqa: F811 - db_url: the fixture imported above
    monkeypatch.setenv("KAWAL_DATABASE_URL", db_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args), catch_exceptions=False)


def _derived_as(db_url, derived):  # noqa: F811
    engine = make_engine(db_url)
    with engine.begin() as conn:
        total = conn.execute(text("SELECT count(*) FROM case_facts")).scalar()
        conn.execute(text("UPDATE case_facts SET derived = :d"), {"d": derived})
    engine.dispose()
    return total


def test_upgrade_from_derivation_0048_names_the_objection_order_rule_not_migration_0053(kawal, db_url):  # noqa: F811
    kawal("demo")
    total = _derived_as(db_url, "0048")  # a database upgraded last at 0048..0052
    said = kawal("db", "upgrade").output
    assert (
        f"facts of {total} cases derived again, as what they hold changed: a granted objection's order carried out on"
        " a request still being handled counts as carried out; "
    ) in said
    assert "migration 0053" not in said


def test_upgrade_from_derivation_0053_names_lateness_on_the_lenient_reading(kawal, db_url):  # noqa: F811
    """Walk report, session 41: the reports counted late on the strict calendar alone (legal-process.md §2.2)."""
    kawal("demo")
    total = _derived_as(db_url, "0053")
    said = kawal("db", "upgrade").output
    changed = f"{facts.DERIVATIONS['0056']}; {facts.DERIVATIONS['0057']}; {facts.DERIVATIONS['0058']}"
    assert f"facts of {total} cases derived again, as what they hold changed: {changed}\n" in said


def test_upgrade_from_derivation_0056_names_the_reason_a_complaint_was_not_followed_up(kawal, db_url):  # noqa: F811
    """Migration 0057: a complaint not actionable at verification keeps the reason its form now asks."""
    kawal("demo")
    total = _derived_as(db_url, "0056")
    said = kawal("db", "upgrade").output
    changed = f"{facts.DERIVATIONS['0057']}; {facts.DERIVATIONS['0058']}"
    assert f"facts of {total} cases derived again, as what they hold changed: {changed}\n" in said


def test_upgrade_from_derivation_0057_names_the_court_decisions_kept_apart(kawal, db_url):  # noqa: F811
    """Migration 0058: a dispute keeps the court's decision beside the Supreme Court's, and the office's own
    cassation counts as filed (walk of a dispute's court stage, findings 2 and 3)."""
    kawal("demo")
    total = _derived_as(db_url, "0057")
    said = kawal("db", "upgrade").output
    assert f"facts of {total} cases derived again, as what they hold changed: {facts.DERIVATIONS['0058']}\n" in said


def test_upgrade_from_before_every_named_derivation_names_each_change(kawal, db_url):  # noqa: F811
    kawal("demo")
    _derived_as(db_url, None)  # derived before rows recorded their derivation (migration 0025)
    line = next(line for line in kawal("db", "upgrade").output.splitlines() if "derived again" in line)
    for change in facts.DERIVATIONS.values():
        assert change in line
    assert "the columns added by migrations before 0047 are filled" in line


def test_the_current_derivation_says_what_it_changed():
    """A new DERIVED_SINCE without its line here would have the upgrade derive the rows again without saying why."""
    assert facts.DERIVED_SINCE in facts.DERIVATIONS
    assert max(facts.DERIVATIONS) == facts.DERIVED_SINCE
