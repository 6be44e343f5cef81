"""What both benchmarks share: the PostgreSQL URL they are given and a fresh database on it."""

import os
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import text

from engine.db import make_engine

POSTGRES_ENV = "KAWAL_BENCH_POSTGRES_URL"


def load() -> str:
    """The machine's 1- and 5-minute load averages: printed beside each figure, which means little on a
    machine busy with other work (2 CPUs here, often shared)."""
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


class BenchError(RuntimeError):
    """A benchmark cannot run as asked (a message for the operator, not a traceback)."""


def fresh_database(backend: str, tmp: Path, sqlite_name: str) -> str:
    """A SQLite file in ``tmp``, or the PostgreSQL of ``KAWAL_BENCH_POSTGRES_URL`` with its schema wiped.

    The name guard keeps a benchmark from wiping a database that is neither a bench nor a test one.
    """
    if backend == "sqlite":
        return f"sqlite:///{tmp / sqlite_name}"
    url = os.environ.get(POSTGRES_ENV, "")
    name = urlsplit(url).path.lstrip("/")
    if "bench" not in name and "test" not in name:
        raise BenchError(f"{POSTGRES_ENV}: refusing to wipe database {name!r} (its name has no 'bench' or 'test')")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return url
