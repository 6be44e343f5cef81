"""Permenpan 5/2009's recording of a complaint (legal-process.md §7.2, stage 2): the case's location (kab/kota,
province, country) and the reporter's category, kept with the complaint and counted in its statistics and register.
"""

from __future__ import annotations

import pytest
import time_machine
from sqlalchemy import select

from engine import complaint_stats, kinds, regions, registers
from engine.errors import Invalid
from engine.models import Case, CaseFacts
from tests.conftest import sqlite_only
from tests.workflows.test_pengaduan_paths import CATAT, RECEIVED, wib

YEAR = (wib("2027-01-01"), wib("2028-01-01"))


@pytest.fixture
def clock():
    """Received on 11 January 2027, as the complaint paths' cases are."""
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _facts(office, ticket) -> CaseFacts:
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        return s.get(CaseFacts, case.id)


# On PostgreSQL too: the statistics grouped by place and category (a regency written in several ways, none recorded).
# The others are @sqlite_only: the form's checks, and the place's facts read back again.
@sqlite_only
def test_recording_a_complaint_requires_the_province_where_it_happened(office, clock):
    ticket, _ = office.complaint()
    without = {key: value for key, value in CATAT.items() if key != "provinsi_kejadian"}
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "catat_pengaduan", without)
    assert "provinsi_kejadian" in refused.value.fields
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "catat_pengaduan", {**CATAT, "provinsi_kejadian": "Jawa Timur"})  # a code, not a name
    assert "provinsi_kejadian" in refused.value.fields
    assert office.open_tasks(ticket) == ["catat_pengaduan"]  # nothing recorded meanwhile


@sqlite_only
def test_a_complaint_about_events_abroad_names_the_country(office, clock):
    """A hajj pilgrim's complaint from Saudi Arabia: no Indonesian province, the country instead."""
    ticket, _ = office.complaint()
    abroad = {**CATAT, "provinsi_kejadian": regions.ABROAD}
    abroad.pop("kabkota_kejadian")
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "catat_pengaduan", abroad)
    assert "negara_kejadian" in refused.value.fields
    office.complete(ticket, "catat_pengaduan", {**abroad, "negara_kejadian": "Arab Saudi"})
    facts = _facts(office, ticket)
    assert (facts.location_province, facts.location_regency) == ("LN", None)


def test_a_regency_typed_in_different_ways_is_counted_as_one(office, clock):
    """ "kab. malang", "KABUPATEN MALANG" and "Kabupaten  Malang" are the same place in the statistics."""
    spellings = ("kab. malang", "KABUPATEN MALANG", "Kabupaten  Malang", "Kab Malang", "kabupaten malang", "Kota Batu")
    for spelling in spellings:
        ticket, _ = office.complaint(kategori_pelapor="kelompok" if spelling == "Kota Batu" else "perorangan")
        office.complete(ticket, "catat_pengaduan", {**CATAT, "kabkota_kejadian": spelling})
    with office.sessions() as s:
        stats = complaint_stats.complaint_stats(s, *YEAR, reporter_categories=("perorangan", "kelompok", "media"))
    regencies = stats.breakdowns["regency"]
    assert (regencies["Kabupaten Malang"].raw, regencies["Kota Batu"].raw) == (5, 1)
    assert set(regencies) == {"Kabupaten Malang", "Kota Batu"}  # no other spelling listed apart
    # One complaint in Kota Batu could point to its reporter: withheld, and so is the other count, or the total
    # would give it away by subtraction.
    assert regencies["Kota Batu"].suppressed
    assert regencies["Kabupaten Malang"].suppressed
    assert stats.breakdowns["province"]["35"].value == 6
    categories = stats.breakdowns["reporter_category"]
    assert list(categories)[:3] == ["perorangan", "kelompok", "media"]  # the form's order, zeros shown
    assert (categories["perorangan"].raw, categories["kelompok"].raw, categories["media"].value) == (5, 1, 0)


# The register's query is tests/reports' on PostgreSQL; the place's round trip is the statistics' above.
@sqlite_only
def test_the_complaint_register_shows_where_it_happened_and_who_reported(office, clock):
    ticket, _ = office.complaint(kategori_pelapor="media")
    office.complete(ticket, "catat_pengaduan", {**CATAT, "kabkota_kejadian": "kota  batu"})
    with office.sessions() as s:
        [row] = registers.rows(s, office.rt, office.user(s, "wbs"), registers.Filter(kinds.COMPLAINT))
    assert (row["reporter_category"], row["location_province"], row["location_regency"]) == ("media", "35", "Kota Batu")
    assert registers.COLUMNS[kinds.COMPLAINT].index("location_province") > 0


def test_a_complaint_not_yet_recorded_counts_where_it_happened_as_unknown(office, clock):
    """So does one recorded before 0034 (its recording had no such fields): the statistics say "unknown"."""
    office.complaint()
    with office.sessions() as s:
        stats = complaint_stats.complaint_stats(s, *YEAR)
    assert stats.breakdowns["province"] == {"-": complaint_stats.Cell(1, True)}
    assert stats.breakdowns["regency"] == {"-": complaint_stats.Cell(1, True)}


def test_the_office_province_is_a_kemendagri_code():
    from engine.config import ConfigError, load_settings

    assert load_settings({"KAWAL_OFFICE_PROVINCE": "35"}).office_province == "35"
    assert load_settings({}).office_province is None
    with pytest.raises(ConfigError) as refused:
        load_settings({"KAWAL_OFFICE_PROVINCE": "Jawa Timur"})
    assert "KAWAL_OFFICE_PROVINCE must be a province's Kemendagri code" in str(refused.value)


def test_the_forms_offer_every_province_the_nik_check_knows():
    """One list of provinces: the recording and filing forms offer exactly engine.regions's (and the NIK check's)."""
    import json
    from pathlib import Path

    from engine import pii_scan

    forms = Path(__file__).resolve().parents[2] / "forms"
    recording = json.loads((forms / "pengaduan_catat_pengaduan.json").read_text())["properties"]["provinsi_kejadian"]
    filing = json.loads((forms / "pengaduan.json").read_text())["properties"]["pelapor"]["properties"]["provinsi"]
    assert recording["enum"] == [*regions.PROVINCES, regions.ABROAD]
    assert recording["x-enum-titles"] == {**regions.PROVINCES, regions.ABROAD: "Luar negeri"}
    assert filing["enum"] == recording["enum"]
    assert {int(code) for code in regions.PROVINCES} == pii_scan.PROVINCES
    assert len(regions.PROVINCES) == 38


def test_the_category_a_reporter_suggests_is_named_as_the_team_classifies_it():
    """The officers read the suggested category by the classification form's name ("Pungutan liar (pungli)"), not
    its code; the portal words it plainly for the public (api.web.portal.filing)."""
    import json
    from pathlib import Path

    forms = Path(__file__).resolve().parents[2] / "forms"
    suggested = json.loads((forms / "pengaduan.json").read_text())["properties"]["kategori_usulan"]
    classified = json.loads((forms / "pengaduan_klasifikasi.json").read_text())["properties"]["kategori"]
    for key in ("enum", "x-enum-titles", "x-enum-titles-en"):
        assert suggested[key] == classified[key], key
