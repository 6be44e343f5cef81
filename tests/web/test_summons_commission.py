"""The summons form (``/sengketa/baru``) offers the Komisi Informasi the objection's response sent the requester to
(UU 14/2008 Pasal 37(2); legal-process.md §5.1): the Commission the superior's decision recorded for that objection
(engine.chain.commission), else the office's own (KAWAL_COMMISSION_NAME). The desk records the summons with it as
offered, and the dispute names that Commission; the officer mends it when the summons comes from another.
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_chain_api import decided
from tests.web.pages import text

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
JATIM = "Komisi Informasi Provinsi Jawa Timur"
PUSAT = "Komisi Informasi Pusat"
REASONS = "Informasi tersebut dikecualikan berdasarkan uji konsekuensi yang telah ditetapkan PPID."
SUMMONS = {
    "nomor_register": "001/REG-PSI/XII/2026",
    "diajukan_ke_ki": "2026-12-02",
    "sidang_pertama": "2027-01-06T09:00",
}


@pytest.fixture
def settings_overrides():
    return {"KAWAL_COMMISSION_NAME": JATIM}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _objection(desk, client) -> tuple[str, str]:
    """A refused request and the requester's objection on ground a: their tickets."""
    receipt = decided(desk)
    body = {
        "ticket": receipt["ticket"],
        "access_code": receipt["access_code"],
        "alasan": ["a"],
        "kasus_posisi": "Ditolak",
    }
    r = client.post(f"{API}/objections", json=body)
    assert r.status_code == 201, r.json
    return receipt["ticket"], r.json["ticket"]


def _decided(desk, objection: str, **commission) -> None:
    """The superior's decision through the API, with ``commission`` the only Commission field sent."""
    desk.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    desk.complete(objection, "susun_kronologi", {"kronologi": "Ditolak", "pertimbangan_ppid": "Dikecualikan"})
    decision = {"keputusan": "keberatan_ditolak", "alasan_tertulis": REASONS, "tanggal_keputusan": "2026-12-02"}
    desk.complete(objection, "putuskan_keberatan", {**decision, **commission}, username="atasan")


def _offered(b, named: str | None) -> str:
    """The Commission the summons form offers for the case ``named`` (none: the form opened from the inbox)."""
    page = text(b.get("/sengketa/baru" + (f"?perkara={named}" if named else "")))
    (field,) = re.findall(r'<input[^>]*name="ki"[^>]*>', page)
    (value,) = re.findall(r'value="([^"]*)"', field) or [""]
    return value


def _recorded_as_offered(b, objection: str) -> str:
    """The summons recorded with the Commission as the form offers it: the dispute's ticket."""
    form = {"perkara": objection, "ki": _offered(b, objection), "alasan": "a", **SUMMONS}
    r = b.post("/sengketa/baru", data=form)
    assert r.status_code == 302, text(r)[:2000]
    return r.location.rsplit("/", 1)[-1]


def _dispute_names(client, login, dispute: str) -> str:
    """The Commission the dispute's registration recorded, as its history shows it."""
    events = client.get(f"{API}/cases/{dispute}/events", headers=login("ppid")).json["items"]
    (recorded,) = [e for e in events if e["type"] == "dispute_recorded"]
    return recorded["data"]["ki"]


def test_the_summons_of_a_decided_objection_offers_the_commission_its_response_named(desk, client, login, browser):
    _request, objection = _objection(desk, client)
    _decided(desk, objection, komisi_informasi=PUSAT)  # the superior named the Central Commission for this case
    b = browser("ppid")
    assert _offered(b, objection) == PUSAT
    dispute = _recorded_as_offered(b, objection)
    assert _dispute_names(client, login, dispute) == PUSAT
    assert PUSAT in text(b.get(f"/kasus/{dispute}"))


def test_the_summons_of_an_objection_decided_without_naming_one_offers_the_office_s_commission(
    desk, client, login, browser
):
    _request, objection = _objection(desk, client)
    _decided(desk, objection)  # an API client left the field out: the office's Commission was stored
    b = browser("ppid")
    assert _offered(b, objection) == JATIM
    dispute = _recorded_as_offered(b, objection)
    assert _dispute_names(client, login, dispute) == JATIM


def test_the_summons_of_an_objection_not_answered_offers_the_office_s_commission(desk, client, browser):
    """The superior did not answer (Pasal 37(2)): no case value, so the office's Commission."""
    _request, objection = _objection(desk, client)
    assert _offered(browser("ppid"), objection) == JATIM


def test_a_summons_of_a_request_or_of_no_case_yet_offers_the_office_s_commission(desk, client, browser):
    request, _objection_ticket = _objection(desk, client)
    b = browser("ppid")
    assert _offered(b, request) == JATIM
    assert _offered(b, None) == JATIM
    assert _offered(b, "KEB-2099-999999") == JATIM  # a ticket no case has


def test_a_summons_refused_keeps_the_commission_as_the_officer_typed_it(desk, client, browser):
    _request, objection = _objection(desk, client)
    b = browser("ppid")
    b.get(f"/sengketa/baru?perkara={objection}")
    r = b.post("/sengketa/baru", data={"perkara": objection, "ki": "Komisi Informasi Provinsi Bali", "alasan": "a"})
    assert r.status_code == 422  # no register number, no filing date
    (field,) = re.findall(r'<input[^>]*name="ki"[^>]*>', text(r))
    assert 'value="Komisi Informasi Provinsi Bali"' in field
