"""The officers' side of objections and disputes as the desk works them (a walk of objections and disputes found):

- the objection's registration records a receipt given on the portal, as the request's registration does;
- the PPID's brief for the superior starts from the chain's chronology shown beside it, not an empty box;
- the superior's decision names the Komisi Informasi the response letter sends the requester to;
- a summons recorded from an objection's page has the objection's grounds ticked;
- a dispute on ground a alone (an exemption, Pasal 17) is told at the power of attorney and when the panel's order of
  mediation is recorded that mediation does not apply there (UU 14/2008 Pasal 40): adjudication follows.
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_chain_api import decided
from tests.web.pages import text
from tests.workflows.test_sengketa_paths import BERKAS

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
SUMMONS = {
    "ki": "Komisi Informasi Pusat",
    "nomor_register": "001/REG-PSI/XII/2026",
    "diajukan_ke_ki": "2026-12-02",
    "sidang_pertama": "2027-01-06T09:00",
}
POWER = {"nomor_surat": "B-12/Kw/2026", "tanggal": "2026-12-02", "penerima_kuasa": ["Kabag TU"]}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _objection(desk, client, grounds=("a",)) -> str:
    receipt = decided(desk)
    body = {"ticket": receipt["ticket"], "access_code": receipt["access_code"], "alasan": list(grounds)}
    r = client.post(f"{API}/objections", json={**body, "kasus_posisi": "Ditolak"})
    assert r.status_code == 201, r.json
    return r.json["ticket"]


# Most tests start from an objection on ground a to a refused request: built once per worker and copied for every
# later test (kept_database).
@pytest.fixture
def objected_on_a(desk, client, kept_database):
    """``objected_on_a()``: ``_objection``'s objection on ground a: its ticket."""
    return lambda: kept_database("objection_dispute_desk-objection_a", lambda: _objection(desk, client))


def _dispute(b, objection, grounds=("a",)) -> str:
    b.get(f"/sengketa/baru?perkara={objection}")
    r = b.post("/sengketa/baru", data={"perkara": objection, **SUMMONS, "alasan": list(grounds)})
    assert r.status_code == 302, text(r)[:2000]
    return r.location.rsplit("/", 1)[-1]


def _heard(b, dispute):
    """The preliminary examination recorded on the dispute's page: it goes on, and the panel orders mediation."""
    b.get(f"/kasus/{dispute}/peristiwa/pemeriksaan_awal")
    heard = {"tanggal": "2026-12-02", "hasil": "dilanjutkan", "mediasi": "true", "tanggal_mediasi": "2026-12-03"}
    r = b.post(f"/kasus/{dispute}/peristiwa/pemeriksaan_awal", data=heard)
    assert r.status_code == 302, text(r)[:2000]
    return text(b.get(r.location))


def _checked(page: str, name: str) -> set[str]:
    return {
        value
        for tag in re.findall(rf'<input[^>]*name="{name}"[^>]*>', page)
        if " checked" in tag
        for value in re.findall(r'value="([^"]*)"', tag)
    }


def test_the_objection_s_registration_records_a_receipt_given_on_the_portal(objected_on_a, desk, browser):
    objection = objected_on_a()
    task = desk.task(objection, "registrasi_keberatan")
    page = text(browser("petugas").get(f"/tugas/{task['id']}"))
    assert [f for f in re.findall(r'<input[^>]*name="cara_kirim_tanda_terima"[^>]*>', page) if 'value="web"' in f]
    assert "Portal web" in page
    desk.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "web"})
    assert "susun_kronologi" in desk.open_tasks(objection)


def test_the_ppid_s_brief_starts_from_the_chronology_beside_it(objected_on_a, desk, browser):
    objection = objected_on_a()
    desk.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    task = desk.task(objection, "susun_kronologi")
    page = text(browser("ppid").get(f"/tugas/{task['id']}"))
    box = re.search(r'<textarea[^>]*name="kronologi"[^>]*>(.*?)</textarea>', page, re.S)
    assert box is not None
    brief = box.group(1)
    assert "2 Des 2026" in brief
    assert f"{objection}: Keberatan diterima" in brief
    assert re.search(r"\d+ \w+ 2026 · PPID-2026-\d+: Permohonan informasi diterima", brief)  # the request's own
    assert "Ani" not in brief  # days, tickets and stages: no one's name
    empty = re.search(r'<textarea[^>]*name="pertimbangan_ppid"[^>]*>(.*?)</textarea>', page, re.S)
    assert empty is not None
    assert empty.group(1).strip() == ""  # the considerations stay the PPID's own


def test_the_superior_s_decision_names_the_commission_for_the_response_letter(objected_on_a, desk, browser):
    objection = objected_on_a()
    desk.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    desk.complete(objection, "susun_kronologi", {"kronologi": "Ditolak", "pertimbangan_ppid": "Dikecualikan"})
    task = desk.task(objection, "putuskan_keberatan")
    page = text(browser("atasan").get(f"/tugas/{task['id']}"))
    (field,) = re.findall(r'<input[^>]*name="komisi_informasi"[^>]*>', page)
    assert 'value="Komisi Informasi Pusat"' in field


def test_a_summons_from_the_objection_s_page_has_its_grounds_ticked(desk, client, browser):
    objection = _objection(desk, client, ("c", "f"))
    b = browser("ppid")
    form = text(b.get(f"/sengketa/baru?perkara={objection}"))
    assert _checked(form, "alasan") == {"c", "f"}
    assert _checked(text(b.get("/sengketa/baru")), "alasan") == set()  # nothing named: nothing ticked
    assert _checked(text(browser("unit").get(f"/sengketa/baru?perkara={objection}")), "alasan") == set()


def test_the_power_of_attorney_of_a_ground_a_dispute_asks_no_authority_to_settle_in_mediation(
    objected_on_a, desk, browser
):
    objection = objected_on_a()  # before the login: the kept copy replaces the database
    b = browser("ppid")
    dispute = _dispute(b, objection)
    task = desk.task(dispute, "surat_kuasa")
    atasan = browser("atasan")
    page = text(atasan.get(f"/tugas/{task['id']}"))
    assert "wewenang untuk berdamai dalam mediasi bila diberikan" not in page
    assert "tidak dapat diselesaikan melalui mediasi (UU 14/2008 Pasal 40)" in page
    atasan.get("/bahasa/en")
    english = text(atasan.get(f"/tugas/{task['id']}"))
    assert "which mediation cannot settle (Law 14/2008 Article 40)" in english
    assert "authority to settle in mediation if it is given" not in english


def test_the_power_of_attorney_of_a_mixed_dispute_limits_the_settlement_to_grounds_b_to_g(desk, client, browser):
    b = browser("ppid")
    dispute = _dispute(b, _objection(desk, client, ("a", "c")), ("a", "c"))
    task = desk.task(dispute, "surat_kuasa")
    page = text(browser("atasan").get(f"/tugas/{task['id']}"))
    assert "wewenang untuk berdamai dalam mediasi atas alasan huruf b-g bila diberikan" in page


def test_a_mediation_ordered_on_a_ground_a_dispute_is_recorded_and_the_officer_told_why_adjudication_follows(
    objected_on_a, desk, browser
):
    objection = objected_on_a()  # before the login: the kept copy replaces the database
    b = browser("ppid")
    dispute = _dispute(b, objection)
    desk.complete(dispute, "surat_kuasa", {**POWER, "wewenang_berdamai": False})
    desk.complete(dispute, "siapkan_berkas", BERKAS)
    page = _heard(b, dispute)
    assert "Tercatat: Hasil pemeriksaan awal." in page
    assert "Mediasi tidak berlaku untuk sengketa ini" in page
    assert "(UU 14/2008 Pasal 40)" in page


def test_a_mediation_ordered_on_grounds_it_can_settle_is_recorded_without_that_word(desk, client, browser):
    b = browser("ppid")
    dispute = _dispute(b, _objection(desk, client, ("c",)), ("c",))
    desk.complete(dispute, "surat_kuasa", {**POWER, "wewenang_berdamai": True})
    desk.complete(dispute, "siapkan_berkas", BERKAS)
    page = _heard(b, dispute)
    assert "Tercatat: Hasil pemeriksaan awal." in page
    assert "Mediasi tidak berlaku" not in page


def test_a_recorded_letter_number_is_labelled_plainly_and_the_hint_to_leave_it_empty_stays_on_the_form(
    objected_on_a, desk, browser
):
    """The number's field title said "(kosongkan: Kawal memberi nomor)", and so did every later page listing the number
    recorded: the hint is the field's description now, shown on the form alone."""
    objection = objected_on_a()  # before the login: the kept copy replaces the database
    b = browser("ppid")
    dispute = _dispute(b, objection)
    task = desk.task(dispute, "surat_kuasa")
    form = text(browser("atasan").get(f"/tugas/{task['id']}"))
    assert "Nomor surat kuasa" in form
    assert "Kosongkan: Kawal memberi nomor." in form
    desk.complete(dispute, "surat_kuasa", {**POWER, "wewenang_berdamai": False})
    later = desk.task(dispute, "siapkan_berkas")
    page = text(b.get(f"/tugas/{later['id']}"))
    assert "B-12/Kw/2026" in page
    assert "Nomor surat kuasa" in page
    assert "Kawal memberi nomor" not in page
    b.get("/bahasa/en")
    english = text(b.get(f"/tugas/{later['id']}"))
    assert "Power of attorney number" in english
    assert "Kawal numbers it" not in english
