"""The proxy's correction form is the ``kuasa`` of the form the case was filed with: an objection filed without a
request on record (``keberatan_tanpa_permohonan.json``) asks for the same proxy as the objection form, so one
correction form serves both; a request's proxy is asked for the same (the power of attorney's date, its number only
if it has one: a private one has none) but without meterai (legal-process.md §3.2: only an objection's power of
attorney must bear it, Perki 1/2021 Pasal 39(4))."""

import json

from engine import kinds, proxy_data
from engine.config import ROOT


def _proxy_of(form: str) -> dict:
    return json.loads((ROOT / "forms" / form).read_text())["properties"]["kuasa"]


def test_both_objection_forms_ask_for_the_same_proxy_as_the_correction_checks():
    # the hint alone differs: the objection to a request says its proxy needs a power of attorney for the objection
    hint = ("description", "x-description-en")
    with_request = {k: v for k, v in _proxy_of(proxy_data.FORMS[kinds.OBJECTION]).items() if k not in hint}
    assert _proxy_of("keberatan_tanpa_permohonan.json") == with_request


def test_a_proxy_gives_the_power_s_date_and_its_number_if_any_and_only_an_objection_s_bears_meterai():
    request = _proxy_of(proxy_data.FORMS[kinds.REQUEST])
    objection = _proxy_of(proxy_data.FORMS[kinds.OBJECTION])
    assert set(objection["properties"]) - set(request["properties"]) == {"bermeterai"}
    assert set(request["properties"]) <= set(objection["properties"])
    assert set(request["required"]) == {"name", "address", "tanggal_surat_kuasa"}
    assert set(objection["required"]) == {"name", "address", "tanggal_surat_kuasa", "bermeterai"}
    assert request["properties"]["tanggal_surat_kuasa"]["format"] == "date"
    for name in ("name", "address", "phone", "nomor_surat_kuasa", "tanggal_surat_kuasa"):  # the same rules
        rule = {k: v for k, v in request["properties"][name].items() if k.startswith(("min", "max", "pattern"))}
        assert rule == {
            k: v for k, v in objection["properties"][name].items() if k.startswith(("min", "max", "pattern"))
        }
