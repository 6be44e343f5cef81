"""The rules around the superior's return of an exemption to the PPID (tests/workflows/
test_superior_may_return_the_exemption.py walks the path on both databases):

- the form: a return needs written reasons and nothing of the decree; a determination needs the decree's fields as
  before, also when the answer does not say "penetapan" (an API client of before, a case's earlier version);
- a return followed by a grant issues neither the decree nor the refusal decision;
- the loop is bounded: after three returns a decision that needs a new determination is refused;
- a case started on the version before the choice, waiting at the determination, keeps its form and its path;
- the PPID's direct record of a determination asks what it asked.
- where the head determines (KAWAL_EXEMPTION_LANE=pimpinan), the head returns it the same way.

On SQLite alone: these check Python's decisions (the form's schema, the counting of returns, the letters' triggers)
over rows either database returns alike (``from tests.conftest import sqlite_db_url as db_url``).
"""

import dataclasses
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from engine import exemptions, instructions
from engine.errors import Invalid
from engine.models import Case, HumanTask
from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: Python's decisions, see above
from tests.helpers import STEP, dated, decision
from tests.workflows.conftest import Office
from tests.workflows.test_superior_may_return_the_exemption import (
    RETURN,
    clock,  # noqa: F401 - the fixture
    letters,
    to_determination,
)

FORM = "tetapkan_pengecualian.json"
FIXTURES = Path(__file__).parent / "fixtures"


def refused_fields(rt, data, schema=None) -> dict:
    try:
        rt.forms.validate(FORM, data, schema)
    except Invalid as invalid:
        return {name: [m.code for m in messages] for name, messages in invalid.fields.items()}
    return {}


def test_a_return_needs_written_reasons_and_nothing_of_the_decree(office):
    assert refused_fields(office.rt, RETURN) == {}
    assert refused_fields(office.rt, {"penetapan": "dikembalikan"}) == {"alasan_dikembalikan": ["required"]}
    assert refused_fields(office.rt, {**RETURN, "alasan_dikembalikan": "tidak"}) == {
        "alasan_dikembalikan": ["chars_at_least"]
    }


@pytest.mark.parametrize("answer", [{}, {"penetapan": "ditetapkan"}], ids=["without_penetapan", "determined"])
def test_a_determination_needs_the_decree_and_the_test_examined(office, answer):
    needed = {"uji_diperiksa", "pasal_pengecualian", "berlaku_sampai", "tanggal_penetapan"}
    assert set(refused_fields(office.rt, answer)) == needed
    assert refused_fields(office.rt, {**STEP["tetapkan_pengecualian"], **answer}) == {}
    assert refused_fields(office.rt, {**STEP["tetapkan_pengecualian"], **answer, "uji_diperiksa": False}) == {
        "uji_diperiksa": ["must_confirm"]
    }


def test_a_return_then_a_grant_issues_neither_decree_nor_refusal(office, clock):  # noqa: F811
    ticket = to_determination(office)
    office.complete(ticket, "tetapkan_pengecualian", RETURN)
    office.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    assert office.open_tasks(ticket) == ["pemberitahuan_tertulis"]
    office.complete(ticket, "pemberitahuan_tertulis")
    issued = letters(office, ticket)
    assert not {"penetapan_pengecualian", "keputusan_penolakan"} & set(issued)
    assert "pemberitahuan_tertulis" in issued
    assert office.open_tasks(ticket) == ["penyerahan_informasi"]


def test_after_three_returns_the_ppid_decides_without_a_new_exemption(office, clock):  # noqa: F811
    ticket = to_determination(office)
    office.complete(ticket, "tetapkan_pengecualian", RETURN)
    for _ in range(2):
        office.complete(ticket, "putuskan", decision("dikabulkan_sebagian"))
        office.complete(ticket, "uji_konsekuensi")
        office.complete(ticket, "tetapkan_pengecualian", RETURN)
    for outcome in ("ditolak_dikecualikan", "dikabulkan_sebagian"):
        with pytest.raises(Invalid) as refused:
            office.complete(ticket, "putuskan", decision(outcome))
        assert [m.code for m in refused.value.fields["keputusan"]] == ["exemption_returned_too_often"]
    assert office.open_tasks(ticket) == ["putuskan"]
    office.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    assert office.open_tasks(ticket) == ["pemberitahuan_tertulis"]


def test_a_case_waiting_at_the_determination_on_the_version_before_keeps_its_form_and_path(
    settings,
    session_factory_,
    tmp_path,
    clock,  # noqa: F811
):
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(FIXTURES / "permohonan_informasi.v3.bpmn", workflows / "permohonan_informasi.bpmn")
    before = Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))
    old = to_determination(before)
    office = Office(session_factory_, Runtime(settings))  # this version deployed
    new = to_determination(office)
    with office.sessions() as s:
        forms = {}
        for ticket in (old, new):
            task = s.scalar(
                select(HumanTask).join(Case).where(Case.ticket == ticket, HumanTask.bpmn_id == "tetapkan_pengecualian")
            )
            forms[ticket] = office.rt.task_form(s, task)
    assert [("penetapan" in forms[t]["properties"]) for t in (old, new)] == [False, True]
    assert set(refused_fields(office.rt, {}, forms[old])) == {
        "uji_diperiksa",
        "pasal_pengecualian",
        "berlaku_sampai",
        "tanggal_penetapan",
    }
    with pytest.raises(Invalid) as refused:  # nothing in the earlier version would act on a return
        office.complete(old, "tetapkan_pengecualian", RETURN)
    assert set(refused.value.fields) == {"penetapan", "alasan_dikembalikan"}
    office.complete(old, "tetapkan_pengecualian", dated(STEP["tetapkan_pengecualian"], "2026-12-02"))
    assert office.open_tasks(old) == ["pemberitahuan_tertulis"]
    assert "penetapan_pengecualian" in letters(office, old)


def test_the_ppids_direct_record_asks_what_it_asked(office):
    schema = exemptions.direct_schema(office.rt.forms)
    assert not set(exemptions.RETURN_FIELDS) & set(schema["properties"])
    assert schema["required"] == [
        "dokumen",
        "bagian_dikecualikan",
        "dasar_hukum",
        "konsekuensi",
        "kepentingan_publik",
        "pasal_pengecualian",
        "berlaku_sampai",
        "tanggal_penetapan",
        "nomor_penetapan",
        "ditetapkan_oleh",
    ]


def test_the_head_returns_it_too_where_the_head_determines(settings, session_factory_, clock):  # noqa: F811
    """KAWAL_EXEMPTION_LANE=pimpinan: the head's task has the same choice and the PPID reads who returned it."""
    office = Office(session_factory_, Runtime(dataclasses.replace(settings, exemption_lane="pimpinan")))
    ticket = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    office.complete(ticket, "uji_konsekuensi")
    office.complete(ticket, "tetapkan_pengecualian_pimpinan", RETURN)
    assert office.open_tasks(ticket) == ["putuskan"]
    assert "penetapan_pengecualian" not in letters(office, ticket)
    with office.sessions() as s:
        task = s.scalar(select(HumanTask).join(Case).where(Case.ticket == ticket, HumanTask.state == "open"))
        words = instructions.for_task(s, office.rt, task)
    assert words["id"].startswith("Pimpinan badan publik tidak menetapkan")
    assert words["en"].startswith("The head of the public body did not determine")
