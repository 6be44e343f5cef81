"""Reconcile against a million pending deadlines, and reminder throughput through the outbox to the log channel.

    python -m bench.reconcile [--backend sqlite|postgres|both] [--pending 1000000] [--due 1000] [--messages 5000]

Per backend, on a fresh database: ``--pending`` pending deadlines (``--per-case`` of them per case),
of which ``--due`` are already due and the rest fall due between 1 and 91 days from now. Then:

(a) The due-row selection. ``reconcile()``'s own queries (release of stale claims, due deadlines, due
    reminders, pending notifications), timed one by one, median of ``--runs``; then ``reconcile()`` itself
    in scheduling mode with the Redis part replaced by a stub that enqueues nothing (the whole database
    side of a run). The plans come from EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL and EXPLAIN QUERY PLAN
    on SQLite, run on the statements that ``reconcile()`` itself sent.
(b) ``reconcile()`` in scheduling mode against a real ``redis-server`` on a free loopback port: the first
    run enqueues one RQ job per due deadline; the next runs find them all waiting and enqueue nothing; after
    FLUSHALL a run enqueues them all again. No worker runs, so the jobs stay queued.
(c) Outbox throughput: ``--messages`` pending ``deadline_reminder`` rows to one officer on the ``log`` channel,
    sent three ways: ``notifications.delivery.deliver()`` in one session, ``jobs.deliver_notification()``
    (a session per message, what an RQ job does, without RQ), and ``reconcile()`` in its inline mode
    (no Redis). The ``kawal.notifications`` logger goes to a NullHandler while this runs.
(d) Reminders end to end: ``--reminders`` due Reminder rows (audience ``group``, one open task per case,
    one officer in the group) through ``reconcile()`` inline: ``send_reminder`` writes one outbox row
    each, then every row is delivered to the log channel.

Before (c) the due deadlines are set to ``cancelled``: their cases have no workflow state (the bench
never runs the engine), so the inline mode's ``fire_timers`` could not run them.

PostgreSQL comes from ``KAWAL_BENCH_POSTGRES_URL``; its ``public`` schema is dropped and recreated.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import math
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

from redis import Redis
from sqlalchemy import event, func, insert, select, text, update
from sqlalchemy.engine import Engine

from bench.common import POSTGRES_ENV, BenchError, fresh_database
from engine import absence, clock, correction_requests, kinds
from engine.config import Settings, load_settings
from engine.db import make_engine, session_factory, upgrade
from engine.models import Case, Deadline, HumanTask, Notification, Reminder
from engine.outbox import deadline_label
from engine.runtime import Runtime
from engine.users import create_user
from notifications import delivery, jobs
from notifications.reconcile import BATCH, LOOKAHEAD, due_queries, reconcile
from notifications.services import Services, use

HOST = "127.0.0.1"
PROCESS = kinds.REQUEST
PASSWORD = "bench-password-1"  # noqa: S105 - a throw-away officer in a throw-away database
OFFICER = "bench.ppid"
LEGAL_BASIS = "UU 14/2008 Pasal 22(7)"
INSERT_BATCH = 10_000
FUTURE_FROM = timedelta(days=1)  # the pending deadlines that are not due fall due from here ...
FUTURE_SPAN = timedelta(days=90)  # ... over this span (well past reconcile's 15-minute lookahead)
WAITING_RUNS = 5  # (b): runs that find every job waiting
FLUSH_RUNS = 3  # (b): FLUSHALL, then a run that enqueues everything again
INDEXES = {
    "human_task": "ix_human_task_assignee_id_state_sort_at",
    "requester_correction": "ix_requester_correction_status_due_at",
    "deadline": "ix_deadline_status_due_at",
    "reminder": "ix_reminder_status_fire_at",
    "dip_reminder": "ix_dip_reminder_status_fire_at",
    "letter": "ix_letter_status_issued_at",
    "notification": "ix_notification_status_created_at",
}


# -- numbers ------------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def timed_ms(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return (time.perf_counter() - t0) * 1000, result


def n(value: int) -> str:
    return f"{value:,}"


# -- the database ---------------------------------------------------------------------------------


@dataclass
class Setup:
    url: str
    cases: int
    case_ids: list[int]
    user_id: int
    seconds: dict[str, float] = field(default_factory=dict)
    db_bytes: int | None = None


def is_due(i: int, pending: int, due: int) -> bool:
    """Spread the due deadlines evenly over the rows (so over distinct cases)."""
    stride = max(1, pending // max(1, due))
    return i % stride == 0 and i // stride < due


def deadline_rows(pending: int, due: int, per_case: int, case_ids: list[int], now: datetime):
    """Deadline rows as tuples in COLUMNS order; the future due times are shuffled against insertion order."""
    due_before = now - timedelta(hours=1)
    step = FUTURE_SPAN / max(1, pending)
    k = 0
    for i in range(pending):
        if is_due(i, pending, due):
            due_at = due_before - timedelta(seconds=k)
            k += 1
        else:
            due_at = now + FUTURE_FROM + step * ((i * 7919) % pending)
        start_at = due_at - timedelta(days=14)
        yield (
            case_ids[i // per_case],
            f"bench-{i:010d}",
            "T10",
            LEGAL_BASIS,
            "strict",
            True,
            start_at,
            10,
            due_at,
            "pending",
        )


COLUMNS = (
    "case_id",
    "task_guid",
    "name",
    "legal_basis",
    "calendar",
    "public",
    "start_at",
    "working_days",
    "due_at",
    "status",
)


def insert_deadlines(engine: Engine, rows) -> None:
    if engine.dialect.name == "postgresql":
        # COPY through psycopg: about 3x faster than executemany here.
        raw = engine.raw_connection()
        try:
            cursor = raw.driver_connection.cursor()
            with cursor.copy(f"COPY deadline ({', '.join(COLUMNS)}, provenance) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((*row, "{}"))
            raw.commit()
        finally:
            raw.close()
        return
    table = Deadline.__table__
    batch: list[dict] = []
    with engine.begin() as conn:
        for row in rows:
            batch.append({**dict(zip(COLUMNS, row, strict=True)), "provenance": {}})
            if len(batch) == INSERT_BATCH:
                conn.execute(insert(table), batch)
                batch = []
        if batch:
            conn.execute(insert(table), batch)


def prepare(backend: str, args, tmp: Path) -> Setup:
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    url = fresh_database(backend, tmp, "kawal-bench-reconcile.db")
    upgrade(url)
    settings = load_settings({"KAWAL_DATABASE_URL": url})
    engine = make_engine(url)
    sessions = session_factory(engine)
    with sessions() as session:
        version_id = Runtime(settings).deploy(session)[PROCESS].id
        user_id = create_user(session, OFFICER, PASSWORD, ["ppid"], "Bench PPID").id
        session.commit()
    seconds["schema, process version, officer"] = time.perf_counter() - t0

    now = clock.now()
    cases = math.ceil(args.pending / args.per_case)
    t0 = time.perf_counter()
    with engine.begin() as conn:
        for start in range(0, cases, INSERT_BATCH):
            conn.execute(
                insert(Case.__table__),
                [
                    {
                        "ticket": ticket(c),
                        "kind": PROCESS,
                        "process_version_id": version_id,
                        "status": "diterima",
                        "channel": "web",
                        "access_code_hash": "0" * 64,
                        "received_at": now,
                        "created_at": now,
                        "updated_at": now,
                        "version": 1,
                        "details": {},
                        "overdue": False,
                        "confidential": False,
                        "event_seq": 0,
                        "event_hash": "0" * 64,
                    }
                    for c in range(start, min(cases, start + INSERT_BATCH))
                ],
            )
        case_ids = list(conn.scalars(select(Case.id).order_by(Case.id)))
    seconds[f"{n(cases)} cases"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    insert_deadlines(engine, deadline_rows(args.pending, args.due, args.per_case, case_ids, now))
    seconds[f"{n(args.pending)} deadlines"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    if backend == "postgres":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        seconds["VACUUM ANALYZE"] = time.perf_counter() - t0
    else:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        seconds["WAL checkpoint"] = time.perf_counter() - t0
    with engine.connect() as conn:
        if backend == "postgres":
            db_bytes = conn.execute(text("SELECT pg_database_size(current_database())")).scalar()
        else:
            db_bytes = Path(urlsplit(url).path).stat().st_size
        counts = conn.execute(
            select(func.count(), func.count().filter(Deadline.due_at <= now)).where(Deadline.status == "pending")
        ).one()
    engine.dispose()
    if counts[0] != args.pending or counts[1] != args.due:
        raise BenchError(f"setup: {counts[0]} pending deadlines, {counts[1]} due; wanted {args.pending}, {args.due}")
    return Setup(url, cases, case_ids, user_id, seconds, db_bytes)


def ticket(c: int) -> str:
    return f"BENCH-{c:08d}"


def bench_settings(url: str, redis_url: str | None = None):
    env = {"KAWAL_DATABASE_URL": url, "KAWAL_NOTIFY_CHANNELS": "log", "KAWAL_ENV": "development"}
    if redis_url:
        env["KAWAL_REDIS_URL"] = redis_url
    return load_settings(env)


def engine_of(svc: Services) -> Engine:
    return svc.sessions.kw["bind"]


@contextlib.contextmanager
def captured_sql(engine: Engine):
    """The statements and (processed) parameters the engine sends to the driver."""
    seen: list[tuple[str, object]] = []

    def before(_conn, _cursor, statement, parameters, _context, _many) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


# -- (a) the due-row selection -----------------------------------------------------------------------


def reconcile_queries(horizon: datetime, settings: Settings):
    """The statements of notifications/reconcile.py, in its order (checked against what it sends at run time)."""
    due = due_queries(horizon)
    return {
        "release_stale_claims": lambda s: delivery.release_stale_claims(s, settings),
        "officers on leave holding tasks": lambda s: absence.hand_over_due(s),
        "requester corrections to remind or escalate": lambda s: correction_requests.sweep_due(s),
        "deadlines due": lambda s: s.execute(due["deadlines"]).all(),
        "reminders due": lambda s: s.execute(due["reminders"]).all(),
        "DIP items due": lambda s: s.execute(due["dip_reminders"]).all(),
        "letters to render": lambda s: s.scalars(due["letters"]).all(),
        "notifications pending": lambda s: s.scalars(due["notifications"]).all(),
    }


class StubScheduler:
    """Stands in for Scheduler in (a): takes reconcile()'s items, enqueues nothing."""

    def __init__(self) -> None:
        self.items = 0

    def _schedule(self, items, only_missing: bool) -> int:
        self.items = len(items)
        return 0


@dataclass
class Selection:
    queries: list[tuple[str, float, int]]  # label, median ms, rows
    reconcile_ms: list[float]
    reconcile_items: int
    plans: list[tuple[str, list[str], str | None, bool]]  # label, plan lines, index expected, table empty
    same_sql: bool


LABELS = {
    "human_task": "officers on leave holding tasks",
    "requester_correction": "requester corrections to remind or escalate",
    "deadline": "deadlines due",
    "reminder": "reminders due",
    "dip_reminder": "DIP items due",
    "letter": "letters to render",
    "notification": "notifications pending",
}


def label_of(statement: str) -> str:
    s = " ".join(statement.split())
    if s.startswith("UPDATE notification"):
        return "release_stale_claims"
    for table, label in LABELS.items():
        if f"FROM {table} " in s + " ":
            return label
    return s[:40]


def explain(engine: Engine, statement: str, parameters) -> list[str]:
    verb = statement.lstrip().split(None, 1)[0].upper()
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, tuple(parameters)).all()
            lines = [row[3] for row in rows]
        else:
            prefix = "EXPLAIN (ANALYZE, BUFFERS) " if verb == "SELECT" else "EXPLAIN "  # never run the UPDATE
            lines = [row[0] for row in conn.exec_driver_sql(prefix + statement, parameters).all()]
        conn.rollback()
    return lines


def measure_selection(url: str, runs: int, due: int) -> Selection:
    svc = Services(bench_settings(url))
    stub = StubScheduler()
    svc.__dict__["scheduler"] = stub  # reconcile() takes its scheduling branch, and Redis is left out
    engine = engine_of(svc)

    # The whole database side of a scheduling-mode run, with the statements it sends.
    with captured_sql(engine) as sent:
        reconcile(svc)
    for _ in range(2):
        reconcile(svc)  # warm: connections, compiled statements
    reconcile_ms = []
    for _ in range(runs):
        reconcile_ms.append(timed_ms(lambda: reconcile(svc))[0])
    if stub.items != due:
        raise BenchError(f"reconcile() gave the scheduler {stub.items} items, wanted the {due} due deadlines")
    statements = [(s, p) for s, p in sent if s.lstrip().upper().startswith(("SELECT", "UPDATE"))]

    # The same queries one by one (horizon as in scheduling mode: now + LOOKAHEAD).
    queries = []
    with captured_sql(engine) as copied, svc.sessions() as session:
        for fn in reconcile_queries(clock.now() + LOOKAHEAD, svc.settings).values():
            fn(session)
    same_sql = [s for s, _ in statements] == [
        s for s, _ in copied if s.lstrip().upper().startswith(("SELECT", "UPDATE"))
    ]
    for label in reconcile_queries(clock.now() + LOOKAHEAD, svc.settings):
        times, rows = [], 0
        for _ in range(runs):
            with svc.sessions() as session:
                fn = reconcile_queries(clock.now() + LOOKAHEAD, svc.settings)[label]
                ms, result = timed_ms(lambda fn=fn, session=session: fn(session))
            times.append(ms)
            rows = result if isinstance(result, int) else len(result)  # an int: a count, or hand_over_due's bool
        queries.append((label, median(times), rows))
    times = []
    for _ in range(runs):  # the same WHERE / ORDER BY / LIMIT without ORM objects: what the database costs
        with svc.sessions() as session:
            stmt = (
                select(Deadline.id)
                .where(Deadline.status == "pending", Deadline.due_at <= clock.now() + LOOKAHEAD)
                .order_by(Deadline.due_at)
                .limit(BATCH)
            )
            ms, result = timed_ms(lambda stmt=stmt, session=session: session.execute(stmt).all())
        times.append(ms)
    after = [label for label, _ms, _rows in queries].index("deadlines due") + 1
    queries.insert(
        after, ("deadlines due, ids only (not reconcile's query: no ORM objects)", median(times), len(result))
    )

    plans = []
    for statement, parameters in statements:
        label = label_of(statement)
        table = next((t for t in INDEXES if f"FROM {t}" in statement), None)
        empty = False
        if table is not None:
            with engine.connect() as conn:
                empty = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0  # noqa: S608 - our names
        plans.append((label, explain(engine, statement, parameters), INDEXES.get(table), empty))
    engine.dispose()
    return Selection(queries, reconcile_ms, stub.items, plans, same_sql)


# -- (b) with Redis -------------------------------------------------------------------------------------


class RedisServer:
    def __init__(self, tmp: Path) -> None:
        with socket.socket() as s:
            s.bind((HOST, 0))
            self.port = s.getsockname()[1]
        self.dir = tmp
        self.url = f"redis://{HOST}:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> RedisServer:
        exe = shutil.which("redis-server")
        if exe is None:
            raise BenchError("redis-server is not installed (apt-get install redis-server)")
        args = ["--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no", "--dir", str(self.dir)]
        self.proc = subprocess.Popen([exe, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        client = Redis(host=HOST, port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                if client.ping():
                    break
            except Exception:  # noqa: S110 - not up yet
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise BenchError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)
        client.close()
        return self

    def __exit__(self, *_exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@dataclass
class RedisRun:
    label: str
    ms: list[float] = field(default_factory=list)
    redis_ms: list[float] = field(default_factory=list)  # inside Scheduler._schedule
    scheduled: list[int] = field(default_factory=list)
    commands: list[int] = field(default_factory=list)


def measure_redis(url: str, tmp: Path, due: int) -> list[RedisRun]:
    with RedisServer(tmp) as server:
        svc = Services(bench_settings(url, server.url))
        use(svc)
        try:
            scheduler = svc.scheduler
            client: Redis = scheduler.redis
            client.ping()
            svc.sessions  # noqa: B018 - build the engine before timing
            schedule = scheduler._schedule
            inside: list[float] = []

            def timed_schedule(items, only_missing):
                ms, count = timed_ms(lambda: schedule(items, only_missing))
                inside.append(ms)
                return count

            scheduler._schedule = timed_schedule

            def run(into: RedisRun) -> None:
                before = client.info("stats")["total_commands_processed"]
                ms, report = timed_ms(lambda: reconcile(svc))
                after = client.info("stats")["total_commands_processed"]
                into.ms.append(ms)
                into.redis_ms.append(inside[-1])
                into.scheduled.append(report.scheduled)
                into.commands.append(after - before - 1)  # the first INFO counts itself after answering

            first = RedisRun("1st run, empty Redis: enqueues every due item")
            run(first)
            waiting = RedisRun(f"next runs, all {n(due)} waiting (median of {WAITING_RUNS})")
            for _ in range(WAITING_RUNS):
                run(waiting)
            flushed = RedisRun(f"after FLUSHALL: enqueues again (median of {FLUSH_RUNS})")
            for _ in range(FLUSH_RUNS):
                client.flushall()
                run(flushed)
            queued = client.llen("rq:queue:kawal")
        finally:
            use(None)
            engine_of(svc).dispose()
    for r in (first, flushed):
        if any(s != due for s in r.scheduled):
            raise BenchError(f"redis: {r.label}: scheduled {r.scheduled}, wanted {due} each")
    if any(waiting.scheduled):
        raise BenchError(f"redis: runs with every job waiting scheduled {waiting.scheduled}, wanted 0")
    if queued != due:
        raise BenchError(f"redis: {queued} jobs on the queue after the last run, wanted {due}")
    return [first, waiting, flushed]


# -- (c) and (d): the outbox to the log channel -------------------------------------------------------


@contextlib.contextmanager
def quiet_log_channel():
    """The log channel's INFO records are made (the level is INFO) and dropped by a NullHandler."""
    logger = logging.getLogger("kawal.notifications")
    saved = logger.handlers[:], logger.level, logger.propagate
    logger.handlers[:] = [logging.NullHandler()]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.handlers[:], logger.level, logger.propagate = saved


def reminder_context(c: int) -> dict:
    """What notices.remind() writes: the ticket, deadline_context() and the reminder's kind."""
    return {
        "ticket": ticket(c),
        "deadline": "T10",
        "deadline_label": deadline_label("T10", "id"),
        "legal_basis": LEGAL_BASIS,
        "due_at": "10-12-2026 16:00 WIB",
        "working_days_left": 1,
        "reminder": "T-1",
    }


@dataclass
class Throughput:
    label: str
    seconds: float
    messages: int
    statements: int
    note: str = ""


def count_status(svc: Services, status: str) -> int:
    with svc.sessions() as session:
        return session.scalar(select(func.count()).select_from(Notification).where(Notification.status == status))


def pending_scans(svc: Services, pending: int) -> list[tuple[str, float, int, list[str]]]:
    """reconcile()'s two reads of pending outbox rows, with ``pending`` rows waiting: median ms of 5, plan."""
    engine = engine_of(svc)
    reads = {
        f"notifications pending, LIMIT {BATCH} (scheduling mode)": reconcile_queries(clock.now(), svc.settings)[
            "notifications pending"
        ],
        "pending notification ids, no LIMIT (inline mode)": lambda s: s.scalars(
            select(Notification.id).where(Notification.status == "pending").order_by(Notification.id)
        ).all(),
    }
    out = []
    for label, fn in reads.items():
        times = []
        for i in range(6):
            with captured_sql(engine) as sent, svc.sessions() as session:
                ms, rows = timed_ms(lambda fn=fn, session=session: fn(session))
            if i:  # the first run warms up
                times.append(ms)
        statement, parameters = sent[-1]
        out.append((f"{label}, {n(pending)} pending", median(times), len(rows), explain(engine, statement, parameters)))
    return out


def measure_outbox(setup: Setup, messages: int, reminders: int):
    svc = Services(bench_settings(setup.url))
    use(svc)
    engine = engine_of(svc)
    results: list[Throughput] = []
    try:
        now = clock.now()
        with engine.begin() as conn:
            # The due deadlines' cases have no workflow state: keep the inline mode's fire_timers away from them.
            conn.execute(
                update(Deadline).where(Deadline.status == "pending", Deadline.due_at <= now).values(status="cancelled")
            )
            for start in range(0, messages, INSERT_BATCH):
                conn.execute(
                    insert(Notification.__table__),
                    [
                        {
                            "case_id": setup.case_ids[i % setup.cases],
                            "event": "deadline_reminder",
                            "channel": "log",
                            "recipient_user_id": setup.user_id,
                            "to_requester": False,
                            "context": reminder_context(i % setup.cases),
                            "idempotency_key": f"deadline_reminder:{setup.case_ids[i % setup.cases]}:bench{i}:"
                            f"group:user{setup.user_id}:log",
                            "status": "pending",
                            "attempts": 0,
                            "created_at": now,
                        }
                        for i in range(start, min(messages, start + INSERT_BATCH))
                    ],
                )
        with svc.sessions() as session:
            ids = list(session.scalars(select(Notification.id).where(Notification.status == "pending")))
        svc.runtime, svc.channels  # noqa: B018 - built before timing
        scans = pending_scans(svc, len(ids))

        def reset() -> None:
            with engine.begin() as conn:
                conn.execute(
                    update(Notification)
                    .where(Notification.id.in_(ids))
                    .values(status="pending", attempts=0, claimed_at=None, sent_at=None, last_error=None)
                )

        def one_session() -> None:
            with svc.sessions() as session:
                for nid in ids:
                    delivery.deliver(session, svc.runtime, svc.channels, nid)

        def per_job() -> None:
            for nid in ids:
                jobs.deliver_notification(nid)

        def inline() -> None:
            report = reconcile(svc)
            if report.failed or report.timers or report.reminders:
                raise BenchError(f"inline reconcile: {report.summary()}")

        ways = (
            ("deliver(), one session", one_session, ""),
            ("jobs.deliver_notification(), a session each", per_job, "an RQ job's work, without RQ"),
            ("reconcile() inline (no Redis)", inline, "scans the deadlines and reminders first"),
        )
        with quiet_log_channel():
            for i, (label, fn, note) in enumerate(ways):
                if i:
                    reset()
                with captured_sql(engine) as sent:
                    seconds = timed_ms(fn)[0] / 1000
                got = count_status(svc, "sent")
                if got != messages:
                    raise BenchError(f"outbox, {label}: {got} of {messages} messages sent")
                results.append(Throughput(label, seconds, messages, len(sent), note))
            if reminders:
                results.append(reminders_end_to_end(svc, setup, reminders))
    finally:
        use(None)
        engine.dispose()
    return results, scans


def reminders_end_to_end(svc: Services, setup: Setup, count: int) -> Throughput:
    engine = engine_of(svc)
    now = clock.now()
    case_ids = setup.case_ids[:count]
    with engine.begin() as conn:
        deadline_of = dict(
            conn.execute(
                select(Deadline.case_id, func.max(Deadline.id))
                .where(Deadline.case_id.in_(case_ids), Deadline.status == "pending")
                .group_by(Deadline.case_id)
            ).all()
        )
        conn.execute(
            insert(HumanTask.__table__),
            [
                {
                    "case_id": c,
                    "task_guid": f"bench-task-{c:010d}",
                    "bpmn_id": "proses_permohonan",
                    "process_id": PROCESS,
                    "title": "Proses permohonan",
                    "lane": "ppid",
                    "state": "open",
                    "created_at": now,
                }
                for c in case_ids
            ],
        )
        conn.execute(
            insert(Reminder.__table__),
            [
                {
                    "case_id": c,
                    "deadline_id": deadline_of[c],
                    "kind": "T-1",
                    "audience": "group",
                    "fire_at": now - timedelta(minutes=30, seconds=k),
                    "status": "pending",
                    "attempts": 0,
                }
                for k, c in enumerate(case_ids)
            ],
        )
    sent_before = count_status(svc, "sent")
    spent = {"send_reminder": 0.0, "deliver_notification": 0.0}
    originals = {name: getattr(jobs, name) for name in spent}

    def wrap(name):
        def timed(item_id):
            ms, result = timed_ms(lambda: originals[name](item_id))
            spent[name] += ms / 1000
            return result

        return timed

    for name in spent:
        setattr(jobs, name, wrap(name))
    try:
        with captured_sql(engine) as sent:
            seconds, report = timed_ms(lambda: reconcile(svc))
        seconds /= 1000
    finally:
        for name, fn in originals.items():
            setattr(jobs, name, fn)
    messages = count_status(svc, "sent") - sent_before
    if report.failed or len(report.reminders) != count or messages != count:
        raise BenchError(f"reminders: {report.summary()}; {messages} messages sent, wanted {count}")
    note = (
        f"{n(count)} reminders -> {n(messages)} messages: send_reminder {spent['send_reminder']:.2f} s"
        f" ({spent['send_reminder'] / count * 1000:.2f} ms each), delivery {spent['deliver_notification']:.2f} s"
    )
    return Throughput("reminders end to end, reconcile() inline", seconds, messages, len(sent), note)


# -- report ---------------------------------------------------------------------------------------------


@dataclass
class Result:
    backend: str
    setup: Setup
    selection: Selection
    redis: list[RedisRun]
    outbox: list[Throughput]
    scans: list[tuple[str, float, int, list[str]]]


def report(r: Result, args) -> None:
    name = {"sqlite": "SQLite", "postgres": "PostgreSQL"}[r.backend]
    s = r.setup
    print(f"\n== {name}: {n(args.pending)} pending deadlines, {n(args.due)} due, on {n(s.cases)} cases " + "=" * 20)
    parts = ", ".join(f"{label} {sec:.1f} s" for label, sec in s.seconds.items())
    size = f"; database {s.db_bytes / 2**20:.0f} MiB" if s.db_bytes else ""
    print(f"  setup (not measured): {parts}{size}")

    sel = r.selection
    print(f"\n  (a) due-row selection, median of {args.runs} runs{' ' * 27}ms/run    rows   us/due row")
    for label, ms, rows in sel.queries:
        per = f"{ms * 1000 / args.due:10.1f}" if label.startswith("deadlines") else f"{'-':>10}"
        print(f"      {label:<64}{ms:8.2f} {rows:7d} {per}")
    ms = median(sel.reconcile_ms)
    print(
        f"      {'reconcile(), scheduling mode, Redis stubbed (the database side)':<64}{ms:8.2f}"
        f" {sel.reconcile_items:7d} {ms * 1000 / args.due:10.1f}"
    )
    print(
        f"      (deadlines: status = 'pending' AND due_at <= now + {LOOKAHEAD}, ORDER BY due_at LIMIT {BATCH};"
        f" rows include ORM loading; min/max reconcile {min(sel.reconcile_ms):.2f}/{max(sel.reconcile_ms):.2f} ms)"
    )
    if not sel.same_sql:
        print("      WARNING: the bench's copies of the queries differ from what reconcile() sent; update the bench")
    print("      plans of the statements reconcile() sent:")
    for label, lines, index, empty in sel.plans:
        verdict = ""
        if index and any(index in line for line in lines):
            verdict = f"  [{index} used]"
        elif index:
            verdict = "  [empty table: a scan is right]" if empty else f"  [WARNING: {index} NOT used]"
        print(f"        {label}{verdict}")
        for line in lines[:10]:
            print(f"          {line}")

    head = "ms/run  enqueued  ms/due item  redis part ms  cmds/item"
    print(f"\n  (b) reconcile() with Redis (RQ enqueue){' ' * 26}{head}")
    for run in r.redis:
        ms, redis_ms = median(run.ms), median(run.redis_ms)
        print(
            f"      {run.label:<64}{ms:8.1f} {int(median(run.scheduled)):9d} {ms / args.due:12.3f}"
            f" {redis_ms:14.1f} {median(run.commands) / args.due:10.1f}"
        )

    print(f"\n  (c/d) outbox -> log channel{' ' * 43}messages     s   msg/s  ms/msg  SQL/msg")
    for t in r.outbox:
        print(
            f"      {t.label:<64}{t.messages:8d} {t.seconds:5.2f} {t.messages / t.seconds:7.0f}"
            f" {t.seconds * 1000 / t.messages:7.2f} {t.statements / t.messages:8.1f}"
        )
        if t.note:
            print(f"        ({t.note})")
    print("      reconcile()'s reads of the pending outbox before (c) sent anything:")
    for label, ms, rows, lines in r.scans:
        print(f"        {label:<62}{ms:8.2f} ms {rows:7d} rows")
        for line in lines[:8]:
            print(f"          {line}")
    sys.stdout.flush()


def summary(results: list[Result], args) -> None:
    parts = []
    for r in results:
        name = {"sqlite": "SQLite", "postgres": "PostgreSQL"}[r.backend]
        db_ms = median(r.selection.reconcile_ms)
        first, waiting, flushed = r.redis
        out = next(t for t in r.outbox if t.label.startswith("reconcile"))
        parts.append(
            f"{name}: database side {db_ms:.1f} ms/run ({db_ms * 1000 / args.due:.0f} us/due item);"
            f" with Redis {median(flushed.ms):.0f} ms/run enqueueing ({median(flushed.ms) / args.due:.2f} ms/item),"
            f" {median(waiting.ms):.0f} ms with all waiting; outbox {out.messages / out.seconds:.0f} msg/s"
        )
    print(f"\nsummary ({n(args.pending)} pending, {n(args.due)} due): " + " | ".join(parts))


# -- main -----------------------------------------------------------------------------------------------


def bench_backend(backend: str, args, tmp: Path) -> Result:
    print(f"\n[{backend}] setup: {n(args.pending)} deadlines ...", file=sys.stderr, flush=True)
    setup = prepare(backend, args, tmp)
    print(f"[{backend}] (a) selection queries ...", file=sys.stderr, flush=True)
    selection = measure_selection(setup.url, args.runs, args.due)
    print(f"[{backend}] (b) reconcile with redis-server ...", file=sys.stderr, flush=True)
    redis_runs = measure_redis(setup.url, tmp, args.due)
    print(f"[{backend}] (c/d) outbox: {n(args.messages)} messages, {n(args.reminders)} reminders ...", file=sys.stderr)
    outbox, scans = measure_outbox(setup, args.messages, args.reminders)
    result = Result(backend, setup, selection, redis_runs, outbox, scans)
    report(result, args)
    return result


def redis_server_version() -> str:
    exe = shutil.which("redis-server")
    if exe is None:
        return "not installed"
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False).stdout  # noqa: S603
    return next((p.split("=", 1)[1] for p in out.split() if p.startswith("v=")), out.strip())


def main(argv: list[str] | None = None) -> int:
    default_backend = "both" if os.environ.get(POSTGRES_ENV) else "sqlite"
    parser = argparse.ArgumentParser(prog="python -m bench.reconcile", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--backend", choices=("sqlite", "postgres", "both"), default=default_backend, help=f"default {default_backend}"
    )
    parser.add_argument("--pending", type=int, default=1_000_000, help="pending deadlines (default 1000000)")
    parser.add_argument("--due", type=int, default=1000, help="of which due now (default 1000)")
    parser.add_argument("--per-case", type=int, default=100, help="deadlines per case (default 100)")
    parser.add_argument("--messages", type=int, default=5000, help="outbox rows for (c) (default 5000)")
    parser.add_argument("--reminders", type=int, default=1000, help="due reminders for (d) (default 1000; 0: skip)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs of each query in (a) (default 20)")
    args = parser.parse_args(argv)
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    if "postgres" in backends and not os.environ.get(POSTGRES_ENV):
        parser.error(f"--backend {args.backend} needs {POSTGRES_ENV}")
    if not 0 < args.due <= min(args.pending, BATCH) or args.per_case < 1 or args.messages < 1 or args.runs < 1:
        parser.error(f"need 0 < --due <= --pending and <= {BATCH} (reconcile's batch), --per-case, --messages >= 1")
    cases = math.ceil(args.pending / args.per_case)
    if args.reminders > cases:
        parser.error(f"--reminders {args.reminders}: at most one per case ({cases} cases)")
    print(
        f"Kawal reconcile and outbox benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; CPython"
        f" {platform.python_version()}, SQLAlchemy {version('sqlalchemy')}, SQLite {sqlite3.sqlite_version},"
        f" psycopg {version('psycopg')}, rq {version('rq')}, redis-py {version('redis')},"
        f" redis-server {redis_server_version()}; {os.cpu_count()} CPUs"
    )
    print(
        f"{n(args.pending)} pending deadlines ({args.per_case} per case), {n(args.due)} of them due;"
        f" {n(args.messages)} outbox messages; {n(args.reminders)} reminders"
    )
    results = []
    with tempfile.TemporaryDirectory(prefix="kawal-bench-reconcile-") as tmp:
        for backend in backends:
            try:
                results.append(bench_backend(backend, args, Path(tmp)))
            except BenchError as exc:
                print(f"bench failed on {backend}: {exc}", file=sys.stderr)
                return 1
    summary(results, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
