"""The proxy's correction form is the ``kuasa`` of the form the case was filed with: an objection filed without a
request on record (``keberatan_tanpa_permohonan.json``) asks for the same proxy as the objection form, so one
correction form serves both; a request's proxy is asked for the same fields but meterai (legal-process.md §3.2:
only an objection's power of attorney must bear it, Perki 1/2021 Pasal 39(4))."""

import json

from engine import kinds, proxy_data
from engine.config import ROOT


def _proxy_of(form: str) -> dict:
    return json.loads((ROOT / "forms" / form).read_text())["properties"]["kuasa"]


def test_both_objection_forms_ask_for_the_same_proxy_as_the_correction_checks():
    assert _proxy_of("keberatan_tanpa_permohonan.json") == _proxy_of(proxy_data.FORMS[kinds.OBJECTION])


def test_a_request_proxy_is_asked_what_an_objection_proxy_is_but_meterai():
    request = _proxy_of(proxy_data.FORMS[kinds.REQUEST])
    objection = _proxy_of(proxy_data.FORMS[kinds.OBJECTION])
    assert set(objection["properties"]) - set(request["properties"]) == {"bermeterai"}
    assert set(objection["required"]) - set(request["required"]) == {"bermeterai"}
    for name, rule in request["properties"].items():
        same = {k: v for k, v in rule.items() if k != "x-error"}
        assert same == {k: v for k, v in objection["properties"][name].items() if k != "x-error"}, name
