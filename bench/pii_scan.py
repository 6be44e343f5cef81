"""How often the personal-data scan (engine.pii_scan) flags what is not there, and finds what is.

Makes a sample of ordinary Indonesian government documents as PDFs (fpdf2), reads them back the way a
delivery does (pypdf, then ``scan_text``) and counts:

- **clean set**: letters, decrees with the officials' NIP, budget tables with account codes and
  amounts, procurement notes with contract, package (RUP) and billing numbers, the agency's bank
  account and virtual account numbers, statistics tables, meeting attendance lists with office
  extensions, letterheads with landlines, role mailboxes and postcodes. None holds a person's NIK, KK,
  NPWP, mobile number or private e-mail, so every finding is a false positive. Reported: the share
  of documents with at least one finding, findings per 100 pages, and each false finding's kind.
- **planted set**: the same documents with one real-looking item planted in each (a NIK, a woman's
  NIK, a KK after its name, an NPWP in the old or new form, a mobile number written one of five
  ways, a private e-mail address). Reported: the share found (recall), by kind.

The documents are random but seeded: the same ``--seed`` gives the same sample and the same figures.

    .venv/bin/python -m bench.pii_scan               # 300 documents of each set
    .venv/bin/python -m bench.pii_scan --docs 1000 --seed 7
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from datetime import date, timedelta

from fpdf import FPDF

from engine import pii_scan

PROVINCES = sorted(pii_scan.PROVINCES)
AGENCIES = [
    ("KEMENTERIAN AGAMA REPUBLIK INDONESIA", "KANTOR WILAYAH PROVINSI JAWA BARAT", "kemenag.go.id"),
    ("PEMERINTAH KOTA SURABAYA", "DINAS PENDIDIKAN", "surabaya.go.id"),
    ("PEMERINTAH PROVINSI DKI JAKARTA", "DINAS KESEHATAN", "jakarta.go.id"),
    ("PEMERINTAH KABUPATEN SLEMAN", "BADAN PERENCANAAN PEMBANGUNAN DAERAH", "slemankab.go.id"),
    ("KEMENTERIAN KEUANGAN REPUBLIK INDONESIA", "DIREKTORAT JENDERAL PERBENDAHARAAN", "kemenkeu.go.id"),
    ("PEMERINTAH PROVINSI SULAWESI SELATAN", "DINAS PEKERJAAN UMUM DAN TATA RUANG", "sulselprov.go.id"),
]
ROLES = ["ppid", "humas", "info", "sekretariat", "pengaduan", "layanan"]
NAMES = ["Drs. H. Ahmad Fauzi, M.Si.", "Dr. Sri Wahyuni, S.H., M.H.", "Ir. Bambang Susilo, M.T.",
         "Dra. Endang Lestari", "Rahmat Hidayat, S.Kom.", "Nur Aini, S.E., M.Ak.", "Agus Salim, S.Sos."]  # fmt: skip
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]  # fmt: skip


def nip(rng: random.Random) -> str:
    """An official's NIP: birth date (8), appointment month (6), sex (1), serial (3) = 18 digits."""
    born = date(1965, 1, 1) + timedelta(days=rng.randrange(12000))
    return f"{born:%Y%m%d}{rng.randint(1990, 2022)}{rng.randint(1, 12):02d}{rng.randint(1, 2)}{rng.randint(1, 9):03d}"


def rupiah(rng: random.Random, digits: int) -> str:
    return f"Rp {rng.randrange(10 ** (digits - 1), 10**digits):,}".replace(",", ".")


def letterhead(rng: random.Random) -> tuple[list[str], str]:
    top, unit, domain = rng.choice(AGENCIES)
    area = rng.choice(["021", "022", "031", "0274", "0411"])
    lines = [
        top,
        unit,
        f"Jalan Merdeka No. {rng.randint(1, 200)}, Kode Pos {rng.randint(10110, 99999)}",
        f"Telepon ({area}) {rng.randint(3000000, 8999999)}, Faksimile ({area}) {rng.randint(3000000, 8999999)}",
        f"Laman www.{domain}, Pos-el {rng.choice(ROLES)}@{domain}, Bebas pulsa 0800-1-{rng.randint(100000, 999999)}",
        "",
    ]
    return lines, domain


def letter(rng: random.Random) -> list[str]:
    head, _domain = letterhead(rng)
    day = date(2026, 1, 1) + timedelta(days=rng.randrange(330))
    return [
        *head,
        f"Nomor   : B-{rng.randint(100, 9999)}/Kw.{rng.randint(1, 34):02d}.{rng.randint(1, 9)}/HM.00/{day:%m}/{day:%Y}",
        f"Sifat   : Biasa        Lampiran : {rng.randint(1, 5)} berkas",
        "Hal     : Tanggapan atas permohonan informasi publik",
        "",
        f"Menindaklanjuti surat Saudara tanggal {day.day} {MONTHS[day.month - 1]} {day.year},"
        " dengan ini kami sampaikan",
        "bahwa informasi yang dimohon merupakan informasi publik yang wajib tersedia setiap saat",
        f"sebagaimana diatur dalam Pasal {rng.randint(9, 11)} Undang-Undang Nomor 14 Tahun 2008.",
        f"Anggaran kegiatan tahun {day.year} sebesar {rupiah(rng, 10)} telah direalisasikan"
        f" {rng.randint(40, 99)},{rng.randint(0, 99)}%.",
        "",
        f"Kepala, {rng.choice(NAMES)}",
        f"NIP {nip(rng)}",
    ]


def decree(rng: random.Random) -> list[str]:
    head, _domain = letterhead(rng)
    lines = [
        *head,
        f"KEPUTUSAN KEPALA DINAS NOMOR {rng.randint(1, 999)} TAHUN 2026",
        "TENTANG TIM PENGELOLA INFORMASI",
        "",
    ]
    for n in range(rng.randint(5, 15)):
        lines.append(f"{n + 1}. {rng.choice(NAMES)}  NIP {nip(rng)}  Pangkat/Gol. Penata Tk. I (III/d)")
    lines += ["", f"Ditetapkan di Jakarta pada tanggal {rng.randint(1, 28)} {rng.choice(MONTHS)} 2026"]
    return lines


def budget(rng: random.Random) -> list[str]:
    head, _domain = letterhead(rng)
    lines = [
        *head,
        "LAPORAN REALISASI ANGGARAN SEMESTER I TAHUN ANGGARAN 2026",
        f"Kode Satker {rng.randint(100000, 699999)}",
        "",
    ]
    for _ in range(rng.randint(15, 35)):
        parts = (rng.randint(1, 2), rng.randint(1, 3), rng.randint(1, 20), rng.randint(1, 30), rng.randint(1, 60))
        code = "5.{}.{:02d}.{:02d}.{:02d}.{:04d}".format(*parts)
        lines.append(
            f"{code}  Belanja barang dan jasa  {rupiah(rng, rng.randint(7, 11))}  {rupiah(rng, rng.randint(6, 10))}"
        )
    return lines


def procurement(rng: random.Random) -> list[str]:
    head, _domain = letterhead(rng)
    return [
        *head,
        "BERITA ACARA SERAH TERIMA PEKERJAAN",
        f"Nomor Kontrak: {rng.randint(1, 999):03d}/SPK/DISDIK/{rng.randint(1, 12):02d}/2026",
        f"Kode RUP {rng.randint(10000000, 59999999)}, Kode Paket {rng.randint(1000000, 9999999)}",
        f"ID Billing {rng.randint(10**14, 10**15 - 1)}  NTPN {rng.randint(10**15, 10**16 - 1):X}",
        f"Nomor Virtual Account {rng.randint(10**15, 10**16 - 1)}",  # 16 random digits: the hardest look-alike
        f"Nomor rekening kas daerah {rng.randint(10**12, 10**13 - 1)} pada Bank Jatim",
        f"Nilai kontrak {rupiah(rng, 10)} termasuk PPN 11%",
        f"Penyedia: CV Maju Bersama, NIB {rng.randint(10**12, 10**13 - 1)}",
        f"Jangka waktu pelaksanaan {rng.randint(30, 180)} hari kalender",
    ]


def statistics(rng: random.Random) -> list[str]:
    head, _domain = letterhead(rng)
    lines = [*head, "JUMLAH PENDUDUK MENURUT KECAMATAN DAN JENIS KELAMIN, 2025", ""]
    for n in range(rng.randint(10, 30)):
        men, women = rng.randint(5000, 99999), rng.randint(5000, 99999)
        lines.append(
            f"{n + 1:02d}  Kecamatan {n + 1}  {men:,}  {women:,}  {men + women:,}  {rng.randint(90, 110)}"
            f",{rng.randint(0, 9)}".replace(",", ".")
        )
    lines.append(f"Sumber: Dinas Kependudukan dan Pencatatan Sipil, {rng.randint(1, 28)}/{rng.randint(1, 12)}/2026")
    return lines


def attendance(rng: random.Random) -> list[str]:
    head, domain = letterhead(rng)
    lines = [
        *head,
        "DAFTAR HADIR RAPAT KOORDINASI PPID",
        f"Hari/tanggal: Senin, {rng.randint(1, 28)} {rng.choice(MONTHS)} 2026",
        "",
    ]
    for n in range(rng.randint(8, 20)):
        lines.append(
            f"{n + 1}. {rng.choice(NAMES)}  NIP {nip(rng)}  Ext. {rng.randint(100, 999)}  {rng.choice(ROLES)}@{domain}"
        )
    return lines


def regulation(rng: random.Random) -> list[str]:
    head, _domain = letterhead(rng)
    lines = [
        *head,
        f"PERATURAN DAERAH NOMOR {rng.randint(1, 20)} TAHUN 2026 TENTANG PELAYANAN INFORMASI PUBLIK",
        f"LEMBARAN DAERAH TAHUN 2026 NOMOR {rng.randint(1, 200)},"
        f" NOREG PERATURAN DAERAH: ({rng.randint(1, 999)}-{rng.randint(1, 99)}/2026)",
        f"ISBN 978-602-{rng.randint(1000, 9999)}-{rng.randint(10, 99)}-{rng.randint(0, 9)}",
    ]
    for n in range(rng.randint(30, 90)):  # two or three pages of articles
        lines.append(
            f"Pasal {n + 1} ({rng.randint(1, 5)}) Permohonan diajukan paling lambat {rng.randint(3, 30)} hari kerja"
            f" sejak tanggal {rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(1950, 2026)}, pukul"
            f" {rng.randint(7, 16):02d}.{rng.randint(0, 59):02d} WIB."
        )
    return lines


KINDS = [letter, decree, budget, procurement, statistics, attendance, regulation]


def valid_nik(rng: random.Random, female: bool = False, kk: bool = False) -> str:
    while True:
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(25000))
        day = born.day + (40 if female and not kk else 0)
        regency = rng.choice([rng.randint(1, 30), rng.randint(71, 79)])
        region = f"{rng.choice(PROVINCES)}{regency:02d}{rng.randint(1, 40):02d}"
        number = f"{region}{day:02d}{born:%m%y}{rng.randint(1, 9999):04d}"
        if (pii_scan.is_kk if kk else pii_scan.is_nik)(number):
            return number


def planted(rng: random.Random) -> tuple[str, str]:
    """One item of personal data as it would appear in a document, and its kind."""
    choice = rng.randrange(8)
    if choice == 0:
        return f"NIK {valid_nik(rng)}", "nik"
    if choice == 1:
        return f"Nomor Induk Kependudukan: {valid_nik(rng, female=True)}", "nik"
    if choice == 2:
        number = valid_nik(rng)
        return f"NIK {number[:4]} {number[4:8]} {number[8:12]} {number[12:]}", "nik"
    if choice == 3:
        return f"No. KK {valid_nik(rng, kk=True)}", "kk"
    if choice == 4:
        d = f"{rng.randint(1, 99):02d}{rng.randint(0, 10**10 - 1):010d}{rng.randint(0, 999):03d}"
        return f"NPWP {d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:]}", "npwp"
    if choice == 5:
        return f"NPWP: 0{rng.randint(10**14, 10**15 - 1)}", "npwp"
    if choice == 6:
        digits = f"8{rng.randint(11, 99)}{rng.randint(10**6, 10**8 - 1)}"
        forms = [
            f"0{digits}",
            f"+62 {digits[:3]} {digits[3:7]} {digits[7:]}",
            f"0{digits[:3]}-{digits[3:7]}-{digits[7:]}",
            f"62{digits}",
            f"0{digits[:3]}.{digits[3:7]}.{digits[7:]}",
        ]
        return f"HP {rng.choice(forms)}", "telepon"
    return (
        f"Surel pribadi: {rng.choice(['budi', 'siti.aminah', 'rudi_h', 'nur.aini88'])}"
        f"@{rng.choice(['gmail.com', 'yahoo.co.id'])}",
        "email",
    )


def render(lines: list[str]) -> bytes:
    doc = FPDF()
    doc.set_auto_page_break(True, margin=15)
    doc.add_page()
    doc.set_font("helvetica", size=9)
    for line in lines:
        doc.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="documents in each set")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    flagged_docs, pages, false_kinds, seconds = 0, 0, Counter(), 0.0
    examples: list[str] = []
    for _ in range(args.docs):
        data = render(rng.choice(KINDS)(rng))
        start = time.perf_counter()
        text = pii_scan.read_text("application/pdf", data) or []
        found = pii_scan.scan_text(text)
        seconds += time.perf_counter() - start
        pages += len(text)
        if found:
            flagged_docs += 1
            false_kinds.update(f.kind for f in found)
            examples += [f"{f.kind}:{f.value}" for f in found][:2]

    hits, tried = Counter(), Counter()
    for _ in range(args.docs):
        lines = rng.choice(KINDS)(rng)
        item, kind = planted(rng)
        lines.insert(rng.randrange(6, len(lines) + 1), item)
        found = pii_scan.scan_text(pii_scan.read_text("application/pdf", render(lines)) or [])
        tried[kind] += 1
        hits[kind] += any(f.kind == kind for f in found)

    print(f"clean set: {args.docs} documents, {pages} pages, seed {args.seed}")
    print(f"  documents with a false finding: {flagged_docs} ({100 * flagged_docs / args.docs:.2f} %)")
    print(
        f"  false findings per 100 pages: {100 * sum(false_kinds.values()) / max(pages, 1):.2f}"
        f"  by kind: {dict(false_kinds)}"
    )
    if examples:
        print(f"  e.g. {', '.join(examples[:6])}")
    print(f"  read + scan: {1000 * seconds / args.docs:.1f} ms a document (pypdf text, no OCR)")
    print(f"planted set: {args.docs} documents, one item each")
    for kind in sorted(tried):
        print(f"  {kind:8} found {hits[kind]}/{tried[kind]} ({100 * hits[kind] / tried[kind]:.1f} %)")
    total = sum(hits.values())
    print(f"  recall: {total}/{args.docs} ({100 * total / args.docs:.2f} %)")
    lookalikes = 200_000
    passing = sum(pii_scan.is_nik(f"{rng.randrange(10**16):016d}") for _ in range(lookalikes))
    print(f"random 16-digit numbers that pass the NIK structure: {100 * passing / lookalikes:.2f} %")


if __name__ == "__main__":
    main()
