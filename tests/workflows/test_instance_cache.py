"""A case instance kept in memory after a committed run (engine.instances) is used only while the stored state
is exactly what it was saved as; it changes nothing a case goes through.

The other scenario tests run with the cache off (KAWAL_WORKFLOW_CACHE=0 in the test environment), so that every
step saves and restores the instance (STYLE.md rule 9); here the same walk runs both ways and must store the
same state at every step.
"""

import itertools
import json
import threading
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
import time_machine
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from engine import inbox
from engine.config import load_settings
from engine.db import make_engine, session_factory
from engine.errors import Conflict, Invalid
from engine.instances import InstanceCache
from engine.models import Case, CaseEvent, Deadline, HumanTask, WorkflowState
from engine.run import CaseRun
from engine.runtime import Runtime
from tests.conftest import sqlite_only
from tests.helpers import STEP, decision
from tests.workflows.conftest import Office

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
GRANTED = {
    "keputusan": "keberatan_dikabulkan_seluruhnya",
    "tanggal_keputusan": "2026-12-02",
    "perintah_kepada_ppid": "Serahkan informasi yang diminta",
}
SENT = {"dikirim_melalui": "email", "tanggal_dikirim": "2026-12-02"}


def _runtime(settings, size: int) -> Runtime:
    return Runtime(load_settings({"KAWAL_ENV": "test", "KAWAL_WORKFLOW_CACHE": str(size)}, **_paths(settings)))


def _paths(settings) -> dict:
    return {"database_url": settings.database_url, "files_dir": settings.files_dir}


@pytest.fixture
def cached(settings, session_factory_):
    """An office whose runtime keeps up to 16 instances."""
    return Office(session_factory_, _runtime(settings, 16))


@pytest.fixture
def databases(db_url, request):
    return request.getfixturevalue("sqlite_databases" if db_url.startswith("sqlite") else "postgres_databases")


def _snapshot(office) -> dict:
    """Every case's stored instance (parsed), deadlines, tasks and history, by ticket."""
    with office.sessions() as s:
        cases = s.scalars(select(Case).order_by(Case.id)).all()
        return {
            case.ticket: {
                "state": json.loads(s.get(WorkflowState, case.id).state),
                "status": case.status,
                "deadlines": [
                    (d.name, d.status, d.due_at.isoformat())
                    for d in s.scalars(select(Deadline).where(Deadline.case_id == case.id).order_by(Deadline.id))
                ],
                "tasks": [
                    (t.bpmn_id, t.state)
                    for t in s.scalars(select(HumanTask).where(HumanTask.case_id == case.id).order_by(HumanTask.id))
                ],
                "events": [
                    (e.type, e.actor, e.data)
                    for e in s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq))
                ],
            }
            for case in cases
        }


def _walk(office, traveller) -> list[dict]:
    """A refused request, its objection granted (which reopens the request), a timer run with nothing due and
    one past the request's deadline: what is stored after each step."""
    seen = []

    def step(ticket, name, data):
        office.complete(ticket, name, data)
        seen.append(_snapshot(office))

    request = office.submit()
    seen.append(_snapshot(office))
    for name in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        step(request, name, STEP[name])
    step(request, "putuskan", decision("ditolak_dikecualikan"))
    for name in ("uji_konsekuensi", "tetapkan_pengecualian", "pemberitahuan_tertulis"):
        step(request, name, None)
    objection = office.objection(request, ["a"])
    step(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    step(objection, "susun_kronologi", {"kronologi": "Ditolak", "pertimbangan_ppid": "Dikecualikan"})
    step(objection, "putuskan_keberatan", GRANTED)
    step(objection, "kirim_tanggapan", SENT)  # the request runs on too: a second run in the same transaction
    late = office.submit()
    office.run(late)  # nothing due yet: the run changes nothing and keeps nothing
    seen.append(_snapshot(office))
    traveller.move_to(office.deadline(late, "T10").due_at + timedelta(hours=1))
    office.run(late)  # T10 lapsed
    seen.append(_snapshot(office))
    step(late, "periksa_kelengkapan", STEP["periksa_kelengkapan"])
    return seen


def test_a_walk_on_kept_instances_stores_exactly_what_restoring_at_every_step_stores(
    settings, databases, db_url, monkeypatch
):
    walks, hits = [], []
    for size in (16, 0):  # kept, then restored at every step: the same database, ids and times each time
        url = databases.reset("office")
        assert url == db_url
        ids, codes = itertools.count(1), itertools.count(1)
        monkeypatch.setattr("SpiffWorkflow.task.uuid4", lambda ids=ids: UUID(int=next(ids)))
        monkeypatch.setattr("engine.letters.issue.new_code", lambda codes=codes: f"code{next(codes):08d}")
        engine = make_engine(settings.database_url)
        try:
            office = Office(session_factory(engine), _runtime(settings, size))
            with time_machine.travel(RECEIVED, tick=False) as traveller:
                walks.append(_walk(office, traveller))
            hits.append(office.rt.instances.hits)
        finally:
            engine.dispose()
    kept, restored = walks
    assert hits[0] >= 15  # the first walk did run on kept instances
    assert hits[1] == 0
    assert len(kept) == len(restored)
    for n, (with_cache, without) in enumerate(zip(kept, restored, strict=True)):
        assert with_cache == without, f"step {n} differs"


def test_a_kept_instance_is_not_used_once_another_process_saved_the_case(cached, settings, session_factory_):
    ticket = cached.submit()
    cached.complete(ticket, "periksa_kelengkapan", STEP["periksa_kelengkapan"])
    assert len(cached.rt.instances) == 1
    other = Office(session_factory_, _runtime(settings, 16))  # another web worker, with a cache of its own
    other.complete(ticket, "registrasi", STEP["registrasi"])
    misses = cached.rt.instances.misses
    cached.complete(ticket, "proses_permohonan", STEP["proses_permohonan"])  # on the state `other` saved
    assert cached.rt.instances.misses == misses + 1
    assert cached.open_tasks(ticket) == ["tentukan_langkah"]
    cached.verify()


def test_a_completion_refused_after_its_step_keeps_no_instance(cached, monkeypatch):
    ticket = cached.submit()
    cached.complete(ticket, "periksa_kelengkapan", STEP["periksa_kelengkapan"])
    before = _snapshot(cached)

    def refuse(*_args):
        raise Invalid("invalid_data")  # e.g. a letter refused after the engine ran the case on

    monkeypatch.setattr(inbox.letters, "after_task", refuse)
    with cached.sessions() as s:
        task = cached._open(s, ticket, "registrasi")
        with pytest.raises(Invalid):
            inbox.complete_task(s, cached.rt, cached.user(s, "petugas"), task.id, STEP["registrasi"])
        s.rollback()  # the boundary's answer to the refusal; the same session serves on (api.boundary.retried)
        s.commit()
    assert len(cached.rt.instances) == 0  # taken by the refused run, and dropped with its rollback
    assert _snapshot(cached) == before
    monkeypatch.undo()
    cached.complete(ticket, "registrasi", STEP["registrasi"])
    assert cached.open_tasks(ticket) == ["proses_permohonan"]


def test_a_completion_that_loses_the_race_for_its_case_keeps_nothing_of_its_own(cached, db_url):
    ticket = cached.submit()
    b = cached.sessions()  # officer B reads the task and the case's instance as it is now
    b_task = b.scalar(select(HumanTask).join(Case).where(Case.ticket == ticket, HumanTask.state == "open"))
    b_user = cached.user(b, "petugas2")
    assert b_task.case.workflow_state is not None
    cached.complete(ticket, "periksa_kelengkapan", STEP["periksa_kelengkapan"])  # officer A commits first
    kept = dict(cached.rt.instances._entries)
    refused = (Conflict, StaleDataError) + ((OperationalError,) if db_url.startswith("sqlite") else ())

    def b_completes():
        inbox.complete_task(b, cached.rt, b_user, b_task.id, STEP["periksa_kelengkapan"])
        b.commit()

    with pytest.raises(refused):
        b_completes()
    b.rollback()
    b.close()
    assert cached.rt.instances._entries == kept  # A's instance, as A saved it; nothing of B's run
    cached.complete(ticket, "registrasi", STEP["registrasi"])
    assert cached.open_tasks(ticket) == ["proses_permohonan"]
    assert cached.rt.instances.hits == 2


# Two sessions, each with an instance of its own: the cache's matter in memory, whatever the database.
@sqlite_only
def test_two_runs_of_one_case_never_hold_the_same_instance(cached):
    ticket = cached.submit()
    with cached.sessions() as first, cached.sessions() as second:
        runs = []
        for s in (first, second):
            run = CaseRun(s, cached.rt, s.scalar(select(Case).where(Case.ticket == ticket)), "ppid")
            runs.append(run.__enter__())
        assert runs[0].wf is not runs[1].wf
        assert cached.rt.instances.hits == 1  # the first run took the kept one; the second restored its own


def test_threads_taking_one_kept_instance_get_it_once():
    cache = InstanceCache(4)
    for _ in range(50):
        cache.put(7, 1, "state", kept := object())
        got, start = [], threading.Barrier(8)

        def take(got=got, start=start):
            start.wait()
            got.append(cache.take(7, 1, "state"))

        threads = [threading.Thread(target=take) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [g for g in got if g is not None] == [kept]


def test_the_cache_keeps_the_most_recently_saved_cases_up_to_its_size_and_nothing_when_off():
    cache = InstanceCache(2)
    for case_id in (1, 2, 3):
        cache.put(case_id, 1, f"state {case_id}", f"wf {case_id}")
    assert cache.take(1, 1, "state 1") is None  # the oldest went first
    assert cache.take(3, 2, "state 3") is None  # another process version: not this instance
    assert cache.take(2, 1, "state 2") == "wf 2"
    off = InstanceCache(0)
    off.put(1, 1, "s", "wf")
    assert off.take(1, 1, "s") is None
