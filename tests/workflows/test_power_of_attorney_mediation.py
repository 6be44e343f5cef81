"""The special power of attorney for a dispute names mediation only where the Commission may mediate.

Mediation settles grounds b-g only; a dispute over a refusal under the exemptions (UU 14/2008 Pasal 35(1) huruf a,
Pasal 40; legal-process.md §5, the dispute's stages) goes straight to adjudication. A walk found the power of
attorney for a dispute on ground a still sending the attorneys to "mediasi" and giving (or withholding) authority to
settle in it. On ground a alone it names neither; on ground a with others, mediation on the others; on grounds b-g,
mediation as before.

On SQLite alone: the power of attorney's words are Python's over rows either database returns alike; an issued
letter's numbering and round trip run on PostgreSQL in tests/workflows/test_letters.py."""

import pytest
import time_machine

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_letters import by_kind, letters, render_pending, text_of, walk
from tests.workflows.test_sengketa_paths import SUMMONED, SURAT_KUASA, _dispute

KAWAL_NUMBERED = {k: v for k, v in SURAT_KUASA.items() if k != "nomor_surat"}  # Kawal issues and numbers the letter


@pytest.fixture(autouse=True)
def summoned():
    with time_machine.travel(SUMMONED, tick=True):
        yield


def _power(office, grounds, refused=True, **power) -> str:
    if refused:  # an objection to a refusal under the exemptions
        request = walk(office, "ditolak_dikecualikan")
        ticket = office.dispute(office.objection(request, list(grounds)))
    else:
        ticket = _dispute(office, grounds)
    office.complete(ticket, "surat_kuasa", {**KAWAL_NUMBERED, **power})
    render_pending(office)
    return text_of(office, by_kind(letters(office, ticket))["surat_kuasa_khusus"])


@pytest.mark.parametrize("power", [{"wewenang_berdamai": False}, {"wewenang_berdamai": None}])
def test_a_dispute_on_ground_a_alone_is_heard_in_adjudication_and_the_power_names_no_mediation(office, power):
    text = _power(office, ["a"], **power)  # a "yes" is refused (tests/web/test_settlement_authority_only_where_...)
    assert "menghadiri persidangan pemeriksaan awal dan ajudikasi," in text
    assert "mediasi" not in text
    assert "berdamai" not in text


def test_a_dispute_on_ground_a_and_another_ground_is_mediated_on_the_other_only(office):
    text = _power(office, ["a", "d"])
    assert "mediasi atas alasan selain Pasal 35 ayat (1) huruf a UU 14/2008, dan ajudikasi" in text
    assert "termasuk berwenang untuk berdamai dan menandatangani kesepakatan mediasi" in text


def test_a_dispute_on_grounds_b_to_g_names_mediation_and_the_authority_to_settle(office):
    text = _power(office, ["c"], refused=False)
    assert "menghadiri persidangan pemeriksaan awal, mediasi dan ajudikasi," in text
    assert "termasuk berwenang untuk berdamai dan menandatangani kesepakatan mediasi" in text
