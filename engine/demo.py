"""Demo data for ``kawal demo``: one officer per lane group and a few requests at different stages."""

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import clock, complaints, dip_demo, fees, inbox, intake, totp
from engine.models import HumanTask, User
from engine.reminders import shift_working_days
from engine.runtime import Runtime
from engine.users import GROUPS, create_user, ensure_unit

DEMO_PASSWORD = "kawal-demo"  # noqa: S105 - printed for the demo logins; never used outside `kawal demo`
# The authenticator secret of the demo officers whose groups need a second factor (wbs, wbs2, admin), printed
# by `kawal demo` like the password: any TOTP app takes it. Demo data only; never a real account.
DEMO_TOTP_SECRET = "KAWALDEMOKAWALDEMOKAWALDEMO23456"  # noqa: S105
DEMO_USERS = {
    "petugas": ["petugas_layanan"],
    "ppid": ["ppid"],
    "unit": ["unit_pengolah"],
    "atasan": ["atasan_ppid"],
    "kepala": ["pimpinan"],  # the head of the agency: determines exempt information when so configured
    "auditor": ["auditor"],
    "admin": ["admin"],
    "pengaduan": ["tim_pengaduan"],
    "wbs": ["pengelola_wbs"],
    "wbs2": ["pengelola_wbs"],  # a sealed identity opens only with a second WBS manager's approval
    "madrasah": ["unit_pengolah"],
}
# How the demo's officers are named on the pages (the header, the history, "assign to"): a person, as an admin types
# a colleague's name. Their role is not part of it: a display name is one string in no language, and the pages name
# an officer's group in the reader's language beside it (api.web.display.GROUP_LABELS: "Tim pengaduan", "Complaint
# team"); "Hana Pertiwi (Tim Pengaduan)" stayed Indonesian on every English page, and on the letters they sign.
DEMO_NAMES = {
    "petugas": "Ani Lestari",
    "ppid": "Budi Santoso",
    "unit": "Citra Dewi",
    "atasan": "Dedi Kurniawan",
    "kepala": "Eko Prasetyo",
    "auditor": "Fitri Handayani",
    "admin": "Gilang Ramadhan",
    "pengaduan": "Hana Pertiwi",
    "wbs": "Irfan Maulana",
    "wbs2": "Joko Susilo",
    "madrasah": "Kartika Sari",
}
# The demo's civil servants' NIPs (engine.nip: birth date, appointment month, sex, serial), printed under their names
# on the letters they sign; the others are not civil servants here. Invented: no real officer's number.
DEMO_NIPS = {
    "petugas": "199104142015032001",
    "ppid": "198203152006041002",
    "atasan": "197505102000031001",
    "kepala": "196912201994031003",
    "pengaduan": "198807222011012004",
}
# The demo officers' addresses: on a name reserved for examples (RFC 2606 ``.example``), which no mail server can ever
# deliver to, so a demo run against an SMTP sink (KAWAL_SMTP_HOST) shows the officers' own mails there too (a task
# assigned, a deadline near) and a run against a real server sends them nowhere real.
DEMO_MAIL_DOMAIN = "kawal-demo.example"
# The fee standard the demo starts with (an office sets its own by decree on /biaya): rupiah per item.
DEMO_FEES = {"halaman": 500, "cd": 10_000, "dvd": 15_000, "flashdisk": 50_000, "pos": 25_000}
# Officers outside the regional office's own unit: the unit a complaint is referred to.
DEMO_UNITS = {"madrasah": ("PENDMAD", "Bidang Pendidikan Madrasah")}
assert {g for groups in DEMO_USERS.values() for g in groups} == set(GROUPS)


def _request(n: int, information: str) -> dict:
    return {
        "requester": {
            "name": f"Pemohon Contoh {n}",
            "nik": f"3171011208900{n:03d}",  # a possible NIK (region, birth date, serial)
            "address": "Jl. Contoh No. 1, Jakarta",
            "email": f"pemohon{n}@example.org",
        },
        "requester_type": "perorangan",
        "information": information,
        "purpose": "Bahan penelitian",
        "obtain_method": "salinan_softcopy",
        "delivery_method": "email",
    }


def _working_days_ago(rt: Runtime, days: int):
    """The office's opening ``days`` working days back (engine.reminders' own count of working days).

    A fixed count of calendar days is not enough: over Christmas and the new year (or Lebaran) 16 days held
    fewer than 11 working days, and the demo's "late" request was not late.
    """
    cal = rt.calendars["strict"]
    return cal.opening(shift_working_days(cal, clock.now().astimezone(cal.tz).date(), -days))


def load_demo(session: Session, rt: Runtime) -> list[tuple[str, str, str]]:
    """Create the demo users and cases; returns (ticket, access code, what it shows) for each case."""
    for code, name in DEMO_UNITS.values():
        ensure_unit(session, code, name)
    users = {
        name: create_user(
            session,
            name,
            DEMO_PASSWORD,
            groups,
            DEMO_NAMES[name],
            DEMO_UNITS[name][0] if name in DEMO_UNITS else None,
            email=f"{name}@{DEMO_MAIL_DOMAIN}",
            nip=DEMO_NIPS.get(name),
        )
        for name, groups in DEMO_USERS.items()
    }
    today = clock.now().astimezone(rt.calendars["strict"].tz).date()
    for code, amount in DEMO_FEES.items():  # a written notice of printed copies can be priced from the start
        basis = "Contoh standar biaya untuk demo; ganti dengan keputusan kepala kantor"
        fees.add_rate(
            session,
            rt,
            users["admin"],
            {"code": code, "amount": amount, "effective_from": today.isoformat(), "legal_basis": basis},
        )
    # Officers who must log in with a second factor get the demo's published authenticator secret.
    for user in users.values():
        if totp.required(rt.settings, user):
            totp.enrol(session, rt.vault, user, DEMO_TOTP_SECRET)
    cases = []
    fresh = intake.submit_request(session, rt, _request(1, "Daftar penerima bantuan pendidikan tahun 2026"))
    cases.append((fresh.case.ticket, fresh.access_code, "baru diterima"))

    by_proxy = {  # filed by a proxy: the receipt names them, the desk reads and corrects them on the case page
        "name": "Dewi Lestari, S.H.",
        "address": "Jl. Salemba Raya 28, Jakarta Pusat",
        "email": "dewi.lestari@example.org",  # sent a copy of the receipt and the notices (engine.outbox)
        "nomor_surat_kuasa": f"07/SKK/{today.month}/{today.year}",
        "tanggal_surat_kuasa": today.isoformat(),
    }
    registered = intake.submit_request(
        session, rt, _request(2, "Laporan realisasi anggaran satuan kerja 2025") | {"kuasa": by_proxy}
    )
    _complete(session, rt, users["petugas"], registered.case.id, "periksa_kelengkapan", {"lengkap": True})
    _complete(
        session,
        rt,
        users["petugas"],
        registered.case.id,
        "registrasi",
        {"cara_kirim_tanda_bukti": "email"},
    )
    cases.append((registered.case.ticket, registered.access_code, "terdaftar, melalui kuasa; menunggu PPID"))

    # An offline letter received 11 working days ago: T10 has lapsed and the superior is alerted.
    late = intake.submit_request(
        session,
        rt,
        _request(3, "Salinan kontrak pengadaan rehabilitasi gedung 2025"),
        user=users["petugas"],
        channel="pos",
        received_at=_working_days_ago(rt, 11),
    )
    cases.append((late.case.ticket, late.access_code, "terlambat: eskalasi ke atasan"))

    # A rejected request, the requester's objection, and the Komisi Informasi's summons: one chain.
    refused = intake.submit_request(session, rt, _request(4, "Daftar nama dan NIK penerima beasiswa 2026"))
    case_id, ppid = refused.case.id, users["ppid"]
    _complete(session, rt, users["petugas"], case_id, "periksa_kelengkapan", {"lengkap": True})
    _complete(
        session,
        rt,
        users["petugas"],
        case_id,
        "registrasi",
        {"cara_kirim_tanda_bukti": "email"},
    )
    _complete(session, rt, ppid, case_id, "proses_permohonan", {"minta_unit": False})
    _complete(session, rt, ppid, case_id, "tentukan_langkah", {"langkah": "putuskan"})
    _complete(session, rt, ppid, case_id, "putuskan", REFUSAL)
    _complete(session, rt, ppid, case_id, "uji_konsekuensi", CONSEQUENCE_TEST)
    determination = {**DETERMINATION, "tanggal_penetapan": today.isoformat()}
    determination["berlaku_sampai"] = today.replace(year=today.year + 5, day=min(today.day, 28)).isoformat()
    _complete(session, rt, users["atasan"], case_id, "tetapkan_pengecualian", determination)
    _complete(
        session, rt, ppid, case_id, "pemberitahuan_tertulis", {**NOTICE, "tanggal_pemberitahuan": today.isoformat()}
    )
    cases.append((refused.case.ticket, refused.access_code, "ditolak: dikecualikan, dengan uji konsekuensi"))
    objection = intake.file_objection(
        session,
        rt,
        {
            "alasan": ["a"],
            "kasus_posisi": "Nama penerima beasiswa seharusnya terbuka untuk umum",
            "kuasa": {  # filed by a proxy: the desk reads and corrects the proxy on the case page
                "name": "Rahmat Hidayat, S.H.",
                "address": "Jl. Pemuda 12, Jakarta Timur",
                "nomor_surat_kuasa": f"01/SK/{today.month}/{today.year}",
                "tanggal_surat_kuasa": today.isoformat(),
                "bermeterai": True,
            },
        },
        refused.case,
    )
    # Registered, its chronology written, upheld by the superior and the response sent: a dispute comes only after
    # the superior's answer or its 30-day lapse (UU 14/2008 Pasal 37(2)); the walk found it recorded beside an
    # objection still "Objection Received".
    _complete(
        session,
        rt,
        users["petugas"],
        objection.id,
        "registrasi_keberatan",
        {"cara_kirim_tanda_terima": "langsung"},
    )
    _complete(session, rt, ppid, objection.id, "susun_kronologi", OBJECTION_CHRONOLOGY)
    _complete(
        session,
        rt,
        users["atasan"],
        objection.id,
        "putuskan_keberatan",
        {**OBJECTION_UPHELD, "tanggal_keputusan": today.isoformat()},
    )
    _complete(
        session,
        rt,
        users["petugas"],
        objection.id,
        "kirim_tanggapan",
        {"tanggal_dikirim": today.isoformat(), "dikirim_melalui": "langsung"},
    )
    cases.append(
        (
            objection.ticket,
            refused.access_code,
            "keberatan atas penolakan, melalui kuasa: ditolak atasan PPID, tanggapan terkirim (kode akses permohonan)",
        )
    )
    dispute = intake.record_dispute(
        session,
        rt,
        users["petugas"],
        {
            "perkara": objection.ticket,
            "ki": rt.settings.commission_name,
            "nomor_register": f"001/REG-PSI/{today.month}/{today.year}",
            "diajukan_ke_ki": today.isoformat(),
            "sidang_pertama": (clock.now() + timedelta(days=21)).isoformat(),
        },
    )
    cases.append((dispute.ticket, refused.access_code, "sengketa di Komisi Informasi: surat kuasa"))
    cases.extend(_complaints(session, rt, users))
    dip_demo.load(session, rt, ppid)  # the public information list and the service pages
    return cases


def _complaints(session: Session, rt: Runtime, users: dict[str, User]) -> list[tuple[str, str, str]]:
    """A whistleblower's report referred to the madrasah unit, and a fresh anonymous one."""
    sealed = complaints.submit_complaint(
        session,
        rt,
        {
            "mode": "whistleblower",
            "pokok_masalah": "Pungutan pada pendaftaran madrasah",
            "uraian": "Calon siswa diminta membayar uang pendaftaran di luar ketentuan.",
            "lokasi": "Madrasah Contoh, Kota Contoh",
            "waktu_kejadian": "2026-11-03",
            "kategori_usulan": "pungli",
            "kategori_pelapor": "perorangan",
            "pelapor": {"name": "Pelapor Contoh", "nik": "3171011208909901", "email": "pelapor@example.org"},
        },
    )
    team, case_id = users["pengaduan"], sealed.case.id
    _complete(session, rt, team, case_id, "catat_pengaduan", COMPLAINT_RECORD)
    _complete(session, rt, team, case_id, "verifikasi", {"hasil": "layak"})
    _complete(session, rt, team, case_id, "klasifikasi", COMPLAINT_REFERRAL)
    anonymous = complaints.submit_complaint(
        session,
        rt,
        {
            "mode": "anonim",
            "pokok_masalah": "Penyaluran bantuan operasional tidak sesuai daftar",
            "uraian": "Bantuan operasional diterima lebih kecil dari yang tercantum.",
            "kategori_usulan": "beasiswa_bantuan",
        },
    )
    return [
        (sealed.case.ticket, sealed.access_code, "pengaduan whistleblower: klarifikasi oleh unit madrasah"),
        (anonymous.case.ticket, anonymous.access_code, "pengaduan anonim baru"),
    ]


COMPLAINT_RECORD = {
    "pokok_masalah": "Pungutan pada pendaftaran madrasah",
    "uraian_ringkas": "Calon siswa diminta membayar uang pendaftaran di luar ketentuan.",
    "lokasi_kejadian": "Madrasah Contoh",
    "provinsi_kejadian": "35",
    "kabkota_kejadian": "Kota Contoh",
    "waktu_kejadian": "2026-11-03",
    "unit_terlapor": "PENDMAD",
    "jabatan_terlapor": "Panitia pendaftaran",
}
COMPLAINT_REFERRAL = {
    "kode_masalah": "02",
    "kategori": "beasiswa_bantuan",
    "berkadar_pengawasan": False,
    "unit_tujuan": "PENDMAD",
}


REFUSAL = {
    "keputusan": "ditolak_dikecualikan",
    "alasan_keputusan": "NIK adalah data pribadi",
    "pasal_pengecualian": ["h"],
}
CONSEQUENCE_TEST = {
    "dokumen": "Daftar penerima beasiswa 2026",
    "bagian_dikecualikan": "NIK dan alamat penerima",
    "dasar_hukum": "UU 14/2008 Pasal 17 huruf h",
    "konsekuensi": "Membuka data pribadi penerima",
    "kepentingan_publik": "Nama dan sekolah penerima tetap dapat dibuka",
}
# The head's determination (KAWAL_EXEMPTION_LANE: the Atasan PPID by default): dated the demo's own day,
# in force for five years (UU 14/2008 Pasal 20).
DETERMINATION = {"uji_diperiksa": True, "pasal_pengecualian": ["h"]}
# The objection to the refusal: the PPID's chronology, and the superior upholding the refusal.
OBJECTION_CHRONOLOGY = {
    "kronologi": "Permohonan diterima dan ditolak karena memuat NIK penerima (informasi yang dikecualikan).",
    "pertimbangan_ppid": "Daftar memuat NIK dan alamat penerima: rahasia pribadi, UU 14/2008 Pasal 17 huruf h.",
}
OBJECTION_UPHELD = {
    "keputusan": "keberatan_ditolak",
    "alasan_tertulis": "Daftar memuat NIK penerima: informasi yang dikecualikan berdasarkan Pasal 17 huruf h; "
    "uji konsekuensi terlampir.",
}
# The written notice of a refusal: nothing given, no fee (engine.letters.completeness).
NOTICE = {
    "informasi_dikuasai": True,
    "biaya": 0,
    # tanggal_pemberitahuan: the demo's own day (a dispatch date is never before the receipt)
    "dikirim_melalui": "email",
}


def _complete(session, rt, user: User, case_id: int, bpmn_id: str, data: dict) -> None:
    task = session.scalar(
        select(HumanTask).where(HumanTask.case_id == case_id, HumanTask.bpmn_id == bpmn_id, HumanTask.state == "open")
    )
    inbox.complete_task(session, rt, user, task.id, data)
