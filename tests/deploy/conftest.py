"""A database of its own in the test PostgreSQL server, and the SMTP sink, for the topology test.

The database is created and dropped here (not the shared ``public`` schema the other tests
truncate), so the topology can run beside them under pytest-xdist. It is a copy of a migrated template
made once per worker (``CREATE DATABASE ... TEMPLATE``, ~0.1 s), not migrated again for each test (~0.6 s of
this process's CPU and more of the server's, five times a run).
"""

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from engine.db import make_engine, upgrade
from tests.conftest import PG_URL
from tests.reminders.conftest import env, mailbox  # noqa: F401 - the SMTP sink and process environment of the reminder tests


@pytest.fixture(scope="session")
def _migrated_template():
    """The name of an upgraded, empty database of this worker's, to copy for each test (dropped at the end)."""
    if not PG_URL:
        pytest.fail("KAWAL_TEST_POSTGRES_URL is not set (make test starts the server)")
    name = f"kawal_topology_template_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        upgrade(make_url(PG_URL).set(database=name).render_as_string(hide_password=False))
        yield name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def own_postgres(_migrated_template):
    """The URL of a fresh, upgraded database created for this test (dropped afterwards)."""
    name = f"kawal_topology_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{_migrated_template}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
