"""Internal case statuses and what the requester reads (legal-process.md §8.1).

The internal status is the BPMN milestone's ``status`` property; the public label and the next step
are a separate vocabulary, derived here, never stored.
"""

from dataclasses import dataclass

from engine.kinds import COMPLAINT, DISPUTE, OBJECTION, REQUEST


@dataclass(frozen=True)
class Status:
    id: str
    en: str
    next_id: str
    next_en: str


_WAIT = (
    "Menunggu tindakan petugas; tidak ada yang perlu Anda lakukan.",
    "Waiting for the officers; nothing to do for you.",
)
_OBJECT = (
    "Jika tidak puas, Anda dapat mengajukan keberatan kepada Atasan PPID dalam 30 hari kerja.",
    "If you are not satisfied, you may file an objection with the PPID's superior within 30 working days.",
)
_DISPUTE = (
    "Jika tidak puas, Anda dapat mengajukan sengketa kepada Komisi Informasi dalam 14 hari kerja.",
    "If you are not satisfied, you may bring a dispute before the Information Commission within 14 working days.",
)
_KI = (
    "Ikuti jadwal sidang Komisi Informasi.",
    "Follow the Information Commission's hearing schedule.",
)

_COURT = (
    "Ikuti persidangan di pengadilan; kantor akan memberitahukan putusannya.",
    "Follow the court's hearings; the office will tell you of its judgment.",
)
_FINAL = (
    "Putusan sudah berkekuatan hukum tetap dan dilaksanakan oleh badan publik; Anda akan diberi tahu hasilnya.",
    "The decision is final and binding, and the public body carries it out; you will be told when it has.",
)

STATUSES: dict[str, Status] = {
    "diterima": Status("Diterima", "Received", *_WAIT),
    "menunggu_kelengkapan": Status(
        "Menunggu Kelengkapan",
        "Awaiting Completion",
        "Lengkapi kekurangan permohonan Anda kepada petugas sebelum batas waktu melengkapi.",
        "Supply the missing items of your request to the officers before the completion window ends.",
    ),
    # The requester supplied what was missing; to be registered by the desk. Not "Completed": that is the request's
    # last stage ("selesai"), on the same page's path.
    "dilengkapi": Status("Dilengkapi", "Missing Items Supplied", *_WAIT),
    "terdaftar": Status("Terdaftar", "Registered", *_WAIT),
    "diproses": Status("Diproses", "In Process", *_WAIT),
    "diperpanjang": Status("Diperpanjang", "Extended", *_WAIT),
    "dikabulkan_seluruhnya": Status(
        "Dikabulkan Seluruhnya",
        "Granted in Full",
        "Ambil atau terima informasi sesuai cara yang Anda pilih; bayar biaya penggandaan jika ada.",
        "Collect or receive the information as you chose; pay the copying fee if any.",
    ),
    "dikabulkan_sebagian": Status(
        "Dikabulkan Sebagian",
        "Granted in Part",
        "Terima informasi yang diberikan. " + _OBJECT[0],
        "Receive the information given. " + _OBJECT[1],
    ),
    "ditolak_dikecualikan": Status("Ditolak (Informasi Dikecualikan)", "Rejected (Exempt)", *_OBJECT),
    "tidak_dikuasai": Status("Informasi Tidak Dikuasai", "Information Not Held", *_OBJECT),
    "belum_dikuasai_didokumentasikan": Status(
        "Informasi Belum Dikuasai/Belum Didokumentasikan", "Not Yet Held / Not Yet Documented", *_OBJECT
    ),
    # Information not as requested, or not given in full, may still be objected to (grounds d, e).
    "informasi_diserahkan": Status("Informasi Diserahkan", "Information Delivered", *_OBJECT),
    "selesai": Status("Selesai", "Completed", *_OBJECT),
    "dicabut": Status("Dicabut", "Withdrawn", "Tidak ada.", "None."),
    # Closed with a written notice stating what was missing (UU 14/2008 knows no silent closure): like any
    # notice it opens the objection window.
    "ditutup_tidak_lengkap": Status(
        "Ditutup (Tidak Dilengkapi)",
        "Closed (Not Completed)",
        "Anda dapat mengajukan permohonan baru yang lengkap, atau keberatan kepada Atasan PPID dalam 30 hari kerja.",
        "You may file a new, complete request, or an objection with the PPID's superior within 30 working days.",
    ),
    # The request after a granted objection (legal-process.md §4.4): delivery is reopened.
    "dibuka_kembali": Status(
        "Dibuka Kembali (Keberatan Dikabulkan)",
        "Reopened (Objection Granted)",
        "Informasi akan diserahkan kepada Anda sesuai tanggapan Atasan PPID.",
        "The information will be delivered to you as the PPID's superior decided.",
    ),
    # Objection (Keberatan), §4.4 and §8.2.
    "keberatan_diterima": Status("Keberatan Diterima", "Objection Received", *_WAIT),
    "keberatan_terdaftar": Status("Keberatan Terdaftar", "Objection Registered", *_WAIT),
    "musyawarah": Status(
        "Penyelesaian secara Musyawarah",
        "Amicable Settlement",
        "Petugas akan menghubungi Anda untuk bermusyawarah.",
        "The officers will contact you to settle by agreement.",
    ),
    "diselesaikan_musyawarah": Status("Diselesaikan secara Musyawarah", "Settled by Agreement", *_DISPUTE),
    # Settled for grounds b-g (Pasal 35(2)); the superior still decides on ground a.
    "diselesaikan_musyawarah_sebagian": Status(
        "Sebagian Diselesaikan secara Musyawarah",
        "Partly Settled by Agreement",
        "Atasan PPID memutus alasan huruf a; tidak ada yang perlu Anda lakukan.",
        "The PPID's superior decides on ground a; nothing to do for you.",
    ),
    "menunggu_keputusan_atasan": Status("Menunggu Keputusan Atasan PPID", "Awaiting the Superior's Decision", *_WAIT),
    "keberatan_dikabulkan_seluruhnya": Status("Keberatan Dikabulkan Seluruhnya", "Objection Granted in Full", *_WAIT),
    "keberatan_dikabulkan_sebagian": Status("Keberatan Dikabulkan Sebagian", "Objection Granted in Part", *_WAIT),
    "keberatan_ditolak": Status("Keberatan Ditolak (Menguatkan PPID)", "Objection Dismissed (PPID Upheld)", *_WAIT),
    "tanggapan_dikirim": Status("Tanggapan Atasan PPID Dikirim", "Superior's Response Sent", *_DISPUTE),
    "keberatan_tidak_ditanggapi": Status(
        "Tidak Ditanggapi dalam 30 Hari Kerja",
        "Not Answered within 30 Working Days",
        "Anda dapat mengajukan sengketa kepada Komisi Informasi dalam 14 hari kerja sejak batas waktu berakhir.",
        "You may bring a dispute before the Information Commission within 14 working days of the lapse.",
    ),
    "keberatan_selesai": Status("Selesai", "Completed", *_DISPUTE),
    # Dispute before the Komisi Informasi, agency side (§5.4, §8.2).
    "sengketa_teregistrasi": Status("Sengketa Teregistrasi", "Dispute Registered", *_KI),
    "persiapan_termohon": Status("Persiapan Termohon", "Respondent Preparing", *_KI),
    "pemeriksaan_awal": Status("Pemeriksaan Awal", "Preliminary Examination", *_KI),
    "putusan_sela": Status("Putusan Sela", "Interlocutory Decision", "Tidak ada.", "None."),
    "mediasi": Status("Mediasi", "Mediation", *_KI),
    "mediasi_diperpanjang": Status("Mediasi Diperpanjang", "Mediation Extended", *_KI),
    "putusan_mediasi": Status("Putusan Mediasi", "Mediation Decision", *_KI),
    "mediasi_gagal": Status("Mediasi Gagal", "Mediation Failed", *_KI),
    "ajudikasi": Status("Ajudikasi Nonlitigasi", "Non-litigation Adjudication", *_KI),
    "putusan_ajudikasi": Status(
        "Putusan Ajudikasi",
        "Adjudication Decision",
        "Bila tidak menerima putusan, Anda dapat mengajukan keberatan ke pengadilan dalam 14 hari kerja sejak"
        " salinan putusan Anda terima (UU 14/2008 Pasal 47-48); bila tidak, putusan menjadi berkekuatan hukum tetap.",
        "If you do not accept the decision, you may challenge it in court within 14 working days of receiving its"
        " copy (Law 14/2008 Articles 47-48); otherwise it becomes final and binding.",
    ),
    "keberatan_pengadilan": Status("Keberatan ke Pengadilan", "Court Challenge", *_COURT),
    "putusan_pengadilan": Status(
        "Putusan Pengadilan",
        "Court Decision",
        "Bila tidak menerima putusan, Anda dapat mengajukan kasasi ke Mahkamah Agung dalam 14 hari sejak putusan"
        " Anda terima (UU 14/2008 Pasal 50); bila tidak, putusan menjadi berkekuatan hukum tetap.",
        "If you do not accept the judgment, you may appeal in cassation to the Supreme Court within 14 days of"
        " receiving it (Law 14/2008 Article 50); otherwise it becomes final and binding.",
    ),
    "kasasi": Status("Kasasi", "Cassation", *_COURT),
    "berkekuatan_hukum_tetap": Status("Berkekuatan Hukum Tetap", "Final and Binding", *_FINAL),
    "pelaksanaan_putusan": Status("Pelaksanaan Putusan", "Compliance with the Decision", *_FINAL),
    "sengketa_selesai": Status("Selesai", "Completed", "Tidak ada.", "None."),
    "sengketa_dicabut": Status("Dicabut (Akta Pembatalan Registrasi)", "Withdrawn", "Tidak ada.", "None."),
    "sengketa_gugur": Status("Gugur", "Lapsed", "Tidak ada.", "None."),
    # Public complaints (Pengaduan Masyarakat), §7.2, §8.3 and §10.
    "pengaduan_baru": Status("Baru / Belum Diverifikasi", "New / Unverified", *_WAIT),
    "tercatat": Status("Tercatat", "Recorded", *_WAIT),
    "terverifikasi": Status("Terverifikasi", "Verified", *_WAIT),
    "tidak_dapat_ditindaklanjuti": Status(
        "Tidak Dapat Ditindaklanjuti",
        "Not Actionable",
        "Alasannya ada di halaman pesan pengaduan Anda. Laporan Anda tetap kami simpan sebagai bahan informasi untuk"
        " perencanaan pengawasan. Anda dapat menyampaikan pengaduan kepada Ombudsman Republik Indonesia"
        " (ombudsman.go.id) atau melalui SP4N-LAPOR! (lapor.go.id).",
        "The reason is on your complaint's messages page. We keep your report as information for planning audits."
        " You may take the complaint to the Ombudsman of the Republic of Indonesia (ombudsman.go.id) or to"
        " SP4N-LAPOR! (lapor.go.id).",
    ),
    "diteruskan_instansi_lain": Status(
        "Diteruskan ke Instansi Lain",
        "Forwarded to Another Agency",
        "Instansi tujuan dan alasannya ada di halaman pesan pengaduan Anda. Anda juga dapat menghubungi Ombudsman"
        " Republik Indonesia (ombudsman.go.id) atau SP4N-LAPOR! (lapor.go.id).",
        "The agency it went to and why are on your complaint's messages page. You may also contact the Ombudsman"
        " of the Republic of Indonesia (ombudsman.go.id) or SP4N-LAPOR! (lapor.go.id).",
    ),
    "diteruskan_itjen": Status("Diteruskan ke Inspektorat Jenderal", "Referred to the Inspectorate General", *_WAIT),
    "didisposisikan_unit": Status("Didisposisikan ke Unit", "Referred to a Unit", *_WAIT),
    "dalam_klarifikasi": Status("Dalam Klarifikasi", "Under Clarification", *_WAIT),
    "menunggu_kelengkapan_pelapor": Status(
        "Menunggu Kelengkapan dari Pelapor",
        "Awaiting the Reporter's Evidence",
        "Jawab pertanyaan petugas dan lampirkan bukti melalui halaman pesan pengaduan Anda sebelum batas waktu.",
        "Answer the officers' questions and attach evidence on your complaint's messages page before the deadline.",
    ),
    "dianggap_dicabut": Status(
        "Dianggap Dicabut",
        "Deemed Withdrawn",
        "Pengaduan dapat dibuka kembali jika Anda mengirimkan bukti yang diminta.",
        "The complaint reopens if you send the evidence asked for.",
    ),
    # Its file archived (the task arsip_dicabut): still reopened by the evidence asked for (§7.4).
    "dianggap_dicabut_diarsipkan": Status(
        "Dianggap Dicabut, Diarsipkan",
        "Deemed Withdrawn, Archived",
        "Berkas pengaduan telah diarsipkan. Pengaduan tetap dapat dibuka kembali jika Anda mengirimkan bukti yang "
        "diminta.",
        "The complaint's file is archived. The complaint still reopens if you send the evidence asked for.",
    ),
    "dibuka_kembali_pengaduan": Status("Dibuka Kembali", "Reopened", *_WAIT),
    "dalam_pemeriksaan": Status("Dalam Pemeriksaan", "Under Examination", *_WAIT),
    "ditindaklanjuti": Status("Ditindaklanjuti", "Followed Up", *_WAIT),
    "pengaduan_selesai": Status("Selesai", "Resolved", "Tidak ada.", "None."),
    "diarsipkan": Status("Diarsipkan", "Archived", "Tidak ada.", "None."),
}

# Decisions on a request (§3.6); the milestone after the written notice takes the decision as status.
OUTCOMES = frozenset(
    {
        "dikabulkan_seluruhnya",
        "dikabulkan_sebagian",
        "ditolak_dikecualikan",
        "tidak_dikuasai",
        "belum_dikuasai_didokumentasikan",
    }
)
# Decisions on an objection (Pasal 36): the milestone after the superior's decision takes it as status.
OBJECTION_OUTCOMES = frozenset(
    {"keberatan_dikabulkan_seluruhnya", "keberatan_dikabulkan_sebagian", "keberatan_ditolak"}
)
# Statuses reached by a written notice that answers a request: each opens the objection window (Pasal 36(1)).
NOTICE_STATUSES = OUTCOMES | {"ditutup_tidak_lengkap"}
# Statuses after which the case is closed.
CLOSED = frozenset(
    {
        "selesai",
        "dicabut",
        "ditutup_tidak_lengkap",
        "diselesaikan_musyawarah",
        "keberatan_selesai",
        "putusan_sela",
        "sengketa_selesai",
        "sengketa_dicabut",
        "sengketa_gugur",
        "tidak_dapat_ditindaklanjuti",
        "diteruskan_instansi_lain",
        "dianggap_dicabut",
        "dianggap_dicabut_diarsipkan",
        "pengaduan_selesai",
        "diarsipkan",
    }
)
# Closed, yet the evidence asked for still reopens the complaint (§7.4): not finished for the reporter.
REOPENABLE = frozenset({"dianggap_dicabut", "dianggap_dicabut_diarsipkan"})
OVERDUE_LABEL = ("Melewati Batas Waktu", "Overdue")

# The stages of each process, in STATUSES' order: each process's run of it starts at its first stage here.
_FIRST_STAGE = {
    "diterima": REQUEST,
    "keberatan_diterima": OBJECTION,
    "sengketa_teregistrasi": DISPUTE,
    "pengaduan_baru": COMPLAINT,
}


def _stages_by_process() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    process = REQUEST
    for code in STATUSES:
        process = _FIRST_STAGE.get(code, process)
        found.setdefault(process, []).append(code)
    return {kind: tuple(codes) for kind, codes in found.items()}


STAGES = _stages_by_process()  # process -> its stages (the filters offer a process's own)


def label(status: str, locale: str = "id") -> str:
    known = STATUSES.get(status)
    if known is None:
        return status
    return known.en if locale == "en" else known.id


def next_step(status: str, locale: str = "id") -> str:
    known = STATUSES.get(status)
    if known is None:
        return ""
    return known.next_en if locale == "en" else known.next_id
