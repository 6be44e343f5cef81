"""Who a letter says signs it, and in whose name it is written: the signature block and the letterhead, as the PDF
reads.

A configured signatory (KAWAL_SIGNATORY_*) signs with name, position and NIP; without one, the officer who completed
the task that issued the letter, when the lane is theirs, else the lane's only active officer, with the NIP their
account holds (none for an officer who is not a civil servant); a blank line only when nothing says who. The
letterhead prints the office as configured and never a province Kawal guessed.

On SQLite alone: who signs and the letter's words are Python's over rows either database returns alike; an issued
letter's numbering and round trip run on PostgreSQL in tests/workflows/test_letters.py.
"""

import dataclasses
import re
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select, update

from engine.config import Settings, load_settings
from engine.letters import signers
from engine.models import User
from engine.runtime import Runtime
from engine.users import create_user
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.conftest import Office
from tests.workflows.test_letters import by_kind, letters, render_pending, text_of, walk

BLANK = "(....."
REGISTERED = {"cara_kirim_tanda_terima": "email"}  # the objection's registration


@pytest.fixture
def at_receipt():
    with time_machine.travel(datetime(2026, 11, 30, 2, 0, tzinfo=UTC), tick=True):  # Monday 09:00 WIB
        yield


def _signature(text: str, position: str) -> str:
    """What follows the signatory's position in the signature block (the last place the position is printed)."""
    return text[text.rindex(position) + len(position) :]


def test_without_a_configured_signatory_each_letter_names_the_officer_who_signed_it(office, at_receipt):
    ticket = walk(office, "ditolak_dikecualikan")
    render_pending(office)
    issued = by_kind(letters(office, ticket))
    with office.sessions() as s:
        names = dict(s.execute(select(User.username, User.display_name)).all())
    # Each completed by an officer of the lane that signs it: the desk's receipt, the PPID's notice and refusal,
    # the superior's determination.
    expected = {
        "tanda_bukti_penerimaan": ("Petugas Pelayanan Informasi,", names["petugas"]),
        "pemberitahuan_tertulis": ("Pejabat Pengelola Informasi dan Dokumentasi,", names["ppid"]),
        "keputusan_penolakan": ("Dokumentasi,", names["ppid"]),
        "penetapan_pengecualian": ("Atasan PPID,", names["atasan"]),
    }
    for kind, (position, name) in expected.items():
        text = text_of(office, issued[kind])
        signed = _signature(text, position)
        assert signed.lstrip().startswith(name), (kind, signed[:80])
        assert BLANK not in text, kind


def test_a_configured_signatory_signs_with_name_position_and_nip(settings, session_factory_, at_receipt):
    configured = dataclasses.replace(
        settings, signatories={"ppid": ("Siti Aminah, S.Ag.", "Kepala Bagian Tata Usaha", "197001011990032001")}
    )
    office = Office(session_factory_, Runtime(configured))
    ticket = walk(office, "dikabulkan_seluruhnya")
    render_pending(office)
    text = text_of(office, by_kind(letters(office, ticket))["pemberitahuan_tertulis"])
    signed = _signature(text, "Kepala Bagian Tata Usaha,")
    assert re.match(r"\s*Siti Aminah, S\.Ag\.\s+NIP 197001011990032001", signed), signed[:80]
    assert "Ppid" not in signed  # the officer who completed the task does not stand in for the configured one


def test_the_lane_s_only_officer_signs_a_letter_another_lane_issued_and_two_leave_the_line_blank(office, at_receipt):
    """The objection receipt is the PPID's letter, registered at the desk: the PPID signs it while the office has one;
    with a second PPID officer nothing says which, and the name is left for the hand that signs the paper."""
    first = office.objection(walk(office, "ditolak_dikecualikan"), ["a"])
    office.complete(first, "registrasi_keberatan", REGISTERED)
    with office.sessions.begin() as s:
        create_user(s, "ppid2", "kawal-test-password", ["ppid"], "Rahmat Hidayat")
    second = office.objection(walk(office, "ditolak_dikecualikan"), ["a"])
    office.complete(second, "registrasi_keberatan", REGISTERED)
    render_pending(office)
    position = "Pejabat Pengelola Informasi dan Dokumentasi,"
    with office.sessions() as s:
        ppid = s.scalar(select(User.display_name).where(User.username == "ppid"))
    named = text_of(office, by_kind(letters(office, first))["tanda_terima_keberatan"])
    assert _signature(named, position).lstrip().startswith(ppid)
    blank = text_of(office, by_kind(letters(office, second))["tanda_terima_keberatan"])
    assert _signature(blank, position).lstrip().startswith(BLANK)
    assert "Rahmat Hidayat" not in blank


def test_a_role_note_in_the_display_name_is_left_out_of_the_signature():
    assert signers.as_signer("Budi Santoso (PPID)") == {"name": "Budi Santoso", "nip": ""}
    assert signers.as_signer("Ahmad Fauzi, S.H.") == {"name": "Ahmad Fauzi, S.H.", "nip": ""}
    assert signers.as_signer("Budi Santoso (PPID)", NIP) == {"name": "Budi Santoso", "nip": NIP}
    assert signers.as_signer("  ", NIP) is None


NIP = "198203152006041002"


def _set_nip(office, username: str, nip: str | None) -> str:
    """The officer's NIP as an administrator sets it (engine.accounts); their display name."""
    with office.sessions.begin() as s:
        s.execute(update(User).where(User.username == username).values(nip=nip))
        return s.scalar(select(User.display_name).where(User.username == username))


def test_an_officer_who_signs_for_want_of_a_configured_signatory_prints_their_nip_under_their_name(office, at_receipt):
    ppid = _set_nip(office, "ppid", NIP)
    ticket = walk(office, "dikabulkan_seluruhnya")
    render_pending(office)
    text = text_of(office, by_kind(letters(office, ticket))["pemberitahuan_tertulis"])
    signed = _signature(text, "Pejabat Pengelola Informasi dan Dokumentasi,")
    assert re.match(rf"\s*{re.escape(ppid)}\s+NIP {NIP}", signed), signed[:80]
    # The desk officer who signed the receipt has no NIP on their account (an honorer): no NIP line under the name.
    receipt = text_of(office, by_kind(letters(office, ticket))["tanda_bukti_penerimaan"])
    assert "NIP" not in _signature(receipt, "Petugas Pelayanan Informasi,")


def test_the_lane_s_only_officer_signs_a_letter_another_lane_issued_with_their_nip(office, at_receipt):
    """The objection receipt is the PPID's letter registered at the desk: the PPID's only officer signs it, with the
    NIP their account holds, though the desk officer completed the task."""
    ppid = _set_nip(office, "ppid", NIP)
    objection = office.objection(walk(office, "ditolak_dikecualikan"), ["a"])
    office.complete(objection, "registrasi_keberatan", REGISTERED)
    render_pending(office)
    text = text_of(office, by_kind(letters(office, objection))["tanda_terima_keberatan"])
    signed = _signature(text, "Pejabat Pengelola Informasi dan Dokumentasi,")
    assert re.match(rf"\s*{re.escape(ppid)}\s+NIP {NIP}", signed), signed[:80]


def test_the_default_office_name_names_no_province_and_the_configured_one_heads_every_letter(
    settings, session_factory_, at_receipt
):
    # The default is a placeholder the office must replace (README, Configuration): it invents no province.
    default = load_settings({"KAWAL_ENV": "test"}).office_name
    assert default == Settings.office_name == "KANTOR WILAYAH KEMENTERIAN AGAMA"
    named = "Kantor Wilayah Kementerian Agama Provinsi Jawa Timur"
    office = Office(session_factory_, Runtime(dataclasses.replace(settings, office_name=named)))
    ticket = walk(office, "dikabulkan_seluruhnya")
    render_pending(office)
    text = text_of(office, by_kind(letters(office, ticket))["pemberitahuan_tertulis"])
    assert text.startswith("KEMENTERIAN AGAMA REPUBLIK INDONESIA KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI JAWA TIMUR")
    assert f"penguasaan {named}" in text  # the body names the office as configured too
