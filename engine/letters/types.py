"""The kinds of letter Kawal issues (legal-process.md §10b) and the tasks that issue them.

A letter type is a template (``templates/<code>.<locale>.html``), a numbering series (its own yearly
counter), a title in both languages, who signs it (a lane's signatory, engine.config ``signatories``) and
whether it is addressed to the requester (then the portal lists it). A new type is one entry in
``TYPES``, one in ``TRIGGERS`` (or a verb that issues it) and its two templates.

Triggers are keyed by the BPMN id of the task whose completion issues the letter, with a condition on
what the case recorded (``Facts``) and the form field holding the letter's date (the dispatch date a
notice records, bounded by engine.lateness; else the office's date of completion). They are read by
task id, not from the BPMN file, so cases running on an older process version issue letters too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from engine import kinds

# A request's decision that grants it in part, and the titles of the letters that then say "in part" (the decree's
# heading: templates/keputusan_penolakan.*.html).
GRANTED_IN_PART = "dikabulkan_sebagian"
IN_PART = {
    "keputusan_penolakan": (
        "Surat Keputusan PPID tentang Penolakan Sebagian Permohonan Informasi",
        "PPID Decision Rejecting the Request in Part",
    )
}


@dataclass(frozen=True)
class LetterType:
    code: str
    series: str  # the numbering series: {series} in the number pattern, its own yearly counter
    title_id: str
    title_en: str
    signatory: str  # the lane whose signatory signs (engine.config SIGNATORY_LANES); "decided" = the deciding lane
    to_requester: bool
    legal_basis: str
    # A complaint's letter: who it goes to (engine.letters.context AUDIENCES: the fields it may print; "team": the
    # complaint team's own paper). None for the PPID's letters, which are the team's to write.
    audience: str | None = None
    # A dispute's letter names the requester as the Commission names the parties (Pemohon v. Termohon): their name,
    # never their NIK or address. Read like a letter to the requester (engine.access, engine.bundle).
    names_requester: bool = False

    def title(self, locale: str, outcome: str | None = None) -> str:
        """The title in ``locale``; of the refusal decree of a request granted in part (``outcome``, the case's),
        the title the decree itself carries: it rejects the request in part."""
        if outcome == GRANTED_IN_PART and self.code in IN_PART:
            return IN_PART[self.code][1 if locale == "en" else 0]
        return self.title_en if locale == "en" else self.title_id

    def titles(self, outcome: str | None = None) -> tuple[str, str]:
        """The title in Bahasa Indonesia and in English, as ``title`` gives each for the case's ``outcome``."""
        return self.title("id", outcome), self.title("en", outcome)

    @property
    def titled_by_outcome(self) -> bool:
        """Whether the case's decision changes the title (the refusal decree of a request granted in part)."""
        return self.code in IN_PART

    @property
    def identifies_requester(self) -> bool:
        """Whether the letter prints the requester's identity (addressed to them, or naming them as a party)."""
        return self.to_requester or self.names_requester


TYPES: dict[str, LetterType] = {
    t.code: t
    for t in (
        LetterType(
            "tanda_bukti_penerimaan",
            "TBP",
            "Tanda Bukti Penerimaan Permintaan Informasi Publik",
            "Receipt of Information Request",
            "petugas_layanan",
            True,
            "UU 14/2008 Pasal 22 ayat (4)-(6)",
        ),
        LetterType(
            "pemberitahuan_perpanjangan",
            "PJG",
            "Surat Pemberitahuan Perpanjangan Jangka Waktu",
            "Notice of Time Extension",
            "ppid",
            True,
            "UU 14/2008 Pasal 22 ayat (8)",
        ),
        LetterType(
            "pemberitahuan_tidak_lengkap",
            "PTL",
            "Pemberitahuan Tertulis: Permohonan Tidak Dilengkapi",
            "Written Notice: Request Not Completed",
            "ppid",
            True,
            "UU 14/2008 Pasal 22 ayat (7)",
        ),
        LetterType(
            "pemberitahuan_tertulis",
            "PT",
            "Pemberitahuan Tertulis",
            "Written Notice",
            "ppid",
            True,
            "UU 14/2008 Pasal 22 ayat (7)",
        ),
        LetterType(
            "keputusan_penolakan",
            "SKP",
            "Surat Keputusan PPID tentang Penolakan Permohonan Informasi",
            "PPID Decision Rejecting the Request",
            "ppid",
            True,
            "UU 14/2008 Pasal 17 dan Pasal 22 ayat (7) huruf c",
        ),
        LetterType(
            "penetapan_pengecualian",
            "DIK",
            "Keputusan tentang Penetapan Informasi yang Dikecualikan",
            "Determination of Exempt Information",
            "decided",
            False,
            "UU 14/2008 Pasal 17-20; Perki 1/2021 Pasal 49",
        ),
        LetterType(
            "tanda_terima_keberatan",
            "TTK",
            "Tanda Terima Keberatan",
            "Objection Receipt",
            "ppid",
            True,
            "Perki 1/2021 Pasal 41 ayat (3)-(4)",
        ),
        LetterType(
            "berita_acara_musyawarah",
            "BAM",
            "Berita Acara Penyelesaian Keberatan secara Musyawarah",
            "Record of the Amicable Settlement of the Objection",
            "ppid",
            True,
            "UU 14/2008 Pasal 35 ayat (2)",
        ),
        LetterType(
            "tanggapan_atasan",
            "TAK",
            "Tanggapan Atasan PPID atas Keberatan",
            "The PPID Superior's Response to the Objection",
            "atasan_ppid",
            True,
            "UU 14/2008 Pasal 36",
        ),
        LetterType(
            "surat_kuasa_khusus",
            "SKK",
            "Surat Kuasa Khusus",
            "Special Power of Attorney",
            "pimpinan",
            False,
            "Perki 1/2013",
            names_requester=True,
        ),
        # Signed by the attorneys the power of attorney names, for the Respondent (legal-process.md §1, §5.3); by
        # the head of the body when the case holds no power of attorney.
        LetterType(
            "tanggapan_termohon",
            "TTM",
            "Tanggapan Tertulis Termohon",
            "The Respondent's Written Response",
            "pimpinan",
            False,
            "UU 14/2008 Pasal 45; Perki 1/2013",
            names_requester=True,
        ),
        # A complaint's letters (legal-process.md §7.2, §10b): to a unit, the Inspectorate General or another agency
        # they speak of "the report we received" and never of the reporter; to the reporter they greet "Pelapor".
        # The receipt (stage 1) and the disposition sheet (stage 4, the team's own paper) are letters of record too.
        LetterType(
            "tanda_terima_pengaduan",
            "TTP",
            "Tanda Terima Pengaduan",
            "Complaint Receipt",
            "tim_pengaduan",
            True,
            "Permenpan 5/2009; UU 25/2009 Pasal 36-37; Perpres 76/2013",
            "reporter",
        ),
        LetterType(
            "lembar_disposisi",
            "LDP",
            "Lembar Disposisi Pengaduan",
            "Complaint Disposition Sheet",
            "pimpinan",  # legal-process.md §7 documents: the head disposes to the unit, Itjen or agency
            False,
            "Permenpan 5/2009; KMA 765/2018",
            "team",
        ),
        LetterType(
            "surat_permintaan_klarifikasi",
            "KLR",
            "Surat Permintaan Klarifikasi",
            "Request for Clarification",
            "tim_pengaduan",
            False,
            "Permenpan 5/2009; KMA 765/2018",
            "unit",
        ),
        LetterType(
            "nota_dinas_itjen",
            "ND",
            "Nota Dinas Penerusan Pengaduan ke Inspektorat Jenderal",
            "Memo Referring the Complaint to the Inspectorate General",
            "pimpinan",
            False,
            "Permenpan 5/2009; KMA 765/2018",
            "itjen",
        ),
        LetterType(
            "lampiran_terlapor",
            "LDT",
            "Lampiran Nota Dinas: Daftar Terlapor",
            "Annex to the Memo: Persons Reported",
            "pimpinan",
            False,
            "KMA 765/2018; Permenpan 5/2009",
            "itjen_annex",
        ),
        LetterType(
            "surat_penerusan",
            "SPP",
            "Surat Penerusan Pengaduan",
            "Complaint Forwarding Letter",
            "pimpinan",
            False,
            "Permenpan 5/2009; UU 25/2009",
            "agency",
        ),
        LetterType(
            "surat_permintaan_bukti",
            "SPB",
            "Surat Permintaan Kelengkapan Data/Bukti",
            "Request for Supporting Evidence",
            "tim_pengaduan",
            True,
            "UU 25/2009 Pasal 45; Permenpan 5/2009",
            "reporter",
        ),
        LetterType(
            "pemberitahuan_hasil",
            "PHP",
            "Surat Pemberitahuan Hasil Penanganan Pengaduan",
            "Notice of the Outcome of the Complaint",
            "pimpinan",
            True,
            "UU 25/2009 Pasal 50; Perpres 76/2013",
            "reporter",
        ),
        LetterType(
            "kuitansi",
            "KWT",
            "Kuitansi Pembayaran Biaya Penggandaan dan/atau Pengiriman Informasi Publik",
            "Receipt for the Copying and/or Delivery Fee",
            "petugas_layanan",
            True,
            "UU 14/2008 Pasal 2 ayat (3) dan Pasal 22 ayat (7) huruf g",
        ),
        LetterType(
            "berita_acara_pelaksanaan_putusan",
            "BAPP",
            "Berita Acara Pelaksanaan Putusan Sengketa Informasi Publik",
            "Record of Compliance with the Decision on the Information Dispute",
            "ppid",
            True,
            "UU 14/2008 Pasal 39 dan Pasal 52; putusan atau kesepakatan mediasi",
            names_requester=True,
        ),
        # The court stage (UU 14/2008 Pasal 47-50; legal-process.md §5.2 row 9, §5.3): the office's written statement
        # that it does not accept the adjudication decision, to the Commission and copied to the applicant, and the
        # head's power of attorney before the PTUN, and again before the Supreme Court at cassation.
        LetterType(
            "pernyataan_tidak_menerima_putusan",
            "PTM",
            "Pernyataan Tidak Menerima Putusan Ajudikasi",
            "Statement of Non-Acceptance of the Adjudication Decision",
            "pimpinan",
            True,
            "UU 14/2008 Pasal 47 dan Pasal 48 ayat (1)",
            names_requester=True,
        ),
        LetterType(
            "surat_kuasa_khusus_pengadilan",
            "SKKP",
            "Surat Kuasa Khusus untuk Pengadilan",
            "Special Power of Attorney before the Court",
            "pimpinan",
            False,
            "UU 14/2008 Pasal 47-50",
            names_requester=True,
        ),
        LetterType(
            "berita_acara_serah_terima",
            "BAST",
            "Tanda Bukti Penyerahan Informasi Publik (Berita Acara Serah Terima)",
            "Receipt of Delivery of Public Information",
            "petugas_layanan",
            True,
            "UU 14/2008 Pasal 22; Perki 1/2021 tentang Standar Layanan Informasi Publik",
        ),
    )
}

REFUSALS = frozenset({"ditolak_dikecualikan", "dikabulkan_sebagian"})


@dataclass(frozen=True)
class Facts:
    """What a trigger's condition reads: the completed task's data and what the case recorded before."""

    data: dict
    recorded: dict
    details: dict = field(default_factory=dict)  # the case's own (a complaint's reported persons on file)


@dataclass(frozen=True)
class Trigger:
    kind: str  # the case kind (engine.kinds)
    task: str  # the BPMN id of the task that issues it
    letter: str  # the letter type's code
    date_field: str | None = None  # the form field holding the letter's date; None: the day of completion
    when: Callable[[Facts], bool] = field(default=lambda facts: True)
    shown_after: str | None = None  # the task that sends it to the requester, when a later one


REPORTED = "terlapor_party_id"  # engine.reported_party.PARTY_KEY: the case's reported persons, sealed in the vault


def _to_another_unit(facts: Facts) -> bool:
    """A re-referral (``disposisi_ulang``) that sends the complaint to another unit, not to the team's assessment."""
    return facts.data.get("langkah_disposisi") == "unit_lain"


def _determined(facts: Facts) -> bool:
    """The head determined the exemption the PPID tested: no decree when the head returned it to the PPID
    (``penetapan`` = ``dikembalikan``, engine.exemptions.returned; an answer without it determines)."""
    return facts.data.get("penetapan") != "dikembalikan"


TRIGGERS: tuple[Trigger, ...] = (
    Trigger(kinds.REQUEST, "registrasi", "tanda_bukti_penerimaan"),
    Trigger(
        kinds.REQUEST,
        "tentukan_langkah",
        "pemberitahuan_perpanjangan",
        "tanggal_pemberitahuan_perpanjangan",
        when=lambda f: f.data.get("langkah") == "perpanjang",
    ),
    Trigger(kinds.REQUEST, "pemberitahuan_tidak_lengkap", "pemberitahuan_tidak_lengkap", "tanggal_pemberitahuan"),
    Trigger(kinds.REQUEST, "pemberitahuan_tertulis", "pemberitahuan_tertulis", "tanggal_pemberitahuan"),
    Trigger(
        kinds.REQUEST,
        "pemberitahuan_tertulis",
        "keputusan_penolakan",
        "tanggal_pemberitahuan",
        when=lambda f: f.recorded.get("keputusan") in REFUSALS,
    ),
    Trigger(kinds.REQUEST, "tetapkan_pengecualian", "penetapan_pengecualian", "tanggal_penetapan", when=_determined),
    Trigger(kinds.REQUEST, "catat_pembayaran", "kuitansi", "tanggal_pembayaran"),  # engine.fees
    # The handover (legal-process.md §10b): its receipt, dated the day the information went, unless the office gave
    # the number of its own (a paper record signed at the desk).
    Trigger(
        kinds.REQUEST,
        "penyerahan_informasi",
        "berita_acara_serah_terima",
        "tanggal_penyerahan",
        when=lambda f: not f.data.get("nomor_berita_acara"),
    ),
    Trigger(
        kinds.REQUEST,
        "penyerahan_lanjutan",
        "berita_acara_serah_terima",
        "tanggal_penyerahan",
        when=lambda f: not f.data.get("nomor_berita_acara"),
    ),
    Trigger(
        kinds.REQUEST, "tetapkan_pengecualian_pimpinan", "penetapan_pengecualian", "tanggal_penetapan", when=_determined
    ),
    Trigger(kinds.OBJECTION, "registrasi_keberatan", "tanda_terima_keberatan"),
    Trigger(
        kinds.OBJECTION,
        "tawarkan_musyawarah",
        "berita_acara_musyawarah",
        "tanggal",
        when=lambda f: f.data.get("hasil") == "sepakat",
    ),
    Trigger(
        kinds.OBJECTION, "putuskan_keberatan", "tanggapan_atasan", "tanggal_keputusan", shown_after="kirim_tanggapan"
    ),
    # A power of attorney the office numbered and signed outside Kawal (its nomor_surat given) is recorded, not
    # issued again: Kawal numbers and makes the letter only when the number is left empty.
    Trigger(
        kinds.DISPUTE, "surat_kuasa", "surat_kuasa_khusus", "tanggal", when=lambda f: not f.data.get("nomor_surat")
    ),
    Trigger(kinds.DISPUTE, "siapkan_berkas", "tanggapan_termohon"),
    # The record of carrying out the final decision, or the mediation agreement (§10b: PPID to the applicant and the
    # Commission), dated the day it was carried out, unless the office gave the number of its own.
    Trigger(
        kinds.DISPUTE,
        "pelaksanaan_putusan",
        "berita_acara_pelaksanaan_putusan",
        "tanggal_pelaksanaan",
        when=lambda f: not f.data.get("nomor_berita_acara"),
    ),
    Trigger(
        kinds.DISPUTE,
        "laksanakan_kesepakatan_mediasi",
        "berita_acara_pelaksanaan_putusan",
        "tanggal_pelaksanaan",
        when=lambda f: not f.data.get("nomor_berita_acara"),
    ),
    # The office's challenge of the adjudication decision is stated in writing (UU 14/2008 Pasal 48(1)), dated the day
    # it was lodged, unless the office gave the number of its own statement. Its cassation needs no letter: it is
    # stated at the court's registry, which makes the deed.
    Trigger(
        kinds.DISPUTE,
        "sikap_atas_putusan",
        "pernyataan_tidak_menerima_putusan",
        "tanggal_pengajuan_keberatan",
        when=lambda f: f.data.get("sikap") == "mengajukan_keberatan" and not f.data.get("nomor_pernyataan"),
    ),
    # The power of attorney before the PTUN, and before the Supreme Court at cassation, unless the office numbered its
    # own (as surat_kuasa's).
    Trigger(
        kinds.DISPUTE,
        "kuasa_pengadilan",
        "surat_kuasa_khusus_pengadilan",
        "tanggal",
        when=lambda f: not f.data.get("nomor_surat"),
    ),
    Trigger(
        kinds.DISPUTE,
        "kuasa_kasasi",
        "surat_kuasa_khusus_pengadilan",
        "tanggal",
        when=lambda f: not f.data.get("nomor_surat"),
    ),
    # A complaint's letters. The receipt once the complaint is recorded, the disposition sheet with its
    # classification; a not oversight-relevant complaint is clarified by the unit it is referred to; the
    # memo and the forwarding letter are numbered by Kawal unless the office gave its own number.
    Trigger(kinds.COMPLAINT, "catat_pengaduan", "tanda_terima_pengaduan"),
    Trigger(kinds.COMPLAINT, "klasifikasi", "lembar_disposisi"),
    Trigger(
        kinds.COMPLAINT,
        "klasifikasi",
        "surat_permintaan_klarifikasi",
        when=lambda f: f.data.get("berkadar_pengawasan") is False,
    ),
    # A unit answered that the report is not its matter and the team referred it to another: a new sheet and a
    # new clarification request, addressed to the unit of the new task.
    Trigger(kinds.COMPLAINT, "disposisi_ulang", "lembar_disposisi", when=_to_another_unit),
    Trigger(kinds.COMPLAINT, "disposisi_ulang", "surat_permintaan_klarifikasi", when=_to_another_unit),
    Trigger(
        kinds.COMPLAINT,
        "rujukan_itjen",
        "nota_dinas_itjen",
        "tanggal",
        when=lambda f: not f.data.get("nomor_nota_dinas"),
    ),
    # Who is reported goes to the Inspectorate General with the memo, on a sheet of its own that only the team and
    # the Inspectorate read (engine.access.TEAM_ONLY_LETTERS): never a unit, an auditor or the reporter.
    Trigger(
        kinds.COMPLAINT, "rujukan_itjen", "lampiran_terlapor", "tanggal", when=lambda f: bool(f.details.get(REPORTED))
    ),
    Trigger(
        kinds.COMPLAINT, "surat_penerusan", "surat_penerusan", "tanggal", when=lambda f: not f.data.get("nomor_surat")
    ),
    Trigger(kinds.COMPLAINT, "minta_bukti", "surat_permintaan_bukti"),
    Trigger(kinds.COMPLAINT, "pemberitahuan_hasil", "pemberitahuan_hasil", "tanggal"),
)
BY_TASK: dict[tuple[str, str], tuple[Trigger, ...]] = {}
for _trigger in TRIGGERS:
    BY_TASK[(_trigger.kind, _trigger.task)] = (*BY_TASK.get((_trigger.kind, _trigger.task), ()), _trigger)

# The head's determination (a new user task after the consequence test): its lanes.
DETERMINATION_TASKS = frozenset({"tetapkan_pengecualian", "tetapkan_pengecualian_pimpinan"})
