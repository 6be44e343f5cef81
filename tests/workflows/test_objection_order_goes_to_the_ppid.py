"""The superior's order on a granted objection ("Perintah kepada PPID", legal-process.md §4.4) is the PPID's to carry
out, by one limit the letter and the task state alike.

- The request's reopened delivery (``penyerahan_lanjutan``) stands in the PPID's lane, as the dispute's decision
  (``pelaksanaan_putusan``) does: the PPID is ordered; a PPID officer hands the information over or has it handed over.
- The superior may set the period (``batas_penyerahan_hari``): the Tanggapan Atasan PPID states it, and no other, and
  the reopened delivery (SERAH) is due by it; without it, the office's standard (KAWAL_DELIVERY_DAYS), in both.
- A period written into the instruction itself is refused beside it: the letter would state two limits.
- A request started on the version before keeps its front-desk lane and the office's standard (engine.runtime.deploy).

On SQLite alone: the period travels in the objection's data, the request's news (JSON) and the workflow's message;
no new column and no new query (the news' storage runs on PostgreSQL in tests/workflows/test_keberatan_paths.py).
"""

import dataclasses
import shutil

import pytest
from sqlalchemy import select

from engine.errors import Invalid
from engine.models import Case, HumanTask
from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see the module's docstring)
from tests.workflows.conftest import Office
from tests.workflows.test_keberatan_paths import _decided, _to_superior
from tests.workflows.test_letters import at_receipt, by_kind, letters, render_pending, text_of  # noqa: F401

DAY = "2026-11-30"  # Monday: decided and sent on the day the objection came in


def _granted(office, **extra) -> tuple[str, str]:
    request = _decided(office, "ditolak_dikecualikan")
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    data = {
        "keputusan": "keberatan_dikabulkan_seluruhnya",
        "tanggal_keputusan": DAY,
        "perintah_kepada_ppid": "Serahkan daftar penerima bantuan",
        **extra,
    }
    office.complete(objection, "putuskan_keberatan", data)
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": DAY, "dikirim_melalui": "email"})
    return request, objection


def _response(office, objection) -> str:
    render_pending(office)
    return " ".join(text_of(office, by_kind(letters(office, objection))["tanggapan_atasan"]).split())


def _reopened(office, request) -> HumanTask:
    with office.sessions() as s:
        return s.scalar(
            select(HumanTask)
            .join(Case)
            .where(Case.ticket == request, HumanTask.bpmn_id == "penyerahan_lanjutan", HumanTask.state == "open")
        )


def _working_days_after_reopening(office, days: int):
    serah_start = office.rt.received(DAY)
    return office.rt.calendars["strict"].add_working_days(serah_start, days).due_at


def test_the_superior_s_own_period_is_the_one_the_letter_states_and_the_ppid_s_task_is_due_by(
    office,
    at_receipt,  # noqa: F811
):
    request, objection = _granted(office, batas_penyerahan_hari=5)
    text = _response(office, objection)
    assert "paling lambat 5 hari kerja setelah tanggapan ini dikirim, sebagaimana ditetapkan Atasan PPID" in text
    assert text.count("paling lambat") == 2  # this limit, and the 14 days to bring a dispute
    assert "sesuai standar layanan" not in text
    task = _reopened(office, request)
    assert task.lane == "ppid"  # the order binds the PPID: the PPID's inbox holds it
    serah = office.deadline(request, "SERAH")
    assert (serah.status, serah.working_days) == ("pending", 5)
    assert task.due_at == serah.due_at == _working_days_after_reopening(office, 5)
    office.complete(request, "penyerahan_lanjutan", step="penyerahan_informasi")  # by a PPID officer
    assert office.case(request).status == "selesai"
    office.verify()


def test_without_a_period_of_the_superior_s_the_letter_and_the_task_keep_the_office_s_standard(
    office,
    at_receipt,  # noqa: F811
):
    request, objection = _granted(office)
    days = office.rt.settings.delivery_days
    text = _response(office, objection)
    assert f"paling lambat {days} hari kerja setelah tanggapan ini dikirim, sesuai standar layanan" in text
    assert "sebagaimana ditetapkan Atasan PPID" not in text
    task = _reopened(office, request)
    assert task.lane == "ppid"
    assert office.deadline(request, "SERAH").working_days == days
    assert task.due_at == _working_days_after_reopening(office, days)


@pytest.mark.parametrize(
    "order",
    [
        "Serahkan daftar penerima paling lambat 5 hari kerja",
        "Serahkan daftar penerima dalam 7 (tujuh) hari",
        "Hand the list over within 5 days",
    ],
)
def test_a_period_written_into_the_instruction_is_refused_beside_it(office, at_receipt, order):  # noqa: F811
    request = _decided(office, "ditolak_dikecualikan")
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    data = {"keputusan": "keberatan_dikabulkan_seluruhnya", "tanggal_keputusan": DAY, "perintah_kepada_ppid": order}
    with pytest.raises(Invalid) as refused:
        office.complete(objection, "putuskan_keberatan", data)
    assert set(refused.value.fields) == {"perintah_kepada_ppid"}
    assert refused.value.fields["perintah_kepada_ppid"][0].code == "objection_order_period"  # errors.po words it
    assert office.open_tasks(objection) == ["putuskan_keberatan"]  # nothing decided


@pytest.mark.parametrize(
    "order",
    ["Serahkan rekap kunjungan 7 hari pertama bulan Mei", "Serahkan daftar hari kerja pegawai"],
)
def test_days_that_describe_the_information_are_no_period_and_the_order_is_decided(office, at_receipt, order):  # noqa: F811
    request = _decided(office, "ditolak_dikecualikan")
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    data = {"keputusan": "keberatan_dikabulkan_seluruhnya", "tanggal_keputusan": DAY, "perintah_kepada_ppid": order}
    office.complete(objection, "putuskan_keberatan", data)
    assert "putuskan_keberatan" not in office.open_tasks(objection)


def _before_this_version(text: str) -> str:
    """workflows/permohonan_informasi.bpmn as it was before: the reopened delivery in the front desk's lane, due by
    the office's standard whatever the superior set."""
    start = text.index("        <!-- The superior's order binds the PPID")
    end = text.index("<bpmn:flowNodeRef>penyerahan_lanjutan</bpmn:flowNodeRef>", start)
    end = text.index("</bpmn:lane>", end) + len("</bpmn:lane>")
    lanes = (
        "      </bpmn:lane>\n"
        '      <bpmn:lane id="Lane_petugas_main" name="petugas_layanan">\n'
        "        <bpmn:flowNodeRef>penyerahan_lanjutan</bpmn:flowNodeRef>\n"
        "      </bpmn:lane>"
    )
    text = text[:start] + lanes + text[end:]
    new_script = 'serah_hari = keberatan_dikabulkan.get("hari_penyerahan") or hari_penyerahan'
    assert text.count(new_script) == 1
    return text.replace(new_script, "serah_hari = hari_penyerahan")


def test_a_request_started_on_the_version_before_keeps_its_desk_lane_and_standard(
    settings,
    session_factory_,
    tmp_path,
    at_receipt,  # noqa: F811
):
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = workflows / "permohonan_informasi.bpmn"
    path.write_text(_before_this_version(path.read_text(encoding="utf-8")), encoding="utf-8")
    before = Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))
    old = _decided(before, "ditolak_dikecualikan")
    office = Office(session_factory_, Runtime(settings))  # this version deployed
    new = _decided(office, "ditolak_dikecualikan")
    with office.sessions() as s:
        versions = {t: s.scalar(select(Case.process_version_id).where(Case.ticket == t)) for t in (old, new)}
    assert versions[old] != versions[new]
    for ticket in (old, new):
        objection = office.objection(ticket, ["a"])
        _to_superior(office, objection)
        decided = {"keputusan": "keberatan_dikabulkan_seluruhnya", "tanggal_keputusan": DAY}
        office.complete(objection, "putuskan_keberatan", {**decided, "perintah_kepada_ppid": "Serahkan daftar"})
        office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": DAY, "dikirim_melalui": "email"})
    assert (_reopened(office, old).lane, _reopened(office, new).lane) == ("petugas_layanan", "ppid")
    days = office.rt.settings.delivery_days
    assert office.deadline(old, "SERAH").working_days == office.deadline(new, "SERAH").working_days == days
    # The desk completes the old case's delivery as it did (``before`` reads the diagram it started on).
    before.complete(old, "penyerahan_lanjutan", step="penyerahan_informasi")
    office.complete(new, "penyerahan_lanjutan", step="penyerahan_informasi")
    assert office.case(old).status == office.case(new).status == "selesai"
