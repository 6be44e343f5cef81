"""Filling a task's instructions (engine.instructions.render): what is known is named, nothing else runs."""

import pytest

from engine.instructions import render


def test_placeholders_are_filled_with_the_facts():
    text = "Periksa kelengkapan permohonan {{ ticket }}; pemohon diberi {{batas_kelengkapan_hari}} hari kerja."
    assert render(text, {"ticket": "PPID-2026-000001", "batas_kelengkapan_hari": 3}) == (
        "Periksa kelengkapan permohonan PPID-2026-000001; pemohon diberi 3 hari kerja."
    )


def test_a_value_the_process_does_not_hold_is_left_as_written_instead_of_failing():
    text = "Catat {{ ticket }}: {{ kekurangan }} ({{ keberatan.alasan }})."
    assert (
        render(text, {"ticket": "PPID-2026-000001"})
        == "Catat PPID-2026-000001: {{ kekurangan }} ({{ keberatan.alasan }})."
    )


def test_text_without_placeholders_or_without_text_is_returned_as_it_is():
    assert render("Isi Lembar Uji Konsekuensi.", {}) == "Isi Lembar Uji Konsekuensi."
    assert render(None, {"ticket": "X"}) is None
    assert render("", {"ticket": "X"}) == ""


def test_a_template_that_does_not_parse_is_shown_as_written():
    assert render("Periksa {{ ticket", {"ticket": "X"}) == "Periksa {{ ticket"


@pytest.mark.parametrize(
    "text", ["{{ ticket.__class__.__mro__[1].__subclasses__() }}", "{{ ticket.__class__ }}", "{{ lipsum.__globals__ }}"]
)
def test_the_sandbox_refuses_to_reach_python_internals_and_the_text_is_shown_as_written(text):
    assert render(text, {"ticket": "PPID-2026-000001"}) == text


def test_values_are_text_not_templates():
    assert render("Kekurangan: {{ kekurangan }}", {"kekurangan": "{{ ticket }} {% if 1 %}x{% endif %}"}) == (
        "Kekurangan: {{ ticket }} {% if 1 %}x{% endif %}"
    )
