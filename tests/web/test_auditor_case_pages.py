"""The auditor and one case: the console exports and checks one case by its ticket (as the API's ``ticket`` and
``kawal audit export --case``), the case page offers that export to the auditor alone, the menu leads the auditor to
a case search (the officers' search, read-only: no task's controls), and the console says how to verify an export
without Kawal."""

import json

import pytest

from tests.conftest import complaint_payload
from tests.web.pages import text

API = "/api/v1"


@pytest.fixture
def auditor(browser):
    return browser("auditor")


def api_export(client, login, **query) -> bytes:
    r = client.get(f"{API}/audit/export", query_string=query, headers=login("auditor"))
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_data()
    r.close()
    return body


# --- A3: one case from the console and from the case page ------------------------------------------


def test_the_console_exports_one_case_by_its_ticket_as_the_api_does(desk, auditor, client, login):
    request = desk.submit()["ticket"]
    desk.submit()
    page = text(auditor.get("/audit"))
    assert '<label for="audit-ticket">Satu kasus (nomor tiket)</label>' in page
    for fmt in ("jsonl", "csv"):
        r = auditor.client.get("/audit/unduh", query_string={"ticket": request.lower(), "format": fmt})
        assert r.status_code == 200, r.status
        assert r.headers["Content-Disposition"] == f"attachment; filename=kawal-audit-{request}.{fmt}"
        assert r.get_data() == api_export(client, login, ticket=request, format=fmt)
        r.close()
    lines = api_export(client, login, ticket=request).decode().splitlines()
    assert {json.loads(line)["ticket"] for line in lines} == {request}


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        # The API's words (engine.audit.one_case): one check for the API, the console and the CLI.
        ({"ticket": "PPID-2026-999999"}, "kasus tidak ditemukan"),
        ({"ticket": "kasus saya"}, "nomor tiket seperti PPID-"),
        # One case is taken whole: a period or a process beside it is refused, never an empty export.
        ({"ticket": "{request}", "from": "2026-01-01"}, "satu kasus diekspor dan diperiksa utuh"),
        ({"ticket": "{request}", "to": "2030-12-31"}, "satu kasus diekspor dan diperiksa utuh"),
        ({"ticket": "{request}", "process": "keberatan"}, "satu kasus diekspor dan diperiksa utuh"),
    ],
)
def test_a_ticket_the_console_cannot_use_is_said_on_its_field_never_the_whole_history(desk, auditor, typed, said):
    request = desk.submit()["ticket"]
    typed = {key: value.format(request=request) for key, value in typed.items()}
    # The download comes back as the form (422), the check as the form unchecked (as a wrong date: 200).
    for path, query, status in [("/audit/unduh", {"format": "jsonl"}, 422), ("/audit", {"periksa": "1"}, 200)]:
        r = auditor.get(path, query_string={**typed, **query})
        assert r.status_code == status, path
        page = text(r)
        assert said in page
        assert 'id="audit-ticket" name="ticket"' in page
        assert 'aria-invalid="true"' in page
        assert "Content-Disposition" not in r.headers
        assert "verify-ok" not in page
        assert "Diperiksa:" not in page


def test_the_console_checks_one_case_and_lists_that_check_by_its_ticket(desk, auditor):
    request = desk.submit()["ticket"]
    desk.submit()
    page = text(auditor.get("/audit", query_string={"ticket": request, "periksa": "1"}))
    assert "1 kasus" in page
    assert f"Kasus {request}" in page  # what was checked, in the list of the last checks


def test_the_case_page_offers_the_auditor_alone_the_export_of_that_case(desk, browser):
    ticket = desk.submit()["ticket"]
    page = text(browser("auditor").get(f"/kasus/{ticket}"))
    assert f'href="/audit/unduh?ticket={ticket}&amp;format=jsonl"' in page
    assert "Unduh riwayat kasus ini (JSON lines)" in page
    assert f'href="/audit?ticket={ticket}' in page  # the console, the case chosen: CSV, XLSX, the chain check
    assert 'href="/audit/kasus"' in page  # the breadcrumb: back to the auditor's search, not an inbox
    officer = text(browser("ppid").get(f"/kasus/{ticket}"))
    assert "/audit/unduh" not in officer
    assert 'href="/kotak-masuk"' in officer


# --- A4: verifying without Kawal --------------------------------------------------------------------


def test_the_console_says_how_to_verify_an_export_without_kawal(auditor):
    page = text(auditor.get("/audit"))
    assert "scripts/verify_audit_export.py" in page
    assert "CSV dan XLSX adalah salinan untuk dibaca" in page
    assert "Audit: verifying an export" in page  # the README's section, where the recipe is written


# --- A5: finding a case ---------------------------------------------------------------------------


def test_the_auditor_s_menu_leads_to_a_case_search(auditor):
    page = text(auditor.get("/audit"))
    assert '<a href="/audit/kasus">Cari kasus</a>' in page


def test_the_case_search_finds_open_and_finished_cases_by_ticket_and_subject_read_only(desk, client, auditor):
    request = desk.submit(information="Anggaran perbaikan jembatan gantung 2026")
    withdrawn = desk.submit(information="Daftar penerima hibah jembatan desa")
    r = client.post(
        f"{API}/requests/withdraw", json={"ticket": withdrawn["ticket"], "access_code": withdrawn["access_code"]}
    )
    assert r.status_code == 200, r.json
    complaint = client.post(f"{API}/complaints", json=complaint_payload("rahasia")).json["ticket"]
    empty = text(auditor.get("/audit/kasus"))
    assert "<h1>Cari kasus</h1>" in empty
    assert 'role="search"' in empty
    found = text(auditor.get("/audit/kasus", query_string={"q": "jembatan"}))
    opened, closed = section(found, "other-cases"), section(found, "closed-cases")
    assert "Kasus berjalan yang cocok dengan “jembatan”" in opened
    assert "Kasus selesai yang cocok dengan “jembatan”" in closed
    assert f'<a href="/kasus/{request["ticket"]}">' in opened  # open: in the open cases only
    assert request["ticket"] not in closed
    assert f'<a href="/kasus/{withdrawn["ticket"]}">' in closed  # finished (withdrawn): in the finished ones only
    assert withdrawn["ticket"] not in opened
    auditor.get("/bahasa/en")  # the visitor's choice of language (a cookie), as the header's switch makes it
    english = text(auditor.get("/audit/kasus", query_string={"q": "jembatan"}))
    assert '<html lang="en"' in english
    assert "<h1>Find a case</h1>" in english
    assert "Open cases matching “jembatan”" in section(english, "other-cases")
    assert withdrawn["ticket"] in section(english, "closed-cases")
    assert "Kasus selesai" not in english
    assert "Cari kasus" not in english
    assert complaint not in found
    by_ticket = text(auditor.get("/audit/kasus", query_string={"q": complaint.lower()}))
    assert f'<a href="/kasus/{complaint}">' in by_ticket
    assert f'href="/audit/unduh?ticket={complaint}&amp;format=jsonl"' in by_ticket
    for officers_only in ("Ambil tugas berikutnya", "Simpan tampilan", "Tugas saya", 'name="task"'):
        assert officers_only not in found + by_ticket
    assert found.count('method="post"') == 1  # the header's log-out: the search changes nothing
    assert "Ani Wijaya" not in found  # a requester's identity is the desk's, not the auditor's


def section(page: str, css_class: str) -> str:
    """The part of ``page`` inside its ``<section class="css_class">``."""
    start = page.index(f'<section class="{css_class}"')
    return page[start : page.index("</section>", start)]


def test_a_process_alone_lists_nothing_and_asks_for_words(desk, auditor):
    desk.submit(information="Anggaran perbaikan jembatan gantung 2026")
    page = text(auditor.get("/audit/kasus", query_string={"q": "", "process": "permohonan_informasi"}))
    assert "Ketik nomor tiket atau kata-kata perihal" in page
    assert "<section" not in page.split("<main", 1)[-1]  # no list of cases, not even an empty one
    assert "Ketik nomor tiket" not in text(auditor.get("/audit/kasus"))  # the empty form asks nothing yet
    auditor.get("/bahasa/en")
    english = text(auditor.get("/audit/kasus", query_string={"process": "permohonan_informasi"}))
    assert "Type a ticket or words of the subject" in english


def test_the_inbox_sends_an_auditor_to_their_case_search_never_officers_controls(desk, auditor, browser):
    ticket = desk.submit(information="Anggaran perbaikan jembatan gantung 2026")["ticket"]
    r = auditor.get("/kotak-masuk", query_string={"q": ticket, "process": "permohonan_informasi", "scope": "mine"})
    assert r.status_code == 302
    assert r.headers["Location"] == f"/audit/kasus?q={ticket}&process=permohonan_informasi"
    page = text(auditor.get("/kotak-masuk", follow_redirects=True))
    assert "<h1>Cari kasus</h1>" in page
    for officers_only in ("Ambil tugas berikutnya", "Simpan tampilan", "Tugas saya"):
        assert officers_only not in page
    assert browser("ppid").get("/kotak-masuk").status_code == 200  # an officer keeps the inbox


def test_the_case_search_is_the_auditor_s(browser):
    for username in ("ppid", "petugas", "tim"):
        r = browser(username).get("/audit/kasus", query_string={"q": "PPID"})
        assert r.status_code == 403, username
    assert browser().get("/audit/kasus").status_code == 302
