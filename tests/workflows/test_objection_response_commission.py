"""The superior's response names the Komisi Informasi the requester may go to (UU 14/2008 Pasal 37(2)): the one the
decision recorded, else the office's own (KAWAL_COMMISSION_NAME, kept in the letter's context with the office), in
both languages; never the bare words "Komisi Informasi" while the office names its Commission. A response issued
before the office's Commission was kept with its letters keeps the words it printed.

On SQLite alone: the words are Python's over the letter's sealed content, whose round trip is proved on PostgreSQL by
tests/workflows/test_letter_reads.py.
"""

import dataclasses

from engine.letters import render
from engine.letters.issue import unseal
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_letters import at_receipt, by_kind, letters  # noqa: F401
from tests.workflows.test_objection_response_letter import _responded

EAST_JAVA = "Komisi Informasi Provinsi Jawa Timur"


def _printed(office, content: dict, locale: str) -> str:
    content = {**content, "letter": {**content["letter"], "locale": locale}}
    page = render.html(office.rt.settings, content, stylesheet_href="", pdf=True)
    return " ".join(page.split())


def test_a_decision_that_named_no_commission_sends_the_requester_to_the_office_s_own_in_both_languages(
    office,
    at_receipt,  # noqa: F811
):
    office.rt.settings = dataclasses.replace(office.rt.settings, commission_name=EAST_JAVA)
    objection = _responded(office, "keberatan_ditolak", alasan_tertulis="Informasi dikecualikan.")
    content = unseal(office.rt, by_kind(letters(office, objection))["tanggapan_atasan"])
    assert content["office"]["commission"] == EAST_JAVA  # frozen with the letter
    content["data"].pop("komisi_informasi", None)  # a decision recorded without the field
    assert f"kepada {EAST_JAVA} paling lambat 14 (empat belas) hari kerja" in _printed(office, content, "id")
    assert f"you may apply to the {EAST_JAVA} to settle the dispute" in _printed(office, content, "en")

    named = {**content, "data": {**content["data"], "komisi_informasi": "Komisi Informasi Pusat"}}
    assert "kepada Komisi Informasi Pusat paling lambat" in _printed(office, named, "id")  # the decision's wins

    issued_before = {**content, "office": {k: v for k, v in content["office"].items() if k != "commission"}}
    assert "kepada Komisi Informasi paling lambat" in _printed(office, issued_before, "id")  # as it was printed
    assert "you may apply to the Information Commission to settle" in _printed(office, issued_before, "en")
