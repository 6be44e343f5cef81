"""An officer's NIP (engine.nip): its 18 digits, as typed with or without the spaces that group them; a refusal names
the part that is wrong (the birth date in digits 1-8, the month of appointment in 9-14, the sex in 15), never the
digits; an officer who is not a civil servant has none."""

import pytest

from engine import nip

NIP = "197001011990032001"  # born 1 January 1970, appointed March 1990, a woman, the first


def _refusal(typed: str) -> str | None:
    problem = nip.problem(nip.normalized(typed))
    return problem.code if problem else None


@pytest.mark.parametrize("typed", [NIP, "19700101 199003 2 001", " 19700101  199003 2 001 ", "197001011990031001"])
def test_a_nip_is_kept_as_its_18_digits_whatever_spaces_group_it(typed):
    assert nip.normalized(typed) in (NIP, "197001011990031001")
    assert _refusal(typed) is None


@pytest.mark.parametrize("typed", [None, "", "   "])
def test_an_officer_who_is_not_a_civil_servant_has_no_nip(typed):
    assert nip.normalized(typed) is None
    assert _refusal(typed) is None


@pytest.mark.parametrize(
    "typed",
    [
        "19700101199003200",  # 17
        "1970010119900320011",  # 19
        "19700101.199003.2.001",  # dots are not spaces
        "19700101-199003-2-001",
        "NIP 197001011990032001",
        "１９７００１０１１９９００３２００１",  # digits, but not the ASCII ones the letters and the database keep
    ],
)
def test_a_nip_is_refused_unless_it_is_exactly_18_digits_after_its_spaces_are_left_out(typed):
    assert _refusal(typed) == "nip_digits"


@pytest.mark.parametrize(
    ("typed", "part"),
    [
        ("19700230 199003 2 001", "nip_birth_date"),  # 30 February
        ("19701301 199003 2 001", "nip_birth_date"),  # month 13
        ("19700100 199003 2 001", "nip_birth_date"),  # day 0
        ("18991231 199003 2 001", "nip_birth_date"),  # before any officer serving now was born
        ("19700101 199013 2 001", "nip_appointment"),  # month 13
        ("19700101 199000 2 001", "nip_appointment"),  # month 0
        ("19700101 000003 2 001", "nip_appointment"),  # year 0
        ("19700101 199003 0 001", "nip_sex"),
        ("19700101 199003 3 001", "nip_sex"),
    ],
)
def test_a_nip_whose_birth_date_or_appointment_month_is_not_real_or_whose_sex_digit_is_not_1_or_2_is_refused(
    typed, part
):
    assert _refusal(typed) == part


def test_a_refusal_names_the_part_of_the_nip_that_is_wrong_and_never_its_digits():
    said = str(nip.problem(nip.normalized("19700230 199003 2 001")))
    assert said == "digits 1 to 8 of a NIP are the officer's birth date (year, month, day): not a real date"
    assert "1970" not in said
    assert str(nip.problem("19700101199013200")) == "a NIP has 18 digits (spaces between them may group them)"
    assert "month of appointment" in str(nip.problem("197001011990132001"))
    assert "sex: 1 or 2" in str(nip.problem("197001011990033001"))
