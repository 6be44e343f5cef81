"""The proxy's correction form is the objection form's ``kuasa``: an objection filed without a request on record
(``keberatan_tanpa_permohonan.json``) asks for the same proxy, so one correction form serves both."""

import json

from engine import proxy_data
from engine.config import ROOT


def _proxy_of(form: str) -> dict:
    return json.loads((ROOT / "forms" / form).read_text())["properties"]["kuasa"]


def test_both_objection_forms_ask_for_the_same_proxy_as_the_correction_checks():
    assert _proxy_of("keberatan_tanpa_permohonan.json") == _proxy_of(proxy_data.FORM)
