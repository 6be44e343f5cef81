"""A request whose stage invites an objection stops inviting one once an objection was filed on it: its next step names
the objection and its stage, and sends the requester to the objection's own page (legal-process.md §4.1; the portal's
page and POST /api/v1/status read the same ``next_step``).

On SQLite alone: one plain query (the request's objections) on rows the chain tests prove on both databases.
"""

from sqlalchemy import select

from engine import queries
from engine.models import Case
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see the module's docstring)
from tests.workflows.test_keberatan_paths import _decided
from tests.workflows.test_letters import at_receipt  # noqa: F401


def _next_step(office, ticket: str, locale: str) -> str:
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        return queries.public_status(s, case, locale, office.rt)["next_step"]


def test_a_refused_request_invites_an_objection_until_one_is_filed_then_names_it(office, at_receipt):  # noqa: F811
    request = _decided(office, "ditolak_dikecualikan")
    assert "mengajukan keberatan" in _next_step(office, request, "id")
    objection = office.objection(request, ["a"])
    shown = _next_step(office, request, "id")
    assert shown.startswith(f"Keberatan atas permohonan ini sudah diajukan: {objection} (")
    assert "Anda dapat mengajukan keberatan" not in shown
    english = _next_step(office, request, "en")
    assert english.startswith(f"An objection to this request has been filed: {objection} (")
    assert "may file an objection" not in english
