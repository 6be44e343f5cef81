"""A dispute taken to the Supreme Court keeps both court decisions (walk of a dispute's court stage, finding 3;
legal-process.md §9.2 (c) 5-6: the court cases and the court decisions, and how they were carried out): the court's
(first instance) stays in the register's "Putusan pengadilan" columns, the Supreme Court's is kept beside it, and the
yearly report counts the Supreme Court's decisions of the cassations filed. Before, the cassation's replaced the
court's, and the register showed a single court decision dated the cassation's day.

On both databases: two new columns of the facts, written and read back."""

from datetime import date

from sqlalchemy import select

from api.reports import labels
from engine import register_lookups, registers, reports
from engine.kinds import DISPUTE
from engine.models import Case, CaseFacts, User
from tests.workflows.test_legal_dispute_clocks import judged  # noqa: F401 - the fixture
from tests.workflows.test_sengketa_paths import clock, wib  # noqa: F401 - the clock fixture

YEAR = reports.Period.parse("2027")
KASASI = {"tanggal": "2027-07-30", "nomor_perkara": "101 K/TUN/KI/2027", "amar": "ditolak"}


def test_the_court_s_decision_stays_beside_the_supreme_court_s(app, office, clock, judged):  # noqa: F811
    ticket = judged(tanggal_diterima="2027-05-05")  # the PTUN granted the request in full on 3 May 2027
    clock.move_to(wib("2027-05-10"))
    filed = {"sikap": "mengajukan_kasasi", "alasan_sikap": "Putusan keliru", "tanggal_permohonan_kasasi": "2027-05-10"}
    office.complete(ticket, "sikap_kasasi", filed)
    clock.move_to(wib("2027-08-02"))
    office.message(ticket, "putusan_kasasi", KASASI)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        facts = s.get(CaseFacts, case.id)
        reader = s.scalar(select(User).where(User.username == "ppid"))
        [row] = [r for r in registers.rows(s, office.rt, reader, registers.Filter(DISPUTE)) if r["ticket"] == ticket]
        report = reports.annual_report(s, office.rt, YEAR)
        request_id = s.get(Case, case.parent_id).parent_id  # the request the objection, then the dispute, followed
        [followed] = [i for i in register_lookups.followed_by(s, [request_id])[request_id] if i["ticket"] == ticket]
    assert (facts.court_result, facts.court_decided_on) == ("dikabulkan_seluruhnya", date(2027, 5, 3))
    assert (facts.cassation_result, facts.cassation_decided_on) == ("ditolak", date(2027, 7, 30))
    assert (row["court_result"], row["court_decided_on"]) == ("dikabulkan_seluruhnya", date(2027, 5, 3))
    assert (row["cassation"], row["cassation_result"], row["cassation_decided_on"]) == (
        True,
        "ditolak",
        date(2027, 7, 30),
    )
    assert report.value("court.result_dikabulkan_seluruhnya") == 1  # the court's, of those challenged in court
    assert report.value("court.cassation") == 1
    assert report.value("court.cassation_result_ditolak") == 1  # the Supreme Court's, of the cassations filed
    assert report.value("court.cassation_result_dikabulkan_seluruhnya") == 0
    with app.test_request_context():  # the report's rows, in Bahasa Indonesia: whose decision, and its effect
        assert labels.figure_label(office.rt, "court.cassation_result_ditolak") == (
            "Mahkamah Agung: Permohonan informasi ditolak"
        )
        assert labels.figure_label(office.rt, "court.result_dikabulkan_seluruhnya") == (
            "Pengadilan: Permohonan informasi dikabulkan seluruhnya"
        )
        # the request register's "followed by": the court's effect, then the Supreme Court's, named
        words = labels.followed_text(followed, "id")
    assert words.endswith("Permohonan informasi dikabulkan seluruhnya, Mahkamah Agung: Permohonan informasi ditolak")
