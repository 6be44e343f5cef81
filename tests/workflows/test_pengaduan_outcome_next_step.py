"""A complaint reaches "archived" by three routes (workflows/pengaduan.bpmn): after the outcome notice
(pemberitahuan_hasil, the Surat Pemberitahuan Hasil), after "not actionable" (Flow_6) and after forwarding to another
agency (Flow_8). Only the first issues an outcome letter: the portal's next step names the letter on that route alone;
"not actionable" still names the Ombudsman and SP4N-LAPOR! (UU 25/2009 Pasal 46), the forwarded complaint is followed
up at the other agency. In both languages.

On SQLite alone: the next step is Python's words over the case's status; the routes walked end to end on PostgreSQL are
tests/workflows/test_pengaduan_paths.py's.
"""

import pytest
from sqlalchemy import select

from engine import queries
from engine.models import Case
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_pengaduan_paths import (
    ARSIP,
    CATAT,
    NOTICE,
    _clarifying,
    clarification,
    clock,  # noqa: F401 - the fixture, used by every test
)

pytestmark = pytest.mark.usefixtures("clock")


def next_step(office, ticket, locale):
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        shown = queries.public_status(s, case, locale, office.rt)
        return shown["status"], shown["next_step"]


def after_the_outcome_letter(office):
    ticket, _ = _clarifying(office)
    office.complete(ticket, "klarifikasi", clarification("tidak_cukup_bukti"))
    office.complete(ticket, "pemberitahuan_hasil", NOTICE)
    return ticket


def not_actionable(office):
    ticket, _ = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(
        ticket,
        "verifikasi",
        {
            "hasil": "tidak_dapat_ditindaklanjuti",
            "jenis_alasan": "di_luar_kewenangan",
            "alasan": "Di luar kewenangan",
            "alasan_untuk_pelapor": "Hal yang Anda adukan bukan kewenangan kantor ini.",
        },
    )
    return ticket


def forwarded(office):
    ticket, _ = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(
        ticket,
        "verifikasi",
        {
            "hasil": "diteruskan_instansi_lain",
            "alasan": "Sengketa tanah antarwarga",
            "alasan_untuk_pelapor": "Sengketa tanah antarwarga menjadi kewenangan Kantor Pertanahan.",
            "instansi_tujuan": "Kantor Pertanahan Kota Contoh",
        },
    )
    office.complete(
        ticket,
        "surat_penerusan",
        {"nomor_surat": "B-31/Kw.13/HM.01/01/2027", "tanggal": "2027-01-11", "instansi_tujuan": "Kantor Pertanahan"},
    )
    return ticket


def test_only_the_route_of_the_outcome_notice_names_the_outcome_letter(office):
    ticket = after_the_outcome_letter(office)
    assert next_step(office, ticket, "id") == (
        "pengaduan_selesai",
        "Apabila Anda tidak puas dengan hasil ini, Anda dapat menyampaikan pengaduan kepada Ombudsman Republik"
        " Indonesia (UU 25/2009 Pasal 46; ombudsman.go.id) atau melalui SP4N-LAPOR! (lapor.go.id), sebagaimana"
        " disebut dalam surat pemberitahuan hasil.",
    )
    office.complete(ticket, "arsip", ARSIP)
    status, said = next_step(office, ticket, "id")
    assert status == "diarsipkan"
    assert "surat pemberitahuan hasil" in said
    assert "as the outcome letter says" in next_step(office, ticket, "en")[1]


@pytest.mark.parametrize("locale", ["id", "en"])
def test_an_archived_complaint_not_actionable_names_the_ombudsman_without_a_letter(office, locale):
    ticket = not_actionable(office)
    office.complete(ticket, "arsip", ARSIP)
    status, said = next_step(office, ticket, locale)
    assert status == "diarsipkan"
    assert "Ombudsman" in said
    assert "SP4N-LAPOR!" in said
    assert "pemberitahuan hasil" not in said
    assert "outcome letter" not in said
    assert ("halaman pesan pengaduan Anda" if locale == "id" else "your complaint's messages page") in said


@pytest.mark.parametrize("locale", ["id", "en"])
def test_an_archived_forwarded_complaint_is_followed_up_at_the_other_agency(office, locale):
    ticket = forwarded(office)
    office.complete(ticket, "arsip", ARSIP)
    status, said = next_step(office, ticket, locale)
    assert status == "diarsipkan"
    assert "pemberitahuan hasil" not in said
    assert "outcome letter" not in said
    assert ("instansi yang menerima penerusannya" if locale == "id" else "the agency it was forwarded to") in said
