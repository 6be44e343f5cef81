"""An information request filed by a proxy with a special power of attorney (legal-process.md §3.2: "Surat kuasa
khusus (if represented)"; engine.proxy_data): the proxy is sealed in the vault, never in the case's data, its
workflow or its history; the receipt names who filed, the notices copy the proxy; the register of requests names
them; the desk reads, corrects, appoints and ends a request's proxy as an objection's, checked by the request
form (no meterai: only an objection's power of attorney must bear it, Perki 1/2021 Pasal 39(4)).

On PostgreSQL too: the search for the proxy's name across every table, the proxy read back from the vault with the
case, the register that names them, and the day a proxy was recorded read back from the history (a time zone's
instant, the office's day). The rest is Python over rows either database returns alike (the letters' wording, the
form's and the law's checks, who is named or copied, a closed case's refusals): their PostgreSQL twins ran the same
Python again."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import inspect, select

from api.extensions import db
from engine import proxy_data
from engine.models import Base, Case, CaseEvent
from tests.conftest import complaint_payload, request_payload, sqlite_only
from tests.helpers import DELIVERED, STEP, dated, decision

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
PROXY = {
    "name": "Rahmat Hidayat, S.H.",
    "address": "Jl. Cikini Raya 5, Jakarta Pusat",
    "phone": "0813 2222 3333",
    "nomor_surat_kuasa": "SKK-19/XII/2026",
    "tanggal_surat_kuasa": "2026-12-01",
}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def by_proxy(desk, **proxy) -> dict:
    return desk.submit(kuasa={**PROXY, **proxy})


def letters(client, login, ticket) -> dict:
    base = f"{API}/cases/{ticket}/letters"
    return {x["kind"]: f"{base}/{x['id']}/print" for x in client.get(base, headers=login("ppid")).json["items"]}


def printed(client, login, url) -> str:
    r = client.get(url, headers=login("ppid"))
    assert r.status_code == 200, url
    return r.get_data(as_text=True)


def decided(desk, ticket, outcome="ditolak_dikecualikan") -> None:
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision(outcome))
    desk.complete(ticket, "uji_konsekuensi")
    desk.complete(ticket, "tetapkan_pengecualian")
    desk.complete(ticket, "pemberitahuan_tertulis")


def test_a_proxy_s_request_keeps_the_proxy_in_the_vault_never_in_the_case_its_workflow_or_history(app, desk):
    ticket = by_proxy(desk)["ticket"]
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        assert isinstance(case.details["kuasa_party_id"], int)
        names = set(inspect(db.engine).get_table_names())
        for table in Base.metadata.sorted_tables:
            if table.name not in names:
                continue
            for row in db.session.execute(select(table)).all():
                text = repr(tuple(row))
                assert PROXY["name"] not in text, table.name
                assert PROXY["nomor_surat_kuasa"] not in text, table.name


def test_the_desk_reads_the_request_s_proxy_with_the_case_and_a_unit_or_an_auditor_does_not(client, desk, login):
    ticket = by_proxy(desk)["ticket"]
    assert client.get(f"{API}/cases/{ticket}", headers=login("petugas")).json["proxy"] == PROXY | {"revoked": False}
    for who in ("auditor", "unit"):
        seen = client.get(f"{API}/cases/{ticket}", headers=login(who))
        if seen.status_code == 200:
            assert seen.json["proxy"] is None
        assert PROXY["name"] not in seen.get_data(as_text=True)


@sqlite_only
def test_the_receipt_names_the_proxy_who_filed_and_the_written_notice_and_refusal_copy_them(client, desk, login):
    ticket = by_proxy(desk)["ticket"]
    decided(desk, ticket)
    issued = letters(client, login, ticket)
    receipt = printed(client, login, issued["tanda_bukti_penerimaan"])
    assert (
        f"Diajukan melalui kuasa pemohon, Sdr. {PROXY['name']}, beralamat di {PROXY['address']}, berdasarkan Surat "
        "Kuasa Khusus Nomor SKK-19/XII/2026 tanggal 1 Desember 2026."
    ) in receipt
    assert "Tembusan" not in receipt  # given to whoever filed it: named, not copied
    notice = printed(client, login, issued["pemberitahuan_tertulis"])
    assert f"Tembusan:</p>\n<ol><li>Sdr. {PROXY['name']}, kuasa pemohon.</li></ol>" in notice
    assert PROXY["address"] not in notice  # a copy line names, it does not address
    decree = printed(client, login, issued["keputusan_penolakan"])
    assert f"Salinan Keputusan ini disampaikan kepada:</p>\n<ol><li>Sdr. {PROXY['name']}, kuasa pemohon." in decree


@sqlite_only
def test_a_request_filed_in_person_names_and_copies_no_proxy(client, desk, login):
    ticket = desk.submit()["ticket"]
    decided(desk, ticket)
    for kind, url in letters(client, login, ticket).items():
        page = printed(client, login, url)
        assert "kuasa pemohon" not in page, kind


@sqlite_only
@pytest.mark.parametrize(
    ("proxy", "field"),
    [
        ({"tanggal_surat_kuasa": None}, "kuasa.tanggal_surat_kuasa"),  # the power of attorney is what makes a proxy
        ({"tanggal_surat_kuasa": "1/12/2026"}, "kuasa.tanggal_surat_kuasa"),
        ({"name": "R"}, "kuasa.name"),
        ({"phone": "call me"}, "kuasa.phone"),
    ],
)
def test_a_proxy_the_request_form_refuses_is_refused_beside_its_field_and_files_nothing(
    client, unchanged, proxy, field
):
    kuasa = {k: v for k, v in {**PROXY, **proxy}.items() if v is not None}
    with unchanged():
        r = client.post(f"{API}/requests", json=request_payload(kuasa=kuasa))
    assert r.status_code == 422, r.json
    assert field in str(r.json), r.json


def test_the_register_of_requests_names_the_proxy_to_those_who_read_identities(client, desk, login):
    ticket = by_proxy(desk)["ticket"]
    register = client.get(f"{API}/registers/permohonan_informasi", headers=login("ppid"))
    assert register.status_code == 200, register.json
    (row,) = [x for x in register.json["items"] if x["ticket"] == ticket]
    assert row["proxy_name"] == PROXY["name"]
    hidden = client.get(f"{API}/registers/permohonan_informasi", headers=login("auditor"))
    assert hidden.status_code == 200, hidden.json
    assert PROXY["name"] not in hidden.get_data(as_text=True)


def put(client, login, ticket, who="petugas", **proxy):
    kuasa = {k: v for k, v in {**PROXY, **proxy}.items() if v is not None}
    body = {"kuasa": kuasa, "reason": "kesalahan_pencatatan"}
    return client.put(f"{API}/cases/{ticket}/proxy", json=body, headers=login(who))


@sqlite_only
def test_the_desk_corrects_a_request_s_proxy_by_the_request_form_without_meterai(app, client, desk, login, unchanged):
    ticket = by_proxy(desk)["ticket"]
    with unchanged():
        stamped = put(client, login, ticket, bermeterai=True)  # an objection's field: the request form has none
    assert stamped.status_code == 422, stamped.json
    r = put(client, login, ticket, nomor_surat_kuasa="SKK-20/XII/2026")
    assert r.status_code == 200, r.json
    assert r.json["changed"] == ["nomor_surat_kuasa"]
    with app.app_context():
        (event,) = db.session.scalars(
            select(CaseEvent).join(Case).where(Case.ticket == ticket, CaseEvent.type == proxy_data.EVENT)
        ).all()
        assert event.data == {"fields": ["nomor_surat_kuasa"], "reason": "kesalahan_pencatatan"}
    desk.complete(ticket, "periksa_kelengkapan")
    desk.complete(ticket, "registrasi")
    receipt = printed(client, login, letters(client, login, ticket)["tanda_bukti_penerimaan"])
    assert "SKK-20/XII/2026" in receipt  # issued after the correction: the number as corrected


@sqlite_only
def test_a_proxy_appointed_after_the_request_is_copied_and_one_whose_power_ended_is_not(client, desk, login):
    ticket = desk.submit()["ticket"]
    appointed = client.post(f"{API}/cases/{ticket}/proxy", json={"kuasa": PROXY}, headers=login("petugas"))
    assert appointed.status_code == 201, appointed.json
    assert appointed.json["proxy"] == PROXY | {"revoked": False}
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    desk.complete(ticket, "pemberitahuan_tertulis")
    notice = printed(client, login, letters(client, login, ticket)["pemberitahuan_tertulis"])
    assert f"<li>Sdr. {PROXY['name']}, kuasa pemohon.</li>" in notice
    body = {"reason": "dicabut_pemohon"}
    ended = client.post(f"{API}/cases/{ticket}/proxy/revocation", json=body, headers=login("petugas"))
    assert ended.status_code == 200, ended.json
    desk.complete(ticket, "penyerahan_informasi")
    handover = printed(client, login, letters(client, login, ticket)["berita_acara_serah_terima"])
    assert PROXY["name"] not in handover  # handed over after the power ended: to the requester alone
    register = client.get(f"{API}/registers/permohonan_informasi", headers=login("ppid")).json["items"]
    assert [x["proxy_name"] for x in register if x["ticket"] == ticket] == [PROXY["name"]]  # who acted


@sqlite_only
@pytest.mark.parametrize("receiver", ["kuasa", "pemohon", None])
def test_the_handover_record_names_whoever_received_the_information(client, desk, login, receiver):
    ticket = by_proxy(desk)["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    desk.complete(ticket, "pemberitahuan_tertulis")
    handed = dated(STEP["penyerahan_informasi"], desk.case(ticket)["received_at"][:10])
    files = {"berkas_informasi": [("informasi.pdf", DELIVERED)]}  # by e-mail: with its files
    desk.complete(ticket, "penyerahan_informasi", handed | ({"penerima": receiver} if receiver else {}), files=files)
    handover = printed(client, login, letters(client, login, ticket)["berita_acara_serah_terima"])
    if receiver == "kuasa":  # the proxy came for it: named with their power, and signs
        assert f"Diterima melalui kuasa pemohon, Sdr. {PROXY['name']}" in handover
        assert re.search(rf"Kuasa Pemohon<br[^>]*>(<br>)*<p class=\"name\">{re.escape(PROXY['name'])}</p>", handover)
    else:  # the requester did, in person or by the channel chosen: the proxy is not named
        assert PROXY["name"] not in handover
        assert re.search(r"Pemohon<br[^>]*>(<br>)*<p class=\"name\">Ani Wijaya</p>", handover)


@sqlite_only
def test_a_complaint_is_never_given_a_proxy(client, login, unchanged):
    filed = client.post(f"{API}/complaints", json=complaint_payload())
    assert filed.status_code == 201, filed.json
    with unchanged():
        r = client.post(f"{API}/cases/{filed.json['ticket']}/proxy", json={"kuasa": PROXY}, headers=login("petugas"))
    assert r.status_code in (403, 404), r.json


def revoke(client, login, ticket, reason="dicabut_pemohon"):
    return client.post(f"{API}/cases/{ticket}/proxy/revocation", json={"reason": reason}, headers=login("petugas"))


@sqlite_only
def test_when_the_power_ends_the_code_the_proxy_knew_stops_working_and_the_requester_gets_a_new_one(client, desk):
    receipt = by_proxy(desk)  # the proxy filed on the portal: the code is theirs as much as the requester's
    ticket, old = receipt["ticket"], receipt["access_code"]
    assert client.post(f"{API}/status", json={"ticket": ticket, "access_code": old}).status_code == 200
    ended = revoke(client, desk.login, ticket)
    assert ended.status_code == 200, ended.json
    assert client.post(f"{API}/status", json={"ticket": ticket, "access_code": old}).status_code in (403, 404)
    if ended.json["access_code_sent"]:  # a channel reaches the requester: the message carries it, sealed
        assert ended.json["access_code"] is None
    else:  # none does: the desk hands it over, shown once
        new = ended.json["access_code"]
        assert client.post(f"{API}/status", json={"ticket": ticket, "access_code": new}).status_code == 200


@sqlite_only
def test_the_register_keeps_naming_the_proxy_who_filed_after_a_later_proxy_came_and_went(client, desk, login):
    ticket = by_proxy(desk)["ticket"]
    assert revoke(client, login, ticket).status_code == 200
    later = {"name": "Lina Herawati, S.H.", "address": "Jl. Kramat 2, Jakarta", "tanggal_surat_kuasa": "2026-12-02"}
    appointed = client.post(f"{API}/cases/{ticket}/proxy", json={"kuasa": later}, headers=login("petugas"))
    assert appointed.status_code == 201, appointed.json
    assert revoke(client, login, ticket, "kuasa_berakhir").status_code == 200
    register = client.get(f"{API}/registers/permohonan_informasi", headers=login("ppid")).json["items"]
    assert [x["proxy_name"] for x in register if x["ticket"] == ticket] == [PROXY["name"]]
    desk.complete(ticket, "periksa_kelengkapan")
    desk.complete(ticket, "registrasi")
    receipt = printed(client, login, letters(client, login, ticket)["tanda_bukti_penerimaan"])
    assert f"Sdr. {PROXY['name']}" in receipt  # who filed it, not whoever acted last
    assert later["name"] not in receipt


@sqlite_only
def test_a_handover_to_a_proxy_when_none_acts_for_the_requester_is_refused_beside_the_receiver(
    client, desk, login, unchanged
):
    ticket = desk.submit()["ticket"]  # filed in person: no proxy in office
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    desk.complete(ticket, "pemberitahuan_tertulis")
    handed = dated(STEP["penyerahan_informasi"], desk.case(ticket)["received_at"][:10]) | {"penerima": "kuasa"}
    with unchanged():
        refused = desk.complete(ticket, "penyerahan_informasi", handed, expect=422)
    assert "penerima" in str(refused["errors"]), refused


@sqlite_only
def test_a_power_of_attorney_dated_after_the_filing_is_refused_beside_its_field(client, unchanged):
    """A special power of attorney dated 1 March 2027 on a request filed on 2 December 2026 was accepted."""
    with unchanged():
        r = client.post(f"{API}/requests", json=request_payload(kuasa={**PROXY, "tanggal_surat_kuasa": "2027-03-01"}))
    assert r.status_code == 422, r.json
    assert r.json["errors"] == {"kuasa.tanggal_surat_kuasa": ["tidak boleh sesudah tanggal pengajuan"]}
    r = client.post(f"{API}/requests", json=request_payload(kuasa={**PROXY, "tanggal_surat_kuasa": "2026-12-02"}))
    assert r.status_code == 201, r.json


@sqlite_only
def test_information_sent_by_e_mail_needs_an_address_the_requester_s_or_the_proxy_s(client, unchanged):
    """A request by telephone alone with delivery "by e-mail" was filed, and its receipt printed "e-mail: -"."""
    phone_only = request_payload()
    del phone_only["requester"]["email"]
    with unchanged():
        r = client.post(f"{API}/requests", json=phone_only)
    assert r.status_code == 422, r.json
    assert r.json["errors"] == {"requester.email": ["wajib bila informasi dikirim melalui e-mail"]}
    by_post = client.post(f"{API}/requests", json={**phone_only, "delivery_method": "pos"})
    assert by_post.status_code == 201, by_post.json
    proxy_mails = {**PROXY, "email": "rahmat@example.org"}
    r = client.post(f"{API}/requests", json={**phone_only, "kuasa": proxy_mails})
    assert r.status_code == 201, r.json


@sqlite_only
def test_a_nik_and_a_phone_written_in_groups_are_read_as_the_forms_take_them(client, desk, login):
    """ "3171 2345 0789 0001" and "0812.3456.7890" were refused as wrongly formed."""
    grouped = request_payload(nik="3171 2345.0789-0009")
    grouped["requester"]["phone"] = "0812.3456.7890"
    r = client.post(f"{API}/requests", json=grouped)
    assert r.status_code == 201, r.json
    ticket = r.json["ticket"]
    requester = client.get(f"{API}/cases/{ticket}", headers=login("petugas")).json["requester"]
    assert (requester["nik"], requester["phone"]) == ("3171234507890009", "0812 3456 7890")
    short = request_payload(nik="3171 2345 0789")  # 12 digits stay refused
    assert client.post(f"{API}/requests", json=short).status_code == 422


# -- the desk's proxy: dated as the filing form dates it, and only on a case still open --------------------------


def appoint(client, login, ticket, **proxy):
    kuasa = {k: v for k, v in {**PROXY, **proxy}.items() if v is not None}
    return client.post(f"{API}/cases/{ticket}/proxy", json={"kuasa": kuasa}, headers=login("petugas"))


def test_the_desk_records_no_power_of_attorney_dated_after_the_filing_or_after_the_day_it_records_the_proxy(
    client, desk, login, unchanged
):
    """The public form refuses a power of attorney dated after the filing; the desk's correction and its record of
    a proxy appointed later took one dated 2027-06-01 (a walk report)."""
    filed = by_proxy(desk)["ticket"]  # filed on 2 December 2026 by the proxy
    with unchanged():
        late = put(client, login, filed, tanggal_surat_kuasa="2026-12-03")
    assert late.status_code == 422, late.json
    assert late.json["errors"] == {"kuasa.tanggal_surat_kuasa": ["tidak boleh sesudah tanggal pengajuan"]}
    assert put(client, login, filed, tanggal_surat_kuasa="2026-12-02").status_code == 200  # the filing's own day

    in_person = desk.submit()["ticket"]
    with unchanged():
        tomorrow = appoint(client, login, in_person, tanggal_surat_kuasa="2026-12-03")
    assert tomorrow.status_code == 422, tomorrow.json
    assert tomorrow.json["errors"] == {
        "kuasa.tanggal_surat_kuasa": ["tidak boleh sesudah tanggal kuasa dicatat (2 Des 2026)"]
    }
    assert appoint(client, login, in_person, tanggal_surat_kuasa="2026-12-02").status_code == 201
    with time_machine.travel(datetime(2026, 12, 4, 3, 0, tzinfo=UTC), tick=True):  # two days later
        with unchanged():
            after = put(client, login, in_person, who="petugas2", tanggal_surat_kuasa="2026-12-03")
        assert after.status_code == 422, after.json  # the appointed proxy's power: not after the day it was recorded
        assert after.json["errors"] == {
            "kuasa.tanggal_surat_kuasa": ["tidak boleh sesudah tanggal kuasa dicatat (2 Des 2026)"]
        }
        assert put(client, login, in_person, who="petugas2", tanggal_surat_kuasa="2026-11-20").status_code == 200


@sqlite_only
def test_no_proxy_is_recorded_on_a_withdrawn_or_closed_request_and_the_one_on_file_is_still_corrected(
    client, desk, login, unchanged
):
    """A proxy was recorded on a withdrawn request (a walk report). The data of a proxy on file stays the data
    subject's to have corrected (UU 27/2022), and a letter's correction prints it as corrected, after the close too."""
    withdrawn = desk.submit()
    r = client.post(
        f"{API}/requests/withdraw", json={"ticket": withdrawn["ticket"], "access_code": withdrawn["access_code"]}
    )
    assert r.status_code == 200, r.json
    with unchanged():
        refused = appoint(client, login, withdrawn["ticket"])
    assert refused.status_code == 409, refused.json
    assert (refused.json["reason"], refused.json["message"]) == (
        "proxy_case_withdrawn",
        "permohonan sudah dicabut: tidak ada lagi kuasa yang dicatat padanya",
    )
    closed = desk.submit()["ticket"]
    decided(desk, closed)
    assert desk.case(closed)["closed_at"]  # refused, and the notice sent
    with unchanged():
        refused = appoint(client, login, closed)
    assert refused.status_code == 409, refused.json
    assert (refused.json["reason"], refused.json["message"]) == (
        "proxy_case_closed",
        "kasus sudah ditutup: tidak ada lagi kuasa yang dicatat padanya",
    )
    on_file = by_proxy(desk)["ticket"]
    decided(desk, on_file)
    corrected = put(client, login, on_file, name="Rahmat Hidayat, S.H., M.H.")
    assert corrected.status_code == 200, corrected.json
    assert corrected.json["changed"] == ["name"]
