"""The proxy acting on a case corrects their own contacts on the portal (engine.proxy_corrections), as the requester
corrects theirs: a blank field keeps what is on file, a removal needs its tick, the desk sets what is on file beside
what was asked and answers within 3 x 24 hours (UU 27/2022). Each page says whose data it corrects; the proxy's name
and the power of attorney stay the desk's to correct. And an objection that names no proxy of its own is not the
request's proxy's (Perki 1/2021 Pasal 39(4): an objection by proxy needs a power of attorney bearing meterai): the
desk's case page says why its letters do not copy them, and the objection form says so to who files it."""

import html
import re
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import correction_requests, proxy_data
from engine.models import Case, CaseEvent, Notification
from notifications.rendering import render
from tests.api.test_chain_api import OBJECTION
from tests.api.test_request_proxy import PROXY
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: pages, wording and permissions
from tests.helpers import decision
from tests.web.pages import text

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)  # Thu 3 Dec 2026, 10:00 WIB
PAGE = "/publik/status/perbaikan-data"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


def _open(browser, receipt):
    visitor = browser()
    visitor.get("/publik/status")
    visitor.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    return visitor


def _ask(browser, receipt, form: dict):
    visitor = _open(browser, receipt)
    visitor.get(f"{PAGE}?kasus={receipt['ticket']}&data=kuasa")
    response = visitor.post(PAGE, {**form, "kasus": receipt["ticket"], "data": "kuasa"})
    assert response.status_code == 303, text(response)
    return visitor


def _answer_page(browser, receipt):
    officer = browser("petugas")
    link = re.search(
        rf'href="(/kasus/{receipt["ticket"]}/data-kuasa\?permintaan=(\d+))"', text(officer.get("/kotak-masuk"))
    )
    assert link, "the inbox lists the proxy's request, linked to the proxy's correction page"
    return officer, html.unescape(text(officer.get(link[1]))), link[2]


def test_each_correction_page_says_whose_data_it_corrects(browser, desk):
    receipt = desk.submit(kuasa={**PROXY, "email": "rahmat@kantorhukum.example"})
    visitor = _open(browser, receipt)
    status = html.unescape(text(visitor.get(f"/publik/status?kasus={receipt['ticket']}")))
    assert 'id="proxy-data-link"' in status
    own = html.unescape(text(visitor.get(f"{PAGE}?kasus={receipt['ticket']}")))
    assert "Halaman ini memperbaiki data pemohon." in own
    assert "data=kuasa" in own
    page = html.unescape(text(visitor.get(f"{PAGE}?kasus={receipt['ticket']}&data=kuasa")))
    assert "<h1>Perbaiki data kontak kuasa</h1>" in page
    assert "Halaman ini memperbaiki data kontak kuasa pemohon" in page
    form = page.split("<form", 1)[1]
    for field in ("kuasa.address", "kuasa.email", "kuasa.phone"):
        assert f'name="{field}"' in form
    for field in ("kuasa.name", "kuasa.nomor_surat_kuasa", "kuasa.tanggal_surat_kuasa", "requester.nik"):
        assert f'name="{field}"' not in form  # the desk corrects these against the document
    assert 'name="cleared" value="email"' in form
    assert 'name="cleared" value="address"' not in form  # the form requires the proxy's address
    assert "Cikini" not in page  # the portal never shows the data on file


def test_a_case_without_a_proxy_has_no_proxy_page(browser, desk):
    receipt = desk.submit()
    visitor = _open(browser, receipt)
    assert 'id="proxy-data-link"' not in text(visitor.get(f"/publik/status?kasus={receipt['ticket']}"))
    response = visitor.get(f"{PAGE}?kasus={receipt['ticket']}&data=kuasa")
    assert response.status_code == 303
    assert "data=kuasa" not in response.headers["Location"]


def test_the_proxy_s_blank_fields_keep_their_data_and_their_name_and_power_of_attorney_stay(browser, desk, app):
    receipt = desk.submit(kuasa={**PROXY, "email": "rahmat@kantorhukum.example"})
    _ask(
        browser,
        receipt,
        {"kuasa.address": "Jl. Salemba 9, Jakarta", "kuasa.name": "Orang Lain", "kuasa.nomor_surat_kuasa": "X-1"},
    )
    with app.app_context():
        (event,) = db.session.scalars(select(CaseEvent).where(CaseEvent.type == correction_requests.PROXY_ASKED))
        assert event.actor == "kuasa"
        assert event.data["fields"] == ["address"]  # the names, never the values
        assert "Salemba" not in str(event.data)
    officer, page, request_id = _answer_page(browser, receipt)
    assert 'value="Rahmat Hidayat, S.H." id="f-kuasa-name"' in page  # the name as on file, not what was sent
    assert 'value="SKK-19/XII/2026" id="f-kuasa-nomor_surat_kuasa"' in page
    assert 'value="rahmat@kantorhukum.example" id="f-kuasa-email"' in page  # left blank: kept
    table = page.split('id="asked-compared"', 1)[1].split("</table>", 1)[0]
    assert re.search(r"<td>Jl. Cikini Raya 5, Jakarta Pusat</td>\s*<td><strong>Jl. Salemba 9, Jakarta", table), table
    assert re.search(r"<td>0813 2222 3333</td>\s*<td>0813 2222 3333</td>", table), table


def test_the_desk_applies_the_proxy_s_request_and_the_requester_is_told(browser, desk, app):
    receipt = desk.submit(kuasa={**PROXY, "email": "rahmat@kantorhukum.example"})
    _ask(browser, receipt, {"kuasa.email": "rahmat@baru.example", "cleared": "phone"})
    officer, page, request_id = _answer_page(browser, receipt)
    form = {f"kuasa.{k}": v for k, v in PROXY.items() if k != "phone"}
    form.update({"kuasa.email": "rahmat@baru.example", "reason": "permintaan_kuasa", "permintaan": request_id})
    response = officer.post(f"/kasus/{receipt['ticket']}/data-kuasa", form)
    assert response.status_code == 303, text(response)
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == receipt["ticket"]))
        events = [e.type for e in db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id))]
        assert correction_requests.PROXY_ASKED in events
        assert proxy_data.EVENT in events
        told = db.session.scalars(select(Notification).where(Notification.event == proxy_data.EVENT)).all()
        assert told  # the requester is told which of their proxy's fields changed
    case_page = html.unescape(text(officer.get(f"/kasus/{receipt['ticket']}")))
    assert "correction-waiting" not in case_page  # answered


def test_a_refusal_goes_to_the_proxy_addressed_as_the_proxy(browser, desk, app):
    receipt = desk.submit(kuasa={**PROXY, "email": "rahmat@kantorhukum.example"})
    _ask(browser, receipt, {"kuasa.phone": "0812 1111 2222"})
    officer, page, request_id = _answer_page(browser, receipt)
    assert "Tolak permintaan" in page
    url = f"/kasus/{receipt['ticket']}/data-kuasa/permintaan/{request_id}/tolak"
    assert officer.post(url, {"refusal": ""}).status_code == 422
    response = officer.post(url, {"refusal": "Nomor telepon itu milik kantor lain."})
    assert response.status_code == 303, text(response)
    with app.app_context():
        (row,) = db.session.scalars(
            select(Notification).where(Notification.event == correction_requests.REFUSED)
        ).all()  # one channel in the test settings: the proxy's e-mail, never the requester's
        assert row.context.get("proxy_party_id")
        subject, body = render(row.event, "id", row.context)
        assert "Yth. Kuasa Pemohon" in body
        assert "data kontak Anda sebagai kuasa pemohon" in body
        assert "Nomor telepon itu milik kantor lain." in body
        types = db.session.scalars(select(CaseEvent.type)).all()
        assert correction_requests.PROXY_REFUSED in types
        assert correction_requests.REFUSED not in types  # the history says whose request it was


def test_a_wrong_e_mail_is_refused_beside_its_field(browser, desk, unchanged):
    receipt = desk.submit(kuasa=PROXY)
    visitor = _open(browser, receipt)
    visitor.get(f"{PAGE}?kasus={receipt['ticket']}&data=kuasa")
    with unchanged():
        response = visitor.post(PAGE, {"kuasa.email": "bukan-email", "kasus": receipt["ticket"], "data": "kuasa"})
    assert response.status_code == 422
    assert "error-summary" in text(response)


def test_only_the_desk_answers_a_proxy_s_request(browser, desk):
    receipt = desk.submit(kuasa=PROXY)
    _ask(browser, receipt, {"kuasa.phone": "0812 1111 2222"})
    _officer, _page, request_id = _answer_page(browser, receipt)
    other = browser("kepala")  # reads PPID cases, is not the desk
    assert other.get(f"/kasus/{receipt['ticket']}/data-kuasa?permintaan={request_id}").status_code == 403


def _objection_to_a_request_by_proxy(desk, client, **objection):
    receipt = desk.submit(kuasa=PROXY)
    ticket = receipt["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    desk.complete(ticket, "uji_konsekuensi")
    desk.complete(ticket, "tetapkan_pengecualian")
    desk.complete(ticket, "pemberitahuan_tertulis")
    body = {"ticket": ticket, "access_code": receipt["access_code"], **OBJECTION, **objection}
    r = client.post("/api/v1/objections", json=body)
    assert r.status_code == 201, r.json
    return r.json["ticket"]


def test_the_request_s_proxy_is_not_the_objection_s_without_a_power_of_attorney_for_it(browser, desk, client, app):
    objection = _objection_to_a_request_by_proxy(desk, client)
    with app.app_context():
        rows = db.session.scalars(select(Notification).join(Case).where(Case.ticket == objection)).all()
        assert rows
        assert not [r for r in rows if r.context.get("proxy_party_id")]  # no copy to the request's proxy
    officer = browser("petugas")
    page = html.unescape(text(officer.get(f"/kasus/{objection}")))
    assert 'id="request-proxy-not-named"' in page
    assert "Perki 1/2021 Pasal 39 ayat (4)" in page
    form = html.unescape(text(officer.get(f"/kasus/{objection}/data-kuasa/baru")))
    assert 'value="Rahmat Hidayat, S.H."' in form  # the record starts from the request's proxy
    assert "SKK-19/XII/2026" not in form  # the objection's power of attorney is typed from its own document


def test_an_objection_naming_its_proxy_has_no_such_note(browser, desk, client):
    kuasa = {**PROXY, "bermeterai": True}
    objection = _objection_to_a_request_by_proxy(desk, client, kuasa=kuasa)
    page = html.unescape(text(browser("petugas").get(f"/kasus/{objection}")))
    assert 'id="request-proxy-not-named"' not in page


def test_the_objection_form_says_a_request_s_proxy_needs_a_power_of_attorney_for_it(browser):
    page = html.unescape(text(browser().get("/publik/keberatan")))
    assert "Kuasa yang ditunjuk untuk permohonan Anda bertindak untuk keberatan hanya dengan surat kuasa itu" in page
