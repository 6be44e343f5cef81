"""Why a complaint is not followed up at verification (legal-process.md §7.1 Itjen practice, §7.4, §10 TIDAK_DAPAT_
DITINDAKLANJUTI): the verification chooses the reason (outside the office's authority; the matter is or was before a
court; reporter and/or reported party unclear and cannot be confirmed; another, explained), its free text explains
it, and the complaint statistics (§7.6 "% not actionable (with reason)") count the reasons on the page, in the XLSX
and in the API. A complaint verified before the form asked counts as "reason not recorded".

On PostgreSQL too: the statistics counting the reasons (a GROUP BY over the facts, NULL as "not recorded") after the
verification's JSON is rewritten and the facts derived again. The form's checks, the rule of which verdict keeps a
reason and the page's and XLSX's wording run on SQLite alone, over the same rows.
"""

import io
import re
from datetime import UTC, datetime

import pytest
import time_machine
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from engine import complaint_stats, facts
from engine.errors import Invalid
from engine.models import Case, CaseEvent, CaseFacts
from engine.runtime import Runtime
from tests.conftest import sqlite_only
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import CATAT

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
YEAR = (datetime(2025, 12, 31, 17, 0, tzinfo=UTC), datetime(2026, 12, 31, 17, 0, tzinfo=UTC))


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(settings, session_factory_):
    return Office(session_factory_, Runtime(settings))


def verdict(reason: str | None) -> dict:
    data = {
        "hasil": "tidak_dapat_ditindaklanjuti",
        "alasan": "Uraian alasan dari tim pengaduan",
        "alasan_untuk_pelapor": "Pengaduan ini tidak dapat kami tindak lanjuti.",
    }
    return data if reason is None else {**data, "jenis_alasan": reason}


def _not_actionable(office, reason: str) -> str:
    ticket, _code = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", verdict(reason))
    return ticket


def _verified_before_the_choice(office, ticket: str) -> None:
    """The complaint as one verified before the form asked the reason: its verification recorded without it, and its
    facts derived again, as `kawal db upgrade` derives every row after migration 0057."""
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        events = s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.type == "task_completed"))
        [event] = [e for e in events if e.data.get("task") == "verifikasi"]
        data = dict(event.data)
        data["data"] = {k: v for k, v in data["data"].items() if k != "jenis_alasan"}
        event.data = data
        flag_modified(event, "data")
        s.flush()
        facts.rebuild(s, office.rt)


def _facts(office, ticket) -> CaseFacts:
    with office.sessions() as s:
        return s.get(CaseFacts, s.scalar(select(Case.id).where(Case.ticket == ticket)))


@sqlite_only
def test_not_actionable_at_verification_requires_the_reason_chosen_from_the_law_s_list(office, clock):
    ticket, _code = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "verifikasi", verdict(None))
    assert "jenis_alasan" in refused.value.fields
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "verifikasi", verdict("tidak_suka"))  # not one of the reasons
    assert "jenis_alasan" in refused.value.fields
    assert office.open_tasks(ticket) == ["verifikasi"]  # nothing recorded meanwhile
    office.complete(ticket, "verifikasi", verdict("perkara_pengadilan"))
    kept = _facts(office, ticket)
    assert (kept.not_actionable, kept.not_actionable_reason) == ("verifikasi", "perkara_pengadilan")


@sqlite_only
def test_an_actionable_or_forwarded_complaint_asks_no_reason_and_keeps_none(office, clock):
    actionable, _code = office.complaint()
    office.complete(actionable, "catat_pengaduan", CATAT)
    office.complete(actionable, "verifikasi", {"hasil": "layak"})
    forwarded, _code = office.complaint()
    office.complete(forwarded, "catat_pengaduan", CATAT)
    office.complete(
        forwarded,
        "verifikasi",
        {
            "hasil": "diteruskan_instansi_lain",
            "alasan": "Sengketa tanah antarwarga",
            "instansi_tujuan": "Kantor Pertanahan Kota Contoh",
            "alasan_untuk_pelapor": "Sengketa tanah antarwarga menjadi kewenangan Kantor Pertanahan.",
        },
    )
    assert _facts(office, actionable).not_actionable_reason is None
    assert _facts(office, forwarded).not_actionable_reason is None


def test_the_statistics_count_not_actionable_complaints_by_reason_and_older_ones_as_not_recorded(office, clock):
    for reason in ("di_luar_kewenangan", "di_luar_kewenangan", "pihak_tidak_jelas", "lainnya"):
        _not_actionable(office, reason)
    older = _not_actionable(office, "perkara_pengadilan")
    _verified_before_the_choice(office, older)
    assert (_facts(office, older).not_actionable, _facts(office, older).not_actionable_reason) == ("verifikasi", None)
    with office.sessions() as s:
        stats = complaint_stats.complaint_stats(s, *YEAR)
    reasons = {value: c.raw for value, c in stats.breakdowns["not_actionable_reason"].items()}
    assert reasons == {
        "di_luar_kewenangan": 2,
        "perkara_pengadilan": 0,
        "pihak_tidak_jelas": 1,
        "lainnya": 1,
        complaint_stats.NOT_RECORDED: 1,
    }
    assert sum(reasons.values()) == stats.breakdowns["not_actionable"]["verifikasi"].raw == 5


@sqlite_only
def test_the_statistics_page_and_xlsx_name_each_reason_in_the_reader_s_language(office, clock, browser):
    for reason in ("di_luar_kewenangan",) * 6 + ("pihak_tidak_jelas",) * 5:
        _not_actionable(office, reason)
    _verified_before_the_choice(office, _not_actionable(office, "lainnya"))
    team = browser("tim")
    page = team.get("/laporan/pengaduan?periode=2026").get_data(as_text=True)
    rows = dict(re.findall(r'<th scope="row">([^<]*)</th><td class="num">([^<]*)</td>', page))
    assert "Tidak dapat ditindaklanjuti saat verifikasi, menurut alasan yang dipilih" in page
    assert rows["Di luar kewenangan kantor ini"] == "6"
    assert rows["Pelapor dan/atau terlapor tidak jelas dan tidak dapat dikonfirmasi"] == "5"
    assert rows["Sedang atau telah diperiksa pengadilan"] == "0"
    assert rows["Alasan tidak tercatat (diverifikasi sebelum formulir menanyakannya)"] == "1"  # exact for the team
    data = team.client.get("/laporan/pengaduan?periode=2026&format=xlsx").get_data()
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    written = {
        row[1].value: row[2].value
        for row in sheet.iter_rows()
        if row[0].value and "menurut alasan yang" in row[0].value
    }
    # A file is passed on: the lone older complaint is withheld, and so is the smallest other count beside it.
    assert written["Alasan tidak tercatat (diverifikasi sebelum formulir menanyakannya)"] == "disembunyikan"
    assert written["Pelapor dan/atau terlapor tidak jelas dan tidak dapat dikonfirmasi"] == "disembunyikan"
    assert written["Di luar kewenangan kantor ini"] == 6
    team.get("/bahasa/en")
    page = team.get("/laporan/pengaduan?periode=2026").get_data(as_text=True)
    assert "Not actionable at verification, by the reason chosen" in page
    assert "Outside the office&#39;s authority" in page or "Outside the office's authority" in page
    assert "Reason not recorded (verified before the form asked it)" in page
