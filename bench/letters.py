"""The agency's letters: what issuing them adds to a task's completion, and how fast their PDFs are made.

    python -m bench.letters [--cases 40] [--backend sqlite|postgres|both]

Per backend, on a fresh database with the migrations: ``--cases`` requests walked in process (engine
verbs, no HTTP) along the refusal path, which issues the most letters (receipt at ``registrasi``; the
head's decree at ``tetapkan_pengecualian``; the written notice and the refusal decision at
``pemberitahuan_tertulis``). Timed:

* ``complete_task`` of each task that issues letters, whole (validation, the workflow run, the commit),
  and within it ``engine.letters.issue.after_task`` (the numbers, the frozen and sealed content, the
  events): what the officer waits for. No PDF is made in that transaction.
* the render job's parts for every letter issued: ``production.produce`` (the PDF, fpdf2, no database)
  and ``production.record`` with its commit (stored encrypted, the letter ready, ``letter_rendered``).

The target (issue 14): rendering does not slow task completion (it runs after the commit); letters per
second and p95 ms of the PDF are reported. PostgreSQL comes from ``KAWAL_BENCH_POSTGRES_URL``.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import time_machine
from sqlalchemy import select

from bench.common import POSTGRES_ENV, BenchError, fresh_database
from bench.request_lifecycle import mean, pct
from engine import inbox, intake
from engine.config import load_settings
from engine.db import make_engine, session_factory, upgrade
from engine.files import FileStore
from engine.letters import issue, production
from engine.models import Case, HumanTask, Letter, User
from engine.runtime import Runtime
from engine.users import create_user
from tests.conftest import STAFF, request_payload
from tests.helpers import NOTICE, STEP, WHO, dated, decision

RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
PATH = [
    ("periksa_kelengkapan", None),
    ("registrasi", None),
    ("proses_permohonan", None),
    ("tentukan_langkah", None),
    ("putuskan", decision("ditolak_dikecualikan")),
    ("uji_konsekuensi", None),
    ("tetapkan_pengecualian", None),
    ("pemberitahuan_tertulis", NOTICE["ditolak_dikecualikan"]),
]
ISSUING = ("registrasi", "tetapkan_pengecualian", "pemberitahuan_tertulis")


def walk(sessions, rt: Runtime, times: dict[str, list[float]]) -> None:
    with sessions.begin() as s:
        ticket = intake.submit_request(s, rt, request_payload()).case.ticket
    for name, data in PATH:
        with sessions() as s:
            task = s.scalar(select(HumanTask).join(Case).where(Case.ticket == ticket, HumanTask.bpmn_id == name))
            user = s.scalar(select(User).where(User.username == WHO[task.lane]))
            form = dated(data if data is not None else STEP[name], "2026-12-02")
            started = time.perf_counter()
            inbox.complete_task(s, rt, user, task.id, form)
            s.commit()
            if name in ISSUING:
                times[f"complete:{name}"].append((time.perf_counter() - started) * 1000)


def timed_after_task(times: dict[str, list[float]]):
    """Wrap the letters' part of complete_task to time it apart."""
    original = issue.after_task

    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            times[f"issue:{args[3].bpmn_id}"].append((time.perf_counter() - started) * 1000)

    return original, wrapper


def render_all(sessions, rt: Runtime, times: dict[str, list[float]]) -> int:
    store = FileStore(rt.settings.files_dir, rt.vault)
    with sessions() as s:
        pending = s.scalars(select(Letter.id).where(Letter.status == "pending").order_by(Letter.id)).all()
    for letter_id in pending:
        with sessions() as s:
            job = production.prepare(s, rt, letter_id)
        started = time.perf_counter()
        pdf = production.produce(rt, job)
        times["render:pdf"].append((time.perf_counter() - started) * 1000)
        times[f"render:pdf:{job.content['type']['code']}"].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        with sessions() as s:
            production.record(s, rt, store, letter_id, pdf)
            s.commit()
        times["render:store"].append((time.perf_counter() - started) * 1000)
        times["size_kb"].append(len(pdf) / 1024)
    return len(pending)


def bench_backend(backend: str, cases: int, tmp: Path) -> None:
    url = fresh_database(backend, tmp, "letters.db")
    upgrade(url)
    engine = make_engine(url)
    sessions = session_factory(engine)
    settings = load_settings({"KAWAL_ENV": "test", "KAWAL_DATABASE_URL": url, "KAWAL_FILES_DIR": str(tmp / "files")})
    rt = Runtime(settings)
    with sessions.begin() as s:
        for name, groups in STAFF.items():
            create_user(s, name, "bench-password-1", groups)
    times: dict[str, list[float]] = defaultdict(list)
    original, wrapper = timed_after_task(times)
    inbox.letters.after_task = wrapper
    try:
        with time_machine.travel(RECEIVED, tick=True):
            walk(sessions, rt, defaultdict(list))  # warm-up: parsers, templates, fonts
            render_all(sessions, rt, defaultdict(list))
            times.clear()
            for _ in range(cases):
                walk(sessions, rt, times)
            started = time.perf_counter()
            letters = render_all(sessions, rt, times)
            wall = time.perf_counter() - started
    finally:
        inbox.letters.after_task = original
    engine.dispose()
    print(f"\n{backend}: {cases} requests, {letters} letters")
    print(f"  {'what':<44} {'n':>5} {'mean ms':>9} {'p95 ms':>9}")
    for key in sorted(k for k in times if k != "size_kb"):
        values = times[key]
        print(f"  {key:<44} {len(values):>5} {mean(values):>9.1f} {pct(values, 95):>9.1f}")
    pdf = times["render:pdf"]
    print(
        f"  PDFs: {1000 / mean(pdf):.1f} letters/s rendering alone, {letters / wall:.1f} letters/s with storing;"
        f" p95 {pct(pdf, 95):.1f} ms; {mean(times['size_kb']):.1f} KiB a PDF on average"
    )


def main(argv: list[str] | None = None) -> int:
    default_backend = "both" if os.environ.get(POSTGRES_ENV) else "sqlite"
    parser = argparse.ArgumentParser(prog="python -m bench.letters", description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=40, help="timed requests per backend (default 40)")
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default=default_backend)
    args = parser.parse_args(argv)
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    if "postgres" in backends and not os.environ.get(POSTGRES_ENV):
        parser.error(f"--backend {args.backend} needs {POSTGRES_ENV} (make bench sets it)")
    print(
        f"Kawal letters benchmark, CPython {platform.python_version()}, fpdf2 {version('fpdf2')},"
        f" SQLAlchemy {version('sqlalchemy')}; {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory(prefix="kawal-bench-") as tmp:
        for backend in backends:
            try:
                bench_backend(backend, args.cases, Path(tmp))
            except BenchError as exc:
                print(f"bench failed on {backend}: {exc}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
