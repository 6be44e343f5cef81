"""A partial grant's decree is titled as it reads wherever it is named: "Rejecting the Request in Part" ("Penolakan
Sebagian"), a full refusal's "Rejecting the Request" ("Penolakan"). The walk of a partial grant found the decree's
own heading right but its verification page (its QR), the API's list of letters, its PDF's title, the case page's
history and the evidence bundle calling it a full refusal.

On SQLite alone: a title is Python's words over rows either database returns alike; the evidence bundle and the
letters' rows are read on PostgreSQL by tests/delivery/test_partial_grant_walk.py and tests/api/test_bundle.py."""

import io
import json
import zipfile
from datetime import UTC, datetime

import pytest
import time_machine
from pypdf import PdfReader

from engine import bundle
from tests.api.test_letters_api import render_letters, to_notice
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a title's words
from tests.web.pages import text

API = "/api/v1"
TITLES = {
    "dikabulkan_sebagian": (
        "Surat Keputusan PPID tentang Penolakan Sebagian Permohonan Informasi",
        "PPID Decision Rejecting the Request in Part",
    ),
    "ditolak_dikecualikan": (
        "Surat Keputusan PPID tentang Penolakan Permohonan Informasi",
        "PPID Decision Rejecting the Request",
    ),
}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=True):
        yield


def _decree(app, desk, outcome) -> tuple[str, dict]:
    ticket = to_notice(desk, outcome)["ticket"]
    desk.complete(ticket, "pemberitahuan_tertulis")
    render_letters(app)
    items = desk.client.get(f"{API}/cases/{ticket}/letters", headers=desk.login("ppid")).json["items"]
    [decree] = [x for x in items if x["kind"] == "keputusan_penolakan" and x["locale"] == "id"]
    return ticket, decree


@pytest.mark.parametrize("outcome", TITLES)
def test_the_decree_is_titled_by_the_decision_in_the_api_on_its_verification_and_in_its_pdf(
    app, desk, browser, outcome
):
    title_id, title_en = TITLES[outcome]
    ticket, decree = _decree(app, desk, outcome)
    assert (decree["title"], decree["title_en"]) == (title_id, title_en)

    code = decree["verify_url"].rsplit("/", 1)[1]
    verified = desk.client.get(f"{API}/verifications/{code}").json
    assert (verified["title_id"], verified["title_en"]) == (title_id, title_en)
    indonesian, english = browser(), browser()
    indonesian.get("/bahasa/id")
    english.get("/bahasa/en")
    assert title_id in text(indonesian.get(f"/verifikasi/{code}"))
    assert title_en in text(english.get(f"/verifikasi/{code}"))

    pdf = desk.client.get(f"{API}/cases/{ticket}/letters/{decree['id']}/pdf", headers=desk.login("ppid"))
    assert PdfReader(io.BytesIO(pdf.data)).metadata.title.startswith(title_id)

    history = text(browser("ppid").get(f"/kasus/{ticket}"))  # the case page's history names each letter issued
    assert f"{title_id} {decree['number']}" in history


@pytest.mark.parametrize("outcome", TITLES)
def test_the_bundle_names_the_decree_and_the_decision_as_the_decree_reads(app, desk, outcome):
    title_id, title_en = TITLES[outcome]
    ticket, _ = _decree(app, desk, outcome)
    r = desk.client.get(f"{API}/cases/{ticket}/bundle", headers=desk.login("ppid"))
    assert r.status_code == 200
    with zipfile.ZipFile(io.BytesIO(r.data)) as archive:
        letters = json.loads(archive.read("surat/daftar.json"))
        [decision] = [n for n in archive.namelist() if n.startswith(f"dokumen/{ticket}/") and "putuskan" in n]
        decided = json.loads(archive.read(decision))
    assert {x["title"] for x in letters if x["type"] == "keputusan_penolakan"} == {title_id}
    assert decided["title"] == title_id
    data = {"keputusan": outcome}
    assert (bundle.document_title("putuskan", data, "id"), bundle.document_title("putuskan", data, "en")) == (
        title_id,
        title_en,
    )
