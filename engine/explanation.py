"""How a due date was counted, in a sentence a requester or an officer can check (legal-process.md §2.2).

Every explanation says which reading it used and why: the agency's own deadline is counted on the
reading that ends earliest (the strict calendar), a window that belongs to the requester, the
reporter, the Commission or a court on the reading that ends latest (the lenient calendar). It then
names day zero and how it was found, the office hours whose close ends the due day, the days that did
not count and why, and marks holiday dates the ``holidays`` package only estimates (e.g. an Idul
Fitri marked "perkiraan") until the admin has confirmed that year (engine.holiday_years).

Provenance rows written before these keys existed (no ``reading``, no ``day_zero_rule``) are still
explained, from their ``calendar`` and ``after_hours``.
"""

from __future__ import annotations

import re

from engine.calendar import (
    DAY_ZERO_CALENDAR_DATE,
    DAY_ZERO_NEXT_WORKING_DAY,
    DAY_ZERO_RECEIPT_DAY,
    STRICT,
    day_off_name,
)

# Whose clock it is, in the words of each language; None: said from the calendar alone.
HOLDERS = {
    "agency": ("batas waktu badan publik sendiri", "the agency's own deadline"),
    "requester": ("jangka waktu milik pemohon", "a window that belongs to the requester"),
    "reporter": ("jangka waktu milik pelapor", "a window that belongs to the reporter"),
    "commission": ("jangka waktu Komisi Informasi", "a period that belongs to the Information Commission"),
    "court": ("jangka waktu para pihak di pengadilan", "a period that belongs to the parties before a court"),
    "other": (
        "jangka waktu milik pihak lain (pemohon, pelapor, Komisi Informasi atau pengadilan)",
        "a window that belongs to another party (the requester, the reporter, the Commission or a court)",
    ),
}
ESTIMATED_MARK = "perkiraan"  # how the holidays package names a date it only estimates
# The English explanation names the days in English with the Indonesian term in brackets, as the calendar page
# does (the SKB names them so): every English explanation names them in its first sentence.
COLLECTIVE_LEAVE = "collective leave days (cuti bersama)"
# Dates in words (``words=True``: the pages people read); the API and the CLI keep ISO 8601.
MONTHS = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
ZONES = {"+07:00": "WIB", "+08:00": "WITA", "+09:00": "WIT"}  # the offices' zones as Indonesians name them
# What day zero is the date of, when a clock starts from something other than the case's receipt (the process's
# ``start`` property, which engine.sync keeps in the provenance): the words of each language. A clock armed "now" is a
# referral's (UNIT, the unit's answer, in both processes that refer): it counts from the referral, never the receipt.
STARTS = {
    "now": ("tanggal dirujuk ke unit", "the date it was referred to the unit"),
    # A complaint's referral to the Inspectorate General (pengaduan.bpmn ITJEN), from the classification deciding it.
    "klasifikasi_at": ("tanggal pengaduan diklasifikasikan", "the date the complaint was classified"),
    # The hand-over clock the fee's payment arms (engine.sync PAYMENT_START), from the date paid (``start_on``).
    "payment": ("tanggal pembayaran biaya", "the date the fee was paid"),
    # A free hand-over's clock armed on a day (engine.sync HANDOVER_START, REOPENED_START; ``start_on``): the day the
    # hand-over step was reached after the notice's period, or the day an objection's decision reopened it.
    "handover": (
        "tanggal permohonan sampai pada tahap penyerahan informasi",
        "the date the request reached the hand-over step",
    ),
    "reopened": (
        "tanggal keputusan atas keberatan membuka kembali penyerahan informasi",
        "the date the decision on the objection reopened the hand-over",
    ),
    # The reporter's evidence window (pengaduan.bpmn BUKTI): from the team's request for evidence, not a receipt.
    "bukti_diminta_at": ("tanggal permintaan bukti dikirim", "the date the request for evidence was sent"),
    # A dispute's compliance clock from the office's receipt of the Supreme Court's judgment, when that came after the
    # judgment's date (engine.sync CASSATION_RECEIVED; ``start_on``).
    "putusan_kasasi_diterima": (
        "tanggal salinan putusan kasasi diterima Termohon",
        "the date the office received the Supreme Court's judgment",
    ),
    # Otherwise the compliance clock counts from the day the decision became final, or, where no such day was recorded,
    # the day it was recorded final; after mediation from the agreement, or it falls on the day the agreement set
    # (engine.sync FINAL_START, FINAL_RECORDED, AGREEMENT_START, AGREED_DAY; ``start_on``).
    "final": ("tanggal putusan berkekuatan hukum tetap", "the date the decision became final and binding"),
    "final_recorded": (
        "tanggal putusan dicatat berkekuatan hukum tetap",
        "the date the decision was recorded as final and binding",
    ),
    "agreement": ("tanggal kesepakatan mediasi", "the date of the mediation agreement"),
    "agreed_day": (
        "tanggal yang ditetapkan kesepakatan mediasi untuk pelaksanaannya",
        "the date the mediation agreement set for carrying it out",
    ),
    # The office's last day to record its position on the court's judgment (K14_AKHIR), from K14's lenient last day
    # (engine.sync K14_ENDED; ``start_on``).
    "k14_berakhir": (
        "hari terakhir Termohon mengajukan kasasi menurut pembacaan paling akhir (K14)",
        "the office's last day to file for cassation on the latest reading (K14)",
    ),
}
# The rule a clock that starts from something other than the receipt counts by, said after its count: ``{days}``, its
# days. The law sets no time to hand over (legal-process.md §3.5); after a payment the office's standard does
# (KAWAL_DELIVERY_DAYS), and only copying and delivery are paid for (UU 14/2008 Pasal 2(3)).
START_RULES = {
    "payment": (
        "Jangka waktu ini dimulai oleh pembayaran biaya, bukan oleh penerimaan permohonan: informasi diserahkan paling"
        " lambat {days} hari kerja setelah tanggal pembayaran, menurut standar layanan badan publik (UU 14/2008 Pasal 2"
        " ayat (3): yang dibayar hanya biaya penggandaan dan/atau pengiriman; undang-undang tidak menetapkan jangka"
        " waktu penyerahan).",
        "This period starts with the payment of the fee, not with the receipt of the request: the information is"
        " handed over within {days} working days of the payment date, by the office's service standard (Law 14/2008"
        " Article 2(3): only copying and/or delivery is paid for; the law sets no time for handing over).",
    ),
    "handover": (
        "Jangka waktu ini dimulai pada hari permohonan sampai pada tahap penyerahan, bukan pada penerimaan permohonan:"
        " jangka waktu pemberitahuan sudah berakhir, maka informasi diserahkan tanpa biaya paling lambat {days} hari"
        " kerja sejak hari itu, menurut standar layanan badan publik (undang-undang tidak menetapkan jangka waktu"
        " penyerahan).",
        "This period starts on the day the request reached the hand-over step, not with the receipt of the request:"
        " the period for the notice had already ended, so the information is handed over free of charge within {days}"
        " working days of that day, by the office's service standard (the law sets no time for handing over).",
    ),
    "reopened": (
        "Jangka waktu ini dimulai pada hari keputusan atas keberatan membuka kembali penyerahan informasi, bukan pada"
        " penerimaan permohonan: informasi diserahkan paling lambat {days} hari kerja sejak hari itu, menurut standar"
        " layanan badan publik (UU 14/2008 Pasal 36; UU 14/2008 tidak menetapkan jangka waktu penyerahan setelah"
        " keberatan dikabulkan).",
        "This period starts on the day the decision on the objection reopened the hand-over, not with the receipt of"
        " the request: the information is handed over within {days} working days of that day, by the office's service"
        " standard (Law 14/2008 Article 36; Law 14/2008 sets no time for handing over after an objection is granted).",
    ),
    "putusan_kasasi_diterima": (
        "Putusan kasasi berkekuatan hukum tetap sejak tanggal putusannya, tetapi badan publik baru dapat"
        " melaksanakannya setelah salinannya diterima: jangka waktu pelaksanaan dihitung sejak tanggal salinan"
        " diterima.",
        "The Supreme Court's judgment is final from its own date, but the office can carry it out only once it has"
        " received the copy: the time to carry it out is counted from the date the copy was received.",
    ),
    "k14_berakhir": (
        "Jangka waktu ini berakhir satu hari kerja setelah hari terakhir Termohon mengajukan kasasi: kasasi yang"
        " diajukan pada hari terakhir itu masih dapat dicatat sampai akhir jam kerja hari ini; setelahnya tugas sikap"
        " kantor atas putusan pengadilan berakhir.",
        "This ends one working day after the office's last day to file for cassation: a cassation lodged on that last"
        " day can still be recorded until the close of office hours on this day; after it the office's position task"
        " on the court's judgment ends.",
    ),
}
# A value kept as an ISO 8601 date or instant (what the pages write in words).
ISO_DATE_OR_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?")


def holder_of(kind: str | None, calendar: str) -> str:
    """Whose clock a deadline row is: ``agency`` for the office's own, else another party's."""
    if kind == "info":
        return "commission"
    if calendar == STRICT and kind in (None, "agency", "window"):
        return "agency"
    return "other"


def explain(
    provenance: dict, locale: str = "id", holder: str | None = None, confirmed_years=None, words: bool = False
) -> str:
    """One paragraph on how a due date was counted: the reading and why, day zero, hours, days skipped.

    ``confirmed_years``: the years whose holiday dates the admin has confirmed; a skipped day the
    package marks as estimated in any other year is shown as estimated. ``words``: dates as a person
    reads them (``5 Des 2026``, ``17 Des 2026, 16:00 WIB``) instead of ISO 8601.
    """
    en = locale == "en"
    early = _before_hours(provenance)  # read from the instant kept, before it is put into words
    if words:
        provenance = _in_words(provenance, "en" if en else "id")
    strict = provenance.get("calendar") == STRICT
    holder = holder or ("agency" if strict else "other")
    whose = HOLDERS.get(holder, HOLDERS["other"])[1 if en else 0]
    start = STARTS.get(provenance.get("start", ""))
    start = start[1 if en else 0] if start else None
    parts = [_reading(strict, whose, en, start), _count(provenance, strict, en, start, early)]
    rule = START_RULES.get(provenance.get("start", ""))
    if rule:
        parts.append(rule[1 if en else 0].format(days=provenance.get("working_days", "")))
    skipped = provenance.get("skipped", [])
    if skipped:
        days = ", ".join(_skipped(s, confirmed_years, en) for s in skipped)
        parts.append(f"Days not counted: {days}." if en else f"Hari yang tidak dihitung: {days}.")
    if provenance.get("earliest_due_at") and not strict:
        parts.append(_EARLIEST[1 if en else 0].format(earliest=provenance["earliest_due_at"], due=provenance["due_at"]))
    return " ".join(parts)


# A requester's window whose end on the earliest reading falls on an earlier day (engine.chain ``_with_earliest``):
# both readings named, and the one the date to file by follows (legal-process.md §2.2).
_EARLIEST = (
    "Menurut pembacaan paling awal (kalender ketat: cuti bersama dihitung sebagai hari kerja, dan hari ke-0 adalah"
    " tanggal diterima, pukul berapa pun) jangka waktu ini berakhir pada {earliest}: tanggal itulah yang disebut"
    " sebagai batas pengajuan, agar aman; pengajuan sampai {due} tetap tepat waktu menurut pembacaan paling akhir.",
    f"On the earliest reading (strict calendar: {COLLECTIVE_LEAVE} count as working days, and day zero is the date"
    " of receipt whatever the hour) this period ends on {earliest}: that is the date given to file by, to be safe; a"
    " filing up to {due} is still in time on the latest reading.",
)


def _reading(strict: bool, whose: str, en: bool, start: str | None = None) -> str:
    """Which reading and why; ``start``: what day zero is the date of, when not the receipt (``STARTS``)."""
    if not strict and whose in HOLDERS["agency"]:  # the agency's deadline, past on the strict reading
        if en:
            return (
                "On the earliest reading (strict calendar) this deadline of the agency has passed; the agency"
                " counts itself late only when it has passed on the latest reading (lenient calendar) too:"
                f" {COLLECTIVE_LEAVE} are not working days, and a receipt after office hours or on a day off"
                " counts from the next working day."
            )
        return (
            "Menurut pembacaan paling awal (kalender ketat) batas waktu badan publik ini sudah lewat; badan publik"
            " baru menyatakan diri terlambat bila batas waktu menurut pembacaan paling akhir (kalender longgar) juga"
            " lewat: cuti bersama bukan hari kerja, dan penerimaan di luar jam kerja atau pada hari libur dihitung"
            " sejak hari kerja berikutnya."
        )
    if strict and start is not None:
        if en:
            return (
                f"Counted on the earliest reading (strict calendar), because this is {whose}:"
                f" {COLLECTIVE_LEAVE} count as working days, and day zero is {start}, whatever the hour."
            )
        return (
            f"Dihitung menurut pembacaan paling awal (kalender ketat), karena ini {whose}: cuti bersama"
            f" dihitung sebagai hari kerja, dan hari ke-0 adalah {start}, pukul berapa pun."
        )
    if strict and en:
        return (
            f"Counted on the earliest reading (strict calendar), because this is {whose}:"
            f" {COLLECTIVE_LEAVE} count as working days, and day zero is the date of receipt whatever the hour"
            " (Law 11/2008 on Electronic Information and Transactions, Article 8)."
        )
    if strict:
        return (
            f"Dihitung menurut pembacaan paling awal (kalender ketat), karena ini {whose}: cuti bersama"
            " dihitung sebagai hari kerja, dan hari ke-0 adalah tanggal diterima, pukul berapa pun (UU ITE Pasal 8)."
        )
    if en:
        return (
            f"Counted on the latest reading (lenient calendar), because this is {whose}:"
            f" {COLLECTIVE_LEAVE} are not working days, and a receipt after office hours or on a day off counts"
            " from the next working day."
        )
    return (
        f"Dihitung menurut pembacaan paling akhir (kalender longgar), karena ini {whose}: cuti bersama bukan"
        " hari kerja, dan penerimaan di luar jam kerja atau pada hari libur dihitung sejak hari kerja berikutnya."
    )


def _before_hours(p: dict) -> bool:
    """Was a receipt counted from its own day on the lenient reading (``DAY_ZERO_RECEIPT_DAY``) received before office
    hours opened that day? Such a moment counts that same day (engine.calendar ``day_zero``), but not "in office
    hours"."""
    received, hours = str(p.get("received_at") or ""), str(p.get("receipt_hours") or "")
    if (
        p.get("day_zero_rule") != DAY_ZERO_RECEIPT_DAY
        or len(received) < 16
        or received[10] not in "T "
        or "-" not in hours
    ):
        return False
    return received[11:16] < hours.split("-", 1)[0].strip()


def _count(p: dict, strict: bool, en: bool, start: str | None = None, early: bool = False) -> str:
    rule = p.get("day_zero_rule") or (DAY_ZERO_NEXT_WORKING_DAY if p.get("after_hours") else None)
    received = str(p.get("received_at", ""))
    received = received[:16].replace("T", " ") if received[:4].isdigit() else received
    receipt_hours = p.get("receipt_hours") or ""
    # A receipt recorded as a day without an hour (``received_on``, engine.chain) is read at its latest, from the end
    # of that day: the instant kept is that reading, not an hour anyone recorded, so it is never stated as one.
    dated = p.get("received_on")
    if dated:
        received = dated
    if start is not None and p.get("start_on"):  # a start dated without an hour (``STARTS``): that date alone
        received = p["start_on"]
    if rule == DAY_ZERO_NEXT_WORKING_DAY and dated and start is None:
        why = (
            f"moved: dated {dated} without an hour: counted from the end of that day"
            if en
            else f"digeser: bertanggal {dated} tanpa jam: dihitung sejak akhir hari itu"
        )
    elif rule == DAY_ZERO_NEXT_WORKING_DAY and start is not None:
        why = (
            f"moved: {start}, {received}, outside office hours ({receipt_hours}) or on a day off"
            if en
            else f"digeser: {start}, {received}, di luar jam kerja ({receipt_hours}) atau pada hari libur"
        )
    elif rule == DAY_ZERO_NEXT_WORKING_DAY:
        why = (
            f"moved: received {received}, outside office hours ({receipt_hours}) or on a day off"
            if en
            else f"digeser: diterima {received}, di luar jam kerja ({receipt_hours}) atau pada hari libur"
        )
    elif start is not None:  # the instant the clock started (kept as ``received_at``), not the case's receipt
        why = f"{start}, {received}"
    elif rule == DAY_ZERO_CALENDAR_DATE:
        why = f"the date of receipt, {received}" if en else f"tanggal diterima, {received}"
    elif early:  # before opening: that day counts, though not "in office hours"
        why = (
            f"received {received}, before office hours ({receipt_hours}): counted from that day"
            if en
            else f"diterima {received}, sebelum jam kerja ({receipt_hours}): dihitung sejak hari itu"
        )
    else:
        why = f"received {received} in office hours" if en else f"diterima {received} dalam jam kerja"
    why = why.replace(" ()", "")
    due_hours = p.get("due_hours")
    calendar_days = p.get("unit") == "calendar_days"
    close = (
        (f", at the close of office hours ({due_hours})" if en else f", akhir jam kerja ({due_hours})")
        if due_hours
        else ""
    )
    if p.get("working_days") == 0 and start is not None:  # a day set, not counted (a mediation agreement's own date)
        if en:
            return f"Not counted: due on {why}; due {p['due_at']}{close}."
        return f"Tidak dihitung: jatuh tempo pada {why}; batas waktu {p['due_at']}{close}."
    if en:
        unit = (
            "days (calendar days; a last day off moves to the working day " + ("before it)" if strict else "after it)")
            if calendar_days
            else ("working day" if p["working_days"] == 1 else "working days")
        )
        text = (
            f"{p['working_days']} {unit} counted from {p['counted_from']} (day zero: {why}); due {p['due_at']}{close}."
        )
        return text + (_ESTIMATED_START[1] if p.get("start_estimated") else "")
    unit = (
        "hari kalender (hari terakhir yang libur digeser ke hari kerja " + ("sebelumnya)" if strict else "berikutnya)")
        if calendar_days
        else "hari kerja"
    )
    text = (
        f"{p['working_days']} {unit} dihitung sejak {p['counted_from']} (hari ke-0: {why}); "
        f"batas waktu {p['due_at']}{close}."
    )
    return text + (_ESTIMATED_START[0] if p.get("start_estimated") else "")


# A window counted from the earliest date its holder can have received the paper, until the real date is recorded.
_ESTIMATED_START = (
    " Tanggal penerimaan oleh pihak tersebut belum dicatat: ini akhir paling cepat, dihitung dari tanggal paling awal"
    " yang mungkin.",
    " The holder's date of receipt is not recorded yet: this is the earliest possible end, counted from the earliest"
    " possible date.",
)


def _in_words(p: dict, language: str) -> dict:
    """The provenance's dates and instants written as a person reads them."""
    out = dict(p)
    for key in ("counted_from", "due_at", "received_at", "received_on", "start_on", "earliest_due_at"):
        if out.get(key):
            out[key] = instant_in_words(str(out[key]), language)
    out["skipped"] = [{**day, "shown": day_in_words(day["date"], language)} for day in p.get("skipped", [])]
    return out


def day_in_words(iso: str, language: str) -> str:
    """``2026-12-05`` -> ``5 Des 2026`` (``5 Dec 2026``)."""
    year, month, day = iso[:10].split("-")
    return f"{int(day)} {MONTHS[language][int(month) - 1]} {year}"


def instant_in_words(iso: str, language: str) -> str:
    """``2026-12-17T16:00:00+07:00`` -> ``17 Des 2026, 16:00 WIB``; a bare date as ``day_in_words``."""
    if len(iso) < 16 or iso[10] not in "T ":
        return day_in_words(iso, language)
    zone = ZONES.get(iso[-6:], "") if len(iso) >= 25 else ""  # the offset ends it, after any fraction of a second
    return f"{day_in_words(iso, language)}, {iso[11:16]}{' ' + zone if zone else ''}"


def _skipped(day: dict, confirmed_years, en: bool) -> str:
    """A day not counted, named in the reader's language (engine.calendar.day_off_name); a date the
    holiday data only estimates says so until the admin confirmed its year."""
    reason = day_off_name(day, "en" if en else "id")
    year = int(day["date"][:4])
    if ESTIMATED_MARK in day["reason"].lower():  # the stored name is the package's Indonesian one
        if confirmed_years is not None and year in confirmed_years:  # the admin checked it against the SKB
            reason = reason.replace(f" ({ESTIMATED_MARK})", "").replace(" (estimated)", "")
        else:
            note = (
                "estimated date, not yet confirmed by the joint ministerial decree (SKB)"
                if en
                else "tanggal perkiraan, belum dikonfirmasi SKB"
            )
            reason = f"{reason}; {note}"
    return f"{day.get('shown', day['date'])} ({reason})"
