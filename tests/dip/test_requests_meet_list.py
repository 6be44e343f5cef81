"""Requests meet the list: the officer is shown items that may answer a request, a decision cites one and its
notice carries the link, and requests asking again for what nobody published are counted."""

from datetime import timedelta

from sqlalchemy import select

from api.extensions import db
from engine import clock
from engine.models import Notification
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.dip.conftest import exemption_row, item_data
from tests.helpers import decision

RECIPIENTS = "Daftar Penerima Beasiswa Madrasah Berprestasi 2026"


def publish(client, login, **overrides) -> dict:
    data = item_data(**{"category": "setiap_saat", "rhythm_months": None, **overrides})
    r = client.post("/api/v1/dip/items", json={"data": data, "publish": True}, headers=login("ppid"))
    assert r.status_code == 201, r.json
    return r.json


def to_decision(desk, ticket):
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)


def test_the_officer_processing_a_request_is_shown_the_items_that_may_answer_it(client, login, desk):
    item = publish(client, login, title=RECIPIENTS, unit="KANWIL")
    publish(client, login, title="Rencana umum pengadaan barang", unit="KANWIL")
    receipt = desk.submit()  # "Daftar penerima beasiswa tahun 2026 beserta kriteria seleksinya"
    for step in ("periksa_kelengkapan", "registrasi"):
        desk.complete(receipt["ticket"], step)
    task = desk.task(receipt["ticket"], "proses_permohonan")
    r = client.get(f"/api/v1/tasks/{task['id']}", headers=login("ppid"))
    assert r.status_code == 200
    assert [s["id"] for s in r.json["dip_suggestions"]] == [item["id"]]
    assert r.json["dip_suggestions"][0]["portal_url"] == f"/publik/informasi/{item['id']}"


def test_an_officer_answers_a_request_by_citing_an_item_and_the_notice_carries_its_link(app, client, login, desk):
    item = publish(client, login, title=RECIPIENTS)
    receipt = desk.submit()
    to_decision(desk, receipt["ticket"])
    desk.complete(receipt["ticket"], "putuskan", decision("dikabulkan_seluruhnya", dip_item=item["id"]))
    desk.complete(receipt["ticket"], "pemberitahuan_tertulis")
    with app.app_context():
        notice = db.session.scalar(select(Notification).where(Notification.event == "decision_notice"))
        assert notice.context["dip_link"] == f"/publik/informasi/{item['id']}"
        assert notice.context["dip_title"] == RECIPIENTS
        from notifications.rendering import render

        _subject, body = render("decision_notice", "id", notice.context)
        assert f"sudah diumumkan dalam Daftar Informasi Publik kami: {RECIPIENTS} (/publik/informasi/" in body


def test_a_decision_cannot_cite_a_missing_draft_or_exempt_item(client, login, desk, session_factory_):
    draft = client.post(
        "/api/v1/dip/items",
        json={"data": item_data(title="Draf", category="setiap_saat", rhythm_months=None)},
        headers=login("ppid"),
    ).json
    with session_factory_.begin() as s:  # an exempt item cites the determination in the register
        entry = exemption_row(clock.now().date() + timedelta(days=365))
        s.add(entry)
        s.flush()
        entry_id = entry.id
    exempt = publish(
        client, login, title="Berkas pemeriksaan", category="dikecualikan", url=None, exemption_id=entry_id
    )
    receipt = desk.submit()
    to_decision(desk, receipt["ticket"])
    for cited in (999, draft["id"], exempt["id"]):
        refused = desk.complete(
            receipt["ticket"], "putuskan", decision("dikabulkan_seluruhnya", dip_item=cited), expect=422
        )
        assert "dip_item" in refused["errors"]
    desk.complete(receipt["ticket"], "putuskan", decision("dikabulkan_seluruhnya"))  # citing is optional


def test_repeated_requests_that_no_item_answers_are_counted_for_the_ppid(client, login, desk):
    for n in range(3):
        desk.submit(
            nik=f"317123450789000{n + 1}", information=f"Mohon salinan laporan keuangan masjid raya tahun {2024 + n}"
        )
    desk.submit(nik="3171234507890009", information="Jadwal pelatihan penyuluh agama")
    for n in range(2):
        desk.submit(nik=f"317123450789001{n}", information="Daftar penerima beasiswa madrasah berprestasi")
    publish(client, login, title=RECIPIENTS)  # the list answers those two already
    r = client.get("/api/v1/dip/repeated-requests", headers=login("ppid"))
    assert r.status_code == 200, r.json
    assert [(g["count"], g["example"]) for g in r.json] == [
        (3, "Mohon salinan laporan keuangan masjid raya tahun 2024")
    ]
    assert len(r.json[0]["tickets"]) == 3
    assert client.get("/api/v1/dip/repeated-requests", headers=login("unitmad")).status_code == 403


SCHOLARS = "Daftar nama penerima beasiswa dan NIK-nya"
MOSQUE = "Mohon salinan laporan keuangan masjid raya"


def refuse_as_exempt(desk, ticket):
    """The PPID refuses the request as exempt (Pasal 17 huruf h), after the consequence test and the determination."""
    to_decision(desk, ticket)
    desk.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    for step in ("uji_konsekuensi", "tetapkan_pengecualian", "pemberitahuan_tertulis"):
        desk.complete(ticket, step)


def test_a_subject_refused_as_exempt_is_never_suggested_for_publication_but_listed_as_refused(
    app, client, login, browser, desk
):
    """UU 14/2008 Pasal 17: exempt information is not published. Three requests for the scholarship recipients and
    their NIK, one refused as exempt: not a suggestion to publish (the API, /dip, the dashboard), but on /dip under
    its own heading with the refused ticket, for the PPID to classify; asked twice, the mosque's accounts still are
    a suggestion. Once the refusal's register entry ends (Pasal 20), the subject may be suggested again."""
    tickets = [desk.submit(nik=f"317123450789002{n}", information=SCHOLARS)["ticket"] for n in range(3)]
    refuse_as_exempt(desk, tickets[0])
    for n in range(2):
        desk.submit(nik=f"317123450789003{n}", information=MOSQUE)

    suggested = client.get("/api/v1/dip/repeated-requests", headers=login("ppid")).json
    assert [(g["example"], g["refused_exempt"]) for g in suggested] == [(MOSQUE, [])]
    listed = client.get("/api/v1/dip/repeated-requests?include_refused=true", headers=login("ppid")).json
    assert [(g["example"], g["count"], g["refused_exempt"]) for g in listed] == [
        (SCHOLARS, 3, [tickets[0]]),
        (MOSQUE, 2, []),
    ]

    page = browser("ppid").get("/dip").get_data(as_text=True)
    suggestions, refused = page.split("Ditolak karena dikecualikan: tidak untuk diumumkan")
    suggestions = suggestions.split("Diminta berulang kali, belum ada di daftar")[1]
    assert MOSQUE in suggestions
    assert SCHOLARS not in suggestions
    assert f"“{SCHOLARS}”; ditolak karena dikecualikan: {tickets[0]}" in refused
    dashboard = browser("ppid").get("/dasbor").get_data(as_text=True)
    assert MOSQUE in dashboard
    assert SCHOLARS not in dashboard

    from api.extensions import db
    from engine.models import Case, Exemption

    with app.app_context():  # an objection against the refusal granted in full: its entry ended
        refusal = db.session.scalar(select(Case.id).where(Case.ticket == tickets[0]))
        (entry,) = db.session.scalars(select(Exemption).where(Exemption.case_id == refusal))
        entry.ended_on = entry.decree_date
        db.session.commit()
    again = client.get("/api/v1/dip/repeated-requests", headers=login("ppid")).json
    assert [(g["example"], g["refused_exempt"]) for g in again] == [(SCHOLARS, []), (MOSQUE, [])]
