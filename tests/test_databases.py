"""Every test starts from its template database (tests/databases.py), whatever the test before it did."""

import pytest
from sqlalchemy import func, select, update

from engine import intake
from engine.models import Case, ProcessVersion, User
from engine.runtime import Runtime
from engine.users import create_user
from tests.conftest import STAFF, request_payload


def _databases(request, db_url):
    return request.getfixturevalue("sqlite_databases" if db_url.startswith("sqlite") else "postgres_databases")


def _submit(settings, sessions) -> str:
    with sessions.begin() as s:
        return intake.submit_request(s, Runtime(settings), request_payload()).case.ticket


def test_a_reset_brings_back_the_office_and_restarts_ids_and_ticket_numbers(
    request, db_url, settings, session_factory_
):
    first = _submit(settings, session_factory_)
    with session_factory_.begin() as s:
        create_user(s, "tamu", "kata-sandi-kunjungan", ["auditor"])
        s.execute(update(User).where(User.username == "ppid").values(active=False))
    session_factory_.kw["bind"].dispose()  # a reset needs every connection closed, as between two tests

    _databases(request, db_url).reset("office")

    with session_factory_() as s:
        assert sorted(s.scalars(select(User.username))) == sorted(STAFF)
        assert all(s.scalars(select(User.active)))
        assert s.scalar(select(func.count()).select_from(Case)) == 0
        assert s.scalar(select(func.count()).select_from(ProcessVersion)) == 4  # deployed once, in the template
    assert _submit(settings, session_factory_) == first  # the same ids and ticket number again


@pytest.mark.parametrize("db_template", ["empty"])
def test_the_empty_template_has_the_schema_and_no_rows(db_url, session_factory_, db_template):
    with session_factory_() as s:
        assert s.scalar(select(func.count()).select_from(User)) == 0
        assert s.scalar(select(func.count()).select_from(ProcessVersion)) == 0
