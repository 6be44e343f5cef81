"""An English requester's letters read true (a walk of an English requester's letters), in both copies:

- the written notice's point f says how the information reaches the requester ("PDF; collected in person", "PDF;
  delivered by post"), not "delivered collected in person";
- a legal entity is printed with its legalisation decree's number (its form records it in the NIK's place), its
  "occupation" labelled as what kind of body it is; its handover record (BAST) names the person who received it for
  the entity, who signs (tests/delivery/test_legal_entity_receiver.py); a person's letters stay as they were;
- the receipt for the fee (kuitansi) states the amount in words, in each copy's language ("terbilang").

On SQLite alone: a letter's words are Python's over rows either database returns alike; a legal entity's requester
and its receiver sealed in the vault and read back are proved on PostgreSQL by
tests/delivery/test_legal_entity_receiver.py.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
import time_machine
from pypdf import PdfReader
from sqlalchemy import select

from tests.api.test_letters_api import to_notice
from tests.conftest import request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a letter's words
from tests.delivery.conftest import handover
from tests.helpers import NOTICE, dated

DECREE = "AHU-0012345.AH.01.04.2019"
ENTITY = {
    "requester": {**request_payload()["requester"], "name": "Yayasan Riset Terbuka", "nik": DECREE},
    "requester_type": "badan_hukum",
}
ENTITY["requester"]["occupation"] = "Research institute"
PERSON_NIK = request_payload()["requester"]["nik"]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=True):
        yield


def _letters(app, ticket: str) -> dict[tuple[str, str], str]:
    """Every letter of the case made now, its text by (kind, language), whitespace collapsed."""
    from api.extensions import db
    from engine.letters import production
    from engine.models import Case, Letter

    out = {}
    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        case_id = db.session.scalar(select(Case.id).where(Case.ticket == ticket))
        for letter in db.session.scalars(select(Letter).where(Letter.case_id == case_id)):
            made = production.produce(rt, production.prepare(db.session, rt, letter.id))
            text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(made)).pages)
            out[(letter.kind, letter.locale)] = " ".join(text.split())
    return out


def _paid_and_handed_over(client, login, desk, ticket: str, **receiver) -> None:
    """The notice states three printed pages at Rp500 (a fee standard set today), paid, collected in person."""
    from engine import clock

    tz = client.application.extensions["kawal_runtime"].calendars["strict"].tz
    today = clock.now().astimezone(tz).date().isoformat()
    rate = {"code": "halaman", "amount": 500, "effective_from": today, "legal_basis": "Keputusan Kakanwil"}
    assert client.post("/api/v1/fee-standard", json=rate, headers=login("admin")).status_code in (201, 409)
    received_on = desk.case(ticket)["received_at"][:10]
    notice = {k: v for k, v in dated(NOTICE[desk.decisions[ticket]], received_on).items() if k != "biaya"}
    notice |= {"jumlah_halaman": 3, "bentuk_salinan": "hardcopy", "cara_pembayaran": "Transfer ke rekening kantor"}
    desk.complete(ticket, "pemberitahuan_tertulis", notice)
    paid = {"jumlah_dibayar": 1500, "nomor_tanda_bukti_pembayaran": "BRI-0001", "tanggal_pembayaran": today}
    desk.complete(ticket, "catat_pembayaran", paid)
    given = {"biaya_dibayar": 1500, "tanggal_penyerahan": today, "cara_penyerahan": "langsung", "penerima": "pemohon"}
    given |= receiver  # a legal entity's: who received it for the entity
    desk.complete(ticket, "penyerahan_informasi", handover(desk, ticket, given), files={})


HARD_COPY = {"locale": "en", "obtain_method": "salinan_hardcopy", "delivery_method": "langsung"}


def test_a_person_s_letters_say_how_it_is_delivered_and_the_fee_in_words(app, client, login, desk):
    ticket = to_notice(desk, **HARD_COPY)["ticket"]
    _paid_and_handed_over(client, login, desk, ticket)
    letters = _letters(app, ticket)
    assert "PDF; collected in person." in letters[("pemberitahuan_tertulis", "en")]
    assert "delivered collected" not in letters[("pemberitahuan_tertulis", "en")]
    assert "PDF; cara penyampaian: diambil langsung." in letters[("pemberitahuan_tertulis", "id")]
    assert "Amount in words : One thousand five hundred rupiah" in letters[("kuitansi", "en")]
    assert "Terbilang : Seribu lima ratus rupiah" in letters[("kuitansi", "id")]
    for text in letters.values():  # a person: no decree, no NIK, and their name signs the handover
        assert "decree no." not in text
        assert "pengesahan badan hukum" not in text
        assert PERSON_NIK not in text
        assert "Kind of body" not in text
        assert "Jenis badan hukum" not in text
    assert "Occupation : Peneliti" in letters[("tanda_bukti_penerimaan", "en")]
    assert "Name of the person receiving" not in letters[("berita_acara_serah_terima", "en")]
    assert "The requester" in letters[("berita_acara_serah_terima", "en")]


def test_a_legal_entity_is_named_with_its_decree_and_a_person_signs_for_it(app, client, login, desk):
    ticket = to_notice(desk, **HARD_COPY, **ENTITY)["ticket"]
    received_by = {"nama": "Budi Santoso", "jabatan": "Direktur", "hubungan": "pengurus"}
    _paid_and_handed_over(client, login, desk, ticket, yang_menerima=received_by)
    letters = _letters(app, ticket)
    for (kind, locale), text in letters.items():
        if kind in ("penetapan_pengecualian",):
            continue
        label = "Legal-entity decree no." if locale == "en" else "Nomor pengesahan badan hukum"
        assert f"{label} : {DECREE}" in text, (kind, locale)
        assert "Occupation" not in text, (kind, locale)
        assert "Pekerjaan" not in text, (kind, locale)
    assert "Kind of body : Research institute" in letters[("tanda_bukti_penerimaan", "en")]
    assert "Jenis badan hukum : Research institute" in letters[("tanda_bukti_penerimaan", "id")]
    english, indonesian = letters[("berita_acara_serah_terima", "en")], letters[("berita_acara_serah_terima", "id")]
    assert "for and on behalf of the requester, Yayasan Riset Terbuka" in english
    assert "Budi Santoso Direktur" in english  # the position as recorded
    assert "(........................................)" not in english
    assert "untuk dan atas nama Pemohon, Yayasan Riset Terbuka" in indonesian
    assert "Budi Santoso Direktur" in indonesian


def test_a_legal_entity_s_refusal_names_its_decree_and_its_kind_of_body(app, desk):
    ticket = to_notice(desk, "ditolak_dikecualikan", locale="en", **ENTITY)["ticket"]
    desk.complete(ticket, "pemberitahuan_tertulis")
    letters = _letters(app, ticket)
    refusal = letters[("keputusan_penolakan", "en")]
    assert f"Legal-entity decree no. : {DECREE}" in refusal
    assert "Kind of body : Research institute" in refusal
    assert "Jenis badan hukum : Research institute" in letters[("keputusan_penolakan", "id")]
