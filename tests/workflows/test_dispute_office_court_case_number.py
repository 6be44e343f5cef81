"""The office's own court challenge records the court's case number when it already has one (walk of a dispute's
court stage after the walk, mender C item 3; legal-process.md §10b "Surat Kuasa Khusus"): its position on the
Commission's decision (forms/sengketa_sikap.json ``nomor_perkara``, optional) gives it, and the case page's court
facts and the power of attorney for the court name it before the judgment, as they name the applicant's challenge's
(engine.facts.court_reading). The judgment's own number, once recorded, is the one they name.

Python's reading of the recorded data: SQLite alone."""

from sqlalchemy import select

from engine import facts
from engine.models import Case
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: nothing new is stored
from tests.workflows.test_court_letters import OFFICE_CHALLENGES, POWER, _appointed, _issued, _text, clock  # noqa: F401
from tests.workflows.test_sengketa_paths import _court, _decided, wib

FILED_AS = "12/G/KI/2027/PTUN.JKT"


def _court_facts(office, ticket) -> dict:
    """The court stage as the officers' case page reads it."""
    with office.sessions() as s:
        return facts.court_stage(s, s.scalar(select(Case).where(Case.ticket == ticket)))


def test_the_office_s_challenge_gives_the_court_s_case_number_to_the_case_page_and_the_power_of_attorney(
    office,
    clock,  # noqa: F811 - the clock fixture
):
    ticket = _decided(office, clock, "dikabulkan_seluruhnya")
    clock.move_to(wib("2027-03-15"))
    office.complete(ticket, "sikap_atas_putusan", {**OFFICE_CHALLENGES, "nomor_perkara": FILED_AS})
    assert _court_facts(office, ticket) == {"court": "PTUN Jakarta", "court_number": FILED_AS, "cassation_number": None}
    _appointed(office, ticket, "kuasa_pengadilan", tanggal="2027-03-15")
    text = _text(office, _issued(office, ticket, POWER))
    assert f"selaku Pemohon Keberatan dalam perkara keberatan di PTUN Jakarta Nomor {FILED_AS}" in text


def test_without_a_number_the_office_s_challenge_names_none_until_the_judgment_gives_it(
    office,
    clock,  # noqa: F811 - the clock fixture
):
    ticket = _decided(office, clock, "dikabulkan_seluruhnya")
    clock.move_to(wib("2027-03-15"))
    office.complete(ticket, "sikap_atas_putusan", OFFICE_CHALLENGES)
    assert _court_facts(office, ticket)["court_number"] is None
    clock.move_to(wib("2027-05-03"))
    _court(office, ticket, "dikabulkan_seluruhnya", nomor="14/G/KI/2027/PTUN.JKT")
    assert _court_facts(office, ticket)["court_number"] == "14/G/KI/2027/PTUN.JKT"
