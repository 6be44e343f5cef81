"""Over HTTP with kept instances on (engine.instances; production's default): a case walks as it always did."""

import pytest

from api.extensions import db
from engine.audit import verify_all
from tests.helpers import decision


@pytest.fixture
def settings_overrides():
    return {"KAWAL_WORKFLOW_CACHE": "16"}


def test_each_completion_of_a_walked_case_runs_on_the_instance_its_last_run_kept(app, desk):
    instances = app.extensions["kawal_runtime"].instances
    receipt = desk.submit()
    ticket = receipt["ticket"]
    hits = instances.hits  # the app is kept across tests: count from here
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    result = desk.complete(ticket, "pemberitahuan_tertulis")
    assert [t["name"] for t in result["next_tasks"]] == ["penyerahan_informasi"]
    desk.complete(ticket, "penyerahan_informasi")
    assert instances.hits - hits == 7
    assert desk.status(receipt)["status"] == "selesai"
    assert desk.open_tasks(ticket) == {}
    with app.app_context():
        assert verify_all(db.session) == []
