"""Fees for copying and delivering information (UU 14/2008 Pasal 2(3), 21, 22(7)(g); legal-process.md §3.8).

Access is free; the requester pays only the cost of copying and/or sending, by the standard the head of
the body set. The admin keeps that standard here: each item (a printed page, a medium, a postal
delivery) has a price, its legal basis and the date it takes effect. A new price is a new version of
the item from a later date (``FeeRate`` rows are never edited), so the standard on any past day can be
read back and a notice always shows the price in force on its own date.

The written notice (task ``pemberitahuan_tertulis``) takes quantities, never an amount: ``assess``
prices them by the standard in force on the notice date, itemised, and the notice records the total
as ``biaya`` (a ``biaya`` the officer typed must agree with it). Soft copies (e-mail, download) carry
no item, so they are free; an item the notice's copy or the requester's way of receiving it does not call for
(printed pages for a digital copy, postage for an e-mail delivery: ``charges_not_asked``) is refused. When
the total is above zero the process waits for the payment (task ``catat_pembayaran``): the amount must equal
the notified total exactly, with the receipt's number and a date not before the notice and not in the future
(a fee paid typed again on the delivery form must agree with it). Both are frozen as rows (``FeeNotice``,
``FeePayment``) with their events, in the transaction of the task; the payment issues the receipt
letter (``kuitansi``, engine.letters).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine import access, access_log, clock
from engine.audit import EventLog
from engine.calendar import iso_day
from engine.catalogs import NP_, translated
from engine.errors import Invalid
from engine.messages import Money, Named, msg
from engine.models import FEE_CODES, Case, CaseEvent, FeeNotice, FeePayment, FeeRate, HumanTask, User

NOTICE_TASK = "pemberitahuan_tertulis"
PAYMENT_TASK = "catat_pembayaran"
DELIVERY_TASK = "penyerahan_informasi"
MEDIA = ("cd", "dvd", "flashdisk")
# What each item is priced per, for the pages and the letters: English message ids the catalogs translate
# (engine.catalogs; fees.po), in their own context: the information list's medium "CD" is "CD", a fee's "keping CD".
UNITS = {
    "halaman": NP_("fee unit", "printed page"),
    "cd": NP_("fee unit", "CD"),
    "dvd": NP_("fee unit", "DVD"),
    "flashdisk": NP_("fee unit", "flash drive"),
    "pos": NP_("fee unit", "postal delivery"),
}


def unit_name(code: str, locale: str = "id") -> str:
    """What a fee is priced per, counted once, in ``locale`` (``lembar halaman cetak``, ``printed page``)."""
    return translated(UNITS[code], locale)


# The English letters count more than one: "12 printed pages" (Indonesian counts without a plural).
UNITS_EN_PLURAL = {
    "halaman": "printed pages",
    "cd": "CDs",
    "dvd": "DVDs",
    "flashdisk": "flash drives",
    "pos": "postal deliveries",
}
# The form of the copy a notice gives (letter f, ``bentuk_salinan``): its own, else the one the request asked for
# (Pasal 22(2)); a request to view, read, listen to or take notes asks for none.
ASKED_COPY = {"salinan_softcopy": "softcopy", "salinan_hardcopy": "hardcopy"}
PRINTED = frozenset({"hardcopy", "softcopy_hardcopy"})
DIGITAL = frozenset({"softcopy", "softcopy_hardcopy"})
COPY_WORDS = {
    "softcopy": Named("a digital copy", "salinan elektronik"),
    "hardcopy": Named("a printed copy", "salinan cetak"),
    None: Named("no copy (the requester did not ask for one)", "tanpa salinan (pemohon tidak memintanya)"),
}
# How the requester asked to receive the information (the request's ``delivery_method``, which the notice prints
# beside letter f), in words for a refusal; and what can carry paper, a storage medium, or a postage charge.
DELIVERY_WORDS = {
    "langsung": Named("in person", "secara langsung"),
    "kurir": Named("by courier", "melalui kurir"),
    "pos": Named("by post", "melalui pos"),
    "faksimili": Named("by fax", "melalui faksimili"),
    "email": Named("by e-mail", "melalui e-mail"),
}
NO_PAPER = frozenset({"email"})
NO_MEDIUM = frozenset({"email", "faksimili"})
POSTED = frozenset({"pos", "kurir"})
MAX_AMOUNT = 10_000_000  # rupiah per unit; a typo beyond this is refused, not published
MAX_QUANTITY = 100_000


@dataclass(frozen=True)
class Assessment:
    items: list[dict]
    total: int


# -- the standard ------------------------------------------------------------------------------------
def in_force(session: Session, on: date) -> dict[str, FeeRate]:
    """Each item's version in force on ``on`` (its latest ``effective_from`` not after that day), by code."""
    latest = (
        select(FeeRate.code, func.max(FeeRate.effective_from).label("since"))
        .where(FeeRate.effective_from <= on)
        .group_by(FeeRate.code)
        .subquery()
    )
    rows = session.scalars(
        select(FeeRate).join(latest, (FeeRate.code == latest.c.code) & (FeeRate.effective_from == latest.c.since))
    )
    return {row.code: row for row in rows}


def versions(session: Session) -> list[FeeRate]:
    """Every version of every item, newest effective date first."""
    return list(session.scalars(select(FeeRate).order_by(FeeRate.code, FeeRate.effective_from.desc())))


def add_rate(session: Session, rt, user: User, data: dict) -> FeeRate:
    """A new version of an item of the standard, from its effective date (the admin's; never an edit).

    An effective date in the past is refused: notices already sent were priced by what was in force then.
    """
    access.require_admin(user)
    fields: dict[str, list] = {}
    code = data.get("code")
    if code not in FEE_CODES:
        fields["code"] = [msg("one_of", choices=", ".join(FEE_CODES))]
    amount = data.get("amount")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0 or amount > MAX_AMOUNT:
        fields["amount"] = [msg("fee_amount_range", max=MAX_AMOUNT)]
    basis = (data.get("legal_basis") or "").strip() if isinstance(data.get("legal_basis"), str) else ""
    if not basis:
        fields["legal_basis"] = [msg("required")]
    elif len(basis) > 2000:
        fields["legal_basis"] = [msg("too_long")]
    since = iso_day(data.get("effective_from"))
    today = rt.today()
    if since is None:
        fields["effective_from"] = [msg("date_required")]
    elif since < today:
        fields["effective_from"] = [msg("not_in_past")]
    elif code in FEE_CODES and session.scalar(
        select(FeeRate.id).where(FeeRate.code == code, FeeRate.effective_from == since)
    ):
        fields["effective_from"] = [msg("fee_version_exists")]
    if fields:
        raise Invalid("invalid_data", fields=fields)
    return record_rate(session, code, amount, since, basis, user.username, clock.now())


def record_rate(session: Session, code: str, amount: int, since: date, basis: str, actor: str, at: datetime) -> FeeRate:
    """The price row and its ``fee_rate_added`` record in the fee standard's hash chain (engine.access_log), in the
    caller's transaction: ``add_rate`` once it checked the administrator's form, and the demo's own standard
    (engine.demo_year), so that no price stands without its record (engine.chain_gaps)."""
    row = FeeRate(code=code, amount=amount, effective_from=since, legal_basis=basis, actor=actor, at=at)
    session.add(row)
    session.flush()
    recorded = {"code": code, "amount": amount, "effective_from": since.isoformat(), "legal_basis": basis}
    access_log.record(session, access_log.FEE, row.id, actor, "fee_rate_added", recorded, at=row.at)
    return row


# -- the notice --------------------------------------------------------------------------------------
def copy_given(request: dict, data: dict) -> str | None:
    """The form of the copy a notice gives: ``softcopy``, ``hardcopy``, ``softcopy_hardcopy`` or None (no copy)."""
    return data.get("bentuk_salinan") or ASKED_COPY.get(request.get("obtain_method"))


def delivery_words(delivery: str | None) -> Named:
    return DELIVERY_WORDS.get(delivery or "", Named(str(delivery), str(delivery)))


def charges_not_asked(request: dict, data: dict) -> dict[str, list]:
    """The notice's items against the copy it gives (letter f) and the way the requester asked to receive it
    (``request``: the case's details): only the cost of copying and/or sending what is given (Pasal 2(3); an
    unreasonable fee is a ground of objection, Pasal 35(1)(f)). Printed pages only for a printed copy, a storage
    medium only for a digital one, neither by e-mail (a medium not by fax either), postage only by post or courier.
    Field messages, {} when the items agree."""
    fields: dict[str, list] = {}
    form, delivery = copy_given(request, data), request.get("delivery_method")
    pages = data.get("jumlah_halaman")
    if isinstance(pages, int) and not isinstance(pages, bool) and pages > 0:
        if delivery in NO_PAPER:
            fields["jumlah_halaman"] = [msg("notice_printed_not_by_delivery", delivery=delivery_words(delivery))]
        elif form not in PRINTED:
            fields["jumlah_halaman"] = [msg("notice_pages_only_printed", form=COPY_WORDS[form])]
    if data.get("media_salinan"):
        if delivery in NO_MEDIUM:
            fields["media_salinan"] = [msg("notice_medium_not_by_delivery", delivery=delivery_words(delivery))]
        elif form not in DIGITAL:
            fields["media_salinan"] = [msg("notice_medium_only_digital", form=COPY_WORDS[form])]
    if data.get("dikirim_pos") is True and delivery not in POSTED:
        fields["dikirim_pos"] = [msg("notice_postage_not_by_post", delivery=delivery_words(delivery))]
    return fields


def assess(session: Session, data: dict, on: date, request: dict | None = None) -> Assessment:
    """The notice's fee from its quantities, priced by the standard in force on ``on``; itemised.

    Refused (field messages) when a quantity is not a whole number in range, charges what the notice does not
    give or the requester's way of receiving it cannot carry (``charges_not_asked``, given the ``request``'s
    details), or names an item the standard did not price on that day.
    """
    refused = charges_not_asked(request, data) if request is not None else {}
    wanted, fields = [], dict(refused)
    pages = _quantity(data, "jumlah_halaman", fields)
    if pages:
        wanted.append(("halaman", pages, "jumlah_halaman"))
    medium = data.get("media_salinan")
    if medium:
        count = _quantity(data, "jumlah_media", fields)
        wanted.append((medium, 1 if count is None else count, "media_salinan"))
    if data.get("dikirim_pos") is True:
        wanted.append(("pos", 1, "dikirim_pos"))
    wanted = [item for item in wanted if item[2] not in refused]  # what may not be charged is not priced either
    rates = in_force(session, on) if wanted else {}  # a notice of no copies and no post prices nothing
    items = []
    for code, quantity, field_name in wanted:
        rate = rates.get(code)
        if rate is None:
            fields.setdefault(field_name, []).append(msg("fee_no_standard", date=on))
            continue
        if quantity == 0:
            continue
        items.append(
            {
                "code": code,
                "unit": unit_name(code, "id"),
                "unit_en": unit_name(code, "en"),
                "quantity": quantity,
                "unit_amount": rate.amount,
                "amount": rate.amount * quantity,
                "rate_id": rate.id,
                "effective_from": rate.effective_from.isoformat(),
                "legal_basis": rate.legal_basis,
            }
        )
    if fields:
        raise Invalid("fee_not_asked_for" if refused else "fee_not_computable", fields=fields)
    return Assessment(items, sum(item["amount"] for item in items))


def check(session: Session, rt, task: HumanTask, data: dict) -> dict:
    """Before a task's run: the notice's fee computed from the standard, a payment equal to the notified fee.

    Returns the data the task completes with (the notice gains ``biaya`` and ``rincian_biaya``; the
    payment ``rincian_biaya`` for its receipt). Other tasks' data is returned as it came.
    """
    if task.bpmn_id == NOTICE_TASK:
        on = iso_day(data.get("tanggal_pemberitahuan"))
        if on is None:
            return data  # the form's own validation already refused it
        assessment = assess(session, data, on, task.case.details or {})
        typed = data.get("biaya")
        if typed is not None and _decimal(typed) != assessment.total:
            raise Invalid("fee_mismatch", fields={"biaya": [msg("fee_is_computed", total=Money(assessment.total))]})
        if assessment.total > 0 and not (data.get("cara_pembayaran") or "").strip():
            raise Invalid("invalid_data", fields={"cara_pembayaran": [msg("required")]})
        return {**data, "biaya": assessment.total, "rincian_biaya": assessment.items}
    if task.bpmn_id == PAYMENT_TASK:
        notice = notified(session, task.case)
        fields = {}
        if notice is None or notice.total <= 0:
            raise Invalid("fee_nothing_to_pay", fields={"jumlah_dibayar": [msg("fee_nothing_to_pay")]})
        if _decimal(data.get("jumlah_dibayar")) != notice.total:
            fields["jumlah_dibayar"] = [msg("fee_must_equal_notice", total=Money(notice.total))]
        paid_on = iso_day(data.get("tanggal_pembayaran"))
        today = rt.today()
        if paid_on is None or paid_on < notice.notice_date or paid_on > today:
            fields["tanggal_pembayaran"] = [msg("date_between_notice_and_today", first=notice.notice_date)]
        if fields:
            raise Invalid("fee_payment_refused", fields=fields)
        # The days the receipt promises are the days the clock counts: the setting in force at the payment.
        return {
            **data,
            "rincian_biaya": notice.items,
            "biaya": notice.total,
            "hari_penyerahan": rt.settings.delivery_days,
        }
    if task.bpmn_id == DELIVERY_TASK and data.get("biaya_dibayar") is not None:
        paid = payment(session, task.case)
        amount = paid.amount if paid is not None else 0
        if _decimal(data["biaya_dibayar"]) != amount:
            recorded = msg("fee_paid_is_recorded", total=Money(amount))
            raise Invalid("fee_mismatch", fields={"biaya_dibayar": [recorded]})
    return data


def record(session: Session, log: EventLog, case: Case, task: HumanTask, data: dict, actor: str) -> None:
    """Inside the task's run: the notice's fee or the payment frozen as a row, with its event."""
    if task.bpmn_id == NOTICE_TASK and "rincian_biaya" in data:
        row = FeeNotice(
            case_id=case.id,
            task_id=task.id,
            notice_date=date.fromisoformat(data["tanggal_pemberitahuan"]),
            items=data["rincian_biaya"],
            total=data["biaya"],
            at=clock.now(),
        )
        session.add(row)  # flushed with the run (an early flush would write the case twice)
        items = [{k: i[k] for k in ("code", "quantity", "unit_amount", "amount", "rate_id")} for i in row.items]
        log.append(case, "fee_notified", actor, {"task_id": task.id, "total": row.total, "items": items})
    elif task.bpmn_id == PAYMENT_TASK:
        with session.no_autoflush:  # read without writing the run's half-made change
            notice = notified(session, case)
        row = FeePayment(
            case_id=case.id,
            fee_notice_id=notice.id,
            task_id=task.id,
            amount=notice.total,
            # Cash at the desk (forms/catat_pembayaran.json ``cara_bayar``) has no slip of its own: the kuitansi
            # Kawal issues is its proof, and the row keeps no number ("").
            receipt_number=(data.get("nomor_tanda_bukti_pembayaran") or "").strip(),
            paid_on=date.fromisoformat(data["tanggal_pembayaran"]),
            actor=actor,
            at=clock.now(),
        )
        session.add(row)
        event = {"task_id": task.id, "amount": row.amount, "receipt": row.receipt_number}
        log.append(case, "fee_paid", actor, {**event, "paid_on": row.paid_on.isoformat()})


def notified(session: Session, case: Case) -> FeeNotice | None:
    """The fee the case's latest written notice stated."""
    return session.scalar(select(FeeNotice).where(FeeNotice.case_id == case.id).order_by(FeeNotice.id.desc()).limit(1))


@dataclass(frozen=True)
class Awaited:
    """A fee the requester was told and has not paid: since when (the notice's date), how much, and the payment
    method the notice stated, as the officer wrote it (it may name a period the office set; Kawal sets none)."""

    since: date
    total: int
    how: str


def awaiting(session: Session, case: Case) -> Awaited | None:
    """The fee the case waits to be paid (its task ``catat_pembayaran`` open), None when it waits for none.

    No law sets a period to pay (legal-process.md §3.8: UU 14/2008 Pasal 2(3); Perki 1/2010 Pasal 27-28 set only
    what may be charged and how it is paid), so the pages show the day the requester was told, never a date to
    pay by: the delivery period counts from the payment (permohonan_informasi.bpmn, ``jam_setelah_bayar``).
    """
    if not any(t.bpmn_id == PAYMENT_TASK and t.state == "open" for t in case.tasks):
        return None
    notice = notified(session, case)
    if notice is None or notice.total <= 0:
        return None
    told = session.scalar(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == case.id, CaseEvent.type == "task_completed")
        .where(CaseEvent.data["task_id"].as_integer() == notice.task_id)
        .limit(1)
    )
    how = ((told or {}).get("data") or {}).get("cara_pembayaran")
    return Awaited(notice.notice_date, notice.total, how.strip() if isinstance(how, str) else "")


def payment(session: Session, case: Case) -> FeePayment | None:
    return session.scalar(
        select(FeePayment).where(FeePayment.case_id == case.id).order_by(FeePayment.id.desc()).limit(1)
    )


# -- helpers -----------------------------------------------------------------------------------------
def _quantity(data: dict, name: str, fields: dict) -> int | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_QUANTITY:
        fields.setdefault(name, []).append(msg("number_at_most", max=MAX_QUANTITY))
        return None
    return value


def _decimal(value) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
