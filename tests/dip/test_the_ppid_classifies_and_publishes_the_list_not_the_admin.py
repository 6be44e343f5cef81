"""The PPID classifies information and publishes the public information list; the admin, a technical role, reads it.

Keeping the Daftar Informasi Publik, classifying information (public or exempt, after the consequence test) and
opening it are the PPID's duties (UU 14/2008 Pasal 13, PP 61/2010 Pasal 14, Perki 1/2021 Pasal 23; legal-process.md
§3.4), as is the service charter (Perki 1/2021 Pasal 47-48); a unit prepares the items it holds. A walk found the
technical administrator ("admin") creating, classifying as exempt, publishing and withdrawing items, importing a whole
list (every imported row is published with its category), recording exemption determinations and rewriting the
service pages. Each is now refused with a 403, and the pages offer none of it; the admin still reads the list, its
versions, the import template and the repeated requests (engine.access: ``DIP_KEEPERS``, ``DIP_READERS``).

SQLite alone: who may act is Python's decision over rows either database returns alike.
"""

import io

import pytest

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: permission checks, no new data
from tests.dip.conftest import item_data
from tests.dip.test_import_export import office_list, workbook
from tests.web.pages import text

API = "/api/v1"


def _item(client, login, publish=False, **overrides) -> dict:
    r = client.post(
        f"{API}/dip/items", json={"data": item_data(**overrides), "publish": publish}, headers=login("ppid")
    )
    assert r.status_code == 201, r.json
    return r.json


def _status(client, login, item_id) -> tuple[str, int]:
    item = client.get(f"{API}/dip/items/{item_id}", headers=login("admin")).json
    return item["status"], item["version"]


@pytest.mark.parametrize(
    "data",
    [item_data(), item_data(category="dikecualikan", rhythm_months=None, url=None, exemption_id=1)],
    ids=["periodic", "exempt"],
)
def test_the_admin_cannot_add_an_item_nor_classify_one_as_exempt(client, login, data):
    r = client.post(f"{API}/dip/items", json={"data": data, "publish": True}, headers=login("admin"))
    assert r.status_code == 403  # refused as who they are, before the data is read
    assert r.json["reason"] == "dip_editors_only"
    assert client.get(f"{API}/dip").json["items"] == []


def test_the_admin_cannot_change_publish_withdraw_or_give_a_file_to_an_item(client, login):
    draft, published = _item(client, login), _item(client, login, publish=True, title="Laporan Tahunan PPID")
    admin = login("admin")
    body = {"data": item_data(category="dikecualikan", rhythm_months=None, url=None), "version": draft["version"]}
    assert client.put(f"{API}/dip/items/{draft['id']}", json=body, headers=admin).status_code == 403
    assert client.post(f"{API}/dip/items/{draft['id']}/publish", headers=admin).status_code == 403
    assert client.post(f"{API}/dip/items/{published['id']}/withdraw", headers=admin).status_code == 403
    upload = {"file": (io.BytesIO(b"%PDF-1.4"), "a.pdf")}
    r = client.post(
        f"{API}/dip/items/{draft['id']}/file", data=upload, headers=admin, content_type="multipart/form-data"
    )
    assert r.status_code == 403
    assert _status(client, login, draft["id"]) == ("draft", draft["version"])  # nothing changed
    assert _status(client, login, published["id"]) == ("published", published["version"])


def test_the_admin_cannot_import_a_list_record_a_determination_or_rewrite_a_service_page(client, login):
    admin = login("admin")
    sheet = {"file": (io.BytesIO(workbook(office_list(2))), "dip.xlsx")}
    r = client.post(f"{API}/dip/import", data=sheet, headers=admin, content_type="multipart/form-data")
    assert r.status_code == 403
    assert r.json["reason"] == "dip_kept_by_ppid"
    assert "PPID" in r.json["message"]  # Bahasa Indonesia by default
    english = client.post(
        f"{API}/dip/import",
        data={"file": (io.BytesIO(workbook(office_list(2))), "dip.xlsx")},
        headers={**admin, "Accept-Language": "en"},
        content_type="multipart/form-data",
    )
    assert "the PPID keeps the public information list" in english.json["message"]
    assert client.post(f"{API}/dip/exemptions", json={"data": {}}, headers=admin).status_code == 403
    page = {"body_id": "Maklumat pelayanan yang ditulis admin"}
    assert client.put(f"{API}/service-pages/maklumat", json=page, headers=admin).status_code == 403
    assert client.get(f"{API}/dip").json["items"] == []
    assert client.get(f"{API}/service-pages/maklumat").status_code == 404


def test_the_admin_still_reads_the_list_its_versions_the_template_and_the_repeated_requests(client, login):
    draft = _item(client, login)
    admin = login("admin")
    assert client.get(f"{API}/dip/items/{draft['id']}", headers=admin).status_code == 200
    assert client.get(f"{API}/dip/items/{draft['id']}/versions", headers=admin).status_code == 200
    assert client.get(f"{API}/dip/import-template", headers=admin).status_code == 200
    assert client.get(f"{API}/dip/repeated-requests", headers=admin).status_code == 200


def test_the_pages_offer_the_admin_nothing_to_classify_or_publish(client, login, browser):
    draft = _item(client, login)
    ppid, admin = browser("ppid"), browser("admin")
    offers = ('href="/dip/baru"', 'href="/dip/impor"', 'href="/dip/pengecualian/baru"', 'href="/dip/halaman/')
    ppid_list, admin_list = ppid.get("/dip").get_data(as_text=True), admin.get("/dip").get_data(as_text=True)
    assert all(offer in ppid_list for offer in offers)
    assert not any(offer in admin_list for offer in offers)
    page = admin.get(f"/dip/{draft['id']}").get_data(as_text=True)
    assert 'name="title"' not in page  # no form
    assert f"/dip/{draft['id']}/terbitkan" not in page
    assert f"/dip/{draft['id']}/berkas" not in page
    assert f"/dip/{draft['id']}/terbitkan" in ppid.get(f"/dip/{draft['id']}").get_data(as_text=True)
    assert "Item ini dikelola oleh unitnya dan PPID" in text(admin.get(f"/dip/{draft['id']}"))
    for path in ("/dip/baru", "/dip/impor", "/dip/pengecualian/baru", "/dip/halaman/maklumat"):
        assert admin.get(path).status_code == 403, path
    admin.get(f"/dip/{draft['id']}")
    assert admin.post(f"/dip/{draft['id']}/terbitkan").status_code == 403
    assert _status(client, login, draft["id"]) == ("draft", draft["version"])
