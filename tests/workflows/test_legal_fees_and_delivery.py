"""Issue 15, points 4 and 5: the fee comes from the standard, paid items wait for the payment, delivery has a clock.

UU 14/2008 Pasal 2(3): access is free; only copying and delivery may be charged, by the standard the head of the
body set (legal-process.md §3.8). The written notice states the fee itemised (Pasal 22(7) huruf g), from the
standard in force on its own date; the officer gives quantities, never an amount. Delivery of paid items waits
for the payment, which must equal the notified fee. The law sets no delivery period (§3.5): what is ready is
due within the notice period itself (T10, or T17 after an extension); after a payment, KAWAL_DELIVERY_DAYS
(3) working days from the payment date. A lapse flags the case overdue and escalates, like T10.
"""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from pypdf import PdfReader
from sqlalchemy import select

from engine.errors import Invalid
from engine.letters import production
from engine.models import Case, CaseEvent, FeeNotice, FeePayment, FeeRate, Letter, Reminder
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import DELIVERED, STEP, decision

# Mon 7 Dec 2026, 10:00 WIB. T10 (strict): Tue 8 (1), Wed 9 (2), Thu 10 (3), Fri 11 (4), Mon 14 (5), Tue 15 (6),
# Wed 16 (7), Thu 17 (8), Fri 18 (9), Mon 21 Dec 2026 (10), closing 16:00 WIB.
RECEIVED = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
T10 = datetime(2026, 12, 21, 9, 0, tzinfo=UTC)
BASIS = "Keputusan Kepala Kantor Wilayah Nomor 12 Tahun 2026 tentang Standar Biaya Layanan Informasi Publik"
# What a fee is for: a printed copy the requester asked for by post (printed pages and postage charged only for what
# the notice gives and the delivery can carry: engine.fees.charges_not_asked); with a digital copy too (a CD).
PAPER_BY_POST = {"obtain_method": "salinan_hardcopy", "delivery_method": "pos"}
BOTH = "softcopy_hardcopy"


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=False) as traveller:
        yield traveller


@pytest.fixture
def standard(office):
    """The fee standard: Rp500 a printed page from 1 Jan 2026, Rp750 from 1 Feb 2027; a CD Rp10.000; post Rp20.000."""
    with office.sessions.begin() as s:
        for code, amount, since in (
            ("halaman", 500, date(2026, 1, 1)),
            ("halaman", 750, date(2027, 2, 1)),
            ("cd", 10_000, date(2026, 1, 1)),
            ("pos", 20_000, date(2026, 1, 1)),
        ):
            s.add(
                FeeRate(code=code, amount=amount, effective_from=since, legal_basis=BASIS, actor="admin", at=RECEIVED)
            )


def _to_notice(office, ticket, clock):
    office.complete(ticket, "periksa_kelengkapan")
    for step in ("registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    clock.move_to(datetime(2026, 12, 8, 3, 0, tzinfo=UTC))  # the notice goes out on Tue 8 Dec 2026


def _notice(on="2026-12-08", **quantities):
    return {
        **STEP["pemberitahuan_tertulis"],
        "biaya": None,
        "jadwal_penyerahan": on,
        "tanggal_pemberitahuan": on,
        "cara_pembayaran": "Transfer ke rekening BLU kantor",
        **quantities,
    }


def _without_typed_fee(data):
    return {k: v for k, v in data.items() if v is not None}


def _rows(office, model, ticket):
    with office.sessions() as s:
        return s.scalars(select(model).join(Case, Case.id == model.case_id).where(Case.ticket == ticket)).all()


def _events(office, ticket, kind):
    with office.sessions() as s:
        rows = s.scalars(select(CaseEvent).join(Case).where(Case.ticket == ticket, CaseEvent.type == kind))
        return [e.data for e in rows]


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _refused(office, ticket, name, data) -> dict:
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, name, data)
    return {k: [str(m) for m in v] for k, v in refused.value.fields.items()}


def test_notice_fee_is_pages_times_rate_plus_media_plus_postage_by_the_standard_on_the_notice_date(
    office, clock, standard
):
    ticket = office.submit(**PAPER_BY_POST)
    _to_notice(office, ticket, clock)
    office.complete(
        ticket,
        "pemberitahuan_tertulis",
        _without_typed_fee(
            _notice(jumlah_halaman=40, media_salinan="cd", jumlah_media=2, dikirim_pos=True, bentuk_salinan=BOTH)
        ),
    )
    [notice] = _rows(office, FeeNotice, ticket)
    # 40 x Rp500 (the page rate of 1 Jan 2026, not the one from 1 Feb 2027) + 2 x Rp10.000 + Rp20.000
    assert [(i["code"], i["quantity"], i["unit_amount"], i["amount"]) for i in notice.items] == [
        ("halaman", 40, 500, 20_000),
        ("cd", 2, 10_000, 20_000),
        ("pos", 1, 20_000, 20_000),
    ]
    assert (notice.total, notice.notice_date) == (60_000, date(2026, 12, 8))
    assert all(i["legal_basis"] == BASIS for i in notice.items)
    assert _events(office, ticket, "fee_notified")[0]["total"] == 60_000
    assert office.open_tasks(ticket) == ["catat_pembayaran"]  # delivery waits for the payment
    with office.sessions() as s:  # the notice states the fee itemised (Pasal 22(7) huruf g)
        letter = s.scalar(select(Letter).where(Letter.kind == "pemberitahuan_tertulis"))
        text = _pdf_text(production.produce(office.rt, production.prepare(s, office.rt, letter.id)))
    assert "Rp60.000" in text
    assert "40 lembar halaman cetak x Rp500 = Rp20.000" in " ".join(text.split())


def test_soft_copies_are_free_and_go_straight_to_delivery_due_within_t10(office, clock, standard):
    ticket = office.submit()
    _to_notice(office, ticket, clock)
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice()))
    assert _rows(office, FeeNotice, ticket)[0].total == 0
    assert office.open_tasks(ticket) == ["penyerahan_informasi"]
    serah = office.deadline(ticket, "SERAH")
    assert (serah.status, serah.due_at, serah.working_days, serah.calendar) == ("pending", T10, 10, "strict")


def test_a_fee_typed_by_the_officer_must_equal_the_standard_else_refused_and_nothing_changes(
    office, clock, standard, unchanged
):
    ticket = office.submit(**PAPER_BY_POST)
    _to_notice(office, ticket, clock)
    with unchanged():
        fields = _refused(office, ticket, "pemberitahuan_tertulis", {**_notice(jumlah_halaman=10), "biaya": 7_000})
    assert fields == {"biaya": ["the fee is computed from the quantities and the fee standard: IDR 5,000"]}
    assert office.open_tasks(ticket) == ["pemberitahuan_tertulis"]


def test_an_item_the_standard_does_not_price_on_the_notice_date_is_refused(office, clock, standard):
    ticket = office.submit(delivery_method="pos")  # a digital copy, on a DVD by post
    _to_notice(office, ticket, clock)
    fields = _refused(office, ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice(media_salinan="dvd")))
    assert fields == {
        "media_salinan": [
            "the fee standard prices no such item on 2026-12-08: an administrator adds it on the Fee standard page"
        ]
    }


def test_payment_must_equal_the_notified_fee_with_a_receipt_dated_between_notice_and_today(
    office, clock, standard, unchanged
):
    ticket = office.submit(**PAPER_BY_POST)
    _to_notice(office, ticket, clock)
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice(jumlah_halaman=30)))
    clock.move_to(datetime(2026, 12, 10, 3, 0, tzinfo=UTC))  # Thu 10 Dec 2026
    payment = {
        "jumlah_dibayar": 15_000,
        "nomor_tanda_bukti_pembayaran": "BRI-778812",
        "tanggal_pembayaran": "2026-12-10",
    }
    with unchanged():
        assert _refused(office, ticket, "catat_pembayaran", {**payment, "jumlah_dibayar": 14_999}) == {
            "jumlah_dibayar": ["must equal the fee stated in the written notice: IDR 15,000"]
        }
        for day in ("2026-12-07", "2026-12-11"):  # before the notice; tomorrow
            assert _refused(office, ticket, "catat_pembayaran", {**payment, "tanggal_pembayaran": day}) == {
                "tanggal_pembayaran": ["between the notice date (2026-12-08) and today"]
            }
    assert office.deadlines(ticket) == {"T10": "met"}  # no delivery clock before the payment
    office.complete(ticket, "catat_pembayaran", payment)
    [paid] = _rows(office, FeePayment, ticket)
    assert (paid.amount, paid.receipt_number, paid.paid_on) == (15_000, "BRI-778812", date(2026, 12, 10))
    with office.sessions() as s:
        letters = s.scalars(select(Letter).where(Letter.kind == "kuitansi")).all()
    assert [(x.letter_date, x.number.split("/")[2], x.to_requester) for x in letters] == [
        (date(2026, 12, 10), "KWT", True)
    ]
    with office.sessions() as s:  # the receipt as the requester reads it: itemised, the amount, the receipt number
        text = _pdf_text(production.produce(office.rt, production.prepare(s, office.rt, letters[0].id)))
    assert "KUITANSI" in text.upper()
    assert "BRI-778812" in text
    assert "Rp15.000" in text
    assert "lembar halaman cetak" in text


def test_payment_starts_the_n_working_day_delivery_clock_from_the_payment_date(office, clock, standard):
    ticket = office.submit(**PAPER_BY_POST)
    _to_notice(office, ticket, clock)
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice(jumlah_halaman=30)))
    clock.move_to(datetime(2026, 12, 28, 3, 0, tzinfo=UTC))  # Mon 28 Dec 2026, after T10: paying is the requester's
    office.complete(
        ticket,
        "catat_pembayaran",
        {"jumlah_dibayar": 15_000, "nomor_tanda_bukti_pembayaran": "BRI-1", "tanggal_pembayaran": "2026-12-24"},
    )
    serah = office.deadline(ticket, "SERAH")
    # Day zero Thu 24 Dec; Fri 25 Christmas; Mon 28 (1), Tue 29 (2), Wed 30 Dec 2026 (3), closing 16:00 WIB.
    assert (serah.working_days, serah.due_at) == (3, datetime(2026, 12, 30, 9, 0, tzinfo=UTC))
    assert serah.provenance["counted_from"] == "2026-12-24"
    assert office.case(ticket).overdue is False


def test_delivery_lapsing_flags_the_case_overdue_and_escalates_to_the_superior(office, clock, standard):
    ticket = office.submit()
    _to_notice(office, ticket, clock)
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice()))
    clock.move_to(T10 + timedelta(minutes=1))
    office.run(ticket)
    case = office.case(ticket)
    assert (case.overdue, office.deadlines(ticket)) == (True, {"T10": "met", "SERAH": "missed"})
    assert office.open_tasks(ticket) == ["eskalasi_serah", "penyerahan_informasi"]
    late = {**STEP["penyerahan_informasi"], "tanggal_penyerahan": "2026-12-21"}
    files = {"berkas_informasi": [("informasi.pdf", DELIVERED)]}  # by e-mail: with its files
    office.complete(ticket, "penyerahan_informasi", late, files=files)  # late, but still handed over
    assert office.case(ticket).status == "selesai"


def test_delivery_reminders_are_scheduled_before_on_and_after_its_due_day(office, clock, standard):
    ticket = office.submit()
    _to_notice(office, ticket, clock)
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice()))
    serah = office.deadline(ticket, "SERAH")
    with office.sessions() as s:
        rows = s.scalars(select(Reminder).where(Reminder.deadline_id == serah.id)).all()
    assert sorted(r.kind for r in rows) == ["T+1", "T-1", "T0"]


def test_a_notice_recorded_on_or_after_the_t10_day_gives_n_working_days_from_that_day(office, clock, standard):
    ticket = office.submit()
    _to_notice(office, ticket, clock)
    clock.move_to(datetime(2026, 12, 22, 3, 0, tzinfo=UTC))  # Tue 22 Dec, T10 lapsed yesterday
    office.run(ticket)
    office.complete(ticket, "eskalasi_t10", step="eskalasi")
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice(on="2026-12-22")))
    serah = office.deadline(ticket, "SERAH")
    # Day zero Tue 22 Dec; Wed 23 (1), Thu 24 (2) (Christmas Fri 25 skipped), Mon 28 Dec 2026 (3).
    assert (serah.working_days, serah.due_at, serah.status) == (3, datetime(2026, 12, 28, 9, 0, tzinfo=UTC), "pending")


def test_a_notice_dated_on_t10_but_recorded_the_next_morning_does_not_start_a_lapsed_delivery_clock(
    office, clock, standard
):
    ticket = office.submit()
    _to_notice(office, ticket, clock)
    clock.move_to(datetime(2026, 12, 22, 2, 0, tzinfo=UTC))  # Tue 22 Dec 09:00 WIB: T10 ended yesterday 16:00
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice(on="2026-12-21")))
    assert office.deadline(ticket, "T10").status == "met"  # dispatched on its due day
    assert office.deadline(ticket, "SERAH").status == "pending"
    assert "eskalasi_serah" not in office.open_tasks(ticket)
