"""The facts the registers, the statutory reports and the dashboard count, one row per case (``CaseFacts``).

Every fact is derived from what the case already records: its row (status, outcome, dates, flags), its
history (milestones reached, the data of completed tasks, messages from the Komisi Informasi or a court)
and its deadlines. ``refresh`` runs at the end of every run of the case (engine.run), in its
transaction, so the facts never lag the case; ``rebuild`` derives every row again (``kawal reports
rebuild``), which is also how a test proves the running facts equal a fresh derivation.

Working days are counted on the strict calendar (the agency's own clock), from the receipt's day zero
as the calendar reads it, to the office-local day of the later event: a written notice sent on the
T10 due date took 10 working days. "Late" (``overdue``) is the requester's reading, not that clock's
(legal-process.md §2.2): a case counts late only when one of its public deadlines lapsed on the lenient
reading too (engine.lateness.late_deadline), as the apology to the requester says it; a lapse on the
strict reading alone (cuti bersama counted as working days) is the office's internal flag (``Case.overdue``).
Which reading a document used it says (api.reports.labels.READING).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime

from sqlalchemy import bindparam, func, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from engine import audit, clock, kinds, lateness, objection_orders, referral, regions, status
from engine.calendar import iso_day
from engine.db import per_dialect
from engine.models import Case, CaseEvent, CaseFacts, Unit
from engine.runtime import Runtime

# The events a case's facts are read from (a request's news of a granted objection: engine.objection_orders).
EVENT_TYPES = ("status_changed", "task_completed", "message_received", objection_orders.NEWS)
# The derivation the facts follow, named by the newest migration when it last changed (a new column, or a new rule:
# 0047 was the newest when a complaint's unit became its referral's alone; 0048 when an oversight-relevant
# classification stopped counting the unit its form still named, engine.referral; 0053 when a granted objection's
# order carried out on a request still being handled counted as carried out, engine.objection_orders; 0056 when
# "late" became late on the lenient reading too and a request closed as incomplete kept its written notice; 0057 when
# a complaint not actionable at verification kept the reason chosen, not_actionable_reason). Each row
# records the derivation it follows (``derived``): `kawal db upgrade` derives again every row that follows an older
# one (api.cli), batch by batch, so an upgrade interrupted meanwhile resumes where it stopped; `kawal reports rebuild`
# derives them all.
DERIVED_SINCE = "0058"
# What each of those derivations changed, as `kawal db upgrade` says it when it derives a row again (api.cli): a
# derivation is named by the newest migration of its day, which need not have changed the facts itself (0053 only
# added an index; the rule came with the code). A new DERIVED_SINCE gets its line here
# (tests/test_cli_upgrade_words.py).
DERIVATIONS = {
    "0047": "a complaint's unit is the one it was referred to, not the one its form named",
    "0048": "a complaint classified as relevant to oversight no longer counts for the unit its form still named",
    "0053": "a granted objection's order carried out on a request still being handled counts as carried out",
    "0056": "a case counts late only when its deadline lapsed on the lenient reading too (not on cuti bersama"
    " alone), and a request closed as incomplete keeps the date and form of its written notice",
    "0057": "a complaint not actionable at verification keeps the reason chosen (outside the office's authority,"
    " before a court, parties unclear); one verified before the choice existed counts as reason not recorded",
    "0058": "a dispute keeps the court's decision beside the Supreme Court's on cassation, and a cassation the office"
    " filed through its own decision counts as filed",
}
# How each kind of case ends, as CaseFacts.result names it.
RESULTS = {
    kinds.REQUEST: (*sorted(status.OUTCOMES), "dicabut", "ditutup_tidak_lengkap"),
    kinds.OBJECTION: (*sorted(status.OBJECTION_OUTCOMES), "diselesaikan_musyawarah", "keberatan_tidak_ditanggapi"),
    kinds.DISPUTE: ("putusan_mediasi", "putusan_ajudikasi", "putusan_sela", "sengketa_dicabut", "sengketa_gugur"),
    kinds.COMPLAINT: (
        "pengaduan_selesai",
        "tidak_dapat_ditindaklanjuti",
        "diteruskan_instansi_lain",
        "dianggap_dicabut",
    ),
}
# Why a complaint could not be acted on (the share "not actionable, with reasons").
NOT_ACTIONABLE = ("verifikasi", "instansi_lain", "tidak_cukup_bukti", "dianggap_dicabut", "tanpa_bukti_anonim")
# An anonymous complaint whose evidence never came closes as not actionable (legal-process.md §7.3 rule 4;
# pengaduan.bpmn version 4): its result is "tidak_dapat_ditindaklanjuti", its reason that the evidence did not come.
ANONYMOUS_WITHOUT_EVIDENCE = status.ANONYMOUS_NOT_ACTIONABLE
# Why the verification found a complaint not actionable (its form's ``jenis_alasan``; legal-process.md §7.1, §7.4,
# §10: outside authority, before a court, reporter and/or reported party unclear and cannot be confirmed; or another,
# explained in its free text). A complaint verified before the form asked it has none (NOT_RECORDED in the statistics).
NOT_ACTIONABLE_REASONS = ("di_luar_kewenangan", "perkara_pengadilan", "pihak_tidak_jelas", "lainnya")
# A refusal or a partial grant names its Pasal 17 letters and gives written reasons.
EXEMPTING = ("ditolak_dikecualikan", "dikabulkan_sebagian")
# The complaint team's assessments of a clarification (each may find the evidence insufficient).
ASSESSMENTS = ("klarifikasi", "klarifikasi_lanjutan", "klarifikasi_setelah_dibuka")
DISPUTE_DECISIONS = ("putusan_mediasi", "putusan_ajudikasi", "putusan_sela")
# The day each of the Commission's decisions is dated, as the officer recorded it: (message, field). A mediation
# agreement is dated by the mediation's result, an adjudication by the day it was read in session, an interlocutory
# decision by the preliminary hearing that gave it (legal-process.md §5.2 stages 4, 5a, 7).
DISPUTE_DECISION_DATES = {
    "putusan_mediasi": ("hasil_mediasi", "tanggal"),
    "putusan_ajudikasi": ("putusan_ajudikasi", "tanggal_dibacakan"),
    "putusan_sela": ("pemeriksaan_awal", "tanggal"),
}


def month(instant: datetime, rt: Runtime) -> str:
    return instant.astimezone(rt.calendars["strict"].tz).strftime("%Y-%m")


def letters(values) -> str | None:
    """``["h", "a"]`` as ``,a,h,`` (a count per letter is then ``LIKE '%,h,%'``); None for none."""
    found = sorted({str(v) for v in values or () if v})
    return f",{','.join(found)}," if found else None


def working_days(rt: Runtime, received_at: datetime, later: datetime | date) -> int:
    """Working days from the receipt's day zero to the office-local day of ``later``, or to the day ``later``
    (strict calendar)."""
    cal = rt.calendars["strict"]
    start, _moved, _skipped = cal.day_zero(received_at)
    day = later.astimezone(cal.tz).date() if isinstance(later, datetime) else later
    return max(0, cal.working_days_between(start, day))


class _History:
    """A case's milestones, completed tasks and messages, read once."""

    def __init__(self, rows):
        self.statuses: list[tuple[str, datetime]] = []
        self.tasks: dict[str, dict] = {}  # the last completion of each task
        self.actors: dict[str, str] = {}  # who completed it
        self.messages: dict[str, dict] = {}  # the last message of each name
        self.referred_unit: str | None = None  # a complaint's unit: the classification's, or the last re-referral's
        self.rows: list[tuple[str, dict]] = []  # every event read, as (type, data), oldest first
        for type_, at, actor, data in rows:
            self.rows.append((type_, data or {}))
            if type_ == "status_changed":
                self.statuses.append((data.get("status"), at))
            elif type_ == "task_completed":
                self.tasks[data.get("task")] = data.get("data") or {}
                self.actors[data.get("task")] = actor
                self._referral(data.get("task"), data.get("data") or {})
            elif type_ == "message_received":
                self.messages[data.get("message")] = data.get("data") or {}

    def _referral(self, task: str, data: dict) -> None:
        self.referred_unit = referral.referred_to(task, data) or self.referred_unit

    def reached(self, *names: str) -> datetime | None:
        """When the case first reached one of these statuses."""
        return next((at for name, at in self.statuses if name in names), None)

    def last_of(self, names) -> str | None:
        return next((name for name, _at in reversed(self.statuses) if name in names), None)

    def task(self, name: str) -> dict:
        return self.tasks.get(name, {})


def derive(session: Session, rt: Runtime, case: Case, *, unit_in_sql: bool = False, at: datetime | None = None) -> dict:
    """Every CaseFacts column of ``case`` (but its key and refresh time), from the case alone.

    ``unit_in_sql``: leave the unit's code (None) to the statement that writes the facts (``_upsert``). ``at``: the
    instant lateness is judged at (default: now; the apology's, engine.notices).
    """
    history = _History(_events(session, case))
    unit_code = None
    if _counted_unit_id(case) and not unit_in_sql:
        with session.no_autoflush:
            unit_code = session.get(Unit, case.unit_id).code
    facts = {
        "kind": case.kind,
        "received_at": case.received_at,
        "received_month": month(case.received_at, rt),
        "unit_code": unit_code,
        "channel": case.channel,
        "requester_type": case.requester_type,
        # Late as the requester may be told (engine.lateness): on the lenient reading too, judged when the case
        # closed, else now; the apology's reminder derives the row again when that reading lapses (engine.notices).
        "overdue": bool(case.overdue) and lateness.late_deadline(rt, case, at) is not None,
        **{column: None for column in _OPTIONAL},
        "extended": False,
        "late_filed": False,
        "cassation": False,
    }
    derive_kind = {
        kinds.REQUEST: _request,
        kinds.OBJECTION: _objection,
        kinds.DISPUTE: _dispute,
        kinds.COMPLAINT: _complaint,
    }[case.kind]
    facts.update(derive_kind(case, history))
    # Days the officer recorded for what happened, which count rather than the day they were typed in.
    tz = rt.calendars["strict"].tz
    resolved_on = facts.pop("resolved_on", None)
    sent, decided_at = facts["notice_sent_on"], facts["decided_at"]
    if facts["decided_on"] is None and sent and decided_at and decided_at.astimezone(tz).date() > sent:
        facts["decided_on"] = sent  # typed in after the notice it produced went out: decided no later than that
    decided_on = facts["decided_on"]
    if case.closed_at is not None:
        # A complaint is resolved on the day its outcome notice is dated; archiving it later is the office's own.
        end = resolved_on or case.closed_at.astimezone(tz).date()
        received = case.received_at.astimezone(tz).date()
        facts.update(
            closed_month=month(case.closed_at, rt),
            closed_days=working_days(rt, case.received_at, end),
            closed_calendar_days=(end - received).days,
        )
        if case.kind == kinds.COMPLAINT:
            facts["sla"] = _sla(case, end, tz)
    if facts["decided_at"] is not None or facts["notice_sent_on"] is not None:
        # The law counts to the written notice (or response) as sent: its recorded date, not the day an
        # officer recorded it (engine.lateness counts the deadline as met by the same date); without a notice
        # (an objection settled by agreement), to the decision's recorded date.
        end = facts["notice_sent_on"] or decided_on or facts["decided_at"]
        facts["decision_days"] = working_days(rt, case.received_at, end)
    return facts


def _events(session: Session, case: Case) -> list[tuple]:
    """The case's events that facts read, in order: those written already and those of this change not yet
    flushed. Read without a flush, so the run's change is written once, by its own flush (engine.run)."""
    with session.no_autoflush:
        rows = session.execute(_HISTORY, {"case_id": case.id}).all()
    pending = [
        (e["seq"], e["type"], e["at"], e["actor"], e["data"])
        for e in audit.pending(session, case)
        if e["type"] in EVENT_TYPES
    ]
    return [row[1:] for row in sorted([*rows, *pending], key=lambda row: row[0])]


_EVENTS = CaseEvent.__table__
_HISTORY = select(_EVENTS.c.seq, _EVENTS.c.type, _EVENTS.c.at, _EVENTS.c.actor, _EVENTS.c.data).where(
    _EVENTS.c.case_id == bindparam("case_id"), _EVENTS.c.type.in_(EVENT_TYPES)
)  # built once (see engine.run); on the table, not the entity: rows, no ORM loading, and never a flush

_OPTIONAL = (
    "result",
    "decided_at",
    "decision_days",
    "decided_on",
    "decided_by",
    "notice_sent_on",
    "notice_via",
    "reason",
    "closed_month",
    "closed_days",
    "closed_calendar_days",
    "extension_reason",
    "exemptions",
    "grounds",
    "fee_charged",
    "fee_paid",
    "delivered_on",
    "carried_out_on",
    "mediation",
    "adjudication",
    "court",
    "court_result",
    "court_decided_on",
    "cassation_result",
    "cassation_decided_on",
    "problem_code",
    "category",
    "oversight",
    "not_actionable",
    "not_actionable_reason",
    "follow_up",
    "location_province",
    "location_regency",
    "reporter_category",
    "sla_days",
    "statutory",
    "sla",
)


def _rupiah(value) -> int | None:
    return round(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _request(case: Case, h: _History) -> dict:
    result = case.outcome or (case.status if case.status in ("dicabut", "ditutup_tidak_lengkap") else None)
    delivery = h.task("penyerahan_lanjutan") or h.task("penyerahan_informasi")
    decision = h.task("putuskan")
    exempting = decision.get("keputusan") in EXEMPTING
    extended = h.reached("diperpanjang") is not None
    decided_at = h.reached(*status.OUTCOMES)
    notice = h.task("pemberitahuan_tertulis") if decided_at is not None else {}
    if result == "ditutup_tidak_lengkap":  # the written notice of what was missing (Pasal 22(7)), which answers T10
        notice = h.task("pemberitahuan_tidak_lengkap")
    return {
        "result": result,
        "decided_at": decided_at,
        "decided_by": h.actors.get("putuskan"),
        "notice_sent_on": iso_day(notice.get("tanggal_pemberitahuan")),
        "notice_via": notice.get("dikirim_melalui"),
        "reason": decision.get("alasan_keputusan") if exempting else None,
        "extended": extended,
        "extension_reason": h.task("tentukan_langkah").get("alasan_perpanjangan") if extended else None,
        "exemptions": letters(decision.get("pasal_pengecualian")) if exempting else None,
        "fee_charged": _rupiah(h.task("pemberitahuan_tertulis").get("biaya")),
        # The payment recorded before delivery (engine.fees); older cases typed it on the delivery form.
        "fee_paid": _rupiah(h.task("catat_pembayaran").get("jumlah_dibayar") or delivery.get("biaya_dibayar")),
        "delivered_on": iso_day(delivery.get("tanggal_penyerahan")),
        # A granted (or settled) objection carried out: the information handed over when delivery reopened, or, on a
        # request still being handled when it was granted, delivered after it as it ordered (engine.objection_orders).
        "carried_out_on": objection_orders.carried_out_on(h.rows)
        or iso_day(h.task("penyerahan_lanjutan").get("tanggal_penyerahan")),
    }


def _objection(case: Case, h: _History) -> dict:
    result = case.outcome or h.last_of(("diselesaikan_musyawarah", "keberatan_tidak_ditanggapi"))
    timeliness = (case.details or {}).get("ketepatan_waktu") or {}
    decision = h.task("putuskan_keberatan")
    decided_at = h.reached("tanggapan_dikirim", "diselesaikan_musyawarah")
    response = h.task("kirim_tanggapan") if decided_at is not None else {}
    settled = h.task("tawarkan_musyawarah") if h.last_of(("diselesaikan_musyawarah",)) else {}
    return {
        "result": result,
        "decided_at": decided_at,
        "decided_on": iso_day(decision.get("tanggal_keputusan") or settled.get("tanggal")),
        "decided_by": h.actors.get("putuskan_keberatan"),
        "notice_sent_on": iso_day(response.get("tanggal_dikirim")),
        "notice_via": response.get("dikirim_melalui"),
        "reason": decision.get("alasan_tertulis"),
        "grounds": letters((case.details or {}).get("alasan")),
        "late_filed": bool(timeliness.get("late")),
    }


def _dispute(case: Case, h: _History) -> dict:
    mediation = h.messages.get("hasil_mediasi", {}).get("hasil")
    if mediation is None and h.reached("mediasi_gagal"):
        mediation = "gagal"  # the mediation's time ran out
    court = None
    if h.task("sikap_atas_putusan").get("sikap") == "mengajukan_keberatan":
        court = "termohon"
    elif "gugatan_pemohon" in h.messages:
        court = "pemohon"
    judgment = h.messages.get("putusan_pengadilan") or {}  # the court's (first instance)
    cassation = h.messages.get("putusan_kasasi") or {}  # the Supreme Court's, kept beside it (§9.2 (c) 5-6)
    decision = next((name for name, _at in h.statuses if name in DISPUTE_DECISIONS), None)
    message, field = DISPUTE_DECISION_DATES.get(decision, (None, None))
    return {
        "result": h.last_of(RESULTS[kinds.DISPUTE]),
        "decided_at": h.reached(*DISPUTE_DECISIONS),
        "decided_on": iso_day(h.messages.get(message, {}).get(field)),
        "grounds": letters((case.details or {}).get("alasan")),
        "mediation": mediation,
        "adjudication": h.messages.get("putusan_ajudikasi", {}).get("amar"),
        "court": court,
        "court_result": judgment.get("amar"),
        "court_decided_on": iso_day(judgment.get("tanggal")),
        "cassation_result": cassation.get("amar"),
        "cassation_decided_on": iso_day(cassation.get("tanggal")),
        # Filed by either party: the applicant's (or a party's) filing recorded as a message, the office's own through
        # its decision on cassation (sikap_kasasi).
        "cassation": "kasasi_diajukan" in h.messages or h.task("sikap_kasasi").get("sikap") == "mengajukan_kasasi",
        "carried_out_on": iso_day(h.task("pelaksanaan_putusan").get("tanggal_pelaksanaan")),
    }


def _complaint(case: Case, h: _History) -> dict:
    verification = h.task("verifikasi")
    classification = h.task("klasifikasi")
    recorded = h.task("catat_pengaduan")
    closings = (*RESULTS[kinds.COMPLAINT], ANONYMOUS_WITHOUT_EVIDENCE)
    result = h.last_of(closings) if case.closed_at is not None else None
    assessed = {h.task(name).get("hasil") for name in ASSESSMENTS}
    reason = None
    if result == ANONYMOUS_WITHOUT_EVIDENCE:
        result, reason = "tidak_dapat_ditindaklanjuti", "tanpa_bukti_anonim"
    elif result == "tidak_dapat_ditindaklanjuti" or verification.get("hasil") == "tidak_dapat_ditindaklanjuti":
        reason = "verifikasi"
    elif result == "diteruskan_instansi_lain":
        reason = "instansi_lain"
    elif result == "dianggap_dicabut":
        reason = "dianggap_dicabut"
    elif "tidak_cukup_bukti" in assessed:
        reason = "tidak_cukup_bukti"
    sla = next((d.working_days for d in case.deadlines if d.name == "SLA"), None)
    # The statutory 60 days (S60, UU 25/2009 Pasal 50), counted from the complete file (receipt or reopening):
    # missed if any of its clocks lapsed, met if one was met; None while it runs or when it never started
    # (a complaint closed at verification) or was cancelled (deemed withdrawn).
    s60 = {d.status for d in case.deadlines if d.name == "S60"}
    statutory = "missed" if "missed" in s60 else "met" if "met" in s60 else None
    if result == "dianggap_dicabut" and statutory == "met":  # settled by nobody: before 0025 an evidence request
        statutory = None  # closed its clock as met (engine.sync, cancelled_in), and old cases keep their rows
    facts = {
        "result": result,
        "decided_at": case.closed_at,
        "resolved_on": iso_day(h.task("pemberitahuan_hasil").get("tanggal")) if case.closed_at is not None else None,
        "problem_code": classification.get("kode_masalah"),
        "category": classification.get("kategori") or (case.details or {}).get("kategori_usulan"),
        "oversight": classification.get("berkadar_pengawasan"),
        "not_actionable": reason,
        "not_actionable_reason": verification.get("jenis_alasan") if reason == "verifikasi" else None,
        "follow_up": h.task("tindak_lanjut").get("tindak_lanjut"),
        "location_province": recorded.get("provinsi_kejadian"),
        "location_regency": regions.regency(recorded.get("kabkota_kejadian")),
        "reporter_category": (case.details or {}).get("kategori_pelapor"),
        "sla_days": sla,
        "statutory": statutory,
    }
    if h.referred_unit:
        facts["unit_code"] = h.referred_unit
    return facts


def _sla(case: Case, resolved_on: date, tz) -> str | None:
    """Was the complaint resolved (its outcome notice dated) by the end of the resolution clock that ran last?

    That clock starts at the receipt, at the classification (KAWAL_COMPLAINT_SLA_FROM) or afresh when the
    reporter's evidence arrived or the case was reopened: the time the file waited for the reporter is not
    the office's. None when no clock ran to the end (closed at verification, deemed withdrawn).
    """
    clocks = [d for d in case.deadlines if d.name == "SLA" and d.status != "cancelled"]
    if not clocks:
        return None
    return "met" if resolved_on <= clocks[-1].due_at.astimezone(tz).date() else "missed"


def _counted_unit_id(case: Case) -> int | None:
    """The unit a case is counted at unless its history names another: its own; a complaint's none, for a complaint
    is counted at the unit it is referred to (``_History.referred_unit``), never at the office that received it
    (every complaint is the main unit's: it was listed there before anyone had classified or referred it)."""
    return None if case.kind == kinds.COMPLAINT else case.unit_id


def refresh(session: Session, rt: Runtime, case: Case, at: datetime | None = None) -> None:
    """Bring the case's facts row in line with the case (same transaction as the change); ``at``: the instant its
    lateness is judged at (``derive``).

    One upsert, not a read and a write: the row is a read model nobody holds in the session meanwhile
    (a row that is held is updated as an object, so the session never holds a stale one).
    """
    if case.id is None:  # a case not written yet: its row first (the facts' key, and its events' case)
        session.flush()
    row = session.identity_map.get(identity_key(CaseFacts, case.id))
    if row is not None:
        for key, value in derive(session, rt, case, at=at).items():
            setattr(row, key, value)
        row.refreshed_at = clock.now()
        row.derived = DERIVED_SINCE
        return
    values = derive(session, rt, case, unit_in_sql=True, at=at)
    with session.no_autoflush:  # the case's row exists already; the run's change is flushed after this
        session.execute(
            _upsert(session), {**values, "case_id": case.id, "unit_id": _counted_unit_id(case), "now": clock.now()}
        )


@per_dialect
def _upsert(insert):
    """INSERT .. ON CONFLICT DO UPDATE of a facts row; the unit's code (unless a fact names another, e.g. a
    complaint's referral) comes from the unit row in the same statement."""
    table = CaseFacts.__table__
    values = {c.name: bindparam(c.name, type_=c.type) for c in table.columns}  # the columns' own types
    unit = select(Unit.code).where(Unit.id == bindparam("unit_id")).scalar_subquery()
    values["unit_code"] = func.coalesce(bindparam("unit_code", type_=table.c.unit_code.type), unit)
    values["refreshed_at"] = bindparam("now", type_=table.c.refreshed_at.type)
    values["derived"] = literal(DERIVED_SINCE)
    upsert = insert(table).values(values)
    return upsert.on_conflict_do_update(
        index_elements=["case_id"],
        set_={c.name: upsert.excluded[c.name] for c in table.columns if c.name != "case_id"},
    )


REBUILD_BATCH = 500  # cases derived (and, committing, committed) at a time


def rebuild(
    session: Session, rt: Runtime, batch: int | None = None, *, stale_only: bool = False, commit: bool = False
) -> int:
    """Derive every case's facts again (after an upgrade, or to check the running ones); returns the count.

    ``stale_only``: only the cases whose row follows an older derivation, or has none. ``commit``: each batch in
    its own transaction, so a long rebuild holds no row for long and one interrupted keeps what it finished.
    """
    done = 0
    last = 0
    batch = batch or REBUILD_BATCH
    while True:
        query = select(Case).where(Case.id > last).order_by(Case.id).limit(batch)
        if stale_only:
            current = select(CaseFacts.case_id).where(CaseFacts.case_id == Case.id, CaseFacts.derived == DERIVED_SINCE)
            query = query.where(~current.exists())
        cases = session.scalars(query).all()
        if not cases:
            return done
        for case in cases:
            refresh(session, rt, case)
        last = cases[-1].id
        done += len(cases)
        session.flush()
        if commit:
            session.commit()


# A dispute's court stage as the case records it: the office's positions on the decisions (what it filed, when it went
# to court or to the Supreme Court), the messages of the applicant's challenge and of a cassation filed, the court's
# judgment and the Supreme Court's (sengketa_informasi.bpmn).
POSITION, CASSATION_POSITION = ("sikap_atas_putusan", "mengajukan_keberatan"), ("sikap_kasasi", "mengajukan_kasasi")
CHALLENGED, JUDGED = "gugatan_pemohon", "putusan_pengadilan"
CASSATION_FILED, CASSATION_DECIDED = "kasasi_diajukan", "putusan_kasasi"


def court_stage(session: Session, case: Case) -> dict:
    """What a dispute's court stage recorded beyond its facts row, for the officers' case page (api.web.case), read as
    its letters read it (``court_reading``)."""
    h = _History(_events(session, case))
    return court_reading(h.task, h.messages)


def court_reading(task: Callable[[str], dict], messages: Mapping[str, dict]) -> dict:
    """The one reading of a dispute's court stage, the case page's and the court letters' (engine.letters.dispute):
    ``court``, the court that heard the challenge, and ``court_number`` and ``cassation_number``, each stage's case
    number. Each is its decision's when the decision names it, else its filing's: the office's own position when it
    filed, else the applicant's challenge or the message of a cassation filed. None for what was not recorded.
    ``task``: the data of a task's latest completion ({} when never completed); ``messages``: the data of the latest
    message of each name."""
    judgment, cassation = messages.get(JUDGED) or {}, messages.get(CASSATION_DECIDED) or {}
    lodged = (judgment, _filed(task, POSITION), messages.get(CHALLENGED) or {})
    appealed = (cassation, _filed(task, CASSATION_POSITION), messages.get(CASSATION_FILED) or {})
    return {
        "court": _first(lodged, "pengadilan"),
        "court_number": _first(lodged, "nomor_perkara"),
        "cassation_number": _first(appealed, "nomor_perkara"),
    }


def _filed(task: Callable[[str], dict], position: tuple[str, str]) -> dict:
    """The data of the office's position ``position`` (task, answer) when it answered so: what the office filed."""
    name, answer = position
    data = task(name)
    return data if data.get("sikap") == answer else {}


def _first(records: tuple[dict, ...], key: str) -> str | None:
    return next((record[key] for record in records if record.get(key)), None)


# The Commission's adjudication decision (its message), which the office's position judges.
ADJUDICATED = "putusan_ajudikasi"


def decision_stage(session: Session, case: Case) -> dict:
    """What a dispute recorded of its decisions, for the officers' pages (api.web.facts), from one read of its history:
    ``court_stage``'s reading (``court_reading``); the Commission's operative part (``amar``), the day it was read and
    the days the office and the applicant received its copy; the days the court's judgment reached each party, and the
    court's and the Supreme Court's rulings on the challenge itself; who filed the cassation. The receipts are the
    model's (sengketa_informasi.bpmn putusan_diterima, putusan_pengadilan_diterima): the office received the judgment
    on its day unless it recorded another; the applicant's receipt only as recorded, never the day the model assumes
    without one. None for what was not recorded."""
    h = _History(_events(session, case))
    decision = h.messages.get(ADJUDICATED) or {}
    judgment, cassation = h.messages.get(JUDGED) or {}, h.messages.get(CASSATION_DECIDED) or {}
    return {
        **court_reading(h.task, h.messages),
        "amar": decision.get("amar"),
        "read_on": iso_day(decision.get("tanggal_dibacakan")),
        "received_on": iso_day(decision.get("tanggal_diterima")),
        "applicant_received_on": iso_day(decision.get("tanggal_diterima_pemohon")),
        "challenge_ruling": judgment.get("putusan_atas_keberatan"),
        "judgment_received_on": iso_day(judgment.get("tanggal_diterima") or judgment.get("tanggal")),
        "judgment_applicant_received_on": iso_day(judgment.get("tanggal_diterima_pemohon")),
        "cassation_by": _cassation_filer(h.task, h.messages),
        "cassation_ruling": cassation.get("putusan_atas_kasasi"),
    }


def _cassation_filer(task: Callable[[str], dict], messages: Mapping[str, dict]) -> str | None:
    """Who filed the cassation: the office through its own position (``termohon``), else the party the message of a
    cassation filed names (the applicant when it names none, as the model reads it); None when none was filed."""
    if _filed(task, CASSATION_POSITION):
        return "termohon"
    filed = messages.get(CASSATION_FILED)
    return (filed.get("pihak") or "pemohon") if filed is not None else None
