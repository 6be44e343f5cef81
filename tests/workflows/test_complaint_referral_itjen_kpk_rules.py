"""A complaint's referral and examination as legal-process.md §7.2 stages 4-7 give them.

- Stage 4 refers a complaint to the competent unit: a unit that has just answered that the report is not its matter
  is not offered again, and a re-referral naming it is refused.
- Stages 5-6 on the Inspectorate General's path: the Inspectorate clarifies and examines (audit investigasi / ADTT),
  so the team's tasks after the memo say the team records the Inspectorate's answer and its examination report.
- Stage 7: "cases with state loss >= Rp1 billion go to the KPK" ([V2] S26, a secondary description; not the text
  of UU 30/2002 jo. UU 19/2019, whose Pasal 11 sets the KPK's own competence, not a duty to refer): a follow-up other
  than referral to the KPK of a loss at or above KAWAL_KPK_REFERRAL_THRESHOLD says why (``alasan_bukan_kpk``).
- §7.3: the memo to the Inspectorate of an anonymous complaint says there is no identity on file, not that a
  request to reveal it goes through the WBS managers.
"""

import pytest
import time_machine
from sqlalchemy import select

from engine import complaint_rules, instructions, users
from engine.errors import Invalid
from engine.letters import issue
from engine.messages import Money, msg
from engine.models import HumanTask, Letter, Unit
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_letters import by_kind, letters, render_pending, text_of
from tests.workflows.test_pengaduan_paths import (
    KE_ITJEN,
    KE_UNIT,
    NOT_OURS,
    RECEIVED,
    _complete_as,
    _task,
    _unit_of,
    _verified,
    clarification,
)

MEMO = {"nomor_nota_dinas": "ND-12/Kw.13/PS.00/01/2027", "tanggal": "2027-01-11"}
EXAMINED = {"jenis": "audit_investigasi", "laporan_hasil": "Pungutan terbukti", "kerugian_negara": 1_250_000_000}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _told(office, ticket, name) -> dict:
    with office.sessions() as s:
        return instructions.for_task(s, office.rt, s.get(HumanTask, _task(office, ticket, name).id))


def _declined(office):
    ticket, _ = _verified(office)
    office.complete(ticket, "klasifikasi", KE_UNIT)  # KANWIL
    _complete_as(office, "unit", ticket, "klarifikasi_unit", NOT_OURS)
    assert office.open_tasks(ticket) == ["disposisi_ulang"]
    return ticket


def test_a_re_referral_to_the_unit_that_has_just_declined_the_complaint_is_refused_naming_it(office):
    ticket = _declined(office)
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "disposisi_ulang", {"langkah_disposisi": "unit_lain", "unit_tujuan": "KANWIL"})
    with office.sessions() as s:
        name = s.scalar(select(Unit.name).where(Unit.code == "KANWIL"))
    assert refused.value.fields == {"unit_tujuan": [msg("unit_declined_referral", unit=name)]}
    assert office.open_tasks(ticket) == ["disposisi_ulang"]
    office.complete(ticket, "disposisi_ulang", {"langkah_disposisi": "unit_lain", "unit_tujuan": "PENDMAD"})
    assert _unit_of(office, ticket) == "PENDMAD"


def test_the_re_referral_offers_every_active_unit_but_the_one_that_has_just_declined(office):
    ticket = _declined(office)
    with office.sessions() as s:
        task = s.get(HumanTask, _task(office, ticket, "disposisi_ulang").id)
        offered = [u.code for u in complaint_rules.units_offered(s, task, users.units(s, active_only=True))]
        everyone = [u.code for u in users.units(s, active_only=True)]
    assert "KANWIL" not in offered
    assert offered == [code for code in everyone if code != "KANWIL"]


def _at_itjen_clarification(office):
    ticket, _ = _verified(office)
    office.complete(ticket, "klasifikasi", KE_ITJEN)
    office.complete(ticket, "rujukan_itjen", MEMO)
    assert office.open_tasks(ticket) == ["klarifikasi"]
    return ticket


def test_after_the_memo_the_team_records_the_inspectorates_answer_and_its_examination_report(office):
    """§7.2 stages 5-6: on the Inspectorate's path the Inspectorate clarifies and examines; the team records."""
    ticket = _at_itjen_clarification(office)
    told = _told(office, ticket, "klarifikasi")
    assert "Inspektorat Jenderal" in told["id"]
    assert "jawaban Inspektorat Jenderal" in told["id"]
    assert "Inspectorate General's answer" in told["en"]
    office.complete(ticket, "klarifikasi", clarification("perlu_pemeriksaan"))
    told = _told(office, ticket, "pemeriksaan")
    assert not told["id"].startswith("Lakukan pemeriksaan")
    assert "Catat Laporan Hasil Pemeriksaan Inspektorat Jenderal" in told["id"]
    assert "Inspectorate General's examination report" in told["en"]


def test_on_the_units_path_the_team_assesses_the_units_answer_and_examines_itself(office):
    ticket, _ = _verified(office)
    office.complete(ticket, "klasifikasi", KE_UNIT)
    _complete_as(office, "unit", ticket, "klarifikasi_unit", {"tanggapan": "Pungutan tidak sesuai ketentuan"})
    told = _told(office, ticket, "klarifikasi")
    assert "Inspektorat" not in told["id"]
    assert "Inspectorate" not in told["en"]
    office.complete(ticket, "klarifikasi", clarification("perlu_pemeriksaan"))
    told = _told(office, ticket, "pemeriksaan")
    assert told["id"].startswith("Lakukan pemeriksaan")
    assert "Inspektorat" not in told["id"]


def _examined(office, loss):
    ticket = _at_itjen_clarification(office)
    office.complete(ticket, "klarifikasi", clarification("perlu_pemeriksaan"))
    office.complete(ticket, "pemeriksaan", {**EXAMINED, "kerugian_negara": loss})
    assert office.open_tasks(ticket) == ["tindak_lanjut"]
    return ticket


def test_a_loss_of_a_billion_rupiah_followed_up_otherwise_than_by_the_kpk_needs_a_reason(office):
    ticket = _examined(office, 1_000_000_000)
    with pytest.raises(Invalid) as refused:
        office.complete(ticket, "tindak_lanjut", {"tindak_lanjut": "hukuman_disiplin", "uraian": "Hukuman disiplin"})
    assert refused.value.fields == {
        "alasan_bukan_kpk": [msg("kpk_reason_required", loss=Money(1_000_000_000), threshold=Money(1_000_000_000))]
    }
    assert office.open_tasks(ticket) == ["tindak_lanjut"]
    office.complete(
        ticket,
        "tindak_lanjut",
        {
            "tindak_lanjut": "rujukan_aph",
            "uraian": "Dilaporkan ke Kejaksaan Tinggi",
            "alasan_bukan_kpk": "Kejaksaan Tinggi telah menyidik perkara yang sama.",
        },
    )
    assert office.open_tasks(ticket) == ["pemberitahuan_hasil"]


def test_a_loss_of_a_billion_rupiah_referred_to_the_kpk_needs_no_reason(office):
    ticket = _examined(office, 1_250_000_000)
    office.complete(ticket, "tindak_lanjut", {"tindak_lanjut": "rujukan_kpk", "uraian": "Dirujuk ke KPK"})
    assert office.open_tasks(ticket) == ["pemberitahuan_hasil"]


def test_a_loss_below_the_threshold_is_followed_up_without_a_reason(office):
    ticket = _examined(office, 999_999_999)
    office.complete(ticket, "tindak_lanjut", {"tindak_lanjut": "hukuman_disiplin", "uraian": "Hukuman disiplin"})
    assert office.open_tasks(ticket) == ["pemberitahuan_hasil"]


class TestTheThresholdIsTheOffices:
    @pytest.fixture
    def settings_overrides(self):
        return {"KAWAL_KPK_REFERRAL_THRESHOLD": "0"}  # the office does not apply the rule

    def test_a_threshold_of_zero_asks_no_reason(self, office):
        assert office.rt.settings.kpk_referral_threshold == 0
        ticket = _examined(office, 5_000_000_000)
        office.complete(ticket, "tindak_lanjut", {"tindak_lanjut": "hukuman_disiplin", "uraian": "Hukuman disiplin"})
        assert office.open_tasks(ticket) == ["pemberitahuan_hasil"]


@pytest.mark.parametrize(
    ("mode", "says", "never"),
    [
        (
            "anonim",
            "disampaikan secara anonim: identitas pelapor tidak kami ketahui.",
            "permintaan pembukaan identitas",
        ),
        ("rahasia", "permintaan pembukaan identitas diajukan melalui pengelola WBS", "secara anonim"),
    ],
)
def test_the_memo_of_an_anonymous_complaint_says_no_identity_is_on_file(office, mode, says, never):
    ticket, _ = _verified(office, mode)
    office.complete(ticket, "klasifikasi", KE_ITJEN)
    office.complete(ticket, "rujukan_itjen", {"tanggal": "2027-01-11"})
    with office.sessions() as s:
        memo = by_kind(letters(office, ticket))["nota_dinas_itjen"]
        issue.translate(s, office.rt, office.user(s, "tim"), s.get(Letter, memo.id), "en")
        s.commit()
    render_pending(office)
    text = text_of(office, by_kind(letters(office, ticket))["nota_dinas_itjen"])
    assert says in text
    assert never not in text
    english = next(x for x in letters(office, ticket) if x.kind == "nota_dinas_itjen" and x.locale == "en")
    words = text_of(office, english)
    assert ("submitted anonymously" in words) == (mode == "anonim")
    assert ("request to reveal it" in words) == (mode != "anonim")
