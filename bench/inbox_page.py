"""A page of the officers' inbox (``engine.inbox_list.page``) at 100,000 open tasks, SQLite and PostgreSQL.

    python -m bench.inbox_page [--backend sqlite|postgres|both] [--tasks 100000] [--pages 300] [--no-plans]

Per backend, on a fresh database with the migrations: ``--tasks`` open cases, each with one open task,
bulk inserted with SQLAlchemy Core as the app would have left them: four in five information requests
(lanes petugas_layanan, ppid, unit_pengolah; each requester's identity sealed by the vault and indexed
by the blind index as intake does, and one request in ``PROXY_EVERY`` filed by a proxy, indexed and linked too:
a name search looks among both), one in five complaints (tim_pengaduan; a fifth of them new, with no
deadline yet); receipts over the last 60 days, due dates from 15 days ago to 20 days ahead. The subjects'
word index is filled by the migration's triggers (SQLite) or index (PostgreSQL) as the rows go in.
PostgreSQL is then ``VACUUM ANALYZE``d (Kawal never runs ANALYZE on SQLite, nor does this bench).

Timed, each in a new session as a web request has (the officer loaded first, as the login does): the
whole ``page`` call (the one statement, decrypting the names, building the rows) for ``--pages``
pages as officers ask them: the first page of each sort and scope, and pages further on reached by
the cursor (a walk of 20 pages, then random cursors); the same pages with their count of N (``total``,
as the inbox page and the API show it); the header's counts (``counts``: open, overdue, mine); and
searches (ticket, NIK, name, subject words), each as the page with its count. Targets (issue 11):
p95 <= 20 ms on both databases for a page, a page with its count, the header's counts, and a search by
name or by subject words.

The machine is shared: the load average (``os.getloadavg``) is printed beside each figure, and so is what
does not depend on load: the SQL statements each ask sends, and (unless ``--no-plans``) the query plan of
each kind of ask, which names the indexes it reads.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from pathlib import Path

from sqlalchemy import event, insert, select, text

from bench.common import POSTGRES_ENV, BenchError, fresh_database
from engine import blind_index, inbox_list, waiting
from engine.config import load_settings
from engine.db import make_engine, session_factory, upgrade
from engine.models import (
    Case,
    CaseProxy,
    Group,
    HumanTask,
    Membership,
    Party,
    PartyToken,
    ProcessVersion,
    Unit,
    User,
)
from engine.runtime import Runtime
from engine.sync import NO_DEADLINE_RANK

TARGET_P95_MS = 20.0
NOW = datetime.now(UTC)
FIRST = ["Ani", "Budi", "Citra", "Dewi", "Eko", "Fajar", "Gita", "Hadi", "Indah", "Joko", "Kartika", "Lestari"]
LAST = ["Wijaya", "Santoso", "Hartono", "Siregar", "Nasution", "Saputra", "Rahman", "Hidayat", "Kurniawan"]
PROXY_EVERY = 20  # one request in twenty filed by a proxy (a lawyer, a relative)
ASKED = [
    "Daftar penerima beasiswa madrasah tahun 2026",
    "Rencana umum pengadaan barang dan jasa",
    "Laporan realisasi anggaran semester pertama",
    "Data penyuluh agama per kecamatan",
    "Biaya pencatatan pernikahan di KUA",
    "Daftar rumah ibadah penerima bantuan",
]
COMPLAINTS = ["Pungutan liar pada pendaftaran madrasah", "Pelayanan KUA lambat", "Bantuan tidak sampai"]
REQUEST_TASKS = [
    ("petugas_layanan", "periksa_kelengkapan", "Periksa kelengkapan permohonan", "diterima"),
    ("petugas_layanan", "registrasi", "Registrasi permohonan", "diterima"),
    ("ppid", "proses_permohonan", "Proses permohonan", "terdaftar"),
    ("unit_pengolah", "tanggapan_unit", "Tanggapan unit pengolah", "diproses"),
    ("ppid", "putuskan", "Putuskan permohonan", "diproses"),
]
OFFICERS = {"petugas": "petugas_layanan", "ppid": "ppid", "tim": "tim_pengaduan"}


def load(url: str, tasks: int, settings, batch: int = 5000) -> float:
    """Units, officers, one process version, then ``tasks`` cases with one open task each."""
    rt_vault = Runtime(settings).vault
    key = blind_index.search_key(settings)
    engine = make_engine(url)
    started = time.perf_counter()
    rng = random.Random(11)
    with engine.begin() as conn:
        conn.execute(insert(Unit), [{"code": "KANWIL", "name": "Kantor Wilayah"}])
        unit_id = conn.execute(select(Unit.id)).scalar()
        conn.execute(insert(Group), [{"code": g, "name": g} for g in set(OFFICERS.values()) | {"unit_pengolah"}])
        groups = dict(conn.execute(select(Group.code, Group.id)).all())
        for username, group in OFFICERS.items():
            uid = conn.execute(
                insert(User).returning(User.id),
                {
                    "username": username,
                    "display_name": username,
                    "password_hash": "x",
                    "active": True,
                    "unit_id": unit_id,
                    "created_at": NOW,
                    "locale": "id",
                },
            ).scalar()
            conn.execute(insert(Membership), {"user_id": uid, "group_id": groups[group]})
        version_id = conn.execute(
            insert(ProcessVersion).returning(ProcessVersion.id),
            {"process_id": "bench", "file_name": "bench", "sha256": "0" * 64, "spec_json": "{}", "deployed_at": NOW},
        ).scalar()
    done = 0
    while done < tasks:
        n = min(batch, tasks - done)
        parties, cases, rows, tokens, proxies = [], [], [], [], []
        for i in range(done, done + n):
            complaint = i % 5 == 4
            received = NOW - timedelta(minutes=rng.randrange(60 * 24 * 60))
            due = None if complaint and i % 25 == 4 else NOW + timedelta(hours=rng.randrange(-15 * 24, 20 * 24))
            if complaint:
                lane, bpmn, title, stage = "tim_pengaduan", "verifikasi", "Telaah dan verifikasi pengaduan", "diterima"
                subject, kind, party = rng.choice(COMPLAINTS), "pengaduan", None
            else:
                lane, bpmn, title, stage = rng.choice(REQUEST_TASKS)
                subject, kind = rng.choice(ASKED), "permohonan_informasi"
                identity = {"name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "nik": f"3171{i:012d}"}
                kid, blob = rt_vault.seal(identity)
                party = {"id": i + 1, "role": "requester", "key_id": kid, "ciphertext": blob, "created_at": NOW}
                parties.append(party)
                tokens += [{"party_id": i + 1, "token": t} for t in blind_index.tokens_of(key, identity)]
                if i % PROXY_EVERY == 0:  # filed by a proxy: sealed, indexed and linked as engine.proxy_party does
                    proxy = {"name": f"{rng.choice(FIRST)} {rng.choice(LAST)}, S.H."}
                    kid, blob = rt_vault.seal(proxy)
                    parties.append(
                        {"id": tasks + i + 1, "role": "kuasa", "key_id": kid, "ciphertext": blob, "created_at": NOW}
                    )
                    proxy_tokens = blind_index.tokens_of(key, proxy, blind_index.PROXY)
                    tokens += [{"party_id": tasks + i + 1, "token": t} for t in proxy_tokens]
                    proxies.append({"case_id": i + 1, "party_id": tasks + i + 1})
            ticket = f"{'ADU' if complaint else 'PPID'}-2026-{i + 1:06d}"
            cases.append(
                {
                    "id": i + 1,
                    "ticket": ticket,
                    "kind": kind,
                    "process_version_id": version_id,
                    "unit_id": unit_id,
                    "status": stage,
                    "overdue": False,
                    "confidential": False,
                    "reporter_mode": "rahasia" if complaint else None,
                    "requester_party_id": party["id"] if party else None,
                    "details": {},
                    "subject": subject,
                    "channel": "web",
                    "access_code_hash": "0" * 64,
                    "received_at": received,
                    "due_at": due,
                    "created_at": received,
                    "updated_at": received,
                    "version": 1,
                    "event_seq": 0,
                    "event_hash": "0" * 64,
                }
            )
            rows.append(
                {
                    "case_id": i + 1,
                    "task_guid": f"{i + 1:036d}",
                    "bpmn_id": bpmn,
                    "process_id": kind,
                    "title": title,
                    "lane": lane,
                    "state": "open",
                    "due_at": due,
                    "stage": stage,
                    "received_at": received,
                    "sort_at": due or received + NO_DEADLINE_RANK,  # as engine.sync ranks it
                    "case_overdue": False,
                    "case_unit_id": unit_id,
                    "created_at": received,
                }
            )
        with engine.begin() as conn:
            if parties:
                conn.execute(insert(Party), parties)
                conn.execute(insert(PartyToken), tokens)
            conn.execute(insert(Case), cases)
            conn.execute(insert(HumanTask), rows)
            if proxies:
                conn.execute(insert(CaseProxy), proxies)
        done += n
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:  # the rows were given their ids: the sequences follow
            for table in ("party", "case"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), {tasks})"))
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    engine.dispose()
    return time.perf_counter() - started


class Statements:
    """The SQL statements an engine sends (with their parameters), for the counts and plans printed."""

    def __init__(self, engine):
        self.sent: list[tuple[str, object]] = []
        event.listen(engine, "before_cursor_execute", self._note)

    def _note(self, conn, cursor, statement, parameters, context, executemany):
        self.sent.append((statement, parameters))

    def mark(self) -> int:
        return len(self.sent)


def ask(sessions, rt, statements, username, filters, *, with_total=True) -> tuple[float, float, int, list]:
    """One ask in a new session: (page ms, page + count ms, statements of the page and count, those statements)."""
    with sessions() as session:
        user = session.scalar(select(User).where(User.username == username))
        user.group_codes  # noqa: B018 - the login reads the officer and their groups before the page
        mark = statements.mark()
        started = time.perf_counter()
        listed = inbox_list.page(session, rt, user, filters)
        middle = time.perf_counter()
        if with_total:
            inbox_list.total(session, rt, user, filters, listed)
        ended = time.perf_counter()
    sent = statements.sent[mark:]
    return (middle - started) * 1000, (ended - started) * 1000, len(sent), sent


def timed(sessions, rt, statements, asks) -> tuple[list[float], list[float], set[int]]:
    """(page times, page + total times) in ms and the numbers of statements sent, one new session per ask."""
    pages, with_total, sent = [], [], set()
    for username, filters in asks:
        page_ms, total_ms, n, _ = ask(sessions, rt, statements, username, filters)
        pages.append(page_ms)
        with_total.append(total_ms)
        sent.add(n)
    return pages, with_total, sent


def asks(sessions, rt, count: int, rng: random.Random) -> list[tuple[str, inbox_list.Filters]]:
    """First pages of every sort and scope, then pages further on by cursor (a walk, then random ones)."""
    first = [
        (who, inbox_list.Filters(scope=scope, sort=sort))
        for who, scope in (("petugas", "group"), ("ppid", "all"), ("tim", "group"))
        for sort in inbox_list.SORTS
    ]
    later = []
    for who, start in first:
        filters, seen = start, 0
        with sessions() as session:
            user = session.scalar(select(User).where(User.username == who))
            while seen < 20:
                page = inbox_list.page(session, rt, user, filters)
                if not page.next_cursor:
                    break
                filters = inbox_list.Filters(scope=start.scope, sort=start.sort, cursor=page.next_cursor)
                later.append((who, filters))
                seen += 1
    out = list(first)
    while len(out) < count:
        out.append(rng.choice(later))
    return out[:count]


# (label, officer, query, held to the target): a two-word name matches a few hundred requesters (the narrow
# plan: their tasks fetched and sorted); one common name word or subject word matches thousands (the walk).
SEARCHES = (
    ("ticket", "petugas", "PPID-2026-050001", False),
    ("NIK", "petugas", "3171000000050001", False),
    ("name (two words)", "petugas", "Ani Wijaya", True),
    ("name (one common word)", "petugas", "Siregar", True),
    ("subject word", "petugas", "beasiswa", True),
    ("subject words", "petugas", "rumah ibadah", True),
    ("subject, complaint team", "tim", "pungutan", True),
)


def searches(sessions, rt, statements, repeat: int = 20) -> dict[str, dict]:
    out = {}
    for label, who, q, held in SEARCHES:
        filters = inbox_list.Filters(scope="group", q=q)
        times, sent = [], set()
        for _ in range(repeat):
            _page_ms, total_ms, n, statements_sent = ask(sessions, rt, statements, who, filters)
            times.append(total_ms)
            sent.add(n)
        out[label] = {"times": times, "statements": sent, "held": held, "sent": statements_sent}
    return out


def per_officer(sessions, statements, ask) -> tuple[list[float], set[int], list]:
    """``ask(session, user)`` as the desk, the PPID and the complaint team, ten times each, each in a new session
    with the officer loaded first (as the login does): milliseconds, statements sent per ask, the last ask's."""
    times, sent, last = [], set(), []
    for who in ["petugas", "ppid", "tim"] * 10:
        with sessions() as session:
            user = session.scalar(select(User).where(User.username == who))
            user.group_codes  # noqa: B018
            mark = statements.mark()
            started = time.perf_counter()
            ask(session, user)
            times.append((time.perf_counter() - started) * 1000)
        last = statements.sent[mark:]
        sent.add(len(last))
    return times, sent, last


def counts(sessions, rt, statements) -> tuple[list[float], set[int], list]:
    """The header's counts (open, overdue, mine)."""
    return per_officer(sessions, statements, lambda session, user: inbox_list.counts(session, rt, user))


def waiting_lists(sessions, statements) -> tuple[list[float], list]:
    """The inbox's "Menunggu pihak lain" (engine.waiting: the open cases with no open task). Here every open case
    has its task, so each ask finds none: what it costs is finding that out (through the partial index of
    ``case.awaiting_since``, not by walking the open cases)."""
    times, _sent, last = per_officer(sessions, statements, waiting.waiting)
    return times, last


def plans(engine, sent: list) -> list[str]:
    """The query plan of each statement ``sent`` (what it reads, by which index), one line each."""
    out = []
    with engine.connect() as conn:
        for statement, parameters in sent:
            if not any(t in statement for t in ("human_task", "party_token", "case_words", 'FROM "case"')):
                continue
            if engine.dialect.name == "sqlite":
                rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
                out.append(" | ".join(r[-1] for r in rows))
            else:
                rows = conn.exec_driver_sql("EXPLAIN (COSTS OFF) " + statement, parameters).all()
                steps = [r[0].strip().removeprefix("->  ") for r in rows]
                out.append(" | ".join(s for s in steps if "Scan" in s or "Join" in s or "Loop" in s or "Sort" in s))
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def load_average() -> str:
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def bench_backend(backend: str, args, tmp: Path) -> dict:
    url = fresh_database(backend, tmp, "inbox-bench.db")
    upgrade(url)
    settings = load_settings({"KAWAL_ENV": "test", "KAWAL_DATABASE_URL": url, "KAWAL_FILES_DIR": str(tmp)})
    load_seconds = load(url, args.tasks, settings)
    rt = Runtime(settings)
    engine = make_engine(url)
    statements = Statements(engine)
    sessions = session_factory(engine)
    rng = random.Random(3)
    plan = asks(sessions, rt, args.pages, rng)
    timed(sessions, rt, statements, plan[:20])  # warm-up: connections, statement caches
    pages, with_total, sent = timed(sessions, rt, statements, plan)
    result = {
        "backend": backend,
        "load_s": load_seconds,
        "pages": pages,
        "with_total": with_total,
        "statements": sent,
        "load_avg": load_average(),
    }
    result["counts"], result["count_statements"], count_sent = counts(sessions, rt, statements)
    result["searches"] = searches(sessions, rt, statements)
    result["waiting"], waiting_sent = waiting_lists(sessions, statements)
    result["load_avg_after"] = load_average()
    if args.plans:
        shown = {}
        for label, (who, filters) in {
            "first page, front desk": plan[0],
            "later page, complaint team": next(a for a in plan if a[0] == "tim" and a[1].cursor),
        }.items():
            shown[label] = plans(engine, ask(sessions, rt, statements, who, filters)[3])
        shown["header counts, complaint team"] = plans(engine, count_sent)
        shown["cases waiting on others, complaint team"] = plans(engine, waiting_sent)
        for label, found in result["searches"].items():
            shown[f"search: {label}"] = plans(engine, found["sent"])
        result["plans"] = shown
    engine.dispose()
    return result


def line(label: str, values: list[float]) -> str:
    return (
        f"  {label:<34} p50 {statistics.median(values):7.2f} ms   p95 {percentile(values, 95):7.2f} ms"
        f"   max {max(values):7.2f} ms   ({len(values)} asks)"
    )


def main(argv: list[str] | None = None) -> int:
    default_backend = "both" if os.environ.get(POSTGRES_ENV) else "sqlite"
    parser = argparse.ArgumentParser(prog="python -m bench.inbox_page", description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default=default_backend)
    parser.add_argument("--tasks", type=int, default=100_000, help="open tasks (default 100000)")
    parser.add_argument("--pages", type=int, default=300, help="timed pages (default 300)")
    parser.add_argument("--no-plans", dest="plans", action="store_false", help="do not print the query plans")
    args = parser.parse_args(argv)
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    if "postgres" in backends and not os.environ.get(POSTGRES_ENV):
        parser.error(f"--backend {args.backend} needs {POSTGRES_ENV}")
    if args.tasks < 1000 or args.pages < 40:
        parser.error("need --tasks >= 1000 and --pages >= 40")
    print(
        f"Kawal inbox page benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; CPython {platform.python_version()},"
        f" SQLAlchemy {version('sqlalchemy')}, SQLite {sqlite3.sqlite_version}, psycopg {version('psycopg')};"
        f" {os.cpu_count()} CPUs; {args.tasks:,} open tasks"
    )

    def verdict(values: list[float]) -> str:
        # A missed target is a figure to read, like the other benches' "NOT met": the exit status says only
        # whether the bench ran, so `make bench` goes on to the benches after this one.
        missed = percentile(values, 95) > TARGET_P95_MS
        return "   MISSES p95 <= 20 ms" if missed else "   meets p95 <= 20 ms"

    with tempfile.TemporaryDirectory(prefix="kawal-bench-inbox-") as tmp:
        for backend in backends:
            try:
                result = bench_backend(backend, args, Path(tmp))
            except BenchError as exc:
                print(f"bench failed on {backend}: {exc}", file=sys.stderr)
                return 1
            print(
                f"{backend}: loaded in {result['load_s']:.1f} s; {result['load_avg']} (while timing pages),"
                f" {result['load_avg_after']} (after the searches)"
            )
            print(line("a page of 50 (one statement)", result["pages"]) + verdict(result["pages"]))
            print(line("a page and its count of N", result["with_total"]) + verdict(result["with_total"]))
            print(line("the header's counts", result["counts"]) + verdict(result["counts"]))
            print(line("cases waiting on others (count, none found)", result["waiting"]) + verdict(result["waiting"]))
            print(
                f"  statements: a page and its count {sorted(result['statements'])},"
                f" the header's counts {sorted(result['count_statements'])}"
            )
            for label, found in result["searches"].items():
                held = verdict(found["times"]) if found["held"] else ""
                print(line(f"search: {label} (page and count)", found["times"]) + held)
            sent = {label: sorted(found["statements"]) for label, found in result["searches"].items()}
            print(f"  statements per search (page and count): {sent}")
            for label, steps in result.get("plans", {}).items():
                print(f"  plan, {label}:")
                for step in steps:
                    print(f"    {step}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
