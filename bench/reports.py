"""The annual report, the registers and the dashboard over 100,000 cases, on SQLite and PostgreSQL.

    python -m bench.reports [--cases 100000] [--backend sqlite|postgres|both]

Telling 100,000 cases through the engine would take hours (``kawal demo year`` tells about 3 cases a
second here), so the bench bulk-inserts them: ``case`` rows and the ``case_facts`` rows the engine
would have derived for them (engine.facts), in the proportions of a year told by ``kawal demo year``
(about 70% requests, 25% complaints, 4% objections, 1% disputes), received over one year. No workflow
state, events or identities are inserted: the reports never read them (the request register reads an
identity per row it lists, which is not what is timed here beyond its first page).

What is timed, each as a reader asks for it (median of ``--runs``):

- the report's figures: every figure of the Laporan Layanan Informasi Publik (engine.reports, SQL);
- its annex: the tickets behind every figure;
- the report as XLSX (annex included), as DOCX and as PDF (their annex points to the XLSX beyond
  2,000 tickets), with the figures counted again for each, as a download does;
- the yearly announcement, the complaint statistics, the dashboard of the Atasan PPID, and the
  request register's count and first page.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select, text

from bench.common import POSTGRES_ENV, BenchError, fresh_database
from engine import complaint_stats, dashboard, kinds, registers, reports
from engine.config import load_settings
from engine.db import make_engine, session_factory, upgrade
from engine.facts import RESULTS
from engine.models import Case, CaseFacts, User
from engine.runtime import Runtime
from engine.users import create_user, default_unit

YEAR = 2025
BATCH = 10_000
PASSWORD = "bench-password-1"  # noqa: S105 - a throw-away officer in a throw-away database
SHARES = ((kinds.REQUEST, 70), (kinds.COMPLAINT, 25), (kinds.OBJECTION, 4), (kinds.DISPUTE, 1))
LETTERS = "abcdefghij"
REPORTER_CATEGORIES = ("perorangan", "perorangan", "perorangan", "kelompok", "lembaga", "media", "asn")


def _facts(rng: random.Random, kind: str, case_id: int, received: datetime, tz) -> dict:
    closed = received + timedelta(days=rng.randint(1, 60))
    row = {
        "case_id": case_id,
        "kind": kind,
        "received_at": received,
        "received_month": received.astimezone(tz).strftime("%Y-%m"),
        "unit_code": "KANWIL",
        "channel": "web",
        "requester_type": "perorangan" if kind != kinds.COMPLAINT else None,
        "overdue": False,
        "result": rng.choice(RESULTS[kind]),
        "decided_at": closed,
        "decision_days": rng.randint(1, 25),
        "decided_by": "ppid",
        "reason": None,
        "closed_month": closed.astimezone(tz).strftime("%Y-%m"),
        "closed_days": rng.randint(1, 70),
        "closed_calendar_days": rng.randint(1, 100),
        "extended": rng.random() < 0.15,
        "extension_reason": "belum_dikuasai",
        "exemptions": f",{rng.choice(LETTERS)}," if rng.random() < 0.3 else None,
        "grounds": f",{rng.choice('abcdefg')}," if kind in (kinds.OBJECTION, kinds.DISPUTE) else None,
        "fee_charged": rng.choice((0, 0, 5000)),
        "fee_paid": 0,
        "delivered_on": None,
        "late_filed": False,
        "carried_out_on": None,
        "mediation": rng.choice((None, "berhasil", "gagal")) if kind == kinds.DISPUTE else None,
        "adjudication": rng.choice((None, "ditolak", "dikabulkan_sebagian")) if kind == kinds.DISPUTE else None,
        "court": None,
        "court_result": None,
        "cassation": False,
        "problem_code": f"{rng.randint(1, 10):02d}" if kind == kinds.COMPLAINT else None,
        "category": rng.choice(("pungli", "beasiswa_bantuan", "lainnya")) if kind == kinds.COMPLAINT else None,
        "oversight": rng.random() < 0.3 if kind == kinds.COMPLAINT else None,
        "not_actionable": None,
        "follow_up": None,
        # Where it happened and who reported it, taken in turn by the case's number (the draws above stay as they
        # were): 38 kab/kota of one province, a few complaints abroad, seven reporter categories.
        "location_province": ("LN" if case_id % 97 == 0 else "35") if kind == kinds.COMPLAINT else None,
        "location_regency": f"Kabupaten Contoh {case_id % 38 + 1}" if kind == kinds.COMPLAINT else None,
        "reporter_category": REPORTER_CATEGORIES[case_id % 7] if kind == kinds.COMPLAINT else None,
        "sla_days": 14 if kind == kinds.COMPLAINT else None,
        "statutory": rng.choice(("met", "met", "missed", None)) if kind == kinds.COMPLAINT else None,
        "refreshed_at": closed,
    }
    return row


def populate(url: str, cases: int, settings) -> tuple[Runtime, dict[str, int]]:
    """Deploy the processes, create one officer per group, then bulk-insert the cases and their facts."""
    rt = Runtime(settings)
    engine = make_engine(url)
    sessions = session_factory(engine)
    with sessions.begin() as s:
        versions = {p: v.id for p, v in rt.deploy(s).items()}
        unit_id = default_unit(s).id
        for name, groups in (("ppid", ["ppid"]), ("atasan", ["atasan_ppid"]), ("tim", ["tim_pengaduan"])):
            create_user(s, name, PASSWORD, groups)
    rng = random.Random(YEAR)  # noqa: S311 - bench data
    tz = rt.calendars["strict"].tz
    start = datetime(YEAR, 1, 1, 1, 0, tzinfo=UTC)
    counts: dict[str, int] = {}
    kinds_, weights = zip(*SHARES, strict=True)
    with engine.begin() as conn:
        for first in range(1, cases + 1, BATCH):
            case_rows, fact_rows = [], []
            for case_id in range(first, min(cases, first + BATCH - 1) + 1):
                kind = rng.choices(kinds_, weights)[0]
                counts[kind] = counts.get(kind, 0) + 1
                received = start + timedelta(seconds=rng.randrange(364 * 86400))
                facts = _facts(rng, kind, case_id, received, tz)
                closed = rng.random() < 0.95
                facts["overdue"] = rng.random() < 0.1
                case_rows.append(
                    {
                        "id": case_id,
                        "ticket": f"{kinds.series(kind, settings)}-{YEAR}-{case_id:06d}",
                        "kind": kind,
                        "process_version_id": versions[kind],
                        "unit_id": unit_id,
                        "status": "selesai" if closed else "diproses",
                        "outcome": facts["result"] if kind == kinds.REQUEST else None,
                        "overdue": facts["overdue"],
                        "confidential": False,
                        "reporter_mode": rng.choice(("anonim", "rahasia", "whistleblower"))
                        if kind == kinds.COMPLAINT
                        else None,
                        "requester_type": "perorangan",
                        "details": {},
                        "channel": "web",
                        "access_code_hash": "0" * 64,
                        "received_at": received,
                        "due_at": None if closed else received + timedelta(days=14),
                        "closed_at": facts["decided_at"] if closed else None,
                        "created_at": received,
                        "updated_at": received,
                        "version": 1,
                        "event_seq": 0,
                        "event_hash": "0" * 64,
                    }
                )
                if not closed:
                    facts.update(result=None, closed_month=None, closed_days=None, closed_calendar_days=None)
                fact_rows.append(facts)
            conn.execute(insert(Case), case_rows)
            conn.execute(insert(CaseFacts), fact_rows)
        if url.startswith("postgresql"):
            conn.execute(text("ANALYZE"))
    engine.dispose()
    return rt, counts


def timed(runs: int, fn):
    """((median wall seconds, median CPU seconds of this process), last result)."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return (statistics.median(walls), statistics.median(cpus)), result


def measure(backend: str, cases: int, runs: int, tmp: Path) -> list[tuple[str, float, str]]:
    url = fresh_database(backend, tmp, "bench-reports.db")
    upgrade(url)
    settings = load_settings({"KAWAL_ENV": "test", "KAWAL_DATABASE_URL": url, "KAWAL_FILES_DIR": str(tmp / "files")})
    t0 = time.perf_counter()
    rt, counts = populate(url, cases, settings)
    print(f"{backend}: {cases:,} cases inserted in {time.perf_counter() - t0:.1f} s (not measured): {counts}")
    from api import create_app
    from api.extensions import db
    from api.reports import files

    app = create_app(settings)
    period = reports.Period(YEAR)
    rows: list[tuple[str, float, str]] = []
    with app.test_request_context("/laporan/tahunan"):
        session = db.session
        seconds, report = timed(runs, lambda: reports.annual_report(session, rt, period))
        if report.value("requests.received") != counts[kinds.REQUEST]:
            raise BenchError(f"the report counts {report.value('requests.received')} requests, not {counts}")
        rows.append(("report figures (SQL)", seconds, f"{len(report.sections)} sections"))
        seconds, annex = timed(runs, lambda: reports.annex_of(session, rt, period))
        listed = annex.listed
        rows.append(("report annex (tickets of every figure)", seconds, f"{listed:,} ticket rows"))

        def download(write, fmt):  # what the page's download does (api.web.reports.annual_report)
            report = reports.annual_report(session, rt, period)
            wanted = files.needs_annex(report, fmt)
            listing = reports.annex_of(session, rt, period) if wanted else reports.Annex([], [])
            return write(rt, report, listing, None)

        writers = (("XLSX", files.annual_xlsx), ("DOCX", files.annual_docx), ("PDF", files.annual_pdf))
        for name, write in writers:
            seconds, body = timed(max(1, runs // 2), lambda write=write, name=name: download(write, name.lower()))
            rows.append((f"report as {name}, figures and annex included", seconds, f"{len(body) / 1024:,.0f} KiB"))
        seconds, shown = timed(runs, lambda: reports.announcement(session, rt, YEAR))
        rows.append(("announcement (Pasal 12)", seconds, f"{shown['figures']['requests.received']:,} requests"))
        start, end = period.bounds(settings.office_timezone)
        seconds, stats = timed(runs, lambda: complaint_stats.complaint_stats(session, start, end))
        rows.append(("complaint statistics", seconds, f"{stats.total:,} complaints"))
        atasan = session.scalar(select(User).where(User.username == "atasan"))
        view = dashboard.View(tuple(k for k in kinds.ALL if k != kinds.COMPLAINT), start, end)
        seconds, board = timed(runs, lambda: dashboard.dashboard(session, rt, atasan, view))
        open_cases = sum(board.open_total(k) for k in view.kinds)
        rows.append(("dashboard of the Atasan PPID", seconds, f"{open_cases:,} open cases"))
        where = registers.Filter(kinds.REQUEST, start, end)
        ppid = session.scalar(select(User).where(User.username == "ppid"))

        def first_page():
            return registers.count(session, where, ppid), list(registers.rows(session, rt, ppid, where, limit=100))

        seconds, (total, page) = timed(runs, first_page)
        rows.append(("request register: count and first 100 rows", seconds, f"{total:,} rows"))
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    default = "both" if os.environ.get(POSTGRES_ENV) else "sqlite"
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default=default)
    args = parser.parse_args(argv)
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for backend in backends:
            results[backend] = measure(backend, args.cases, args.runs, Path(tmp))
    print(f"\nReports over {args.cases:,} cases of {YEAR}: median of {args.runs} runs, seconds, wall (CPU of this")
    print("process: on SQLite all of the work, on PostgreSQL without the server's)")
    header = f"{'what':<48}" + "".join(f"{b:>20}" for b in backends) + "   note"
    print(header)
    print("-" * len(header))
    for i, (name, _s, note) in enumerate(results[backends[0]]):
        cells = "".join(f"{results[b][i][1][0]:>12.2f} ({results[b][i][1][1]:5.2f})" for b in backends)
        print(f"{name:<48}{cells}   {note}")


if __name__ == "__main__":
    try:
        main()
    except BenchError as exc:
        raise SystemExit(f"bench.reports: {exc}") from None
