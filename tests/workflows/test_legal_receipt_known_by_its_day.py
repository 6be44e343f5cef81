"""A requester's receipt known only by its day starts their window on the reading that ends latest, whichever window
it is (legal-process.md §2.2; an acceptance walk found two treatments).

The dispute window (D14) took a response "sent 10 Nov" as received at 16:00, outside office hours, so its day zero
was the next working day; the applicant's court window (P14P) took "received 7 Dec" as received at 08:00, in office
hours, so its day zero was that day, one working day earlier. A window that is the requester's is counted on the
reading that ends latest: a receipt whose hour nobody recorded may have come after office hours, so it counts from
the next working day. One rule (``engine.runtime.Runtime.received``) for every such receipt: the superior's response,
the written notice, the information handed over, the Commission's decision and the court's judgment.
"""

from datetime import date

from sqlalchemy import select

from engine import queries
from engine.models import Case
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_legal_dispute_clocks import _to_judgment
from tests.workflows.test_sengketa_paths import _decided, clock, wib  # noqa: F401 - fixture


def _counted_from(office, ticket, name) -> date:
    return date.fromisoformat(office.deadline(ticket, name).provenance["counted_from"])


def _shown_window(office, ticket) -> dict:
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        [window] = queries.public_status(s, case, "en", office.rt)["windows"]
        return window


def test_the_applicants_court_window_counts_a_receipt_known_by_its_day_from_the_next_working_day(office, clock):  # noqa: F811
    """The applicant received the decision on Mon 1 Mar 2027, no hour recorded: day zero is Tue 2 Mar on the latest
    reading. 8 Mar (Nyepi), 9 (cuti bersama), 10-11 (Idul Fitri), 12 and 15 (cuti bersama), 25 (cuti bersama) and 26
    Mar (Wafat Yesus Kristus) do not count: 3-5 (3), 16-19 (7), 22-24 (10), 29-31 (13), Thu 1 Apr 2027 (14). The
    status page says so while the office still decides whether to appeal, and the office's clock row once it
    accepted the decision."""
    ticket = _decided(office, clock, "dikabulkan_sebagian", tanggal_diterima_pemohon="2027-03-01")
    shown = _shown_window(office, ticket)
    assert shown["name"] == "P14P"
    assert shown["due_at"].date() == date(2027, 4, 1)
    office.complete(ticket, "sikap_atas_putusan", {"sikap": "menerima", "alasan_sikap": "Putusan sesuai telaah hukum"})
    assert _counted_from(office, ticket, "P14P") == date(2027, 3, 2)
    assert office.deadline(ticket, "P14P").due_at.astimezone(wib("2027-03-01").tzinfo).date() == date(2027, 4, 1)
    assert _shown_window(office, ticket)["due_at"].date() == date(2027, 4, 1)


def test_the_applicants_cassation_window_counts_a_receipt_known_by_its_day_from_the_next_working_day(office, clock):  # noqa: F811
    """The applicant received the judgment on Wed 5 May 2027, no hour recorded: on the latest reading day zero is the
    next working day, Fri 7 May (Thu 6 May is Kenaikan Yesus Kristus); 14 days: Fri 21 May 2027."""
    ticket = _to_judgment(office, clock, tanggal_diterima="2027-05-05", tanggal_diterima_pemohon="2027-05-05")
    assert _shown_window(office, ticket)["due_at"].date() == date(2027, 5, 21)
    office.complete(ticket, "sikap_kasasi", {"sikap": "menerima", "alasan_sikap": "Putusan menguatkan Termohon"})
    assert _counted_from(office, ticket, "K14P") == date(2027, 5, 7)
    assert office.deadline(ticket, "K14P").due_at.astimezone(wib("2027-05-05").tzinfo).date() == date(2027, 5, 21)
