"""An incident closed without retrying, with a reason (notifications.incidents.close): the administrator who decides
not to retry (the requester's address is wrong, and the PPID phoned them instead) says why, on the page (/insiden),
in the API (POST /api/v1/incidents/<id>/close) and on the server (kawal incidents close, tests/test_cli_incidents.py).

The reason is required, at most 300 characters, and holds no one's e-mail address, mobile number or NIK: it is
refused beside its field, the incident left open. Once closed, the incident keeps who, when and why; its message
stays unsent; it is listed apart (/insiden/ditutup) with how it was closed, beside the retried and the handled ones.
A calendar year's incident closes only when the year is confirmed. The pages query on their own: both databases for
the closing kept and refused a second time and the closed list's order; the reason's checks (made before anything is
written), the calendar year's rule and the API's answers on SQLite alone.
"""

import re

from sqlalchemy import select

from api.extensions import db
from engine import clock
from engine.models import Incident, Notification
from tests.conftest import (
    db_url,  # noqa: F401 - both databases again (tests/web/conftest.py): who, when and why kept, the lists' queries
    sqlite_only,
)
from tests.web.pages import text
from tests.web.test_incidents_page import _failed_five_times, settings_overrides  # noqa: F401 - the fixture

REASON = "Alamat e-mail pemohon salah; PPID menelepon pemohon dan menyampaikan tanda terimanya."


def _incident_of(app, row_id: int) -> int:
    with app.app_context():
        found = db.session.scalar(select(Incident.id).where(Incident.subject == f"notification:{row_id}"))
        db.session.remove()
    return found


def _add(app, subject: str, message: str) -> int:
    """An incident as engine.quotas or engine.holiday_years open theirs."""
    with app.app_context():
        incident = Incident(subject=subject, message=message, attempts=1, created_at=clock.now())
        db.session.add(incident)
        db.session.commit()
        found = incident.id
        db.session.remove()
    return found


def _row(page: str, incident_id: int) -> str:
    found = re.search(rf'<tr class="incident" id="insiden-{incident_id}">(.*?)</tr>', page, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found[1])).strip() if found else ""


# A form's checks, made before anything is written.
@sqlite_only
def test_a_reason_that_is_empty_too_long_or_holds_someones_contact_is_refused_beside_its_field(
    app, client, login, browser
):
    _ticket, row_id = _failed_five_times(app, client, login)
    incident_id = _incident_of(app, row_id)
    admin = browser("admin")
    admin.get("/insiden")
    for typed, said in [
        ("   ", "Alasan wajib diisi."),
        ("x" * 301, "Paling banyak 300 karakter."),
        ("Alamat yang benar ani.wijaya@example.org, sudah ditelepon", "Memuat data pribadi (alamat e-mail)"),
        ("Sudah ditelepon di 0812-3456-7890", "Memuat data pribadi (nomor telepon)"),
    ]:
        refused = admin.post(f"/insiden/{incident_id}/tutup", {"reason": typed})
        assert refused.status_code == 422, typed
        page = text(refused)
        assert "<title>Galat:" in page
        form = page[page.index(f'id="insiden-{incident_id}"') :]
        assert '<details class="incident-close" open>' in form  # opened again beside its incident
        assert re.search(rf'<p class="field-error" id="reason-{incident_id}-error">.*{re.escape(said)}', form), typed
        assert f'id="reason-{incident_id}"' in form
        assert 'aria-invalid="true"' in form
    with app.app_context():
        incident = db.session.get(Incident, incident_id)
        assert (incident.resolved_at, incident.resolved_by, incident.close_reason) == (None, None, None)
        db.session.remove()


def test_an_incident_closed_with_a_reason_keeps_who_when_and_why_its_message_unsent_and_is_listed_apart(
    app, client, login, browser
):
    ticket, row_id = _failed_five_times(app, client, login)
    incident_id = _incident_of(app, row_id)
    admin = browser("admin")
    page = text(admin.get("/insiden"))
    assert "Tutup tanpa mengulang" in _row(page, incident_id)
    assert 'maxlength="300"' in page
    done = admin.post(f"/insiden/{incident_id}/tutup", {"reason": f"  {REASON}\n"})
    assert done.status_code == 303
    assert done.headers["Location"].endswith("/insiden")
    page = text(admin.get("/insiden"))
    assert f"Insiden {incident_id} ditutup tanpa diulang" in page
    assert _row(page, incident_id) == ""  # no longer among the open ones
    with app.app_context():
        incident = db.session.get(Incident, incident_id)
        assert incident.resolved_by == "admin"
        assert incident.resolved_at is not None
        assert incident.close_reason == REASON  # one line, trimmed
        assert db.session.get(Notification, row_id).status == "incident"  # not put back: it is never sent
        db.session.remove()

    closed = text(admin.get("/insiden/ditutup"))
    assert "<h1>Insiden</h1>" in closed
    assert re.search(r'<a href="/insiden/ditutup" aria-current="page">Ditutup</a>', closed)
    row = _row(closed, incident_id)
    assert ticket in row
    assert "Tanda terima kepada pemohon" in row
    assert "Ditutup tanpa diulang" in row
    assert REASON in row
    assert "oleh Admin" in row  # the administrator, by their name (tests/conftest.py: "Admin")
    for private in ("ani@example.org", "Ani Wijaya"):  # no personal data beyond the open list's
        assert private not in closed

    # Done is done: neither a retry nor a second closing (another tab, another administrator) changes it.
    admin.post(f"/insiden/{incident_id}/ulangi")
    assert f"insiden {incident_id} sudah diselesaikan" in text(admin.get("/insiden"))
    admin.post(f"/insiden/{incident_id}/tutup", {"reason": "lagi"})
    assert f"insiden {incident_id} sudah diselesaikan" in text(admin.get("/insiden"))
    with app.app_context():
        assert db.session.get(Incident, incident_id).close_reason == REASON
        assert db.session.get(Notification, row_id).status == "incident"
        db.session.remove()

    admin.get("/bahasa/en")
    english = _row(text(admin.get("/insiden/ditutup")), incident_id)
    assert "Closed without retrying" in english
    assert REASON in english


def test_the_closed_list_says_how_each_incident_was_closed_newest_first(app, browser):
    quota = _add(app, "quota:filing", "filing quota refused 12 times within a day")
    storage = _add(app, "storage:files", "the disk of KAWAL_FILES_DIR is nearly full (95 % used)")
    admin = browser("admin")
    admin.get("/insiden")
    assert admin.post(f"/insiden/{quota}/ulangi").status_code == 303  # marked handled
    assert admin.post(f"/insiden/{storage}/tutup", {"reason": "Berkas lama dipindahkan ke arsip"}).status_code == 303
    closed = text(admin.get("/insiden/ditutup"))
    assert "Ditandai sudah ditangani" in _row(closed, quota)
    assert "Ditutup tanpa diulang" in _row(closed, storage)
    assert "Berkas lama dipindahkan ke arsip" in _row(closed, storage)
    assert closed.index(f'id="insiden-{storage}"') < closed.index(f'id="insiden-{quota}"')  # newest closed first
    ppid = browser("ppid")
    assert "/insiden/ditutup" not in text(ppid.get("/akun"))
    assert ppid.get("/insiden/ditutup").status_code == 403
    assert ppid.post(f"/insiden/{storage}/tutup", {"reason": "x"}).status_code == 403


# A rule of Python's over the incident's subject.
@sqlite_only
def test_a_calendar_years_incident_is_not_closed_with_a_reason_it_closes_when_the_year_is_confirmed(app, browser):
    year = _add(app, "calendar:2099", "Cuti bersama 2099 belum dikonfirmasi")
    admin = browser("admin")
    page = text(admin.get("/insiden"))
    row = _row(page, year)
    assert "Konfirmasi tahunnya di kalender kerja" in row
    assert "Tutup tanpa mengulang" not in row  # no form to close it
    assert admin.post(f"/insiden/{year}/tutup", {"reason": "SKB belum terbit"}).status_code == 303
    assert "tertutup sendiri setelah tahunnya dikonfirmasi" in text(admin.get("/insiden"))
    with app.app_context():
        assert db.session.get(Incident, year).resolved_at is None
        db.session.remove()


# The same closing, refusals and closed list again, through the API: the page's tests keep them on PostgreSQL.
@sqlite_only
def test_the_api_closes_an_incident_with_a_reason_and_lists_the_closed_ones(app, client, login):
    quota = _add(app, "quota:message", "message quota refused 9 times within a day")
    admin = login("admin")
    refused = client.post(f"/api/v1/incidents/{quota}/close", json={"reason": "x"}, headers=login("ppid"))
    assert refused.status_code == 403
    missing = client.post(f"/api/v1/incidents/{quota}/close", json={}, headers=admin)
    assert missing.status_code == 422
    empty = client.post(f"/api/v1/incidents/{quota}/close", json={"reason": " "}, headers=admin)
    assert empty.status_code == 422
    assert "reason" in str(empty.json)
    contact = client.post(
        f"/api/v1/incidents/{quota}/close", json={"reason": "NIK 3171234507890001 salah"}, headers=admin
    )
    assert contact.status_code == 422
    assert "NIK" in str(contact.json)
    done = client.post(f"/api/v1/incidents/{quota}/close", json={"reason": "Pengirim massal diblokir"}, headers=admin)
    assert done.status_code == 200, done.json
    assert (done.json["resolved_by"], done.json["close_reason"]) == ("admin", "Pengirim massal diblokir")
    assert done.json["resolved_at"]
    assert client.post(f"/api/v1/incidents/{quota}/close", json={"reason": "lagi"}, headers=admin).status_code == 409
    opened = client.get("/api/v1/incidents", headers=admin).json["items"]
    assert quota not in [i["id"] for i in opened]
    closed = client.get("/api/v1/incidents", query_string={"status": "closed"}, headers=admin).json["items"]
    assert [(i["id"], i["close_reason"]) for i in closed if i["id"] == quota] == [(quota, "Pengirim massal diblokir")]
    assert client.get("/api/v1/incidents", query_string={"status": "semua"}, headers=admin).status_code == 422
