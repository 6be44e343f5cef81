"""The personal-data scan (engine.pii_scan): real-looking numbers are found, look-alikes are not.

Each number below is made up; the valid ones follow the structure of the real thing (a province and a
regency in use, a birth date that exists, a woman's day + 40), the invalid ones break exactly one rule.
"""

from __future__ import annotations

import pytest

from engine import pii_scan
from engine.pii_scan import Finding, is_kk, is_nik, scan_text


def kinds(text: str, own=None) -> list[tuple[str, str]]:
    return [(f.kind, f.value) for f in scan_text([text], own)]


@pytest.mark.parametrize(
    "nik",
    [
        "3174051208900001",  # DKI Jakarta, Jakarta Selatan (city 74), a man born 12-08-1990
        "3273015208900002",  # Jawa Barat, Kota Bandung, a woman born 12-08-1990 (52 = 12 + 40)
        "1101016902000003",  # Aceh, a woman born 29-02-2000 (69 = 29 + 40): 2000 is a leap year
        "9471023112850004",  # Papua (94), Kota Jayapura (71... here 71 = a city), 31-12-1985
        "6403017101010005",  # Kalimantan Timur, a woman born 31-01-2001
    ],
)
def test_a_nik_with_a_region_in_use_and_a_real_birth_date_is_found(nik):
    assert is_nik(nik)
    assert kinds(f"NIK: {nik}") == [("nik", nik)]


@pytest.mark.parametrize(
    ("nik", "broken"),
    [
        ("2074051208900001", "province 20 does not exist"),
        ("3199051208900001", "regency 99 is neither a regency nor a city"),
        ("3174001208900001", "district 00"),
        ("3174053208900001", "day 32"),
        ("3174057208900001", "day 72 - 40 = 32"),
        ("3174051213900001", "month 13"),
        ("3174053002900001", "30 February"),
        ("3174054002900001", "day 40: neither a man's nor a woman's"),
        ("3174051208900000", "serial 0000"),
        ("3174052902010001", "29 February 1901 and 2001 do not exist"),
    ],
)
def test_a_sixteen_digit_number_that_breaks_the_nik_structure_is_not_a_nik(nik, broken):
    assert not is_nik(nik), broken
    assert kinds(f"NIK: {nik}") == [], broken


def test_a_nik_is_found_in_four_groups_of_four_but_not_inside_a_longer_number():
    assert kinds("NIK 3174 0512 0890 0001.") == [("nik", "3174051208900001")]
    assert kinds("NIP 198901012015031002 dan rekening 31740512089000011") == []
    assert kinds("kode 13174051208900001") == []


def test_a_family_card_number_needs_its_name_before_it_and_an_issue_date_without_the_plus_40():
    assert kinds("No. KK 3174051502150003") == [("kk", "3174051502150003")]
    assert kinds("Nomor Kartu Keluarga: 3174051502150003") == [("kk", "3174051502150003")]
    assert is_kk("3174051502150003")
    assert not is_kk("3174055502150003")  # day 55: a woman's NIK, never a card's issue date
    assert kinds("No. KK 3174055502150003") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NPWP: 01.234.567.8-901.000", "012345678901000"),  # the old form, with its dots and dash
        ("NPWP 012345678901000", "012345678901000"),  # the old 15 digits, named
        ("NPWP: 0012345678901000", "0012345678901000"),  # the new 16 digits of an entity (0 + old)
        ("NPWP: 3174051208900001", "3174051208900001"),  # the new 16 digits of a person (the NIK)
        ("Nomor pokok 09.876.543.2-123.000 tercatat", "098765432123000"),  # the old form needs no name
    ],
)
def test_npwp_in_its_old_and_new_forms_is_found(text, value):
    assert kinds(text) == [("npwp", value)]


def test_a_fifteen_digit_number_without_the_word_npwp_is_not_an_npwp():
    assert kinds("Nomor registrasi 012345678901000") == []


@pytest.mark.parametrize(
    "phone",
    ["0812-3456-7890", "0812 3456 7890", "081234567890", "+62 812 3456 7890", "+6281234567890", "62813.1234.5678"],
)
def test_an_indonesian_mobile_number_is_found_however_it_is_written(phone):
    assert [k for k, _v in kinds(f"HP: {phone}")] == ["telepon"]


@pytest.mark.parametrize(
    "text",
    [
        "Telepon (021) 3811642",  # the office's landline in its letterhead
        "Faks. 021-3812344",
        "Kode pos 10710",
        "Nomor: B-1234/Kw.09.1/HM.00/12/2026",  # a letter number
        "Jumlah anggaran Rp 8.123.456.789",
        "Realisasi 62.800.787.353 (rupiah)",  # thousands separated by dots, not +62 800 787 353
        "Belanja Rp 0812345678",
        "0812345",  # too short for a mobile number
    ],
)
def test_landlines_letter_numbers_and_amounts_are_not_phone_numbers(text):
    assert kinds(text) == []


def test_an_e_mail_address_is_found_but_not_an_office_role_mailbox():
    assert kinds("Kontak: budi.santoso@gmail.com atau ppid@kemenag.go.id; humas@jakarta.go.id.") == [
        ("email", "budi.santoso@gmail.com")
    ]


def test_the_requesters_own_data_is_not_a_finding():
    own = {"nik": "3174051208900001", "phone": "+62 812 3456 7890", "email": "Ani@Example.org"}
    text = "NIK 3174051208900001, HP 0812-3456-7890, ani@example.org; tetangga NIK 3273015208900002"
    assert kinds(text, own) == [("nik", "3273015208900002")]


def test_findings_are_shown_masked_with_their_page():
    found = scan_text(["halaman satu", "NIK 3174051208900001 dan budi@gmail.com"])
    assert [f.describe() for f in found] == ["NIK 3174********0001 (hlm. 2)", "alamat e-mail b***@gmail.com (hlm. 2)"]
    assert found[0].describe("en") == "NIK 3174********0001 (p. 2)"
    assert pii_scan.counts(found) == {"nik": 1, "email": 1}


def test_a_pdf_is_read_page_by_page_and_a_pdf_without_text_is_unreadable():
    from tests.delivery.conftest import pdf

    found = pii_scan.scan_file("application/pdf", pdf("Daftar hadir rapat", "NIK: 3174051208900001"))
    assert found == [Finding("nik", "3174051208900001", 2)]
    assert pii_scan.scan_file("application/pdf", pdf("")) == [Finding("unreadable", "", 1)]
    assert pii_scan.scan_file("application/pdf", b"%PDF-1.4 broken") == [Finding("unreadable", "", 1)]


def _picture(*lines: str) -> bytes:
    import io

    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1400, 90 * len(lines) + 40), "white")
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((30, 40 + 90 * n), line, fill="black", font=ImageFont.load_default(size=40))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_a_photographed_page_is_read_with_tesseract_in_indonesian():
    """Debian's tesseract-ocr with tesseract-ocr-ind (installed by `make test`) reads an image's text."""
    assert pii_scan.ocr_available()
    found = pii_scan.scan_file("image/png", _picture("Nama: Budi Santoso", "NIK: 3174051208900001"))
    assert found == [Finding("nik", "3174051208900001", 1)]
    assert pii_scan.scan_file("image/png", _picture("")) == [Finding("unreadable", "", 1)]


def test_a_sixteen_digit_number_named_as_an_account_or_a_billing_code_is_not_a_nik():
    assert is_nik("3174051208900001")
    assert kinds("Nomor Virtual Account 3174051208900001") == []
    assert kinds("Nomor rekening 3174051208900001") == []
    assert kinds("Kode billing: 3174051208900001") == []


def test_a_toll_free_number_is_not_a_mobile_number():
    assert kinds("Bebas pulsa 0800-1-234567 atau 0800 1500 123") == []
