"""A request sent by WhatsApp or social media (legal-process.md §3.1: record it, and ask the requester to confirm it
through a formal channel): the desk records it under its own channel, the case page asks for the confirmation, the
requester confirms on the portal with the code, or the desk records a confirmation that came by e-mail, letter or in
person; the deadline runs from the receipt either way, and the yearly report counts the channel."""

from tests.conftest import request_payload
from tests.web.pages import text

CONFIRM_SECTION = "Konfirmasi permohonan Anda"


def _recorded_from_whatsapp(desk, login):
    return desk.submit(headers=login("petugas"), channel="medsos")


def _open_on_portal(browser, receipt):
    requester = browser()
    page = text(requester.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]}))
    return requester, page


def test_a_request_from_whatsapp_is_confirmed_by_its_requester_on_the_portal_and_its_deadline_stays(
    desk, login, browser
):
    receipt = _recorded_from_whatsapp(desk, login)
    ticket = receipt["ticket"]
    due = desk.case(ticket)["due_at"]
    officer = browser("petugas")
    page = text(officer.get(f"/kasus/{ticket}"))
    assert "<dd>WhatsApp atau media sosial</dd>" in page
    assert "Mintalah pemohon mengonfirmasinya melalui saluran resmi" in page
    assert 'action="/kasus/' + ticket + '/konfirmasi-pemohon"' in page

    requester, page = _open_on_portal(browser, receipt)
    assert CONFIRM_SECTION in page
    confirmed = requester.post("/publik/status/konfirmasi", {"kasus": ticket})
    assert confirmed.status_code == 303
    page = text(requester.get(confirmed.location))
    assert "Terima kasih: permohonan Anda telah dikonfirmasi." in page
    assert CONFIRM_SECTION not in page

    page = text(officer.get(f"/kasus/{ticket}"))
    assert "Pemohon mengonfirmasi permohonan pada " in page
    assert ", melalui Portal web." in page
    assert "Permohonan dikonfirmasi pemohon" in page  # in the history, by the requester
    assert "konfirmasi-pemohon" not in page
    assert desk.case(ticket)["due_at"] == due  # counted from the receipt before and after
    again = requester.post("/publik/status/konfirmasi", {"kasus": ticket})
    assert "pemohon sudah mengonfirmasi permohonan ini" in text(requester.get(again.location))


def test_the_desk_records_a_confirmation_that_came_by_e_mail_once_and_refuses_what_is_not_one(desk, login, browser):
    receipt = _recorded_from_whatsapp(desk, login)
    ticket = receipt["ticket"]
    officer = browser("petugas")
    officer.get(f"/kasus/{ticket}")
    for via, said in (
        ("web", "Pemohon mengonfirmasi melalui: salah satu dari email, pos, langsung"),
        ("sms", "Pemohon mengonfirmasi melalui: salah satu dari email, pos, langsung"),
    ):
        refused = officer.post(f"/kasus/{ticket}/konfirmasi-pemohon", {"via": via})
        assert refused.status_code == 303
        assert said in text(officer.get(f"/kasus/{ticket}")), via
    unit = browser("unit")  # may read the case (none of its tasks), is not the PPID desk
    unit.get("/kotak-masuk")
    unit.post(f"/kasus/{ticket}/konfirmasi-pemohon", {"via": "email"})
    page = text(officer.get(f"/kasus/{ticket}"))
    assert "Pemohon mengonfirmasi permohonan pada" not in page

    done = officer.post(f"/kasus/{ticket}/konfirmasi-pemohon", {"via": "email"})
    page = text(officer.get(done.location.split("#")[0]))
    assert "Dicatat: pemohon mengonfirmasi permohonan melalui E-mail." in page
    assert ", melalui E-mail." in page
    officer.post(f"/kasus/{ticket}/konfirmasi-pemohon", {"via": "pos"})
    assert "pemohon sudah mengonfirmasi permohonan ini" in text(officer.get(f"/kasus/{ticket}"))
    requester, page = _open_on_portal(browser, receipt)
    assert CONFIRM_SECTION not in page


def test_a_request_from_the_portal_asks_no_confirmation(desk, browser):
    receipt = desk.submit()  # filed on the portal itself: a formal channel
    requester, page = _open_on_portal(browser, receipt)
    assert CONFIRM_SECTION not in page
    refused = requester.post("/publik/status/konfirmasi", {"kasus": receipt["ticket"]})
    page = text(requester.get(refused.location))
    assert "hanya permohonan yang dicatat dari WhatsApp atau media sosial yang dikonfirmasi oleh pemohonnya" in page
    assert "Konfirmasi pemohon" not in text(browser("petugas").get(f"/kasus/{receipt['ticket']}"))


def test_the_yearly_report_counts_requests_from_whatsapp_or_social_media(desk, login, client, browser):
    _recorded_from_whatsapp(desk, login)
    desk.submit()
    year = desk.case(desk.submit()["ticket"])["received_at"][:4]
    r = client.get(f"/api/v1/reports/annual?period={year}&format=json", headers=login("ppid"))
    assert r.status_code == 200, r.json
    figures = r.json["figures"]
    counted = (figures["requests.received"], figures["requests.channel_medsos"], figures["requests.channel_web"])
    assert counted == (3, 1, 2)
    assert "WhatsApp atau media sosial" in text(browser("ppid").get(f"/laporan/tahunan?periode={year}"))


def test_the_api_asks_and_takes_the_confirmation_from_the_requester_or_the_desk(desk, login, client):
    first, second = _recorded_from_whatsapp(desk, login), _recorded_from_whatsapp(desk, login)
    access = {"ticket": first["ticket"], "access_code": first["access_code"]}
    status = client.post("/api/v1/status", json=access)
    assert status.status_code == 200, status.json
    assert status.json["confirmation_asked"] is True
    wrong = client.post("/api/v1/requests/confirm", json={**access, "access_code": second["access_code"]})
    assert wrong.status_code == 404
    done = client.post("/api/v1/requests/confirm", json=access)
    assert done.status_code == 200, done.json
    assert done.json["confirmation_asked"] is False
    assert client.post("/api/v1/requests/confirm", json=access).status_code == 409

    path = f"/api/v1/cases/{second['ticket']}/confirmation"
    assert client.post(path, json={"via": "web"}, headers=login("petugas")).status_code == 422
    assert client.post(path, json={"via": "email"}, headers=login("unit")).status_code in (403, 404)
    recorded = client.post(path, json={"via": "pos"}, headers=login("petugas"))
    assert recorded.status_code == 201, recorded.json
    assert (recorded.json["ticket"], recorded.json["via"]) == (second["ticket"], "pos")
    assert client.post(path, json={"via": "pos"}, headers=login("petugas")).status_code == 409
    web = desk.submit()
    assert (
        client.post(
            f"/api/v1/cases/{web['ticket']}/confirmation", json={"via": "pos"}, headers=login("petugas")
        ).status_code
        == 409
    )


def test_the_desk_form_records_a_request_from_whatsapp_under_its_own_channel(browser, client, login):
    officer = browser("petugas")
    page = text(officer.get("/loket/permohonan"))
    assert "WhatsApp atau media sosial (dicatat petugas; pemohon diminta mengonfirmasi)" in page
    payload = request_payload()
    form = {f"requester.{k}": v for k, v in payload.pop("requester").items()} | payload | {"channel": "medsos"}
    response = officer.client.post("/loket/permohonan", data={**form, "csrf_token": officer.token})
    assert response.status_code == 303, text(response)
    ticket = response.headers["Location"].rsplit("/", 1)[-1]
    assert client.get(f"/api/v1/cases/{ticket}", headers=login("ppid")).json["channel"] == "medsos"
    assert "Mintalah pemohon mengonfirmasinya melalui saluran resmi" in text(officer.get(f"/kasus/{ticket}"))


def test_the_inbox_marks_a_request_from_whatsapp_until_its_requester_confirms_it(desk, login, browser):
    receipt = _recorded_from_whatsapp(desk, login)
    desk.submit()  # from the portal: never marked
    officer = browser("petugas")
    page = text(officer.get("/kotak-masuk"))
    assert page.count('<small class="to-confirm">menunggu konfirmasi pemohon</small>') == 1
    requester, _page = _open_on_portal(browser, receipt)
    requester.post("/publik/status/konfirmasi", {"kasus": receipt["ticket"]})
    assert "to-confirm" not in text(officer.get("/kotak-masuk"))
