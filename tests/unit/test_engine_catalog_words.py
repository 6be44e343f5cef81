"""The engine's words in both languages come from the catalogs (engine.catalogs: English message ids, Bahasa Indonesia
msgstr), word for word what its inline Indonesian/English pairs said before: the stages and their next steps
(engine.status), the chain's kinds, verdicts, chronology and ways to go on (engine.chain), the evidence bundle's
document titles (engine.bundle), UU 14/2008 Pasal 17's exemptions as a refusal quotes them (engine.letters.context),
the deadlines' names (engine.outbox), the fee units (engine.fees) and a message's line on following the case
(notifications.wording). Each table below was taken from the code before the change."""

from datetime import UTC, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine

from engine import bundle, chain, fees, outbox, status
from engine.catalogs import catalog
from engine.config import COMMISSION_NAME, COURTS_OF_CHALLENGE
from engine.letters import context
from notifications import wording

LOCALES = ("id", "en")


def _said(words, locale: str) -> str:
    """A wording in ``locale``: the catalogs' translation of its English message id."""
    return catalog(locale).gettext(words)


STAGES = {
    "diterima": (
        "Diterima",
        "Received",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "menunggu_kelengkapan": (
        "Menunggu Kelengkapan",
        "Awaiting Completion",
        "Lengkapi kekurangan permohonan Anda kepada petugas sebelum batas waktu melengkapi.",
        "Supply the missing items of your request to the officers before the completion window ends.",
    ),
    "dilengkapi": (
        "Dilengkapi",
        "Missing Items Supplied",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "terdaftar": (
        "Terdaftar",
        "Registered",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "diproses": (
        "Diproses",
        "In Process",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "diperpanjang": (
        "Diperpanjang",
        "Extended",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "dikabulkan_seluruhnya": (
        "Dikabulkan Seluruhnya",
        "Granted in Full",
        "Ambil atau terima informasi sesuai cara yang Anda pilih; bayar biaya penggandaan jika ada.",
        "Collect or receive the information as you chose; pay the copying fee if any.",
    ),
    "dikabulkan_sebagian": (
        "Dikabulkan Sebagian",
        "Granted in Part",
        (
            "Terima informasi yang diberikan. Jika tidak puas, Anda dapat "
            "mengajukan keberatan kepada Atasan PPID dalam 30 hari kerja."
        ),
        (
            "Receive the information given. If you are not satisfied, you may file "
            "an objection with the PPID's superior within 30 working days."
        ),
    ),
    "ditolak_dikecualikan": (
        "Ditolak (Informasi Dikecualikan)",
        "Rejected (Exempt)",
        "Jika tidak puas, Anda dapat mengajukan keberatan kepada Atasan PPID dalam 30 hari kerja.",
        "If you are not satisfied, you may file an objection with the PPID's superior within 30 working days.",
    ),
    "tidak_dikuasai": (
        "Informasi Tidak Dikuasai",
        "Information Not Held",
        "Jika tidak puas, Anda dapat mengajukan keberatan kepada Atasan PPID dalam 30 hari kerja.",
        "If you are not satisfied, you may file an objection with the PPID's superior within 30 working days.",
    ),
    "belum_dikuasai_didokumentasikan": (
        "Informasi Belum Dikuasai/Belum Didokumentasikan",
        "Not Yet Held / Not Yet Documented",
        "Jika tidak puas, Anda dapat mengajukan keberatan kepada Atasan PPID dalam 30 hari kerja.",
        "If you are not satisfied, you may file an objection with the PPID's superior within 30 working days.",
    ),
    "informasi_diserahkan": (
        "Informasi Diserahkan",
        "Information Delivered",
        "Jika tidak puas, Anda dapat mengajukan keberatan kepada Atasan PPID dalam 30 hari kerja.",
        "If you are not satisfied, you may file an objection with the PPID's superior within 30 working days.",
    ),
    "selesai": (
        "Selesai",
        "Completed",
        "Jika tidak puas, Anda dapat mengajukan keberatan kepada Atasan PPID dalam 30 hari kerja.",
        "If you are not satisfied, you may file an objection with the PPID's superior within 30 working days.",
    ),
    "dicabut": ("Dicabut", "Withdrawn", "Tidak ada.", "None."),
    "ditutup_tidak_lengkap": (
        "Ditutup (Tidak Dilengkapi)",
        "Closed (Not Completed)",
        "Anda dapat mengajukan permohonan baru yang lengkap, atau keberatan kepada Atasan PPID dalam 30 hari kerja.",
        "You may file a new, complete request, or an objection with the PPID's superior within 30 working days.",
    ),
    "dibuka_kembali": (
        "Dibuka Kembali (Keberatan Dikabulkan)",
        "Reopened (Objection Granted)",
        "Informasi akan diserahkan kepada Anda sesuai tanggapan Atasan PPID.",
        "The information will be delivered to you as the PPID's superior decided.",
    ),
    "keberatan_diterima": (
        "Keberatan Diterima",
        "Objection Received",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "keberatan_terdaftar": (
        "Keberatan Terdaftar",
        "Objection Registered",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "musyawarah": (
        "Penyelesaian secara Musyawarah",
        "Amicable Settlement",
        "Petugas akan menghubungi Anda untuk bermusyawarah.",
        "The officers will contact you to settle by agreement.",
    ),
    "diselesaikan_musyawarah": (
        "Diselesaikan secara Musyawarah",
        "Settled by Agreement",
        "Jika tidak puas, Anda dapat mengajukan sengketa kepada Komisi Informasi dalam 14 hari kerja.",
        "If you are not satisfied, you may bring a dispute before the Information Commission within 14 working days.",
    ),
    "diselesaikan_musyawarah_sebagian": (
        "Sebagian Diselesaikan secara Musyawarah",
        "Partly Settled by Agreement",
        "Atasan PPID memutus alasan huruf a; tidak ada yang perlu Anda lakukan.",
        "The PPID's superior decides on ground a; nothing to do for you.",
    ),
    "menunggu_keputusan_atasan": (
        "Menunggu Keputusan Atasan PPID",
        "Awaiting the Superior's Decision",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "keberatan_dikabulkan_seluruhnya": (
        "Keberatan Dikabulkan Seluruhnya",
        "Objection Granted in Full",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "keberatan_dikabulkan_sebagian": (
        "Keberatan Dikabulkan Sebagian",
        "Objection Granted in Part",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "keberatan_ditolak": (
        "Keberatan Ditolak (Menguatkan PPID)",
        "Objection Dismissed (PPID Upheld)",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "tanggapan_dikirim": (
        "Tanggapan Atasan PPID Dikirim",
        "Superior's Response Sent",
        "Jika tidak puas, Anda dapat mengajukan sengketa kepada Komisi Informasi dalam 14 hari kerja.",
        "If you are not satisfied, you may bring a dispute before the Information Commission within 14 working days.",
    ),
    "keberatan_tidak_ditanggapi": (
        "Tidak Ditanggapi dalam 30 Hari Kerja",
        "Not Answered within 30 Working Days",
        "Anda dapat mengajukan sengketa kepada Komisi Informasi dalam 14 hari kerja sejak batas waktu berakhir.",
        "You may bring a dispute before the Information Commission within 14 working days of the lapse.",
    ),
    "keberatan_selesai": (
        "Selesai",
        "Completed",
        "Jika tidak puas, Anda dapat mengajukan sengketa kepada Komisi Informasi dalam 14 hari kerja.",
        "If you are not satisfied, you may bring a dispute before the Information Commission within 14 working days.",
    ),
    "sengketa_teregistrasi": (
        "Sengketa Teregistrasi",
        "Dispute Registered",
        "Ikuti jadwal sidang Komisi Informasi.",
        "Follow the Information Commission's hearing schedule.",
    ),
    "persiapan_termohon": (
        "Menunggu Sidang Pertama",
        "Awaiting the First Hearing",
        "Ikuti jadwal sidang Komisi Informasi.",
        "Follow the Information Commission's hearing schedule.",
    ),
    "pemeriksaan_awal": (
        "Pemeriksaan Awal",
        "Preliminary Examination",
        "Ikuti jadwal sidang Komisi Informasi.",
        "Follow the Information Commission's hearing schedule.",
    ),
    "putusan_sela": ("Putusan Sela", "Interlocutory Decision", "Tidak ada.", "None."),
    "mediasi": (
        "Mediasi",
        "Mediation",
        "Ikuti jadwal sidang Komisi Informasi.",
        "Follow the Information Commission's hearing schedule.",
    ),
    "mediasi_diperpanjang": (
        "Mediasi Diperpanjang",
        "Mediation Extended",
        "Ikuti jadwal sidang Komisi Informasi.",
        "Follow the Information Commission's hearing schedule.",
    ),
    "putusan_mediasi": (
        "Putusan Mediasi",
        "Mediation Decision",
        "Ikuti jadwal sidang Komisi Informasi.",
        "Follow the Information Commission's hearing schedule.",
    ),
    "mediasi_gagal": (
        "Mediasi Gagal",
        "Mediation Failed",
        "Ikuti jadwal sidang Komisi Informasi.",
        "Follow the Information Commission's hearing schedule.",
    ),
    "ajudikasi": (
        "Ajudikasi Nonlitigasi",
        "Non-litigation Adjudication",
        "Ikuti jadwal sidang Komisi Informasi.",
        "Follow the Information Commission's hearing schedule.",
    ),
    # Changed by the walk of a dispute's court stage (finding 10): either party may challenge, and the decision is
    # final only when neither did in time; the Supreme Court decides a cassation on the papers, without hearings.
    "putusan_ajudikasi": (
        "Putusan Ajudikasi",
        "Adjudication Decision",
        (
            "Bila tidak menerima putusan, Anda dapat mengajukan keberatan ke pengadilan dalam 14 hari kerja sejak"
            " salinan putusan Anda terima. Kantor juga dapat mengajukan keberatan, dalam 14 hari kerja sejak kantor"
            " menerima salinannya sendiri (UU 14/2008 Pasal 47-48). Putusan baru berkekuatan hukum tetap bila tidak"
            " ada pihak yang mengajukan keberatan tepat waktu; halaman ini akan memberitahukan bila kantor mengajukan"
            " keberatan ke pengadilan, dan bila putusan sudah berkekuatan hukum tetap."
        ),
        (
            "If you do not accept the decision, you may challenge it in court within 14 working days of receiving its"
            " copy. The office may also challenge it, within 14 working days of receiving its own copy (Law 14/2008"
            " Articles 47-48). The decision becomes final and binding only if neither party challenges it in time;"
            " this page will say if the office goes to court, and when the decision is final."
        ),
    ),
    "keberatan_pengadilan": (
        "Keberatan ke Pengadilan",
        "Court Challenge",
        "Ikuti persidangan di pengadilan; halaman ini menampilkan putusan pengadilan setelah dicatat oleh kantor.",
        "Follow the court's hearings; this page shows the court's judgment once the office records it.",
    ),
    "putusan_pengadilan": (
        "Putusan Pengadilan",
        "Court Decision",
        (
            "Bila tidak menerima putusan, Anda dapat mengajukan kasasi ke Mahkamah Agung dalam 14 hari sejak putusan"
            " Anda terima. Kantor juga dapat mengajukan kasasi, dalam 14 hari sejak kantor sendiri menerima putusan"
            " (UU 14/2008 Pasal 50). Putusan baru berkekuatan hukum tetap bila tidak ada pihak yang mengajukan kasasi"
            " tepat waktu; halaman ini akan memberitahukan bila kantor mengajukan kasasi, dan bila putusan sudah"
            " berkekuatan hukum tetap."
        ),
        (
            "If you do not accept the judgment, you may appeal in cassation to the Supreme Court within 14 days of"
            " receiving it. The office may also appeal in cassation, within 14 days of receiving the judgment itself"
            " (Law 14/2008 Article 50). The judgment becomes final and binding only if neither party appeals in time;"
            " this page will say if the office appeals, and when the judgment is final."
        ),
    ),
    "kasasi": (
        "Kasasi",
        "Cassation",
        (
            "Mahkamah Agung memeriksa kasasi berdasarkan berkas perkara; pada umumnya tidak ada sidang yang perlu Anda"
            " hadiri. Halaman ini menampilkan putusan Mahkamah Agung setelah dicatat oleh kantor."
        ),
        (
            "The Supreme Court examines the cassation on the case's papers; as a rule there is no hearing for you to"
            " attend. This page shows the Supreme Court's decision once the office records it."
        ),
    ),
    "berkekuatan_hukum_tetap": (
        "Berkekuatan Hukum Tetap",
        "Final and Binding",
        "Putusan sudah berkekuatan hukum tetap dan akan dilaksanakan oleh badan publik; Anda akan diberi tahu bila"
        " sudah dilaksanakan.",
        "The decision is final and binding, and the public body carries it out; you will be told when it has.",
    ),
    "pelaksanaan_putusan": (
        "Pelaksanaan Putusan",
        "Compliance with the Decision",
        "Putusan sudah berkekuatan hukum tetap dan akan dilaksanakan oleh badan publik; Anda akan diberi tahu bila"
        " sudah dilaksanakan.",
        "The decision is final and binding, and the public body carries it out; you will be told when it has.",
    ),
    "sengketa_selesai": ("Selesai", "Completed", "Tidak ada.", "None."),
    "sengketa_dicabut": ("Dicabut (Akta Pembatalan Registrasi)", "Withdrawn", "Tidak ada.", "None."),
    "sengketa_gugur": ("Gugur", "Lapsed", "Tidak ada.", "None."),
    "pengaduan_baru": (
        "Baru / Belum Diverifikasi",
        "New / Unverified",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "tercatat": (
        "Tercatat",
        "Recorded",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "terverifikasi": (
        "Terverifikasi",
        "Verified",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "tidak_dapat_ditindaklanjuti": (
        "Tidak Dapat Ditindaklanjuti",
        "Not Actionable",
        (
            "Alasannya ada di halaman pesan pengaduan Anda. Laporan Anda tetap "
            "kami simpan sebagai bahan informasi untuk perencanaan pengawasan. "
            "Anda dapat menyampaikan pengaduan kepada Ombudsman Republik Indonesia "
            "(ombudsman.go.id) atau melalui SP4N-LAPOR! (lapor.go.id)."
        ),
        (
            "The reason is on your complaint's messages page. We keep your report "
            "as information for planning audits. You may take the complaint to the "
            "Ombudsman of the Republic of Indonesia (ombudsman.go.id) or to "
            "SP4N-LAPOR! (lapor.go.id)."
        ),
    ),
    "diteruskan_instansi_lain": (
        "Diteruskan ke Instansi Lain",
        "Forwarded to Another Agency",
        (
            "Instansi tujuan dan alasannya ada di halaman pesan pengaduan Anda. "
            "Anda juga dapat menghubungi Ombudsman Republik Indonesia "
            "(ombudsman.go.id) atau SP4N-LAPOR! (lapor.go.id)."
        ),
        (
            "The agency it went to and why are on your complaint's messages page. "
            "You may also contact the Ombudsman of the Republic of Indonesia "
            "(ombudsman.go.id) or SP4N-LAPOR! (lapor.go.id)."
        ),
    ),
    "diteruskan_itjen": (
        "Diteruskan ke Inspektorat Jenderal",
        "Referred to the Inspectorate General",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "didisposisikan_unit": (
        "Didisposisikan ke Unit",
        "Referred to a Unit",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "dalam_klarifikasi": (
        "Dalam Klarifikasi",
        "Under Clarification",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "menunggu_kelengkapan_pelapor": (
        "Menunggu Kelengkapan dari Pelapor",
        "Awaiting the Reporter's Evidence",
        "Kirim data atau bukti yang diminta tim melalui halaman pesan pengaduan Anda sebelum batas waktu.",
        "Send the data or evidence the team asked for on your complaint's messages page before the deadline.",
    ),
    "dianggap_dicabut": (
        "Dianggap Dicabut",
        "Deemed Withdrawn",
        "Pengaduan dapat dibuka kembali jika Anda mengirimkan bukti yang diminta.",
        "The complaint reopens if you send the evidence asked for.",
    ),
    "dianggap_dicabut_diarsipkan": (
        "Dianggap Dicabut, Diarsipkan",
        "Deemed Withdrawn, Archived",
        (
            "Berkas pengaduan telah diarsipkan. Pengaduan tetap dapat dibuka "
            "kembali jika Anda mengirimkan bukti yang diminta."
        ),
        "The complaint's file is archived. The complaint still reopens if you send the evidence asked for.",
    ),
    "anonim_tidak_ditindaklanjuti": (
        "Tidak Dapat Ditindaklanjuti",
        "Not Actionable",
        (
            "Tanpa bukti yang diminta, pengaduan anonim tidak dapat diklarifikasi. Laporan Anda tetap kami simpan "
            "sebagai bahan informasi untuk perencanaan pengawasan. Pengaduan dapat dibuka kembali jika Anda "
            "mengirimkan bukti yang diminta."
        ),
        (
            "Without the evidence asked for, the anonymous complaint cannot be clarified. We keep your report as "
            "information for planning audits. The complaint reopens if you send the evidence asked for."
        ),
    ),
    "anonim_tidak_ditindaklanjuti_diarsipkan": (
        "Tidak Dapat Ditindaklanjuti, Diarsipkan",
        "Not Actionable, Archived",
        (
            "Berkas pengaduan telah diarsipkan dan disimpan sebagai bahan informasi untuk perencanaan pengawasan. "
            "Pengaduan tetap dapat dibuka kembali jika Anda mengirimkan bukti yang diminta."
        ),
        (
            "The complaint's file is archived and kept as information for planning audits. The complaint still "
            "reopens if you send the evidence asked for."
        ),
    ),
    "dibuka_kembali_pengaduan": (
        "Dibuka Kembali",
        "Reopened",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "dalam_pemeriksaan": (
        "Dalam Pemeriksaan",
        "Under Examination",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "ditindaklanjuti": (
        "Ditindaklanjuti",
        "Followed Up",
        "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
        "Waiting for the officers; nothing to do for you.",
    ),
    "pengaduan_selesai": ("Selesai", "Resolved", "Tidak ada.", "None."),
    "diarsipkan": ("Diarsipkan", "Archived", "Tidak ada.", "None."),
}
OVERDUE = ("Melewati Batas Waktu", "Overdue")
KINDS = {
    "permohonan_informasi": ("Permohonan Informasi Publik", "Public information request"),
    "keberatan": ("Keberatan", "Objection"),
    "sengketa_informasi": ("Sengketa Informasi Publik", "Public information dispute"),
}
HOW_TO = {
    "object": (
        (
            "Ajukan keberatan secara tertulis kepada Atasan PPID melalui petugas "
            "layanan informasi, atau daring dengan nomor tiket dan kode akses "
            "permohonan Anda (POST /api/v1/objections)."
        ),
        (
            "File a written objection with the PPID's superior through the "
            "information desk, or online with your request's ticket and access "
            "code (POST /api/v1/objections)."
        ),
    ),
    # Which Commission (by default KAWAL_COMMISSION_NAME's), the last day, free, the documents (Perki 1/2013 Pasal
    # 10-13); the law in the reader's legal names (a walk of the path after a refusal found one line naming "Perki" in
    # English).
    "dispute": (
        (
            "Ajukan permohonan penyelesaian sengketa secara tertulis kepada Komisi Informasi yang berwenang atas "
            "kantor ini, yaitu Komisi Informasi Pusat, paling lambat 30 Des 2026 (14 hari kerja). Permohonan ini "
            "tanpa biaya. "
            "Lampirkan salinan: permohonan informasi Anda dan tanda terimanya; tanggapan PPID, bila ada; keberatan "
            "Anda dan tanda terimanya; tanggapan Atasan PPID, bila ada; serta identitas Anda (KTP atau paspor; bagi "
            "badan hukum, anggaran dasar yang telah disahkan; bagi kelompok orang, surat kuasa) (Perki 1/2013 Pasal "
            "10-13)."
        ),
        (
            "Apply in writing to the Information Commission competent for this office, Komisi Informasi Pusat, to "
            "resolve the dispute, by 30 Dec 2026 at the latest (14 working days). It is free of charge. Attach "
            "copies of: your request and its receipt; the PPID's answer, if any; "
            "your objection and its receipt; the answer of the PPID's superior, if any; and your identity document "
            "(ID card or passport; for a legal entity, its approved articles of association; for a group, its power "
            "of attorney) (Information Commission Regulation 1/2013 Articles 10-13)."
        ),
    ),
    # Going to court by KAWAL_COURT_OF_CHALLENGE (UU 14/2008 Pasal 47): the administrative court, else the district one.
    "P14P ptun": (
        (
            "Ajukan keberatan secara tertulis ke pengadilan yang berwenang: "
            "Pengadilan Tata Usaha Negara, karena kantor ini badan publik negara "
            "(UU 14/2008 Pasal 47-48)."
        ),
        (
            "File a written objection with the competent court: the administrative "
            "court (PTUN), as this office is a state public body (Law 14/2008 "
            "Articles 47-48)."
        ),
    ),
    "P14P pn": (
        (
            "Ajukan keberatan secara tertulis ke pengadilan yang berwenang: Pengadilan Negeri, karena kantor ini "
            "badan publik selain badan publik negara (UU 14/2008 Pasal 47-48)."
        ),
        (
            "File a written objection with the competent court: the district court (Pengadilan Negeri), as this "
            "office is a public body that is not a state body (Law 14/2008 Articles 47-48)."
        ),
    ),
    "K14P": (
        (
            "Ajukan permohonan kasasi kepada Mahkamah Agung melalui kepaniteraan "
            "pengadilan yang memutus perkara Anda (UU 14/2008 Pasal 50)."
        ),
        (
            "File for cassation with the Supreme Court through the registry of the "
            "court that gave the judgment (Law 14/2008 Article 50)."
        ),
    ),
}
TIMELINESS = {
    "tepat_waktu": ("tepat waktu", "in time"),
    "tepat_waktu_kalender_longgar": (
        (
            "tepat waktu hanya menurut pembacaan paling akhir (cuti bersama tidak "
            "dihitung sebagai hari kerja, dan pemberitahuan dihitung diterima "
            "paling akhir: di luar jam kerja, atau saat Kawal mengirimkannya)"
        ),
        (
            "in time only on the latest reading (cuti bersama not counted as "
            "working days, and the notice counted as received at the latest: after "
            "office hours, or when Kawal sent it)"
        ),
    ),
    "terlambat": ("terlambat (dicatat, tidak ditolak)", "late (registered, not refused)"),
    "tidak_dapat_dihitung": ("belum dapat dihitung", "cannot be computed yet"),
    "prematur": (
        (
            "diajukan sebelum ada pemberitahuan tertulis atau berakhirnya jangka "
            "waktu permohonan (dicatat, tidak ditolak)"
        ),
        "filed before a written notice or the end of the request's time limit (registered, not refused)",
    ),
}
CHRONOLOGY = {
    "request_submitted": ("Permohonan informasi diterima", "Information request received"),
    "objection_filed": ("Keberatan diterima", "Objection received"),
    "dispute_recorded": ("Panggilan sidang Komisi Informasi diterima", "Information Commission summons received"),
    "deadline_missed": ("Batas waktu terlewati", "Deadline missed"),
    "message_received": ("Pemberitahuan dari Komisi Informasi/pengadilan", "Notice from the Commission/court"),
    "requester_message_received": ("Pesan pemohon kepada petugas", "Message from the requester to the desk"),
    "case_closed": ("Kasus ditutup", "Case closed"),
}
ADMISSIBILITY = {
    ("tepat_waktu", None, (), False): (
        "Diajukan ke Komisi Informasi pada 2026-12-05: diajukan dalam 14 hari kerja; tidak didahului keberatan.",
        "Filed with the Commission on 2026-12-05: filed within 14 working days; no objection preceded it.",
    ),
    ("tepat_waktu", None, (), True): (
        "Diajukan ke Komisi Informasi pada 5 Des 2026: diajukan dalam 14 hari kerja; tidak didahului keberatan.",
        "Filed with the Commission on 5 Dec 2026: filed within 14 working days; no objection preceded it.",
    ),
    ("tepat_waktu", "KEB-2026-000001", (), False): (
        (
            "Diajukan ke Komisi Informasi pada 2026-12-05: diajukan dalam 14 hari "
            "kerja; didahului keberatan KEB-2026-000001."
        ),
        (
            "Filed with the Commission on 2026-12-05: filed within 14 working "
            "days; objection KEB-2026-000001 preceded it."
        ),
    ),
    ("tepat_waktu", "KEB-2026-000001", (), True): (
        (
            "Diajukan ke Komisi Informasi pada 5 Des 2026: diajukan dalam 14 hari "
            "kerja; didahului keberatan KEB-2026-000001."
        ),
        (
            "Filed with the Commission on 5 Dec 2026: filed within 14 working "
            "days; objection KEB-2026-000001 preceded it."
        ),
    ),
    ("tepat_waktu", "KEB-2026-000001", ("b", "f"), False): (
        (
            "Diajukan ke Komisi Informasi pada 2026-12-05: diajukan dalam 14 hari "
            "kerja; didahului keberatan KEB-2026-000001; alasan huruf b, f tidak "
            "diajukan dalam keberatan."
        ),
        (
            "Filed with the Commission on 2026-12-05: filed within 14 working "
            "days; objection KEB-2026-000001 preceded it; ground b, f was not "
            "raised in the objection."
        ),
    ),
    ("tepat_waktu", "KEB-2026-000001", ("b", "f"), True): (
        (
            "Diajukan ke Komisi Informasi pada 5 Des 2026: diajukan dalam 14 hari "
            "kerja; didahului keberatan KEB-2026-000001; alasan huruf b, f tidak "
            "diajukan dalam keberatan."
        ),
        (
            "Filed with the Commission on 5 Dec 2026: filed within 14 working "
            "days; objection KEB-2026-000001 preceded it; ground b, f was not "
            "raised in the objection."
        ),
    ),
    ("tepat_waktu_kalender_longgar", None, (), False): (
        (
            "Diajukan ke Komisi Informasi pada 2026-12-05: diajukan dalam 14 hari "
            "kerja hanya menurut pembacaan paling akhir (cuti bersama bukan hari "
            "kerja, dan tanggapan dihitung diterima paling akhir: di luar jam "
            "kerja, atau saat Kawal mengirimkannya); tidak didahului keberatan."
        ),
        (
            "Filed with the Commission on 2026-12-05: filed within 14 working days "
            "only on the latest reading (cuti bersama not working days, and the "
            "response counted as received at the latest: after office hours, or "
            "when Kawal sent it); no objection preceded it."
        ),
    ),
    ("tepat_waktu_kalender_longgar", None, (), True): (
        (
            "Diajukan ke Komisi Informasi pada 5 Des 2026: diajukan dalam 14 hari "
            "kerja hanya menurut pembacaan paling akhir (cuti bersama bukan hari "
            "kerja, dan tanggapan dihitung diterima paling akhir: di luar jam "
            "kerja, atau saat Kawal mengirimkannya); tidak didahului keberatan."
        ),
        (
            "Filed with the Commission on 5 Dec 2026: filed within 14 working days "
            "only on the latest reading (cuti bersama not working days, and the "
            "response counted as received at the latest: after office hours, or "
            "when Kawal sent it); no objection preceded it."
        ),
    ),
    ("tepat_waktu_kalender_longgar", "KEB-2026-000001", (), False): (
        (
            "Diajukan ke Komisi Informasi pada 2026-12-05: diajukan dalam 14 hari "
            "kerja hanya menurut pembacaan paling akhir (cuti bersama bukan hari "
            "kerja, dan tanggapan dihitung diterima paling akhir: di luar jam "
            "kerja, atau saat Kawal mengirimkannya); didahului keberatan "
            "KEB-2026-000001."
        ),
        (
            "Filed with the Commission on 2026-12-05: filed within 14 working days "
            "only on the latest reading (cuti bersama not working days, and the "
            "response counted as received at the latest: after office hours, or "
            "when Kawal sent it); objection KEB-2026-000001 preceded it."
        ),
    ),
    ("tepat_waktu_kalender_longgar", "KEB-2026-000001", (), True): (
        (
            "Diajukan ke Komisi Informasi pada 5 Des 2026: diajukan dalam 14 hari "
            "kerja hanya menurut pembacaan paling akhir (cuti bersama bukan hari "
            "kerja, dan tanggapan dihitung diterima paling akhir: di luar jam "
            "kerja, atau saat Kawal mengirimkannya); didahului keberatan "
            "KEB-2026-000001."
        ),
        (
            "Filed with the Commission on 5 Dec 2026: filed within 14 working days "
            "only on the latest reading (cuti bersama not working days, and the "
            "response counted as received at the latest: after office hours, or "
            "when Kawal sent it); objection KEB-2026-000001 preceded it."
        ),
    ),
    ("tepat_waktu_kalender_longgar", "KEB-2026-000001", ("b", "f"), False): (
        (
            "Diajukan ke Komisi Informasi pada 2026-12-05: diajukan dalam 14 hari "
            "kerja hanya menurut pembacaan paling akhir (cuti bersama bukan hari "
            "kerja, dan tanggapan dihitung diterima paling akhir: di luar jam "
            "kerja, atau saat Kawal mengirimkannya); didahului keberatan "
            "KEB-2026-000001; alasan huruf b, f tidak diajukan dalam keberatan."
        ),
        (
            "Filed with the Commission on 2026-12-05: filed within 14 working days "
            "only on the latest reading (cuti bersama not working days, and the "
            "response counted as received at the latest: after office hours, or "
            "when Kawal sent it); objection KEB-2026-000001 preceded it; ground b, "
            "f was not raised in the objection."
        ),
    ),
    ("tepat_waktu_kalender_longgar", "KEB-2026-000001", ("b", "f"), True): (
        (
            "Diajukan ke Komisi Informasi pada 5 Des 2026: diajukan dalam 14 hari "
            "kerja hanya menurut pembacaan paling akhir (cuti bersama bukan hari "
            "kerja, dan tanggapan dihitung diterima paling akhir: di luar jam "
            "kerja, atau saat Kawal mengirimkannya); didahului keberatan "
            "KEB-2026-000001; alasan huruf b, f tidak diajukan dalam keberatan."
        ),
        (
            "Filed with the Commission on 5 Dec 2026: filed within 14 working days "
            "only on the latest reading (cuti bersama not working days, and the "
            "response counted as received at the latest: after office hours, or "
            "when Kawal sent it); objection KEB-2026-000001 preceded it; ground b, "
            "f was not raised in the objection."
        ),
    ),
    ("terlambat", None, (), False): (
        (
            "Diajukan ke Komisi Informasi pada 2026-12-05: diajukan setelah 14 "
            "hari kerja berakhir; tidak didahului keberatan."
        ),
        "Filed with the Commission on 2026-12-05: filed after the 14 working days ended; no objection preceded it.",
    ),
    ("terlambat", None, (), True): (
        (
            "Diajukan ke Komisi Informasi pada 5 Des 2026: diajukan setelah 14 "
            "hari kerja berakhir; tidak didahului keberatan."
        ),
        "Filed with the Commission on 5 Dec 2026: filed after the 14 working days ended; no objection preceded it.",
    ),
    ("terlambat", "KEB-2026-000001", (), False): (
        (
            "Diajukan ke Komisi Informasi pada 2026-12-05: diajukan setelah 14 "
            "hari kerja berakhir; didahului keberatan KEB-2026-000001."
        ),
        (
            "Filed with the Commission on 2026-12-05: filed after the 14 working "
            "days ended; objection KEB-2026-000001 preceded it."
        ),
    ),
    ("terlambat", "KEB-2026-000001", (), True): (
        (
            "Diajukan ke Komisi Informasi pada 5 Des 2026: diajukan setelah 14 "
            "hari kerja berakhir; didahului keberatan KEB-2026-000001."
        ),
        (
            "Filed with the Commission on 5 Dec 2026: filed after the 14 working "
            "days ended; objection KEB-2026-000001 preceded it."
        ),
    ),
    ("terlambat", "KEB-2026-000001", ("b", "f"), False): (
        (
            "Diajukan ke Komisi Informasi pada 2026-12-05: diajukan setelah 14 "
            "hari kerja berakhir; didahului keberatan KEB-2026-000001; alasan "
            "huruf b, f tidak diajukan dalam keberatan."
        ),
        (
            "Filed with the Commission on 2026-12-05: filed after the 14 working "
            "days ended; objection KEB-2026-000001 preceded it; ground b, f was "
            "not raised in the objection."
        ),
    ),
    ("terlambat", "KEB-2026-000001", ("b", "f"), True): (
        (
            "Diajukan ke Komisi Informasi pada 5 Des 2026: diajukan setelah 14 "
            "hari kerja berakhir; didahului keberatan KEB-2026-000001; alasan "
            "huruf b, f tidak diajukan dalam keberatan."
        ),
        (
            "Filed with the Commission on 5 Dec 2026: filed after the 14 working "
            "days ended; objection KEB-2026-000001 preceded it; ground b, f was "
            "not raised in the objection."
        ),
    ),
    ("prematur", None, (), False): (
        (
            "Diajukan ke Komisi Informasi pada 2026-12-05: diajukan sebelum "
            "tanggapan Atasan PPID atau berakhirnya 30 hari kerja; tidak didahului "
            "keberatan."
        ),
        (
            "Filed with the Commission on 2026-12-05: filed before the superior's "
            "response or the end of the 30 working days; no objection preceded it."
        ),
    ),
    ("prematur", None, (), True): (
        (
            "Diajukan ke Komisi Informasi pada 5 Des 2026: diajukan sebelum "
            "tanggapan Atasan PPID atau berakhirnya 30 hari kerja; tidak didahului "
            "keberatan."
        ),
        (
            "Filed with the Commission on 5 Dec 2026: filed before the superior's "
            "response or the end of the 30 working days; no objection preceded it."
        ),
    ),
    ("prematur", "KEB-2026-000001", (), False): (
        (
            "Diajukan ke Komisi Informasi pada 2026-12-05: diajukan sebelum "
            "tanggapan Atasan PPID atau berakhirnya 30 hari kerja; didahului "
            "keberatan KEB-2026-000001."
        ),
        (
            "Filed with the Commission on 2026-12-05: filed before the superior's "
            "response or the end of the 30 working days; objection KEB-2026-000001 "
            "preceded it."
        ),
    ),
    ("prematur", "KEB-2026-000001", (), True): (
        (
            "Diajukan ke Komisi Informasi pada 5 Des 2026: diajukan sebelum "
            "tanggapan Atasan PPID atau berakhirnya 30 hari kerja; didahului "
            "keberatan KEB-2026-000001."
        ),
        (
            "Filed with the Commission on 5 Dec 2026: filed before the superior's "
            "response or the end of the 30 working days; objection KEB-2026-000001 "
            "preceded it."
        ),
    ),
    ("prematur", "KEB-2026-000001", ("b", "f"), False): (
        (
            "Diajukan ke Komisi Informasi pada 2026-12-05: diajukan sebelum "
            "tanggapan Atasan PPID atau berakhirnya 30 hari kerja; didahului "
            "keberatan KEB-2026-000001; alasan huruf b, f tidak diajukan dalam "
            "keberatan."
        ),
        (
            "Filed with the Commission on 2026-12-05: filed before the superior's "
            "response or the end of the 30 working days; objection KEB-2026-000001 "
            "preceded it; ground b, f was not raised in the objection."
        ),
    ),
    ("prematur", "KEB-2026-000001", ("b", "f"), True): (
        (
            "Diajukan ke Komisi Informasi pada 5 Des 2026: diajukan sebelum "
            "tanggapan Atasan PPID atau berakhirnya 30 hari kerja; didahului "
            "keberatan KEB-2026-000001; alasan huruf b, f tidak diajukan dalam "
            "keberatan."
        ),
        (
            "Filed with the Commission on 5 Dec 2026: filed before the superior's "
            "response or the end of the 30 working days; objection KEB-2026-000001 "
            "preceded it; ground b, f was not raised in the objection."
        ),
    ),
    ("tidak_dapat_dihitung", None, (), False): (
        "Diajukan ke Komisi Informasi pada 2026-12-05: tidak dapat dihitung; tidak didahului keberatan.",
        "Filed with the Commission on 2026-12-05: cannot be computed; no objection preceded it.",
    ),
    ("tidak_dapat_dihitung", None, (), True): (
        "Diajukan ke Komisi Informasi pada 5 Des 2026: tidak dapat dihitung; tidak didahului keberatan.",
        "Filed with the Commission on 5 Dec 2026: cannot be computed; no objection preceded it.",
    ),
    ("tidak_dapat_dihitung", "KEB-2026-000001", (), False): (
        "Diajukan ke Komisi Informasi pada 2026-12-05: tidak dapat dihitung; didahului keberatan KEB-2026-000001.",
        "Filed with the Commission on 2026-12-05: cannot be computed; objection KEB-2026-000001 preceded it.",
    ),
    ("tidak_dapat_dihitung", "KEB-2026-000001", (), True): (
        "Diajukan ke Komisi Informasi pada 5 Des 2026: tidak dapat dihitung; didahului keberatan KEB-2026-000001.",
        "Filed with the Commission on 5 Dec 2026: cannot be computed; objection KEB-2026-000001 preceded it.",
    ),
    ("tidak_dapat_dihitung", "KEB-2026-000001", ("b", "f"), False): (
        (
            "Diajukan ke Komisi Informasi pada 2026-12-05: tidak dapat dihitung; "
            "didahului keberatan KEB-2026-000001; alasan huruf b, f tidak diajukan "
            "dalam keberatan."
        ),
        (
            "Filed with the Commission on 2026-12-05: cannot be computed; "
            "objection KEB-2026-000001 preceded it; ground b, f was not raised in "
            "the objection."
        ),
    ),
    ("tidak_dapat_dihitung", "KEB-2026-000001", ("b", "f"), True): (
        (
            "Diajukan ke Komisi Informasi pada 5 Des 2026: tidak dapat dihitung; "
            "didahului keberatan KEB-2026-000001; alasan huruf b, f tidak diajukan "
            "dalam keberatan."
        ),
        (
            "Filed with the Commission on 5 Dec 2026: cannot be computed; "
            "objection KEB-2026-000001 preceded it; ground b, f was not raised in "
            "the objection."
        ),
    ),
}
COMMISSION_START = {
    ("tepat_waktu", 0): (
        "Sidang pertama dalam 14 hari kerja: paling lambat 19 Jan 2027 (UU 14/2008 Pasal 38(1), sebagai informasi)",
        "First hearing within 14 working days: by 19 Jan 2027 (Law 14/2008 Article 38(1), for information)",
    ),
    ("terlambat", 1): (
        (
            "Sidang pertama setelah 14 hari kerja: paling lambat 19 Jan 2027, "
            "terlambat 1 hari kerja (keterlambatan Komisi Informasi; UU 14/2008 "
            "Pasal 38(1), sebagai informasi)"
        ),
        (
            "First hearing after 14 working days: by 19 Jan 2027, 1 working day "
            "late (the Commission's delay; Law 14/2008 Article 38(1), for "
            "information)"
        ),
    ),
    ("terlambat", 3): (
        (
            "Sidang pertama setelah 14 hari kerja: paling lambat 19 Jan 2027, "
            "terlambat 3 hari kerja (keterlambatan Komisi Informasi; UU 14/2008 "
            "Pasal 38(1), sebagai informasi)"
        ),
        (
            "First hearing after 14 working days: by 19 Jan 2027, 3 working days "
            "late (the Commission's delay; Law 14/2008 Article 38(1), for "
            "information)"
        ),
    ),
}
DECISION_COPY = {
    0: (
        (
            "Salinan putusan diterima pada hari putusan dibacakan; Komisi "
            "Informasi menyampaikannya paling lambat 3 hari kerja, 3 Feb 2027 "
            "(Perki 1/2013 Pasal 59, sebagai informasi)"
        ),
        (
            "The copy of the decision reached the office on the day it was read; "
            "the Commission gives it within 3 working days, by 3 Feb 2027 "
            "(Information Commission Regulation 1/2013 Article 59, for information)"
        ),
    ),
    1: (
        (
            "Salinan putusan diterima 1 hari kerja setelah dibacakan; Komisi "
            "Informasi menyampaikannya paling lambat 3 hari kerja, 3 Feb 2027 "
            "(Perki 1/2013 Pasal 59, sebagai informasi)"
        ),
        (
            "The copy of the decision reached the office 1 working day after it "
            "was read; the Commission gives it within 3 working days, by 3 Feb "
            "2027 (Information Commission Regulation 1/2013 Article 59, for "
            "information)"
        ),
    ),
    2: (
        (
            "Salinan putusan diterima 2 hari kerja setelah dibacakan; Komisi "
            "Informasi menyampaikannya paling lambat 3 hari kerja, 3 Feb 2027 "
            "(Perki 1/2013 Pasal 59, sebagai informasi)"
        ),
        (
            "The copy of the decision reached the office 2 working days after it "
            "was read; the Commission gives it within 3 working days, by 3 Feb "
            "2027 (Information Commission Regulation 1/2013 Article 59, for "
            "information)"
        ),
    ),
}
DOCUMENTS = {
    "putuskan": ("Keputusan PPID atas Permohonan Informasi", "PPID Decision on the Request"),
    "pemberitahuan_tertulis": ("Pemberitahuan Tertulis", "Written Notice"),
    "pemberitahuan_tidak_lengkap": (
        "Pemberitahuan Tertulis: Permohonan Tidak Dilengkapi",
        "Written Notice: Request Not Completed",
    ),
    "tentukan_langkah": ("Surat Pemberitahuan Perpanjangan Jangka Waktu", "Notice of Time Extension"),
    "penyerahan_informasi": (
        "Tanda Bukti Penyerahan Informasi Publik / Berita Acara Serah Terima",
        "Information Delivery Receipt / Handover Record",
    ),
    "penyerahan_lanjutan": (
        "Tanda Bukti Penyerahan Informasi Publik / Berita Acara Serah Terima (setelah keberatan)",
        "Information Delivery Receipt / Handover Record (after the objection)",
    ),
    "registrasi_keberatan": (
        "Formulir Keberatan dengan Nomor Registrasi Keberatan (tanda terima)",
        "Objection Form with its Registration Number (receipt)",
    ),
    "tawarkan_musyawarah": ("Penyelesaian secara Musyawarah", "Amicable Settlement"),
    "putuskan_keberatan": ("Tanggapan/Keputusan Atasan PPID", "PPID Superior's Response/Decision"),
    "kirim_tanggapan": ("Pengiriman Tanggapan Atasan PPID", "Dispatch of the PPID Superior's Response"),
    "surat_kuasa": ("Surat Kuasa Khusus", "Special Power of Attorney"),
    "siapkan_berkas": ("Berkas Bukti dan Kronologi Termohon", "Respondent's Evidence File and Chronology"),
    "bukti_ajudikasi": ("Alat Bukti Termohon", "Respondent's Evidence"),
    "kesimpulan": ("Kesimpulan Termohon", "Respondent's Closing Statement"),
    "pelaksanaan_putusan": ("Berita Acara Pelaksanaan Putusan", "Record of Compliance with the Decision"),
    "putuskan/ditolak": (
        "Surat Keputusan PPID tentang Penolakan Permohonan Informasi",
        "PPID Decision Rejecting the Request",
    ),
    "uji_konsekuensi": ("Lembar Uji Konsekuensi", "Consequence Test Record"),
}
PASAL_17 = {
    "a": ("menghambat proses penegakan hukum", "would obstruct law enforcement"),
    "b": (
        "mengganggu kepentingan perlindungan hak atas kekayaan intelektual dan persaingan usaha tidak sehat",
        "would harm intellectual property or fair competition",
    ),
    "c": ("membahayakan pertahanan dan keamanan negara", "would endanger national defence and security"),
    "d": ("mengungkapkan kekayaan alam Indonesia", "would reveal Indonesia's natural wealth"),
    "e": ("merugikan ketahanan ekonomi nasional", "would harm national economic resilience"),
    "f": ("merugikan kepentingan hubungan luar negeri", "would harm foreign relations"),
    "g": (
        "mengungkapkan isi akta otentik yang bersifat pribadi dan kemauan terakhir ataupun wasiat seseorang",
        "would reveal the content of a personal authentic deed or a last will",
    ),
    "h": ("mengungkap rahasia pribadi", "would reveal personal secrets"),
    "i": (
        "memorandum atau surat-surat antar atau intra badan publik yang menurut sifatnya dirahasiakan",
        "internal or inter-agency memoranda confidential by nature",
    ),
    "j": (
        "informasi yang tidak boleh diungkapkan berdasarkan undang-undang",
        "information a statute forbids disclosing",
    ),
}
DEADLINES = {
    "T10": ("Pemberitahuan tertulis (10 hari kerja)", "Written notice (10 working days)"),
    "UNIT": (
        "Jawaban unit pengolah atas permintaan PPID atau tim pengaduan (batas internal)",
        "The unit's answer to the PPID's or the complaint team's request (internal limit)",
    ),
    "ITJEN": (
        "Penerusan pengaduan ke Inspektorat Jenderal (batas internal)",
        "Referral of the complaint to the Inspectorate General (internal limit)",
    ),
    "T17": (
        "Pemberitahuan tertulis setelah perpanjangan (17 hari kerja)",
        "Written notice after the extension (17 working days)",
    ),
    "K_LENGKAP": ("Batas waktu melengkapi permohonan", "Time to complete the request"),
    "A30": (
        "Tanggapan Atasan PPID atas keberatan (30 hari kerja)",
        "The PPID superior's response to the objection (30 working days)",
    ),
    "M14": ("Mediasi di Komisi Informasi (14 hari kerja)", "Mediation at the Information Commission (14 working days)"),
    "M21": ("Mediasi diperpanjang (14 + 7 hari kerja)", "Extended mediation (14 + 7 working days)"),
    "P14": (
        "Sikap Termohon: keberatan ke pengadilan atas putusan Komisi Informasi (14 hari kerja)",
        "Respondent's position: appeal to the court against the Commission's decision (14 working days)",
    ),
    "K100": (
        "Penyelesaian sengketa oleh Komisi Informasi (100 hari kerja, informatif)",
        "Settlement by the Information Commission (100 working days, for information)",
    ),
    "P14P": (
        "Jangka waktu pemohon mengajukan keberatan ke pengadilan atas putusan Komisi Informasi (14 hari kerja)",
        "The applicant's time to go to court against the Commission's decision (14 working days)",
    ),
    "K14": (
        "Sikap Termohon atas putusan pengadilan: kasasi (14 hari sejak putusan diterima)",
        "The agency's decision on cassation (14 days from receiving the judgment)",
    ),
    "K14P": (
        "Jangka waktu pemohon mengajukan kasasi (14 hari)",
        "The applicant's time to file for cassation (14 days)",
    ),
    "P14_AKHIR": (
        "Hari terakhir kantor mencatat sikapnya atas putusan Komisi Informasi (15 hari kerja, kalender longgar)",
        "The office's last day to record its position on the Commission's decision (15 working days, lenient reading)",
    ),
    "K14_AKHIR": (
        "Hari terakhir kantor mencatat sikapnya atas putusan pengadilan (1 hari kerja setelah K14, kalender longgar)",
        (
            "The office's last day to record its position on the court's judgment (1 working day after K14, lenient"
            " reading)"
        ),
    ),
    "S60": (
        "Batas waktu penyelesaian pengaduan menurut undang-undang (60 hari sejak berkas lengkap)",
        "Statutory limit for settling the complaint (60 days from the complete file)",
    ),
    "V3": (
        "Penelaahan dan verifikasi pengaduan (3 hari kerja)",
        "Review and verification of the complaint (3 working days)",
    ),
    "SLA": ("Penyelesaian pengaduan (standar layanan)", "Settlement of the complaint (service standard)"),
    "BUKTI": ("Batas waktu melengkapi data/bukti pengaduan", "Time for the reporter to supply data or evidence"),
    "SERAH": (
        "Penyerahan informasi (dalam jangka waktu pemberitahuan, atau setelah biaya dibayar)",
        "Handing over the information (within the notice period, or after the fee is paid)",
    ),
    "LAKSANA": ("Pelaksanaan putusan atau kesepakatan mediasi", "Carrying out the decision or the mediation agreement"),
    "O30": (
        "Jangka waktu pemohon mengajukan keberatan (30 hari kerja)",
        "The requester's objection window (30 working days)",
    ),
    "D14": (
        "Jangka waktu pemohon mengajukan sengketa ke Komisi Informasi (14 hari kerja)",
        "The requester's window to bring a dispute (14 working days)",
    ),
    "PERSIAPAN": (
        "Persiapan Termohon sebelum sidang pertama: surat kuasa dan berkas (batas internal)",
        "The respondent's preparation before the first hearing: power of attorney and file (internal limit)",
    ),
}
FEE_UNITS = {
    "halaman": ("lembar halaman cetak", "printed page"),
    "cd": ("keping CD", "CD"),
    "dvd": ("keping DVD", "DVD"),
    "flashdisk": ("buah flashdisk", "flash drive"),
    "pos": ("kali pengiriman pos", "postal delivery"),
}
HINTS = {
    "status": (
        (
            "Ikuti perkembangan NOUN Anda di LINK dengan nomor TICKET dan kode "
            "akses Anda. Kode akses hilang? Minta kode baru di LOST."
        ),
        "Follow your NOUN at LINK with number TICKET and your access code. Lost the code? Ask for a new one at LOST.",
    ),
    "complaint": (
        (
            "Baca dan jawab pesan petugas di LINK dengan nomor TICKET dan kode "
            "akses pengaduan Anda. Kode akses hilang? Minta kode baru di LOST."
        ),
        (
            "Read and answer the officers' messages at LINK with number TICKET and "
            "your complaint's access code. Lost the code? Ask for a new one at "
            "LOST."
        ),
    ),
    "survey": (
        "Buka LINK, masukkan nomor TICKET dan kode akses Anda, lalu pilih “Isi survei kepuasan masyarakat”.",
        "Open LINK, enter number TICKET and your access code, then choose “Answer the satisfaction survey”.",
    ),
    "code": (
        "Buka LINK dan masukkan nomor TICKET dengan kode akses baru di atas.",
        "Open LINK and enter number TICKET with the new access code above.",
    ),
}


@pytest.mark.parametrize("code", sorted(STAGES))
def test_a_stage_and_its_next_step_read_as_before_in_both_languages(code):
    label_id, label_en, next_id, next_en = STAGES[code]
    assert (status.label(code, "id"), status.label(code, "en")) == (label_id, label_en)
    assert (status.next_step(code, "id"), status.next_step(code, "en")) == (next_id, next_en)


def test_every_stage_is_pinned_and_an_unknown_code_reads_as_itself():
    assert set(STAGES) == set(status.STATUSES)
    assert (status.label("tidak_ada", "en"), status.next_step("tidak_ada", "en")) == ("tidak_ada", "")


def test_an_overdue_case_s_stage_says_so_in_its_own_words_not_the_pages_overdue():
    """ "Overdue" is "Melewati batas" on the pages (messages.po); a stage's suffix says "Melewati Batas Waktu"."""
    assert tuple(status.overdue_label(locale) for locale in LOCALES) == OVERDUE


@time_machine.travel(datetime(2026, 12, 14, 3, 0, tzinfo=UTC), tick=False)
def test_the_chain_names_its_kinds_and_the_ways_to_go_on_as_before():
    assert {kind: tuple(chain.kind_label(kind, loc) for loc in LOCALES) for kind in KINDS} == KINDS
    said = {
        "object": tuple(_said(chain.HOW_TO_OBJECT, loc) for loc in LOCALES),
        "dispute": tuple(
            chain.how_to_dispute(_window("D14", 14), chain.Commission(COMMISSION_NAME), loc) for loc in LOCALES
        ),
        **{
            f"P14P {court}": tuple(chain.how_to_go_on(_office(court), _window("P14P", 14), loc) for loc in LOCALES)
            for court in COURTS_OF_CHALLENGE
        },
        "K14P": tuple(chain.how_to_go_on(_office("ptun"), _window("K14P", 14), loc) for loc in LOCALES),
    }
    assert said == HOW_TO


def _window(name: str, days: int) -> chain.Window:
    """A requester's window that ends on Wed 30 Dec 2026, 16:00 WIB, still open (the clock stands before it)."""
    due = datetime(2026, 12, 30, 9, 0, tzinfo=UTC)
    return chain.Window(name, "", "lenient", due, days, due, {}, "response", True, ZoneInfo("Asia/Jakarta"))


def _office(court: str) -> SimpleNamespace:
    """What ``how_to_go_on`` reads of the runtime: the court of challenge the office's setting names."""
    return SimpleNamespace(settings=SimpleNamespace(court_of_challenge=court))


def test_an_objections_timeliness_and_the_chronology_read_as_before():
    assert {v: tuple(chain.timeliness_text(v, loc) for loc in LOCALES) for v in TIMELINESS} == TIMELINESS
    assert chain.timeliness_text("unknown_code", "en") == "unknown_code"
    assert {k: tuple(_said(w, loc) for loc in LOCALES) for k, w in chain._CHRONOLOGY.items()} == CHRONOLOGY


@pytest.mark.parametrize("case", sorted(ADMISSIBILITY, key=repr))
def test_a_disputes_admissibility_reads_as_before(case):
    verdict, preceded, outside, words = case
    verdicts = {
        "diajukan_ke_ki": "2026-12-05",
        "jangka_waktu_d14": {"verdict": verdict},
        "keberatan_didahului": {"keberatan": preceded},
        "alasan_di_luar_keberatan": list(outside),
    }
    assert tuple(chain.admissibility_text(verdicts, loc, words) for loc in LOCALES) == ADMISSIBILITY[case]


def test_the_commissions_clocks_read_as_before():
    for (verdict, late), expected in COMMISSION_START.items():
        check = {"verdict": verdict, "batas_mulai": "2027-01-19", "hari_kerja_terlambat": late}
        assert tuple(chain.commission_start_text(check, loc) for loc in LOCALES) == expected
    for days, expected in DECISION_COPY.items():
        check = {"hari_kerja": days, "batas_salinan": "2027-02-03"}
        assert tuple(chain.decision_copy_text(check, loc) for loc in LOCALES) == expected


def test_the_bundles_document_titles_read_as_before():
    said = {}
    for task in bundle.DOCUMENTS:
        data = {"langkah": "perpanjang"} if task == "tentukan_langkah" else {}
        said[task] = tuple(bundle.document_title(task, data, loc) for loc in LOCALES)
    refused = {"keputusan": "ditolak_dikecualikan"}
    said["putuskan/ditolak"] = tuple(bundle.document_title("putuskan", refused, loc) for loc in LOCALES)
    said["uji_konsekuensi"] = tuple(bundle.record_title("uji_konsekuensi", {}, loc) for loc in LOCALES)
    assert said == DOCUMENTS
    assert bundle.document_title("tentukan_langkah", {"langkah": "lanjut"}, "id") is None


def test_pasal_17s_exemptions_keep_the_laws_own_words():
    assert {k: tuple(_said(w, loc) for loc in LOCALES) for k, w in context.PASAL_17.items()} == PASAL_17


def test_a_deadline_is_named_as_before_and_an_unknown_one_by_its_code():
    assert {k: tuple(outbox.deadline_label(k, loc) for loc in LOCALES) for k in DEADLINES} == DEADLINES
    assert set(DEADLINES) == set(outbox.DEADLINE_LABELS)
    assert outbox.deadline_label("X9", "en") == "X9"


def test_a_fee_unit_reads_as_before():
    assert {k: tuple(fees.unit_name(k, loc) for loc in LOCALES) for k in fees.UNITS} == FEE_UNITS


def test_a_messages_line_on_following_the_case_reads_as_before():
    words = {"noun": "NOUN", "status_link": "LINK", "lost_code_link": "LOST", "ticket": "TICKET"}
    said = {k: tuple(wording.hint("x", "permohonan", k, loc, words) for loc in LOCALES) for k in wording.HINTS}
    assert said == HINTS
