"""Over the REST API: a unit's change to its published item is a revision the PPID publishes; the PPID records an
exemption determination without a request, cited then by an exempt item; a unit cannot record one."""

from tests.dip.conftest import item_data
from tests.dip.test_direct_determination import determination


def test_a_units_put_on_its_published_item_is_held_until_the_ppid_publishes_the_revision(client, login):
    item = client.post(
        "/api/v1/dip/items", json={"data": item_data(unit="PENDMAD"), "publish": True}, headers=login("ppid")
    ).json
    changed = item_data(unit="PENDMAD", responsible="Kepala Bidang", made_in="Jakarta")
    held = client.put(f"/api/v1/dip/items/{item['id']}", json={"data": changed}, headers=login("unitmad"))
    assert held.status_code == 200, held.json
    assert held.json["responsible"] == "Kepala Bagian Umum"  # the item as published
    assert held.json["pending_revision"]["data"]["responsible"] == "Kepala Bidang"
    assert client.get(f"/api/v1/dip/{item['id']}").json["pending_revision"] is None  # not shown to the public
    path = f"/api/v1/dip/items/{item['id']}/revision/publish"
    assert client.post(path, headers=login("unitmad")).status_code == 403
    done = client.post(path, headers=login("ppid"))
    assert done.status_code == 200
    assert (done.json["responsible"], done.json["made_in"], done.json["pending_revision"]) == (
        "Kepala Bidang",
        "Jakarta",
        None,
    )
    assert client.post(path, headers=login("ppid")).status_code == 409


def test_the_ppid_records_a_determination_and_an_exempt_item_cites_it(client, login, keeper):
    data = determination(keeper)
    assert client.post("/api/v1/dip/exemptions", json={"data": data}, headers=login("unitmad")).status_code == 403
    refused = client.post("/api/v1/dip/exemptions", json={"data": {**data, "konsekuensi": ""}}, headers=login("ppid"))
    assert refused.status_code == 422
    assert list(refused.json["errors"]) == ["konsekuensi"]
    recorded = client.post("/api/v1/dip/exemptions", json={"data": data}, headers=login("ppid"))
    assert recorded.status_code == 201, recorded.json
    assert (recorded.json["decree_number"], recorded.json["in_force"]) == ("KW.09/PPID/12/2019", True)
    exempt = item_data(category="dikecualikan", rhythm_months=None, url=None, exemption_id=recorded.json["id"])
    item = client.post("/api/v1/dip/items", json={"data": exempt, "publish": True}, headers=login("ppid"))
    assert item.status_code == 201, item.json
    assert item.json["exemption_id"] == recorded.json["id"]
