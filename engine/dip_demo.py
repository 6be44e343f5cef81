"""Demo content of the public information list for ``kawal demo``: a few items of each category and the
four service pages, so the portal's catalogue, its search and its footer show something at once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from engine import clock, dip, service_pages
from engine.models import User
from engine.runtime import Runtime

ITEMS = (
    ("Laporan Realisasi Anggaran Kantor Wilayah Semester I 2026", "berkala", "KANWIL", 6, "UU 14/2008 Pasal 9"),
    ("Rencana Strategis Kantor Wilayah 2025-2029", "berkala", "KANWIL", 12, "UU 14/2008 Pasal 9 ayat (2)"),
    ("Daftar penerima beasiswa madrasah berprestasi 2026 (nama dan madrasah)", "setiap_saat", "PENDMAD", None, ""),
    ("Persyaratan izin operasional madrasah swasta", "setiap_saat", "PENDMAD", None, "PMA 90/2013"),
    ("Rencana umum pengadaan barang dan jasa 2026", "setiap_saat", "KANWIL", None, "Perpres 16/2018"),
    ("Peringatan dini cuaca ekstrem bagi jemaah manasik haji", "serta_merta", "KANWIL", None, "UU 14/2008 Pasal 10"),
)
# Who answers for each unit's items and how long they are kept: a published item names both (engine.dip.unpublishable).
RESPONSIBLE = {"KANWIL": "Kepala Bagian Tata Usaha", "PENDMAD": "Kepala Bidang Pendidikan Madrasah"}
RETENTION = "10 tahun (jadwal retensi arsip)"
# What an item tells the public on its page (an immediate warning must say what to do: UU 14/2008 Pasal 10).
SUMMARIES = {
    "Peringatan dini cuaca ekstrem bagi jemaah manasik haji": "BMKG memperkirakan hujan lebat disertai angin kencang"
    " di wilayah ini selama sepekan ke depan. Latihan manasik haji di lapangan terbuka ditunda; jemaah mengikuti"
    " latihan di aula Kantor Kementerian Agama kabupaten/kota masing-masing sesuai jadwal yang diumumkan KBIHU.",
}
PAGES = {
    "maklumat": "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan informasi publik sesuai standar "
    "pelayanan yang telah ditetapkan, dan apabila tidak menepati janji ini kami siap menerima sanksi sesuai "
    "peraturan perundang-undangan yang berlaku.\n\n- Dasar hukum: UU 14/2008; Perki 1/2021\n"
    "- Jangka waktu: pemberitahuan tertulis paling lambat 10 hari kerja, dapat diperpanjang 7 hari kerja\n"
    "- Biaya: tidak dipungut biaya, kecuali biaya penggandaan dan pengiriman",
    "sop": "1. Pemohon mengajukan permohonan melalui portal, surat elektronik, pos, atau langsung.\n"
    "2. Petugas memeriksa kelengkapan dan memberikan tanda bukti penerimaan dengan nomor pendaftaran.\n"
    "3. PPID memproses permohonan dan memberikan pemberitahuan tertulis paling lambat 10 hari kerja.",
    "biaya": "Akses informasi publik tidak dipungut biaya. Biaya penggandaan dan pengiriman ditanggung pemohon "
    "sesuai standar biaya yang ditetapkan pimpinan badan publik.",
    # The hours themselves come from KAWAL_OFFICE_HOURS (the portal shows them above this text, engine.service_pages):
    # the office's words say what the setting does not.
    "jam_layanan": "Meja layanan informasi publik berada di lantai 1 gedung kantor, dekat pintu masuk utama. "
    "Permohonan informasi, keberatan dan pengaduan juga dapat dikirim melalui portal ini kapan saja.",
}
# The same pages in English, as an office that writes both shows them to an English reader (the portal says when a
# page has no English version).
PAGES_EN = {
    "maklumat": "We hereby undertake to provide the public information service by the service standard set, and "
    "should we not keep this promise we are ready to accept sanctions under the laws and regulations in force.\n\n"
    "- Legal basis: Law 14/2008; Information Commission Regulation 1/2021\n"
    "- Time limit: a written notice within 10 working days at the latest, which may be extended by 7 working days\n"
    "- Fee: free of charge, except the cost of copying and sending",
    "sop": "1. The requester files a request through the portal, by e-mail, by post or in person.\n"
    "2. The officer checks that it is complete and gives a receipt with a registration number.\n"
    "3. The PPID handles the request and gives a written notice within 10 working days at the latest.",
    "biaya": "Access to public information is free of charge. The requester bears the cost of copying and sending, "
    "by the fee standard the head of the public body sets.",
    "jam_layanan": "The public information desk is on the ground floor of the office building, by the main entrance. "
    "Requests, objections and complaints can also be sent through this portal at any time.",
}


def load(session: Session, rt: Runtime, ppid: User) -> None:
    made = (clock.now() - timedelta(days=150)).astimezone(rt.calendars["strict"].tz).date()
    for title, category, unit, rhythm, basis in ITEMS:
        data = {"title": title, "category": category, "unit": unit, "legal_basis": basis, "format": "PDF"}
        data |= {"responsible": RESPONSIBLE[unit], "retention": RETENTION}
        if title in SUMMARIES:
            data["summary"] = SUMMARIES[title]
        if rhythm:
            data |= {"rhythm_months": rhythm, "made_on": made.isoformat()}
        dip.create_item(session, rt, ppid, data, publish=True)
    for slug, body in PAGES.items():
        service_pages.save(session, ppid, slug, body, PAGES_EN[slug])
