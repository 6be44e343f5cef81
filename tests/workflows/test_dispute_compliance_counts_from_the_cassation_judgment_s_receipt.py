"""The time to carry out the Supreme Court's judgment counts from the day the office received its copy, not from the
judgment's own date (walk of a dispute's court stage after the walk, mender C item 1; legal-process.md §5.2 row 10).

A cassation judgment is final on its date, but its copy reaches the office weeks or months later: counted from the
date, the compliance clock (LAKSANA, hari_pelaksanaan_putusan working days, strict) was already past when the judgment
was recorded, and the requester read the office as late at once. The judgment's message records the office's receipt
(forms/pesan_putusan_kasasi.json ``tanggal_diterima``, optional: no earlier than the judgment, not in the future); the
clock counts from the later of the two and says so. The decision is still final, and may be recorded carried out,
from the judgment's date. Without the receipt, the clock counts from that date as it did.

The dispute of tests/workflows/test_dispute_court_stage_task.py: the court's judgment of Mon 3 May 2027, received by
the office Wed 5 May; the applicant filed for cassation on Mon 10 May. Python's decisions over the existing rows:
SQLite alone."""

from datetime import date

import pytest
from sqlalchemy import select

from engine import queries
from engine.errors import Invalid
from engine.messages import msg
from engine.models import Case
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: nothing new is stored
from tests.workflows.test_dispute_court_stage_task import _judged
from tests.workflows.test_dispute_final_on_the_day_after_the_windows import _final_days
from tests.workflows.test_sengketa_paths import WIB, clock, wib  # noqa: F401 - the clock fixture

# The Supreme Court's judgment of Fri 30 Jul 2027, granting the request (the office must carry it out).
CASSATION_JUDGMENT = {"tanggal": "2027-07-30", "nomor_perkara": "101 K/TUN/KI/2027", "amar": "dikabulkan_seluruhnya"}


def _in_cassation(office, clock) -> str:  # noqa: F811 - the clock fixture
    ticket = _judged(office, clock)
    clock.move_to(wib("2027-05-10"))
    filed = {"tanggal": "2027-05-10", "pihak": "pemohon", "nomor_perkara": "101 K/TUN/KI/2027"}
    office.message(ticket, "kasasi_diajukan", filed)
    return ticket


def _data(office, ticket) -> dict:
    with office.sessions() as s:
        return office.rt.load(s, s.scalar(select(Case).where(Case.ticket == ticket))).last_task.data


def test_the_compliance_clock_counts_from_the_office_s_receipt_of_the_cassation_judgment_finality_from_its_date(
    office,
    clock,  # noqa: F811 - the clock fixture
):
    """Judgment of 30 Jul 2027, its copy received by the office Mon 20 Sep, recorded Tue 21 Sep: LAKSANA counts 14
    working days from 20 Sep (due Fri 8 Oct) and is not late; its explanation names the receipt. The decision is
    final from 30 Jul, on the register, the requester's timeline and the day it may be recorded carried out."""
    ticket = _in_cassation(office, clock)
    clock.move_to(wib("2027-09-21"))
    office.message(ticket, "putusan_kasasi", {**CASSATION_JUDGMENT, "tanggal_diterima": "2027-09-20"})
    assert office.open_tasks(ticket) == ["pelaksanaan_putusan"]
    laksana = office.deadline(ticket, "LAKSANA")
    assert (laksana.start_at.astimezone(WIB).date(), laksana.working_days, laksana.status) == (
        date(2027, 9, 20),
        14,
        "pending",
    )
    assert laksana.due_at.astimezone(WIB) == wib("2027-10-08", 16)
    final = date(2027, 7, 30)
    assert _final_days(office, ticket) == {"register": final, "timeline": final, "laksana": date(2027, 9, 20)}
    assert _data(office, ticket)["pelaksanaan_tidak_sebelum"] == "2027-07-30"
    english = queries.explain(laksana.provenance, "en", words=True)
    assert "day zero is the date the office received the Supreme Court's judgment" in english
    assert "14 working days counted from 20 Sep 2027" in english
    indonesian = queries.explain(laksana.provenance, "id", words=True)
    assert "hari ke-0 adalah tanggal salinan putusan kasasi diterima Termohon" in indonesian


def test_without_the_office_s_receipt_the_compliance_clock_counts_from_the_cassation_judgment_s_date(
    office,
    clock,  # noqa: F811 - the clock fixture
):
    """The same judgment recorded on 21 Sep without the day its copy arrived: LAKSANA counts from 30 Jul 2027 (due Fri
    20 Aug, 17 Aug a holiday), already past when it is recorded; its explanation names no receipt of the judgment."""
    ticket = _in_cassation(office, clock)
    clock.move_to(wib("2027-09-21"))
    office.message(ticket, "putusan_kasasi", CASSATION_JUDGMENT)
    laksana = office.deadline(ticket, "LAKSANA")
    assert (laksana.start_at.astimezone(WIB).date(), laksana.due_at.astimezone(WIB), laksana.status) == (
        date(2027, 7, 30),
        wib("2027-08-20", 16),
        "missed",
    )
    assert "Supreme Court's judgment" not in queries.explain(laksana.provenance, "en", words=True)


@pytest.mark.parametrize(
    ("received", "message"),
    [
        ("2027-07-29", msg("not_before_date", day=date(2027, 7, 30))),
        ("2027-09-22", msg("between_and_today", first=date(2027, 5, 10))),
    ],
    ids=["before-the-judgment", "in-the-future"],
)
def test_the_office_receives_the_cassation_judgment_no_earlier_than_its_date_and_not_in_the_future(
    office,
    clock,  # noqa: F811 - the clock fixture
    received,
    message,
):
    ticket = _in_cassation(office, clock)
    clock.move_to(wib("2027-09-21"))
    with pytest.raises(Invalid) as refused:
        office.message(ticket, "putusan_kasasi", {**CASSATION_JUDGMENT, "tanggal_diterima": received})
    assert refused.value.fields == {"tanggal_diterima": [message]}
    assert office.case(ticket).status == "kasasi"
