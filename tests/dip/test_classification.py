"""Who says information is exempt, and who puts an item before the public (UU 14/2008 Pasal 17-19; PP 61/2010
Pasal 14; Perki 1/2021 Pasal 23 and 49): the PPID classifies, on the exemption register's determination (the
consequence test first); a unit proposes its items and the PPID publishes them."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from engine import clock, dip
from engine.errors import Forbidden, Invalid
from engine.files import Upload
from engine.models import DipItem
from tests.conftest import sqlite_only
from tests.delivery.conftest import pdf
from tests.dip.conftest import exemption_row, item_data

PDF_WITH_NIK = pdf("Daftar penerima bantuan", "Siti Aminah, NIK 3578011508900001 HP 081234567890")


def entry(keeper, number="SK-1/2026") -> int:
    with keeper.sessions.begin() as s:
        row = exemption_row(clock.now().date() + timedelta(days=365), number=number)
        s.add(row)
        s.flush()
        return row.id


def exempt(**overrides) -> dict:
    return item_data(category="dikecualikan", rhythm_months=None, url=None, title="Berkas pemeriksaan", **overrides)


# On PostgreSQL too: a title longer than its column (PostgreSQL refuses what SQLite stores). The others are
# @sqlite_only: who classifies and publishes, the register's citation, the file's personal data, the date's range,
# Python's decision over the same rows (their PostgreSQL twin ran the same Python again).
@sqlite_only
def test_a_unit_officer_may_not_declare_information_exempt(keeper):
    """`unit` listed its file as exempt on "Rahasia, menurut kepala unit" and published it: the PPID classifies."""
    with pytest.raises(Invalid) as refused:
        keeper.run("unitmad", dip.create_item, exempt(unit="PENDMAD", exemption_note="Rahasia, menurut kepala unit"))
    assert [m.code for m in refused.value.fields["category"]] == ["exempt_classified_by_ppid"]
    with pytest.raises(Invalid) as refused:
        keeper.run("unitmad", dip.create_item, exempt(unit="PENDMAD", exemption_id=entry(keeper)))
    assert "category" in refused.value.fields


@sqlite_only
def test_an_exempt_item_cites_the_determination_a_note_alone_is_refused(keeper):
    with pytest.raises(Invalid) as refused:
        keeper.run("ppid", dip.create_item, exempt(exemption_note="Pasal 17 huruf h"), publish=True)
    assert [m.code for m in refused.value.fields["exemption_id"]] == ["exempt_needs_determination"]
    keeper.run("ppid", dip.create_item, exempt(exemption_id=entry(keeper), exemption_note="Pasal 17 huruf h"))


@sqlite_only
def test_a_unit_proposes_its_item_and_the_ppid_publishes_it(keeper):
    with pytest.raises(Forbidden) as refused:
        keeper.run("unitmad", dip.create_item, item_data(unit="PENDMAD"), publish=True)
    assert refused.value.message.code == "dip_published_by_ppid"
    draft = keeper.run("unitmad", dip.create_item, item_data(unit="PENDMAD"))
    with pytest.raises(Forbidden):
        keeper.run("unitmad", dip.publish_item, draft)
    with pytest.raises(Forbidden):
        keeper.run("unitmad", dip.update_item, draft, item_data(unit="PENDMAD"), publish=True)
    keeper.run("ppid", dip.publish_item, draft)
    with pytest.raises(Forbidden):
        keeper.run("unitmad", dip.withdraw_item, draft)
    with keeper.sessions() as s:
        assert [i.id for i in dip.awaiting_publication(s)] == []
    other = keeper.run("unitmad", dip.create_item, item_data(unit="PENDMAD", title="Data madrasah"))
    with keeper.sessions() as s:
        assert [i.id for i in dip.awaiting_publication(s)] == [other]


@sqlite_only
def test_an_exempt_item_listed_on_a_note_alone_stays_and_is_flagged_for_the_ppid(keeper):
    """Items saved before the rule keep their place (nothing is deleted); the PPID's page names them, and they are not
    published again until they cite a determination."""
    with keeper.sessions.begin() as s:
        from engine.models import Unit

        unit = s.scalar(select(Unit).where(Unit.code == "PENDMAD"))
        now = clock.now()
        for status in ("published", "draft", "withdrawn"):
            s.add(
                DipItem(
                    title=f"Berkas lama {status}",
                    summary="",
                    category="dikecualikan",
                    unit_id=unit.id,
                    retention="",
                    format="",
                    legal_basis="",
                    exemption_note="Rahasia",
                    status=status,
                    created_at=now,
                    updated_at=now,
                    updated_by="ppid",
                )
            )
    with keeper.sessions() as s:
        flagged = [i.title for i in dip.lacking_determination(s)]
        draft = s.scalar(select(DipItem.id).where(DipItem.title == "Berkas lama draft"))
    assert flagged == ["Berkas lama draft", "Berkas lama published"]
    with pytest.raises(Invalid) as refused:
        keeper.run("ppid", dip.publish_item, draft)
    assert "exemption_id" in refused.value.fields


@sqlite_only
def test_a_file_with_personal_data_is_refused_until_the_officer_confirms_that_file(keeper):
    """A PDF reading "NIK 3578011508900001 HP 081234567890" was attached to a published item and given to anyone."""
    item_id = keeper.run("ppid", dip.create_item, item_data(), publish=True)
    upload = Upload("laporan.pdf", PDF_WITH_NIK)
    with pytest.raises(Invalid) as refused:
        keeper.run("ppid", dip.attach_file, item_id, upload)
    assert refused.value.message.code == "file_holds_personal_data"
    found = [str(m) for m in refused.value.fields["file"]]
    ref = dip.file_ref(PDF_WITH_NIK)
    assert found[:2] == [
        f"identity no. (NIK) 3578********0001 (p. 2; finding {ref}-1)",
        f"mobile no. 6281*****7890 (p. 2; finding {ref}-2)",
    ]
    with keeper.sessions() as s:
        assert s.get(DipItem, item_id).file_storage_key is None
    with pytest.raises(Invalid):  # a confirmation of another file does not carry over
        keeper.run("ppid", dip.attach_file, item_id, upload, confirmed="0" * 12)
    keeper.run("ppid", dip.attach_file, item_id, upload, confirmed=dip.file_ref(PDF_WITH_NIK))
    with keeper.sessions() as s:
        assert s.get(DipItem, item_id).file_name == "laporan.pdf"


@sqlite_only
def test_the_day_an_item_was_made_is_not_before_1900(keeper):
    """Waktu pembuatan 0001-01-01 and 1800-01-01 were accepted."""
    for day in ("0001-01-01", "1800-01-01", "1899-12-31"):
        with pytest.raises(Invalid) as refused:
            keeper.run("ppid", dip.create_item, item_data(made_on=day))
        assert [m.code for m in refused.value.fields["made_on"]] == ["not_before_date"]
    keeper.run("ppid", dip.create_item, item_data(made_on=date(1900, 1, 1).isoformat()))


def test_a_title_longer_than_300_characters_is_refused(keeper):
    with pytest.raises(Invalid) as refused:
        keeper.run("ppid", dip.create_item, item_data(title="A" * 20_000))
    assert "title" in refused.value.fields
