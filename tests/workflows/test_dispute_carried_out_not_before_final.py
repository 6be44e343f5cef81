"""A decision is carried out no earlier than it became final (walk of a dispute's court stage, finding 5): the record
of carrying it out (pelaksanaan_putusan, forms/sengketa_pelaksanaan.json) refuses a date before that day with a field
message, as the office's court objection refuses one before the decision it answers was received
(``dispatch_not_before``). A mediation agreement is carried out no earlier than it was made.

Python's decision (a form's date check): SQLite alone."""

import dataclasses
import shutil
from datetime import date
from pathlib import Path

import pytest

from api.language import say
from engine.errors import Invalid
from engine.messages import msg
from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a form's date check
from tests.workflows.conftest import Office
from tests.workflows.test_dispute_final_on_the_day_after_the_windows import ACCEPT, _decided
from tests.workflows.test_sengketa_paths import (  # noqa: F401 - the clock fixture
    BERKAS,
    MANDAT,
    PELAKSANAAN,
    SURAT_KUASA,
    clock,
    wib,
)

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_decision_is_not_carried_out_before_it_became_final(office, clock):  # noqa: F811
    """Final on Fri 2 Apr 2027 (the day after P14P's lenient end), confirmed on Wed 7 Apr: carried out on 1 Apr is
    refused, naming the first day it may be; on 2 Apr it is recorded."""
    ticket = _decided(office, clock, "2027-03-01", "2027-03-01")
    office.complete(ticket, "sikap_atas_putusan", ACCEPT)
    clock.move_to(wib("2027-04-07"))
    office.run(ticket)
    office.message(ticket, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-04-07"})
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "pelaksanaan_putusan", {**PELAKSANAAN, "tanggal_pelaksanaan": "2027-04-01"})
    [field] = refused.value.fields["tanggal_pelaksanaan"]
    assert field == msg("between_and_today", first=date(2027, 4, 2))
    assert say(field, "id") == "antara 2 Apr 2027 dan hari ini"
    assert say(field, "en") == "between 2 Apr 2027 and today"
    assert office.open_tasks(ticket) == ["pelaksanaan_putusan"]
    office.complete(ticket, "pelaksanaan_putusan", {**PELAKSANAAN, "tanggal_pelaksanaan": "2027-04-02"})
    assert office.case(ticket).status == "sengketa_selesai"


def agreed_on_c(office, clock) -> str:  # noqa: F811 - the clock fixture's traveller
    """A dispute on grounds a and c whose mediation reached an agreement on c on Wed 27 Jan 2027 (ground a goes to
    adjudication once it is carried out): its ticket, the clock on Thu 28 Jan, laksanakan_kesepakatan_mediasi open."""
    clock.move_to(wib("2027-01-13"))
    request = office.submit()
    ticket = office.dispute(office.objection(request, ["a", "c"]))
    office.complete(ticket, "surat_kuasa", SURAT_KUASA)
    office.complete(ticket, "siapkan_berkas", BERKAS)
    clock.move_to(wib("2027-01-20"))
    heard = {"tanggal": "2027-01-20", "hasil": "dilanjutkan", "mediasi": True, "tanggal_mediasi": "2027-01-20"}
    office.message(ticket, "pemeriksaan_awal", heard)
    office.complete(ticket, "mandat_mediasi", MANDAT)
    clock.move_to(wib("2027-01-28"))
    agreed = {"tanggal": "2027-01-27", "hasil": "berhasil", "kesepakatan": "Jawaban tertulis dikirim"}
    office.message(ticket, "hasil_mediasi", agreed)
    return ticket


def test_a_mediation_agreement_is_not_carried_out_before_it_was_made(office, clock):  # noqa: F811
    """Grounds a and c: the agreement on c of Wed 27 Jan 2027 is carried out (ground a goes to adjudication), never
    on a day before it was made (reviewed: 14 Jan was recorded, and Kawal would issue its record so dated)."""
    ticket = agreed_on_c(office, clock)
    carried = {"uraian": "Jawaban tertulis dikirim", "nomor_berita_acara": "BA-1"}
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "laksanakan_kesepakatan_mediasi", {**carried, "tanggal_pelaksanaan": "2027-01-14"})
    [field] = refused.value.fields["tanggal_pelaksanaan"]
    assert field == msg("between_and_today", first=date(2027, 1, 27))
    office.complete(ticket, "laksanakan_kesepakatan_mediasi", {**carried, "tanggal_pelaksanaan": "2027-01-27"})
    assert office.case(ticket).status == "ajudikasi"


def test_a_dispute_on_the_previous_version_is_not_carried_out_before_it_became_final(
    settings,
    session_factory_,
    clock,  # noqa: F811 - the clock fixture
    tmp_path,
):
    """A dispute started on version 3 (its tasks bound no date in the model) still may not be recorded carried out
    before it became final: on that version, the day the confirmation was recorded (Wed 7 Apr 2027). Kawal would
    otherwise number a record of compliance dated before it (reviewed)."""
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(FIXTURES / "sengketa_informasi.v3.bpmn", workflows / "sengketa_informasi.bpmn")
    before = Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))
    ticket = _decided(before, clock, "2027-03-01", "2027-03-01")
    before.complete(ticket, "sikap_atas_putusan", ACCEPT)
    clock.move_to(wib("2027-04-07"))
    before.run(ticket)
    before.message(ticket, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-04-07"})
    unnumbered = {k: v for k, v in PELAKSANAAN.items() if k != "nomor_berita_acara"}
    with pytest.raises(Invalid) as refused:
        before.complete(ticket, "pelaksanaan_putusan", {**unnumbered, "tanggal_pelaksanaan": "2027-04-02"})
    assert refused.value.fields["tanggal_pelaksanaan"] == [msg("between_and_today", first=date(2027, 4, 7))]
    before.complete(ticket, "pelaksanaan_putusan", {**unnumbered, "tanggal_pelaksanaan": "2027-04-07"})
    assert before.case(ticket).status == "sengketa_selesai"
