"""When the reporter may take a complaint to the Ombudsman, as the status page says it (legal-process.md §2.2, §7.1).

An acceptance walk filed a complaint on Tue 8 Dec 2026, 10:00 WIB and referred it to a unit. Before the service
standard (SLA, 14 working days) lapsed the page said "kantor wajib bertindak paling lambat 29 Des 2026 ... Bila kantor
belum bertindak sampai tanggal itu, Anda dapat menyampaikan pengaduan kepada Ombudsman": the strict reading of the
office's internal standard (Thu 24 Dec, cuti bersama, counted), while the staff's case page ties the Ombudsman to the
statutory limit (S60: a decision within 60 days of the complete file, UU 25/2009 Pasal 50), and once the SLA had lapsed
the page said the reporter may go now. The date after which the reporter may go elsewhere because the office is late
is the statutory limit on the reading that ends latest (§2.2): S60's 60th day is Sat 6 Feb 2027, which the strict
reading moves back to Fri 5 Feb and the lenient one on to Mon 8 Feb 2027, 16:00 WIB. Before and after the SLA's lapse
the page names that limit and that date; only once it has passed does it say the reporter may go now.
"""

import html
import re

import pytest
import time_machine

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the page's wording of stored clocks
from tests.web.pages import text
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import CATAT, KE_UNIT, LAYAK, wib


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _words(html_text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


def _page(browser, ticket, code, lang="id") -> str:
    b = browser()
    b.get(f"/bahasa/{lang}")
    return _words(text(b.post("/publik/status", {"ticket": ticket, "access_code": code})))


def _referred(office) -> tuple[str, str]:
    ticket, code = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    return ticket, code


GO_NOW_ID = "(lapor.go.id): undang-undang memberi Anda hak itu (UU 25/2009 Pasal 40 dan 46)"  # the route open now
GO_NOW_EN = "(lapor.go.id): the law gives you that right (Law 25/2009 Articles 40 and 46)"


def test_the_ombudsman_sentence_names_the_statutory_limit_on_its_latest_reading_before_and_after_the_sla_lapses(
    browser, office
):
    with time_machine.travel(wib("2026-12-08"), tick=True) as clock:
        ticket, code = _referred(office)
        s60 = office.deadline(ticket, "S60")
        assert s60.due_at == wib("2027-02-05", 16)  # the strict reading: the Saturday moved back to Friday
        clock.move_to(wib("2026-12-10"))
        before, before_en = _page(browser, ticket, code), _page(browser, ticket, code, "en")
        clock.move_to(wib("2027-01-04"))  # the SLA lapsed on every reading (30 Dec 2026, 16:00 WIB)
        office.run(ticket)
        late, late_en = _page(browser, ticket, code), _page(browser, ticket, code, "en")
        clock.move_to(wib("2027-02-08"))  # S60 past on the strict reading alone
        office.run(ticket)
        gap = _page(browser, ticket, code)
        clock.move_to(wib("2027-02-09"))  # and on the latest reading too
        office.run(ticket)
        after, after_en = _page(browser, ticket, code), _page(browser, ticket, code, "en")
    limit_id = (
        "Batas waktu menurut undang-undang untuk memutus pengaduan Anda adalah 8 Feb 2027, 16:00 WIB (60 hari sejak"
        " pengaduan lengkap; UU 25/2009 Pasal 50). Bila kantor belum memutusnya sampai tanggal itu, Anda dapat"
        " menyampaikan pengaduan kepada Ombudsman"
    )
    limit_en = (
        "The law's limit for deciding on your complaint is 8 Feb 2027, 16:00 WIB (60 days after the complaint was"
        " complete; Law 25/2009 Article 50). If the office has not decided on it by then, you may take the complaint"
        " to the Ombudsman"
    )
    for page, en in ((before, before_en), (late, late_en), (gap, None)):
        assert limit_id in page
        assert "Bila kantor belum bertindak sampai tanggal itu" not in page  # the SLA's date, never the Ombudsman's
        assert GO_NOW_ID not in page
        assert "5 Feb 2027" not in page  # the strict reading of the limit is never the reporter's date
        if en is not None:
            assert limit_en in en
            assert GO_NOW_EN not in en
    assert "29 Des 2026" in before  # the service standard's own date stays, as the office's deadline
    assert "Kantor terlambat." in late  # late on its service standard, said on the lenient reading
    assert "30 Des 2026, 16:00 WIB" in late
    assert GO_NOW_ID in after  # the limit passed on every reading: the reporter may go now
    assert "UU 25/2009 Pasal 40 dan 46" in after
    assert GO_NOW_EN in after_en
    assert limit_id not in after
