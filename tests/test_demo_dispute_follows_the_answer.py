"""`kawal demo`'s dispute follows the superior's answer (walk report 41, finding 12).

The demo recorded dispute SIP-2026-000001 the day its objection KEB-2026-000001 was still "Objection Received": a
dispute before the Information Commission follows only the superior's answer or its 30-working-day lapse (UU 14/2008
Pasal 37(2), legal-process.md §5). The demo's objection is now registered, decided (upheld) and answered first.
"""

import json

import pytest
from sqlalchemy import text

from engine.db import make_engine
from tests.test_cli import kawal  # noqa: F401 - the fixture

TASKS = (
    'SELECT e.data FROM case_event e JOIN "case" c ON c.id = e.case_id '
    "WHERE c.ticket = 'KEB-2026-000001' AND e.type = 'task_completed' ORDER BY e.seq"
)


@pytest.fixture
def db_template():
    return "empty"  # `kawal demo` sets up its office only in a database without users


def test_the_demo_dispute_comes_after_the_superior_s_response_was_sent(kawal, db_url):  # noqa: F811
    assert kawal("demo").exit_code == 0
    engine = make_engine(db_url)
    with engine.connect() as conn:
        statuses = dict(conn.execute(text('SELECT ticket, status FROM "case"')).all())
        done = [(d if isinstance(d, dict) else json.loads(d))["task"] for (d,) in conn.execute(text(TASKS))]
    engine.dispose()
    assert statuses["KEB-2026-000001"] == "keberatan_selesai"  # the superior's response sent
    assert done[-2:] == ["putuskan_keberatan", "kirim_tanggapan"]
    assert statuses["SIP-2026-000001"] == "persiapan_termohon"
