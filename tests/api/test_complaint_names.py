"""What the complaint team writes without names stays without them (KMA 765/2018: the confidentiality of the reporter
and of the reported, the presumption of innocence; legal-process.md §7.3 rule 3). The fields it writes for a unit's
papers "tanpa nama orang" (the summary, the reported's position, the subject, the disposition note: ``x-no-names``)
are refused, beside the field, when they name a reported person on file by any distinctive part of the name (a first
name alone, whatever titles the name was recorded with) or, on a complaint that keeps its reporter confidential, the
reporter. The refusal never repeats the name (engine.reported_party.unnamed, run by engine.officer_text).

The names are matched in Python, before anything is written: one test runs on PostgreSQL too, for the reported person
recorded in the vault and read back by the check (tests/api/test_reported_persons.py runs on SQLite alone); the
others ran the same Python again there."""

import re

import pytest

from tests.api.test_complaint_disposition import TO_PENDMAD
from tests.browser.journeys import ComplaintDesk
from tests.conftest import REPORTER_NAME, sqlite_only
from tests.workflows.test_pengaduan_paths import CATAT

API = "/api/v1"
HENDRA = {"nama": "Drs. H. Hendra Gunawan, M.Pd.", "nip_nrp": "198003152005011002", "jabatan": "Kepala tata usaha"}


def on_file(client, login, ticket, persons):
    r = client.put(f"{API}/complaints/{ticket}/reported", json={"terlapor": persons}, headers=login("tim"))
    assert r.status_code == 200, r.json


def attempt(client, login, complaint, name, data):
    return send(client, login, complaint.task(name)["id"], data)


def send(client, login, task_id, data):
    return client.post(f"{API}/tasks/{task_id}/complete", json={"data": data}, headers=login("tim"))


def refused_beside(r, field, *unsaid):
    assert r.status_code == 422, r.json
    assert list(r.json["errors"]) == [field], r.json
    for word in unsaid:  # the refusal names the problem, never the person
        assert not re.search(rf"\b{word}\b", r.get_data(as_text=True), re.IGNORECASE), word


@sqlite_only
@pytest.mark.parametrize(
    "uraian",
    [
        "Pak Hendra meminta uang pendaftaran di luar ketentuan.",  # the first name alone
        "Sdr. GUNAWAN meminta uang pendaftaran di luar ketentuan.",  # the family name, in capitals
        "Hendra Gunawan meminta uang pendaftaran di luar ketentuan.",  # recorded with titles, typed without
    ],
)
def test_the_summary_may_not_name_a_reported_person_by_any_distinctive_part_of_the_name(
    client, login, unchanged, uraian
):
    complaint = ComplaintDesk(client, login)
    on_file(client, login, complaint.ticket, [HENDRA])
    task_id = complaint.task("catat_pengaduan")["id"]
    with unchanged():
        r = send(client, login, task_id, {**CATAT, "uraian_ringkas": uraian})
    refused_beside(r, "uraian_ringkas", "Hendra", "Gunawan")
    assert "terlapor" in r.json["errors"]["uraian_ringkas"][0]


@sqlite_only
def test_titles_initials_and_words_inside_other_words_are_no_names(client, login):
    """The recorded name's titles (Drs., H., M.Pd.) and a name's part inside another word name nobody."""
    complaint = ComplaintDesk(client, login)
    on_file(client, login, complaint.ticket, [HENDRA])
    summary = "Kepala tata usaha (Drs., M.Pd.) di MTs Hendrawan meminta uang di luar ketentuan."
    r = attempt(client, login, complaint, "catat_pengaduan", {**CATAT, "uraian_ringkas": summary})
    assert r.status_code == 200, r.json


def test_the_disposition_note_the_unit_reads_may_not_name_a_reported_person(client, login, unchanged):
    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    on_file(client, login, complaint.ticket, [HENDRA])
    note = "Mohon klarifikasi kepada Pak Gunawan selaku kepala tata usaha."
    task_id = complaint.task("klasifikasi")["id"]
    with unchanged():
        r = send(client, login, task_id, {**TO_PENDMAD, "catatan_disposisi": note})
    refused_beside(r, "catatan_disposisi", "Gunawan")
    without = {**TO_PENDMAD, "catatan_disposisi": "Mohon klarifikasi kepada kepala tata usaha."}
    assert attempt(client, login, complaint, "klasifikasi", without).status_code == 200


@sqlite_only
@pytest.mark.parametrize("mode", ["rahasia", "whistleblower"])
def test_a_confidential_reporter_is_named_in_no_summary(client, login, unchanged, mode):
    complaint = ComplaintDesk(client, login, mode)
    surname = REPORTER_NAME.split()[-1]
    task_id = complaint.task("catat_pengaduan")["id"]
    summary = f"Menurut Ibu {surname}, petugas meminta uang di luar ketentuan."
    with unchanged():
        r = send(client, login, task_id, {**CATAT, "uraian_ringkas": summary})
    refused_beside(r, "uraian_ringkas", surname, REPORTER_NAME)
    assert "pelapor" in r.json["errors"]["uraian_ringkas"][0]
    assert attempt(client, login, complaint, "catat_pengaduan", CATAT).status_code == 200
