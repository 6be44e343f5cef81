"""A granted objection's order on a request still being handled, as the officers read it (legal-process.md §4.4), and
each language of a bilingual letter told apart in the history.

The walk: after the superior granted KEB-2026-000002 (ground c) the request's page said only "Hasil kasus terkait |
keberatan_dikabulkan", in the name of whoever sent the response; and an English copy's issue read the same as its
Indonesian original's ("Surat diterbitkan B-…" twice)."""

from datetime import UTC, datetime

import time_machine
from sqlalchemy import select

from api.extensions import db
from engine import status
from engine.models import User
from tests.api.test_chain_api import decided
from tests.helpers import decision
from tests.web.pages import text
from tests.web.test_portal_objection_language import objected_in

RECEIVED = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)  # Mon 2 Nov 2026, 10:00 WIB: a letter by post
OPENED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # typed in a month later: T10 has lapsed
ORDER = "Segera memberikan salinan kontrak kepada pemohon"


def _granted_while_open(desk, login, client, grounds=("c", "e")):
    receipt = desk.submit(headers=login("petugas"), channel="pos", received_at=RECEIVED.isoformat())
    r = client.post(
        "/api/v1/objections",
        json={
            "ticket": receipt["ticket"],
            "access_code": receipt["access_code"],
            "alasan": list(grounds),
            "kasus_posisi": "Permohonan saya tidak ditanggapi dalam 10 hari kerja",
        },
    )
    assert r.status_code == 201, r.json
    objection = r.json["ticket"]
    desk.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    desk.complete(objection, "tawarkan_musyawarah", {"hasil": "tidak_bersedia"})
    desk.complete(objection, "susun_kronologi", {"kronologi": "Belum dijawab", "pertimbangan_ppid": "Terlambat"})
    granted = {
        "keputusan": "keberatan_dikabulkan_seluruhnya",
        "tanggal_keputusan": "2026-12-02",
        "perintah_kepada_ppid": ORDER,
    }
    desk.complete(objection, "putuskan_keberatan", granted)
    desk.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": "2026-12-02", "dikirim_melalui": "email"})
    return receipt["ticket"], objection


def test_the_request_s_pages_show_the_superior_s_binding_order_and_its_decision_may_not_refuse_it(
    app, desk, login, client, browser
):
    with time_machine.travel(OPENED, tick=True):
        request, objection = _granted_while_open(desk, login, client)
        with app.app_context():
            superior = db.session.scalar(select(User.display_name).where(User.username == "atasan"))
        ppid = browser("ppid")
        page = text(ppid.get(f"/kasus/{request}"))
        assert "Perintah Atasan PPID yang mengikat" in page
        assert f"Keberatan {objection} dikabulkan seluruhnya pada 2 Des 2026 oleh Atasan PPID: {superior}." in page
        assert f"Perintah kepada PPID: “{ORDER}”" in page
        # No article cited as making it binding: Pasal 36 sets the objection's windows (legal-process.md §4.2).
        assert "Keputusan ini mengikat PPID: permohonan ini hanya dapat dikabulkan seluruhnya" in page
        # The history: the objection, its outcome and day, what it does here; in the superior's name, not the code.
        granted = status.label("keberatan_dikabulkan_seluruhnya", "id")
        line = f"{objection} · {granted} · 2 Des 2026 · mengikat PPID pada permohonan yang masih diproses"
        assert line in page
        assert f"<td>{superior}</td>" in page.split(line)[1][:400]
        assert ">keberatan_dikabulkan<" not in page

        task = desk.task(request, "periksa_kelengkapan")
        assert "Perintah Atasan PPID yang mengikat" in text(ppid.get(f"/tugas/{task['id']}"))

        for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
            desk.complete(request, step)
        refused = desk.complete(request, "putuskan", decision("ditolak_dikecualikan"), expect=422)
        assert objection in refused["errors"]["keputusan"][0]
        desk.complete(request, "putuskan", decision("dikabulkan_seluruhnya"))


def test_an_objection_granted_on_ground_c_alone_orders_the_request_answered_and_a_refusal_is_an_answer(
    desk, login, client, browser
):
    with time_machine.travel(OPENED, tick=True):
        request, objection = _granted_while_open(desk, login, client, grounds=("c",))
        ppid = browser("ppid")
        page = text(ppid.get(f"/kasus/{request}"))
        assert "Perintah Atasan PPID yang mengikat" in page
        assert "permohonan ini wajib ditanggapi dengan pemberitahuan tertulis" in page
        assert "hanya dapat dikabulkan" not in page
        ppid.get("/bahasa/en")
        assert "The decision binds the PPID: this request must be answered" in text(ppid.get(f"/kasus/{request}"))
        for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
            desk.complete(request, step)
        desk.complete(request, "putuskan", decision("ditolak_dikecualikan"))
        assert "uji_konsekuensi" in desk.open_tasks(request)  # decided: on to the consequence test


def test_each_language_of_a_bilingual_letter_is_named_in_the_history(app, desk, browser):
    with time_machine.travel(OPENED, tick=True):
        receipt = decided(desk)
        objection = objected_in(browser, receipt, "en")
        desk.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
        page = text(browser("ppid").get(f"/kasus/{objection}"))
    issued = [line for line in page.splitlines() if "Tanda Terima Keberatan" in line and " · " in line]
    assert any("· Bahasa Indonesia" in line for line in issued), issued
    assert any("· English" in line for line in issued), issued
