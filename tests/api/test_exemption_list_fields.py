"""The API's register of exempt information gives what its CSV and XLSX give (walk report r3, finding b): the row's
number in the list (``no``), the request the determination was made on (``request_ticket``) and the name of the
official who determined it (``decided_by_name``; legal-process.md §9.2 (c): a public register names its official).
The list's schema dropped the three, so a client read them only from the export."""

import csv
import io

import pytest
import time_machine

from tests.api.test_letters_api import API, RECEIVED, to_notice
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def test_the_api_s_exemption_list_numbers_each_entry_and_names_its_request_and_official_as_the_export_does(
    client, desk, login
):
    first = to_notice(desk, "ditolak_dikecualikan")["ticket"]
    desk.complete(first, "pemberitahuan_tertulis")
    second = to_notice(desk, "ditolak_dikecualikan", information="Daftar penerima beasiswa 2025")["ticket"]
    desk.complete(second, "pemberitahuan_tertulis")
    r = client.get(f"{API}/exemptions", headers=login("ppid"))
    assert r.status_code == 200
    items = r.json["items"]
    assert [(e["no"], e["request_ticket"]) for e in items] == [(1, first), (2, second)]
    export = client.get(f"{API}/exemptions/export", headers=login("ppid")).get_data(as_text=True)
    lines = list(csv.DictReader(io.StringIO(export.removeprefix("\ufeff"))))
    for entry, line in zip(items, lines, strict=True):
        assert entry["decided_by_name"]
        assert (str(entry["no"]), entry["request_ticket"], entry["decided_by_name"]) == (
            line["No."],
            line["Nomor Permohonan"],
            line["Nama Pejabat yang Menetapkan"],
        )


def test_the_openapi_document_describes_the_three_fields(client):
    schema = client.get(f"{API}/openapi.json").json["components"]["schemas"]["ExemptionView"]["properties"]
    assert schema["no"]["type"] == "integer"
    assert schema["request_ticket"]["type"] == "string"
    assert schema["decided_by_name"]["nullable"] is True  # an entry the PPID recorded directly names no official
