"""What the fee's payment task and the registration task ask of the officer, and what they say (legal-process.md §3.3,
§3.8; UU 14/2008 Pasal 22(4); Perki 1/2021 Pasal 41).

- The fee task writes the notified amount as the letters write money (``Rp15.000``, ``IDR 15,000``).
- A bank slip or deposit number is asked only for a payment by transfer: cash paid at the desk has none, the kuitansi
  Kawal issues is its proof, and the kuitansi then bears no second number typed by the officer.
- The registration task does not ask the officer to confirm a receipt Kawal has not issued yet: Kawal issues the
  numbered Tanda Bukti Penerimaan when the task is completed, and the task says so.

On SQLite alone: the words and the form's checks are Python's; the payment's row is the one
tests/workflows/test_legal_fees_and_delivery.py stores.
"""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from engine import instructions
from engine.errors import Invalid
from engine.letters import production
from engine.models import Case, FeePayment, HumanTask, Letter
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see the module's docstring)
from tests.workflows.test_legal_fees_and_delivery import (  # noqa: F401 - fixtures
    PAPER_BY_POST,
    _notice,
    _pdf_text,
    _to_notice,
    _without_typed_fee,
    clock,
    standard,
)

PAID_ON = "2026-12-10"


def _notified(office, clock):  # noqa: F811
    """A printed copy by post, 30 pages at Rp500: Rp15.000, notified on Tue 8 Dec 2026."""
    ticket = office.submit(**PAPER_BY_POST)
    _to_notice(office, ticket, clock)
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice(jumlah_halaman=30)))
    clock.move_to(datetime(2026, 12, 10, 3, 0, tzinfo=UTC))
    return ticket


def _task(office, ticket, name) -> dict[str, str]:
    with office.sessions() as s:
        task = s.scalar(
            select(HumanTask)
            .join(Case)
            .where(Case.ticket == ticket, HumanTask.bpmn_id == name, HumanTask.state == "open")
        )
        return instructions.for_task(s, office.rt, task)


def _kuitansi(office, ticket) -> str:
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        letter = s.scalar(
            select(Letter).where(Letter.case_id == case.id, Letter.kind == "kuitansi", Letter.locale == "id")
        )
        return " ".join(_pdf_text(production.produce(office.rt, production.prepare(s, office.rt, letter.id))).split())


def test_the_fee_task_writes_the_amount_as_the_letters_do_and_asks_a_slip_only_of_a_transfer(
    office,
    clock,  # noqa: F811
    standard,  # noqa: F811
):
    ticket = _notified(office, clock)
    said = _task(office, ticket, "catat_pembayaran")
    assert "tepat sebesar biaya yang diberitahukan (Rp15.000)" in said["id"]
    assert "untuk transfer bank, juga nomor slip bank atau bukti setor" in said["id"]
    assert "exactly the notified amount (IDR 15,000)" in said["en"]
    paid = {"jumlah_dibayar": 15_000, "tanggal_pembayaran": PAID_ON}
    with pytest.raises(Invalid) as refused:  # by transfer: the slip's number is asked
        office.complete(ticket, "catat_pembayaran", {**paid, "cara_bayar": "transfer"})
    assert set(refused.value.fields) == {"nomor_tanda_bukti_pembayaran"}
    office.complete(
        ticket, "catat_pembayaran", {**paid, "cara_bayar": "transfer", "nomor_tanda_bukti_pembayaran": "BRI-1"}
    )
    text = _kuitansi(office, ticket)
    assert "Nomor slip bank / bukti setor : BRI-1" in text
    assert "tunai di loket" not in text


def test_cash_at_the_desk_needs_no_number_and_the_kuitansi_is_its_only_proof(
    office,
    clock,  # noqa: F811
    standard,  # noqa: F811
):
    ticket = _notified(office, clock)
    office.complete(
        ticket, "catat_pembayaran", {"jumlah_dibayar": 15_000, "cara_bayar": "tunai", "tanggal_pembayaran": PAID_ON}
    )
    with office.sessions() as s:
        payment = s.scalar(select(FeePayment).join(Case).where(Case.ticket == ticket))
    assert (payment.amount, payment.receipt_number) == (15_000, "")
    text = _kuitansi(office, ticket)
    assert "Cara pembayaran : tunai di loket; kuitansi ini tanda bukti pembayarannya" in text
    assert "Nomor tanda bukti pembayaran" not in text  # one number: the kuitansi's
    assert "Nomor slip bank" not in text
    assert "Rp15.000" in text
    assert "penyerahan_informasi" in office.open_tasks(ticket)


def test_the_registration_task_says_kawal_issues_the_receipt_on_completion_and_asks_no_tick_for_it(office, clock):  # noqa: F811
    schema = office.rt.forms.schema("registrasi.json")
    assert schema["required"] == ["cara_kirim_tanda_bukti"]
    assert not any(node.get("const") is True for node in schema["properties"].values())  # no confirmation to tick
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    said = _task(office, ticket, "registrasi")
    assert "Kawal menerbitkan Tanda Bukti Penerimaan bernomor saat tugas ini diselesaikan" in said["id"]
    assert "Kawal issues the numbered Receipt when this task is completed" in said["en"]
    office.complete(ticket, "registrasi", {"cara_kirim_tanda_bukti": "langsung"})
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        kinds = s.scalars(select(Letter.kind).where(Letter.case_id == case.id)).all()
    assert "tanda_bukti_penerimaan" in kinds  # issued on completion, to be printed and handed over
