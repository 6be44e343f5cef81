"""The portal's status page lists the information handed over; the requester downloads it there."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import time_machine

from tests.delivery.conftest import handover, multipart, pdf, walk_to_delivery
from tests.web.pages import text

LETTER = pdf("DAFTAR PENERIMA BEASISWA 2026", "Halaman 2")


def _delivered(client, login, desk):
    receipt = walk_to_delivery(desk)
    task = desk.task(receipt["ticket"], "penyerahan_informasi")
    r = client.post(
        f"/api/v1/tasks/{task['id']}/complete-with-files",
        data=multipart(handover(desk, receipt["ticket"]), berkas_informasi=[("daftar.pdf", LETTER)]),
        content_type="multipart/form-data",
        headers=login("petugas"),
    )
    assert r.status_code == 200, r.json
    return receipt


def test_the_requester_downloads_the_information_from_the_status_page(app, browser, client, login, desk):
    receipt = _delivered(client, login, desk)
    b = browser()
    page = b.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    page = b.get(page.headers["Location"]) if page.status_code in (302, 303) else page
    shown = text(page)
    assert "Informasi yang diserahkan kepada Anda" in shown
    link = re.search(r'href="(/publik/permohonan/berkas/\d+\?kasus=[^"]+)"', page.get_data(as_text=True))
    assert link, shown
    got = b.client.get(link[1].replace("&amp;", "&"))  # a file: not a page to read a token from
    assert got.status_code == 200
    assert got.data == LETTER
    assert got.headers["Content-Disposition"] == 'attachment; filename="daftar.pdf"'
    events = client.get(f"/api/v1/cases/{receipt['ticket']}/events", headers=login("ppid")).json["items"]
    assert [e["actor"] for e in events if e["type"] == "information_downloaded"] == ["pemohon"]

    # Past its date the page says so and offers no link; the old link is refused, nothing recorded.
    with time_machine.travel(datetime.now(UTC) + timedelta(days=31), tick=True):
        b = browser()  # a month later: a new visit
        b.get("/publik/status")
        again = b.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
        again = b.get(again.headers["Location"]) if again.status_code in (302, 303) else again
        assert "tidak tersedia lagi sejak" in text(again)
        assert "/publik/permohonan/berkas/" not in again.get_data(as_text=True)
        refused = b.client.get(link[1].replace("&amp;", "&"))
        assert refused.status_code == 303
    from api.extensions import db
    from engine.models import CaseEvent

    with app.app_context():
        assert db.session.query(CaseEvent).filter_by(type="information_downloaded").count() == 1


def test_without_the_code_no_file_is_given(browser, client, login, desk):
    receipt = _delivered(client, login, desk)
    (shown,) = desk.status(receipt)["files"]
    r = browser().get(f"/publik/permohonan/berkas/{shown['id']}?kasus={receipt['ticket']}")
    assert r.status_code == 303
    assert r.headers["Location"].endswith("/publik/status")


def test_the_case_page_lists_the_files_and_an_officer_downloads_one(browser, client, login, desk):
    receipt = _delivered(client, login, desk)
    officer = browser("ppid")
    page = officer.get(f"/kasus/{receipt['ticket']}")
    shown = text(page)
    assert "daftar.pdf" in shown
    # The delivery task's record names the files that went, each linked to its download, never by their ids.
    documents = shown.split('id="documents-title"', 1)[1].split("</section>", 1)[0]
    assert re.search(r'<a href="/kasus/[^"]+/berkas/\d+" download>daftar\.pdf</a>', documents)
    link = re.search(r'href="(/kasus/[^"]+/berkas/\d+)"', page.get_data(as_text=True))
    got = officer.client.get(link[1])
    assert got.status_code == 200
    assert got.data == LETTER
