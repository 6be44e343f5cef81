"""Which unit a complaint belongs to once classified (engine.referral): the one it is disposed to, and none when it
goes to the Inspectorate General. The classification form keeps a unit named before the team ticked "oversight-
relevant"; the case's facts counted the complaint at that unit while its disposition and sheet named none."""

import pytest
import time_machine
from sqlalchemy import select

from engine.models import Case, CaseFacts
from engine.referral import referred_to
from tests.workflows.test_pengaduan_paths import KE_ITJEN, KE_UNIT, RECEIVED, _verified


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _unit_code(office, ticket) -> str | None:
    with office.sessions() as s:
        return s.scalar(
            select(CaseFacts.unit_code).join(Case, Case.id == CaseFacts.case_id).where(Case.ticket == ticket)
        )


@pytest.mark.parametrize(("classification", "unit"), [(KE_UNIT, KE_UNIT["unit_tujuan"]), (KE_ITJEN, None)])
def test_an_oversight_relevant_complaint_belongs_to_no_unit_whatever_unit_its_form_still_names(
    office, clock, classification, unit
):
    ticket, _ = _verified(office)
    office.complete(ticket, "klasifikasi", {**classification, "unit_tujuan": KE_UNIT["unit_tujuan"]})
    assert _unit_code(office, ticket) == unit


def test_a_re_referral_disposes_to_the_unit_it_names_only_when_it_sends_the_complaint_to_another_unit():
    assert referred_to("disposisi_ulang", {"langkah_disposisi": "unit_lain", "unit_tujuan": "ORTALA"}) == "ORTALA"
    assert referred_to("disposisi_ulang", {"langkah_disposisi": "tim_menilai", "unit_tujuan": "ORTALA"}) is None
    assert referred_to("verifikasi", {"unit_tujuan": "ORTALA"}) is None
