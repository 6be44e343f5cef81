"""The determination of exempt information marks its decree's fields required only for the choice that needs them.

The walk found the superior's (or the head's) determination page marking "Pengecualian UU 14/2008 Pasal 17 (huruf)
(wajib)", "berlaku sampai (wajib)"... while the choice at its top may return the exemption to the PPID, which needs
none of them (forms/tetapkan_pengecualian.json: a return needs written reasons only). The form's rule reads an
unanswered choice as a determination (an API client of before, a case's earlier version, sends no choice:
tests/workflows/test_exemption_return_rules.py), so the page, which asks the choice, read the empty form as one: it
now says when, "(wajib bila ditetapkan dikecualikan)", as every other form's conditional field does, and "(wajib)"
once the choice shown is to determine it; returning marks the reasons required and the decree's fields not.

On SQLite alone (tests/web/conftest.py): the marks are Python's words over a schema.
"""

import pytest
import time_machine
from flask_babel import force_locale
from werkzeug.datastructures import MultiDict

from api.web import schema_form
from engine.config import FORMS_DIR
from engine.forms import FormRegistry
from tests.web.pages import text
from tests.web.test_conditional_required_marks import _label
from tests.web.test_schema_form import _by_name, _schema, page  # noqa: F401 - the fixture
from tests.web.test_superior_returns_exemption_page import _determination_page
from tests.workflows.test_exemption_overturned import RECEIVED

FORM = "tetapkan_pengecualian.json"
DECREE = ("uji_diperiksa", "pasal_pengecualian", "berlaku_sampai", "tanggal_penetapan")


def _fields(values: dict):
    return _by_name(schema_form.form_fields(_schema(FORM), MultiDict(values), None)[0])


def test_unanswered_the_decree_s_fields_say_when_they_are_required(page):  # noqa: F811
    fields = _fields({})
    for name in DECREE:
        assert not fields[name].required, name
        assert fields[name].required_when == "wajib bila ditetapkan dikecualikan", name
    assert not fields["alasan_dikembalikan"].required
    assert fields["alasan_dikembalikan"].required_when.startswith("wajib bila “Keputusan atas pengecualian")


def test_returned_the_reasons_are_required_and_the_decree_s_fields_are_not(page):  # noqa: F811
    fields = _fields({"penetapan": "dikembalikan"})
    assert fields["alasan_dikembalikan"].required
    for name in DECREE:
        assert not fields[name].required, name
        assert fields[name].required_when == "wajib bila ditetapkan dikecualikan", name


def test_determined_the_decree_s_fields_are_required(page):  # noqa: F811
    fields = _fields({"penetapan": "ditetapkan"})
    for name in DECREE:
        assert fields[name].required, name
    assert not fields["alasan_dikembalikan"].required


def test_the_english_page_says_when_too(page):  # noqa: F811
    with force_locale("en"):
        fields = _by_name(schema_form.build_fields(_schema(FORM), "en", MultiDict()))
    for name in DECREE:
        assert not fields[name].required, name
        assert fields[name].required_when == "required if determined exempt", name


def test_an_answer_without_the_choice_is_still_a_determination_that_needs_the_decree():
    """What the form refuses is unchanged: the page's marks only say when (an API client of before sends no choice)."""
    forms = FormRegistry(FORMS_DIR)
    assert set(forms.errors(FORM, {})) == set(DECREE)
    assert set(forms.errors(FORM, {"penetapan": "ditetapkan"})) == set(DECREE)
    assert set(forms.errors(FORM, {"penetapan": "dikembalikan"})) == {"alasan_dikembalikan"}


def test_the_superior_s_page_marks_the_decree_s_fields_by_the_choice(desk, browser):
    with time_machine.travel(RECEIVED, tick=True):
        _ticket, b, task_id, shown = _determination_page(desk, browser)
        assert _label(shown, "pasal_pengecualian") == (
            "Pengecualian UU 14/2008 Pasal 17 (huruf) (wajib bila ditetapkan dikecualikan)"
        )
        assert _label(shown, "berlaku_sampai").endswith("(Pasal 20) (wajib bila ditetapkan dikecualikan)")
        assert "(wajib)" not in _label(shown, "tanggal_penetapan")
        returned = b.post(f"/tugas/{task_id}", {"penetapan": "dikembalikan"})  # without reasons: shown again
        assert returned.status_code == 422
        again = text(returned)
        assert _label(again, "alasan_dikembalikan") == "Alasan tidak menyetujui (disampaikan kepada PPID) (wajib)"
        assert _label(again, "pasal_pengecualian").endswith("(wajib bila ditetapkan dikecualikan)")


@pytest.mark.parametrize("name", DECREE)
def test_no_field_says_bila_twice(page, name):  # noqa: F811
    assert "bila bila" not in (_fields({"penetapan": "dikembalikan"})[name].required_when or "")
