"""A reporter's evidence window that lapsed, on the pages (legal-process.md §7.4): the team confirms that nothing came
and the complaint is deemed withdrawn; the evidence sent later reopens it. On SQLite and PostgreSQL.

- The confirmation's page (``/kasus/<ticket>/peristiwa/bukti_tidak_dikirim``) said "the complaint moves on once it is
  recorded" though recording it closes the complaint as Dianggap Dicabut, and gave the window's end only as an error
  after a wrong date: it says what recording does and the day the window ended, in both languages.
- Nothing told the team a lapse waits for their confirmation: the case sat in "Waiting on others" with "Clocks
  running: none", as one still waiting. Such a row says the window ended and asks for the confirmation, and the tab
  counts them on every inbox page.
- The chronology (the task page's "Kronologi") named the team's own confirmation "Notice from the Commission/court:
  bukti_tidak_dikirim": it names it as what it is, no code.
- The reporter's status page lists the deemed withdrawal with why, since when, and how it reopens, and the reopening
  (a reporter without e-mail follows there).
"""

import re
from datetime import datetime, timedelta

import pytest
import time_machine

from engine import chain
from engine.models import Case, HumanTask
from tests.web.pages import text
from tests.web.test_portal import open_case
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import (
    CATAT,
    KE_UNIT,
    LAYAK,
    QUESTION,
    RECEIVED,
    TANGGAPAN_UNIT,
    clarification,
    clock_today,
)

EVENT = "bukti_tidak_dikirim"
SHORT = {"id": ["Jan", "Feb", "Mar", "Apr"], "en": ["Jan", "Feb", "Mar", "Apr"]}  # the months these tests reach


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(app, session_factory_, clock):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def short_day(at: datetime, locale="id") -> str:
    """A day as the pages write it (``office_date``): "10 Feb 2027"."""
    day = at.astimezone(datetime.fromisoformat("2027-01-01T00:00+07:00").tzinfo)
    return f"{day.day} {SHORT[locale][day.month - 1]} {day.year}"


def lapsed(office, clock) -> tuple[str, str, datetime]:
    """A complaint whose reporter let the evidence window lapse: (ticket, code, the window's end)."""
    ticket, code = office.complaint("rahasia")
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", clarification("perlu_bukti_pelapor"))
    office.complete(ticket, "minta_bukti", {"pertanyaan": QUESTION})
    bukti = office.deadline(ticket, "BUKTI")
    # The next morning, 09:00 WIB: the confirmation is dated after the window's last day (the reporter's until 16:00).
    clock.move_to(bukti.due_at + timedelta(hours=17))
    office.run(ticket)
    assert office.deadlines(ticket)["BUKTI"] == "lapsed"
    return ticket, code, bukti.due_at


def confirmed(office, ticket):
    office.message(ticket, EVENT, {"tanggal": clock_today()}, "tim")
    assert office.case(ticket).status == "dianggap_dicabut"


def test_the_lapse_confirmation_page_says_recording_closes_the_complaint_as_deemed_withdrawn_and_when_the_window_ended(
    office, clock, browser
):
    ticket, _code, ended = lapsed(office, clock)
    team = browser("tim")
    page = text(team.get(f"/kasus/{ticket}/peristiwa/{EVENT}"))
    assert "berlanjut setelah peristiwa ini dicatat" not in page
    assert f"Waktu pelapor untuk melengkapi data/bukti yang diminta berakhir pada {short_day(ended)}." in page
    assert "Dengan mencatatnya, pengaduan ditutup sebagai Dianggap Dicabut" in page
    first = short_day(ended + timedelta(days=1))  # the day after the window's last day
    assert f"Tanggal konfirmasi: {first} atau sesudahnya, paling lambat hari ini." in page
    team.get("/bahasa/en")
    page = text(team.get(f"/kasus/{ticket}/peristiwa/{EVENT}"))
    assert "moves on once it is recorded" not in page
    assert f"The reporter's time to supply the data or evidence asked for ended on {short_day(ended, 'en')}." in page
    assert "Recording it closes the complaint as Deemed Withdrawn" in page


def test_a_lapse_waiting_for_the_team_s_confirmation_is_marked_in_waiting_on_others_and_counted_in_the_inbox_tabs(
    office, clock, browser
):
    assert "perlu konfirmasi" not in text(browser("tim").get("/kotak-masuk"))
    ticket, _code, ended = lapsed(office, clock)
    team = browser("tim")  # logged in once the window lapsed, 30 days on
    inbox_page = text(team.get("/kotak-masuk"))
    assert re.search(r'href="/kotak-masuk/menunggu"[^>]*>Menunggu pihak lain \(1 perlu konfirmasi\)</a>', inbox_page)
    waiting = text(team.get("/kotak-masuk/menunggu"))
    row = waiting.split(f">{ticket}</a>", 1)[1].split("</tr>", 1)[0]
    assert f"Jangka waktu pengiriman bukti oleh pelapor berakhir {short_day(ended)} — konfirmasikan" in row
    assert (
        "1 di antaranya menunggu konfirmasi tim bahwa jangka waktu pengiriman bukti oleh pelapor telah berakhir."
        in waiting
    )
    team.get("/bahasa/en")
    row = text(team.get("/kotak-masuk/menunggu")).split(f">{ticket}</a>", 1)[1].split("</tr>", 1)[0]
    assert f"The reporter's evidence period ended {short_day(ended, 'en')} — confirm" in row
    # Confirmed: the complaint closes, nothing waits any more.
    confirmed(office, ticket)
    team.get("/bahasa/id")
    assert "perlu konfirmasi" not in text(team.get("/kotak-masuk"))
    assert ticket not in text(team.get("/kotak-masuk/menunggu"))


def test_the_chronology_names_the_team_s_confirmation_that_no_evidence_came_never_its_code(office, clock, browser):
    ticket, _code, _ended = lapsed(office, clock)
    confirmed(office, ticket)
    with office.sessions() as s:
        case = s.query(Case).filter_by(ticket=ticket).one()
        rows = {locale: [r["what"] for r in chain.chronology(s, case, locale)] for locale in ("id", "en")}
        task = s.query(HumanTask).filter_by(case_id=case.id, bpmn_id="arsip_dicabut", state="open").one()
        task_id = task.id
    assert "Tim pengaduan mengonfirmasi bahwa pelapor tidak mengirim data/bukti yang diminta" in rows["id"]
    assert "The complaint team confirmed that the reporter sent no data or evidence asked for" in rows["en"]
    for whats in rows.values():
        assert not any(EVENT in what or "Komisi" in what or "Commission" in what for what in whats)
    page = text(browser("tim").get(f"/tugas/{task_id}"))
    told = page.split('<ol class="chronology">', 1)[1].split("</ol>", 1)[0]
    assert "Tim pengaduan mengonfirmasi bahwa pelapor tidak mengirim data/bukti yang diminta" in told
    assert EVENT not in told


def test_the_reporter_s_status_page_tells_of_the_deemed_withdrawal_and_the_reopening(office, clock, browser):
    ticket, code, ended = lapsed(office, clock)
    confirmed(office, ticket)
    b = browser()
    page = text(open_case(b, ticket, code))
    history = page.split('id="history-title"', 1)[1].split("</section>", 1)[0]
    assert (
        f"Dianggap Dicabut — waktu Anda untuk melengkapi data/bukti yang diminta berakhir pada {short_day(ended)}"
        " tanpa jawaban (UU 25/2009 Pasal 45). Kirim data/bukti itu di halaman ini dan pengaduan dibuka kembali;"
        " tidak ada batas waktunya."
    ) in history
    office.reporter_reply(ticket, code, "Maaf terlambat, kuitansi terlampir.")
    page = text(open_case(browser(), ticket, code))
    history = page.split('id="history-title"', 1)[1].split("</section>", 1)[0]
    assert "Dibuka Kembali — bukti Anda telah kami terima; pengaduan ditangani lagi" in history
    assert "tidak ada batas waktunya" not in history  # reopened: no longer something to do
    b = browser()
    b.get("/bahasa/en")
    history = text(open_case(b, ticket, code)).split('id="history-title"', 1)[1].split("</section>", 1)[0]
    assert (
        f"Deemed Withdrawn — your time to supply the data or evidence asked for ended on {short_day(ended, 'en')}"
        " without an answer (Law 25/2009 Article 45)."
    ) in history
    assert "Reopened — we have received your evidence; the complaint is handled again" in history
