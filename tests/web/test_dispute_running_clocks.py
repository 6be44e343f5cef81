"""A dispute's running clocks on the officer's case page and in the API (an acceptance walk: the header and the facts
said "No deadline" while mediation's 14 working days ran and while the first hearing had passed with the power of
attorney and the file not done; the applicant's time to go to court was missing while the office decided whether to
appeal; legal-process.md §5.2-§5.3, §6).

- The applicant's court window (P14P, UU 14/2008 Pasal 48(1)) runs from their receipt of the Commission's decision,
  whatever the office decides: the officer sees it beside the office's own P14 while the office deliberates, as the
  requester's status page shows it.
- The header and the facts show the clock that runs: the office's own deadline first; a task of the office that is
  late; else the nearest running clock of another holder (the Commission's mediation, M14), named, never "No
  deadline".
- The respondent's preparation (the special power of attorney and the file) is due before the first hearing (§5.3,
  design advice: an absent respondent may be examined without, Perki 1/2013 Pasal 31): the office's internal limit
  PERSIAPAN, the working day before the hearing the summons gives, on the earliest reading. Its lapse makes late the
  preparation's own tasks, not the dispute's later ones.
"""

import html
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from engine.models import Case, HumanTask
from tests.web.pages import text
from tests.web.test_dispute_clock_words import _row
from tests.web.test_portal_dispute_status import _adjudicated, _heard, _request
from tests.workflows.conftest import Office
from tests.workflows.test_sengketa_paths import BERKAS, MANDAT, SURAT_KUASA, WIB, wib

SUMMONED = datetime(2027, 1, 13, 3, 0, tzinfo=UTC)  # Wed 13 Jan 2027, 10:00 WIB


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _words(raw: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def _case_page(browser, ticket, lang="en") -> str:
    officer = browser("ppid")
    if lang == "en":
        officer.get(f"/bahasa/en?next=/kasus/{ticket}")
    return text(officer.get(f"/kasus/{ticket}"))


def _header(page: str) -> str:
    return _words(re.search(r'<p class="meta">(.*?)</p>', page, re.S)[1])


def _due_fact(page: str) -> str:
    found = re.search(r"<dt>(?:Due date|Batas waktu)</dt>\s*<dd>(.*?)</dd>", page, re.S)
    assert found, "no due date among the facts"
    return _words(found[1])


def _clocks(api: dict) -> dict[str, dict]:
    member = next(m for m in api["chain"] if m["current"])
    return {c["name"]: c for c in member["clocks"]}


def test_while_the_office_decides_whether_to_appeal_the_officer_sees_the_applicants_court_window(
    browser, office, client, login
):
    """The decision read Fri 26 Feb 2027; the applicant's receipt not recorded: P14P ends on Wed 31 Mar 2027 at the
    earliest (the status page's date), beside the office's own P14 (Wed 24 Mar, strict)."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, _code = _adjudicated(office, clock)
        assert office.open_tasks(dispute) == ["sikap_atas_putusan"]
        page = _case_page(browser, dispute)
        api = client.get(f"/api/v1/cases/{dispute}", headers=login("ppid")).json
    row = _row(page, "P14P")
    assert "31 Mar 2027" in row
    assert "The requester's or reporter's own window, not the office's" in row
    assert "24 Mar 2027" in _row(page, "P14")
    p14p = _clocks(api)["P14P"]
    assert (p14p["holder"], p14p["due_at"][:10], p14p["status"]) == ("requester", "2027-03-31", "open")


def test_a_dispute_in_mediation_shows_the_commissions_running_clock_not_no_deadline(browser, office):
    """Mediation from the first hearing of Wed 20 Jan 2027: its 14 working days (M14, the Commission's clock) run;
    the office has no deadline of its own then, and the page says which clock runs and until when."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, _code = _heard(office, clock, mediasi=True, tanggal_mediasi="2027-01-20")
        office.complete(dispute, "mandat_mediasi", MANDAT)
        m14 = office.deadline(dispute, "M14").due_at.astimezone(WIB)
        english, indonesian = _case_page(browser, dispute), _case_page(browser, dispute, "id")
    shown = f"{m14.day} Feb 2027"
    for page, none in ((english, "No deadline"), (indonesian, "Tanpa batas waktu")):
        assert none not in _header(page)
        assert none not in _due_fact(page)
        assert shown in _due_fact(page)
    assert "Mediation at the Information Commission" in _due_fact(english)


@pytest.mark.parametrize(
    ("hearing", "due"),
    [
        ("2027-01-20T09:00:00+07:00", date(2027, 1, 19)),  # Wed 20 Jan: the Tuesday before
        ("2027-01-25T09:00:00+07:00", date(2027, 1, 22)),  # Mon 25 Jan: the Friday before
    ],
)
def test_the_respondents_preparation_is_due_the_working_day_before_the_first_hearing(
    browser, office, client, login, hearing, due
):
    """Summons recorded Wed 13 Jan 2027 10:00 WIB: the power of attorney and then the file are due at the close of the
    last working day before the first hearing the summons gives; the page says that is what the date follows."""
    with time_machine.travel(SUMMONED, tick=True):
        request, _code = _request(office)
        dispute = office.dispute(office.objection(request, ["c"]), sidang_pertama=hearing)
        api = client.get(f"/api/v1/cases/{dispute}", headers=login("ppid")).json
        page = _case_page(browser, dispute)
    [task] = api["open_tasks"]
    assert task["name"] == "surat_kuasa"
    assert datetime.fromisoformat(task["due_at"]) == datetime(due.year, due.month, due.day, 16, 0, tzinfo=WIB)
    row = _row(page, "PERSIAPAN")
    assert "first hearing" in row
    assert "The office must act" in row
    assert f"{due.day} Jan 2027" in _due_fact(page)


def test_a_preparation_left_undone_past_its_limit_is_late_on_its_own_tasks_only(browser, office):
    """The first hearing Wed 20 Jan 2027; on Wed 20 Jan the power of attorney is still not issued: the task and the
    case's header say late since Tue 19 Jan. Once the preparation is done and mediation begins, the mediation mandate
    is not late by the preparation's lapse."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        request, _code = _request(office)
        dispute = office.dispute(office.objection(request, ["c"]))
        clock.move_to(wib("2027-01-20", 8))
        office.run(dispute)
        assert office.deadlines(dispute)["PERSIAPAN"] == "missed"
        page = _case_page(browser, dispute)
        assert "Overdue" in _header(page)
        assert "19 Jan 2027" in _due_fact(page)
        office.complete(dispute, "surat_kuasa", {**SURAT_KUASA, "tanggal": "2027-01-20"})
        office.complete(dispute, "siapkan_berkas", BERKAS)
        clock.move_to(wib("2027-01-20", 13))
        payload = {"tanggal": "2027-01-20", "hasil": "dilanjutkan", "mediasi": True, "tanggal_mediasi": "2027-01-20"}
        office.message(dispute, "pemeriksaan_awal", payload)
        assert office.open_tasks(dispute) == ["mandat_mediasi"]
        with office.sessions() as s:
            [mandate] = s.scalars(
                select(HumanTask).join(Case).where(Case.ticket == dispute, HumanTask.state == "open")
            ).all()
        assert mandate.due_at is None or mandate.due_at > datetime.now(UTC) + timedelta(hours=1)
        page = _case_page(browser, dispute)
        assert "Overdue" not in _header(page)
