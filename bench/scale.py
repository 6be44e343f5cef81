"""Kawal at a province's scale: the inbox, the requester's status, and the audit export, over a million cases.

    python -m bench.scale [--backend postgres|sqlite] [--cases 1000000] [--open 100000] [--events 1000000]

The rows are bulk-generated, not run through the engine (a million cases through the API would take
hours): ``--cases`` information requests, the newest ``--open`` of them open with one open task each
(lanes as a desk's work spreads: petugas_layanan 30 %, ppid 60 %, atasan_ppid 5 %, unit_pengolah 5 %),
the rest closed; ``--events`` history events, 20 per case on the newest cases, each chain hashed as
``engine.audit`` hashes it (so ``kawal audit verify`` passes); every case has an access code. On
PostgreSQL the rows go in by COPY and the database is then ``VACUUM ANALYZE``d.

Measured through the Flask app in this process (the whole request without the socket):

* **inbox**: ``GET /api/v1/tasks?scope=group`` as an officer of petugas_layanan and of ppid: the first
  page (keyset paging, 50 rows) with its count, capped at 1,000. Target p95 <= 20 ms (issue 11).
* **status**: ``POST /api/v1/status`` with a ticket and its access code, for random cases with a
  history (the requester following a live case). Target p95 <= 10 ms.
* **audit export**: ``GET /api/v1/audit/export?format=jsonl`` as an auditor, every event, read as it
  streams; events/s and the process's resident memory every 100,000 events. Target >= 50,000 events/s
  with memory flat.
* **audit anchor**: the auditor's console, logged in through its form: ``GET /audit/jangkar`` (every case
  with a history, one line each) and ``POST /audit/jangkar/periksa`` with that file, as an auditor checks
  the database against last month's anchor. Seconds and the process's memory for each: a page silent
  for 70 s is answered by nginx with a 504 (deploy/nginx/kawal.conf). ``--events-per-case 2`` gives every
  one of a million cases a history (the anchor of a province) without twenty million events.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import func, insert, select, text

from bench.common import POSTGRES_ENV, BenchError, fresh_database, load
from bench.request_lifecycle import pct
from engine import kinds
from engine.audit import GENESIS, event_hash
from engine.config import load_settings
from engine.db import make_engine, session_factory, upgrade
from engine.models import Case, CaseEvent, HumanTask
from engine.runtime import Runtime
from engine.tickets import CROCKFORD, hash_code
from engine.users import create_user

PASSWORD = "bench-password-1"  # noqa: S105 - throw-away officers in a throw-away database
OFFICERS = {"petugas": ["petugas_layanan"], "ppid": ["ppid"], "auditor": ["auditor"]}
LANES = [("petugas_layanan", 30), ("ppid", 60), ("atasan_ppid", 5), ("unit_pengolah", 5)]
EVENTS_PER_CASE = 20
EVENT_TYPES = ["request_submitted", "status_changed", "task_created", "task_completed", "deadline_started"]
BATCH = 20_000
NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def code_of(i: int) -> str:
    """A deterministic access code per case (the bench must know it; real codes are random)."""
    digest = hashlib.sha256(f"bench-code-{i}".encode()).digest()
    raw = "".join(CROCKFORD[b % len(CROCKFORD)] for b in digest[:24])
    return "-".join(raw[k : k + 4] for k in range(0, 24, 4))


def ticket_of(i: int) -> str:
    return f"PPID-{2020 + i // 200_000}-{i % 200_000 + 1:06d}"


def bulk_insert(engine, table, rows) -> None:
    """Rows (dicts) into ``table``: COPY on PostgreSQL, executemany in batches on SQLite."""
    rows = iter(rows)
    if engine.dialect.name == "postgresql":
        first = next(rows, None)
        if first is None:
            return
        columns = list(first)
        raw = engine.raw_connection()
        try:
            cursor = raw.driver_connection.cursor()
            quoted = ", ".join(f'"{c}"' for c in columns)
            with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
                for row in _chain(first, rows):
                    copy.write_row(
                        [json.dumps(v) if isinstance(v, dict | list) else v for v in (row[c] for c in columns)]
                    )
            raw.commit()
        finally:
            raw.close()
        return
    batch = []
    with engine.begin() as conn:
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                conn.execute(insert(table), batch)
                batch = []
        if batch:
            conn.execute(insert(table), batch)


def _chain(first, rest):
    yield first
    yield from rest


def generate(url: str, cases: int, open_tasks: int, events: int, per_case: int) -> dict[str, float]:
    seconds = {}
    settings = load_settings({"KAWAL_DATABASE_URL": url})
    engine = make_engine(url)
    with session_factory(engine)() as session:
        version_id = Runtime(settings).deploy(session)[kinds.REQUEST].id
        for name, groups in OFFICERS.items():
            create_user(session, name, PASSWORD, groups, name.title())
        session.commit()
    with_events = min(cases, events // per_case)
    first_open, first_history = cases - open_tasks, cases - with_events

    t0 = time.perf_counter()

    def case_rows():
        for i in range(cases):
            received = NOW - timedelta(minutes=(cases - i) * 2)
            is_open = i >= first_open
            yield {
                "id": i + 1,
                "ticket": ticket_of(i),
                "kind": kinds.REQUEST,
                "process_version_id": version_id,
                "status": "diproses" if is_open else "selesai",
                "outcome": None if is_open else "dikabulkan_seluruhnya",
                "overdue": False,
                "confidential": False,
                "requester_type": "perorangan",
                "details": {"information": "Data anggaran", "purpose": "Penelitian"},
                "channel": "web",
                "access_code_hash": hash_code(code_of(i)),
                "received_at": received,
                "due_at": received + timedelta(days=14),
                "closed_at": None if is_open else received + timedelta(days=9),
                "created_at": received,
                "updated_at": received,
                "version": 1,
                "event_seq": 0,
                "event_hash": GENESIS,
            }

    bulk_insert(engine, Case.__table__, case_rows())
    seconds[f"{cases:,} cases"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    lanes = [lane for lane, share in LANES for _ in range(share)]

    def task_rows():
        for k, i in enumerate(range(first_open, cases)):
            received = NOW - timedelta(minutes=(cases - i) * 2)
            yield {
                "case_id": i + 1,
                "task_guid": f"00000000-0000-4000-8000-{i:012d}",
                "bpmn_id": "proses_permohonan",
                "process_id": kinds.REQUEST,
                "title": "Proses permohonan",
                "lane": lanes[k % len(lanes)],
                "state": "open",
                "due_at": received + timedelta(days=14),
                "created_at": received,
            }

    bulk_insert(engine, HumanTask.__table__, task_rows())
    seconds[f"{open_tasks:,} open tasks"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    heads = {}

    def event_rows():
        for i in range(first_history, cases):
            prev, at = GENESIS, NOW - timedelta(minutes=(cases - i) * 2)
            for seq in range(1, per_case + 1):
                type_ = EVENT_TYPES[seq % len(EVENT_TYPES)] if seq > 1 else "request_submitted"
                data = {"status": "diproses"} if type_ == "status_changed" else {"task": "proses_permohonan"}
                at = at + timedelta(minutes=seq)
                digest = event_hash(prev, ticket_of(i), seq, at, type_, "petugas", data)
                yield {
                    "case_id": i + 1,
                    "seq": seq,
                    "at": at,
                    "type": type_,
                    "actor": "petugas",
                    "data": data,
                    "prev_hash": prev,
                    "hash": digest,
                }
                prev = digest
            heads[i + 1] = prev

    bulk_insert(engine, CaseEvent.__table__, event_rows())
    seconds[f"{with_events * per_case:,} events"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    with engine.begin() as conn:  # each chain's head on its case row, as engine.audit keeps it
        if engine.dialect.name == "postgresql":
            conn.execute(
                text(
                    'UPDATE "case" SET event_seq = h.seq, event_hash = h.hash FROM case_event h'
                    ' WHERE h.case_id = "case".id AND h.seq = :n'
                ),
                {"n": per_case},
            )
            conn.execute(text("SELECT setval(pg_get_serial_sequence('case', 'id'), :n)"), {"n": cases})
        else:
            conn.execute(
                text(
                    'UPDATE "case" SET event_seq = :n, event_hash = (SELECT hash FROM case_event'
                    ' WHERE case_id = "case".id AND seq = :n) WHERE id > :first'
                ),
                {"n": per_case, "first": first_history},
            )
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds["chain heads, VACUUM ANALYZE / checkpoint"] = time.perf_counter() - t0
    with engine.connect() as conn:
        found = conn.execute(select(func.count()).select_from(Case)).scalar()
        if engine.dialect.name == "postgresql":
            size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar()
        else:
            size = Path(urlsplit(url).path).stat().st_size
    engine.dispose()
    if found != cases:
        raise BenchError(f"generated {found} cases, wanted {cases}")
    seconds["database size MiB"] = size / 2**20
    return seconds


def client_for(url: str):
    from api import create_app

    env = {"KAWAL_DATABASE_URL": url, "KAWAL_ENV": "development", "KAWAL_CODE_MAX_FAILURES_PER_ADDRESS": "1000000"}
    app = create_app(load_settings(env))
    client = app.test_client()
    tokens = {}
    for name in OFFICERS:
        r = client.post("/api/v1/auth/token", json={"username": name, "password": PASSWORD})
        tokens[name] = {"Authorization": f"Bearer {r.json['token']}"}
    return app, client, tokens


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def measure_inbox(client, tokens, runs: int) -> None:
    """The first page of a lane's inbox with its count, as an officer opens it (keyset paging, issue 11)."""
    for who in ("petugas", "ppid"):
        seen = []

        def page(who=who, seen=seen):
            r = client.get("/api/v1/tasks?scope=group", headers=tokens[who])
            assert r.status_code == 200, r.json
            seen.append((len(r.json["items"]), r.json["total"], r.json.get("total_more", False)))

        timed(page, 3)  # warm the app's caches and the buffer pool, as a running server has
        seen.clear()
        ms = timed(page, runs)
        rows, total, more = seen[-1]
        count = f"{total:,}+" if more else f"{total:,}"
        verdict = "met" if pct(ms, 95) <= 20 else "NOT met"
        print(
            f"  inbox ({who}): a page of {rows} tasks with the count {count};"
            f" p50 {pct(ms, 50):.2f} ms, p95 {pct(ms, 95):.2f} ms over {runs} requests"
            f" (target p95 <= 20 ms: {verdict}; load {load()})",
            flush=True,
        )


def measure_status(client, cases: int, with_events: int, runs: int) -> None:
    rng = random.Random(7)
    picks = [rng.randrange(cases - with_events, cases) for _ in range(runs)]

    def lookups():
        for i in picks:
            r = client.post("/api/v1/status", json={"ticket": ticket_of(i), "access_code": code_of(i)})
            assert r.status_code == 200, r.json

    for i in picks[:20]:  # warm the app's caches and the buffer pool a little, as a running server has
        client.post("/api/v1/status", json={"ticket": ticket_of(i), "access_code": code_of(i)})
    ms = []
    for i in picks:
        t0 = time.perf_counter()
        r = client.post("/api/v1/status", json={"ticket": ticket_of(i), "access_code": code_of(i)})
        ms.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, r.json
    verdict = "met" if pct(ms, 95) <= 10 else "NOT met"
    print(
        f"  status: {runs} lookups of random live cases: p50 {pct(ms, 50):.2f} ms, p95 {pct(ms, 95):.2f} ms,"
        f" max {max(ms):.1f} ms (target p95 <= 10 ms: {verdict}; load {load()})",
        flush=True,
    )


def measure_export(client, tokens, expected: int) -> None:
    before = rss_mib()
    samples = []
    lines = 0
    t0 = time.perf_counter()
    r = client.get("/api/v1/audit/export?format=jsonl", headers=tokens["auditor"], buffered=False)
    assert r.status_code == 200
    rest = b""
    for chunk in r.response:
        chunk = rest + (chunk if isinstance(chunk, bytes) else chunk.encode())
        parts = chunk.split(b"\n")
        rest = parts.pop()
        previous = lines
        lines += len(parts)
        if lines // 100_000 != previous // 100_000:
            samples.append((lines, round(rss_mib())))
    r.close()
    seconds = time.perf_counter() - t0
    if lines != expected:
        raise BenchError(f"export gave {lines} events, expected {expected}")
    rate = lines / seconds
    verdict = "met" if rate >= 50_000 else "NOT met"
    rss = [m for _, m in samples] or [round(rss_mib())]
    print(
        f"  audit export (jsonl, every event): {lines:,} events in {seconds:.1f} s = {rate:,.0f} events/s"
        f" (target >= 50,000: {verdict}); RSS {before:.0f} MiB before, {min(rss)}-{max(rss)} MiB while"
        f" streaming (every 100,000 events: {', '.join(str(m) for m in rss)}); load {load()}",
        flush=True,
    )


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
ANCHOR_HELD = "setiap peristiwa pada jangkar masih ada dalam rantainya"  # the console's verdict, in Indonesian


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_anchor(app, expected: int, tmp: Path) -> None:
    """The auditor's console: download the anchor of now, then check the database against it (no breaks)."""
    client = app.test_client()
    token = CSRF.search(client.get("/masuk").get_data(as_text=True))[1]
    r = client.post("/masuk", data={"username": "auditor", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 302, r.status_code

    before = rss_mib()
    t0 = time.perf_counter()
    r = client.get("/audit/jangkar", buffered=False)
    assert r.status_code == 200, r.status_code
    path = tmp / "kawal-jangkar.jsonl"
    with path.open("wb") as out:
        for chunk in r.response:
            out.write(chunk)
    r.close()
    made = time.perf_counter() - t0
    if int(r.headers["X-Kawal-Cases"]) != expected:
        raise BenchError(f"the anchor holds {r.headers['X-Kawal-Cases']} cases, expected {expected}")
    size = path.stat().st_size / 2**20
    print(
        f"  anchor download: {expected:,} cases, {size:,.1f} MiB in {made:.1f} s;"
        f" RSS {before:.0f} MiB before, {rss_mib():.0f} after (peak so far {peak_rss_mib():.0f}); load {load()}",
        flush=True,
    )

    token = CSRF.search(client.get("/audit").get_data(as_text=True))[1]
    before = rss_mib()
    t0 = time.perf_counter()
    with path.open("rb") as upload:
        r = client.post(
            "/audit/jangkar/periksa",
            data={"csrf_token": token, "anchor": (upload, path.name)},
            content_type="multipart/form-data",
        )
    checked = time.perf_counter() - t0
    page = r.get_data(as_text=True)
    if r.status_code != 200 or ANCHOR_HELD not in page:
        raise BenchError(f"the anchor check answered {r.status_code} without its verdict that every event holds")
    verdict = "within" if checked < 70 else "OVER"
    print(
        f"  anchor check: {expected:,} cases in {checked:.1f} s ({verdict} nginx's 70 s read timeout), every one"
        f" held; RSS {before:.0f} MiB before, {rss_mib():.0f} after, peak {peak_rss_mib():.0f}; load {load()}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n")[0])
    default_backend = "postgres" if os.environ.get(POSTGRES_ENV) else "sqlite"
    parser.add_argument("--backend", choices=("postgres", "sqlite"), default=default_backend)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--open", type=int, default=100_000, help="open cases, one open task each")
    parser.add_argument("--events", type=int, default=1_000_000, help="history events, on the newest cases")
    parser.add_argument("--events-per-case", type=int, default=EVENTS_PER_CASE)
    parser.add_argument("--inbox-runs", type=int, default=200)
    parser.add_argument("--status-runs", type=int, default=400)
    args = parser.parse_args(argv)
    if args.backend == "postgres" and not os.environ.get(POSTGRES_ENV):
        parser.error(f"--backend postgres needs {POSTGRES_ENV}")
    print(
        f"Kawal scale benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {args.backend}; {os.cpu_count()} CPUs,"
        f" load {load()}; {args.cases:,} cases, {args.open:,} open tasks, {args.events:,} events (bulk-generated)"
    )
    with tempfile.TemporaryDirectory(prefix="kawal-scale-") as tmp:
        url = fresh_database(args.backend, Path(tmp), "kawal-scale.db")
        upgrade(url)
        per_case = args.events_per_case
        for what, value in generate(url, args.cases, args.open, args.events, per_case).items():
            print(f"  setup: {what}: {value:,.1f}" + ("" if "MiB" in what else " s"), flush=True)
        app, client, tokens = client_for(url)
        with_events = min(args.cases, args.events // per_case)
        measure_status(client, args.cases, with_events, args.status_runs)
        measure_export(client, tokens, with_events * per_case)
        measure_inbox(client, tokens, args.inbox_runs)
        measure_anchor(app, with_events, Path(tmp))
        with app.app_context():
            from api.extensions import db

            db.session.remove()
            db.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
