"""How a case reached the office has one name everywhere: the register's CSV wrote "Web" where its page and the case
page said "Portal web" (api.reports.labels.CHANNELS, the one list of the channels' names)."""

import csv
import io
import re

import pytest

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.web.pages import text


@pytest.mark.parametrize(("locale", "words"), [("id", "Portal web"), ("en", "Web portal")])
def test_a_request_filed_on_the_portal_is_named_alike_on_the_case_page_the_register_and_its_download(
    desk, browser, locale, words
):
    ticket = desk.submit()["ticket"]  # the portal's request: channel "web"
    b = browser("ppid")
    b.get(f"/bahasa/{locale}")
    case = text(b.get(f"/kasus/{ticket}"))
    assert re.search(rf"<dd>\s*{words}\s*</dd>", case), "the case page's channel"
    page = text(b.get("/laporan/register/permohonan?kolom=semua"))  # the channel: in the full set
    row = re.search(rf"<tr><th scope=\"row\"><a href=\"/kasus/{ticket}\">.*?</tr>", page, re.S)
    assert row, "the register's row"
    assert f"<td>{words}</td>" in row[0]
    download = b.get("/laporan/register/permohonan?format=csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(download.removeprefix("\ufeff"))))  # as a spreadsheet reads it
    channel = rows[0].index("Saluran" if locale == "id" else "Channel")
    (mine,) = [r for r in rows if r[0] == ticket]
    assert mine[channel] == words
