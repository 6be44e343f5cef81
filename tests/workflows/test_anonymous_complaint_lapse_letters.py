"""The complaint letters tell an anonymous reporter what their silence after an evidence request leads to by the path
the case's process version takes (engine.evidence_lapse), never by the reporter's mode alone.

On pengaduan version 4 an anonymous complaint whose evidence never came is not actionable and kept as bahan informasi
(legal-process.md §7.3 rule 4, the Inspectorate General's practice): its receipt (Tanda Terima Pengaduan, item 5)
and its Surat Permintaan Kelengkapan Data/Bukti (the PDF of record and the text the portal shows) say so, and cite no
UU 25/2009 Pasal 45, the named complainant's deemed withdrawal. An anonymous complaint started on version 3 will be
deemed withdrawn, and its letters still say so; a named one's say so on either version.
"""

import dataclasses
import shutil

import pytest
import time_machine
from sqlalchemy import select

from api.web.portal.letters import READER
from engine import documents
from engine.models import Case
from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the letters' wording over known rows
from tests.workflows.conftest import Office
from tests.workflows.test_anonymous_complaint_without_evidence_not_actionable import asked
from tests.workflows.test_letters import by_kind, letters, render_pending, text_of
from tests.workflows.test_pengaduan_paths import FIXTURES, RECEIVED

NOT_ACTIONABLE = "pengaduan anonim ini tidak dapat diklarifikasi dan ditutup sebagai tidak dapat ditindaklanjuti"
KEPT = "disimpan sebagai bahan informasi untuk perencanaan pengawasan (praktik Inspektorat Jenderal"


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def kept_cases(settings, session_factory_, tmp_path_factory, kept_database, clock):
    """``kept_cases()``: complaints asked for evidence, built once: an anonymous one on version 3, then an anonymous
    and a named one on this version (their letters' PDFs rendered by each test: its files folder starts empty):
    {"old": ticket, "new": ticket, "named": ticket}."""

    def build():
        workflows = tmp_path_factory.mktemp("v3") / "workflows"
        shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
        shutil.copy(FIXTURES / "pengaduan.v3.bpmn", workflows / "pengaduan.bpmn")
        before = Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))
        old, _ = asked(before, "anonim")
        office = Office(session_factory_, Runtime(settings))
        new, _ = asked(office, "anonim")
        named, _ = asked(office, "rahasia")
        return {"old": old, "new": new, "named": named}

    return lambda: kept_database("anonymous-lapse-letters", build)


def flat(office, ticket, kind) -> str:
    return " ".join(text_of(office, by_kind(letters(office, ticket))[kind]).split())


def portal_text(office, ticket, kind, locale) -> str:
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        return " ".join(documents.render(s, office.rt.forms, case, kind, locale, READER, office.rt)[1].split())


def test_the_receipt_tells_an_anonymous_reporter_on_version_4_the_complaint_would_not_be_actionable(office, kept_cases):
    cases = kept_cases()
    render_pending(office)
    receipt = flat(office, cases["new"], "tanda_terima_pengaduan")
    assert NOT_ACTIONABLE in receipt
    assert KEPT in receipt
    assert "dicabut" not in receipt
    assert "Pasal 45" not in receipt
    assert "Pengaduan dibuka kembali bila bukti diterima kemudian." in receipt
    for ticket in (cases["old"], cases["named"]):  # what will happen to them: deemed withdrawn
        receipt = flat(office, ticket, "tanda_terima_pengaduan")
        assert "bila tidak, pengaduan dianggap dicabut (UU 25/2009 Pasal 45)" in receipt
        assert "bahan informasi" not in receipt


def test_the_evidence_request_letter_tells_an_anonymous_reporter_on_version_4_the_complaint_would_not_be_actionable(
    office, kept_cases
):
    cases = kept_cases()
    render_pending(office)
    letter = flat(office, cases["new"], "surat_permintaan_bukti")
    assert NOT_ACTIONABLE in letter
    assert KEPT in letter
    assert "dicabut" not in letter
    assert "Pasal 45" not in letter
    shown = portal_text(office, cases["new"], "surat_permintaan_bukti", "id")  # its text on the portal
    assert NOT_ACTIONABLE in shown
    assert "dicabut" not in shown
    assert "Pasal 45" not in shown
    english = portal_text(office, cases["new"], "surat_permintaan_bukti", "en")
    assert "this anonymous complaint cannot be clarified and is closed as not actionable" in english
    assert "deemed withdrawn" not in english
    assert "Article 45" not in english
    for ticket in (cases["old"], cases["named"]):
        said = "pengaduan dianggap dicabut dan dibuka kembali bila bukti diterima kemudian (UU 25/2009 Pasal 45)"
        assert said in flat(office, ticket, "surat_permintaan_bukti")
        assert said in portal_text(office, ticket, "surat_permintaan_bukti", "id")
        assert "the complaint is deemed withdrawn" in portal_text(office, ticket, "surat_permintaan_bukti", "en")
