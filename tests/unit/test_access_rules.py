"""Pure access rules of engine.access: who reads a complaint's documents and a case's history.

Users, groups and cases are built in memory; no database is needed for these predicates.
"""

import pytest

from engine import access, kinds
from engine.errors import Forbidden
from engine.models import Case, Group, User

CLARIFICATION = "surat_permintaan_klarifikasi"
INTERNAL = "lembar_disposisi"  # the team's own disposition sheet, never referred to a unit


def _user(*groups: str) -> User:
    return User(username="u", display_name="U", groups=[Group(code=g, name=g) for g in groups])


@pytest.mark.parametrize("group", ["tim_pengaduan", "pengelola_wbs", "auditor"])
def test_the_complaint_team_and_the_auditors_read_every_complaint_document(group):
    user = _user(group)
    assert access.can_read_document(user, CLARIFICATION)
    assert access.can_read_document(user, INTERNAL)


def test_a_unit_reads_only_the_clarification_request_referred_to_it():
    unit = _user("unit_pengolah")
    assert access.can_read_document(unit, CLARIFICATION)
    assert not access.can_read_document(unit, INTERNAL)
    access.require_read_document(unit, CLARIFICATION)
    with pytest.raises(Forbidden):
        access.require_read_document(unit, INTERNAL)


@pytest.mark.parametrize("group", ["tim_pengaduan", "pengelola_wbs", "auditor"])
def test_a_complaints_history_is_for_the_complaint_team_and_the_auditors(group):
    complaint = Case(kind=kinds.COMPLAINT)
    assert access.can_read_history(_user(group), complaint)
    access.require_read_history(_user(group), complaint)


@pytest.mark.parametrize("group", ["unit_pengolah", "petugas_layanan", "ppid", "admin"])
def test_nobody_else_reads_a_complaints_history(group):
    complaint = Case(kind=kinds.COMPLAINT)
    assert not access.can_read_history(_user(group), complaint)
    with pytest.raises(Forbidden):
        access.require_read_history(_user(group), complaint)


@pytest.mark.parametrize(
    ("group", "reads"), [("petugas_layanan", True), ("ppid", True), ("auditor", True), ("unit_pengolah", False)]
)
def test_an_information_requests_history_is_for_the_request_staff_and_auditors(group, reads):
    """The history holds every recorded field; a unit asked for information reads only what its forms show it."""
    assert access.can_read_history(_user(group), Case(kind=kinds.REQUEST)) is reads
