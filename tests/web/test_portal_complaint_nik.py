"""A complaint's reporter gives a national identity number (NIK), as the form's field says: "abc123" passed on
/publik/pengaduan as though it were a legal entity's decree number, while "12345" was refused. The complaint form has
no legal entity's field: its reporter is a person (the category says whom they speak for), and gives, when they give
one, a NIK of 16 digits that can exist (engine.nik), grouped or not, or, a foreign national without one, a passport
number: 6 to 12 letters or digits, at least one a digit (an Indonesian A1234567, a British or older American 9 digits,
a German C01X00T47), as the field's hint says. Sixteen digits are always read as a NIK, never as a passport's number:
one that cannot exist is refused saying which part is wrong.
"""

import pytest

from tests.conftest import REPORTER_NIK
from tests.web.pages import text
from tests.web.test_portal import complaint_form, receipt_of


@pytest.mark.parametrize(
    "typed", ["abc12", "12345", "ABCDEFGH", "AHU-0012345.AH.01.07", "317199010888777", "A12345678901B"]
)
def test_a_complaint_s_nik_that_is_not_16_digits_is_refused_saying_so(browser, typed):
    b = browser()
    form = complaint_form("rahasia") | {"pelapor.nik": typed}
    r = b.post("/publik/pengaduan", form)
    assert r.status_code == 422, r.status_code
    page = text(r)
    assert "NIK: terdiri atas 16 angka; warga negara asing mengisi nomor paspor: 6 sampai 12 huruf" in page
    assert "NIK: NIK" not in page  # the label is not said twice
    assert "badan hukum" not in page


@pytest.mark.parametrize(
    "typed", [REPORTER_NIK, "3171 9901 0888 7777", "A1234567", "123456789", "C01X00T47", "AB1234567890"]
)
def test_a_complaint_s_possible_nik_or_a_passport_number_is_taken(browser, typed):
    ticket, _code = receipt_of(browser(), "/publik/pengaduan", complaint_form("rahasia") | {"pelapor.nik": typed})
    assert ticket.startswith("ADU-")


@pytest.mark.parametrize("typed", ["1234567890123456", "1234 5678 9012 3456", "0000000000000000"])
def test_sixteen_digits_that_cannot_be_a_nik_are_not_taken_as_a_passport(browser, unchanged, typed):
    with unchanged():
        r = browser().post("/publik/pengaduan", complaint_form("rahasia") | {"pelapor.nik": typed})
    assert r.status_code == 422, r.status_code
    assert "NIK ini tidak mungkin ada" in text(r)
