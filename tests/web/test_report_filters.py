"""The register, the dashboard and the complaint statistics are filtered by a unit chosen from the office's
units ("name (code)"), not by a code typed from memory; the pages count what the chosen unit holds."""

import re

import pytest

from tests.conftest import db_url  # noqa: F401 - both databases again (tests/web/conftest.py takes SQLite alone)
from tests.web.pages import text

PAGES = [
    ("ppid", "/laporan/register/permohonan", "register-unit"),
    ("ppid", "/dasbor", "dashboard-unit"),
    ("tim", "/laporan/pengaduan", "complaint-unit"),
]


def _unit_options(page: str, select_id: str) -> list[tuple[str, str, bool]]:
    select = re.search(rf'<select id="{select_id}" name="unit">(.*?)</select>', page, re.S)
    assert select, f"no select of units ({select_id})"
    return [
        (value, label.strip(), bool(selected))
        for value, selected, label in re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select[1])
    ]


@pytest.mark.parametrize(("username", "path", "select_id"), PAGES)
def test_the_unit_is_chosen_among_the_office_s_units_and_stays_chosen(browser, username, path, select_id):
    officer = browser(username)
    options = _unit_options(text(officer.get(path)), select_id)
    assert options[0] == ("", "Semua unit", False)  # shown first, so chosen while no other option is
    assert not any(selected for _value, _label, selected in options)
    assert ("KANWIL", "Kantor Wilayah (KANWIL)", False) in options
    assert ("PENDMAD", "PENDMAD", False) in options  # a unit with no name of its own shows its code
    chosen = _unit_options(text(officer.get(path, query_string={"unit": "PENDMAD"})), select_id)
    assert [value for value, _label, selected in chosen if selected] == ["PENDMAD"]


def test_a_unit_code_from_an_old_link_stays_shown_as_what_the_page_is_filtered_by(browser):
    page = text(browser("ppid").get("/laporan/register/permohonan", query_string={"unit": "KANKEMENAG-X"}))
    assert ("KANKEMENAG-X", "KANKEMENAG-X", True) in _unit_options(page, "register-unit")


def test_the_register_filtered_by_a_chosen_unit_lists_only_its_cases(desk, browser):
    receipt = desk.submit()  # received by the office's main unit, KANWIL
    officer = browser("ppid")
    assert receipt["ticket"] in text(officer.get("/laporan/register/permohonan", query_string={"unit": "KANWIL"}))
    assert receipt["ticket"] not in text(officer.get("/laporan/register/permohonan", query_string={"unit": "PENDMAD"}))
