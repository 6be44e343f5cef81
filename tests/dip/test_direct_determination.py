"""The PPID records an exemption determination without a request (PP 61/2010 Pasal 14: the PPID classifies and runs
the consequence test before listing; an office imports decrees made before Kawal): the same fields and checks as a
determination on a refused request (engine.exemptions.check_determination), hash-chained, then cited by an exempt
item and listed in the register."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from engine import access_log, dip, exemptions
from engine.errors import Forbidden, Invalid
from engine.models import DipItem, Exemption, ExemptionEvent
from tests.dip.conftest import item_data


def determination(keeper, **overrides) -> dict:
    today = keeper.rt.today()
    data = {
        "dokumen": "Berkas pemeriksaan disiplin pegawai",
        "bagian_dikecualikan": "Seluruh berkas",
        "pasal_pengecualian": ["h"],
        "dasar_hukum": "UU 14/2008 Pasal 17 huruf h",
        "konsekuensi": "Membuka rahasia pribadi pegawai yang diperiksa",
        "kepentingan_publik": "Kepentingan publik tidak lebih besar daripada perlindungan rahasia pribadi",
        "nomor_penetapan": "KW.09/PPID/12/2019",
        "tanggal_penetapan": "2019-12-02",
        "ditetapkan_oleh": "pimpinan",
        "berlaku_sampai": (today + timedelta(days=5 * 365)).isoformat(),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def record(keeper, username, data):
    with keeper.sessions.begin() as s:
        entry = exemptions.record_direct(s, keeper.rt.forms, keeper.rt.today(), keeper.user(s, username), data)
        return entry.id


def test_a_determination_recorded_by_the_ppid_is_cited_by_an_exempt_item_and_in_the_register(keeper):
    entry_id = record(keeper, "ppid", determination(keeper))
    item_id = keeper.run(
        "ppid",
        dip.create_item,
        item_data(category="dikecualikan", rhythm_months=None, url=None, title="Berkas pemeriksaan disiplin",
                  exemption_id=entry_id),
        publish=True,
    )  # fmt: skip
    with keeper.sessions() as s:
        assert s.get(DipItem, item_id).exemption_id == entry_id
        (row,) = exemptions.register(s, keeper.rt.today())
        assert (row["id"], row["decree_number"], row["letters"], row["in_force"]) == (
            entry_id,
            "KW.09/PPID/12/2019",
            ["h"],
            True,
        )
        entry = s.get(Exemption, entry_id)
        assert (entry.decided_by, entry.case_id, entry.letter_id) == ("ppid", None, None)
        (event,) = s.scalars(select(ExemptionEvent)).all()
        assert (event.exemption_id, event.actor, event.type) == (entry_id, "ppid", "exemption_recorded")
        assert access_log.verify(s)[access_log.EXEMPTION] == access_log.ChainState(1, None)
    table = exemptions.table([row])
    assert table[1][table[0].index("Ditetapkan oleh (jabatan)")] == "Pimpinan Badan Publik"


def test_refused_input_names_every_field_and_saves_nothing(keeper):
    today = keeper.rt.today()
    bad = determination(
        keeper,
        konsekuensi="",  # the harm test is not left out
        kepentingan_publik=None,
        tanggal_penetapan=(today + timedelta(days=1)).isoformat(),  # not a decree of tomorrow
        berlaku_sampai=today.isoformat(),  # Article 20: ends after today
        pasal_pengecualian=[],
    )
    with pytest.raises(Invalid) as refused:
        record(keeper, "ppid", bad)
    fields = refused.value.fields
    assert {"konsekuensi", "kepentingan_publik", "tanggal_penetapan", "berlaku_sampai", "pasal_pengecualian"} <= set(
        fields
    )
    assert [m.code for m in fields["berlaku_sampai"]] == ["exemption_period_after_today"]
    with keeper.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Exemption)) == 0
        assert s.scalar(select(func.count()).select_from(ExemptionEvent)) == 0


def test_a_decree_number_already_in_the_register_and_a_decree_before_the_law_are_refused(keeper):
    first = record(keeper, "ppid", determination(keeper))
    with pytest.raises(Invalid) as refused:
        record(keeper, "ppid", determination(keeper, tanggal_penetapan="2007-01-02"))
    assert [m.code for m in refused.value.fields["nomor_penetapan"]] == ["decree_number_taken"]
    assert [m.code for m in refused.value.fields["tanggal_penetapan"]] == ["date_between_receipt_and_today"]
    with keeper.sessions() as s:
        assert s.scalars(select(Exemption.id)).all() == [first]


@pytest.mark.parametrize("username", ["unitmad", "auditor"])
def test_a_unit_or_an_auditor_cannot_record_a_determination(keeper, username):
    with pytest.raises(Forbidden):
        record(keeper, username, determination(keeper))
    with keeper.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Exemption)) == 0


def test_a_recorded_determination_altered_afterwards_breaks_its_chain_for_the_auditor(keeper):
    """The chain is walked with the access changes' (engine.access_log.verify: `kawal audit verify`, the auditor's
    console and the API) and anchored with them."""
    record(keeper, "ppid", determination(keeper))
    record(keeper, "ppid", determination(keeper, nomor_penetapan="KW.09/PPID/01/2020"))
    with keeper.sessions.begin() as s:
        first = s.scalars(select(ExemptionEvent).order_by(ExemptionEvent.id)).first()
        first.actor = "admin"  # who recorded it, rewritten
    with keeper.sessions() as s:
        assert access_log.verify(s)[access_log.EXEMPTION] == access_log.ChainState(2, first.id)
