"""Database engines, sessions and schema upgrades for every boundary (web, CLI, jobs, tests)."""

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str, **kwargs) -> Engine:
    # A statement's error never quotes its parameters (a requester's name, a reporter's words): its text goes into
    # logs and an incident's last error, which an admin reads (api.app: the web app's engine does the same).
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers work beside the writer; NORMAL is durable at checkpoints (notes §11).
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Reads through a memory map shared by every connection, not each connection's 2 MB page cache: a
    # search joining index hits to their rows (engine.search) costs a fifth (bench/dip_search.py).
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.close()


def per_dialect(build: Callable) -> Callable[[Session], object]:
    """A statement that needs its dialect's own INSERT (``ON CONFLICT ..``), built once per dialect.

    ``build`` gets that dialect's ``insert`` and returns the statement; the decorated function takes the
    session and returns the statement built for its database (building one costs more than running it).
    """
    built: dict = {}

    def statement(session: Session):
        name = session.get_bind().dialect.name
        if name not in built:
            built[name] = build(postgresql.insert if name == "postgresql" else sqlite.insert)
        return built[name]

    return statement


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(url: str) -> "Config":
    """Alembic is imported here, not with the module: it brings Mako and Pygments (~0.17 s), which only an
    upgrade needs, not every `kawal` command, web worker or RQ worker that starts."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> set[str]:
    """Upgrade the schema to ``revision``; returns the revisions this upgrade applied (none: it was there)."""
    from alembic import command
    from alembic.script import ScriptDirectory

    config = alembic_config(url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            before = _current_revision(conn)
    finally:
        engine.dispose()
    command.upgrade(config, revision)
    script = ScriptDirectory.from_config(config)
    return {r.revision for r in script.iterate_revisions(revision, before)}


def _current_revision(conn) -> str | None:
    from alembic.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


@cache
def head_revision() -> str:
    """The newest migration of this release: the highest number among its files (each revision is named by its
    file's number: 0001, 0002 ...), read without importing alembic (~0.3 s, which every command and health check
    would pay)."""
    return max(path.name[:4] for path in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


def schema_revision(connection) -> str | None:
    """The migration the database is at, as alembic recorded it (one row, one cheap query), or None when it has no
    schema yet. ``connection``: a connection or a session."""
    from sqlalchemy import text

    conn = connection if isinstance(connection, Connection) else connection.connection()  # a (scoped) session's
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def schema_mismatch(connection) -> str | None:
    """Why this release cannot work on the database's schema, or None when it is at this release's migration: behind
    it (``kawal db upgrade`` not run yet) or ahead of it (a newer release upgraded it; there is no downgrade)."""
    at, needs = schema_revision(connection), head_revision()
    if at is None or at == needs:  # no schema at all: each boundary says so its own way
        return None
    if at < needs:
        return f"the database is at migration {at}, this release needs {needs}: run kawal db upgrade"
    return (
        f"the database is at migration {at}, newer than this release's {needs}: run the release that upgraded it"
        " (there is no downgrade: restore the backup made before the upgrade to go back)"
    )
