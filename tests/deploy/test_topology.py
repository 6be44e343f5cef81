"""The production topology, started as it ships (gunicorn on deploy/gunicorn.conf.py with 2 workers,
PostgreSQL, redis-server, 2 `kawal worker`, reconcile as its timer runs it), under 8 concurrent officer
desks walking information requests to the end, while one web worker and one RQ worker are killed."""

import os
import signal
import threading
from collections import Counter

import pytest
from redis import Redis
from rq import Worker
from sqlalchemy import select

from engine.config import load_settings
from engine.db import make_engine, session_factory
from engine.models import Case, CaseEvent, HumanTask, Notification
from notifications.delivery import TASK_DONE
from notifications.reconcile import reconcile
from notifications.services import Services, use
from tests.deploy.topology import GRANT_PATH, DeskClient, Topology, create_officers, served_connections
from tests.reminders.conftest import run_kawal, wait_for
from tests.smtp import mailed_id

pytestmark = pytest.mark.postgres

CLIENTS = 8
CASES_PER_CLIENT = 2  # 16 cases, 112 completions: the kills land a third of the way in
RECONCILE_EVERY = 2.0  # seconds; the systemd timer runs it each minute, the test cannot wait that long


class Reconciler:
    """What kawal-reconcile.timer does, every RECONCILE_EVERY seconds, in this process."""

    def __init__(self, env: dict):
        self.svc = Services(load_settings(env))
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.errors: list[str] = []

    def _run(self):
        while not self.stop_event.wait(RECONCILE_EVERY):
            try:
                reconcile(self.svc)
            except Exception as exc:  # Redis or the database busy: the next run catches up, as the timer's does
                self.errors.append(repr(exc))

    def __enter__(self):
        use(self.svc)
        self.thread.start()
        return self

    def __exit__(self, *_):
        self.stop_event.set()
        self.thread.join(30)
        use(None)
        self.svc.sessions.kw["bind"].dispose()
        if self.svc.scheduler is not None:
            self.svc.scheduler.redis.close()


def kill_a_worker_in_the_middle_of_a_delivery(topology: Topology, mailbox) -> int:
    """Hold the SMTP sink at RCPT, SIGKILL the RQ worker whose job is waiting on it, let the sink go."""
    redis = Redis.from_url(topology.env["KAWAL_REDIS_URL"])
    mailbox.hold.set()
    try:
        assert mailbox.held.wait(60), "no delivery reached the SMTP sink"
        busy = [w for w in Worker.all(connection=redis) if (w.get_current_job_id() or "").startswith("notification-")]
        assert busy, "no RQ worker is in the middle of a delivery"
        victim = busy[0].pid
        os.killpg(victim, signal.SIGKILL)  # each `kawal worker` leads its own process group
        return victim
    finally:
        mailbox.hold.clear()
        redis.close()


def test_eight_desks_lose_nothing_when_a_web_and_an_rq_worker_are_killed(own_postgres, mailbox, tmp_path, request):
    # This process's reconcile, like the topology's processes, takes back a dead sender's claim after 3 s
    # (KAWAL_STALE_CLAIM_SECONDS in the topology's environment, which the Reconciler's settings read).
    engine = make_engine(own_postgres)
    request.addfinalizer(engine.dispose)  # a failure midway leaves no connection for the next test to trip on
    sessions = session_factory(engine)
    create_officers(sessions)
    topology = Topology(tmp_path, own_postgres, mailbox.port, web_workers=2, web_threads=2).start(rq_workers=2)
    total_steps = CLIENTS * CASES_PER_CLIENT * len(GRANT_PATH)
    done, lock = [0], threading.Lock()
    third = threading.Event()
    tickets: list[str] = []
    failures: list[str] = []
    desks: list[DeskClient] = []

    def progress():
        with lock:
            done[0] += 1
            if done[0] >= total_steps // 3:
                third.set()

    def desk_work():
        desk = DeskClient(topology.port).login()
        desks.append(desk)
        try:
            for _ in range(CASES_PER_CLIENT):
                ticket = desk.file()
                tickets.append(ticket)
                desk.walk(ticket, progress)
        except BaseException as exc:  # the assertion is made below, with every desk's story
            failures.append(f"{type(exc).__name__}: {exc}")
        finally:
            desk.close()

    killed = {}
    try:
        with Reconciler(topology.env) as reconciler:
            threads = [threading.Thread(target=desk_work) for _ in range(CLIENTS)]
            for thread in threads:
                thread.start()
            assert third.wait(180), f"a third of the work was not done in 180 s: {failures}\n{topology.log_tail()}"
            killed["web"] = topology.kill_web_worker()
            killed["rq"] = kill_a_worker_in_the_middle_of_a_delivery(topology, mailbox)
            for thread in threads:
                thread.join(240)
            assert not any(t.is_alive() for t in threads), "a desk is still working after 240 s"
            assert not failures, failures

            def all_sent():  # or not to be sent: news of a task a desk finished before it went out
                with sessions() as s:
                    done = s.execute(select(Notification.status, Notification.last_error)).all()
                    return all(status == "sent" or (status, why) == ("skipped", TASK_DONE) for status, why in done)

            try:
                wait_for(all_sent, 180, 0.5, what="every message sent")  # the RQ workers run at nice 10
            except AssertionError:
                with sessions() as s:
                    left = s.execute(
                        select(
                            Notification.id, Notification.status, Notification.attempts, Notification.last_error
                        ).where(Notification.status.not_in(("sent", "skipped")))
                    ).all()
                raise AssertionError(f"messages not sent: {left[:10]}; reconcile: {reconciler.errors[:3]}") from None
        # reconcile as the timer runs it: the CLI, once more, finds nothing left to do
        result = run_kawal(topology.env, "reconcile")
        assert result.returncode == 0, result.stderr
        assert "; 0 failed" in result.stdout, result.stdout
        monitor = DeskClient(topology.port)
        health = monitor.call("GET", "/api/v1/health")
        monitor.close()
    finally:
        topology.stop()

    with sessions() as s:
        cases = s.scalars(select(Case).order_by(Case.id)).all()
        completed = s.execute(select(CaseEvent.case_id, CaseEvent.data).where(CaseEvent.type == "task_completed")).all()
        tasks = s.scalars(select(HumanTask)).all()
        rows = s.scalars(select(Notification)).all()
    engine.dispose()

    # Every case a desk filed is done; a second case exists only where a filing had to be sent again.
    uncertain = sum(d.uncertain_filings for d in desks)
    assert len(tickets) == CLIENTS * CASES_PER_CLIENT
    assert {c.ticket for c in cases} >= set(tickets)
    extra = [c for c in cases if c.ticket not in set(tickets)]
    assert len(extra) <= uncertain, [c.ticket for c in extra]
    assert all(c.status == "selesai" and c.closed_at is not None for c in cases if c.ticket in set(tickets))

    # No task completed twice: one completion event per task, seven per case, every task row closed once.
    per_task = Counter(data["task_id"] for _case_id, data in completed)
    assert per_task
    assert max(per_task.values()) == 1
    per_case = Counter(case_id for case_id, _data in completed)
    assert all(per_case[c.id] == len(GRANT_PATH) for c in cases if c.ticket in set(tickets))
    assert {t.state for t in tasks if t.case_id not in {c.id for c in extra}} == {"completed"}

    # No message lost or doubled: each outbox row arrived at the sink exactly once, and nothing else did.
    expected = Counter(mailed_id(n.idempotency_key) for n in rows if n.status == "sent")
    arrived = Counter(mailbox.ids())
    assert len(rows) >= len(cases) * 3  # receipt, decision notice, and the officers' new-task messages
    assert arrived == expected, {
        "missing": sorted(set(expected) - set(arrived))[:5],
        "doubled": [m for m, n in arrived.items() if n > 1][:5],
        "unknown": sorted(set(arrived) - set(expected))[:5],
    }

    # The kills happened while desks worked, and the clients saw it (a dropped connection sent again).
    assert killed["web"]
    assert killed["rq"]
    assert sum(d.resent for d in desks) >= 1
    status, body, _ = health
    assert status == 200, body
    assert body["redis"]["workers"] >= 1
    # Every message is out; a worker killed while it held RQ's scheduler leaves the scheduler's lock until it
    # expires, and health says so ("degraded", engine.health) until the other worker takes it over.
    assert body["status"] == "ok" or (body["status"] == "degraded" and not body["redis"]["scheduler"]), body
    assert body["database"]["messages_pending"]["count"] == 0


def test_kept_alive_desks_are_spread_over_the_web_workers_not_piled_on_one(own_postgres, tmp_path):
    """Each desk keeps its connection; left to the kernel, all of them often sit in one gunicorn worker,
    sharing its interpreter while the other idles (api.server.BalancedThreadWorker). Two desks, then four, on one
    topology (a topology for each count started gunicorn twice for the same question)."""
    engine = make_engine(own_postgres)
    create_officers(session_factory(engine))
    engine.dispose()
    topology = Topology(tmp_path, own_postgres, None, web_workers=2, web_threads=2).start(rq_workers=0)
    clients = []
    try:
        for desks in (2, 4):
            while len(clients) < desks:
                clients.append(DeskClient(topology.port).login())  # one after the other, as officers sit down
            held = served_connections(topology.port, topology.web_worker_pids())
            assert sorted(held.values()) == [desks // 2, desks // 2], (desks, held)
            for desk in clients:  # and each is still served on the connection it kept
                status, _, resent = desk.call("GET", "/api/v1/tasks?scope=group", token=desk.tokens["ppid"])
                assert (status, resent) == (200, False)
    finally:
        for desk in clients:
            desk.close()
        topology.stop()


def test_a_reload_replaces_every_web_worker_while_desks_work_and_no_case_is_hurt(own_postgres, tmp_path, request):
    """`systemctl reload kawal-web` (SIGHUP to gunicorn's master) starts new workers and lets the old ones finish
    their requests: desks working through it see no error answer; at most a kept-alive connection closed between
    two requests, sent again as a browser does. Every case completes, no task twice."""
    engine = make_engine(own_postgres)
    request.addfinalizer(engine.dispose)
    sessions = session_factory(engine)
    create_officers(sessions)
    topology = Topology(tmp_path, own_postgres, None, web_workers=2, web_threads=2).start(rq_workers=0)
    desks_count, cases_each = 2, 2
    steps, lock, halfway, reloaded = [0], threading.Lock(), threading.Event(), threading.Event()
    tickets: list[str] = []
    failures: list[str] = []
    desks: list[DeskClient] = []

    def progress():
        with lock:
            steps[0] += 1
            if steps[0] >= desks_count * len(GRANT_PATH) // 2:  # in the middle of the desks' first cases
                halfway.set()

    def desk_work():
        desk = DeskClient(topology.port).login()
        desks.append(desk)
        try:
            for number in range(cases_each):
                if number == cases_each - 1:  # the last case on the same kept-alive connection, after the reload
                    assert reloaded.wait(120), "no reload"
                ticket = desk.file()
                tickets.append(ticket)
                desk.walk(ticket, progress)
        except BaseException as exc:  # asserted below, with every desk's story
            failures.append(f"{type(exc).__name__}: {exc}")
        finally:
            desk.close()

    try:
        before = set(topology.web_worker_pids())
        threads = [threading.Thread(target=desk_work) for _ in range(desks_count)]
        for thread in threads:
            thread.start()
        assert halfway.wait(120), f"half the work was not done in 120 s: {failures}\n{topology.log_tail()}"
        os.kill(topology.web.pid, signal.SIGHUP)  # what the unit's ExecReload sends

        def replaced():
            now = set(topology.web_worker_pids())
            return len(now) == 2 and not now & before

        wait_for(replaced, 60, 0.2, what=f"two new web workers after the reload:\n{topology.log_tail()}")
        reloaded.set()
        for thread in threads:
            thread.join(120)
        assert not any(t.is_alive() for t in threads), "a desk is still working after 120 s"
        assert not failures, failures
        log = topology.log_tail(chars=None)
        assert "Handling signal: hup" in log
        after = set(topology.web_worker_pids())
        assert all(f"Worker {pid} accepting" in log for pid in after)  # the new workers took connections
        monitor = DeskClient(topology.port)
        status, body, _ = monitor.call("GET", "/api/v1/health")
        monitor.close()
        assert status == 200, body
    finally:
        topology.stop()

    with sessions() as s:
        cases = {c.ticket: c for c in s.scalars(select(Case))}
        completed = s.execute(select(CaseEvent.data).where(CaseEvent.type == "task_completed")).scalars().all()
    # An old worker ends its kept-alive connections as it stops (gunicorn answers "Connection: close" once it is
    # told to stop): a request sent on one just closed is sent again, at most once per desk.
    assert all(d.resent <= 1 for d in desks), [d.resent for d in desks]
    assert len(tickets) == desks_count * cases_each
    assert all(cases[t].status == "selesai" for t in tickets)
    assert max(Counter(data["task_id"] for data in completed).values()) == 1
    assert len(cases) <= len(tickets) + sum(d.uncertain_filings for d in desks)  # no case filed twice unasked
