"""The words of the registers, reports, statistics and dashboard: every code the engine counts, as a reader reads it.

The engine's registers and figures carry codes (``granted_full``, ``ditolak_dikecualikan``, ``h``);
this module names them in the visitor's language (English message ids, Bahasa Indonesia in
``api/translations/id/LC_MESSAGES/reports.po``). Choices a form already names (grounds, categories,
problem codes) are read from the form, and case statuses from ``engine.status``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from babel import dates as babel_dates
from flask_babel import format_date, format_datetime, get_locale, get_timezone
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from engine import kinds, register_rows, status
from engine.letters.signers import DEFAULT_POSITIONS
from engine.runtime import Runtime

PROCESS_SLUGS = {
    "permohonan": kinds.REQUEST,
    "keberatan": kinds.OBJECTION,
    "sengketa": kinds.DISPUTE,
    "pengaduan": kinds.COMPLAINT,
}
SLUG_OF = {kind: slug for slug, kind in PROCESS_SLUGS.items()}

# Which reading of the working days a register or report used, in one sentence under its title (legal-process.md
# §2.2): the days on the office's own (strict) calendar; "late" only once the lenient count lapsed too (engine.facts).
READING = _l(
    "Working days are counted on the strict calendar (national holidays only: cuti bersama count as working days);"
    " a case counts as late only when its deadline has passed on the lenient calendar too (cuti bersama not counted)."
)

REGISTER_TITLES = {
    kinds.REQUEST: _l("Information request register"),
    kinds.OBJECTION: _l("Objection register"),
    kinds.DISPUTE: _l("Dispute register"),
    kinds.COMPLAINT: _l("Complaint register"),
}

COLUMNS = {
    "ticket": _l("Register number"),
    "received_at": _l("Received"),
    "channel": _l("Channel"),
    "requester_name": _l("Requester's name"),
    "requester_address": _l("Address"),
    "requester_occupation": _l("Occupation"),
    "requester_contact": _l("Contact"),
    "requester_type": _l("Requester type"),
    "information": _l("Information requested"),
    "purpose": _l("Purpose"),
    "obtain_method": _l("How to obtain"),
    "delivery_method": _l("How to deliver"),
    "status": _l("Stage"),
    "result": _l("Decision"),
    # A request's objections and the disputes on them, with what became of each (engine.register_lookups.followed_by).
    "final_result": _l("Final result (objection, dispute)"),
    "decided_at": _l("Decision date"),
    "notice_sent_on": _l("Letter sent on"),
    "notice_via": _l("Letter sent by"),
    "exemptions": _l("Article 17 letters"),
    "reason": _l("Reasons"),
    "order_to_ppid": _l("Superior's order to the PPID"),
    "decision_days": _l("Working days taken"),
    "extended": _l("Extended"),
    "overdue": _l("Late"),
    "fee_charged": _l("Fee charged (IDR)"),
    "fee_paid": _l("Fee paid (IDR)"),
    "delivered_on": _l("Information delivered"),
    "proxy_name": _l("Proxy"),
    "request_ticket": _l("Request number"),
    "grounds": _l("Grounds (Article 35(1))"),
    "late_filed": _l("Filed late"),
    "decided_by": _l("Decided by"),
    "decided_by_position": _l("Position of the one who decided"),
    "requester_response": _l("Requester's reaction"),
    "commission": _l("Information Commission"),
    "commission_register": _l("Commission register number"),
    "filed_at_commission": _l("Filed at the Commission"),
    "parent_ticket": _l("Objection or request"),
    "mediation": _l("Mediation"),
    "adjudication": _l("Adjudication"),
    "court": _l("Court challenge by"),
    # The court's decision as the form records it: its effect on the information request (granted or refused), not
    # on the challenge, which was the office's or the applicant's (``court``): "Dismissed" beside a challenge by the
    # office read as the office's challenge dismissed.
    "court_result": _l("Court decision: effect on the information request"),
    "court_decided_on": _l("Court decision date"),
    "cassation": _l("Cassation"),
    "cassation_result": _l("Supreme Court decision: effect on the information request"),
    "cassation_decided_on": _l("Supreme Court decision date"),
    "final_on": _l("Final and binding on"),
    "carried_out_on": _l("Carried out"),
    "reporter_mode": _l("Reporter's protection"),
    "reporter_category": _l("Reporter category"),
    "location_province": _l("Province where it happened"),
    "location_regency": _l("Regency or city where it happened"),
    "subject": _l("Complaint subject"),
    "category": _l("Category"),
    "problem_code": _l("Problem code"),
    "oversight": _l("Oversight-relevant"),
    "unit_code": _l("Unit"),
    # Why a complaint was not followed up (engine.facts.NOT_ACTIONABLE): never "Not Actionable" (Tidak Dapat
    # Ditindaklanjuti), a status of its own (legal-process.md §8.3) that only the verification's reason is.
    "not_actionable": _l("Not followed up because"),
    "not_actionable_reason": _l("Why not actionable at verification"),  # the form's jenis_alasan (none before)
    "follow_up": _l("Follow-up"),
    "closed_at": _l("Closed"),
    "closed_days": _l("Working days to close"),
    "sla_days": _l("Resolution tier (working days)"),
    "within_sla": _l("Within its tier"),
    "closed_calendar_days": _l("Days to close"),
    "within_statutory": _l("Within the statutory 60 days"),
}

# How a case reached the office (engine.models.Case.channel): the one list of their names, for the registers, the
# reports and the pages alike (api.web.display.CHANNEL_LABELS).
CHANNELS = {
    "langsung": _l("In person"),
    "web": _l("Web portal"),
    "email": _l("E-mail"),
    "pos": _l("Post"),
    "telepon": _l("Telephone"),
    "lapor": _l("SP4N-LAPOR!"),
    "medsos": _l("WhatsApp or social media"),
}
EXEMPTIONS = {
    "a": _l("a. obstructs law enforcement"),
    "b": _l("b. intellectual property or fair competition"),
    "c": _l("c. defence and state security"),
    "d": _l("d. Indonesia's natural wealth"),
    "e": _l("e. national economic resilience"),
    "f": _l("f. foreign relations"),
    "g": _l("g. authentic deeds and last wills"),
    "h": _l("h. personal secrets"),
    "i": _l("i. confidential internal memoranda"),
    "j": _l("j. closed by law"),
}
# Why a request's time was extended by 7 working days (UU 14/2008 Pasal 22(8)), as the report's time section lists
# them under the extensions: said to be the extension's reason, or "not yet held" reads as the decision of that name
# ("outcomes.not_documented", a written notice that the information is not yet held or documented).
EXTENSION_REASONS = {
    "belum_dikuasai": _l("Extended because: information not yet held"),
    "belum_didokumentasikan": _l("Extended because: information not yet documented"),
    "belum_dapat_diputuskan_dikecualikan": _l("Extended because: not yet decided whether it is exempt"),
}
AMAR = {
    "dikabulkan_seluruhnya": _l("Granted in full"),
    "dikabulkan_sebagian": _l("Granted in part"),
    "ditolak": _l("Dismissed"),
}
# A court's decision on a challenge (and the Supreme Court's on cassation), as the forms record it: what it means for
# the information request (pesan_putusan_pengadilan.json, pesan_putusan_kasasi.json: "effect on the request").
COURT_AMAR = {
    "dikabulkan_seluruhnya": _l("Information request granted in full"),
    "dikabulkan_sebagian": _l("Information request granted in part"),
    "ditolak": _l("Information request refused"),
}
# ``tidak_berlaku``: a dispute on ground a alone, which mediation cannot settle (UU 14/2008 Pasal 40;
# engine.register_rows).
MEDIATION = {"berhasil": _l("Agreement"), "gagal": _l("Failed"), "tidak_berlaku": _l("Not applicable (ground a)")}
COURT = {"pemohon": _l("The applicant"), "termohon": _l("The office")}
NOT_ACTIONABLE = {
    "verifikasi": _l("Not actionable at verification"),
    "instansi_lain": _l("Outside the office's authority: forwarded"),
    "tidak_cukup_bukti": _l("Not proven: insufficient evidence"),  # resolved (§7.4 row 2, §10: SELESAI)
    "dianggap_dicabut": _l("Evidence not supplied: deemed withdrawn"),
    # an anonymous complaint whose evidence never came (pengaduan v4, §7.3 rule 4), not the verification's
    "tanpa_bukti_anonim": _l("Anonymous, evidence not supplied: kept as information"),
}
OVERSIGHT = {"berkadar": _l("Oversight-relevant"), "tidak_berkadar": _l("Not oversight-relevant")}
# A complaint found not actionable at verification before the form asked which reason (engine.complaint_stats).
REASON_NOT_RECORDED = _l("Reason not recorded (verified before the form asked it)")
# The requester's reaction to the superior's answer as the objection register derives it
# (engine.register_rows.reaction): Kawal knows of a dispute brought to the Commission and of a settlement, and of
# nothing else the requester did.
REACTIONS = {
    "dispute_filed": _l("Brought a dispute: %(tickets)s"),
    "settled": _l("Agreed to an amicable settlement"),
    "none_recorded": _l("No reaction recorded"),
}
OPEN = _l("Open")
UNKNOWN = _l("Not recorded")
# A complaint counted at no unit: not yet classified, closed before it was referred, or sent to another agency
# (engine.facts: a complaint's unit is the one it was referred to, never the office that received it). One referred
# to the Inspectorate General has its own row (INSPECTORATE_GENERAL, engine.complaint_stats).
NOT_REFERRED = _l("Not referred to a unit (yet, or at all)")
# A complaint register row's referred_to (engine.register_rows), and the statistics' unit row of the same complaints.
INSPECTORATE_GENERAL = _l("Inspectorate General")
YES, NO = _l("Yes"), _l("No")

# The figures of the Laporan Layanan Informasi Publik, by ``section.figure`` (engine.reports).
SECTIONS = {
    "requests": _l("Requests received"),
    "outcomes": _l("Decisions on the requests"),
    "refusals": _l("Refusals by exemption (Law 14/2008 Article 17)"),
    "redactions": _l("Partial grants by exemption (Article 17)"),
    "time": _l("Time to fulfil a request"),
    "fees": _l("Fees"),
    "objections": _l("Objections to the PPID's superior"),
    "disputes": _l("Disputes at the Information Commission"),
    "court": _l("Court cases"),
}
FIGURES = {
    "requests.received": _l("Requests received"),
    "requests.requester_perorangan": _l("from individuals"),
    "requests.requester_badan_hukum": _l("from legal entities"),
    "requests.requester_kelompok": _l("from groups"),
    "outcomes.decided": _l("Decided with a written notice"),
    "outcomes.granted_full": _l("Granted in full"),
    "outcomes.granted_part": _l("Granted in part"),
    "outcomes.refused": _l("Refused: exempt information"),
    "outcomes.not_held": _l("Information not held"),
    "outcomes.not_documented": _l("Not yet held or documented"),
    "outcomes.withdrawn": _l("Withdrawn by the requester"),
    "outcomes.closed_incomplete": _l("Closed: not completed by the requester"),
    "outcomes.in_process": _l("Still in process"),
    "time.band_0_5": _l("0 to 5 working days"),
    "time.band_6_10": _l("6 to 10 working days"),
    "time.band_11_17": _l("11 to 17 working days"),
    "time.band_over_17": _l("More than 17 working days"),
    "time.within_10": _l("Within 10 working days"),
    "time.within_17": _l("Within 17 working days"),
    "time.extended": _l("Extended by 7 working days"),
    "time.overdue": _l("Answered late (a deadline missed)"),
    "time.overdue_unanswered": _l("Not answered though a deadline was missed"),
    "fees.charged": _l("Requests charged a fee"),
    "fees.paid": _l("Requests with a fee paid"),
    "objections.received": _l("Objections received"),
    "objections.late_filed": _l("Filed after the 30 working days"),
    "objections.granted_full": _l("Granted in full"),
    "objections.granted_part": _l("Granted in part"),
    "objections.upheld": _l("Dismissed: the PPID's decision upheld"),
    "objections.settled": _l("Settled by agreement"),
    "objections.not_answered": _l("Not answered within 30 working days"),
    "objections.in_process": _l("Still in process"),
    "objections.answered_within_30": _l("Answered within 30 working days"),
    "objections.carried_out": _l("Granted and carried out (information delivered)"),
    "objections.settled_carried_out": _l("Settled by agreement and carried out (information delivered)"),
    "disputes.received": _l("Disputes (summons received)"),
    "disputes.mediation": _l("Mediated"),
    "disputes.mediation_agreed": _l("Mediation agreement"),
    "disputes.mediation_failed": _l("Mediation failed"),
    "disputes.adjudication": _l("Adjudicated"),
    "disputes.interlocutory": _l("Ended by an interlocutory decision"),
    "disputes.withdrawn": _l("Withdrawn by the applicant"),
    "disputes.lapsed": _l("Lapsed"),
    "disputes.in_process": _l("Still in process"),
    "disputes.carried_out": _l("Decision carried out"),
    "court.cases": _l("Decisions challenged in court"),
    "court.by_applicant": _l("by the applicant"),
    "court.by_office": _l("by the office"),
    "court.cassation": _l("Cassation filed"),
    "court.carried_out": _l("Court decision carried out"),
}
# What a share is of, by its base (engine.reports ``Figure.of``), where it is not its section's total: said after the
# share on the page, in the PDF and DOCX, and in its own column of the XLSX (api.reports.files.report_rows).
SHARE_OF = {
    "requests.received": _l("of all requests received"),
    "outcomes.decided": _l("of those decided"),
    "outcomes.refused": _l("of those refused"),
    "outcomes.granted_part": _l("of those granted in part"),
    "time.extended": _l("of those extended"),
    "objections.received": _l("of all objections received"),
    "objections.settled": _l("of those settled by agreement"),
    "disputes.received": _l("of all disputes received"),
    "disputes.mediation": _l("of those mediated"),
    "disputes.adjudication": _l("of those adjudicated"),
    "court.cases": _l("of those challenged in court"),
    "court.cassation": _l("of the cassations filed"),
}
# The yearly report's rows of the court's decisions (first instance) and of the Supreme Court's on cassation, by
# their effect on the request (COURT_AMAR); a request register's "followed by" names the Supreme Court's too.
COURT_RESULT = _l("Court: %(effect)s")
CASSATION_RESULT = _l("Supreme Court: %(effect)s")
NARRATIVE = {
    "policy": _l("General policy on public information services"),
    "facilities": _l("Facilities and their condition"),
    "staff": _l("Staff and their qualifications"),
    "budget": _l("Budget and how it was spent"),
    "obstacles_internal": _l("Internal obstacles"),
    "obstacles_external": _l("External obstacles"),
    "recommendations": _l("Recommendations and follow-up plan"),
}
# PermenPANRB 14/2017: the nine elements, as the survey asks about them.
SURVEY_ELEMENTS = {
    "persyaratan": _l("Requirements: how suitable were the requirements for the service you received?"),
    "prosedur": _l("Procedure: how easy was the procedure?"),
    "waktu": _l("Time: how fast was the service?"),
    "biaya": _l("Cost: how reasonable was the cost (the service is free; copying and delivery may cost)?"),
    "produk": _l("Product: how well did what you received match what the service standard promises?"),
    "kompetensi": _l("Competence: how competent were the officers?"),
    "perilaku": _l("Conduct: how courteous and friendly were the officers?"),
    "pengaduan": _l("Complaints: how well are complaints, suggestions and comments handled?"),
    "sarana": _l("Facilities: how good were the facilities and infrastructure?"),
}
SURVEY_SHORT = {
    "persyaratan": _l("Requirements"),
    "prosedur": _l("Procedure"),
    "waktu": _l("Time"),
    "biaya": _l("Cost"),
    "produk": _l("Product"),
    "kompetensi": _l("Competence"),
    "perilaku": _l("Conduct"),
    "pengaduan": _l("Complaint handling"),
    "sarana": _l("Facilities"),
}
SCALE = {1: _l("1 — Not suitable"), 2: _l("2 — Less suitable"), 3: _l("3 — Suitable"), 4: _l("4 — Very suitable")}
# Each element's own four answers, as PermenPANRB 14/2017's questionnaire words them ("how fast": not "suitable").
SURVEY_SCALES = {
    "persyaratan": SCALE,
    "prosedur": {1: _l("1 — Not easy"), 2: _l("2 — Less easy"), 3: _l("3 — Easy"), 4: _l("4 — Very easy")},
    "waktu": {1: _l("1 — Not fast"), 2: _l("2 — Less fast"), 3: _l("3 — Fast"), 4: _l("4 — Very fast")},
    "biaya": {1: _l("1 — Very expensive"), 2: _l("2 — Rather expensive"), 3: _l("3 — Cheap"), 4: _l("4 — Free")},
    "produk": SCALE,
    "kompetensi": {
        1: _l("1 — Not competent"),
        2: _l("2 — Less competent"),
        3: _l("3 — Competent"),
        4: _l("4 — Very competent"),
    },
    "perilaku": {
        1: _l("1 — Not courteous and friendly"),
        2: _l("2 — Less courteous and friendly"),
        3: _l("3 — Courteous and friendly"),
        4: _l("4 — Very courteous and friendly"),
    },
    "pengaduan": {
        1: _l("1 — There is none"),
        2: _l("2 — There is one, but it does not work"),
        3: _l("3 — It works, not at its best"),
        4: _l("4 — It is well managed"),
    },
    "sarana": {1: _l("1 — Poor"), 2: _l("2 — Fair"), 3: _l("3 — Good"), 4: _l("4 — Very good")},
}
PERFORMANCE = {
    "sangat_baik": _l("Very good"),
    "baik": _l("Good"),
    "kurang_baik": _l("Less than good"),
    "tidak_baik": _l("Not good"),
}
COMPLAINT_DIMENSIONS = {
    "channel": _l("By channel"),
    "mode": _l("By the reporter's protection"),
    "problem_code": _l("By problem code (Minister of Administrative Reform Regulation 5/2009)"),
    "category": _l("By category"),
    "reporter_category": _l("By reporter category"),
    "province": _l("By province where it happened"),
    "regency": _l("By regency or city where it happened"),
    "oversight": _l("By oversight relevance"),
    "unit": _l("By unit"),
    "result": _l("By outcome"),
    "not_actionable": _l("Not followed up, by reason"),
    "not_actionable_reason": _l("Not actionable at verification, by the reason chosen"),
    "follow_up": _l("Follow-up"),
}
TIERS = {
    "within_2": _l("Within 2 working days (light)"),
    "within_5": _l("Within 5 working days (normative)"),
    "within_14": _l("Within 14 working days (not oversight-relevant)"),
    # Counted from the receipt, as every band is: not the oversight-relevant tier, whose own limit is the statutory 60
    # days (calendar days, capped by the complete file: 38-44 working days), counted in the two rows below.
    "within_60": _l("Within 60 working days of receipt"),
    "over_60": _l("More than 60 working days"),
    "within_own_tier": _l("Within the tier each complaint was given"),
    "within_statutory": _l("Within the statutory 60 days (calendar days, Law 25/2009 Article 50)"),
    "statutory_missed": _l("The statutory 60 days lapsed"),
}


# The request form's choices carry only codes; these are the portal's names for them (same message ids).
REQUEST_CHOICES = {
    "requester_type": {
        "perorangan": _l("An individual"),
        "badan_hukum": _l("A legal entity (an organisation or company)"),
        "kelompok": _l("A group of people"),
    },
    "obtain_method": {
        "melihat": _l("See it"),
        "membaca": _l("Read it"),
        "mendengarkan": _l("Listen to it"),
        "mencatat": _l("Take notes"),
        "salinan_softcopy": _l("Get a digital copy"),
        "salinan_hardcopy": _l("Get a paper copy"),
    },
    "delivery_method": {
        "langsung": _l("Collected in person"),
        "kurir": _l("By courier"),
        "pos": _l("By post"),
        "faksimili": _l("By fax"),
        "email": _l("By e-mail"),
    },
}


def period_name(period) -> str:
    """A report's period in words: ``2025``, ``Semester I (Januari–Juni) 2025`` (never its key, ``2025-S1``)."""
    if period.semester is None:
        return str(period.year)
    if period.semester == 1:
        return _("Semester I (January–June) %(year)d", year=period.year)
    return _("Semester II (July–December) %(year)d", year=period.year)


def period_dates(rt: Runtime, period) -> str:
    """A report's period as its first and last day: ``1 Januari 2025 – 31 Desember 2025``."""
    start, end = period.bounds(rt.settings.office_timezone)
    first, last = start.date(), (end - timedelta(days=1)).date()
    return f"{format_date(first, 'd MMMM y')} – {format_date(last, 'd MMMM y')}"


def current_language() -> str:
    return str(get_locale() or "id")


def office_datetime(value: datetime | None) -> str:
    """``16 Des 2026, 16:00 WIB``, in the office's zone (as api.web.display writes it)."""
    if value is None:
        return ""
    return f"{format_datetime(value, 'd MMM y, HH:mm')} {office_zone(value)}"


def office_zone(value: datetime) -> str:
    """The office's zone at ``value`` as people name it: WIB, WITA or WIT."""
    return babel_dates.format_datetime(value, "zzz", tzinfo=get_timezone(), locale="id")


def form_choice(rt: Runtime, form: str, field: str, value: str) -> str:
    """A choice's name as the form gives it (``x-enum-titles``), in the visitor's language."""
    try:
        node = rt.forms.schema(form)["properties"][field]
    except (KeyError, LookupError):
        return value
    node = node.get("items", node) if "x-enum-titles" not in node else node
    titles = node.get("x-enum-titles-en" if current_language() == "en" else "x-enum-titles") or {}
    return titles.get(value, value)


def dressing(field: str, value: str) -> str:
    choices = REQUEST_CHOICES.get(field, {})
    return str(choices[value]) if value in choices else value


def value_text(rt: Runtime, column: str, value) -> str:
    """One register cell as text: a code by its name, a yes/no, a list joined, empty for nothing."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return str(YES if value else NO)
    if column == "final_result":  # "KEB-2025-000001: Keberatan dikabulkan sebagian; SIP-…: Putusan ajudikasi, …"
        return "; ".join(followed_text(item, current_language()) for item in value)
    if isinstance(value, list):
        return ", ".join(value_text(rt, column, v) for v in value)
    locale = current_language()
    if column in ("received_at", "decided_at", "closed_at") and isinstance(value, datetime):
        return office_datetime(value)
    if column == "decided_at":  # the day the decision is dated (the superior's decision, an agreement)
        return format_date(value, "d MMM y")
    if column in (
        "delivered_on",
        "carried_out_on",
        "notice_sent_on",
        "filed_at_commission",
        "court_decided_on",
        "cassation_decided_on",
        "final_on",
    ):
        return format_date(value, "d MMM y")  # a day, as the register writes its instants
    if column in ("channel", "notice_via"):
        return str(CHANNELS.get(value, value))
    if column in ("status", "result"):
        return status.label(value, locale)
    if column in ("requester_type", "obtain_method", "delivery_method"):
        return dressing(column, value)
    if column == "requester_response":
        words = REACTIONS.get(value.get("code"))
        return str(words) % {"tickets": ", ".join(value.get("disputes", []))} if words else str(value)
    if column == "decided_by_position":
        return position(value, locale)
    if column == "grounds":
        return f"{value} ({form_choice(rt, 'keberatan.json', 'alasan', value)})"
    if column == "exemptions":
        return str(EXEMPTIONS.get(value, value))
    if column == "adjudication":
        return str(AMAR.get(value, value))
    if column in ("court_result", "cassation_result"):
        return str(COURT_AMAR.get(value, value))
    if column == "mediation":
        return str(MEDIATION.get(value, value))
    if column == "court":
        return str(COURT.get(value, value))
    if column == "reporter_mode":  # its name, without the form's explanation after the colon (repeated on every row)
        return form_choice(rt, "pengaduan.json", "mode", value).split(":")[0]
    if column == "unit_code":
        return _unit_name(value)
    if column == "referred_to":
        return str(INSPECTORATE_GENERAL) if value == register_rows.INSPECTORATE else str(value)
    if column == "category":
        return form_choice(rt, "pengaduan_klasifikasi.json", "kategori", value)
    if column == "problem_code":
        return f"{value} {form_choice(rt, 'pengaduan_klasifikasi.json', 'kode_masalah', value)}"
    if column == "not_actionable":
        return str(NOT_ACTIONABLE.get(value, value))
    if column == "not_actionable_reason":  # the verification form's choice; none before the form asked it
        if value == "tidak_dicatat":  # engine.complaint_stats.NOT_RECORDED
            return str(REASON_NOT_RECORDED)
        return form_choice(rt, "pengaduan_verifikasi.json", "jenis_alasan", value)
    if column == "follow_up":
        return form_choice(rt, "pengaduan_tindak_lanjut.json", "tindak_lanjut", value)
    if column in ("province", "location_province"):
        return form_choice(rt, "pengaduan_catat_pengaduan.json", "provinsi_kejadian", value)
    if column == "reporter_category":
        return form_choice(rt, "pengaduan.json", "kategori_pelapor", value)
    return str(value)


def followed_text(item: dict, locale: str) -> str:
    """An objection or a dispute that followed a request (engine.register_lookups.followed_by): its ticket and what
    became of it (its stage while open); a dispute's ruling and, after it, the court's decision's effect on the
    request."""
    words = [status.label(item.get("result") or item["status"], locale)]
    if item.get("adjudication"):
        words.append(str(AMAR.get(item["adjudication"], item["adjudication"])))
    if item.get("court_result"):
        words.append(str(COURT_AMAR.get(item["court_result"], item["court_result"])))
    if item.get("cassation_result"):  # the Supreme Court's, named: it may have overturned the court's
        effect = COURT_AMAR.get(item["cassation_result"], item["cassation_result"])
        words.append(str(CASSATION_RESULT) % {"effect": effect})
    return f"{item['ticket']}: {', '.join(words)}"


def position(title: str, locale: str) -> str:
    """A signatory's position as the letters print it in ``locale`` (engine.letters.signers.signatory): a lane's own
    title in that language ("Atasan PPID", "PPID Superior"); a title the office configured, as it wrote it."""
    for indonesian, english in DEFAULT_POSITIONS.values():
        if title == indonesian:
            return english if locale == "en" else indonesian
    return title


def figure_label(rt: Runtime, key: str) -> str:
    """A figure of the annual report by its ``section.figure`` key."""
    section, _dot, figure = key.partition(".")
    if key in FIGURES:
        return str(FIGURES[key])
    if figure.startswith("channel_"):
        return str(CHANNELS.get(figure[8:], figure))
    if section in ("refusals", "redactions"):
        return str(EXEMPTIONS.get(figure, figure))
    if figure.startswith("ground_"):
        letter = figure[7:]
        return f"{letter}. {form_choice(rt, 'keberatan.json', 'alasan', letter)}"
    if figure.startswith("extension_"):
        return str(EXTENSION_REASONS.get(figure[10:], figure))
    if section == "court" and figure.startswith("result_"):  # the court's (first instance): the request's fate
        return str(COURT_RESULT) % {"effect": COURT_AMAR.get(figure[7:], figure[7:])}
    if section == "court" and figure.startswith("cassation_result_"):  # the Supreme Court's, of the cassations
        amar = figure[len("cassation_result_") :]
        return str(CASSATION_RESULT) % {"effect": COURT_AMAR.get(amar, amar)}
    for prefix in ("adjudication_", "result_"):
        if figure.startswith(prefix):
            return str(AMAR.get(figure[len(prefix) :], figure))
    return key


def complaint_value(rt: Runtime, dimension: str, value: str) -> str:
    """A value of a complaint statistics breakdown."""
    if value == "-":
        return str(NOT_REFERRED if dimension == "unit" else UNKNOWN)
    if dimension == "unit" and value == register_rows.INSPECTORATE:
        return str(INSPECTORATE_GENERAL)
    if dimension == "oversight":
        return str(OVERSIGHT.get(value, value))
    if dimension == "result":
        return str(OPEN) if value == "terbuka" else status.label(value, current_language())
    return value_text(rt, {"mode": "reporter_mode", "unit": "unit_code"}.get(dimension, dimension), value)


def _unit_name(code: str) -> str:
    """A unit as the pages name it ("Bidang Pendidikan Madrasah (PENDMAD)"), once per request and code."""
    from flask import g

    from api.extensions import db
    from engine.models import Unit

    known = g.setdefault("unit_names", {})
    if code not in known:
        name = db.session.scalar(select(Unit.name).where(Unit.code == code))
        known[code] = code if name in (None, "", code) else f"{name} ({code})"
    return known[code]
