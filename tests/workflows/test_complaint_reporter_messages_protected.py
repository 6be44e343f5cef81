"""What the complaint team writes to a reporter keeps the reporter's identity in the vault (legal-process.md §7.3:
the identity is read only by a recorded opening, "enforce it in code").

A message to the reporter is read by the reporter, and also by every officer of the complaint team on the case page
and by the auditors in the case's export; the evidence request's question is printed in the numbered Request for
Supporting Evidence letter. So a team that wrote "Ibu Siti, mohon kirim salinan faktur…" on a whistleblower's
complaint put the sealed name before a second WBS manager who never opened it, the auditors' CSV and the letter.
The rules of a disposition note apply: no confidential reporter's name (nor a form of address with a word of it), no
one's NIK or phone number in any mode; the office's own contact line, which the reporter needs, is no one's data.

On SQLite alone: every refusal here is Python's check of the text before anything is written, over rows either database
returns alike; a message kept with its case and read back is proved on PostgreSQL by
tests/workflows/test_requester_messages.py.
"""

import pytest
import time_machine
from sqlalchemy import func, select

from engine import complaints
from engine.errors import Invalid
from engine.models import Case, CaseMessage
from tests.conftest import complaint_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_pengaduan_paths import (
    CATAT,
    KE_UNIT,
    LAYAK,
    RECEIVED,
    TANGGAPAN_UNIT,
    clarification,
)

SITI = {**complaint_payload()["pelapor"], "name": "Siti Rahmawati"}
OFFICE_CONTACT = "Telp. (021) 3811642, ppid@kemenag.go.id, kemenag.go.id"


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def settings_overrides():
    return {"KAWAL_OFFICE_CONTACT": OFFICE_CONTACT}


def _write(office, ticket, body):
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        complaints.officer_message(s, office.rt, office.user(s, "tim"), case, body)


def _refusal(check) -> tuple[str, list[str]] | None:
    try:
        check()
    except Invalid as refused:
        return refused.reason, [m.code for said in refused.fields.values() for m in said]
    return None


def _messages(office, ticket) -> int:
    with office.sessions() as s:
        return s.scalar(select(func.count()).select_from(CaseMessage).join(Case).where(Case.ticket == ticket))


@pytest.mark.parametrize("mode", ["rahasia", "whistleblower"])
@pytest.mark.parametrize(
    "body",
    [
        "Ibu Siti, mohon kirim salinan faktur pembelian dari CV Maju Jaya.",
        "Terima kasih Ibu Siti Rahmawati, bukti sudah kami terima.",
        "Yth. Sdri. Rahmawati: mohon sebutkan tanggal pembayaran.",
    ],
)
def test_a_message_to_the_reporter_that_names_a_confidential_reporter_is_refused_and_nothing_is_sent(
    office, mode, body
):
    ticket, _code = office.complaint(mode, pelapor=SITI)
    assert _refusal(lambda: _write(office, ticket, body)) == ("names_reporter", ["names_reporter"])
    assert _messages(office, ticket) == 0


@pytest.mark.parametrize("mode", ["anonim", "rahasia", "whistleblower"])
@pytest.mark.parametrize(
    ("body", "what"),
    [
        ("Mohon konfirmasi bahwa NIK Anda 3171990108887777.", ["holds_personal_data", "not_a_nik"]),
        ("Saksi dapat dihubungi di 0811 0000 7777.", ["holds_personal_data"]),
    ],
)
def test_a_message_to_the_reporter_holding_personal_data_is_refused_in_every_mode(office, mode, body, what):
    ticket, _code = office.complaint(mode, **({} if mode == "anonim" else {"pelapor": SITI}))
    refused = _refusal(lambda: _write(office, ticket, body))
    assert refused is not None
    assert refused[1] == what
    assert _messages(office, ticket) == 0


def test_a_message_may_name_the_reporter_by_role_give_the_office_s_contact_dates_and_amounts(office):
    ticket, _code = office.complaint("whistleblower", pelapor=SITI)
    for body in (
        "Bapak/Ibu pelapor, mohon kirim salinan faktur pembelian tertanggal 05-01-2027.",
        "Untuk pertanyaan, hubungi kantor kami di (021) 3811642 atau ppid@kemenag.go.id.",
        "Kerugian yang Anda sebut Rp 62.800.000; mohon lampirkan kuitansinya.",
    ):
        _write(office, ticket, body)
    assert _messages(office, ticket) == 3


def _asking(office, mode):
    ticket, _code = office.complaint(mode, pelapor=SITI)
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", clarification("perlu_bukti_pelapor"))
    return ticket


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("Ibu Siti, mohon kirim salinan faktur pembelian.", "names_reporter"),
        ("Mohon kirim faktur; hubungi saksi di 0811 0000 7777.", None),
    ],
)
def test_the_evidence_request_s_question_printed_in_its_letter_names_no_whistleblower_and_holds_no_personal_data(
    office, question, code
):
    ticket = _asking(office, "whistleblower")
    refused = _refusal(lambda: office.complete(ticket, "minta_bukti", {"pertanyaan": question}))
    assert refused is not None
    assert (refused[0] == code) if code else ("holds_personal_data" in refused[1])
    assert office.open_tasks(ticket) == ["minta_bukti"]
    office.complete(ticket, "minta_bukti", {"pertanyaan": "Mohon kirim salinan faktur pembelian dari CV Maju Jaya."})


def test_the_outcome_for_the_reporter_printed_in_its_letter_names_no_confidential_reporter(office, clock):
    """The walk's outcome letter (Surat Pemberitahuan Hasil) printed "Saudara Budi Santoso, pengaduan tidak dapat
    dibuktikan.": the outcome field is written without names, as the evidence request's question is."""
    ticket, _code = office.complaint("rahasia", pelapor=SITI)
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", LAYAK)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    office.complete(ticket, "klarifikasi_unit", TANGGAPAN_UNIT)
    office.complete(ticket, "klarifikasi", clarification("tidak_cukup_bukti"))
    named = "Saudari Siti Rahmawati, pengaduan tidak dapat dibuktikan."
    refused = _refusal(
        lambda: office.complete(
            ticket, "pemberitahuan_hasil", {"ringkasan_untuk_pelapor": named, "tanggal": "2027-01-11"}
        )
    )
    assert refused == ("names_reporter", ["names_reporter"])
    assert office.open_tasks(ticket) == ["pemberitahuan_hasil"]
