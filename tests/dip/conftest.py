"""The public information list at engine level: a database with the STAFF officers, a runtime, units."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from engine.models import Exemption, User
from engine.runtime import Runtime
from engine.users import ensure_unit


def item_data(**overrides) -> dict:
    """A periodic item as the form gives it: the office's budget report, every six months."""
    data = {
        "title": "Laporan Realisasi Anggaran Kantor Wilayah",
        "summary": "Realisasi belanja pegawai, barang dan modal per semester",
        "category": "berkala",
        "unit": "KANWIL",
        "made_on": "2026-07-01",
        "responsible": "Kepala Bagian Umum",
        "retention": "10 tahun",
        "format": "PDF",
        "legal_basis": "UU 14/2008 Pasal 9 ayat (2) huruf c",
        "url": "https://ppid.example.go.id/lra-2026-s1.pdf",
        "rhythm_months": 6,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def exemption_row(valid_until: date, ended_on: date | None = None, number: str = "SK-1/2026") -> Exemption:
    """An entry of the exemption register as the head's determination leaves it (engine.exemptions), not yet added."""
    return Exemption(
        information="Berkas pemeriksaan disiplin pegawai",
        exempted_parts="Seluruh berkas",
        letters=["h"],
        legal_basis="UU 14/2008 Pasal 17 huruf h",
        harm_test="Membuka rahasia pribadi pegawai",
        public_interest_test="Kepentingan publik tidak lebih besar",
        valid_until=valid_until,
        decree_number=number,
        decree_date=date(2026, 1, 5),
        decided_by="kepala",
        decided_as="pimpinan",
        decided_at=datetime(2026, 1, 5, 3, 0, tzinfo=UTC),
        ended_on=ended_on,
    )


@dataclass
class Keeper:
    """One transaction per step, as the web and the API do it."""

    sessions: object
    rt: Runtime

    def user(self, session, username: str) -> User:
        return session.scalar(select(User).where(User.username == username))

    def run(self, username: str, verb, *args, **kwargs):
        """``keeper.run("ppid", dip.create_item, data)``: the verb with the officer, committed; returns its result."""
        with self.sessions.begin() as session:
            result = verb(session, self.rt, self.user(session, username), *args, **kwargs)
            session.flush()
            return getattr(result, "id", result)


@pytest.fixture
def keeper(app, session_factory_, settings) -> Keeper:
    rt = Runtime(settings)
    with session_factory_.begin() as session:
        ensure_unit(session, "PENDMAD", "Bidang Pendidikan Madrasah")
        ensure_unit(session, "HUMAS", "Bagian Hubungan Masyarakat")
    return Keeper(session_factory_, rt)
