"""The desk's page answering a proxy's request to correct their contacts does not say the proxy asked: the case's
ticket and access code are the requester's and the proxy's both, so either may have filed it. It says it was asked
with them, and asks the desk to confirm with the proxy before changing the proxy's e-mail address."""

import html
import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_request_proxy import PROXY
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a page's wording
from tests.web.pages import text

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)  # Thu 3 Dec 2026, 10:00 WIB
PAGE = "/publik/status/perbaikan-data"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


def test_the_desk_is_told_either_may_have_asked_and_to_confirm_with_the_proxy(browser, desk):
    receipt = desk.submit(kuasa={**PROXY, "email": "rahmat@kantorhukum.example"})
    visitor = browser()
    visitor.get("/publik/status")
    visitor.post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    asked = {"kuasa.email": "orang@lain.example", "kasus": receipt["ticket"], "data": "kuasa"}
    assert visitor.post(PAGE, asked).status_code == 303
    officer = browser("petugas")
    link = re.search(r'href="(/kasus/[^"]+/data-kuasa\?permintaan=\d+)"', text(officer.get("/kotak-masuk")))
    page = html.unescape(text(officer.get(html.unescape(link[1]))))
    hint = page.split('id="asked-hint">', 1)[1].split("</p>", 1)[0]
    assert "dengan nomor tiket dan kode akses kasus ini" in hint
    assert "pastikan kepada kuasa sebelum Anda mengubah alamat e-mailnya" in hint
    assert not hint.startswith("Kuasa meminta")  # the page cannot know the proxy asked
    case_page = html.unescape(text(officer.get(f"/kasus/{receipt['ticket']}")))
    waiting = case_page.split('class="notice correction-waiting">', 1)[1].split("</p>", 1)[0]
    assert "Permintaan perbaikan data kontak kuasa masuk melalui portal" in waiting
    assert "dengan nomor tiket dan kode akses kasus" in waiting
    assert "Kuasa meminta" not in waiting  # nor does the case page
