"""Searching the public information list: ``engine.search.search_items`` over 100,000 items, SQLite and PostgreSQL.

    python -m bench.dip_search [--backend sqlite|postgres|both] [--items 100000] [--queries 400]

Per backend, on a fresh database with the migrations: ``--items`` published items of a Kemenag regional
office's kind (document types x topics x units x years, so a common word such as "laporan" is in about a
fifth of the items), their ``search_text`` stemmed by ``engine.search.document`` as the app does, bulk
inserted with SQLAlchemy Core (the migration's triggers fill the FTS5 table / the tsvector column, as
for any write); PostgreSQL is then ``VACUUM ANALYZE``d (Kawal never runs ANALYZE on SQLite, nor does
this bench). Then ``--queries`` searches as a visitor types them (one to three words, inflected:
"perizinan", "laporan keuangan 2024", "penerima beasiswa madrasah"...), each in a new session, as a web
request has, each asking the first page of 20, best first. Timed: the whole ``search_items`` call
(stemming the query, the ranked query, loading the 20 rows). Also timed, for information: the
officers' suggestions (``match="two"``, a request's sentence) and a browse without words by category.

The target (issue 17): the catalogue's search answers in p95 <= 50 ms on both databases.
PostgreSQL comes from ``KAWAL_BENCH_POSTGRES_URL``; its ``public`` schema is dropped and recreated.
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
from datetime import UTC, date, datetime
from importlib.metadata import version
from pathlib import Path

from sqlalchemy import insert, select, text

from bench.common import POSTGRES_ENV, BenchError, fresh_database
from engine import search
from engine.db import make_engine, session_factory, upgrade
from engine.models import DipItem, Unit

TARGET_P95_MS = 50.0
DOC_TYPES = [
    "Laporan Keuangan",
    "Laporan Kinerja",
    "Laporan Realisasi Anggaran",
    "Laporan Tahunan",
    "Rencana Strategis",
    "Rencana Kerja",
    "Daftar Penerima",
    "Daftar Inventaris",
    "Peraturan",
    "Surat Keputusan",
    "Standar Pelayanan",
    "Rekapitulasi",
    "Data Statistik",
    "Jadwal",
    "Profil",
    "Pengumuman",
    "Petunjuk Teknis",
    "Surat Edaran",
    "Notulen Rapat",
    "Kontrak",
    "Rencana Umum Pengadaan",
    "Dokumen Pelaksanaan Anggaran",
    "Hasil Evaluasi",
    "Pedoman",
    "Formulir",
]
TOPICS = [
    "anggaran belanja",
    "pengadaan barang dan jasa",
    "perizinan pendirian madrasah",
    "kepegawaian",
    "beasiswa madrasah berprestasi",
    "bantuan operasional sekolah",
    "penyelenggaraan ibadah haji",
    "umrah",
    "pengelolaan zakat",
    "wakaf produktif",
    "penyuluh agama",
    "sertifikasi halal",
    "pencatatan pernikahan",
    "kerukunan umat beragama",
    "pendidikan pondok pesantren",
    "guru pendidikan agama",
    "tunjangan profesi guru",
    "rehabilitasi gedung kantor",
    "barang milik negara",
    "pengaduan masyarakat",
    "layanan informasi publik",
    "akreditasi madrasah",
    "ujian madrasah",
    "penerimaan peserta didik baru",
    "kalender pendidikan",
    "bimbingan perkawinan",
    "rumah ibadah",
    "moderasi beragama",
    "pelatihan aparatur",
    "rekrutmen pegawai",
    "mutasi dan promosi jabatan",
    "disiplin pegawai",
    "gratifikasi",
    "zona integritas",
    "survei kepuasan",
    "kerja sama daerah",
    "perjalanan dinas",
    "aset tanah",
    "kendaraan dinas",
    "teknologi informasi",
    "arsip dan dokumentasi",
    "hibah",
    "bantuan sosial",
    "kegiatan keagamaan",
    "madrasah aliyah",
    "madrasah tsanawiyah",
    "madrasah ibtidaiyah",
    "raudhatul athfal",
    "perguruan tinggi keagamaan",
    "pengawas madrasah",
]
QUALIFIERS = ["Semester I", "Semester II", "Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", "Bulanan", ""]
PLACES = [
    "Kota Bandung",
    "Kabupaten Bogor",
    "Kota Bekasi",
    "Kabupaten Garut",
    "Kota Depok",
    "Kabupaten Cianjur",
    "Kota Cirebon",
    "Kabupaten Sukabumi",
    "Kota Tasikmalaya",
    "Kabupaten Karawang",
    "Kabupaten Subang",
    "Kabupaten Indramayu",
    "Kota Banjar",
    "Kabupaten Kuningan",
    "Kabupaten Majalengka",
    "Kabupaten Sumedang",
    "Kabupaten Ciamis",
    "Kabupaten Purwakarta",
    "Kota Sukabumi",
    "Kabupaten Pangandaran",
]
CATEGORIES = ["berkala", "setiap_saat", "setiap_saat", "setiap_saat", "serta_merta", "dikecualikan"]
# What visitors type: inflected forms, one to three words, common and rare words, years.
QUERIES = [
    "perizinan",
    "izin madrasah",
    "laporan keuangan",
    "laporan keuangan 2024",
    "anggaran",
    "penganggaran 2025",
    "pengadaan barang",
    "diadakan",
    "penerima beasiswa",
    "beasiswa madrasah berprestasi",
    "kepegawaian",
    "pegawai",
    "rekrutmen pegawai",
    "haji",
    "penyelenggaraan haji 2023",
    "zakat",
    "pengelolaan wakaf",
    "sertifikasi halal",
    "pernikahan",
    "pencatatan nikah",
    "kerukunan beragama",
    "pesantren",
    "pondok pesantren",
    "tunjangan guru",
    "laporan kinerja",
    "rencana strategis",
    "peraturan",
    "surat keputusan",
    "pengaduan",
    "informasi publik",
    "akreditasi",
    "ujian madrasah 2022",
    "peserta didik baru",
    "bimbingan perkawinan",
    "rumah ibadah bogor",
    "moderasi",
    "pelatihan",
    "mutasi jabatan",
    "gratifikasi",
    "zona integritas",
    "survei kepuasan masyarakat",
    "perjalanan dinas",
    "aset tanah",
    "kendaraan dinas",
    "hibah",
    "bantuan sosial",
    "madrasah aliyah garut",
    "raudhatul athfal",
    "pengawas madrasah",
    "laporan",
    "data",
    "jadwal ujian",
    "kontrak pengadaan 2021",
    "pedoman",
    "formulir",
    "notulen rapat",
    "dokumen pelaksanaan anggaran",
    "inventaris",
    "barang milik negara",
    "teknologi informasi",
    "arsip",
    "kegiatan keagamaan",
    "perguruan tinggi",
    "guru agama",
    "triwulan",
    "semester 2020",
    "edaran",
    "petunjuk teknis",
    "statistik 2019",
    "laporan tahunan kota bandung",
]
SENTENCES = [
    "Mohon salinan daftar penerima beasiswa madrasah berprestasi tahun 2024 beserta kriteria seleksinya",
    "Laporan realisasi anggaran rehabilitasi gedung kantor tahun 2023",
    "Data pencatatan pernikahan di Kabupaten Garut selama tiga tahun terakhir",
    "Kontrak pengadaan barang dan jasa teknologi informasi tahun 2025",
]


def item_rows(count: int, unit_ids: list[int], seed: int = 17):
    """``count`` published items, deterministic for a seed, with the app's own search text."""
    rng = random.Random(seed)
    units = list(unit_ids)
    now = datetime.now(UTC)
    for i in range(1, count + 1):
        doc, topic, qualifier = rng.choice(DOC_TYPES), rng.choice(TOPICS), rng.choice(QUALIFIERS)
        place, year = rng.choice(PLACES), rng.randint(2015, 2026)
        title = " ".join(filter(None, [doc, topic.title(), qualifier, place, f"Tahun {year}"]))
        summary = f"{doc} tentang {topic} pada Kantor Kementerian Agama {place} tahun {year}."
        category = rng.choice(CATEGORIES)
        unit_name, unit_id = units[i % len(units)]
        yield {
            "code": f"B-{i:06d}",
            "title": title,
            "summary": summary,
            "category": category,
            "unit_id": unit_id,
            "made_on": date(year, rng.randint(1, 12), rng.randint(1, 28)),
            "retention": "10 tahun",
            "format": "PDF",
            "legal_basis": "UU 14/2008",
            "url": None if category == "dikecualikan" else f"https://ppid.example.go.id/dip/{i}",
            "rhythm_months": 6 if category == "berkala" else None,
            "exemption_note": "Pasal 17 huruf h" if category == "dikecualikan" else None,
            "status": "published",
            "published_at": now,
            "search_text": search.document(title, summary, f"B-{i:06d}", "PDF", "UU 14/2008", unit_name),
            "created_at": now,
            "updated_at": now,
            "updated_by": "bench",
            "version": 1,
        }


def load(url: str, items: int, batch: int = 5000) -> float:
    engine = make_engine(url)
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(insert(Unit), [{"code": f"U{n:02d}", "name": f"Kankemenag {p}"} for n, p in enumerate(PLACES)])
        units = [(name, uid) for uid, name in conn.execute(select(Unit.id, Unit.name))]
    rows = item_rows(items, units)
    while True:
        chunk = [row for _, row in zip(range(batch), rows, strict=False)]
        if not chunk:
            break
        with engine.begin() as conn:
            conn.execute(insert(DipItem), chunk)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE dip_item"))
    engine.dispose()
    return time.perf_counter() - started


def timed(sessions, queries: list[str], **options) -> list[float]:
    out = []
    for query in queries:
        with sessions() as session:
            started = time.perf_counter()
            search.search_items(session, query, **options)
            out.append((time.perf_counter() - started) * 1000)
    return out


def count_matches(engine, word: str) -> int:
    """How many items a one-word query matches (what the ranking has to order), straight from the index."""
    (stem,) = search.terms(word)
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            sql = "SELECT count(*) FROM dip_item WHERE search_vector @@ to_tsquery('simple', :t)"
            return conn.execute(text(sql), {"t": stem}).scalar()
        return conn.execute(
            text("SELECT count(*) FROM dip_search WHERE dip_search MATCH :t"), {"t": f'"{stem}"'}
        ).scalar()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def bench_backend(backend: str, args, tmp: Path) -> dict:
    url = fresh_database(backend, tmp, "dip-bench.db")
    upgrade(url)
    load_seconds = load(url, args.items)
    engine = make_engine(url)
    sessions = session_factory(engine)
    rng = random.Random(1)
    queries = [rng.choice(QUERIES) for _ in range(args.queries)]
    timed(sessions, QUERIES[:20])  # warm-up: connections, statement caches, the stemmer's cache
    catalogue = timed(sessions, queries)
    matched = {word: count_matches(engine, word) for word in ("laporan", "perizinan")}
    suggestions = timed(sessions, [SENTENCES[i % len(SENTENCES)] for i in range(40)], match="two", limit=5)
    browse = timed(sessions, [""] * 40, category="setiap_saat")
    engine.dispose()
    return {
        "backend": backend,
        "load_s": load_seconds,
        "catalogue": catalogue,
        "suggestions": suggestions,
        "browse": browse,
        "matched": matched,
    }


def line(label: str, values: list[float]) -> str:
    return (
        f"  {label:<34} p50 {statistics.median(values):7.2f} ms   p95 {percentile(values, 95):7.2f} ms"
        f"   max {max(values):7.2f} ms   ({len(values)} queries)"
    )


def main(argv: list[str] | None = None) -> int:
    default_backend = "both" if os.environ.get(POSTGRES_ENV) else "sqlite"
    parser = argparse.ArgumentParser(prog="python -m bench.dip_search", description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default=default_backend)
    parser.add_argument("--items", type=int, default=100_000, help="published items (default 100000)")
    parser.add_argument("--queries", type=int, default=400, help="timed catalogue searches (default 400)")
    args = parser.parse_args(argv)
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    if "postgres" in backends and not os.environ.get(POSTGRES_ENV):
        parser.error(f"--backend {args.backend} needs {POSTGRES_ENV}")
    if args.items < 100 or args.queries < 20:
        parser.error("need --items >= 100 and --queries >= 20")
    print(
        f"Kawal DIP search benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; CPython {platform.python_version()},"
        f" SQLAlchemy {version('sqlalchemy')}, SQLite {sqlite3.sqlite_version}, psycopg {version('psycopg')},"
        f" PySastrawi {version('PySastrawi')}; {os.cpu_count()} CPUs; {args.items:,} items"
    )
    failed = False
    with tempfile.TemporaryDirectory(prefix="kawal-bench-dip-") as tmp:
        for backend in backends:
            try:
                result = bench_backend(backend, args, Path(tmp))
            except BenchError as exc:
                print(f"bench failed on {backend}: {exc}", file=sys.stderr)
                return 1
            p95 = percentile(result["catalogue"], 95)
            verdict = "meets" if p95 <= TARGET_P95_MS else "MISSES"
            failed |= p95 > TARGET_P95_MS
            print(
                f"{backend}: loaded in {result['load_s']:.1f} s; 'laporan' matches {result['matched']['laporan']:,},"
                f" 'perizinan' {result['matched']['perizinan']:,}"
            )
            print(line("catalogue search (all words, 20)", result["catalogue"]) + f"   {verdict} p95 <= 50 ms")
            print(line("officers' suggestions (two words, 5)", result["suggestions"]))
            print(line("browse by category (no words, 20)", result["browse"]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
