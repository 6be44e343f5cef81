"""The public information list at engine level: a database with the STAFF officers, a runtime, units."""

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from engine.models import User
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
        "retention": "10 tahun",
        "format": "PDF",
        "legal_basis": "UU 14/2008 Pasal 9 ayat (2) huruf c",
        "url": "https://ppid.example.go.id/lra-2026-s1.pdf",
        "rhythm_months": 6,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


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
