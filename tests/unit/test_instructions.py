"""Filling a task's instructions (engine.instructions): what is known is named, dates in words, nothing else runs."""

from zoneinfo import ZoneInfo

import pytest

from engine.instructions import readable, render


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


WIB = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(
    ("value", "language", "shown"),
    [
        ("2027-01-06T02:00:00+00:00", "id", "6 Jan 2027, 09:00 WIB"),  # an instant: in the office's zone
        ("2026-12-25T17:13:11.576362+00:00", "id", "26 Des 2026, 00:13 WIB"),  # past midnight there: the next day
        ("2026-12-25T17:13:11Z", "en", "26 Dec 2026, 00:13 WIB"),
        ("2027-01-06T09:00:00+07:00", "en", "6 Jan 2027, 09:00 WIB"),
        ("2027-01-06T09:00", "id", "6 Jan 2027, 09:00"),  # no zone: the office's own time, as written
        ("2026-12-14", "id", "14 Des 2026"),  # a date is a day, never moved between zones
    ],
)
def test_dates_and_instants_the_process_holds_read_in_words_in_the_office_s_zone(value, language, shown):
    assert readable({"sidang_pertama": value}, language, WIB) == {"sidang_pertama": shown}


def test_values_that_are_not_dates_are_left_as_they_are():
    facts = {"ticket": "PPID-2026-000001", "nomor": "2026-12-99", "hari": 3, "alasan": ["a"], "teks": "2026-12-14 pagi"}
    assert readable(facts, "id", WIB) == facts


def test_an_instruction_names_the_first_hearing_in_words():
    text = "Sengketa {{ ticket }}; sidang pertama {{ sidang_pertama }}."
    facts = readable({"ticket": "SIP-2026-000001", "sidang_pertama": "2027-01-06T02:00:00+00:00"}, "id", WIB)
    assert render(text, facts) == "Sengketa SIP-2026-000001; sidang pertama 6 Jan 2027, 09:00 WIB."


def test_a_value_that_ends_its_own_sentence_is_not_followed_by_a_second_full_stop():
    """ "Catat kelengkapan yang diserahkan pemohon: {{ kekurangan }}." read "... yang dimaksud.." on the task page."""
    template = "Catat kelengkapan yang diserahkan pemohon: {{ kekurangan }}."
    assert render(template, {"kekurangan": "Salinan KTP yang dimaksud."}) == (
        "Catat kelengkapan yang diserahkan pemohon: Salinan KTP yang dimaksud."
    )
    assert render(template, {"kekurangan": "Salinan KTP"}) == "Catat kelengkapan yang diserahkan pemohon: Salinan KTP."
    assert render(template, {"kekurangan": "Tujuan? Format?"}).endswith("Tujuan? Format?")
