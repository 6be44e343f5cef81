"""The hand-over clock (SERAH) is explained and cited by the way it started (permohonan_informasi.bpmn).

After a fee is paid it counts KAWAL_DELIVERY_DAYS working days from the payment's date (UU 14/2008 Pasal 2(3): only
copying and delivery are charged; the law sets no hand-over period, legal-process.md §3.5, so the office's standard
does). A walk found its explanation reading that date as a receipt at 08:00 (the hour the office opens, which nobody
paid at), and a free hand-over's clock citing the fee rule "after payment" on the case page and the task page though
nothing was to be paid. A free hand-over cites the notice's own rule; a paid one the fee rule and is explained from
the payment."""

from datetime import UTC, datetime

from engine import citations
from engine.explanation import explain
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows import test_legal_fees_and_delivery as fees
from tests.workflows.test_legal_fees_and_delivery import PAPER_BY_POST, _notice, _to_notice, _without_typed_fee

clock, standard = fees.clock, fees.standard  # its fixtures: the office's clock and fee standard

NOTICE_RULE = "UU 14/2008 Pasal 22(7)-(8), Pasal 35(1) huruf g"
FEE_RULE = "biaya: UU 14/2008 Pasal 2(3) dan standar biaya badan publik (setelah pembayaran)"


def test_a_paid_hand_over_is_counted_from_the_payment_s_date_under_the_fee_rule_not_from_a_receipt_at_08_00(
    office, clock, standard
):
    ticket = office.submit(**PAPER_BY_POST)
    _to_notice(office, ticket, clock)
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice(jumlah_halaman=30)))
    clock.move_to(datetime(2026, 12, 10, 3, 0, tzinfo=UTC))  # Thu 10 Dec 2026
    paid = {"jumlah_dibayar": 15_000, "nomor_tanda_bukti_pembayaran": "BRI-778812", "tanggal_pembayaran": "2026-12-10"}
    office.complete(ticket, "catat_pembayaran", paid)
    serah = office.deadline(ticket, "SERAH")
    assert serah.legal_basis == f"{NOTICE_RULE}; {FEE_RULE}"
    indonesian = explain(serah.provenance, "id", words=True)
    english = explain(serah.provenance, "en", words=True)
    for text in (indonesian, english):
        assert "08:00 WIB" not in text, text  # (the office's hours, 08:00-16:00, end the due day)
    assert "hari ke-0 adalah tanggal pembayaran biaya" in indonesian
    assert "(hari ke-0: tanggal pembayaran biaya, 10 Des 2026)" in indonesian
    assert "tanggal diterima" not in indonesian
    assert "3 hari kerja setelah tanggal pembayaran" in indonesian
    assert "UU 14/2008 Pasal 2 ayat (3)" in indonesian
    assert "day zero is the date the fee was paid" in english
    assert "(day zero: the date the fee was paid, 10 Dec 2026)" in english
    assert "date of receipt" not in english
    assert "within 3 working days of the payment date" in english
    assert "Law 14/2008 Article 2(3)" in english


def test_a_free_hand_over_cites_the_notice_s_rule_and_no_fee_rule(office, clock, standard):
    ticket = office.submit()
    _to_notice(office, ticket, clock)
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice()))
    serah = office.deadline(ticket, "SERAH")
    assert serah.legal_basis == NOTICE_RULE
    assert citations.legal_basis(serah.legal_basis, "en") == "Law 14/2008 Article 22(7)-(8), Article 35(1)(g)"
    # within the notice's own period: counted from the request's receipt, as the notice's deadline is
    assert "hari ke-0 adalah tanggal diterima" in explain(serah.provenance, "id", words=True)
    assert "pembayaran" not in explain(serah.provenance, "id", words=True)


def test_a_free_hand_over_after_the_notice_period_cites_no_fee_rule_either(office, clock, standard):
    ticket = office.submit()
    _to_notice(office, ticket, clock)
    clock.move_to(datetime(2026, 12, 22, 3, 0, tzinfo=UTC))  # Tue 22 Dec, T10 lapsed yesterday
    office.run(ticket)
    office.complete(ticket, "eskalasi_t10", step="eskalasi")
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice(on="2026-12-22")))
    serah = office.deadline(ticket, "SERAH")
    assert serah.working_days == 3
    assert serah.legal_basis == NOTICE_RULE
    assert "pembayaran" not in explain(serah.provenance, "id", words=True)
