"""The check of what officers write on a complaint runs on every completion of a complaint's task: it opens the vault
only for a text that could hold a number or an address, and each party of the case once however many fields it
reads (engine.officer_text)."""

from collections import Counter

import pytest
from sqlalchemy import select

from engine import officer_text, reported_party
from engine.models import Case

CLARIFICATION = {
    "hasil": "cukup_ditindaklanjuti",
    "ringkasan": "Klarifikasi 12 Januari 2027: kepala madrasah hadir.",
}
DISPOSITION = {"catatan_disposisi": "Mohon klarifikasi sebelum 20 Januari 2027.", "kategori": "pungli"}


@pytest.fixture
def opened(office, monkeypatch):
    """The ids of the vault's parties each ``Vault.read`` opened, counted."""
    reads: Counter = Counter()
    real = office.rt.vault.read

    def counted(party):
        reads[party.id] += 1
        return real(party)

    monkeypatch.setattr(office.rt.vault, "read", counted)
    return reads


def _check(office, ticket, form, data):
    """The check alone, as the completion of a task of ``form`` runs it (it raises when it refuses)."""
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        officer_text.require_task(s, office.rt, case, office.rt.forms.schema(form), data)


def test_a_complaint_task_whose_text_holds_no_digit_and_no_address_opens_no_party(office, opened):
    ticket, _code = office.complaint("whistleblower")
    _check(office, ticket, "pengaduan_klarifikasi.json", {"hasil": "tidak_cukup_bukti", "ringkasan": "Tidak terbukti."})
    _check(office, ticket, "pengaduan_klarifikasi.json", {"hasil": "tidak_cukup_bukti", "ringkasan": "   "})
    assert not opened


def test_each_party_is_opened_once_however_many_fields_are_checked(office, opened):
    ticket, _code = office.complaint("rahasia")
    person = {"nama": "Hendra Gunawan", "nip_nrp": "198003152005011002"}
    with office.sessions.begin() as s:  # recorded first: its own sealing reads nothing back
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        reported_party.record(s, office.rt, office.user(s, "tim"), case, {"terlapor": [person]})
    opened.clear()
    _check(office, ticket, "pengaduan_klasifikasi.json", {**DISPOSITION, "alasan_tidak_berkadar": "Sejak 2026 di unit"})
    assert sorted(opened.values()) == [1, 1]  # the reporter's party and the reported persons', once each


def test_an_information_request_s_task_is_neither_checked_nor_opens_a_party(office, opened):
    ticket = office.submit()
    _check(office, ticket, "periksa_kelengkapan.json", {"lengkap": False, "kekurangan": "Hubungi 0812 1234 5678"})
    assert not opened
