"""No machine text reaches a person (issue 11, point 4): every label a person reads comes from the
translation catalogs. The test walks the pages of each journey, as the citizen and as the officers, in
both languages, and fails on raw codes, ISO instants and dates, field names, group codes, ``task:...``
history entries, Indonesian day names on English pages, "Locale: id" and letters drawn as field lists.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_chain_api import disputed
from tests.browser.conftest import NARROW
from tests.browser.journeys import ComplaintDesk, partly_granted_request
from tests.browser.steps import DESKTOP, keep_screenshot, log_in
from tests.workflows.test_pengaduan_paths import CATAT

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB

MACHINE_TEXT = {
    "an ISO instant": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"),
    "an ISO date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "a code with underscores": re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b"),
    "a history entry's key": re.compile(r"\b(?:task|document|attachment):\w"),
    "a locale": re.compile(r"\bLocale\b|\blocale\b"),
    "a calendar's code name": re.compile(r"\b(?:kalender|calendar) (?:strict|lenient)\b|\((?:strict|lenient)\)"),
    "a dump of a record": re.compile(r"\b\w+: (?:Yes|No|Ya|Tidak);"),
}
INDONESIAN_DAYS = re.compile(r"\((?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\)")


def offences(page, where: str, language: str) -> list[str]:
    text = page.locator("main").inner_text()
    found = []
    for what, pattern in MACHINE_TEXT.items():
        for match in sorted(set(pattern.findall(text)))[:5]:
            found.append(f"{where} [{language}]: {what}: {match!r}")
    if language == "en":
        for match in sorted(set(INDONESIAN_DAYS.findall(text))):
            found.append(f"{where} [en]: an Indonesian day name: {match!r}")
    return found


def visit(page, path: str, where: str, found: list[str], prepare=None) -> None:
    for language in ("id", "en"):
        page.goto(f"/bahasa/{language}?next={path}")
        if prepare:
            prepare(page)
        found.extend(offences(page, where, language))
        keep_screenshot(page, f"{where}-{language}")


def portal_open(ticket, code):
    def prepare(page):
        if page.locator("form.portal-form input[name=access_code]").count():
            page.locator("form.portal-form input[name=ticket]").fill(ticket)
            page.locator("form.portal-form input[name=access_code]").fill(code)
            page.locator("form.portal-form button[type=submit]").click()

    return prepare


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def test_a_request_journey_shows_no_machine_text_to_the_requester_or_the_officers(new_page, desk):
    request = partly_granted_request(desk)
    found: list[str] = []
    citizen = new_page(**NARROW)
    visit(citizen, "/publik/status", "portal-status-partly-granted", found, portal_open(request.ticket, request.code))
    letters = citizen.locator(".letter")
    for i in range(letters.count()):
        if letters.nth(i).locator("dl.facts").count():
            found.append(f"portal letter {i + 1}: drawn as a list of form fields, not as a letter")

    officer = new_page(**DESKTOP)
    log_in(officer, "ppid")
    visit(officer, f"/kasus/{request.ticket}", "case-request", found)
    fresh = desk.submit(name="Budi Santoso", nik="3171234507890002")
    task = desk.task(fresh["ticket"], "periksa_kelengkapan")
    visit(officer, f"/tugas/{task['id']}", "task-request", found)
    assert not found, "machine text on the pages:\n" + "\n".join(found)


def test_an_objection_and_a_dispute_show_no_machine_text_to_the_officers(new_page, desk, client, login):
    _request, objection, dispute = disputed(desk, client, login)
    found: list[str] = []
    officer = new_page(**DESKTOP)
    log_in(officer, "ppid")
    visit(officer, f"/kasus/{objection['ticket']}", "case-objection", found)
    visit(officer, f"/kasus/{dispute['ticket']}", "case-dispute", found)
    assert not found, "machine text on the pages:\n" + "\n".join(found)


def test_a_complaint_journey_shows_no_machine_text_to_the_reporter_or_the_team(new_page, client, login):
    complaint = ComplaintDesk(client, login).waiting_for_evidence()
    found: list[str] = []
    reporter = new_page(**NARROW)
    visit(reporter, "/publik/status", "portal-status-complaint", found, portal_open(complaint.ticket, complaint.code))

    team = new_page(**DESKTOP)
    log_in(team, "tim")
    visit(team, f"/kasus/{complaint.ticket}", "case-complaint", found)
    verified = ComplaintDesk(client, login)
    verified.complete("catat_pengaduan", CATAT)
    verified.complete("verifikasi", {"hasil": "layak"})
    visit(team, f"/tugas/{verified.task('klasifikasi')['id']}", "task-complaint", found)
    # Forms reuse field names: the verification's result is labelled by the verification form, not by
    # another form's field of the same name (the objection's "Hasil musyawarah").
    if "musyawarah" in team.locator(".task-facts").inner_text().lower():
        found.append("task-complaint: the verification's result is labelled as another form's field")
    visit(team, f"/kasus/{verified.ticket}", "case-complaint-after-task-read", found)  # the reads, in words
    assert not found, "machine text on the pages:\n" + "\n".join(found)
