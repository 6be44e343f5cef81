"""`kawal demo`'s officers have e-mail addresses on a name reserved for examples (RFC 2606: ``.example``, which no
mail server delivers to), so a demo run against an SMTP sink shows the officers' own mails beside the requesters'.

Walk report: a demo with KAWAL_SMTP_HOST on a local sink showed the requesters' mails and never one to an officer (a
new task in a lane, a deadline near): the demo's officers had no address, and their mails were skipped.

SQLite alone: an address stored in a column every test's officer already has, and mail; the demo's rows are read
back on PostgreSQL by tests/test_cli.py's test_demo_prints_logins_and_cases_once.
"""

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from api.cli import main
from engine.db import make_engine
from engine.demo import DEMO_MAIL_DOMAIN, DEMO_USERS
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the docstring
from tests.reminders.conftest import mailbox  # noqa: F401 - the SMTP sink, a fixture


@pytest.fixture
def db_template():
    return "empty"  # `kawal demo` sets up its office only in a database without users


def test_every_demo_officer_has_an_address_on_a_reserved_name_and_their_mail_reaches_the_sink(
    settings,
    mailbox,  # noqa: F811 - the fixture imported above
    monkeypatch,
):
    monkeypatch.setenv("KAWAL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    monkeypatch.delenv("KAWAL_REDIS_URL", raising=False)
    monkeypatch.setenv("KAWAL_NOTIFY_CHANNELS", "smtp")
    monkeypatch.setenv("KAWAL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KAWAL_SMTP_PORT", str(mailbox.port))
    monkeypatch.setenv("KAWAL_SMTP_FROM", "ppid@kanwil.example")
    kawal = lambda *args: CliRunner().invoke(main, list(args), catch_exceptions=False)  # noqa: E731
    assert kawal("demo").exit_code == 0
    engine = make_engine(settings.database_url)
    with engine.connect() as conn:
        addresses = dict(conn.execute(text('SELECT username, email FROM "user"')).all())
    engine.dispose()
    assert DEMO_MAIL_DOMAIN == "kawal-demo.example"  # RFC 2606: never a real domain
    assert addresses == {name: f"{name}@kawal-demo.example" for name in DEMO_USERS}

    reconciled = kawal("reconcile")
    assert reconciled.exit_code == 0, reconciled.output
    to_officers = {m["To"] for m in mailbox.by_event() if m["To"].endswith("@kawal-demo.example")}
    assert to_officers, [m["To"] for m in mailbox.by_event()]  # before: none, every officer's mail skipped
    assert to_officers <= set(addresses.values())
