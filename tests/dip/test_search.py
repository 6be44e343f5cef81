"""Searching the list in Bahasa Indonesia: any form of a word finds the others, on SQLite and PostgreSQL alike."""

import pytest
from sqlalchemy import text

from engine import dip, search
from tests.conftest import sqlite_only
from tests.dip.conftest import item_data

ITEMS = {
    "izin": ("Izin operasional madrasah swasta", "setiap_saat", "PENDMAD"),
    "anggaran": ("Laporan realisasi anggaran semester I", "berkala", "KANWIL"),
    "pengadaan": ("Rencana umum pengadaan barang dan jasa", "setiap_saat", "KANWIL"),
    "beasiswa": ("Daftar penerima beasiswa madrasah berprestasi", "setiap_saat", "PENDMAD"),
    "banjir": ("Peringatan dini banjir di lingkungan kantor", "serta_merta", "HUMAS"),
}


@pytest.fixture
def listed(keeper):
    ids = {}
    for key, (title, category, unit) in ITEMS.items():
        data = item_data(
            title=title,
            summary="",
            category=category,
            unit=unit,
            rhythm_months=6 if category == "berkala" else None,
        )
        ids[key] = keeper.run("ppid", dip.create_item, data, publish=True)
    ids["draft"] = keeper.run(
        "ppid",
        dip.create_item,
        item_data(title="Perizinan yang belum terbit", category="setiap_saat", rhythm_months=None),
    )
    return ids


def found(keeper, query, **filters):
    with keeper.sessions() as s:
        return [i.id for i in search.search_items(s, query, **filters).items]


# The stems are Python's (Sastrawi, engine.search): each database matches a stem as a plain token, which the tests below
# prove on both (every word, the filters, a changed title, query syntax, suggestions, the triggers); these two
# @sqlite_only ran the same stem's query again for each form of a word.
@sqlite_only
@pytest.mark.parametrize("query", ["perizinan", "izin", "perizinannya", "PERIZINAN madrasah", "diizinkan"])
def test_an_inflected_word_finds_the_item_of_its_root(keeper, listed, query):
    assert found(keeper, query) == [listed["izin"]]


@sqlite_only
@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("penganggaran", "anggaran"),
        ("diadakan", "pengadaan"),
        ("penerimaan beasiswa", "beasiswa"),
        ("kebanjiran", "banjir"),
    ],
)
def test_the_words_of_the_list_are_found_through_their_stems(keeper, listed, query, key):
    assert found(keeper, query) == [listed[key]]


def test_every_word_must_match_and_drafts_are_never_found(keeper, listed):
    assert found(keeper, "izin beasiswa") == []
    assert found(keeper, "izin") == [listed["izin"]]  # the draft "Perizinan yang belum terbit" is not public


def test_browsing_filters_by_category_and_unit_without_words(keeper, listed):
    with keeper.sessions() as s:
        unit = dip.find_unit(s, "PENDMAD")
    assert set(found(keeper, "", unit_id=unit.id)) == {listed["izin"], listed["beasiswa"]}
    assert found(keeper, None, category="serta_merta") == [listed["banjir"]]
    assert found(keeper, "madrasah", category="berkala") == []


def test_a_change_of_title_is_searchable_at_once(keeper, listed):
    keeper.run(
        "ppid",
        dip.update_item,
        listed["banjir"],
        item_data(title="Peringatan gempa bumi", category="serta_merta", rhythm_months=None, unit="HUMAS"),
    )
    assert found(keeper, "banjir") == []
    assert found(keeper, "kegempaan") == [listed["banjir"]]


def test_words_that_are_query_syntax_are_only_words(keeper, listed):
    for query in ['"izin', "izin OR anggaran", "NOT izin", "izin*", "(izin)", "izin & anggaran | x", "a:b"]:
        found(keeper, query)  # no syntax error from FTS5 or to_tsquery


def test_suggestions_need_two_shared_words_before_one(keeper, listed):
    with keeper.sessions() as s:
        two = search.search_items(s, "mohon salinan daftar beasiswa madrasah tahun ini", match="two").items
        assert [i.id for i in two] == [listed["beasiswa"]]
        one = search.search_items(s, "informasi anggaran kantor cabang", match="two").items
        assert listed["anggaran"] in [i.id for i in one]


def test_the_search_index_triggers_exist_at_head(keeper, db_url):
    """A later migration rebuilding dip_item on SQLite drops them; this catches it."""
    with keeper.sessions() as s:
        if s.get_bind().dialect.name == "sqlite":
            names = set(s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
            assert {"dip_item_search_ai", "dip_item_search_ad", "dip_item_search_au"} <= names
        else:
            names = set(s.scalars(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")))
            assert "dip_item_search_vector" in names
