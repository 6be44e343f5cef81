"""A refusal says its values in the reader's words (engine.messages, api.language.say): a reveal request's decision
is "disetujui" to an Indonesian reader, never the stored "approved"; an English reader reads money as the English
letters write it ("IDR 26,000"), never "Rp26.000"."""

from datetime import UTC, datetime

import time_machine

from engine import clock
from tests.api.test_bad_input import assert_refused
from tests.conftest import complaint_payload
from tests.helpers import decision, second_factor_login

API = "/api/v1"
ENGLISH = {"Accept-Language": "en"}


def test_a_reveal_decided_already_is_refused_with_the_decision_in_the_reader_s_words(app, client, login):
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=True):
        filed = client.post(f"{API}/complaints", json=complaint_payload("whistleblower"))
        assert filed.status_code == 201, filed.json
        ticket = filed.json["ticket"]
        asked = client.post(
            f"{API}/complaints/{ticket}/reveal-requests",
            json={"reason": "LPSK meminta identitas pelapor untuk perlindungan saksi"},
            headers=login("tim"),
        )
        url = f"{API}/complaints/{ticket}/reveal-requests/{asked.json['id']}"
        approved = client.post(
            f"{url}/approve", json={"note": "Disetujui untuk LPSK"}, headers=second_factor_login(app, client, "wbs")
        )
        assert approved.status_code == 200, approved.json
        again = client.post(f"{url}/refuse", json={"note": "Belum perlu"}, headers=login("wbs2"))
        assert_refused(again, 409)
        assert again.json["message"] == "permintaan sudah disetujui"
        english = client.post(f"{url}/refuse", json={"note": "Not yet"}, headers=login("wbs2") | ENGLISH)
        assert english.json["message"] == "the request is already approved"


def _price(client, login, code, amount, on):
    body = {"code": code, "amount": amount, "effective_from": on, "legal_basis": "Keputusan Kepala Kantor 12/2026"}
    assert client.post(f"{API}/fee-standard", json=body, headers=login("admin")).status_code == 201


def test_an_english_refusal_writes_the_fee_as_the_english_letters_do(client, login, desk, unchanged):
    today = clock.now().astimezone(client.application.extensions["kawal_runtime"].calendars["strict"].tz)
    today = today.date().isoformat()
    _price(client, login, "halaman", 500, today)
    _price(client, login, "pos", 20_000, today)
    ticket = desk.submit(obtain_method="salinan_hardcopy", delivery_method="pos")["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    notice = {
        "informasi_dikuasai": True,
        "materi_diberikan": "Daftar penerima beasiswa 2026",
        "bentuk_salinan": "softcopy_hardcopy",
        "media_format": "Kertas A4 dan PDF",
        "jumlah_halaman": 12,
        "dikirim_pos": True,
        "cara_pembayaran": "Transfer ke rekening BLU kantor",
        "jadwal_penyerahan": today,
        "tanggal_pemberitahuan": today,
        "dikirim_melalui": "email",
    }
    task = desk.task(ticket, "pemberitahuan_tertulis")
    with unchanged():
        for language in ("en", "id"):
            r = client.post(
                f"{API}/tasks/{task['id']}/complete",
                json={"data": {**notice, "biaya": 1_000}},
                headers=login("ppid") | {"Accept-Language": language},
            )
            assert_refused(r, 422, {"biaya"})
            (said,) = r.json["errors"]["biaya"]
            if language == "en":
                assert said.endswith(": IDR 26,000"), said
                assert "Rp" not in said
            else:
                assert said.endswith(": Rp26.000"), said
    desk.complete(ticket, "pemberitahuan_tertulis", notice)
    payment = {"jumlah_dibayar": 25_000, "nomor_tanda_bukti_pembayaran": "BRI-000123", "tanggal_pembayaran": today}
    pay = desk.task(ticket, "catat_pembayaran")
    with unchanged():
        r = client.post(f"{API}/tasks/{pay['id']}/complete", json={"data": payment}, headers=login("petugas") | ENGLISH)
    assert_refused(r, 422, {"jumlah_dibayar"})
    (said,) = r.json["errors"]["jumlah_dibayar"]
    assert said == "must equal the fee stated in the written notice: IDR 26,000"


def test_money_in_a_refusal_is_written_in_each_language_and_in_english_for_the_cli():
    from api.language import say
    from engine.messages import Money, msg

    told = msg("fee_must_equal_notice", total=Money(26_000))
    assert say(told, "id") == "harus sama dengan biaya dalam pemberitahuan tertulis: Rp26.000"
    assert say(told, "en") == str(told) == "must equal the fee stated in the written notice: IDR 26,000"
