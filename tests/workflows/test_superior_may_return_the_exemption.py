"""The official who determines exemptions (the Atasan PPID, or the head: KAWAL_EXEMPTION_LANE) may decline to confirm
the exemption the PPID tested (UU 14/2008 Pasal 19; Perki 1/2021 Pasal 49: the PPID tests, the official determines):
``tetapkan_pengecualian`` answered "dikembalikan" with written reasons returns the request to the PPID's decision
(permohonan_informasi.bpmn catat_pengecualian_dikembalikan), which shows the reasons. No decree is issued and no
register entry made; the history records the return; T10 keeps running (the stage's clock is not restarted). The PPID
decides again: on a new test the official may then determine it, and only that determination is decreed.

On PostgreSQL too: the walk stores and reads back the answer's new fields and the new kind of event (the case's
history, the instance's task data through the loop). The rest (``tests/workflows/test_exemption_return_rules.py``) runs
on SQLite alone.
"""

import pytest
import time_machine
from sqlalchemy import select

from engine import instructions
from engine.models import Case, CaseEvent, Deadline, Exemption, HumanTask, Letter
from tests.helpers import STEP, dated, decision
from tests.workflows.test_exemption_overturned import RECEIVED

REASONS = "Uji konsekuensi belum menunjukkan kerugian yang nyata bila daftar penerima dibuka."
RETURN = {"penetapan": "dikembalikan", "alasan_dikembalikan": REASONS}


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def to_determination(office) -> str:
    """A request the PPID refused as exempt and tested: waiting for the superior's determination."""
    ticket = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    office.complete(ticket, "uji_konsekuensi")
    return ticket


def letters(office, ticket) -> list[str]:
    with office.sessions() as s:
        originals = select(Letter.kind).join(Case).where(Case.ticket == ticket, Letter.translation_of_id.is_(None))
        rows = s.scalars(originals.order_by(Letter.id))
        return [code for code in rows if code]


def events(office, ticket, kind) -> list[dict]:
    with office.sessions() as s:
        rows = s.scalars(select(CaseEvent).join(Case).where(Case.ticket == ticket, CaseEvent.type == kind))
        return [e.data for e in rows]


def t10(office, ticket) -> list[tuple]:
    with office.sessions() as s:
        rows = s.scalars(select(Deadline).join(Case).where(Case.ticket == ticket, Deadline.name == "T10"))
        return [(d.due_at, d.status) for d in rows]


def decision_instructions(office, ticket) -> dict:
    with office.sessions() as s:
        task = s.scalar(
            select(HumanTask)
            .join(Case)
            .where(Case.ticket == ticket, HumanTask.bpmn_id == "putuskan", HumanTask.state == "open")
        )
        return instructions.for_task(s, office.rt, task)


def test_the_superior_returns_the_exemption_the_ppid_decides_again_and_only_a_confirmed_one_is_decreed(office, clock):
    ticket = to_determination(office)
    deadline_before = t10(office, ticket)
    office.complete(ticket, "tetapkan_pengecualian", RETURN)

    # Back at the PPID's decision, with the superior's reasons; no decree, no entry; T10 runs on as it was.
    assert office.open_tasks(ticket) == ["putuskan"]
    words = decision_instructions(office, ticket)
    assert f"dengan alasan: {REASONS}" in words["id"]
    assert words["id"].startswith("Atasan PPID tidak menetapkan informasi yang diminta")
    assert f"for these reasons: {REASONS}" in words["en"]
    assert words["en"].startswith("The PPID's superior did not determine the information asked for")
    assert "penetapan_pengecualian" not in letters(office, ticket)
    with office.sessions() as s:
        assert s.scalars(select(Exemption)).all() == []
    assert t10(office, ticket) == deadline_before
    assert [e["lane"] for e in events(office, ticket, "exemption_returned")] == ["atasan_ppid"]
    answered = [e for e in events(office, ticket, "task_completed") if e["task"] == "tetapkan_pengecualian"]
    assert [a["data"] for a in answered] == [RETURN]

    # The PPID refuses again on a new test; the superior determines it this time: one decree, one entry.
    office.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    office.complete(ticket, "uji_konsekuensi", {**STEP["uji_konsekuensi"], "konsekuensi": "Membuka alamat penerima"})
    determined = dated({**STEP["tetapkan_pengecualian"], "penetapan": "ditetapkan"}, "2026-12-02")  # the day received
    office.complete(ticket, "tetapkan_pengecualian", determined)
    assert office.open_tasks(ticket) == ["pemberitahuan_tertulis"]
    office.complete(ticket, "pemberitahuan_tertulis")
    issued = letters(office, ticket)
    assert [k for k in issued if k in ("penetapan_pengecualian", "keputusan_penolakan")] == [
        "penetapan_pengecualian",
        "keputusan_penolakan",
    ]
    with office.sessions() as s:
        (entry,) = s.scalars(select(Exemption)).all()
        assert entry.harm_test == "Membuka alamat penerima"
    assert len(events(office, ticket, "exemption_returned")) == 1
    assert len(events(office, ticket, "exemption_determined")) == 1
    assert t10(office, ticket) == [(deadline_before[0][0], "met")]
    office.verify()
