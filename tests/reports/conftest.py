"""A year of cases told through the engine (engine.demo_year), for the report tests to count on their own.

Telling a year takes a while (every case is worked step by step through the engine), so it is told once per
test worker and backend, and each later test gets a copy of that database (``kept_database``).
"""

from dataclasses import dataclass

import pytest

from engine import demo_year
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


@pytest.fixture
def year(request, settings, session_factory_, kept_database):
    """About fifty first cases of 2025 (and the objections and disputes some of them bring), told to their end
    into an empty database (no office: the year brings its own officers)."""

    def build():
        databases = request.getfixturevalue(
            "sqlite_databases" if settings.database_url.startswith("sqlite") else "postgres_databases"
        )
        databases.reset("empty")
        return tell(session_factory_, Runtime(settings))

    return Year(session_factory_, Runtime(settings), kept_database("year", build))
