"""The pages' tests take ``db_url`` on SQLite alone: they check what a page says and lets whom do, over rows the API
and engine tests read on both databases (tests/conftest.py: "Which tests run on PostgreSQL"). The pages that query
on their own (the inbox's filters and search, the reports' filters) take both again in their modules."""

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - the fixture, under the name the tests take
