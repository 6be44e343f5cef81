"""A database of its own in the test PostgreSQL server, and the SMTP sink, for the topology test.

The database is created and dropped here (not the shared ``public`` schema the other tests
truncate), so the topology can run beside them under pytest-xdist.
"""

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from engine.db import make_engine, upgrade
from tests.conftest import PG_URL
from tests.reminders.conftest import env, mailbox  # noqa: F401 - the SMTP sink and process environment of the reminder tests


@pytest.fixture
def own_postgres():
    """The URL of a fresh, upgraded database created for this test (dropped afterwards)."""
    if not PG_URL:
        pytest.fail("KAWAL_TEST_POSTGRES_URL is not set (make test starts the server)")
    name = f"kawal_topology_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
