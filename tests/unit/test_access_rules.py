"""Pure access rules of engine.access: who reads a complaint's documents and a case's history.

Users, groups and cases are built in memory; no database is needed for these predicates.
"""

import pytest

from engine import access, kinds
from engine.errors import Forbidden
from engine.models import Case, Group, Letter, User

CLARIFICATION = "surat_permintaan_klarifikasi"
INTERNAL = "lembar_disposisi"  # the disposition sheet (a letter of record): no text document, its unit reads the letter
RECEIPT = "tanda_terima_pengaduan"  # the reporter's receipt (a letter of record): the team's and the reporter's


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


def test_a_unit_reads_the_clarification_request_not_the_receipt_nor_a_sheet_addressed_to_no_unit():
    complaint, unit, team = Case(kind=kinds.COMPLAINT), _user("unit_pengolah"), _user("tim_pengaduan")
    assert access.can_read_letter(unit, complaint, Letter(kind=CLARIFICATION))
    for kind in (RECEIPT, INTERNAL):
        assert not access.can_read_letter(unit, complaint, Letter(kind=kind))
        assert access.can_read_letter(team, complaint, Letter(kind=kind))


def test_the_disposition_sheet_is_read_by_the_unit_it_is_addressed_to_and_no_other():
    """legal-process.md §10b: the head's disposition sheet goes to the unit; not to a unit the complaint went to before
    or after it, and a sheet addressed to no unit (to the Inspectorate General) is the team's."""
    complaint, team, auditor = Case(kind=kinds.COMPLAINT), _user("tim_pengaduan"), _user("auditor")
    first, second = _user("unit_pengolah"), _user("unit_pengolah")
    first.unit_id, second.unit_id = 1, 2
    to_first, to_itjen = Letter(kind=INTERNAL, unit_id=1), Letter(kind=INTERNAL)
    assert access.can_read_letter(first, complaint, to_first)
    assert not access.can_read_letter(second, complaint, to_first)
    for unit in (first, second):
        assert not access.can_read_letter(unit, complaint, to_itjen)
    for reader in (team, auditor):
        assert access.can_read_letter(reader, complaint, to_first)
        assert access.can_read_letter(reader, complaint, to_itjen)
    assert not access.can_read_letter(_user("pimpinan"), complaint, to_first)  # not through the letters


def test_a_unit_reads_the_clarification_request_it_was_sent_not_the_one_sent_to_the_unit_after_it():
    complaint, team = Case(kind=kinds.COMPLAINT), _user("tim_pengaduan")
    first, second = _user("unit_pengolah"), _user("unit_pengolah")
    first.unit_id, second.unit_id = 1, 2
    to_first, to_second = Letter(kind=CLARIFICATION, unit_id=1), Letter(kind=CLARIFICATION, unit_id=2)
    assert access.can_read_letter(first, complaint, to_first)
    assert not access.can_read_letter(first, complaint, to_second)
    assert access.can_read_letter(second, complaint, to_second)
    assert not access.can_read_letter(second, complaint, to_first)
    assert access.can_read_letter(team, complaint, to_first)
    assert access.can_read_letter(team, complaint, to_second)


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
