"""The auditor's history as CSV opens with a UTF-8 byte order mark, as every other CSV download of Kawal does
(api.reports.files.BOM: the registers, the reports, the access changes, the identity reads): without it a
spreadsheet reads the bytes in the computer's own code page, and a requester's "Siti Nurhaliza — Kantor" or an
officer's "Andréas" comes out garbled. One mark, at the start; the JSON lines history (what a chain check reads) has
none. The console's file, the API's and the command's are one export (api.exports), byte for byte."""

import csv
import io

import pytest

from api.reports.files import BOM

API = "/api/v1"


@pytest.fixture
def auditor(browser):
    return browser("auditor")


def _get(b, **query) -> bytes:
    r = b.client.get("/audit/unduh", query_string=query)
    assert r.status_code == 200, r.status
    body = r.get_data()
    r.close()
    return body


def test_a_cases_history_as_csv_opens_with_one_byte_order_mark_and_json_lines_with_none(desk, auditor, client, login):
    ticket = desk.submit()["ticket"]
    body = _get(auditor, ticket=ticket, format="csv")
    assert body.startswith(BOM.encode())
    text = body.decode("utf-8")
    assert text.count(BOM) == 1
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert rows[0][:2] == ["instansi", "tiket"]
    assert {row[1] for row in rows[1:]} == {ticket}
    api = client.get(f"{API}/audit/export", query_string={"ticket": ticket, "format": "csv"}, headers=login("auditor"))
    assert api.get_data() == body  # the API's export is the same file
    api.close()
    whole = _get(auditor, format="csv")  # the whole history: still one mark, at its start
    assert whole.startswith(BOM.encode())
    assert whole.decode("utf-8").count(BOM) == 1
    assert not _get(auditor, ticket=ticket, format="jsonl").startswith(BOM.encode())
