"""The check of what officers write on a complaint runs on every completion of a complaint's task and on every note:
it refuses personal data by the typed text alone, the same whoever's data it is, and so never opens the vault for
it; only the name checks of a field a unit or the reporter reads, or one written without names, open it, each party
once however many fields they read (engine.officer_text)."""

from collections import Counter

import pytest
from sqlalchemy import select

from engine import officer_text, reported_party
from engine.errors import Invalid
from engine.models import Case
from tests.conftest import REPORTER_NIK

CLARIFICATION = {
    "hasil": "cukup_ditindaklanjuti",
    "ringkasan": "Klarifikasi 12 Januari 2027: kepala madrasah hadir.",
}
DISPOSITION = {"catatan_disposisi": "Mohon klarifikasi sebelum 20 Januari 2027.", "kategori": "pungli"}
HENDRA = {"nama": "Hendra Gunawan", "nip_nrp": "198003152005011002"}


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


def _note(office, ticket, text):
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        officer_text.require_note(s, office.rt, case, text)


def _answer(check, typed):
    """What the officer is told: nothing (accepted), or the refusal's words and each field's."""
    try:
        check(typed)
    except Invalid as refused:
        return str(refused), {name: [str(m) for m in said] for name, said in refused.fields.items()}
    return None


def _record(office, ticket, persons):
    with office.sessions.begin() as s:  # recorded first: its own sealing reads nothing back
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        reported_party.record(s, office.rt, office.user(s, "tim"), case, {"terlapor": persons})


def test_personal_data_is_refused_without_opening_the_vault(office, opened):
    ticket, _code = office.complaint("whistleblower")
    _record(office, ticket, [HENDRA])
    opened.clear()
    for typed in (f"NIK {REPORTER_NIK}", "0811 0000 7777", "pelapor.rahasia@example.org", HENDRA["nip_nrp"]):
        with pytest.raises(Invalid):
            _check(office, ticket, "pengaduan_klarifikasi.json", {**CLARIFICATION, "ringkasan": f"Hubungi {typed}"})
        with pytest.raises(Invalid):
            _note(office, ticket, f"Hubungi {typed}")
    _check(office, ticket, "pengaduan_klarifikasi.json", {"hasil": "tidak_cukup_bukti", "ringkasan": "Tidak terbukti."})
    _check(office, ticket, "pengaduan_klarifikasi.json", {"hasil": "tidak_cukup_bukti", "ringkasan": "   "})
    _note(office, ticket, "Rapat 05-01-2027 10.00, kerugian Rp 62.800.787.353.")
    assert not opened


def test_the_refusal_does_not_depend_on_whose_data_it_is(office):
    """Nobody learns by a refusal that what they typed is the reporter's or a reported person's: the reporter's own
    NIK-shaped number that fails the NIK structure (plain and after an account's label), landline, role-style
    mailbox, and a reported person's NIP get the same answer as another of the same shape, in a field the team
    alone reads, in one written without names and in a note."""
    reporter = {"name": "Siti Pelapor", "nik": REPORTER_NIK, "phone": "021 555 1234", "email": "info@warga-desa.id"}
    ticket, _code = office.complaint("whistleblower", pelapor=reporter)
    _record(office, ticket, [HENDRA])
    pairs = [
        (REPORTER_NIK, "3171990108887778"),
        (f"rekening {REPORTER_NIK}", "rekening 3171990108887778"),
        ("021 555 1234", "021 555 1235"),
        ("info@warga-desa.id", "info@warga-kota.id"),
        (HENDRA["nip_nrp"], "198003152005011003"),
    ]
    checks = {
        "team": lambda typed: _check(
            office, ticket, "pengaduan_klarifikasi.json", {**CLARIFICATION, "ringkasan": typed}
        ),
        "no names": lambda typed: _check(
            office, ticket, "pengaduan_klasifikasi.json", {**DISPOSITION, "catatan_disposisi": typed}
        ),
        "note": lambda typed: _note(office, ticket, typed),
    }
    for theirs, other in pairs:
        for where, check in checks.items():
            assert _answer(check, f"Kontak: {theirs}") == _answer(check, f"Kontak: {other}"), (theirs, where)
    refused = _answer(checks["team"], "Kontak: 021 555 1235")
    assert refused is not None
    assert "phone number" in refused[0]
    assert "NIP" in _answer(checks["no names"], "NIP 198003152005011003")[0]
    assert _answer(checks["note"], "rekening 3171990108887778") is None  # named as an account, for everyone
    assert _answer(checks["note"], "info@warga-kota.id") is None  # a role mailbox: an office's


def test_the_name_checks_open_each_party_once_however_many_fields_they_read(office, opened):
    ticket, _code = office.complaint("rahasia")
    _record(office, ticket, [{"nama": "Hendra Gunawan", "nip_nrp": "198003152005011002"}])
    opened.clear()
    _check(office, ticket, "pengaduan_klasifikasi.json", {**DISPOSITION, "alasan_tidak_berkadar": "Sejak 2026 di unit"})
    assert sorted(opened.values()) == [1, 1]  # the reporter's party and the reported persons', once each


def test_a_field_the_schema_fixes_is_not_scanned(office):
    """A date, a choice, a number is checked by the form; only free text is scanned."""
    ticket, _code = office.complaint("anonim")
    schema = {"properties": {"kode": {"type": "string", "enum": ["0812 3456 7890"]}, "n": {"type": "number"}}}
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        officer_text.require_task(s, office.rt, case, schema, {"kode": "0812 3456 7890", "n": 812345678901})
        with pytest.raises(Invalid):
            officer_text.require_task(s, office.rt, case, schema, {"lain": "0812 3456 7890"})


def test_an_information_request_s_task_is_neither_checked_nor_opens_a_party(office, opened):
    ticket = office.submit()
    _check(office, ticket, "periksa_kelengkapan.json", {"lengkap": False, "kekurangan": "Hubungi 0812 1234 5678"})
    assert not opened
