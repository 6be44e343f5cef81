"""A unit's clarification of a complaint is an answer, not an acknowledgement: "ok" was accepted as the unit's whole
answer (forms/pengaduan_klarifikasi_unit.json had no minimum). Like the evidence request's question and the outcome
for the reporter, it takes at least 10 characters."""

import pytest

from engine.errors import Invalid
from tests.workflows.test_pengaduan_paths import CATAT, KE_UNIT, LAYAK


def test_a_unit_s_clarification_answer_of_a_word_is_refused_and_a_sentence_is_taken(office):
    ticket, _code = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "klarifikasi_unit", {"tanggapan": "ok"})
    assert [m.code for m in refused.value.fields["tanggapan"]] == ["chars_at_least"]
    assert office.open_tasks(ticket) == ["klarifikasi_unit"]
    office.complete(ticket, "klarifikasi_unit", {"tanggapan": "Sudah ditegur", "tindakan_yang_diambil": "-"})
    assert office.open_tasks(ticket) == ["klarifikasi"]
