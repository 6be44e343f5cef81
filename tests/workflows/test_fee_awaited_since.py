"""The fee a request waits to be paid, read back from its notice (engine.fees.awaiting): since the notice's date, its
amount and the payment method it stated; nothing once paid (legal-process.md §3.8: no law sets a date to pay by).

On both databases: it reads the notice's completion back from the history by its task's id (a JSON path).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from engine import fees
from engine.models import Case
from tests.workflows import test_legal_fees_and_delivery as fees_walk
from tests.workflows.test_legal_fees_and_delivery import PAPER_BY_POST, _notice, _to_notice, _without_typed_fee

clock, standard = fees_walk.clock, fees_walk.standard  # its fixtures: the office's clock and fee standard


def _awaiting(office, ticket):
    with office.sessions() as s:
        return fees.awaiting(s, s.scalar(select(Case).where(Case.ticket == ticket)))


def test_a_notified_fee_is_awaited_since_the_notice_s_date_until_it_is_paid(office, clock, standard):
    ticket = office.submit(**PAPER_BY_POST)
    _to_notice(office, ticket, clock)
    assert _awaiting(office, ticket) is None  # no notice yet
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice(jumlah_halaman=30)))
    clock.move_to(datetime(2026, 12, 10, 3, 0, tzinfo=UTC))
    awaited = _awaiting(office, ticket)
    assert awaited == fees.Awaited(date(2026, 12, 8), 15_000, "Transfer ke rekening BLU kantor")
    paid = {"jumlah_dibayar": 15_000, "cara_bayar": "tunai", "tanggal_pembayaran": "2026-12-10"}
    office.complete(ticket, "catat_pembayaran", paid)
    assert _awaiting(office, ticket) is None


def test_a_free_notice_awaits_no_payment(office, clock, standard):
    ticket = office.submit(**PAPER_BY_POST)
    _to_notice(office, ticket, clock)
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice()))  # no pages, no post: free
    assert _awaiting(office, ticket) is None
