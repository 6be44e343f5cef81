"""A hand-over record sealed before its context listed the notice's copies (``copies``, engine.letters.context) still
renders, and so does its English copy made now (``context.translation`` states what the original stated, so it has
no ``copies`` either): the letters' environment is StrictUndefined (engine.letters.render), and a key the sealed
context lacks was an error, not an empty list. Nothing else that commit added to the letters' contexts.

On SQLite alone: a letter's words.
"""

from __future__ import annotations

from sqlalchemy import select

from engine.letters import context, issue, render
from engine.models import Case, Letter
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a letter's words
from tests.workflows import test_legal_fees_and_delivery as fees
from tests.workflows.test_handover_lists_paper_copies import printed_copy_handed_over

clock, standard = fees.clock, fees.standard  # its fixtures: the office's clock and fee standard
HANDOVER = "berita_acara_serah_terima"


def test_a_handover_sealed_without_copies_renders_in_both_languages(office, clock, standard):
    printed_copy_handed_over(office, clock)
    with office.sessions() as s:
        letter = s.scalars(select(Letter).where(Letter.kind == HANDOVER)).first()
        old = issue.unseal(office.rt, letter)
        del old["copies"]  # as sealed before the record listed them
        said = render.html(office.rt.settings, old, stylesheet_href="letter.css")
        assert "Salinan cetak informasi diserahkan langsung kepada penerima" in said
        assert "Yang diserahkan, sebagaimana dicatat" not in said
        worded = context.build(
            s,
            office.rt,
            s.get(Case, letter.case_id),
            issue.TYPES[HANDOVER],
            letter_date=letter.letter_date,
            number=letter.number,
            code="EN-COPY",
            locale="en",
            data=old.get("data", {}),
            task=letter.task,
        )
        english = context.translation(office.rt, old, worded)
        assert "copies" not in english
        said = render.html(office.rt.settings, english, stylesheet_href="letter.css")
        assert "What was handed over, as recorded in the written notice" not in said
        assert "This receipt is made for use as appropriate." in said
