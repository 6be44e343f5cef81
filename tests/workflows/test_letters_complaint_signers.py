"""A complaint's letters as the unit, the team and the reporter read them (legal-process.md §7, §10b): who signs,
which deadline the unit has, and the formal wording of an Indonesian letter.

The disposition sheet and the outcome letter are the head's letters (§10b: "Head -> unit", "Head -> complainant"),
but in Kawal the complaint team completes the tasks that issue them and the head never sees them: the officer who
completed the task signs "a.n." (atas nama, on behalf of) the head, under the team's name, as Tata Naskah Dinas has
an officer sign for the head; a named head is never printed as having signed. An ordinary team officer signs as
"Tim Pengelola Pengaduan", never as its chair.
"""

import io
from datetime import UTC, datetime

import pytest
import time_machine
from pypdf import PdfReader
from sqlalchemy import select

from api.web.portal.letters import READER
from engine import documents
from engine.files import FileStore
from engine.letters import issue, production
from engine.letters.render import long_date
from engine.models import Case, Deadline, Letter, Unit, User
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_letters import by_kind, letters, render_pending, text_of
from tests.workflows.test_pengaduan_paths import CATAT, KE_UNIT, LAYAK, NOT_OURS, NOTICE, TANGGAPAN_UNIT

RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def pdf_bytes(office, letter: Letter) -> bytes:
    return production.file_bytes(FileStore(office.rt.settings.files_dir, office.rt.vault), letter)


def pdf_pages(office, letter: Letter) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes(office, letter))).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def referred(office, unit="KANWIL"):
    ticket, _ = office.complaint("whistleblower")
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", {**KE_UNIT, "unit_tujuan": unit})
    render_pending(office)
    return ticket


def names(office) -> dict:
    with office.sessions() as s:
        return dict(s.execute(select(User.username, User.display_name)).all())


def unit_due(office, ticket) -> str:
    """The unit's deadline (UNIT, an internal limit) as a letter writes it: day in words, time in the office zone."""
    with office.sessions() as s:
        due = s.scalar(
            select(Deadline.due_at)
            .join(Case)
            .where(Case.ticket == ticket, Deadline.name == "UNIT")
            .order_by(Deadline.id.desc())
            .limit(1)
        )
    local = due.astimezone(office.rt.calendars["strict"].tz)
    return f"{long_date(local.date())} pukul {local:%H.%M} WIB", f"{long_date(local.date(), 'en')} at {local:%H:%M} WIB"


def english(office, letter: Letter) -> str:
    with office.sessions() as s:
        tim = s.scalar(select(User).where(User.username == "tim"))
        issue.translate(s, office.rt, tim, s.get(Letter, letter.id), "en")
        s.commit()
    render_pending(office)
    [copy] = [x for x in letters(office, letter_case(office, letter)) if x.number == letter.number and x.locale == "en"]
    return text_of(office, copy)


def letter_case(office, letter: Letter) -> str:
    with office.sessions() as s:
        return s.get(Case, letter.case_id).ticket


def test_the_clarification_request_and_the_sheet_state_the_unit_s_deadline_in_both_languages(office):
    ticket = referred(office)
    due_id, due_en = unit_due(office, ticket)
    issued = by_kind(letters(office, ticket))
    for kind in ("surat_permintaan_klarifikasi", "lembar_disposisi"):
        text = flat(text_of(office, issued[kind]))
        assert f"paling lambat tanggal {due_id}" in text, (kind, text)
        assert f"by {due_en}" in flat(english(office, issued[kind])), kind


def test_the_head_never_signs_what_the_team_issued_an_officer_signs_on_the_head_s_behalf(office):
    ticket = referred(office)
    who = names(office)
    head = who["kepala"].split(" (")[0]
    issued = by_kind(letters(office, ticket))
    team = who["tim"].split(" (")[0]
    for kind in ("lembar_disposisi",):
        text = flat(text_of(office, issued[kind]))
        assert head not in text, kind
        assert f"a.n. Pimpinan Badan Publik, Tim Pengelola Pengaduan, {team}" in text, (kind, text[-300:])
        assert "Ketua Tim" not in text
        en = flat(english(office, issued[kind]))
        assert f"on behalf of the Head of the Public Body, Complaints Team, {team}" in en, en[-300:]
    clar = flat(text_of(office, issued["surat_permintaan_klarifikasi"]))
    assert f"Tim Pengelola Pengaduan, {team}" in clar
    assert "Ketua Tim" not in clar


def test_the_outcome_letter_and_its_copy_on_the_status_page_say_the_same(office):

    ticket = referred(office)
    who = names(office)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", {"hasil": "tidak_cukup_bukti", "ringkasan": "Bukti tidak cukup."})
    office.complete(ticket, "pemberitahuan_hasil", NOTICE)
    render_pending(office)
    team, head = who["tim"].split(" (")[0], who["kepala"].split(" (")[0]
    pdf = flat(text_of(office, by_kind(letters(office, ticket))["pemberitahuan_hasil"]))
    assert head not in pdf
    assert f"a.n. Pimpinan Badan Publik, Tim Pengelola Pengaduan, {team}" in pdf
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        _doc, copy = documents.render(s, office.rt.forms, case, "pemberitahuan_hasil", "id", READER, office.rt)
    copy = flat(copy)
    assert "a.n. Pimpinan Badan Publik, Tim Pengelola Pengaduan" in copy  # the same signer as the PDF
    for paragraph in ("Ombudsman Republik Indonesia", "SP4N-LAPOR! (lapor.go.id)", NOTICE["ringkasan_untuk_pelapor"]):
        assert paragraph in pdf
        assert paragraph in copy


def test_the_re_disposition_sheet_keeps_its_signature_with_its_text_and_says_a_passed_deadline_has_passed(office):
    ticket = referred(office)
    office.complete(ticket, "klarifikasi_unit", NOT_OURS)
    with time_machine.travel(datetime(2027, 2, 15, 3, 0, tzinfo=UTC), tick=False):  # after the first SLA
        office.complete(
            ticket,
            "disposisi_ulang",
            {
                "langkah_disposisi": "unit_lain",
                "unit_tujuan": "PENDMAD",
                "catatan_disposisi": "Urusan beasiswa madrasah.",
            },
        )
    render_pending(office)
    sheets = sorted((x for x in letters(office, ticket) if x.kind == "lembar_disposisi"), key=lambda x: x.id)
    text = text_of(office, sheets[-1])
    # The page that holds the signature also holds the sheet's closing words: never the signature alone.
    pages = [flat(page) for page in pdf_pages(office, sheets[-1])]
    signed = [page for page in pages if "Tim Pengelola Pengaduan," in page]
    assert len(signed) == 1, pages
    assert "Catatan: Urusan beasiswa madrasah." in signed[0]
    assert "Identitas pelapor tidak dicantumkan" in signed[0]
    with office.sessions() as s:
        sla = s.scalar(select(Deadline.due_at).join(Case).where(Case.ticket == ticket, Deadline.name == "SLA"))
    passed = long_date(sla.astimezone(office.rt.calendars["strict"].tz).date())
    assert f"telah terlampaui sejak tanggal {passed}" in flat(text)
    assert "(PENDMAD)" not in text
    assert "Identitas pelapor tidak dicantumkan" in flat(text)
    assert len(pages) <= 2


def test_a_unit_is_addressed_as_its_head_and_the_incident_day_is_written_in_full(office):
    ticket = referred(office, "PENDMAD")
    with office.sessions() as s:
        unit = s.scalar(select(Unit.name).where(Unit.code == "PENDMAD"))
    issued = by_kind(letters(office, ticket))
    text = flat(text_of(office, issued["surat_permintaan_klarifikasi"]))
    assert f"Yth. Kepala {unit}" in text
    assert "Pimpinan " + unit not in text
    assert "3 November 2026" in text
    assert "3 Nov 2026" not in text
    sheet = flat(text_of(office, issued["lembar_disposisi"]))
    assert "pukul 10.00 WIB" in sheet
    assert "3 November 2026" in sheet
    en = flat(english(office, issued["surat_permintaan_klarifikasi"]))
    assert f"The Head of {unit}" in en
    assert "3 November 2026" in en
