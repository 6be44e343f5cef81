"""A complaint the clarification found unproven (``tidak_cukup_bukti``) is closed "Selesai" after the reporter is told
(legal-process.md §7.4 row 2, Permenpan 5/2009, and §10: KLARIFIKASI --insufficient evidence--> SELESAI); the
Itjen's "tidak dapat ditindaklanjuti" is the status of a complaint whose reporter or reported party cannot be
confirmed (§7.4 row 3), closed at the verification. The register read "Selesai" beside "Tidak dapat
ditindaklanjuti karena: Bukti tidak cukup", and the portal said "Resolved", "What you can do next: None", while the
outcome letter points to the Ombudsman. Now the register and the statistics say why a complaint was not followed up
without calling it Not Actionable, and the portal names the Ombudsman and SP4N-LAPOR! as the letter does.
"""

import csv
import io

import pytest
import time_machine

from engine.runtime import Runtime
from tests.web.pages import text
from tests.web.test_portal import open_case
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import CATAT, KE_UNIT, LAYAK, NOTICE, RECEIVED, TANGGAPAN_UNIT, clarification


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(settings, session_factory_):
    return Office(session_factory_, Runtime(settings))


def _unproven(office):
    ticket, code = office.complaint()
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", clarification("tidak_cukup_bukti"))
    office.complete(ticket, "pemberitahuan_hasil", NOTICE)
    return ticket, code


def test_the_register_says_resolved_and_why_it_was_not_followed_up_without_calling_it_not_actionable(
    office, browser, clock
):
    ticket, _code = _unproven(office)
    body = browser("tim").get("/laporan/register/pengaduan?format=csv").get_data(as_text=True)
    [row] = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))
    assert row["Keputusan"] == "Selesai"
    assert row["Tidak ditindaklanjuti karena"] == "Tidak terbukti: bukti tidak cukup"
    assert "Tidak dapat ditindaklanjuti karena" not in row
    page = text(browser("tim").get("/laporan/pengaduan?periode=2027"))
    assert "Tidak ditindaklanjuti, menurut alasan" in page
    assert "Tidak dapat ditindaklanjuti, menurut alasan" not in page


def test_the_portal_names_the_ombudsman_after_the_outcome_as_the_letter_does(office, browser, clock):
    ticket, code = _unproven(office)
    reporter = browser()
    page = text(open_case(reporter, ticket, code))
    step = page.split('id="next-title"')[1].split("</section>")[0]
    assert "Ombudsman Republik Indonesia" in step
    assert "SP4N-LAPOR!" in step
    reporter.get("/bahasa/en")
    step = text(reporter.get("/publik/status")).split('id="next-title"')[1].split("</section>")[0]
    assert "Ombudsman of the Republic of Indonesia" in step
