"""Events from outside a case recorded on its page: a Commission summons, and what the dispute waits for.

They were API-only: after the evidence file a dispute's case page said "no open tasks" and nothing could move
it (the Commission's examination, mediation, decision, the applicant's challenge, finality, a withdrawal).
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.api.test_chain_api import decided
from tests.conftest import PASSWORD
from tests.helpers import decision
from tests.web.pages import text

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
SUMMONS = {
    "ki": "Komisi Informasi Pusat",
    "nomor_register": "001/REG-PSI/XII/2026",
    "diajukan_ke_ki": "2026-12-02",
    "sidang_pertama": "2027-01-06T09:00",
}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


@pytest.fixture
def objection(desk, client):
    """A refused request, its written notice sent, and the requester's objection: the objection's ticket."""
    receipt = decided(desk)
    body = {
        "ticket": receipt["ticket"],
        "access_code": receipt["access_code"],
        "alasan": ["a"],
        "kasus_posisi": "Ditolak",
    }
    r = client.post(f"{API}/objections", json=body)
    assert r.status_code == 201, r.json
    return r.json["ticket"]


def _summons(b, objection, **changes):
    b.get(f"/sengketa/baru?perkara={objection}")
    return b.post("/sengketa/baru", data={"perkara": objection, **SUMMONS, "alasan": "a", **changes})


def test_the_desk_records_a_summons_from_the_objection_s_page_and_the_dispute_is_registered(browser, objection):
    b = browser("ppid")
    page = text(b.get(f"/kasus/{objection}"))
    assert f'href="/sengketa/baru?perkara={objection}"' in page
    form = text(b.get(f"/sengketa/baru?perkara={objection}"))
    assert f'value="{objection}"' in form  # the objection already filled in
    r = _summons(b, objection)
    assert r.status_code == 302, text(r)[:2000]
    dispute = r.location.rsplit("/", 1)[-1]
    assert dispute.startswith("SIP-")
    page = text(b.get(r.location))
    assert f"Panggilan sidang dicatat sebagai sengketa {dispute}." in page
    again = _summons(b, objection)  # the same summons twice: refused beside its register number
    assert again.status_code == 422
    beside = r'id="f-nomor_register-error">(?:(?!</p>).)*sudah dicatat sebagai sengketa '
    assert re.search(beside + dispute, text(again))


def test_an_empty_summons_is_refused_beside_its_fields_and_registers_nothing(browser, objection, client, login):
    b = browser("ppid")
    b.get("/sengketa/baru")
    r = b.post("/sengketa/baru", data={"perkara": objection})
    assert r.status_code == 422
    page = text(r)
    for name in ("ki", "nomor_register", "diajukan_ke_ki"):
        assert f'id="f-{name}-error"' in page
    linked = client.get(f"{API}/cases/{objection}", headers=login("ppid")).json
    assert not [c for c in linked.get("linked", []) if c["ticket"].startswith("SIP-")]


@pytest.mark.parametrize("who", ["auditor", "unit", "tim"])
def test_only_the_ppid_desk_is_offered_the_summons_form(browser, who):
    assert browser(who).get("/sengketa/baru").status_code == 403


def test_the_dispute_s_page_lists_what_it_waits_for_and_records_a_withdrawal_from_it(browser, objection):
    b = browser("ppid")
    dispute = _summons(b, objection).location.rsplit("/", 1)[-1]
    page = text(b.get(f"/kasus/{dispute}"))
    assert f'href="/kasus/{dispute}/peristiwa/sengketa_dicabut"' in page
    assert "Catat: Permohonan sengketa dicabut (Akta Pembatalan Registrasi)" in page
    form = text(b.get(f"/kasus/{dispute}/peristiwa/sengketa_dicabut"))
    assert 'name="tanggal"' in form
    empty = b.post(f"/kasus/{dispute}/peristiwa/sengketa_dicabut", data={})
    assert empty.status_code == 422
    assert 'id="f-tanggal-error"' in text(empty)
    done = b.post(
        f"/kasus/{dispute}/peristiwa/sengketa_dicabut",
        data={"tanggal": "2026-12-02", "nomor_akta": "001/AKTA/XII/2026"},
    )
    assert done.status_code == 302
    page = text(b.get(done.location))
    assert "Tercatat: Permohonan sengketa dicabut" in page
    # the history names the event by its form's title and the day it gives, not by its code
    assert "Permohonan sengketa dicabut (Akta Pembatalan Registrasi) · 2 Des 2026" in page
    assert "peristiwa/" not in page  # a closed dispute waits for nothing
    assert b.get(f"/kasus/{dispute}/peristiwa/sengketa_dicabut").status_code == 404
    withdrawn = {"tanggal": "2026-12-02", "nomor_akta": "001/AKTA/XII/2026"}
    again = b.post(f"/kasus/{dispute}/peristiwa/sengketa_dicabut", data=withdrawn)  # a double click, a back button
    assert again.status_code == 302
    assert "kasus tidak sedang menunggu Permohonan sengketa dicabut" in text(b.get(again.location))


def test_an_officer_outside_the_event_s_group_is_not_offered_it(browser, objection):
    dispute = _summons(browser("ppid"), objection).location.rsplit("/", 1)[-1]
    auditor = browser("auditor")
    assert "peristiwa/" not in text(auditor.get(f"/kasus/{dispute}"))
    assert auditor.get(f"/kasus/{dispute}/peristiwa/sengketa_dicabut").status_code == 404


def _granted(desk, via="pos"):
    receipt = desk.submit()
    ticket = receipt["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    notice = {
        "informasi_dikuasai": True,
        "materi_diberikan": "Daftar penerima",
        "biaya": 0,
        "media_format": "PDF",
        "jadwal_penyerahan": "2026-12-02",
        "tanggal_pemberitahuan": "2026-12-02",
        "dikirim_melalui": via,
    }
    desk.complete(ticket, "pemberitahuan_tertulis", notice)
    return ticket


def test_the_desk_records_on_the_case_page_when_a_posted_letter_reached_the_requester(browser, desk, client, login):
    """The post's receipt starts the requester's window; it could be recorded over the API alone."""
    ticket = _granted(desk)
    b = browser("petugas")
    page = text(b.get(f"/kasus/{ticket}"))
    assert f'action="/kasus/{ticket}/diterima-pemohon"' in page
    assert "Dikirim pada 2 Des 2026 melalui pos atau kurir" in page
    wrong = b.post(f"/kasus/{ticket}/diterima-pemohon", data={"diterima_pada": "2026-12-01"})  # before it was sent
    assert wrong.status_code == 303
    assert "Tanggal pada tanda terima pengiriman: antara 2 Des 2026 dan hari ini" in text(b.get(f"/kasus/{ticket}"))
    done = b.post(f"/kasus/{ticket}/diterima-pemohon", data={"diterima_pada": "2026-12-02"})
    assert done.status_code == 303
    page = text(b.get(f"/kasus/{ticket}"))
    assert "Tercatat: pemohon menerima surat pada 2 Des 2026." in page
    assert "Pemohon menerima surat pada 2 Des 2026" in page  # recorded: offered for correction only
    assert 'value="2026-12-02"' in page
    assert "Perbaiki tanggal" in page
    events = client.get(f"{API}/cases/{ticket}/events", headers=login("ppid")).json["items"]
    assert [e["data"]["delivered_on"] for e in events if e["type"] == "notice_delivered"] == ["2026-12-02"]


def test_a_misread_delivery_receipt_is_corrected_on_the_case_page_and_the_window_follows(browser, desk, client):
    """A recorded receipt could be corrected over the API alone; the page hid the form once a date was recorded."""
    ticket = _granted(desk)
    first = browser("petugas")
    first.get(f"/kasus/{ticket}")
    first.post(f"/kasus/{ticket}/diterima-pemohon", data={"diterima_pada": "2026-12-02"})
    with time_machine.travel(datetime(2026, 12, 7, 3, 0, tzinfo=UTC), tick=True):  # Mon 7 Dec 2026
        b = browser("petugas")
        b.get(f"/kasus/{ticket}")
        b.post(f"/kasus/{ticket}/diterima-pemohon", data={"diterima_pada": "2026-12-04"})  # the receipt said Friday
        page = text(b.get(f"/kasus/{ticket}"))
        token = client.post(f"{API}/auth/token", json={"username": "ppid", "password": PASSWORD}).json["token"]
        reader = {"Authorization": f"Bearer {token}"}
        events = client.get(f"{API}/cases/{ticket}/events", headers=reader).json["items"]
        chain = client.get(f"{API}/cases/{ticket}", headers=reader).json
    assert "Pemohon menerima surat pada 4 Des 2026" in page
    assert [e["data"]["delivered_on"] for e in events if e["type"] == "notice_delivered"] == [
        "2026-12-02",
        "2026-12-04",
    ]
    (o30,) = [c for m in chain["chain"] for c in m["clocks"] if c["name"] == "O30"]
    assert o30["start_at"][:10] == "2026-12-04", o30  # counted from the new date


def test_a_letter_sent_by_e_mail_needs_no_receipt_and_an_auditor_records_none(browser, desk, client, login):
    """An e-mail is received the day it is sent (UU ITE Pasal 8): nothing to record. An auditor records nothing."""
    assert "diterima-pemohon" not in text(browser("petugas").get(f"/kasus/{_granted(desk, 'email')}"))
    ticket = _granted(desk)
    auditor = browser("auditor")
    assert "diterima-pemohon" not in text(auditor.get(f"/kasus/{ticket}"))
    auditor.post(f"/kasus/{ticket}/diterima-pemohon", data={"diterima_pada": "2026-12-02"})
    events = client.get(f"{API}/cases/{ticket}/events", headers=login("ppid")).json["items"]
    assert [e for e in events if e["type"] == "notice_delivered"] == []
