"""A whistleblower learns on the portal that their sealed identity was opened (legal-process.md §7.3: the reporter's
right to the confidentiality of their identity and to information on the progress of their report). They were told
by e-mail alone, so one who gave no address learned nothing: "What happened so far" said nothing after an approved
opening. The status page now says that it was made known, on which day, and to whom by role, never by name; nor
why: the reason is the team's and may concern others (engine.reveal_notice)."""

import html
import re

from sqlalchemy import select

from engine import complaints
from engine.models import Case
from tests.web.pages import text
from tests.web.test_portal import open_case
from tests.workflows.conftest import Office

REASON = "Pemeriksaan memerlukan keterangan langsung dari pelapor tentang kuitansi"


def _history(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page.split('id="history-title"')[1].split("</section>")[0]))


def test_the_portal_says_when_a_whistleblower_s_identity_was_made_known_and_to_whom_by_role(
    app, session_factory_, browser
):
    office = Office(session_factory_, app.extensions["kawal_runtime"])
    ticket, code = office.complaint("whistleblower", pelapor={"name": "Siti Rahmawati"})  # no e-mail, no phone
    reporter = browser()
    assert "identitas" not in _history(text(open_case(reporter, ticket, code))).casefold()
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        request = complaints.request_reveal(s, office.rt, office.user(s, "tim"), case, REASON)
        complaints.decide_reveal(s, office.rt, office.user(s, "wbs"), case, request.id, True, "Ya", second_factor=True)
    assert "identitas" not in _history(text(reporter.get("/publik/status"))).casefold()  # approved, not yet read
    for _ in range(2):  # read twice under one approval: said once
        with office.sessions.begin() as s:
            case = s.scalar(select(Case).where(Case.ticket == ticket))
            complaints.read_reporter(s, office.rt, office.user(s, "tim"), case)
    history = _history(text(reporter.get("/publik/status")))
    said = (
        "Identitas Anda dibuka untuk petugas tim pengaduan yang memintanya dengan alasan, setelah alasannya disetujui"
        " pengelola Whistleblowing System yang lain"
    )
    assert history.count(said) == 1
    assert REASON not in history
    assert "Hana" not in history  # never the officer's name
    assert "tim (" not in history
    reporter.get("/bahasa/en")
    english = _history(text(reporter.get("/publik/status")))
    assert "Your identity was made known to the complaint team's officer who asked for it with a reason" in english
