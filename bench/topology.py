"""Cases per second through the production topology, with 1, 2 and 4 web workers and 1, 2 and 4 clients.

    python -m bench.topology [--workers 1,2,4] [--clients 1,2,4] [--cases N]

The topology is the one ``tests/deploy`` starts and checks: gunicorn on ``deploy/gunicorn.conf.py``
(``KAWAL_WEB_WORKERS`` workers, ``KAWAL_WEB_THREADS`` threads each), PostgreSQL from
``KAWAL_BENCH_POSTGRES_URL`` (its ``public`` schema dropped and recreated for each worker count),
a real ``redis-server`` and one ``kawal worker`` delivering to the log channel. Each client is a
thread with its own kept-alive connection, walking its own information requests to the end (file,
then for each of the 7 tasks: read the case, complete the task), as ``tests/deploy`` does.

Reported per (workers, clients): cases/s and completions/s by the wall clock (lookups included),
completion p50/p95, and the load average of the machine (the figures are only comparable within
one run on a shared machine). The target line: with 2 web workers, 2 clients give >= 1.7x one client.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.common import POSTGRES_ENV, BenchError, fresh_database, load
from bench.request_lifecycle import pct
from engine.db import make_engine, session_factory, upgrade
from tests.deploy.topology import GRANT_PATH, DeskClient, Topology, create_officers

SCALING_TARGET = 1.7  # 2 clients against 1, with 2 web workers


def run_clients(port: int, clients: int, cases: int) -> dict:
    desks = [DeskClient(port).login() for _ in range(clients)]
    for desk in desks:  # one untimed case each: every worker has parsed its specs and warmed its pool
        desk.walk(desk.file())
        desk.completion_ms.clear()
    errors: list[str] = []
    barrier = threading.Barrier(clients + 1)

    def work(desk: DeskClient) -> None:
        barrier.wait()
        try:
            for _ in range(cases):
                desk.walk(desk.file())
        except (AssertionError, OSError) as exc:
            errors.append(str(exc)[:300])

    threads = [threading.Thread(target=work, args=(desk,)) for desk in desks]
    for thread in threads:
        thread.start()
    before = load()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ms = [m for desk in desks for m in desk.completion_ms]
    for desk in desks:
        desk.close()
    done = clients * cases
    return {
        "cases_s": done / wall,
        "completions_s": done * len(GRANT_PATH) / wall,
        "p50": pct(ms, 50),
        "p95": pct(ms, 95),
        "load": f"{before} -> {load()}",
        "errors": errors,
    }


def drain(redis_url: str, timeout: float = 600) -> tuple[int, float]:
    """(jobs waiting when the clients stopped, seconds until the worker had done them all)."""
    from redis import Redis
    from rq import Queue

    from notifications.services import QUEUE

    with Redis.from_url(redis_url) as redis:
        queue = Queue(QUEUE, connection=redis)
        waiting = queue.count + queue.started_job_registry.count
        started = time.perf_counter()
        while queue.count + queue.started_job_registry.count:
            if time.perf_counter() - started > timeout:
                raise BenchError(f"the worker did not empty the queue within {timeout:.0f} s")
            time.sleep(0.05)
        return waiting, time.perf_counter() - started


def bench_workers(workers: int, clients_list: list[int], cases: int, threads: int, tmp: Path) -> dict[int, dict]:
    url = fresh_database("postgres", tmp, "")
    upgrade(url)
    engine = make_engine(url)
    create_officers(session_factory(engine))
    engine.dispose()
    run_dir = tmp / f"w{workers}"
    run_dir.mkdir()
    topology = Topology(run_dir, url, None, web_workers=workers, web_threads=threads).start(rq_workers=1)
    results = {}
    try:
        for clients in clients_list:
            print(f"[workers {workers}] {clients} client(s) x {cases} cases ...", file=sys.stderr, flush=True)
            drain(topology.env["KAWAL_REDIS_URL"])
            results[clients] = result = run_clients(topology.port, clients, cases)
            # The worker runs at a lower priority (KAWAL_WORKER_NICE): letters and messages wait while the
            # requests keep the cores busy. Each run starts with an empty queue, and says how long it took.
            result["backlog"], result["drained_s"] = drain(topology.env["KAWAL_REDIS_URL"])
            print(
                f"  web workers {workers}  clients {clients}:  {result['cases_s']:6.1f} cases/s"
                f"  {result['completions_s']:7.1f} completions/s  complete p50 {result['p50']:6.1f} ms"
                f"  p95 {result['p95']:6.1f} ms  load {result['load']}"
                f"  jobs left {result['backlog']}, done {result['drained_s']:.1f} s after"
                + (f"  ERRORS {len(result['errors'])}: {result['errors'][0]}" if result["errors"] else ""),
                flush=True,
            )
    finally:
        topology.stop()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.topology", description=__doc__.split("\n")[0])
    parser.add_argument("--workers", default="1,2,4", help="web worker counts (default 1,2,4)")
    parser.add_argument("--clients", default="1,2,4", help="client counts (default 1,2,4)")
    parser.add_argument("--cases", type=int, default=15, help="timed cases per client (default 15)")
    parser.add_argument("--threads", type=int, default=2, help="threads per web worker (default 2)")
    args = parser.parse_args(argv)
    if not os.environ.get(POSTGRES_ENV):
        parser.error(f"needs {POSTGRES_ENV} (make bench sets it)")
    if shutil.which("redis-server") is None:
        parser.error("needs redis-server")
    workers_list = [int(w) for w in args.workers.split(",")]
    clients_list = [int(c) for c in args.clients.split(",")]
    print(
        f"Kawal topology benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} CPUs, load {load()};"
        f" gunicorn (deploy/gunicorn.conf.py, {args.threads} threads/worker) + PostgreSQL + redis-server +"
        f" 1 kawal worker (log channel); {args.cases} timed cases per client"
    )
    all_results = {}
    with tempfile.TemporaryDirectory(prefix="kawal-topology-") as tmp:
        try:
            for workers in workers_list:
                all_results[workers] = bench_workers(workers, clients_list, args.cases, args.threads, Path(tmp))
        except BenchError as exc:
            print(f"bench failed: {exc}", file=sys.stderr)
            return 1
    two = all_results.get(2, {})
    if 1 in two and 2 in two:
        ratio = two[2]["completions_s"] / two[1]["completions_s"]
        verdict = "met" if ratio >= SCALING_TARGET else "NOT met"
        print(f"  2 web workers: 2 clients / 1 client = x{ratio:.2f} (target >= x{SCALING_TARGET}: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
