"""The proxy's correction form is the ``kuasa`` of the form the case was filed with: an objection filed without a
request on record (``keberatan_tanpa_permohonan.json``) asks for the same proxy as the objection form, so one
correction form serves both; a request's proxy is asked for the same person, with the power of attorney's date (a
private one has no number) and without meterai (legal-process.md §3.2: only an objection's power of attorney must
bear it, Perki 1/2021 Pasal 39(4))."""

import json

from engine import kinds, proxy_data
from engine.config import ROOT


def _proxy_of(form: str) -> dict:
    return json.loads((ROOT / "forms" / form).read_text())["properties"]["kuasa"]


def test_both_objection_forms_ask_for_the_same_proxy_as_the_correction_checks():
    assert _proxy_of("keberatan_tanpa_permohonan.json") == _proxy_of(proxy_data.FORMS[kinds.OBJECTION])


def test_a_request_proxy_gives_the_power_s_date_its_number_if_any_and_no_meterai():
    request = _proxy_of(proxy_data.FORMS[kinds.REQUEST])
    objection = _proxy_of(proxy_data.FORMS[kinds.OBJECTION])
    assert set(objection["properties"]) - set(request["properties"]) == {"bermeterai"}
    assert set(request["properties"]) - set(objection["properties"]) == {"tanggal_surat_kuasa"}
    assert set(request["required"]) == {"name", "address", "tanggal_surat_kuasa"}
    assert request["properties"]["tanggal_surat_kuasa"]["format"] == "date"
    for name in ("name", "address", "phone", "nomor_surat_kuasa"):  # the same rules where both ask
        rule = {k: v for k, v in request["properties"][name].items() if k.startswith(("min", "max", "pattern"))}
        assert rule == {
            k: v for k, v in objection["properties"][name].items() if k.startswith(("min", "max", "pattern"))
        }
