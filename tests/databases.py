"""The databases the tests run on: one per backend (and per pytest-xdist worker), reset before each test.

Building a database from nothing (the migrations, a dozen officers, the four processes parsed and deployed)
takes about a second; putting one back to that state takes milliseconds. So each is built once per run, as a
template, and every test starts from a copy:

- SQLite: the worker's database file is replaced by a copy of the template file.
- PostgreSQL: every table is emptied (DELETE: on tables this small it is several times faster than TRUNCATE),
  the template's rows are copied back from the schema ``kawal_template`` and every id sequence restarts where
  the template left it, so ids and ticket numbers are the same in every test.

Two templates: ``office`` (the officers and the deployed processes: what nearly every test needs) and ``empty``
(the migrated schema only: for the tests of ``kawal demo`` and ``kawal users create``, which need no users).
A test can keep a database it built as a template of its own (``kept_database`` in tests/conftest.py): on SQLite
a file, on PostgreSQL a copy of every table in a schema ``kawal_kept_<name>``.

Under pytest-xdist every worker has its own SQLite file and its own PostgreSQL database, ``<name>_<worker>``,
created on the one server ``make test`` starts; the workers never share a row.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from engine.db import make_engine, upgrade
from engine.models import Base

TEMPLATES = ("office", "empty")
TEMPLATE_SCHEMA = "kawal_template"


def worker_id() -> str:
    """``gw0``, ``gw1``... under pytest-xdist; ``main`` without it."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


class SqliteDatabases:
    """Template files built once; ``reset(template)`` puts the worker's database file back to one of them."""

    def __init__(self, directory: Path, seed: Callable[[str], None]):
        self.directory = directory
        self.path = directory / "kawal.db"
        self.url = f"sqlite:///{self.path}"
        self.templates = {}
        self.kept = {}  # what the builders of kept templates returned (tests/conftest.py kept_sqlite)
        for name in TEMPLATES:
            template = directory / f"template-{name}.db"
            upgrade(f"sqlite:///{template}")
            if name == "office":
                seed(f"sqlite:///{template}")
            self.templates[name] = template

    def save(self, template: str) -> None:
        """Keep the database as it is now as a template for later tests (every connection to it closed)."""
        with closing(sqlite3.connect(self.path)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the file itself
        self.templates[template] = self.directory / f"template-{template}.db"
        shutil.copyfile(self.path, self.templates[template])

    def reset(self, template: str) -> str:
        """Every connection to the file must be closed (the fixtures dispose of their engines)."""
        for suffix in ("-wal", "-shm"):  # a stale write-ahead log would be replayed into the copy
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        copy = self.directory / "kawal.db.new"
        shutil.copyfile(self.templates[template], copy)
        os.replace(copy, self.path)  # a connection left open by mistake keeps the old file, never a half-copied one
        return self.url


class PostgresDatabases:
    """The worker's database on the test server, its templates kept in the schema ``kawal_template``."""

    def __init__(self, server_url: str, seed: Callable[[str], None]):
        self.url = _worker_database(server_url)
        self.engine = make_engine(self.url)
        self.kept = {}  # what the builders of kept templates returned (tests/conftest.py kept_database)
        with self.engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS public, {TEMPLATE_SCHEMA} CASCADE; CREATE SCHEMA public"))
        upgrade(self.url)
        seed(self.url)
        filled, sequences = self._copy_into(TEMPLATE_SCHEMA)
        self.sql = {
            "office": _reset_sql(TEMPLATE_SCHEMA, filled, sequences),
            "empty": _reset_sql(TEMPLATE_SCHEMA, [], [(seq, 1) for seq, _ in sequences]),
        }

    def save(self, template: str) -> None:
        """Keep the database as it is now as a template for later tests, in a schema of its own."""
        schema = "kawal_kept_" + "".join(c if c.isalnum() else "_" for c in template)
        self.sql[template] = _reset_sql(schema, *self._copy_into(schema))

    def _copy_into(self, schema: str) -> tuple[list[str], list[tuple[str, int]]]:
        """Copy every table into ``schema`` (made afresh): the tables that hold rows, and each id sequence with
        the id that follows them."""
        tables = Base.metadata.sorted_tables
        with self.engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"))
            for table in tables:
                conn.execute(text(f'CREATE TABLE {schema}."{table.name}" AS TABLE public."{table.name}"'))
            filled = [t.name for t in tables if conn.execute(text(f'SELECT 1 FROM "{t.name}" LIMIT 1')).first()]  # noqa: S608
            return filled, _sequences(conn)

    def reset(self, template: str) -> str:
        with self.engine.begin() as conn:
            conn.exec_driver_sql(self.sql[template])
        return self.url

    def close(self) -> None:
        self.engine.dispose()


def _reset_sql(schema: str, filled: list[str], sequences: list[tuple[str, int]]) -> str:
    """Every table emptied, the rows of ``filled`` copied back from ``schema``, every sequence restarted.

    Table and schema names come from the models and the tests (S608: no outside input here)."""
    empty = [f'DELETE FROM "{table.name}"' for table in reversed(Base.metadata.sorted_tables)]  # noqa: S608
    copy = [f'INSERT INTO "{name}" SELECT * FROM {schema}."{name}"' for name in filled]  # noqa: S608
    return ";\n".join(empty + copy + [f"ALTER SEQUENCE {seq} RESTART WITH {next_}" for seq, next_ in sequences])


def _worker_database(server_url: str) -> str:
    """Without xdist the URL's own database; under xdist a database of the worker's own, created afresh."""
    if worker_id() == "main":
        return server_url
    url = make_url(server_url)
    name = f"{url.database}_{worker_id()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def _sequences(conn) -> list[tuple[str, int]]:
    """Each table's id sequence and the id that follows the template's rows."""
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.primary_key.columns:
            seq = conn.scalar(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": f'public."{table.name}"', "column": column.name},
            )
            if seq:
                last = conn.scalar(text(f'SELECT max("{column.name}") FROM "{table.name}"'))  # noqa: S608
                found.append((seq, (last or 0) + 1))
    return found
