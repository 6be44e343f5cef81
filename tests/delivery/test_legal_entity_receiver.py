"""Who received the information for a legal entity, on the handover record (legal-process.md §1 and §3.2).

An Indonesian legal entity may request public information: it is named with its legalisation decree's number in
place of a NIK, and it acts through people: its management, its employees, or someone holding its power of
attorney. A walk found the handover record (Berita Acara Serah Terima) printing the entity's name where a person
signs and recording nobody who received it. Now:

- the delivery form asks who received it for the entity (name, position, and as what: pengurus, karyawan or holder
  of a power of attorney) only when the requester is a legal entity, and requires it when the information is handed
  over in person to someone other than the proxy on record (whose own data the record prints); a person who receives
  in person is asked nothing more, and an answer sent anyway on a person's request is not kept;
- the record prints "Yang menerima: <name>, <position>, selaku ..., untuk dan atas nama <entity>" and has that
  person sign, in Bahasa Indonesia and in English;
- the receiver is a person's data: sealed in the vault, never in the workflow's data, the case history, a message
  row or the audit export (the database holds their name nowhere in plain text).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
import time_machine
from pypdf import PdfReader
from sqlalchemy import select

from tests.conftest import request_payload
from tests.delivery.conftest import handover, walk_to_delivery
from tests.helpers import GRANT_REQUEST
from tests.web.pages import text as page_text

API = "/api/v1"
DECREE = "AHU-0012345.AH.01.04.2019"
ENTITY = {
    "requester": {**request_payload()["requester"], "name": "Yayasan Riset Terbuka", "nik": DECREE},
    "requester_type": "badan_hukum",
}
RECEIVER = {"nama": "Hendra Kusumawardhana", "jabatan": "Direktur Eksekutif", "hubungan": "pengurus"}
IN_PERSON = {"biaya_dibayar": 0, "cara_penyerahan": "langsung", "penerima": "pemohon"}


# The form's rules, the record and the page do not depend on the database: read on SQLite; where the receiver is
# kept (every table, the vault) is proved on both.
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=True):
        yield


def _given(desk, ticket: str, **extra) -> dict:
    """The delivery form's data: handed over in person today, with ``extra``."""
    return handover(desk, ticket, {**IN_PERSON, "tanggal_penyerahan": desk.case(ticket)["received_at"][:10]}, **extra)


def _handover_texts(app, ticket: str) -> dict[str, str]:
    """The handover record's text by language, whitespace collapsed."""
    from api.extensions import db
    from engine.letters import production
    from engine.models import Case, Letter

    out = {}
    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        case_id = db.session.scalar(select(Case.id).where(Case.ticket == ticket))
        query = select(Letter).where(Letter.case_id == case_id, Letter.kind == "berita_acara_serah_terima")
        for letter in db.session.scalars(query):
            made = production.produce(rt, production.prepare(db.session, rt, letter.id))
            words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(made)).pages)
            out[letter.locale] = " ".join(words.split())
    return out


@SQLITE_ONLY
def test_a_legal_entity_handed_the_information_in_person_must_say_who_received_it(desk):
    ticket = walk_to_delivery(desk, **GRANT_REQUEST, **ENTITY, locale="en")["ticket"]
    refused = desk.complete(ticket, "penyerahan_informasi", _given(desk, ticket), expect=422)
    assert "yang_menerima" in refused["errors"], refused
    assert "penyerahan_informasi" in desk.open_tasks(ticket)  # nothing written
    half = {"nama": "Budi", "hubungan": "karyawan"}  # the position left out
    refused = desk.complete(ticket, "penyerahan_informasi", _given(desk, ticket, yang_menerima=half), expect=422)
    assert "yang_menerima.jabatan" in refused["errors"], refused
    desk.complete(ticket, "penyerahan_informasi", _given(desk, ticket, yang_menerima=RECEIVER))
    assert "penyerahan_informasi" not in desk.open_tasks(ticket)


@SQLITE_ONLY
def test_a_legal_entity_s_delivery_by_post_may_leave_who_received_it_out(desk):
    """Sent by post, nobody at the desk received it: the record keeps a line for whoever signs for the entity."""
    ticket = walk_to_delivery(desk, obtain_method="salinan_hardcopy", delivery_method="pos", **ENTITY)["ticket"]
    desk.complete(ticket, "penyerahan_informasi", _given(desk, ticket, cara_penyerahan="pos"))
    assert "penyerahan_informasi" not in desk.open_tasks(ticket)


@SQLITE_ONLY
def test_a_person_who_receives_in_person_is_asked_no_receiver_and_one_sent_anyway_is_not_kept(desk, client, login):
    ticket = walk_to_delivery(desk, **GRANT_REQUEST)["ticket"]
    task = desk.task(ticket, "penyerahan_informasi")
    schema = client.get(f"{API}/tasks/{task['id']}", headers=login("petugas")).json["form_schema"]
    assert "yang_menerima" not in schema["properties"]
    assert schema["x-not-asked"] == ["yang_menerima"]
    assert all("yang_menerima" not in rule["then"]["required"] for rule in schema.get("allOf", []))
    desk.complete(ticket, "penyerahan_informasi", _given(desk, ticket, yang_menerima=RECEIVER))
    events = client.get(f"{API}/cases/{ticket}/events", headers=login("ppid")).json["items"]
    (done,) = [e for e in events if e["type"] == "task_completed" and e["data"]["task"] == "penyerahan_informasi"]
    assert "yang_menerima" not in done["data"]["data"]
    assert "yang_menerima_party_id" not in done["data"]["data"]


@SQLITE_ONLY
def test_the_proxy_on_record_who_received_it_is_not_named_twice(desk):
    """Received by the requester's representative on record: the record prints the proxy; a second receiver for the
    same handover is refused, nothing written."""
    proxy = {"name": "Sri Rahayu", "address": "Jl. Kuasa 2", "nomor_surat_kuasa": "SK-01/2026"}
    proxy["tanggal_surat_kuasa"] = "2026-12-01"
    ticket = walk_to_delivery(desk, **GRANT_REQUEST, **ENTITY, kuasa=proxy)["ticket"]
    given = _given(desk, ticket, penerima="kuasa", yang_menerima=RECEIVER)
    refused = desk.complete(ticket, "penyerahan_informasi", given, expect=422)
    assert "yang_menerima" in refused["errors"], refused
    desk.complete(ticket, "penyerahan_informasi", _given(desk, ticket, penerima="kuasa"))
    assert "penyerahan_informasi" not in desk.open_tasks(ticket)


@SQLITE_ONLY
def test_the_record_names_who_received_it_for_and_on_behalf_of_the_entity_in_both_languages(app, desk):
    ticket = walk_to_delivery(desk, **GRANT_REQUEST, **ENTITY, locale="en")["ticket"]
    by_attorney = {**RECEIVER, "jabatan": "Staf Hukum", "hubungan": "kuasa"}
    desk.complete(ticket, "penyerahan_informasi", _given(desk, ticket, yang_menerima=by_attorney))
    texts = _handover_texts(app, ticket)
    indonesian, english = texts["id"], texts["en"]
    assert (
        "Yang menerima : Hendra Kusumawardhana, Staf Hukum, berdasarkan surat kuasa, "
        "untuk dan atas nama Yayasan Riset Terbuka" in indonesian
    )
    assert (
        "Received by : Hendra Kusumawardhana, Staf Hukum, under a power of attorney, "
        "for and on behalf of Yayasan Riset Terbuka" in english
    )
    # The receiving side: signed by that person for the entity, not a blank line and not the entity as a person.
    assert "untuk dan atas nama Pemohon, Yayasan Riset Terbuka" in indonesian
    assert "for and on behalf of the requester, Yayasan Riset Terbuka" in english
    for words in texts.values():
        assert "(........................................) Nama penerima" not in words
        assert "Name of the person receiving" not in words
        assert words.count("Hendra Kusumawardhana") == 2  # the facts and the signature
        assert DECREE in words


def test_the_receiver_is_sealed_in_the_vault_not_in_the_workflow_history_or_export(app, desk, client, login):
    ticket = walk_to_delivery(desk, **GRANT_REQUEST, **ENTITY)["ticket"]
    desk.complete(ticket, "penyerahan_informasi", _given(desk, ticket, yang_menerima=RECEIVER))
    events = client.get(f"{API}/cases/{ticket}/events", headers=login("ppid")).json["items"]
    (done,) = [e for e in events if e["type"] == "task_completed" and e["data"]["task"] == "penyerahan_informasi"]
    assert "yang_menerima" not in done["data"]["data"]
    party_id = done["data"]["data"]["yang_menerima_party_id"]
    export = client.get(f"{API}/audit/export", query_string={"ticket": ticket}, headers=login("auditor"))
    assert export.status_code == 200
    assert "Kusumawardhana" not in export.get_data(as_text=True)
    assert "Direktur Eksekutif" not in export.get_data(as_text=True)

    from api.extensions import db
    from engine.models import Base, Party

    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        assert rt.vault.read(db.session.get(Party, party_id)) == RECEIVER  # kept, sealed
        # No table holds the name in plain text: not the workflow's state, the history, the outbox, the jobs.
        for table in Base.metadata.sorted_tables:
            for row in db.session.execute(select(table)):
                plain = " ".join(str(v) for v in row if isinstance(v, str))
                assert "Kusumawardhana" not in plain, table.name
                assert "Direktur Eksekutif" not in plain, table.name


@SQLITE_ONLY
def test_the_page_asks_a_legal_entity_who_received_it_required_when_handed_over_in_person(desk, browser):
    entity = walk_to_delivery(desk, **GRANT_REQUEST, **ENTITY)["ticket"]
    person = walk_to_delivery(desk, **GRANT_REQUEST)["ticket"]
    petugas = browser("petugas")
    page = page_text(petugas.get(f"/tugas/{desk.task(entity, 'penyerahan_informasi')['id']}"))
    assert 'name="yang_menerima.nama"' in page
    assert 'name="yang_menerima.hubungan"' in page
    assert "Yang menerima untuk badan hukum" in page
    assert "wajib bila diserahkan langsung, bukan kepada kuasa pemohon" in page
    page = page_text(petugas.get(f"/tugas/{desk.task(person, 'penyerahan_informasi')['id']}"))
    assert "cara_penyerahan" in page  # the form is there
    assert "yang_menerima" not in page
