"""A deadline's legal basis as the reader's language writes it.

The basis is data: the BPMN model's ``legal_basis`` property of each deadline and the windows of
``engine.chain`` store it as Indonesian practice cites it ("UU 14/2008 Pasal 22(7)"), and that is what
the letters, the API and the exports keep. An English page shows it in English, citing the law as the
English letters do ("Law 14/2008 Article 22(7)", "Information Commission Regulation 1/2021"): the
citations of the models are written out below (``tests/unit/test_citations.py`` fails while one is
missing), and any other text (a letter type's basis, the PDF's Subject) has its laws named and its
"Pasal", "ayat", "huruf" and "dan" put into English. A message states a basis that names one rule per channel by
the rule that counts its own days (``BASIS_BY_UNIT``), its days in the reader's language too (``message_basis``).
"""

from __future__ import annotations

import re

ENGLISH = {
    # permohonan_informasi.bpmn
    "Kebijakan layanan: jangka waktu pemohon melengkapi permohonan": (
        "Service policy: the requester's time to complete the request"
    ),
    "UU 14/2008 Pasal 22(7)": "Law 14/2008 Article 22(7)",
    "UU 14/2008 Pasal 22(8)": "Law 14/2008 Article 22(8)",
    "UU 14/2008 Pasal 22(7)-(8), Pasal 35(1) huruf g; Perki 1/2010 Pasal 27-28 (setelah pembayaran)": (
        "Law 14/2008 Article 22(7)-(8), Article 35(1)(g); Information Commission Regulation 1/2010 Articles 27-28"
        " (after payment)"
    ),  # cases started on an earlier model (Perki 1/2010 was replaced by Perki 1/2021)
    "UU 14/2008 Pasal 22(7)-(8), Pasal 35(1) huruf g; biaya: UU 14/2008 Pasal 2(3) dan standar biaya badan publik"
    " (setelah pembayaran)": (
        "Law 14/2008 Article 22(7)-(8), Article 35(1)(g); fees: Law 14/2008 Article 2(3) and the body's cost standard"
        " (after payment)"
    ),
    "UU 14/2008 Pasal 35(1) huruf g dan Pasal 36; tanggapan Atasan PPID": (
        "Law 14/2008 Article 35(1)(g) and Article 36; the PPID superior's response"
    ),
    # keberatan.bpmn
    "UU 14/2008 Pasal 36(2)": "Law 14/2008 Article 36(2)",
    # sengketa_informasi.bpmn
    "Perki 1/2013 Pasal 41": "Information Commission Regulation 1/2013 Article 41",
    "UU 14/2008 Pasal 38(2) (informatif)": "Law 14/2008 Article 38(2) (informative)",
    "UU 14/2008 Pasal 39 dan Pasal 52; putusan atau kesepakatan mediasi": (
        "Law 14/2008 Article 39 and Article 52; the decision or the mediation agreement"
    ),
    "UU 14/2008 Pasal 48(1) (jangka waktu pemohon)": "Law 14/2008 Article 48(1) (the applicant's time)",
    "UU 14/2008 Pasal 48(1)": "Law 14/2008 Article 48(1)",
    "UU 14/2008 Pasal 50 (jangka waktu pemohon)": "Law 14/2008 Article 50 (the applicant's time)",
    "UU 14/2008 Pasal 50": "Law 14/2008 Article 50",
    "Batas internal: hari kerja sebelum sidang pertama (Perki 1/2013 Pasal 31)": (
        "Internal limit: the working day before the first hearing (Information Commission Regulation 1/2013 Article 31)"
    ),
    # pengaduan.bpmn
    "SP4N-LAPOR!: verifikasi 3 hari kerja": "SP4N-LAPOR!: verification within 3 working days",
    "Koordinasi dengan unit pengolah: batas internal (KAWAL_UNIT_RESPONSE_DAYS hari kerja)": (
        "Coordination with the processing unit: internal limit set by the office"
    ),
    "Koordinasi dengan unit: batas internal (KAWAL_UNIT_RESPONSE_DAYS hari kerja)": (
        "Coordination with the unit: internal limit set by the office"
    ),
    "Penerusan ke Inspektorat Jenderal: batas internal (KAWAL_ITJEN_REFERRAL_DAYS hari kerja)": (
        "Referral to the Inspectorate General: internal limit set by the office"
    ),
    "Standar layanan pengaduan: 14 hari kerja, 60 hari kerja bila berkadar pengawasan; dipotong agar tidak melewati"
    " batas 60 hari kalender UU 25/2009 Pasal 50": (
        "Complaint service standard: 14 working days, 60 working days when oversight-relevant; cut so as never to end"
        " after the 60 calendar days of Law 25/2009 Article 50"
    ),
    "Standar layanan pengaduan (14/60 hari kerja), tidak melebihi 60 hari UU 25/2009 Pasal 50": (
        "Complaint service standard (14/60 working days), within the 60 days of Law 25/2009 Article 50"
    ),  # the SLA rows of cases classified before the wording above
    "UU 25/2009 Pasal 45 (30 hari); SP4N-LAPOR! (10 hari kerja)": (
        "Law 25/2009 Article 45 (30 days); SP4N-LAPOR! (10 working days)"
    ),
    "UU 25/2009 Pasal 50; Perpres 76/2013 (60 hari sejak berkas lengkap)": (
        "Law 25/2009 Article 50; Presidential Regulation 76/2013 (60 days from a complete file)"
    ),
    # engine.chain: the requester's windows and the dispute's admissibility
    "UU 14/2008 Pasal 36(1)": "Law 14/2008 Article 36(1)",
    "UU 14/2008 Pasal 37(2); Perki 1/2013 Pasal 13": (
        "Law 14/2008 Article 37(2); Information Commission Regulation 1/2013 Article 13"
    ),
    "UU 14/2008 Pasal 36-37; Perki 1/2013 Pasal 13": (
        "Law 14/2008 Articles 36-37; Information Commission Regulation 1/2013 Article 13"
    ),
    # engine.letters.types: a letter's basis that the words below cannot put into English
    "UU 14/2008 Pasal 22; Perki 1/2021 tentang Standar Layanan Informasi Publik": (
        "Law 14/2008 Article 22; Information Commission Regulation 1/2021 on the Public Information Service Standard"
    ),
}

# The laws by the names the English letters give them (engine/letters/templates/*.en.html).
_LAWS = (
    (re.compile(r"\bUU (\d+/\d{4})"), r"Law \1"),
    (re.compile(r"\bPerki (\d+/\d{4})"), r"Information Commission Regulation \1"),
    (re.compile(r"\bPP (\d+/\d{4})"), r"Government Regulation \1"),
    (re.compile(r"\bPerpres (\d+/\d{4})"), r"Presidential Regulation \1"),
    (re.compile(r"\bPermenpan(?:-RB)? (\d+/\d{4})"), r"Minister of Administrative Reform Regulation \1"),
    (re.compile(r"\bKMA (\d+/\d{4})"), r"Minister of Religious Affairs Decree \1"),
    (re.compile(r"\bPMA (\d+/\d{4})"), r"Minister of Religious Affairs Regulation \1"),
)
_WORDS = (
    *_LAWS,
    (re.compile(r"(\d) ayat \("), r"\1("),  # "Pasal 22 ayat (8)": "Article 22(8)", as the letters write it
    (re.compile(r"\bPasal (\d+)-(\d+)\b"), r"Articles \1-\2"),
    (re.compile(r"\bPasal\b"), "Article"),
    (re.compile(r" huruf ([a-z])\b"), r"(\1)"),
    (re.compile(r"\bayat \("), "paragraph ("),
    (re.compile(r"\bdan\b"), "and"),
)


# The models name a setting where the office sets the limit: a reader is told so in words (the deadline's own row
# shows its days), never the variable's name.
SETTING = re.compile(r" \(KAWAL_[A-Z_]+ hari kerja\)")


def legal_basis(text: str | None, locale: str) -> str:
    """``text`` as it is for Bahasa Indonesia (a setting's name in words); in English, its written-out form or its
    citation words in English."""
    if not text:
        return ""
    if locale != "en":
        return SETTING.sub(" yang ditetapkan kantor", text)
    if text in ENGLISH:
        return ENGLISH[text]
    for pattern, words in _WORDS:
        text = pattern.sub(words, text)
    return text


# A basis that names one rule for each way its period is counted (BUKTI, pengaduan.bpmn: 30 days under UU 25/2009
# Pasal 45, or working days through SP4N-LAPOR!, by the complaint's channel), by the deadline's unit
# (engine.calendar.DueDate.unit): a message states the rule that counts its row's days, with the row's own number of
# days, never the other channel's (engine.outbox.legal_basis).
BASIS_BY_UNIT = {
    "UU 25/2009 Pasal 45 (30 hari); SP4N-LAPOR! (10 hari kerja)": {
        "calendar_days": "UU 25/2009 Pasal 45 ({days} hari)",
        "working_days": "SP4N-LAPOR! ({days} hari kerja)",
    },
}
# The number of days such a rule names, which ``ENGLISH`` cannot list (the row's own days), in English.
_DAYS = (
    (re.compile(r"\((\d+) hari kerja\)"), r"(\1 working days)"),
    (re.compile(r"\((\d+) hari\)"), r"(\1 days)"),
)


def message_basis(text: str | None, locale: str) -> str:
    """A deadline's legal basis as a message states it (engine.outbox.legal_basis: of ``BASIS_BY_UNIT``, the rule of
    the row's unit) in ``locale``: ``legal_basis``, and in English the number of days it names too."""
    out = legal_basis(text, locale)
    if locale == "en":
        for pattern, words in _DAYS:
            out = pattern.sub(words, out)
    return out


# What an English citation is made of, once its laws and words are in English: anything else in an office's own text
# ("Keputusan Kepala Kantor Nomor 12") is Indonesian, shown as written.
_CITED_WORDS = frozenset(
    {
        "Law",
        "Article",
        "Articles",
        "paragraph",
        "and",
        "of",
        "Information",
        "Commission",
        "Regulation",
        "Government",
        "Presidential",
        "Minister",
        "Administrative",
        "Reform",
        "Religious",
        "Affairs",
        "Decree",
    }
)
_CITED_NUMBER = re.compile(r"\(?\d[\w()/-]*")  # 14/2008, 22(7)(c), 9-11, (4)-(6)


def citation_in_english(text: str | None) -> str | None:
    """An office's own legal basis (a public information item's, a fee's) in English when it is nothing but
    citations ("UU 14/2008 Pasal 9 ayat (2)": "Law 14/2008 Article 9(2)"); None when it says more than the words
    above can put into English: the page then shows it as written, marked as Indonesian."""
    if not text:
        return None
    english = legal_basis(text, "en")
    words = [word for word in re.split(r"[;,.\s]+", english) if word]
    if all(word in _CITED_WORDS or _CITED_NUMBER.fullmatch(word) for word in words):
        return english
    return None
