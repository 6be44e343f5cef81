"""A hand-over record's copies are decided by the task its issuer names (engine.letters.issue.issue's ``task``,
passed to engine.letters.context.build), not guessed from the case's last completed task: a record built for the
first handover (``penyerahan_informasi``) lists the notice's copies, one built for a later handover
(``penyerahan_lanjutan``) does not, whatever the case completed last.

On SQLite alone: a letter's words.
"""

from __future__ import annotations

from sqlalchemy import select

from engine.letters import context, issue
from engine.models import Case, Letter
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a letter's words
from tests.workflows import test_legal_fees_and_delivery as fees
from tests.workflows.test_handover_lists_paper_copies import printed_copy_handed_over

clock, standard = fees.clock, fees.standard  # its fixtures: the office's clock and fee standard
HANDOVER = "berita_acara_serah_terima"


def test_the_copies_follow_the_task_the_issuer_names(office, clock, standard):
    printed_copy_handed_over(office, clock)
    with office.sessions() as s:
        letter = s.scalars(select(Letter).where(Letter.kind == HANDOVER)).first()
        case = s.get(Case, letter.case_id)

        def built(task):
            return context.build(
                s,
                office.rt,
                case,
                issue.TYPES[HANDOVER],
                letter_date=letter.letter_date,
                number=letter.number,
                code="X",
                locale="id",
                data={"tanggal_penyerahan": "2026-12-10", "cara_penyerahan": "langsung"},
                task=task,
            )["copies"]

        # The case's last task is the first handover; the record of a later one lists nothing of the notice.
        assert built("penyerahan_lanjutan") is None
        assert built("penyerahan_informasi")["material"] == "Daftar penerima beasiswa 2026"
