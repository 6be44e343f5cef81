"""A cassation counts however it was recorded (walk of a dispute's court stage, finding 2; legal-process.md §9.2:
the number of court cases and the court decisions): the office's own, filed through its decision on cassation
(sikap_kasasi), as the applicant's, recorded as the kasasi_diajukan message. The dispute register's "Kasasi" and the
yearly report's "Kasasi diajukan" (court.cassation) and its annex read it.

Python's decision over an existing column (CaseFacts.cassation): SQLite alone."""

from sqlalchemy import select

from engine import registers, reports
from engine.kinds import DISPUTE
from engine.models import Case, CaseFacts, User
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: an existing column's rule
from tests.workflows.test_legal_dispute_clocks import judged  # noqa: F401 - the fixture
from tests.workflows.test_sengketa_paths import clock, wib  # noqa: F401 - the clock fixture

YEAR = reports.Period.parse("2027")  # the dispute arrived in January 2027


def _counted(office, ticket):
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        reader = s.scalar(select(User).where(User.username == "ppid"))
        facts = s.get(CaseFacts, case.id)
        [row] = [r for r in registers.rows(s, office.rt, reader, registers.Filter(DISPUTE)) if r["ticket"] == ticket]
        figure = reports.annual_report(s, office.rt, YEAR).value("court.cassation")
        listed = dict(reports.annex(s, office.rt, YEAR)).get("court.cassation", [])
        return facts.cassation, row["cassation"], figure, ticket in listed


def test_the_office_s_own_cassation_is_counted(office, clock, judged):  # noqa: F811
    ticket = judged(tanggal_diterima="2027-05-05")
    assert _counted(office, ticket) == (False, False, 0, False)
    clock.move_to(wib("2027-05-10"))
    office.complete(
        ticket,
        "sikap_kasasi",
        {"sikap": "mengajukan_kasasi", "alasan_sikap": "Putusan keliru", "tanggal_permohonan_kasasi": "2027-05-10"},
    )
    assert office.case(ticket).status == "kasasi"
    assert _counted(office, ticket) == (True, True, 1, True)


def test_the_applicant_s_cassation_is_counted_as_before(office, clock, judged):  # noqa: F811
    ticket = judged()
    clock.move_to(wib("2027-05-10"))
    payload = {"tanggal": "2027-05-10", "pihak": "pemohon", "nomor_perkara": "101 K/TUN/KI/2027"}
    office.message(ticket, "kasasi_diajukan", payload)
    assert _counted(office, ticket) == (True, True, 1, True)


def test_accepting_the_judgment_is_no_cassation(office, clock, judged):  # noqa: F811
    ticket = judged()
    office.complete(ticket, "sikap_kasasi", {"sikap": "menerima", "alasan_sikap": "Putusan menguatkan Termohon"})
    assert _counted(office, ticket) == (False, False, 0, False)
