"""The explanation of the office's time to carry out a dispute's outcome (LAKSANA, sengketa_informasi.bpmn
jam_pelaksanaan) names the day it counts from, as what that day is (engine.sync ``_compliance_start``).

The clock counts from the day the decision became final, from a mediation agreement's date, or falls on the day the
agreement set itself; after the Supreme Court's judgment, from the office's receipt of its copy when later. Only the
last was named: the others were explained as counted from "the date of receipt", a receipt nobody recorded, at the
hour the office opens. Python's words over the rows the walks store: SQLite alone."""

from datetime import date

from engine import queries
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: nothing new is stored
from tests.workflows.test_dispute_compliance_counts_from_the_cassation_judgment_s_receipt import (
    CASSATION_JUDGMENT,
    _in_cassation,
)
from tests.workflows.test_dispute_final_on_the_day_after_the_windows import ACCEPT, _decided
from tests.workflows.test_sengketa_paths import WIB, _in_mediation, clock, wib  # noqa: F401 - the clock fixture

AGREEMENT = {"tanggal": "2027-01-27", "hasil": "berhasil", "kesepakatan": "Salinan diserahkan"}


def _explained(office, ticket) -> tuple[str, str]:
    laksana = office.deadline(ticket, "LAKSANA")
    return (
        queries.explain(laksana.provenance, "id", words=True),
        queries.explain(laksana.provenance, "en", words=True),
    )


def test_the_compliance_clock_of_a_decision_nobody_challenged_counts_from_the_day_it_became_final(
    office,
    clock,  # noqa: F811 - the clock fixture
):
    """Final on Fri 2 Apr 2027 (the day after the applicant's window), confirmed on Wed 7 Apr."""
    ticket = _decided(office, clock, "2027-03-01", "2027-03-01")
    office.complete(ticket, "sikap_atas_putusan", ACCEPT)
    clock.move_to(wib("2027-04-07"))
    office.run(ticket)
    office.message(ticket, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-04-06"})
    assert office.deadline(ticket, "LAKSANA").start_at.astimezone(WIB).date() == date(2027, 4, 2)
    indonesian, english = _explained(office, ticket)
    assert "(hari ke-0: tanggal putusan berkekuatan hukum tetap, 2 Apr 2027)" in indonesian
    assert "(day zero: the date the decision became final and binding, 2 Apr 2027)" in english
    assert "the date of receipt" not in english
    assert "tanggal diterima" not in indonesian


def test_after_the_supreme_court_s_judgment_without_its_receipt_the_clock_counts_from_the_judgment_as_final(
    office,
    clock,  # noqa: F811 - the clock fixture
):
    ticket = _in_cassation(office, clock)
    clock.move_to(wib("2027-09-21"))
    office.message(ticket, "putusan_kasasi", CASSATION_JUDGMENT)
    _, english = _explained(office, ticket)
    assert "(day zero: the date the decision became final and binding, 30 Jul 2027)" in english


def test_a_mediation_agreement_s_clock_counts_from_the_agreement(
    office,
    clock,  # noqa: F811 - the clock fixture
):
    ticket = _in_mediation(office, clock)
    clock.move_to(wib("2027-01-27"))
    office.message(ticket, "hasil_mediasi", AGREEMENT)
    indonesian, english = _explained(office, ticket)
    assert "(hari ke-0: tanggal kesepakatan mediasi, 27 Jan 2027)" in indonesian
    assert "(day zero: the date of the mediation agreement, 27 Jan 2027)" in english
    assert "the date of receipt" not in english


def test_a_mediation_agreement_that_sets_its_own_day_is_explained_as_due_that_day(
    office,
    clock,  # noqa: F811 - the clock fixture
):
    ticket = _in_mediation(office, clock)
    clock.move_to(wib("2027-01-27"))
    office.message(ticket, "hasil_mediasi", {**AGREEMENT, "batas_pelaksanaan": "2027-02-03"})
    indonesian, english = _explained(office, ticket)
    assert "Not counted: due on the date the mediation agreement set for carrying it out, 3 Feb 2027;" in english
    assert "0 working days" not in english
    assert "jatuh tempo pada tanggal yang ditetapkan kesepakatan mediasi untuk pelaksanaannya, 3 Feb 2027" in indonesian
