"""A year of cases told through the engine (engine.demo_year), for the report tests to count on their own.

Telling a year takes a while (every case is worked step by step through the engine), so on SQLite it is
told once per test session into a database file that each test then gets a copy of; on PostgreSQL it is
told again for each test that asks for it.
"""

import shutil
from dataclasses import dataclass

import pytest

from engine import demo_year
from engine.config import load_settings
from engine.db import make_engine, session_factory
from engine.runtime import Runtime

YEAR = 2025
CASES, SEED = 50, 11


@dataclass
class Year:
    sessions: object
    rt: Runtime
    stories: list

    def told(self, kind=None):
        return [s for s in demo_year.all_stories(self.stories) if kind is None or s.kind == kind]


def tell(sessions, rt: Runtime, cases: int = CASES, seed: int = SEED) -> list:
    with sessions() as session:
        stories = demo_year.generate_year(session, rt, cases=cases, year=YEAR, seed=seed)
        session.commit()
    return stories


@pytest.fixture(scope="session")
def told_sqlite_year(tmp_path_factory, sqlite_template):
    """The year told once on SQLite: (database file, stories)."""
    path = tmp_path_factory.mktemp("year") / "year.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    settings = load_settings({"KAWAL_ENV": "test", "KAWAL_DATABASE_URL": url, "KAWAL_FILES_DIR": str(path.parent)})
    engine = make_engine(url)
    try:
        stories = tell(session_factory(engine), Runtime(settings))
    finally:
        engine.dispose()
    return path, stories


@pytest.fixture
def year(request, settings, session_factory_):
    """About fifty first cases of 2025 (and the objections and disputes some of them bring), told to their end."""
    if settings.database_url.startswith("sqlite"):
        path, stories = request.getfixturevalue("told_sqlite_year")
        shutil.copy(path, settings.database_url.removeprefix("sqlite:///"))
        return Year(session_factory_, Runtime(settings), stories)
    rt = Runtime(settings)
    return Year(session_factory_, rt, tell(session_factory_, rt))
