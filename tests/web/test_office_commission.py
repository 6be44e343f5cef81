"""Which Komisi Informasi an office's requesters go to (UU 14/2008 Pasal 27, 37(2); Perki 1/2013 on competence;
legal-process.md §5.1): the office's setting (KAWAL_COMMISSION_NAME, with its address and website), which the
superior's decision on an objection offers as typed and the requester's status page names; a Commission the superior
names for one case is the one that case's page names, as the case stored it.

The walk of the objection and dispute desk found the decision's field prefilled with "Komisi Informasi Pusat" for
every office, a provincial body's too, and the status page saying "Komisi Informasi Pusat/Provinsi sesuai
kewenangan", naming none.
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.web.pages import text
from tests.web.test_portal_dispute_status import RECEIVED, _page, _request
from tests.workflows.conftest import Office
from tests.workflows.test_keberatan_paths import REASONS, _decided, _to_superior

JATIM = "Komisi Informasi Provinsi Jawa Timur"
ADDRESS = "Jl. Bandilan No. 4, Surabaya 60231"
WEBSITE = "https://kip.jatimprov.go.id"
SENT = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)  # Mon 7 Dec 2026, 10:00 WIB: D14 to file by Mon 28 Dec 2026 (§2.2)


@pytest.fixture
def settings_overrides():
    return {"KAWAL_COMMISSION_NAME": JATIM, "KAWAL_COMMISSION_ADDRESS": ADDRESS, "KAWAL_COMMISSION_WEBSITE": WEBSITE}


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _at_the_superior(office) -> tuple[str, str, int]:
    """A refused request's objection on ground a, at the superior's decision: its ticket, the chain's code, the
    decision task's id."""
    request, code = _request(office)
    _decided(office, ticket=request)
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    with office.sessions() as s:
        return objection, code, office._open(s, objection, "putuskan_keberatan").id


# Every test starts at the same instant (RECEIVED) from an objection at the superior's decision: built once per worker
# and copied for every later test (kept_database).
@pytest.fixture
def at_the_superior(office, kept_database):
    """``at_the_superior()``: ``_at_the_superior``'s objection: its ticket, the chain's code, the decision task's
    id."""
    return lambda: kept_database("office_commission-at_the_superior", lambda: _at_the_superior(office))


def _commission_field(page: str) -> str:
    (field,) = re.findall(r'<input[^>]*name="komisi_informasi"[^>]*>', page)
    return field


def _decide_on_the_page(browser, task_id: int, **changed) -> None:
    """The superior decides on the task page, the prefilled Commission as it stands unless ``changed``."""
    b = browser("atasan")
    field = _commission_field(text(b.get(f"/tugas/{task_id}")))
    (prefilled,) = re.findall(r'value="([^"]*)"', field)
    form = {
        "keputusan": "keberatan_ditolak",
        "alasan_tertulis": REASONS,
        "komisi_informasi": prefilled,
        "tanggal_keputusan": "2026-12-02",
        **changed,
    }
    r = b.post(f"/tugas/{task_id}", form)
    assert r.status_code == 302, text(r)[:3000]


def _sent(office, clock, objection) -> None:
    clock.move_to(SENT)
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": "2026-12-07", "dikirim_melalui": "email"})


def test_the_superior_s_decision_offers_the_office_s_commission_in_both_languages(at_the_superior, browser):
    with time_machine.travel(RECEIVED, tick=True):
        _objection, _code, task_id = at_the_superior()
        b = browser("atasan")
        page = text(b.get(f"/tugas/{task_id}"))
        b.get("/bahasa/en")
        english = text(b.get(f"/tugas/{task_id}"))
    assert f'value="{JATIM}"' in _commission_field(page)
    assert "Komisi Informasi Pusat" not in _commission_field(page)
    assert f'value="{JATIM}"' in _commission_field(english)  # a name, not words to translate
    assert "The Information Commission the requester may bring a dispute to" in english


def test_the_requester_s_page_names_the_office_s_commission_where_it_is_and_its_website(
    at_the_superior, browser, office, client
):
    """The superior kept the Commission offered: the page names it, its address and website, in both languages, and
    the status API says the same."""
    with time_machine.travel(RECEIVED, tick=True) as clock:
        objection, code, task_id = at_the_superior()
        _decide_on_the_page(browser, task_id)
        _sent(office, clock, objection)
        page = _page(browser, objection, code)
        english = _page(browser, objection, code, "en")
        api = client.post("/api/v1/status", json={"ticket": objection, "access_code": code}).json
    how = page.split("Caranya:")[1]
    assert f"kepada Komisi Informasi yang berwenang atas kantor ini, yaitu {JATIM}, paling lambat 28 Des 2026" in how
    assert f"Alamat Komisi Informasi tersebut: {ADDRESS}." in how
    assert f"Situs web Komisi Informasi tersebut: {WEBSITE}." in how
    assert "Pusat/Provinsi" not in how
    how_en = english.split("How:")[1]
    assert f"Apply in writing to the Information Commission competent for this office, {JATIM}, to resolve" in how_en
    assert f"The Commission's address: {ADDRESS}." in how_en
    assert f"The Commission's website: {WEBSITE}." in how_en
    (window,) = api["windows"]
    assert f"yaitu {JATIM}, paling lambat 28 Des 2026" in window["how"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_commission_the_superior_names_for_the_case_is_the_one_its_page_names(at_the_superior, browser, office, lang):
    """The superior named the Central Commission for this case: the page names it, without the address and website
    of the office's own."""
    with time_machine.travel(RECEIVED, tick=True) as clock:
        objection, code, task_id = at_the_superior()
        _decide_on_the_page(browser, task_id, komisi_informasi="Komisi Informasi Pusat")
        _sent(office, clock, objection)
        page = _page(browser, objection, code, lang)
    how = page.split("Caranya:" if lang == "id" else "How:")[1]
    assert "Komisi Informasi Pusat" in how
    assert JATIM not in how
    assert ADDRESS not in how
    assert WEBSITE not in how


def test_a_case_decided_before_keeps_the_commission_it_stored_when_the_setting_changes(
    at_the_superior, browser, office, app
):
    """A case decided while the office's setting named the Central Commission stored that name; the office then
    names its provincial Commission (this module's settings): the case's page still names what its letter named."""
    with time_machine.travel(RECEIVED, tick=True) as clock:
        objection, code, _task_id = at_the_superior()
        stored = {"keputusan": "keberatan_ditolak", "tanggal_keputusan": "2026-12-02", "alasan_tertulis": REASONS}
        office.complete(objection, "putuskan_keberatan", {**stored, "komisi_informasi": "Komisi Informasi Pusat"})
        _sent(office, clock, objection)
        page = _page(browser, objection, code)
    how = page.split("Caranya:")[1]
    assert "yaitu Komisi Informasi Pusat, paling lambat 28 Des 2026" in how
    assert JATIM not in how


def test_without_a_response_the_page_names_the_office_s_commission(at_the_superior, browser, office):
    """A30 lapsed without the superior's response (Pasal 37(2)): no case value, so the office's Commission."""
    with time_machine.travel(RECEIVED, tick=True) as clock:
        objection, code, _task_id = at_the_superior()
        clock.move_to(datetime(2027, 1, 20, 3, 0, tzinfo=UTC))  # past A30 on every reading
        office.run(objection)
        page = _page(browser, objection, code)
    how = page.split("Caranya:")[1]
    assert f"yaitu {JATIM}, paling lambat" in how
    assert f"Alamat Komisi Informasi tersebut: {ADDRESS}." in how
