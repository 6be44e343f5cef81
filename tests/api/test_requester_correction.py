"""Correcting a requester's data (engine.requester_data): UU 27/2022's right to rectification, and the desk's typing
errors. The new data is checked as the request form checks it, the chain's cases record which fields changed
(never the values), the inbox finds the new name, and the next e-mail goes to the new address (a real SMTP sink)."""

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from api.extensions import db
from engine import correction_requests, requester_copy, requester_data
from engine.models import Case, CaseEvent, CaseFacts, Notification, User
from notifications.reconcile import reconcile
from notifications.services import Services, use
from tests.api.test_chain_api import objected
from tests.api.test_inbox_search import found
from tests.api.test_letters_api import to_notice
from tests.conftest import complaint_payload, request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.delivery.test_partial_grant_walk import _send_outbox, _text, settings_overrides  # noqa: F401 - SMTP on

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
NEW_ADDRESS = "ani.wijaya@contoh.example"
NAME = request_payload()["requester"]["name"]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def corrected(reason="permintaan_pemohon", requester_type="perorangan", **changes) -> dict:
    """The requester of ``request_payload`` with ``changes`` (None: the field removed), as the desk sends it."""
    identity = {**request_payload()["requester"], **changes}
    return {
        "requester": {k: v for k, v in identity.items() if v is not None},
        "requester_type": requester_type,
        "reason": reason,
    }


def put(client, login, ticket, body, who="petugas"):
    return client.put(f"{API}/cases/{ticket}/requester", json=body, headers=login(who))


def history(app, ticket, type_=requester_data.EVENT) -> list[CaseEvent]:
    with app.app_context():
        return db.session.scalars(
            select(CaseEvent).join(Case).where(Case.ticket == ticket, CaseEvent.type == type_).order_by(CaseEvent.seq)
        ).all()


def test_a_corrected_e_mail_address_receives_the_notice_and_every_message_still_waiting(
    app,
    client,
    desk,
    login,
    settings,
    mailbox,
):
    receipt = desk.submit()  # its receipt e-mail is still in the outbox
    r = put(client, login, receipt["ticket"], corrected(email=NEW_ADDRESS, address="Jl. Sudirman 5, Bandung"))
    assert r.status_code == 200, r.json
    assert r.json["changed"] == ["address", "email"]  # in the form's order
    assert r.json["requester"]["email"] == NEW_ADDRESS
    _send_outbox(app, settings, "receipt")
    _send_outbox(app, settings, requester_data.EVENT)
    sent = [m["To"] for m in mailbox.messages]
    assert sent[:2] == [NEW_ADDRESS, NEW_ADDRESS]  # the waiting receipt and the notice: the new address
    assert sent[2:] == ["ani@example.org"]  # and the notice once more, to the address it replaced
    notices = {m["To"]: _text(m).replace("\r\n", "\n") for m in mailbox.by_event("diperbaiki")}
    for body in notices.values():
        assert "- alamat\n" in body
        assert "- alamat e-mail\n" in body
        assert "nama lengkap" not in body
        assert "Jl. Sudirman" not in body
        assert NEW_ADDRESS not in body
        assert "Bila Anda tidak meminta perbaikan ini" in body
    assert "kontak Anda yang lama" in notices["ani@example.org"]
    assert "kontak Anda yang lama" not in notices[NEW_ADDRESS]
    assert all(receipt["ticket"] in m["Subject"] for m in mailbox.by_event("diperbaiki"))


def test_every_case_of_the_chain_records_which_fields_changed_and_why_never_the_values(app, client, desk, login):
    receipt, objection = objected(desk, client)
    r = put(client, login, objection["ticket"], corrected(name="Ani Wijayanti", phone=None), who="ppid")
    assert r.status_code == 200, r.json
    assert r.json["cases"] == [receipt["ticket"], objection["ticket"]]
    for ticket in (receipt["ticket"], objection["ticket"]):
        (event,) = history(app, ticket)
        assert event.actor == "ppid"
        assert event.data == {"fields": ["name", "phone"], "reason": "permintaan_pemohon", "on": objection["ticket"]}
        text = json.dumps(event.data)
        assert "Wijayanti" not in text
        assert "812" not in text
    assert desk.case(receipt["ticket"])["requester"]["name"] == "Ani Wijayanti"  # one person, one record
    assert "phone" not in desk.case(objection["ticket"])["requester"]
    exported = client.get(f"{API}/audit/export", headers=login("auditor"))
    assert exported.status_code == 200
    assert "Wijayanti" not in exported.get_data(as_text=True)


def test_the_inbox_finds_the_requester_by_the_corrected_name_and_nik_and_no_longer_by_the_old(client, desk, login):
    receipt = desk.submit(headers=login("petugas"), channel="langsung")
    assert found(client, login, "Ani Wijaya") == {receipt["ticket"]}
    r = put(client, login, receipt["ticket"], corrected(name="Annisa Wirahadi", nik="3171234507890009"))
    assert r.status_code == 200, r.json
    assert found(client, login, "Annisa Wirahadi") == {receipt["ticket"]}
    assert found(client, login, "3171234507890009") == {receipt["ticket"]}
    assert found(client, login, "Ani Wijaya") == set()
    assert found(client, login, "3171234507890001") == set()


def test_the_same_correction_sent_twice_is_recorded_once(app, client, desk, login):
    receipt = desk.submit()
    first = put(client, login, receipt["ticket"], corrected(occupation="Dosen"))
    again = put(client, login, receipt["ticket"], corrected(occupation="Dosen"))
    assert (first.json["changed"], again.json["changed"]) == (["occupation"], [])
    assert len(history(app, receipt["ticket"])) == 1
    with app.app_context():
        told = db.session.scalars(select(Notification).where(Notification.event == requester_data.EVENT)).all()
    assert sorted(n.channel for n in told) == ["log", "smtp"]  # one message, on each configured channel


def test_a_requester_type_corrected_brings_its_own_nik_rule_and_is_counted_as_corrected(app, client, desk, login):
    receipt = desk.submit()
    decree = corrected(requester_type="badan_hukum", nik="AHU-0012345.AH.01.07/2020")
    assert put(client, login, receipt["ticket"], {**decree, "requester_type": "perorangan"}).status_code == 422
    r = put(client, login, receipt["ticket"], decree)
    assert r.status_code == 200, r.json
    assert r.json["changed"] == ["nik", "requester_type"]
    assert desk.case(receipt["ticket"])["details"]["requester_type"] == "badan_hukum"
    register = client.get(f"{API}/registers/permohonan_informasi", headers=login("ppid"))
    assert register.status_code == 200, register.json
    (row,) = [x for x in register.json["items"] if x["ticket"] == receipt["ticket"]]
    assert row["requester_type"] == "badan_hukum"
    with app.app_context():  # what the yearly report counts by requester type
        counted = db.session.scalar(
            select(CaseFacts.requester_type)
            .join(Case, Case.id == CaseFacts.case_id)
            .where(Case.ticket == receipt["ticket"])
        )
    assert counted == "badan_hukum"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        (corrected(email="ani@@example"), {"requester.email"}),
        (corrected(nik="31712345078900"), {"requester.nik"}),  # an individual's NIK is 16 digits
        (corrected(email=None, phone=None), {"requester"}),  # an e-mail or a phone
        (corrected(reason="karena_saja"), {"reason"}),
        (corrected(address="Jl"), {"requester.address"}),
    ],
)
def test_bad_data_is_refused_with_its_field_and_changes_nothing(client, desk, login, unchanged, body, fields):
    receipt = desk.submit()
    with unchanged():
        r = put(client, login, receipt["ticket"], body)
    assert r.status_code == 422, r.json
    assert set(r.json["errors"]) == fields, r.json


@pytest.mark.parametrize(("who", "status"), [("unit", 404), ("auditor", 403), ("admin", 403), ("atasan", 200)])
def test_only_the_ppid_desk_corrects_a_requester(client, desk, login, who, status):
    receipt = desk.submit()
    r = put(client, login, receipt["ticket"], corrected(occupation="Dosen"), who=who)
    assert r.status_code == status, r.json


def test_a_complaint_reporter_is_not_corrected_here(client, login, unchanged):
    r = client.post(f"{API}/complaints", json=complaint_payload())
    assert r.status_code == 201, r.json
    with unchanged():
        refused = put(client, login, r.json["ticket"], corrected(), who="tim")
    assert refused.status_code == 404, refused.json
    assert refused.json["reason"] == "no_requester_data"


def test_a_letter_issued_before_keeps_the_old_address_and_its_correction_prints_the_new(client, desk, login):
    receipt = to_notice(desk)
    base = f"{API}/cases/{receipt['ticket']}/letters"
    (first,) = client.get(base, headers=login("ppid")).json["items"]
    r = put(client, login, receipt["ticket"], corrected(address="Jl. Asia Afrika 8, Bandung"))
    assert r.status_code == 200, r.json
    old = client.get(f"{base}/{first['id']}/print", headers=login("ppid")).get_data(as_text=True)
    assert "Jl. Merdeka 1" in old  # a letter of record is never rewritten
    assert "Asia Afrika" not in old
    fixed = client.post(f"{base}/{first['id']}/correction", json={"reason": "Alamat salah"}, headers=login("ppid"))
    assert fixed.status_code == 201, fixed.json
    new = client.get(f"{base}/{fixed.json['id']}/print", headers=login("ppid")).get_data(as_text=True)
    assert "Jl. Asia Afrika 8, Bandung" in new
    assert "Jl. Merdeka 1" not in new


def test_an_english_copy_made_after_a_correction_states_the_address_its_original_stated(client, desk, login):
    receipt = to_notice(desk)
    base = f"{API}/cases/{receipt['ticket']}/letters"
    (first,) = client.get(base, headers=login("ppid")).json["items"]
    r = put(client, login, receipt["ticket"], corrected(address="Jl. Asia Afrika 8, Bandung", name="Ani Wijayanti"))
    assert r.status_code == 200, r.json
    copy = client.post(f"{base}/{first['id']}/translation", json={"locale": "en"}, headers=login("ppid"))
    assert copy.status_code == 201, copy.json
    english = client.get(f"{base}/{copy.json['id']}/print", headers=login("ppid")).get_data(as_text=True)
    original = client.get(f"{base}/{first['id']}/print", headers=login("ppid")).get_data(as_text=True)
    assert "Receipt of Information Request" in english  # the same letter, in English words
    for stated in ("Jl. Merdeka 1", NAME, first["number"]):  # what the original stated, as it stated it
        assert stated in original
        assert stated in english
    assert "Asia Afrika" not in english
    assert "Wijayanti" not in english


def test_a_requester_switched_to_english_is_told_in_english(
    app,
    client,
    desk,
    login,
    settings,
    mailbox,
):
    receipt = desk.submit(headers=login("petugas"), channel="langsung")  # filed at the desk: Bahasa Indonesia
    r = put(client, login, receipt["ticket"], {**corrected(), "locale": "en"})
    assert r.status_code == 200, r.json
    assert r.json["changed"] == ["locale"]
    _send_outbox(app, settings, requester_data.EVENT)
    (notice,) = mailbox.messages
    assert notice["Subject"] == f"Your data on request {receipt['ticket']} has been corrected"
    assert "- language of messages and letters" in _text(notice)
    again = put(client, login, receipt["ticket"], corrected())  # the language left out: it stays English
    assert again.json["changed"] == []


# -- the requester's own request -------------------------------------------------------------------------------


def ask(client, receipt, **changes):
    body = {"ticket": receipt["ticket"], "access_code": receipt["access_code"], **corrected(**changes)}
    body.pop("reason")
    return client.post(f"{API}/requests/correction", json=body)


def waiting(client, login, who="petugas"):
    r = client.get(f"{API}/requester-corrections", headers=login(who))
    assert r.status_code == 200, r.json
    return r.json["items"]


def test_the_requester_asks_with_the_code_and_the_desk_answers_within_3_x_24_hours(app, client, desk, login):
    receipt = desk.submit()
    r = ask(client, receipt, email=NEW_ADDRESS)
    assert r.status_code == 202, r.json
    asked, due = datetime.fromisoformat(r.json["asked_at"]), datetime.fromisoformat(r.json["due_at"])
    assert due - asked == timedelta(hours=72)  # UU 27/2022: 3 x 24 hours, not working days
    (item,) = waiting(client, login)
    assert (item["ticket"], item["fields"], item["overdue"]) == (receipt["ticket"], ["email"], False)
    assert (
        desk.case(receipt["ticket"])["requester"]["email"] == "ani@example.org"
    )  # nothing changes until the desk acts
    (event,) = history(app, receipt["ticket"], correction_requests.ASKED)
    assert event.actor == "pemohon"
    assert event.data["fields"] == ["email"]
    assert NEW_ADDRESS not in json.dumps(event.data)
    with app.app_context():
        told = db.session.scalars(select(Notification).where(Notification.event == correction_requests.ASKED)).all()
        desk_ids = set(db.session.scalars(select(User.id).where(User.username.in_(["petugas", "petugas2"]))))
    assert {n.recipient_user_id for n in told} == desk_ids  # the PPID desk, and nobody else
    assert {n.to_requester for n in told} == {False}
    assert all("jawab paling lambat 05-12-2026 10:00 WIB" in n.context["task_title"] for n in told)
    assert NEW_ADDRESS not in json.dumps([n.context for n in told])


def test_a_request_unanswered_after_3_x_24_hours_is_shown_overdue(client, desk, login):
    with time_machine.travel(RECEIVED - timedelta(hours=72, minutes=1)):
        ask(client, desk.submit(), email=NEW_ADDRESS)
    (item,) = waiting(client, login)
    assert item["overdue"] is True


def test_the_desk_applies_the_request_through_its_correction_once(app, client, desk, login):
    receipt = desk.submit()
    ask(client, receipt, email=NEW_ADDRESS)
    (item,) = waiting(client, login)
    body = {**corrected(email=NEW_ADDRESS), "request_id": item["id"]}
    r = put(client, login, receipt["ticket"], body)
    assert r.status_code == 200, r.json
    assert r.json["changed"] == ["email"]
    assert waiting(client, login) == []
    again = put(client, login, receipt["ticket"], body)
    assert again.status_code == 409, again.json
    assert again.json["reason"] == "correction_request_answered"


def test_a_request_asking_for_what_is_on_file_already_is_answered_and_recorded_all_the_same(app, client, desk, login):
    """The desk had corrected the address itself (the requester also phoned) before it opened the request: applying
    it changes nothing, and still closes it in the history and tells the requester (UU 27/2022: an answer)."""
    receipt = desk.submit()
    ask(client, receipt, email=NEW_ADDRESS)
    (item,) = waiting(client, login)
    assert put(client, login, receipt["ticket"], corrected(email=NEW_ADDRESS)).json["changed"] == ["email"]
    r = put(client, login, receipt["ticket"], {**corrected(email=NEW_ADDRESS), "request_id": item["id"]})
    assert r.status_code == 200, r.json
    assert r.json["changed"] == []
    assert waiting(client, login) == []
    (event,) = history(app, receipt["ticket"], correction_requests.UNCHANGED)
    assert (event.actor, event.data) == ("petugas", {"request": item["id"]})
    assert len(history(app, receipt["ticket"])) == 1  # the desk's own correction; the request changed nothing more
    with app.app_context():
        told = db.session.scalars(
            select(Notification).where(Notification.event == requester_data.EVENT, Notification.to_requester)
        ).all()
    assert {tuple(n.context["fields"]) for n in told} == {(), ("email",)}  # on each of the requester's channels


def test_the_desk_refuses_a_request_saying_why_and_the_requester_is_sent_the_reason(
    app, client, desk, login, unchanged
):
    receipt = desk.submit()
    ask(client, receipt, name="Ani Wijaya Kusuma")
    (item,) = waiting(client, login)
    url = f"{API}/requester-corrections/{item['id']}/refusal"
    with unchanged():
        empty = client.post(url, json={"reason": "  "}, headers=login("petugas"))
        stranger = client.post(url, json={"reason": "Bukan wewenang"}, headers=login("auditor"))
    assert (empty.status_code, stranger.status_code) == (422, 403)
    r = client.post(url, json={"reason": "Nama pada KTP yang dilampirkan tetap Ani Wijaya."}, headers=login("petugas"))
    assert r.status_code == 200, r.json
    assert r.json["status"] == "refused"
    assert waiting(client, login) == []
    with app.app_context():
        told = db.session.scalars(select(Notification).where(Notification.event == correction_requests.REFUSED)).all()
    assert {n.context["reason"] for n in told} == {"Nama pada KTP yang dilampirkan tetap Ani Wijaya."}
    assert desk.case(receipt["ticket"])["requester"]["name"] == "Ani Wijaya"
    (event,) = history(app, receipt["ticket"], correction_requests.REFUSED)
    assert event.data == {"request": item["id"]}  # the desk's words go to the requester, not into the history
    assert client.post(url, json={"reason": "lagi"}, headers=login("petugas")).status_code == 409


def test_a_later_request_replaces_the_one_still_waiting(client, desk, login):
    receipt = desk.submit()
    ask(client, receipt, email="salah@contoh.example")
    ask(client, receipt, email=NEW_ADDRESS, occupation="Dosen")
    (item,) = waiting(client, login)
    assert item["fields"] == ["email", "occupation"]


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"access_code": "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"}, 404),
        ({"requester": {"name": "Ani Wijaya", "nik": "123", "address": "Jl. Merdeka 1"}}, 422),
    ],
)
def test_a_wrong_code_or_bad_data_asks_nothing(client, desk, login, unchanged, change, status):
    receipt = desk.submit()
    body = {"ticket": receipt["ticket"], "access_code": receipt["access_code"], **corrected(), **change}
    body.pop("reason")
    with unchanged():
        r = client.post(f"{API}/requests/correction", json=body)
    assert r.status_code == status, r.json


def test_a_complaint_reporter_asks_nothing_here_and_only_the_desk_sees_the_requests(client, desk, login, unchanged):
    filed = client.post(f"{API}/complaints", json=complaint_payload())
    assert filed.status_code == 201, filed.json
    with unchanged():
        r = ask(client, {"ticket": filed.json["ticket"], "access_code": filed.json["access_code"]})
    assert r.status_code == 404, r.json
    ask(client, desk.submit())
    assert len(waiting(client, login, "ppid")) == 1
    assert waiting(client, login, "auditor") == []
    assert waiting(client, login, "unit") == []


def test_the_change_list_knows_every_field_of_the_request_form(app):
    with app.app_context():
        form = app.extensions["kawal_runtime"].forms.schema("permohonan.json")
    assert tuple(form["properties"]["requester"]["properties"]) == requester_data.FIELDS


def _reconciled(settings) -> None:
    """What reconcile does on its schedule (the embedded mode: no Redis)."""
    services = Services(settings)
    use(services)
    try:
        reconcile(services)
    finally:
        use(None)
        if "sessions" in services.__dict__:
            services.sessions.kw["bind"].dispose()


def test_a_request_past_its_3_x_24_hours_is_told_to_the_ppid_once(app, client, desk, login, settings):
    with time_machine.travel(RECEIVED - timedelta(hours=72, minutes=1)):
        late = desk.submit()
        ask(client, late, email=NEW_ADDRESS)
    on_time = desk.submit()
    ask(client, on_time, email=NEW_ADDRESS)
    _reconciled(settings)
    _reconciled(settings)  # a second sweep tells nobody twice
    with app.app_context():
        told = db.session.scalars(select(Notification).where(Notification.event == correction_requests.OVERDUE)).all()
        ppid_ids = set(db.session.scalars(select(User.id).where(User.username == "ppid")))
    assert {n.recipient_user_id for n in told} == ppid_ids
    assert {n.context["ticket"] for n in told} == {late["ticket"]}
    assert len(told) == len({n.channel for n in told})  # once a channel
    assert len(history(app, late["ticket"], correction_requests.OVERDUE)) == 1
    assert history(app, on_time["ticket"], correction_requests.OVERDUE) == []


def test_the_desk_is_reminded_once_in_a_request_s_last_day_and_not_of_one_answered(app, client, desk, login, settings):
    asked = RECEIVED - timedelta(hours=49)  # 23 hours left
    with time_machine.travel(asked):
        waiting_one, answered = desk.submit(), desk.submit()
        ask(client, waiting_one, email=NEW_ADDRESS)
        ask(client, answered, email=NEW_ADDRESS)
    fresh = desk.submit()
    ask(client, fresh, email=NEW_ADDRESS)  # 72 hours left: not yet
    item = next(i for i in waiting(client, login) if i["ticket"] == answered["ticket"])
    r = put(client, login, answered["ticket"], {**corrected(email=NEW_ADDRESS), "request_id": item["id"]})
    assert r.status_code == 200, r.json
    _reconciled(settings)
    _reconciled(settings)  # a second sweep reminds nobody twice
    with app.app_context():
        told = db.session.scalars(select(Notification).where(Notification.event == correction_requests.REMINDER)).all()
        desk_ids = set(db.session.scalars(select(User.id).where(User.username.in_(["petugas", "petugas2"]))))
    assert {n.context["ticket"] for n in told} == {waiting_one["ticket"]}
    assert {n.recipient_user_id for n in told} == desk_ids
    assert len(told) == len(desk_ids) * len({n.channel for n in told})  # once an officer and channel
    assert all("jawab paling lambat 03-12-2026 09:00 WIB" in n.context["task_title"] for n in told)
    assert history(app, waiting_one["ticket"], correction_requests.OVERDUE) == []  # a reminder, not yet overdue
    with time_machine.travel(RECEIVED + timedelta(hours=24)):  # then its time runs out: the PPID, and no new reminder
        _reconciled(settings)
    assert len(history(app, waiting_one["ticket"], correction_requests.OVERDUE)) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(Notification.event == correction_requests.REMINDER)) == len(
            told
        )


# -- a copy of the requester's data ----------------------------------------------------------------------------


def test_the_desk_hands_the_requester_a_copy_of_what_is_kept_of_them_in_the_chain(app, client, desk, login):
    receipt, objection = objected(desk, client)  # a request decided, its notice sent, and an objection
    later = desk.submit(requester={**request_payload()["requester"], "address": "Jl. Braga 12, Bandung"})
    ask(client, receipt, email=NEW_ADDRESS)
    r = client.get(f"{API}/cases/{objection['ticket']}/requester/copy", headers=login("petugas"))
    assert r.status_code == 200
    assert r.headers["Content-Disposition"] == f'attachment; filename="data-pribadi-{objection["ticket"]}.json"'
    copy = json.loads(r.get_data())
    assert [c["ticket"] for c in copy["cases"]] == [receipt["ticket"], objection["ticket"]]
    (record,) = copy["records"]
    assert record["identity"]["address"] == "Jl. Merdeka 1, Jakarta Pusat"
    # Another request, even of the same NIK, is its own record: whoever filed with someone's NIK gets nothing of theirs.
    assert later["ticket"] not in r.get_data(as_text=True)
    assert "Braga" not in r.get_data(as_text=True)
    assert {x["kind"] for x in copy["letters"]} >= {"pemberitahuan_tertulis"}  # what was written to them
    assert {m["event"] for m in copy["messages"]} >= {"receipt", "decision_notice"}
    assert [a["status"] for a in copy["correction_requests"]] == ["pending"]
    (event,) = history(app, objection["ticket"], requester_copy.COPIED)
    assert event.data == {"cases": 2}  # the copy is recorded, never its content
    assert client.get(f"{API}/cases/{objection['ticket']}/requester/copy", headers=login("auditor")).status_code == 403
