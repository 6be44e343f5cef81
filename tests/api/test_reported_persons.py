"""The persons a complaint reports (terlapor, engine.reported_party): recorded by the complaint team at the recording
stage (legal-process.md §7.2 stage 2: name, NIP/NRP, address, position, agency, agency category), sealed in the
vault, read by the team alone (KMA 765/2018: the reported's confidentiality and the presumption of innocence); the
history records how many and which fields, never who."""

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import inspect, select

from api.extensions import db
from engine import reported_party
from engine.models import Base, Case, CaseEvent, Party
from tests.api.test_complaint_documents import Team
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_pengaduan_paths import KE_UNIT

API = "/api/v1"
RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB
HARTO = {
    "nama": "Suharto Wibisono",
    "nip_nrp": "19750312 200003 1 004",
    "jabatan": "Petugas pendaftaran",
    "instansi": "MAN 3 Kota Contoh",
    "kategori_instansi": "satuan_pendidikan",
    "alamat": "Jl. Pendidikan 4, Kota Contoh",
}
RINA = {"nama": "Rina Marlina", "jabatan": "Bendahara penerimaan"}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def put(client, login, ticket, persons, who="tim"):
    return client.put(f"{API}/complaints/{ticket}/reported", json={"terlapor": persons}, headers=login(who))


def get(client, login, ticket, who="tim"):
    return client.get(f"{API}/complaints/{ticket}/reported", headers=login(who))


def recorded(app, ticket) -> list[CaseEvent]:
    with app.app_context():
        return db.session.scalars(
            select(CaseEvent)
            .join(Case)
            .where(Case.ticket == ticket, CaseEvent.type == reported_party.EVENT)
            .order_by(CaseEvent.seq)
        ).all()


def test_the_team_records_the_reported_persons_and_the_history_says_how_many_never_who(app, client, login):
    team = Team(client, login, "rahasia")
    assert get(client, login, team.ticket).json["terlapor"] == []
    r = put(client, login, team.ticket, [HARTO, RINA])
    assert r.status_code == 200, r.json
    assert (r.json["changed"], r.json["terlapor"]) == (True, [HARTO, RINA])
    assert get(client, login, team.ticket, "wbs").json["terlapor"] == [HARTO, RINA]  # the WBS managers too
    (event,) = recorded(app, team.ticket)
    assert event.actor == "tim"
    assert event.data == {
        "count": 2,
        "fields": ["nama", "nip_nrp", "jabatan", "instansi", "kategori_instansi", "alamat"],
    }
    with app.app_context():  # sealed in the vault: no table holds a name or a NIP in the clear
        names = set(inspect(db.engine).get_table_names())
        for table in Base.metadata.sorted_tables:
            if table.name in names:
                for row in db.session.execute(select(table)).all():
                    assert "Wibisono" not in repr(tuple(row)), table.name
                    assert "19750312" not in repr(tuple(row)), table.name
    exported = client.get(f"{API}/audit/export", headers=login("auditor"))
    assert exported.status_code == 200
    assert "Wibisono" not in exported.get_data(as_text=True)


def test_the_same_list_sent_again_records_nothing_and_an_empty_one_removes_them(app, client, login):
    team = Team(client, login)
    assert put(client, login, team.ticket, [HARTO]).status_code == 200
    again = put(client, login, team.ticket, [HARTO])
    assert (again.status_code, again.json["changed"]) == (200, False)
    assert len(recorded(app, team.ticket)) == 1
    removed = put(client, login, team.ticket, [])
    assert (removed.status_code, removed.json["changed"]) == (200, True)
    assert get(client, login, team.ticket).json["terlapor"] == []
    with app.app_context():  # nothing of them is kept
        case = db.session.scalar(select(Case).where(Case.ticket == team.ticket))
        assert case.details.get(reported_party.PARTY_KEY) is None
        assert db.session.scalar(select(Party).where(Party.role == "terlapor")) is None
    assert [e.data["count"] for e in recorded(app, team.ticket)] == [1]
    with app.app_context():
        (gone,) = db.session.scalars(select(CaseEvent).where(CaseEvent.type == reported_party.REMOVED)).all()
        assert gone.data == {"count": 1}


@pytest.mark.parametrize(
    ("person", "field"),
    [
        ({"jabatan": "Bendahara"}, "terlapor.0.nama"),  # a person is recorded by name
        ({"nama": "Rina", "nip_nrp": "abc"}, "terlapor.0.nip_nrp"),
        ({"nama": "Rina", "kategori_instansi": "partai"}, "terlapor.0.kategori_instansi"),
    ],
)
def test_a_person_the_form_refuses_is_refused_beside_its_field_and_changes_nothing(
    client, login, unchanged, person, field
):
    team = Team(client, login)
    with unchanged():
        r = put(client, login, team.ticket, [person])
    assert r.status_code == 422, r.json
    assert field in str(r.json), r.json


def test_a_unit_the_complaint_is_referred_to_never_reads_the_reported_persons(client, login):
    team = Team(client, login, "rahasia").verified()
    team.complete("klasifikasi", KE_UNIT)  # referred to the unit, which reads the unit and position only
    assert put(client, login, team.ticket, [HARTO]).status_code == 200
    case = client.get(f"{API}/cases/{team.ticket}", headers=login("unit"))
    assert case.status_code == 200, case.json
    assert "Wibisono" not in case.get_data(as_text=True)
    for who, status in (("unit", 403), ("auditor", 403), ("ppid", 404)):  # the unit sees the case, not them
        assert get(client, login, team.ticket, who).status_code == status, who
        assert put(client, login, team.ticket, [RINA], who).status_code == status, who


def test_a_request_has_no_reported_persons(client, desk, login):
    ticket = desk.submit()["ticket"]
    assert get(client, login, ticket, "ppid").status_code == 404


@pytest.mark.parametrize(
    "uraian",
    [
        "Sdr. SUHARTO  WIBISONO meminta uang pendaftaran di luar ketentuan.",  # any case, any spacing
        "Petugas dengan NIP 197503122000031004 meminta uang pendaftaran.",  # the NIP however it is grouped
    ],
)
def test_what_the_unit_reads_may_not_name_a_reported_person_on_file(client, login, unchanged, uraian):
    from tests.workflows.test_pengaduan_paths import CATAT

    team = Team(client, login, "rahasia")
    assert put(client, login, team.ticket, [HARTO]).status_code == 200
    case = client.get(f"{API}/cases/{team.ticket}", headers=login("tim")).json
    (task,) = [t for t in case["open_tasks"] if t["name"] == "catat_pengaduan"]
    complete = f"{API}/tasks/{task['id']}/complete"
    with unchanged():
        named = client.post(complete, json={"data": {**CATAT, "uraian_ringkas": uraian}}, headers=login("tim"))
    assert named.status_code == 422, named.json
    assert "uraian_ringkas" in str(named.json["errors"]), named.json
    by_position = {**CATAT, "uraian_ringkas": "Petugas pendaftaran meminta uang di luar ketentuan."}
    assert client.post(complete, json={"data": by_position}, headers=login("tim")).status_code == 200


def test_a_message_to_the_reporter_may_not_name_a_reported_person_on_file(client, login, unchanged):
    team = Team(client, login, "rahasia")
    assert put(client, login, team.ticket, [HARTO]).status_code == 200
    with unchanged():
        r = client.post(
            f"{API}/complaints/{team.ticket}/messages",
            json={"body": "Apakah Suharto Wibisono yang meminta uang itu?"},
            headers=login("tim"),
        )
    assert r.status_code == 422, r.json


def test_every_opening_of_the_reported_persons_is_recorded_whatever_the_reporter_s_mode(app, client, login):
    team = Team(client, login, "anonim")
    assert get(client, login, team.ticket).status_code == 200
    with app.app_context():
        reads = db.session.scalars(
            select(CaseEvent).join(Case).where(Case.ticket == team.ticket, CaseEvent.type == "case_read")
        ).all()
        assert [(e.actor, e.data) for e in reads] == [("tim", {"what": "terlapor", "saksi": True})]


def test_the_annex_naming_them_is_the_teams_alone_and_every_read_of_it_is_recorded(app, client, login, browser):
    """The annex to the Inspectorate's memo names the reported persons (engine.letters, ``lampiran_terlapor``): the
    team lists and prints it; an auditor, who reads the complaint's other letters, does not; and each read is in
    the history whatever the reporter's mode, as a read of the persons on their own page is."""
    from tests.workflows.test_pengaduan_paths import KE_ITJEN

    team = Team(client, login, mode="anonim").verified()
    assert put(client, login, team.ticket, [HARTO, RINA]).status_code == 200
    team.complete("klasifikasi", KE_ITJEN)
    team.complete("rujukan_itjen", {"tanggal": "2027-01-11"})
    assert team.letters() == ["tanda_terima_pengaduan", "lembar_disposisi", "nota_dinas_itjen", "lampiran_terlapor"]
    assert "lampiran_terlapor" not in team.letters("auditor")
    assert "nota_dinas_itjen" in team.letters("auditor")
    items = client.get(f"{API}/cases/{team.ticket}/letters", headers=login("tim")).json["items"]
    annex = next(x for x in items if x["kind"] == "lampiran_terlapor")
    assert (
        client.get(f"{API}/cases/{team.ticket}/letters/{annex['id']}/pdf", headers=login("auditor")).status_code == 404
    )
    printed = browser("tim").get(f"/kasus/{team.ticket}/surat/{annex['id']}/cetak")
    assert printed.status_code == 200
    assert HARTO["nama"] in printed.get_data(as_text=True)
    assert browser("auditor").get(f"/kasus/{team.ticket}/surat/{annex['id']}/cetak").status_code == 404
    with app.app_context():
        reads = db.session.scalars(
            select(CaseEvent.data).join(Case).where(Case.ticket == team.ticket, CaseEvent.type == "case_read")
        ).all()
    assert {"what": f"letter:{annex['id']}"} in reads  # an anonymous complaint: only this read is recorded


def test_persons_recorded_after_the_referral_get_their_annex_and_the_answer_names_it(client, login, browser):
    from tests.workflows.test_pengaduan_paths import KE_ITJEN

    team = Team(client, login, mode="rahasia").verified()
    team.complete("klasifikasi", KE_ITJEN)
    team.complete("rujukan_itjen", {"tanggal": "2027-01-11"})
    assert "lampiran_terlapor" not in team.letters()
    r = put(client, login, team.ticket, [HARTO])
    assert r.status_code == 200, r.json
    assert r.json["annex"] is not None
    assert team.letters()[-1] == "lampiran_terlapor"
    assert put(client, login, team.ticket, [HARTO, RINA]).json["annex"] is None  # once: corrected, not issued again
    # On the page the team is told which annex went.
    other = Team(client, login, mode="rahasia").verified()
    other.complete("klasifikasi", KE_ITJEN)
    other.complete("rujukan_itjen", {"tanggal": "2027-01-11"})
    page = browser("tim")
    page.get(f"/kasus/{other.ticket}/terlapor")  # the form, with its CSRF token
    fields = {f"terlapor.0.{key}": value for key, value in HARTO.items()}
    assert page.post(f"/kasus/{other.ticket}/terlapor", fields).status_code == 303
    told = page.get(f"/kasus/{other.ticket}").get_data(as_text=True)
    assert "Lampiran yang menyebut mereka untuk Inspektorat Jenderal diterbitkan: B-" in told
