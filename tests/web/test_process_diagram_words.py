"""The process diagram on an English page names every element in English: a walk in English read the gateways'
questions ("Lengkap?", "Ada biaya?"), the labels of their flows ("Ya", "Tidak") and Kawal's script steps in Bahasa
Indonesia beside the tasks' English names. What has no form, stage or deadline to name it is named by
``api.web.process_diagram.ENGLISH``; an Indonesian page keeps the BPMN's own words."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from api.web import process_diagram

ROOT = Path(__file__).resolve().parents[2]
MODELS = sorted((ROOT / "workflows").glob("*.bpmn"))
# What only its words can name: no form, stage or deadline of its own.
NAMED_BY_WORDS = {
    "exclusiveGateway",
    "inclusiveGateway",
    "parallelGateway",
    "eventBasedGateway",
    "sequenceFlow",
    "scriptTask",
}


def _named(model: Path) -> dict[str, tuple[str, str]]:
    """A model's named elements (but its lanes, which name roles): their tag and name, by id."""
    out = {}
    for node in ET.parse(model).getroot().iter():  # noqa: S314 - Kawal's own files
        if isinstance(node.tag, str) and node.tag.startswith(process_diagram.BPMN) and node.get("name"):
            tag = node.tag.removeprefix(process_diagram.BPMN)
            if tag not in ("lane", "textAnnotation", "message", "participant", "collaboration"):
                out[node.get("id")] = (tag, node.get("name"))
    return out


def test_every_gateway_flow_and_script_step_of_the_models_has_its_english():
    missing = {
        name
        for model in MODELS
        for tag, name in _named(model).values()
        if tag in NAMED_BY_WORDS and name not in process_diagram.ENGLISH
    }
    assert sorted(missing) == []
    assert len(process_diagram.ENGLISH) >= 100  # the four models' gateways, flows and script steps


@pytest.mark.parametrize("model", MODELS, ids=lambda p: p.stem)
def test_an_english_page_names_every_element_of_the_diagram_in_english(app, model):
    """Every named element gets an English name for an English page (what it has no other name for, by its words);
    none for an Indonesian page, which draws the file's words."""
    rt = app.extensions["kawal_runtime"]
    content = model.read_bytes()
    with app.test_request_context():
        english = process_diagram.names(rt, content, model.stem, "en", lambda deadline: deadline)
        indonesian = process_diagram.names(rt, content, model.stem, "id", lambda deadline: deadline)
    named = _named(model)
    unnamed = sorted({name for i, (tag, name) in named.items() if i not in english and tag != "dataObjectReference"})
    assert unnamed == [], unnamed
    gateways = {i: english[i] for i, (tag, _name) in named.items() if tag == "exclusiveGateway"}
    assert gateways
    assert all(name.endswith("?") or name.startswith("Outcome") for name in gateways.values())
    assert indonesian == {}


def test_a_gateway_s_question_and_its_flows_read_in_english(app):
    rt = app.extensions["kawal_runtime"]
    model = ROOT / "workflows" / "permohonan_informasi.bpmn"
    with app.test_request_context():
        english = process_diagram.names(rt, model.read_bytes(), "permohonan_informasi", "en", lambda d: d)
    named = _named(model)
    assert english["gw_lengkap"] == "Complete?"
    flows = {named[i][1]: english[i] for i in named if named[i][0] == "sequenceFlow"}
    assert flows["Ya"] == "Yes"
    assert flows["Tidak"] == "No"
