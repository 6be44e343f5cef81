"""A free hand-over's clock (SERAH, nothing to pay) that does not count from the request's receipt is explained from
the day it started and why (permohonan_informasi.bpmn ``jam_tanpa_biaya``, ``jam_lanjutan``): the day the hand-over
step was reached when the notice's own period had already ended, or the day an objection's decision reopened the
hand-over. A walk found both read as "tanggal diterima, ... 08:00" (the hour the office opens, on a day nobody
received anything), as the paid clock was before it was explained from the payment (test_delivery_clock_words). The
law sets no hand-over period (legal-process.md §3.5): the office's standard (KAWAL_DELIVERY_DAYS) does."""

from datetime import UTC, datetime

from engine.explanation import explain
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows import test_legal_fees_and_delivery as fees
from tests.workflows.test_keberatan_paths import _decide, _decided, _to_superior
from tests.workflows.test_legal_fees_and_delivery import _notice, _to_notice, _without_typed_fee

clock, standard = fees.clock, fees.standard  # its fixtures: the office's clock and fee standard


def _words(serah) -> tuple[str, str]:
    return explain(serah.provenance, "id", words=True), explain(serah.provenance, "en", words=True)


def test_a_free_hand_over_reached_after_the_notice_period_counts_from_that_day_not_from_a_receipt_at_08_00(
    office, clock, standard
):
    ticket = office.submit()
    _to_notice(office, ticket, clock)
    clock.move_to(datetime(2026, 12, 22, 3, 0, tzinfo=UTC))  # Tue 22 Dec, T10 lapsed yesterday
    office.run(ticket)
    office.complete(ticket, "eskalasi_t10", step="eskalasi")
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice(on="2026-12-22")))
    indonesian, english = _words(office.deadline(ticket, "SERAH"))
    for text in (indonesian, english):
        assert "08:00 WIB" not in text, text  # (the office's hours, 08:00-16:00, end the due day)
    assert "tanggal diterima" not in indonesian
    assert "date of receipt" not in english
    assert "hari ke-0 adalah tanggal permohonan sampai pada tahap penyerahan informasi" in indonesian
    assert "(hari ke-0: tanggal permohonan sampai pada tahap penyerahan informasi, 22 Des 2026)" in indonesian
    assert "jangka waktu pemberitahuan sudah berakhir" in indonesian
    assert "paling lambat 3 hari kerja sejak hari itu" in indonesian
    assert "day zero is the date the request reached the hand-over step" in english
    assert "(day zero: the date the request reached the hand-over step, 22 Dec 2026)" in english
    assert "the period for the notice had already ended" in english
    assert "pembayaran" not in indonesian
    assert "paid" not in english


def test_a_hand_over_an_objection_reopened_counts_from_the_day_of_the_decision_that_reopened_it(office, clock):
    request = _decided(office)
    objection = office.objection(request, ["a"])
    _to_superior(office, objection)
    _decide(office, objection, "keberatan_dikabulkan_seluruhnya")
    serah = office.deadline(request, "SERAH")
    day = serah.provenance["counted_from"]
    indonesian, english = _words(serah)
    for text in (indonesian, english):
        assert "08:00 WIB" not in text, text
    assert "tanggal diterima" not in indonesian
    assert "date of receipt" not in english
    assert "hari ke-0 adalah tanggal keputusan atas keberatan membuka kembali penyerahan informasi" in indonesian
    assert "the date the decision on the objection reopened the hand-over" in english
    assert f"{int(day[8:])} Des {day[:4]})" in indonesian  # that day, without an hour
    assert "UU 14/2008 tidak menetapkan jangka waktu penyerahan setelah keberatan dikabulkan" in indonesian
    assert "Law 14/2008 sets no time for handing over after an objection is granted" in english


def test_a_free_hand_over_within_the_notice_period_still_counts_from_the_request_s_receipt(office, clock, standard):
    ticket = office.submit()
    _to_notice(office, ticket, clock)
    office.complete(ticket, "pemberitahuan_tertulis", _without_typed_fee(_notice()))
    indonesian, english = _words(office.deadline(ticket, "SERAH"))
    assert "hari ke-0 adalah tanggal diterima" in indonesian
    assert "day zero is the date of receipt" in english
    assert "tahap penyerahan" not in indonesian
