"""A complaint form's unit fields (``"x-references": "unit"``: the reported person's unit at the recording, the unit
a complaint is referred to) name one of the office's active units; the API checks it as the pages' lists offer it."""

from sqlalchemy import select

from api.extensions import db
from engine.models import CaseEvent, Unit
from tests.browser.journeys import ComplaintDesk
from tests.workflows.test_pengaduan_paths import CATAT


def _complete(client, login, task_id, data):
    return client.post(f"/api/v1/tasks/{task_id}/complete", json={"data": data}, headers=login("tim"))


def _recorded(app, name: str) -> dict:
    with app.app_context():
        events = db.session.scalars(select(CaseEvent).where(CaseEvent.type == "task_completed")).all()
        (data,) = [e.data["data"] for e in events if e.data["task"] == name]
        return data


def test_the_recording_s_reported_unit_is_one_of_the_office_s_units(app, client, login, unchanged):
    complaint = ComplaintDesk(client, login)
    task_id = complaint.task("catat_pengaduan")["id"]
    task = client.get(f"/api/v1/tasks/{task_id}", headers=login("tim")).json
    field = task["form_schema"]["properties"]["unit_terlapor"]
    assert field["x-references"] == "unit"  # a client builds its list from GET /api/v1/units
    with unchanged():
        refused = _complete(client, login, task_id, {**CATAT, "unit_terlapor": "BENDAHARA"})
    assert refused.status_code == 422, refused.json
    assert "BENDAHARA" in refused.json["errors"]["unit_terlapor"][0]
    assert _complete(client, login, task_id, {**CATAT, "unit_terlapor": "pendmad"}).status_code == 200
    assert _recorded(app, "catat_pengaduan")["unit_terlapor"] == "PENDMAD"  # the unit's own code, as counted


def test_a_deactivated_unit_is_refused_as_the_reported_unit(app, client, login):
    with app.app_context():
        db.session.add(Unit(code="BIDLAMA", name="Bidang yang dilebur", active=False))
        db.session.commit()
    complaint = ComplaintDesk(client, login)
    refused = _complete(client, login, complaint.task("catat_pengaduan")["id"], {**CATAT, "unit_terlapor": "BIDLAMA"})
    assert refused.status_code == 422, refused.json
    assert list(refused.json["errors"]) == ["unit_terlapor"]
