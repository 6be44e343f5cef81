"""The dates a letter's form records are bounded as the law reads them (engine.letters.completeness DATES):
a decision, a settlement record, a power of attorney or a complaint's letter is dated between the case's
receipt and today; the superior's response is sent no earlier than it was decided; information is handed
over no earlier than the written notice that announced it. A refused form changes nothing.
"""

from datetime import UTC, datetime

import pytest
import time_machine

from engine.errors import Invalid
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.helpers import NOTICE as NOTICES
from tests.helpers import STEP, decision
from tests.workflows.test_pengaduan_paths import CATAT, KE_ITJEN, LAYAK, NOTICE
from tests.workflows.test_sengketa_paths import SURAT_KUASA, _dispute

# Wed 2 Dec 2026, 10:00 WIB: each case below is received on this day, so "today" is 2 Dec.
TODAY = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
BEFORE_RECEIPT, TOMORROW = "2026-12-01", "2026-12-03"
REASONS = "Informasi dikecualikan berdasarkan Pasal 17 huruf h; uji konsekuensi terlampir."


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(TODAY, tick=True):
        yield


def refused(office, ticket, task, data, field) -> str:
    with pytest.raises(Invalid) as error:
        office.complete(ticket, task, data)
    assert task in office.open_tasks(ticket)  # nothing changed
    return str(error.value.fields[field][0])


def _to_superior(office):
    request = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(request, step)
    office.complete(request, "putuskan", decision("tidak_dikuasai"))
    office.complete(request, "pemberitahuan_tertulis")
    objection = office.objection(request, ["a"])
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    office.complete(objection, "susun_kronologi", {"kronologi": "Ditolak", "pertimbangan_ppid": "Tidak dikuasai"})
    return objection


@pytest.mark.parametrize("day", [BEFORE_RECEIPT, TOMORROW], ids=["before-receipt", "in-the-future"])
def test_the_superiors_decision_is_dated_between_the_objections_receipt_and_today(office, day):
    objection = _to_superior(office)
    data = {"keputusan": "keberatan_ditolak", "tanggal_keputusan": day, "alasan_tertulis": REASONS}
    assert refused(office, objection, "putuskan_keberatan", data, "tanggal_keputusan") == (
        "between 2026-12-02 and today"
    )


def test_a_response_dated_before_the_decision_is_refused_with_the_decisions_date(office):
    objection = _to_superior(office)
    with time_machine.travel(datetime(2026, 12, 4, 3, 0, tzinfo=UTC), tick=True):
        decided = {"keputusan": "keberatan_ditolak", "tanggal_keputusan": "2026-12-03", "alasan_tertulis": REASONS}
        office.complete(objection, "putuskan_keberatan", decided)
        sent = {"tanggal_dikirim": "2026-12-02", "dikirim_melalui": "email"}
        message = refused(office, objection, "kirim_tanggapan", sent, "tanggal_dikirim")
    assert message == "between the date of the decision (2026-12-03) and today"


def test_an_amicable_settlement_is_not_recorded_for_a_future_day(office):
    request = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(request, step)
    office.complete(request, "putuskan", decision("dikabulkan_sebagian"))
    office.complete(request, "uji_konsekuensi")
    office.complete(request, "tetapkan_pengecualian")
    office.complete(request, "pemberitahuan_tertulis")
    objection = office.objection(request, ["d"])
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    settled = {"hasil": "sepakat", "kesepakatan": "Diserahkan", "informasi_diserahkan": True, "tanggal": TOMORROW}
    assert refused(office, objection, "tawarkan_musyawarah", settled, "tanggal") == "between 2026-12-02 and today"


def test_the_power_of_attorney_is_not_dated_before_the_summons(office):
    ticket = _dispute(office)
    data = {**SURAT_KUASA, "tanggal": BEFORE_RECEIPT}
    assert refused(office, ticket, "surat_kuasa", data, "tanggal") == "between 2026-12-02 and today"


@pytest.mark.parametrize("task", ["rujukan_itjen", "pemberitahuan_hasil"])
def test_a_complaints_letter_is_not_dated_in_the_future(office, task):
    ticket, _ = office.complaint("whistleblower")
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", KE_ITJEN)
    if task == "pemberitahuan_hasil":
        office.complete(ticket, "rujukan_itjen", {"tanggal": "2026-12-02"})
        office.complete(ticket, "klarifikasi", {"hasil": "tidak_cukup_bukti", "ringkasan": "Bukti tidak cukup."})
    data = {"tanggal": TOMORROW} if task == "rujukan_itjen" else {**NOTICE, "tanggal": TOMORROW}
    assert refused(office, ticket, task, data, "tanggal") == "between 2026-12-02 and today"


def test_information_is_not_handed_over_before_the_notice_that_announced_it(office):
    request = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(request, step)
    office.complete(request, "putuskan", decision("dikabulkan_seluruhnya"))
    with time_machine.travel(datetime(2026, 12, 4, 3, 0, tzinfo=UTC), tick=True):
        office.complete(
            request,
            "pemberitahuan_tertulis",
            {
                **STEP["pemberitahuan_tertulis"],
                "tanggal_pemberitahuan": "2026-12-03",
                "jadwal_penyerahan": "2026-12-03",
            },
        )
        handed = {**STEP["penyerahan_informasi"], "tanggal_penyerahan": "2026-12-02"}
        message = refused(office, request, "penyerahan_informasi", handed, "tanggal_penyerahan")
    assert message == "between 2026-12-03 and today"  # engine.delivery's rule: from the notice's dispatch


def test_the_extension_notice_is_not_dated_before_the_receipt(office):
    request = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan"):
        office.complete(request, step)
    data = {**STEP["tentukan_langkah_perpanjang"], "tanggal_pemberitahuan_perpanjangan": BEFORE_RECEIPT}
    with pytest.raises(Invalid) as error:
        office.complete(request, "tentukan_langkah", data)
    assert str(error.value.fields["tanggal_pemberitahuan_perpanjangan"][0]) == "between 2026-12-02 and today"


def test_a_refusal_notice_is_not_dated_before_the_exemption_decree_it_cites(office):
    """The notice of 4 Dec quoted "Keputusan ... tanggal 5 Desember 2026": a letter citing a decree of the day after,
    and a register where the notice went out before the decision it told."""
    ticket = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    office.complete(ticket, "uji_konsekuensi")
    with time_machine.travel(datetime(2026, 12, 4, 3, 0, tzinfo=UTC), tick=True):  # Fri 4 Dec
        office.complete(
            ticket, "tetapkan_pengecualian", {**STEP["tetapkan_pengecualian"], "tanggal_penetapan": "2026-12-04"}
        )
        notice = {**NOTICES["ditolak_dikecualikan"], "tanggal_pemberitahuan": "2026-12-03"}
        said = refused(office, ticket, "pemberitahuan_tertulis", notice, "tanggal_pemberitahuan")
        assert "(2026-12-04)" in said
        office.complete(ticket, "pemberitahuan_tertulis", {**notice, "tanggal_pemberitahuan": "2026-12-04"})


@pytest.mark.parametrize("outcome", ["dikabulkan_seluruhnya", "tidak_dikuasai"])
def test_only_a_refusal_or_a_partial_grant_names_a_pasal_17_ground(office, outcome):
    """A full grant saved with "h. rahasia pribadi" printed the ground on the decision the Commission reads."""
    ticket = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    data = {**decision(outcome), "pasal_pengecualian": ["h"]}
    assert refused(office, ticket, "putuskan", data, "pasal_pengecualian") == "only for a refusal or partial grant"
    office.complete(ticket, "putuskan", decision(outcome))


def _granted(office):
    ticket = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    return ticket


def test_a_notice_without_a_fee_promises_the_information_within_the_notices_period(office):
    """Received Wed 2 Dec 2026: 10 working days end on Wed 16 Dec, and the hand-over clock the process arms
    next ends there too; a notice promising 1 June 2027 told the requester in writing the office would be late."""
    ticket = _granted(office)
    notice = {**STEP["pemberitahuan_tertulis"], "tanggal_pemberitahuan": "2026-12-02"}
    said = refused(
        office, ticket, "pemberitahuan_tertulis", {**notice, "jadwal_penyerahan": "2026-12-17"}, "jadwal_penyerahan"
    )
    assert said.startswith("no later than 2026-12-16")
    office.complete(ticket, "pemberitahuan_tertulis", {**notice, "jadwal_penyerahan": "2026-12-16"})
    assert office.deadline(ticket, "SERAH").due_at.date().isoformat() == "2026-12-16"


def test_a_late_notice_promises_the_information_within_the_delivery_days(office):
    """The notice sent after the period (Thu 17 Dec): the clock gives KAWAL_DELIVERY_DAYS (3) from that day."""
    ticket = _granted(office)
    with time_machine.travel(datetime(2026, 12, 17, 3, 0, tzinfo=UTC), tick=True):
        notice = {**STEP["pemberitahuan_tertulis"], "tanggal_pemberitahuan": "2026-12-17"}
        late = {**notice, "jadwal_penyerahan": "2026-12-23"}
        assert refused(office, ticket, "pemberitahuan_tertulis", late, "jadwal_penyerahan").startswith(
            "no later than 2026-12-22"
        )
        office.complete(ticket, "pemberitahuan_tertulis", {**notice, "jadwal_penyerahan": "2026-12-22"})
