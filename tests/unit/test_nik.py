"""A NIK that cannot exist is refused, naming the part that is wrong; a possible one, of a man or of a woman, is not.

The walk filed requests and complaints with NIKs no person can have (a birth month 13, a serial 0000, province 00):
the forms took any 16 digits. A NIK is 6 digits of region (province 11.., regency, district: none 00), the birth
date DDMMYY (a woman's day + 40) and a serial 0001-9999 (engine.nik). Every form that asks for one checks it by the
same format, so the request's requester (portal and desk), the objection without a request, the complaint's
reporter and the desk's correction of a requester's data answer alike (tests/api/test_impossible_nik.py files them).
A value that is not 16 digits is another kind of identity number and keeps the rules it had.
"""

import copy

import pytest

from engine import nik, requester_data
from engine.config import FORMS_DIR
from engine.forms import FormRegistry, errors_in
from tests.conftest import complaint_payload, request_payload

FORMS = FormRegistry(FORMS_DIR)

POSSIBLE = {
    "a man born 12 Aug 1990 in Jakarta Selatan": "3174051208900001",
    "a woman born 12 Aug 1990 (day 12 + 40)": "3174055208900001",
    "a woman born on the 31st (day 71)": "3174057101850002",
    "a woman born on the 1st (day 41)": "3174054101850003",
    "born 29 Feb 2000 (a leap year)": "3174052902009999",
    "born 29 Feb 1996, a woman (day 69)": "3174056902960001",
    "Papua Barat Daya, a province of 2022 (96)": "9601011208900001",
    "grouped by spaces, as on the card": "3174 0512 0890 0001",
    "grouped by dots": "3174.0552.0890.0001",
}

IMPOSSIBLE = {
    "province 00": ("0074051208900001", "nik_region"),
    "province 10 (no province ends in 0)": ("1074051208900001", "nik_region"),
    "province 20": ("2074051208900001", "nik_region"),
    "regency 00": ("3100051208900001", "nik_region"),
    "district 00": ("3174001208900001", "nik_region"),
    "all zeros": ("0000000000000000", "nik_region"),
    "day 00": ("3174050008900001", "nik_birth_date"),
    "day 32 (neither a man's nor a woman's)": ("3174053208900001", "nik_birth_date"),
    "day 40": ("3174054008900001", "nik_birth_date"),
    "day 72 (a woman's 32)": ("3174057208900001", "nik_birth_date"),
    "month 00": ("3174051200900001", "nik_birth_date"),
    "month 13": ("3174051213900001", "nik_birth_date"),
    "30 February": ("3174053002900001", "nik_birth_date"),
    "a woman's 30 February (day 70)": ("3174057002900001", "nik_birth_date"),
    "29 February 2001 (no leap year in 1901 nor 2001)": ("3174052902010001", "nik_birth_date"),
    "31 April": ("3174053104900001", "nik_birth_date"),
    "serial 0000": ("3174051208900000", "nik_serial"),
}


@pytest.mark.parametrize("value", POSSIBLE.values(), ids=POSSIBLE.keys())
def test_a_possible_nik_of_a_man_or_a_woman_is_accepted(value):
    assert nik.problem(value) is None
    # the request form takes an individual's NIK as its 16 digits (engine.intake drops the grouping first)
    assert FORMS.errors("permohonan.json", request_payload(nik=nik.digits(value))) == {}
    reporter = {**complaint_payload()["pelapor"], "nik": value}
    assert FORMS.errors("pengaduan.json", complaint_payload(pelapor=reporter)) == {}


@pytest.mark.parametrize(("value", "code"), IMPOSSIBLE.values(), ids=IMPOSSIBLE.keys())
def test_an_impossible_nik_is_refused_naming_the_part_that_cannot_exist(value, code):
    assert nik.problem(value).code == code
    errors = FORMS.errors("permohonan.json", request_payload(nik=value))
    assert [m.code for m in errors["requester.nik"]] == [code]
    assert set(errors) == {"requester.nik"}
    assert value not in str(errors["requester.nik"][0])  # the part named, never the digits


@pytest.mark.parametrize("form", ["permohonan.json", "keberatan_tanpa_permohonan.json", "pengaduan.json"])
def test_every_form_that_asks_for_a_nik_refuses_an_impossible_one_with_the_same_words(form):
    section = {"permohonan.json": "requester", "keberatan_tanpa_permohonan.json": "pemohon"}.get(form, "pelapor")
    for value, code in IMPOSSIBLE.values():
        errors = FORMS.errors(form, {section: {"nik": value}})
        assert [m.code for m in errors[f"{section}.nik"]] == [code], (form, value)
    assert f"{section}.nik" not in FORMS.errors(
        form, {section: {"nik": POSSIBLE["a woman born 12 Aug 1990 (day 12 + 40)"]}}
    )


def test_a_legal_entity_s_decree_number_and_a_passport_keep_their_own_rules():
    """legal-process.md §3.2: a legal entity gives its legalisation decree's number; Perki 1/2013 Pasal 10-11 takes a
    passport where there is no KTP. Neither is a NIK: only 16 digits are read as one."""
    decree = request_payload(nik="AHU-0012345.AH.01.07/2020", requester_type="badan_hukum")
    assert FORMS.errors("permohonan.json", decree) == {}
    reporter = {**complaint_payload()["pelapor"], "nik": "A1234567"}  # a passport's number
    assert FORMS.errors("pengaduan.json", complaint_payload(pelapor=reporter)) == {}
    short = FORMS.errors("permohonan.json", request_payload(nik="3171 2345"))  # an individual's: still 16 digits
    assert [m.code for m in short["requester.nik"]] == ["nik_person_format"]


def test_the_desk_s_correction_of_a_requester_checks_the_nik_by_the_same_rule():
    """engine.requester_data's form is the request form's requester: the same format, the same words."""

    class Runtime:
        forms = FORMS

    schema = requester_data.form_schema(Runtime())
    body = {
        "requester": {**request_payload()["requester"], "nik": "3174051213900001"},
        "requester_type": "perorangan",
        "reason": requester_data.RECORDING_ERROR,
    }
    assert [m.code for m in errors_in(schema, body)["requester.nik"]] == ["nik_birth_date"]
    body["requester"]["nik"] = POSSIBLE["a woman born 12 Aug 1990 (day 12 + 40)"]
    assert errors_in(schema, copy.deepcopy(body)) == {}
