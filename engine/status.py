"""Internal case statuses and what the requester reads (legal-process.md §8.1).

The internal status is the BPMN milestone's ``status`` property; the public label and the next step
are a separate vocabulary, derived here, never stored.
"""

from dataclasses import dataclass


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

STATUSES: dict[str, Status] = {
    "diterima": Status("Diterima", "Received", *_WAIT),
    "menunggu_kelengkapan": Status(
        "Menunggu Kelengkapan",
        "Awaiting Completion",
        "Lengkapi kekurangan permohonan Anda kepada petugas sebelum batas waktu melengkapi.",
        "Supply the missing items of your request to the officers before the completion window ends.",
    ),
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
    "informasi_diserahkan": Status("Informasi Diserahkan", "Information Delivered", "Tidak ada.", "None."),
    "selesai": Status("Selesai", "Completed", *_OBJECT),
    "dicabut": Status("Dicabut", "Withdrawn", "Tidak ada.", "None."),
    "ditutup_tidak_lengkap": Status(
        "Ditutup (Tidak Dilengkapi)",
        "Closed (Not Completed)",
        "Anda dapat mengajukan permohonan baru yang lengkap.",
        "You may file a new, complete request.",
    ),
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
# Statuses after which the case is closed.
CLOSED = frozenset({"selesai", "dicabut", "ditutup_tidak_lengkap"})
OVERDUE_LABEL = ("Melewati Batas Waktu", "Overdue")


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
