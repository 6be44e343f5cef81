"""A request filed on a process version before 4 is due by the superior's own period after a granted objection, as the
superior's letter states it (legal-process.md §4.4; engine.objection_orders.carry_period).

Version 4's ``jam_lanjutan`` reads the period from the objection's message; the versions before it read only the
instance's own ``hari_penyerahan`` (the office's standard at intake). An office that upgraded while such a request
waited for an objection would otherwise state "paling lambat 10 hari kerja" in the superior's letter and hold the PPID
to the standard 3 days: flagged late, and escalated, before the letter's limit.

On SQLite alone: the period travels in workflow data and the message
(tests/workflows/test_objection_order_goes_to_the_ppid.py).
"""

import dataclasses
import shutil

from engine.runtime import Runtime
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see the module's docstring)
from tests.workflows.conftest import Office
from tests.workflows.test_keberatan_paths import _decided, _to_superior
from tests.workflows.test_letters import at_receipt  # noqa: F401
from tests.workflows.test_objection_order_goes_to_the_ppid import (
    DAY,
    _before_this_version,
    _reopened,
    _working_days_after_reopening,
)


def _offices(settings, session_factory_, tmp_path) -> tuple[Office, Office]:
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = workflows / "permohonan_informasi.bpmn"
    path.write_text(_before_this_version(path.read_text(encoding="utf-8")), encoding="utf-8")
    before = Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))
    return before, Office(session_factory_, Runtime(settings))


def _granted(office: Office, request: str, **extra) -> None:
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    decided = {"keputusan": "keberatan_dikabulkan_seluruhnya", "tanggal_keputusan": DAY}
    office.complete(objection, "putuskan_keberatan", {**decided, "perintah_kepada_ppid": "Serahkan daftar", **extra})
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": DAY, "dikirim_melalui": "email"})


def test_a_request_on_the_version_before_is_due_by_the_superior_s_period_after_the_upgrade(
    settings,
    session_factory_,
    tmp_path,
    at_receipt,  # noqa: F811
):
    before, office = _offices(settings, session_factory_, tmp_path)
    old = _decided(before, "ditolak_dikecualikan")
    days = office.rt.settings.delivery_days + 7  # the superior's own, not the office's standard
    _granted(office, old, batas_penyerahan_hari=days)  # decided after this version was deployed
    serah = office.deadline(old, "SERAH")
    assert (serah.status, serah.working_days) == ("pending", days)
    task = _reopened(office, old)
    assert task.due_at == serah.due_at == _working_days_after_reopening(office, days)
    before.complete(old, "penyerahan_lanjutan", step="penyerahan_informasi")  # its own diagram's lane
    assert office.case(old).status == "selesai"
    office.verify()


def test_without_a_period_of_the_superior_s_the_older_request_keeps_the_office_s_standard(
    settings,
    session_factory_,
    tmp_path,
    at_receipt,  # noqa: F811
):
    before, office = _offices(settings, session_factory_, tmp_path)
    old = _decided(before, "ditolak_dikecualikan")
    _granted(office, old)
    days = office.rt.settings.delivery_days
    assert office.deadline(old, "SERAH").working_days == days
    assert _reopened(office, old).due_at == _working_days_after_reopening(office, days)
